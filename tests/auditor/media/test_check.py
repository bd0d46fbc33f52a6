"""The verdict the spider asks for, on real bytes as servers send them."""

from __future__ import annotations

import random

import pytest

from auditor.media.check import judge
from auditor.media.mp4 import Mp4Walker
from auditor.media.verdict import REASONS

BASE = "http://www.example.gov.cn/zwgk/202106/"


def whole(kind, name, data, content_type=None):
    return judge(kind, BASE + name, 200, content_type, data, len(data), True)


# --- any kind ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["image", "video", "audio", "attachment"])
def test_http_errors(kind) -> None:
    verdict = judge(kind, BASE + "x.bin", 404, "text/html", b"<html>404</html>", 16, True)
    assert (verdict.ok, verdict.reason, verdict.detail) == (False, "http_status", "HTTP 404")


@pytest.mark.parametrize("kind", ["image", "video", "audio", "attachment"])
def test_zero_bytes(kind) -> None:
    assert judge(kind, BASE + "x.bin", 200, None, b"", 0, True).reason == "empty"
    assert judge(kind, BASE + "x.bin", 200, None, b"", None, True).reason == "empty"


@pytest.mark.parametrize(("kind", "name"), [("image", "a.jpg"), ("video", "a.mp4"), ("audio", "a.mp3"), ("attachment", "a.pdf")])
def test_an_html_page_instead_of_the_medium(media, kind, name) -> None:
    verdict = whole(kind, name, media.html_error_page())
    assert (verdict.ok, verdict.reason, verdict.format) == (False, "wrong_type", "html")


def test_served_as_text_html(media) -> None:
    verdict = whole("image", "a.png", media.png(), content_type="text/html; charset=utf-8")
    assert (verdict.ok, verdict.reason) == (False, "wrong_type")


def test_fewer_bytes_than_declared_in_a_complete_download(media) -> None:
    data = media.mp3()
    verdict = judge("audio", BASE + "a.mp3", 200, "audio/mpeg", data[:3000], len(data), True)
    assert (verdict.ok, verdict.reason) == (False, "truncated")
    assert f"3000 of {len(data)}" in verdict.detail


def test_garbage_never_raises() -> None:
    rng = random.Random(7)
    for kind in ("image", "video", "audio", "attachment"):
        for size in (1, 7, 15, 64, 999):
            data = rng.randbytes(size)
            for complete in (True, False):
                verdict = judge(kind, BASE + "x.bin", 200, None, data, size * 3, complete)
                assert verdict.ok in (True, False, None)
                assert verdict.reason is None or verdict.reason in REASONS


# --- images -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("builder", "name"), [("png", "a.png"), ("jpeg", "a.jpg"), ("gif", "a.gif"), ("webp", "a.webp")])
def test_good_images(media, builder, name) -> None:
    verdict = whole("image", name, getattr(media, builder)(), content_type="image/" + builder)
    assert (verdict.ok, verdict.reason) == (True, None)
    assert verdict.width and verdict.height


def test_truncated_jpeg(media) -> None:
    data = media.jpeg()[:1500]
    verdict = whole("image", "a.jpg", data)
    assert (verdict.ok, verdict.reason, verdict.format) == (False, "truncated", "jpeg")


def test_pdf_served_as_jpg(media) -> None:
    verdict = whole("image", "photo.jpg", media.pdf(), content_type="image/jpeg")
    assert (verdict.ok, verdict.reason, verdict.format) == (False, "wrong_type", "pdf")


def test_image_larger_than_the_download_limit_is_judged_by_its_header(media) -> None:
    data = media.jpeg(800, 600)
    verdict = judge("image", BASE + "big.jpg", 200, "image/jpeg", data[:1000], 50_000_000, False)
    assert (verdict.ok, verdict.width, verdict.height) == (True, 800, 600)
    assert "header only" in verdict.detail


def test_tiff_does_not_display_in_most_browsers() -> None:
    from PIL import Image
    import io

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(out, "TIFF")
    verdict = whole("image", "scan.tif", out.getvalue())
    assert (verdict.ok, verdict.reason, verdict.format) == (False, "unplayable_format", "tiff")


# --- video ------------------------------------------------------------------------------------------------------
def test_whole_mp4(media) -> None:
    verdict = whole("video", "v.mp4", media.mp4(), content_type="video/mp4")
    assert (verdict.ok, verdict.format, verdict.needs) == (True, "mp4", None)


def test_mp4_without_moov(media) -> None:
    verdict = whole("video", "v.mp4", media.ftyp() + media.mdat())
    assert (verdict.ok, verdict.reason) == (False, "truncated")


def test_mp4_cut_mid_mdat_seen_from_its_first_range(media) -> None:
    cut = media.mp4()[:3000]
    verdict = judge("video", BASE + "v.mp4", 206, "video/mp4", cut[:1024], len(cut), False)
    assert (verdict.ok, verdict.reason, verdict.needs) == (False, "truncated", None)


def test_faststart_mp4_from_a_leading_range_asks_for_more_then_passes(media) -> None:
    data = media.mp4(faststart=True)
    head = data[:100]
    verdict = judge("video", BASE + "v.mp4", 206, "video/mp4", head, len(data), False)
    assert verdict.ok is None and verdict.needs is not None
    # the protocol the spider follows
    walker = Mp4Walker(len(data))
    walker.feed(0, head)
    assert walker.next_range() == verdict.needs
    while (wanted := walker.next_range()) is not None:
        walker.feed(wanted[0], data[wanted[0] : wanted[0] + wanted[1]])
    assert walker.verdict().ok is True


