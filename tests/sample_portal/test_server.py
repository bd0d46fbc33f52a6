"""The loopback server speaks HTTP as a static web server does, and plays its planted behaviours."""

from __future__ import annotations

import pytest

from pathaudit.loopback.server import RangeNotSatisfiable, parse_range
from sample_portal.server import serve_portal


@pytest.fixture(scope="module")
def video_url(built_portal) -> str:
    return next(url for url, r in built_portal.files.items() if r.content_type == "video/mp4"
                and url not in {d["url"] for d in built_portal.manifest["defects"]})


def test_the_home_page_is_html_with_length_and_charset(sample_portal, fetch):
    answer = fetch(sample_portal.base_url)
    assert answer.status == 200
    assert answer.content_type == "text/html; charset=utf-8"
    assert int(answer.headers["content-length"]) == len(answer.body)
    assert "<title>首页_" in answer.text()
    assert sample_portal.base_url.startswith("http://127.0.0.1:") and sample_portal.base_url.endswith("/")


def test_a_missing_page_answers_a_real_404_page(sample_portal, fetch):
    answer = fetch(sample_portal.url("/xxgk/no-such-column/"))
    assert answer.status == 404
    assert "页面不存在" in answer.text()


def test_a_directory_without_its_slash_is_redirected(sample_portal, fetch):
    answer = fetch(sample_portal.url("/xxgk"))
    assert answer.status == 301 and answer.headers["location"] == "/xxgk/"


def test_head_gives_the_headers_without_a_body(sample_portal, fetch, built_portal, video_url):
    answer = fetch(sample_portal.url(video_url), method="HEAD")
    assert answer.status == 200 and answer.body == b""
    assert int(answer.headers["content-length"]) == len(built_portal.files[video_url].body)
    assert answer.headers["accept-ranges"] == "bytes"
    assert answer.content_type == "video/mp4"


@pytest.mark.parametrize("header, first, last", [("bytes=0-99", 0, 99), ("bytes=100-", 100, None),
                                                  ("bytes=-50", -50, None), ("bytes=10-999999999", 10, None)])
def test_single_byte_ranges_answer_206_with_the_right_bytes(sample_portal, fetch, built_portal, video_url,
                                                            header, first, last):
    body = built_portal.files[video_url].body
    answer = fetch(sample_portal.url(video_url), headers={"Range": header})
    expected = body[first : None if last is None else last + 1]
    assert answer.status == 206
    assert answer.body == expected
    start = first if first >= 0 else len(body) + first
    assert answer.headers["content-range"] == f"bytes {start}-{start + len(expected) - 1}/{len(body)}"


def test_a_range_past_the_end_answers_416(sample_portal, fetch, built_portal, video_url):
    size = len(built_portal.files[video_url].body)
    answer = fetch(sample_portal.url(video_url), headers={"Range": f"bytes={size}-"})
    assert answer.status == 416
    assert answer.headers["content-range"] == f"bytes */{size}"


def test_several_ranges_get_the_whole_file(sample_portal, fetch, built_portal, video_url):
    answer = fetch(sample_portal.url(video_url), headers={"Range": "bytes=0-1,5-9"})
    assert answer.status == 200 and answer.body == built_portal.files[video_url].body


def test_parse_range_rules():
    assert parse_range("", 100) is None
    assert parse_range("bytes=5-1", 100) is None
    assert parse_range("bytes=500-100", 100) is None
    assert parse_range("items=0-1", 100) is None
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=-0", 10)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=0-", 0)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=100-200", 100)
    assert parse_range("bytes=-500", 100) == (0, 99)


def test_etag_revalidation_answers_304(sample_portal, fetch):
    first = fetch(sample_portal.url("/css/style.css"))
    assert first.headers["etag"] and first.headers["last-modified"].endswith("GMT")
    again = fetch(sample_portal.url("/css/style.css"), headers={"If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.body == b""


def test_the_json_endpoint_answers_whatever_the_parameter_order(sample_portal, fetch, built_portal):
    key = next(k for k in built_portal.files if k.startswith("/module/web/jpage/dataproxy.jsp?"))
    path, _, query = key.partition("?")
    shuffled = "&".join(reversed(query.split("&")))
    answer = fetch(sample_portal.url(f"{path}?{shuffled}"), method="POST")
    assert answer.status == 200 and b"<recordset>" in answer.body


def test_the_server_error_page_fails_once_per_server(built_portal, fetch):
    behaviour = next(b for b in built_portal.behaviours if b.kind == "server_error_once")
    for _ in range(2):  # each new server starts afresh
        with serve_portal(built_portal) as running:
            statuses = [fetch(running.url(behaviour.url)).status for _ in range(3)]
            assert statuses == [500, 200, 200]
            assert [entry[2] for entry in running.request_log] == [500, 200, 200]


def test_the_slow_page_and_a_global_latency_still_answer(built_portal, fetch):
    slow = next(b for b in built_portal.behaviours if b.kind == "slow")
    assert slow.delay_seconds >= 1
    with serve_portal(built_portal, latency_ms=5) as running:
        assert fetch(running.url(slow.url)).status == 200
        assert fetch(running.base_url).status == 200


def test_the_request_log_records_method_target_and_status(built_portal, fetch):
    with serve_portal(built_portal) as running:
        fetch(running.base_url, method="HEAD")
        fetch(running.url("/nothing-here.html"))
        assert running.request_log == [("HEAD", "/", 200), ("GET", "/nothing-here.html", 404)]


def test_a_port_in_use_is_refused(built_portal):
    with serve_portal(built_portal) as running, pytest.raises(OSError), serve_portal(built_portal, port=running.port):
        pass
