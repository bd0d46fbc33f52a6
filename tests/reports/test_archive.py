"""The saved copies read back for the report: pages made inert, media as their first bytes, and the
report saying what the archive's cap left out."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from auditor.model.findings import FindingsReport
from reports import render
from reports.archive import SavedRecord, read_archive, snapshot, thumbnail

HOSTILE = """<html><head><meta charset="gbk"><title>政策解读</title><link rel="stylesheet" href="/a.css">
<style>body{background:url(http://evil.example/x.png)}</style><script>alert(1)</script></head>
<body onload="steal()"><iframe src="http://evil.example/"></iframe>
<h1 style="color:red" class="title">政策解读</h1><ul><li><a href="/zcjd/1.html" onclick="x()">暂无信息</a></li></ul>
<img src="http://evil.example/track.gif" alt="两江新区"><img src="/x.png"><form action="/s"><input name="q"></form>
<object data="a.swf"></object><!-- 注释 --></body></html>"""


def record(body: bytes, content_type: str = "text/html") -> SavedRecord:
    return SavedRecord("<urn:uuid:1>", "http://127.0.0.1/zcjd/", "2021-06-20T01:00:00Z", 200, content_type, body, False)


def test_a_snapshot_keeps_the_text_and_nothing_that_runs_or_loads():
    markup = snapshot(record(HOSTILE.encode("gbk")))
    doc = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert "政策解读" in doc.text_content() and "暂无信息" in doc.text_content()  # decoded by the page's charset
    assert "两江新区" in doc.text_content()  # an image's alt text stands in for it
    for tag in ("script", "style", "link", "iframe", "img", "object", "form", "input"):
        assert doc.xpath(f"//{tag}") == [], tag
    assert not [a for e in doc.iter() for a in e.attrib if a not in ("alt", "title", "colspan", "rowspan", "class")]
    assert "evil.example" not in markup and "注释" not in markup


def test_the_first_bytes_say_what_a_broken_file_really_is():
    page = record(b"<!DOCTYPE html><html><body>404</body></html>", "image/jpeg")
    assert page.sniffed == "html" and page.first_bytes(4) == "3c 21 44 4f"
    assert record(b"", "image/png").sniffed == ""
    assert thumbnail(page) is None  # not an image: no thumbnail, never an error


def test_the_report_says_what_the_archives_cap_left_out(liangjiang, archive_writer, tmp_path: Path):
    report = archive_writer(FindingsReport.from_dict(liangjiang()), tmp_path, max_bytes=3000)
    archive = report.stats["archive"]
    assert archive["left_out"] > 0 and archive["records"] > 0
    doc = lxml.html.document_fromstring(render(report, "html", "zh", None, tmp_path))
    assert "因容量上限" in doc.get_element_by_id("archive-summary").text_content()
    left_out = [d for d in doc.xpath("//details[@class='saved']") if "未存档（超出存档容量上限）" in d.text_content()]
    assert left_out, "no finding says its evidence was left out"
    assert "因容量上限" in render(report, "md", "zh")


def test_without_the_archive_file_the_report_says_so(archived_report, tmp_path: Path):
    report, _ = archived_report
    assert read_archive(tmp_path / "elsewhere" / "evidence.warc.gz") is None
    doc = lxml.html.document_fromstring(render(report, "html", "zh", None, tmp_path / "elsewhere"))
    assert "本次抓取未保存存档" in doc.get_element_by_id("archive-summary").text_content()
    assert doc.xpath("//iframe") == []


# --- decoding a saved page: Beautiful Soup's UnicodeDammit (benchmarks/charset_decoders.py) -------------
TRADITIONAL = "<html><body><h1>臺北市政府 資訊公開</h1><ul>" + "<li>法規命令 施政計畫 預算決算 公告事項</li>" * 40 + "</ul></body></html>"
SIMPLIFIED = "<html><body><h1>政府信息公开 规划信息</h1><p>朱镕基 王堃 李喆</p>" + "<p>通知公告 政策解读</p>" * 40 + "</body></html>"


@pytest.mark.parametrize(
    ("text", "charset", "content_type"),
    [
        (TRADITIONAL, "big5", "text/html"),  # no label anywhere (was read as GB18030: mojibake)
        (TRADITIONAL, "big5", "text/html; charset=utf-8"),  # a Big5 page served as UTF-8
        (SIMPLIFIED, "gbk", "text/html; charset=gb2312"),  # GBK beyond GB2312 (镕 堃 喆) labelled gb2312
        (SIMPLIFIED.replace("<html>", '<html><meta charset="utf-8">'), "utf-8", "text/html; charset=iso-8859-1"),
    ],
)
def test_a_saved_page_reads_in_its_real_charset(text: str, charset: str, content_type: str):
    from reports.archive import page_text

    assert page_text(record(text.encode(charset), content_type)) == text


def test_the_snapshot_shows_the_chrome_the_page_declares_small_by_its_own_tags():
    """Without the page reader: <header>/<nav>/<footer> keep their tags (the snapshot's stylesheet
    shows them small); a class name marks nothing."""
    page = "<html><body><nav><a href='/'>首页</a></nav><div class='list'><p>通知公告</p></div><footer>版权</footer></body></html>"
    doc = lxml.html.fragment_fromstring(snapshot(record(page.encode("utf-8"))), create_parent="div")
    assert [e.tag for e in doc.iter("nav", "footer")] == ["nav", "footer"]
    assert not doc.xpath("//*[@class]")


def test_one_picture_at_several_addresses_gets_one_thumbnail_made():
    """A portal serves one picture under many addresses: its thumbnail is made once, the same for
    each; another picture gets its own."""
    import io
    from unittest import mock

    from PIL import Image

    from reports import archive

    def png(colour: tuple[int, int, int]) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (320, 240), colour).save(out, "PNG")
        return out.getvalue()

    red, blue = png((200, 0, 0)), png((0, 0, 200))
    made = archive.Thumbnails()
    with mock.patch.object(archive, "thumbnail", wraps=archive.thumbnail) as scaled:
        shown = [made.of(record(body, "image/png")) for body in (red, bytes(red), blue, red)]
    assert scaled.call_count == 2
    assert shown[0] == shown[1] == shown[3] == thumbnail(record(red, "image/png")) != shown[2]
    assert shown[2] == thumbnail(record(blue, "image/png")) and shown[0].startswith("data:image/jpeg;base64,")
