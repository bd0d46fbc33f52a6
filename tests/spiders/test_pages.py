"""Each kind of answer becomes a Page with an honest verdict: real Scrapy responses and failures."""

from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from spiders.pages import page_from_failure, page_from_response

URL = "http://portal.invalid/zwgk/ghxx/"


def response(body: str | bytes, status: int = 200, url: str = URL, headers: dict | None = None, **meta) -> HtmlResponse:
    request = Request(meta.pop("asked", url), meta={"pa_url": meta.pop("asked_pa", url), **meta})
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return HtmlResponse(url, status=status, body=raw, headers=headers or {"Content-Type": "text/html; charset=utf-8"}, request=request)


def failure(error: Exception, **meta) -> Failure:
    try:
        raise error
    except Exception:
        caught = Failure()
    caught.request = Request(URL, meta={"pa_url": URL, **meta})  # as Scrapy hands it to an errback
    return caught


def test_an_ignore_request_of_an_unknown_guard_is_a_refusal():
    page = page_from_failure(failure(IgnoreRequest("redirect to another host: elsewhere.invalid")), URL)
    assert (page.ok, page.refused, page.reason.code) == (False, True, "request_refused")


def test_robots_txt_and_redirect_limits_are_named():
    assert str(page_from_failure(failure(IgnoreRequest("Forbidden by robots.txt")), URL).reason) == "robots.txt disallows"
    loop = failure(IgnoreRequest("max redirections reached"), redirect_urls=[URL, URL + "a/", URL])
    assert str(page_from_failure(loop, URL).reason) == "redirect loop"
    chain = failure(IgnoreRequest("max redirections reached"), redirect_urls=[URL + str(n) for n in range(10)])
    assert str(page_from_failure(chain, URL).reason) == "too many redirects (10)"


def test_time_outs_count_their_retries_and_a_cancelled_download_names_the_cap():
    assert str(page_from_failure(failure(DownloadTimeoutError("took longer"), retry_times=2), URL).reason) == "timeout after 2 retries"
    assert str(page_from_failure(failure(DownloadTimeoutError("took longer")), URL).reason) == "timeout"
    big = failure(DownloadCancelledError("Expected to receive 524288000 bytes which is larger than download max size (33554432) in request"))
    assert str(page_from_failure(big, URL).reason) == "page larger than 32 MB"
    assert str(page_from_failure(failure(DownloadCancelledError("")), URL, max_bytes=1048576).reason) == "page larger than 1 MB"


def test_a_redirect_scrapy_could_not_follow():
    answer = Response(URL, status=302, request=Request(URL, meta={"pa_url": URL}))
    page = page_from_failure(failure(HttpError(answer, "Ignoring non-200 response")), URL)
    assert str(page.reason) == "redirect (HTTP 302) not followed" and page.refused


def test_statuses():
    assert str(page_from_response(response("<p>x</p>", 503, retry_times=2)).reason) == "HTTP 503 after 2 retries"
    gone = page_from_response(response("<h1>Not Found</h1>", 404))
    assert (str(gone.reason), gone.refused, gone.soft_404) == ("HTTP 404", False, False)
    assert page_from_response(response("<p>x</p>", 403)).refused


def test_a_gbk_page_served_as_utf_8_is_read_right():
    body = '<html><head><meta charset="gbk"></head><body><a href="zxgh/">专项规划</a></body></html>'.encode("gbk")
    page = page_from_response(response(body))
    assert page.ok and [link.text for link in page.links] == ["专项规划"]


def test_a_deleted_article_refreshing_to_its_column_is_a_soft_404():
    asked = URL + "202111/t20211101_1.html"
    answer = response("<ul><li>x</li></ul>", asked=URL, asked_pa=asked, redirect_reasons=["meta refresh"])
    page = page_from_response(answer)
    assert (page.ok, page.soft_404, page.refused) == (False, True, False)
    assert str(page.reason) == f"soft 404: meta refresh to the parent column ({URL})"


def test_a_redirect_to_the_walks_home_page_is_a_soft_404_except_for_the_home_page_itself():
    home = "http://portal.invalid/portal/index.html"
    moved = page_from_response(response("<p>首页</p>", url=home, asked_pa=URL, redirect_reasons=[302]), {home})
    assert str(moved.reason) == "soft 404: redirected to the home page"
    itself = page_from_response(response("<p>首页</p>", url=home, asked_pa=home), {home})
    assert itself.ok


def test_compression_failures_are_named_for_the_inspector_not_by_their_exception():
    """A page whose gzip is corrupt, or that inflates past DOWNLOAD_MAXSIZE, reads as such; never
    ``BadGzipFile`` or Scrapy's "Ignored response … exceeded DOWNLOAD_MAXSIZE"."""
    import gzip

    from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
    from scrapy.utils.test import get_crawler

    middleware = HttpCompressionMiddleware.from_crawler(get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": 1024}))
    bomb = HtmlResponse(URL, body=gzip.compress(b"<p>" * 100_000), headers={"Content-Encoding": "gzip"})
    broken = HtmlResponse(URL, body=b"\x1f\x8b\x08\x00garbage", headers={"Content-Encoding": "gzip"})
    reasons = []
    for answer in (bomb, broken):
        try:
            middleware.process_response(Request(URL), answer)
        except Exception as error:  # as the errback receives it
            reasons.append(page_from_failure(failure(error), URL).reason)
    assert [r.code for r in reasons] == ["decoded_too_large", "bad_compression"]
    for reason in reasons:
        for lang in ("zh", "en"):
            assert "DOWNLOAD_MAXSIZE" not in reason.sentence(lang) and "Gzip" not in reason.sentence(lang)
