"""``pathaudit crawl --resume DIR``: a crawl killed with SIGKILL continues where it stopped.

The proof runs on the bundled portal over real HTTP: an uninterrupted crawl gives the reference
findings and request count; a second crawl of a fresh server is killed (SIGKILL: no handler runs,
nothing is flushed) after a third of those requests, then run again with the same DIR. Its findings
must equal the reference, and the server must have been asked for fewer pages than a whole crawl.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from sample_portal.server import serve_portal
from spiders.resume import (
    JsonCacheStorage,
    ResumeError,
    cache_settings,
    mark_finished,
    open_job,
)
from waiting import HANG_GUARD

#: faster than the polite defaults; the walk and its result do not depend on them
QUICK = ("--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
         "--set", "AUDITOR_REPORT_FORMATS=")


def crawl_args(base_url: str, spec: Path, out: Path, *extra: str) -> tuple[str, ...]:
    return ("crawl", base_url, "--spec", str(spec), "--out", str(out), "--as-of", "2021-12-01", "-q",
            *QUICK, *extra)


def test_a_killed_crawl_resumes_and_ends_with_the_findings_of_an_uninterrupted_one(
    tmp_path, liangjiang_spec, pathaudit, start_pathaudit, wait_until, comparable_findings
):
    with serve_portal() as whole:
        done = pathaudit(*crawl_args(whole.base_url, liangjiang_spec, tmp_path / "whole"))
        assert done.returncode == 1, done.stderr[-3000:]  # the portal's planted defects are errors
        whole_requests = len(whole.request_log)
        reference = comparable_findings(tmp_path / "whole" / "findings.json", whole.base_url)

    job, out = tmp_path / "job", tmp_path / "resumed"
    with serve_portal() as site:
        first = start_pathaudit(*crawl_args(site.base_url, liangjiang_spec, out, "--resume", str(job)))
        wait_until(lambda: len(site.request_log) >= whole_requests // 3 or first.poll() is not None,
                   what="a third of the crawl")
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=HANG_GUARD)
        assert first.returncode == -signal.SIGKILL
        before = len(site.request_log)

        second = pathaudit(*crawl_args(site.base_url, liangjiang_spec, out, "--resume", str(job)))
        assert second.returncode == 1, second.stderr[-3000:]
        asked_again = len(site.request_log) - before
        base_url = site.base_url

    assert "resuming the crawl kept in" in second.stderr
    resumed = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert resumed["complete"] is True
    assert resumed["stats"]["replayed"] > 0
    assert comparable_findings(out / "findings.json", base_url) == reference
    assert 0 < asked_again < whole_requests


def _storage(tmp_path: Path) -> tuple[JsonCacheStorage, Spider]:
    crawler = get_crawler(Spider, cache_settings(tmp_path))
    spider = Spider.from_crawler(crawler, name="pathwalk")
    storage = JsonCacheStorage(crawler.settings)
    storage.open_spider(spider)
    return storage, spider


def test_each_byte_range_of_a_url_is_kept_apart(tmp_path: Path):
    """Media are walked by Range requests of one URL: each range must replay its own bytes."""
    storage, spider = _storage(tmp_path)
    url = "http://127.0.0.1:9/video.mp4"
    head = Request(url, headers={"Range": "bytes=0-15"})
    tail = Request(url, headers={"Range": "bytes=1000-1015"})
    storage.store_response(spider, head, HtmlResponse(url, status=206, body=b"ftyp-bytes"))
    storage.store_response(spider, tail, HtmlResponse(url, status=206, body=b"moov-bytes", flags=["download_stopped"]))

    assert storage.retrieve_response(spider, head).body == b"ftyp-bytes"
    replayed_tail = storage.retrieve_response(spider, tail)
    assert replayed_tail.body == b"moov-bytes"
    assert replayed_tail.status == 206
    assert "download_stopped" in replayed_tail.flags  # a probe that stopped reading stays "stopped"
    assert storage.retrieve_response(spider, Request(url)) is None


def test_an_entry_is_json_metadata_and_the_raw_body_with_headers_kept(tmp_path: Path):
    storage, spider = _storage(tmp_path)
    request = Request("http://127.0.0.1:9/zwgk/")
    body = "<html>政务公开</html>".encode("gbk")
    storage.store_response(spider, request, HtmlResponse(
        request.url, body=body, headers={"Content-Type": "text/html; charset=gbk", "ETag": '"ab-1"'}))
    entry = next((tmp_path / "httpcache").rglob("meta.json")).parent
    assert sorted(p.name for p in entry.iterdir()) == ["body", "meta.json"]
    assert (entry / "body").read_bytes() == body
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    assert meta["status"] == 200 and ["Etag", '"ab-1"'] in meta["headers"]
    replayed = storage.retrieve_response(spider, request)
    assert replayed.text == "<html>政务公开</html>"
    assert replayed.headers[b"ETag"] == b'"ab-1"'


def test_an_entry_cut_short_by_a_kill_is_fetched_again_not_replayed(tmp_path: Path):
    """The body is written before the metadata: a kill in between leaves no entry at all."""
    storage, spider = _storage(tmp_path)
    request = Request("http://127.0.0.1:9/zwgk/")
    storage.store_response(spider, request, HtmlResponse(request.url, body=b"<html>column</html>"))
    entry = next((tmp_path / "httpcache").rglob("meta.json")).parent
    (entry / "meta.json").unlink()  # the state a SIGKILL between the two writes leaves
    assert storage.retrieve_response(spider, request) is None
    storage.store_response(spider, request, HtmlResponse(request.url, body=b"<html>column</html>"))
    (entry / "body").write_bytes(b"<html>col")  # a body cut short (or edited) after the fact
    assert storage.retrieve_response(spider, request) is None


@pytest.mark.parametrize("damage", [
    b"{not json", b"[]", b'{"format": 1}', "\u00ff".encode("utf-8") + b"\xff\xfe",
    b'{"format": 1, "url": "x", "status": 99999, "response_url": "http://a/", "timestamp": 1, '
    b'"headers": [], "flags": [], "body_bytes": 0}',
    b'{"format": 1, "url": "x", "status": 200, "response_url": "file:///etc/passwd", "timestamp": 1, '
    b'"headers": [], "flags": [], "body_bytes": 0}',
])
def test_an_entry_that_does_not_parse_is_refused_in_one_line(tmp_path: Path, caplog, damage: bytes):
    storage, spider = _storage(tmp_path)
    request = Request("http://127.0.0.1:9/zwgk/")
    storage.store_response(spider, request, HtmlResponse(request.url, body=b""))
    entry = next((tmp_path / "httpcache").rglob("meta.json")).parent
    (entry / "meta.json").write_bytes(damage)
    assert storage.retrieve_response(spider, request) is None
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refused) == 1 and "\n" not in refused[0].getMessage() and refused[0].exc_info is None


def test_a_pickle_planted_in_the_folder_is_never_loaded(tmp_path: Path):
    """Scrapy's own storage unpickles ``pickled_meta``: a tampered folder would run its code."""
    storage, spider = _storage(tmp_path)
    request = Request("http://127.0.0.1:9/zwgk/")
    storage.store_response(spider, request, HtmlResponse(request.url, body=b"<html>x</html>"))
    entry = next((tmp_path / "httpcache").rglob("meta.json")).parent
    witness = tmp_path / "code-ran"
    import pickle

    class Payload:
        def __reduce__(self):
            return (open, (str(witness), "w"))

    for name in ("pickled_meta", "response_data"):
        (entry / name).write_bytes(pickle.dumps(Payload()))
    (entry / "meta.json").write_bytes(pickle.dumps(Payload()))
    assert storage.retrieve_response(spider, request) is None
    assert not witness.exists()


