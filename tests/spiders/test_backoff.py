"""The wait before each retry doubles, honours Retry-After, and never exceeds its cap."""

from __future__ import annotations

from scrapy.http import Response

from spiders.backoff import backoff_seconds, retry_after_seconds


def test_the_wait_doubles_per_retry_up_to_the_cap():
    assert [backoff_seconds(n, 1.0, 5.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]


def test_retry_after_wins_when_longer_within_the_cap():
    assert backoff_seconds(1, 1.0, 30.0, retry_after=12) == 12
    assert backoff_seconds(1, 1.0, 30.0, retry_after=120) == 30
    assert backoff_seconds(2, 1.0, 30.0, retry_after=0) == 2


def test_no_back_off_configured_means_no_wait():
    assert backoff_seconds(3, 0.0, 30.0) == 0.0


def test_retry_after_is_read_in_seconds_only():
    assert retry_after_seconds(Response("http://h/", headers={"Retry-After": "7"})) == 7.0
    assert retry_after_seconds(Response("http://h/", headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) is None
    assert retry_after_seconds(Response("http://h/")) is None and retry_after_seconds(None) is None
