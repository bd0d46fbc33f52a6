"""The evidence archive: every answer of the site saved as a WARC record that warcio reads back, within
the size caps, and each finding naming the record that proves it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.signalmanager import SignalManager
from warcio.archiveiterator import ArchiveIterator

from auditor.model.findings import Finding
from auditor.model.warc_index import index_path, read_index
from reports.archive import read_archive
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


# --- the offset index: a report seeks to the records it shows ------------------------------------------
def _three_answers(folder: Path) -> EvidenceArchive:
    archive = EvidenceArchive(folder / ARCHIVE_NAME, 100_000, 10_000)
    archive.save(HtmlResponse(PAGE, body="<p>统计信息</p>".encode("utf-8"), headers={"Content-Type": "text/html"}))
    archive.save(Response(PAGE + "other.html", body=b"<p>" + bytes(range(256)) * 20 + b"</p>"))
    archive.save(Response(IMAGE, body=b"\xff\xd8\xff" + b"j" * 300, headers={"Content-Type": "image/jpeg"}))
    archive.spider_closed()
    return archive


def test_the_index_says_where_each_saved_answer_starts(tmp_path: Path):
    archive = _three_answers(tmp_path)
    index = read_index(tmp_path / ARCHIVE_NAME)
    assert index is not None and [e.uri for e in index] == [PAGE, PAGE + "other.html", IMAGE]
    with (tmp_path / ARCHIVE_NAME).open("rb") as stream:
        for entry in index:
            assert entry.id == archive.records[entry.uri]
            stream.seek(entry.offset)
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_headers.get_header("WARC-Record-ID") == entry.id


def test_a_report_reads_the_records_it_shows_where_the_index_says_not_those_between(tmp_path: Path):
    """A record the report does not show is never read: spoil one in the middle (its bytes, not the
    file's size) and the two around it still read, by their offsets. Read from the start, the
    archive stops at the spoilt record."""
    archive = _three_answers(tmp_path)
    path = tmp_path / ARCHIVE_NAME
    starts = {entry.uri: entry.offset for entry in read_index(path)}
    data = bytearray(path.read_bytes())
    data[starts[PAGE + "other.html"]:starts[IMAGE]] = bytes(starts[IMAGE] - starts[PAGE + "other.html"])
    path.write_bytes(bytes(data))
    saved = read_archive(path, ids=[archive.records[IMAGE]], uris=[PAGE])
    assert saved is not None
    assert saved.for_uri(PAGE).body == "<p>统计信息</p>".encode("utf-8")
    assert saved.get(archive.records[IMAGE]).body == b"\xff\xd8\xff" + b"j" * 300
    assert saved.get(archive.records[IMAGE]).content_type == "image/jpeg"


def test_an_index_that_does_not_fit_its_archive_is_not_used(tmp_path: Path):
    """Offsets that point at other records (an index copied beside another archive of the same size),
    or no index at all (a crawl killed hard, or a new run's archive not yet closed): the archive is
    read from the start, with the same result."""
    archive = _three_answers(tmp_path)
    path = tmp_path / ARCHIVE_NAME
    wanted_ids, wanted_uris = [archive.records[IMAGE]], [PAGE, PAGE + "other.html"]
    expected = read_archive(path, wanted_ids, wanted_uris)
    assert expected is not None and len(expected.by_id) == 3
    document = json.loads(index_path(path).read_text(encoding="utf-8"))
    document["records"][0][0], document["records"][2][0] = document["records"][2][0], document["records"][0][0]
    index_path(path).write_text(json.dumps(document), encoding="utf-8")
    assert read_archive(path, wanted_ids, wanted_uris) == expected
    again = EvidenceArchive(path, 100_000, 10_000)  # the next run, killed before its archive closes
    again.save(Response(PAGE, body=b"<p>later</p>"))
    assert not index_path(path).exists()
    assert read_archive(path, uris=[PAGE]).for_uri(PAGE).body == b"<p>later</p>"