def test_a_finished_crawl_is_not_replayed_the_next_run_starts_afresh(tmp_path: Path):
    url = "http://127.0.0.1:9/"
    fresh = open_job(tmp_path / "job", url)
    assert (fresh.cached, fresh.restarted) == (0, False)
    entry = tmp_path / "job" / "httpcache" / "pathwalk" / "ab" / "abcd"
    entry.mkdir(parents=True)
    (entry / "meta.json").touch()
    assert open_job(tmp_path / "job", url).cached == 1  # killed: the next run replays
    mark_finished(tmp_path / "job")
    again = open_job(tmp_path / "job", url)
    assert (again.cached, again.restarted) == (0, True)
    assert not entry.exists()


def test_a_resume_folder_of_another_site_is_refused_before_any_request(tmp_path, liangjiang_spec, pathaudit):
    open_job(tmp_path / "job", "http://127.0.0.1:9/")
    with serve_portal() as site:
        proc = pathaudit(*crawl_args(site.base_url, liangjiang_spec, tmp_path / "out", "--resume", str(tmp_path / "job")))
        assert site.request_log == []
    assert proc.returncode == 2
    assert "holds a crawl of http://127.0.0.1:9/" in proc.stderr and "Traceback" not in proc.stderr
    with pytest.raises(ResumeError):
        open_job(tmp_path / "job", "http://127.0.0.1:10/")


def test_a_tampered_resume_folder_is_refused_entry_by_entry_in_one_line_each(tmp_path, liangjiang_spec, pathaudit):
    """Entries edited on disk are not answers: each is named in one line and fetched again."""
    job = tmp_path / "job"
    with serve_portal() as site:
        done = pathaudit(*crawl_args(site.base_url, liangjiang_spec, tmp_path / "first", "--resume", str(job)))
        assert done.returncode == 1, done.stderr[-3000:]
        base_url = site.base_url
    # as if that crawl had been killed before its end
    (job / "job.json").write_text(json.dumps({"start_url": base_url, "finished": False}), encoding="utf-8")
    entries = sorted((job / "httpcache").rglob("meta.json"))
    tampered = entries[:3]
    for index, meta in enumerate(tampered):
        meta.write_bytes([b"\x80\x04\x95 pickle", b"{", b'{"format": 1, "status": "200"}'][index])
    with serve_portal(port=int(base_url.rsplit(":", 1)[1].strip("/"))) as site:
        again = pathaudit("crawl", site.base_url, "--spec", str(liangjiang_spec), "--out", str(tmp_path / "again"),
                          "--as-of", "2021-12-01", *QUICK, "--resume", str(job))
        asked = len(site.request_log)
    assert again.returncode == 1, again.stderr[-3000:]
    assert "Traceback" not in again.stderr
    refused = [line for line in again.stderr.splitlines() if "refused" in line]
    assert len(refused) == len(tampered)
    assert {str(m.parent) for m in tampered} == {next(w for w in line.split() if w.startswith("/")) for line in refused}
    assert 0 < asked < len(entries)
    assert json.loads((tmp_path / "again" / "findings.json").read_text(encoding="utf-8"))["complete"] is True
