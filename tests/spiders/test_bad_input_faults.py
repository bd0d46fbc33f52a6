"""Server faults: each column reported unverified with its own reason, never missing or empty.

The corpus crawl runs with DOWNLOAD_TIMEOUT=1, RETRY_TIMES=2 and a 0.05 s back-off.
"""

from __future__ import annotations


def test_a_5xx_is_retried_with_back_off_then_reported_with_the_retries(badsite_crawl):
    assert badsite_crawl.path("人事信息")["status"] == "unverified"
    assert badsite_crawl.unverified_reason("人事信息") == "HTTP 503 after 2 retries"
    assert len(badsite_crawl.targets("/rsxx/")) == 3  # the first answer and two retries


def test_a_time_out_is_retried_then_reported(badsite_crawl):
    assert badsite_crawl.path("财政信息")["status"] == "unverified"
    assert badsite_crawl.unverified_reason("财政信息") == "timeout after 2 retries"


def test_a_reset_connection_is_retried_then_reported(badsite_crawl):
    assert badsite_crawl.path("行政许可")["status"] == "unverified"
    assert badsite_crawl.unverified_reason("行政许可") == "connection reset after 2 retries"
    # three attempts; Twisted's connection pool may itself retry a reused connection once each
    assert 3 <= len(badsite_crawl.targets("/xzxk/")) <= 6


def test_a_redirect_loop_is_reported_as_one(badsite_crawl):
    assert badsite_crawl.path("行政处罚")["status"] == "unverified"
    assert badsite_crawl.unverified_reason("行政处罚") == "redirect loop"


def test_a_redirect_to_another_host_is_not_followed_and_says_where_it_went(badsite_crawl):
    assert badsite_crawl.path("政府采购")["status"] == "unverified"
    assert "localhost" in badsite_crawl.unverified_reason("政府采购")


def test_a_403_is_a_refusal_not_an_absence(badsite_crawl):
    assert badsite_crawl.path("重大项目")["status"] == "unverified"
    assert badsite_crawl.unverified_reason("重大项目") == "HTTP 403 (access refused)"


def test_faults_never_become_missing_or_empty_findings(badsite_crawl):
    for segments in (("人事信息",), ("财政信息",), ("行政许可",), ("行政处罚",), ("政府采购",), ("重大项目",)):
        kinds = {f["kind"] for f in badsite_crawl.findings_for(*segments)}
        assert kinds == {"unverified"}, segments