def test_mp4_size_unknown_cannot_be_walked(media) -> None:
    verdict = judge("video", BASE + "v.mp4", 200, "video/mp4", media.mp4()[:100], None, False)
    assert (verdict.ok, verdict.needs) == (None, None)


@pytest.mark.parametrize(("builder", "fmt"), [("swf", "swf"), ("flv", "flv")])
def test_flash_era_videos_are_unplayable(media, builder, fmt) -> None:
    verdict = whole("video", "v." + fmt, getattr(media, builder)())
    assert (verdict.ok, verdict.reason, verdict.format) == (False, "unplayable_format", fmt)


def test_an_mp4_behind_an_flv_name_plays(media) -> None:
    assert whole("video", "old.flv", media.mp4()).ok is True


def test_webm_sizes(media) -> None:
    good = media.webm(segment_size=500, payload=500)
    assert whole("video", "v.webm", good).ok is True
    cut = media.webm(segment_size=5000, payload=500)
    verdict = whole("video", "v.webm", cut)
    assert (verdict.ok, verdict.reason) == (False, "truncated")


def test_hls_playlist() -> None:
    verdict = whole("video", "live.m3u8", b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow/index.m3u8\n")
    assert (verdict.ok, verdict.format) == (True, "m3u8")


def test_a_picture_as_video(media) -> None:
    assert whole("video", "v.mp4", media.png()).reason == "wrong_type"


# --- audio ----------------------------------------------------------------------------------------------------------
def test_mp3_with_id3(media) -> None:
    verdict = whole("audio", "jd.mp3", media.mp3(), content_type="audio/mpeg")
    assert (verdict.ok, verdict.format) == (True, "mp3")


def test_mp3_leading_range_is_judged_by_its_header(media) -> None:
    data = media.mp3()
    verdict = judge("audio", BASE + "jd.mp3", 206, "audio/mpeg", data[:2048], len(data), False)
    assert verdict.ok is True


def test_mp3_tag_followed_by_no_audio(media) -> None:
    data = media.mp3()
    broken = data[: data.index(b"\xff\xfb")] + b"\x12\x34" * 500
    verdict = whole("audio", "jd.mp3", broken)
    assert (verdict.ok, verdict.reason) == (False, "undecodable")


def test_wav_shorter_than_it_declares(media) -> None:
    verdict = whole("audio", "a.wav", media.wav(declared_samples=8000, real_samples=2000))
    assert (verdict.ok, verdict.reason) == (False, "truncated")
    assert whole("audio", "a.wav", media.wav(800, 800)).ok is True


def test_m4a_is_walked(media) -> None:
    data = media.ftyp(b"M4A ") + media.moov() + media.mdat()
    verdict = whole("audio", "a.m4a", data)
    assert (verdict.ok, verdict.format) == (True, "m4a")


# --- attachments ------------------------------------------------------------------------------------------------------
def test_good_attachments(media) -> None:
    assert whole("attachment", "P020210603.pdf", media.pdf()).ok is True
    assert whole("attachment", "P020210603.docx", media.docx()).ok is True
    assert whole("attachment", "P020210603.doc", media.ole2()).ok is True
    assert whole("attachment", "P020210603.xls", media.ole2()).ok is True
    assert whole("attachment", "P020210603.wps", media.ole2()).ok is True
    assert whole("attachment", "P020210603.ofd", media.docx()).ok is True
    assert whole("attachment", "说明.txt", "第一条 本办法自发布之日起施行。".encode("gb18030")).ok is True


def test_pdf_without_its_end(media) -> None:
    data = media.pdf()
    verdict = whole("attachment", "a.pdf", data[: len(data) - 20])
    assert (verdict.ok, verdict.reason) == (False, "truncated")
    # a leading range cannot see the end: the header is enough
    assert judge("attachment", BASE + "a.pdf", 206, "application/pdf", data[:64], len(data), False).ok is True


def test_docx_cut_short(media) -> None:
    data = media.docx()
    verdict = whole("attachment", "a.docx", data[:-60])
    assert (verdict.ok, verdict.reason) == (False, "truncated")


@pytest.mark.parametrize(
    ("name", "builder"),
    [("a.pdf", "jpeg"), ("a.pdf", "docx"), ("a.docx", "ole2"), ("a.xlsx", "pdf"), ("a.doc", "pdf"), ("a.zip", "pdf")],
)
def test_bytes_that_contradict_the_extension(media, name, builder) -> None:
    verdict = whole("attachment", name, getattr(media, builder)())
    assert (verdict.ok, verdict.reason) == (False, "wrong_type")


def test_word_web_page_saved_as_doc_opens() -> None:
    word_html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">'
        "<body><p>关于印发实施方案的通知</p></body></html>"
    ).encode("utf-8")
    assert whole("attachment", "fa.doc", word_html).ok is True
    assert whole("attachment", "fa.pdf", word_html).reason == "wrong_type"


def test_download_script_without_extension(media) -> None:
    assert judge("attachment", BASE + "download.jsp?id=12", 200, None, media.pdf(), None, True).ok is True
    assert judge("attachment", BASE + "download.jsp?id=12", 200, None, media.html_error_page(), None, True).reason == "wrong_type"
