"""Pages over DOWNLOAD_MAXSIZE (1 MB in the corpus crawl) are not downloaded: unverified, with the cap."""

from __future__ import annotations

MEGABYTE = 1024 * 1024


def test_a_page_announcing_500_mb_is_refused_before_its_body(badsite_crawl, badsite_module):
    assert badsite_crawl.path("视频新闻")["status"] == "unverified"
    assert badsite_crawl.unverified_reason("视频新闻") == "page larger than 1 MB"
    sent = [bytes_sent for _, target, _, bytes_sent in badsite_crawl.requests if target == "/huge/"]
    assert sent and max(sent) < 64 * MEGABYTE < badsite_module.HUGE_BYTES


def test_a_page_without_length_is_cut_at_the_cap(badsite_crawl):
    assert badsite_crawl.path("直播回放")["status"] == "unverified"
    assert badsite_crawl.unverified_reason("直播回放") == "page larger than 1 MB"
    sent = [bytes_sent for _, target, _, bytes_sent in badsite_crawl.requests if target == "/stream/"]
    assert sent and max(sent) < 64 * MEGABYTE
