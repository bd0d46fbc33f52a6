"""The evidence archive: every answer of the site saved as a WARC record that warcio reads back, within
the size caps, and each finding naming the record that proves it."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.signalmanager import SignalManager
from warcio.archiveiterator import ArchiveIterator

from auditor.model.findings import Finding
from spiders.archive import ARCHIVE_NAME, EvidenceArchive, proving_url


class _Host:
    """What a component reads of its crawler: the settings and the signals."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.signals = SignalManager()

PAGE = "http://127.0.0.1:8000/zwgk/tjxx/"
IMAGE = "http://127.0.0.1:8000/img/a.jpg"


def records(path: Path) -> list[dict]:
    with path.open("rb") as stream:
        return [
            {"type": r.rec_type, "uri": r.rec_headers.get_header("WARC-Target-URI"),
             "id": r.rec_headers.get_header("WARC-Record-ID"), "truncated": r.rec_headers.get_header("WARC-Truncated"),
             "status": r.http_headers.get_statuscode() if r.http_headers else None,
             "type_header": r.http_headers.get_header("Content-Type") if r.http_headers else None,
             "body": r.content_stream().read()}
            for r in ArchiveIterator(stream)
        ]


def test_answers_are_saved_as_warc_response_records(tmp_path: Path):
    archive = EvidenceArchive(tmp_path / ARCHIVE_NAME, 10_000, 1_000)
    body = "<html><body><p>暂无信息</p></body></html>".encode("utf-8")
    archive.save(HtmlResponse(PAGE, body=body, headers={"Content-Type": "text/html; charset=utf-8",
                                                        "Content-Encoding": "gzip"}))
    archive.save(Response(IMAGE, status=404, body=b"<h1>Not Found</h1>", headers={"Content-Type": "text/html"}))
    archive.spider_closed()
    saved = records(tmp_path / ARCHIVE_NAME)
    assert [r["type"] for r in saved] == ["warcinfo", "response", "response"]
    page, image = saved[1], saved[2]
    assert (page["uri"], page["status"], page["body"]) == (PAGE, "200", body)
    assert page["type_header"] == "text/html; charset=utf-8"
    assert (image["status"], image["body"]) == ("404", b"<h1>Not Found</h1>")
    assert archive.record_for(PAGE) == {"file": ARCHIVE_NAME, "id": page["id"], "uri": PAGE}


def test_a_body_over_the_record_cap_is_cut_and_says_so(tmp_path: Path):
    archive = EvidenceArchive(tmp_path / ARCHIVE_NAME, 10_000, 100)
    archive.save(Response(IMAGE, body=b"\xff\xd8\xff" + b"x" * 500, headers={"Content-Type": "image/jpeg"}))
    archive.spider_closed()
    saved = records(tmp_path / ARCHIVE_NAME)[1]
    assert saved["truncated"] == "length" and len(saved["body"]) == 100 and saved["body"].startswith(b"\xff\xd8\xff")


def test_past_the_archive_cap_answers_are_left_out_and_counted(tmp_path: Path):
    archive = EvidenceArchive(tmp_path / ARCHIVE_NAME, 250, 200)
    for n in range(3):
        archive.save(Response(f"{PAGE}{n}.html", body=b"a" * 120))
    archive.spider_closed()
    assert archive.stats() == {"file": ARCHIVE_NAME, "records": 2, "bytes": 240, "left_out": 1, "cap_bytes": 250}
    assert archive.record_for(f"{PAGE}2.html") == {"file": ARCHIVE_NAME, "id": None, "uri": f"{PAGE}2.html",
                                                   "left_out": True}
    assert len(records(tmp_path / ARCHIVE_NAME)) == 3  # warcinfo and the two that fit


def test_an_error_answered_again_after_a_retry_keeps_the_good_answer(tmp_path: Path):
    archive = EvidenceArchive(tmp_path / ARCHIVE_NAME, 10_000, 1_000)
    archive.save(Response(PAGE, status=503, body=b"busy"))
    first = archive.record_for(PAGE)["id"]
    archive.save(Response(PAGE, status=200, body=b"<p>ok</p>"))
    archive.save(Response(PAGE, status=200, body=b"<p>later range</p>"))  # the first good answer stays
    archive.spider_closed()
    kept = archive.record_for(PAGE)["id"]
    assert kept != first
    assert next(r for r in records(tmp_path / ARCHIVE_NAME) if r["id"] == kept)["body"] == b"<p>ok</p>"


def test_findings_name_the_record_that_proves_them(tmp_path: Path):
    archive = EvidenceArchive(tmp_path / ARCHIVE_NAME, 10_000, 1_000)
    stopped = "http://127.0.0.1:8000/zwgk/"
    for url in (stopped, PAGE, IMAGE):
        archive.save(Response(url, body=b"<p>page</p>"))
    missing = Finding("missing_column", "error", ["政府信息公开", "机关简介"], stopped, None, "栏目缺失",
                      {"segment": "机关简介", "stopped_at": {"name": "政府信息公开", "url": stopped}})
    empty = Finding("empty_section", "error", ["政府信息公开", "统计信息"], PAGE, None, "空白", {"why": "no_items"})
    broken = Finding("broken_image", "error", ["政府信息公开", "统计信息"], IMAGE, PAGE, "图片", {"reason": "empty"})
    elsewhere = Finding("stale_section", "error", ["新闻"], "http://127.0.0.1:8000/never/", None, "未更新", {})
    stats = archive.attach([missing, empty, broken, elsewhere])
    assert proving_url(broken) == IMAGE  # the medium's own bytes, not the page that embeds it
    assert missing.evidence["record"]["uri"] == stopped and empty.evidence["record"]["uri"] == PAGE
    assert broken.evidence["record"]["id"] == archive.records[IMAGE]
    assert "record" not in elsewhere.evidence
    assert stats["records"] == 3 and stats["left_out"] == 0


def test_the_archive_is_on_by_default_and_can_be_switched_off(tmp_path: Path):
    settings = Settings()
    settings.setmodule("spiders.settings")
    settings.set("AUDITOR_OUT_DIR", str(tmp_path))
    archive = EvidenceArchive.from_crawler(_Host(settings))
    assert archive.path == tmp_path / ARCHIVE_NAME and archive.max_bytes == 64 * 1024 * 1024
    assert "spiders.archive.EvidenceArchive" in settings.getdict("DOWNLOADER_MIDDLEWARES")
    settings.set("AUDITOR_ARCHIVE", False)
    with pytest.raises(NotConfigured):
        EvidenceArchive.from_crawler(_Host(settings))


def test_a_failed_write_stops_the_archive_not_the_audit(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    archive = EvidenceArchive(blocker / ARCHIVE_NAME, 10_000, 1_000)  # its folder cannot be made
    answer = Response(PAGE, body=b"<p>page</p>")
    assert archive.process_response(None, answer) is answer  # the crawl gets its answer all the same
    archive.process_response(None, Response(IMAGE, body=b"x"))
    archive.spider_closed()
    stats = archive.stats()
    assert stats["records"] == 0 and stats["left_out"] == 2 and stats["failed"]
    assert archive.record_for(PAGE)["left_out"] is True
