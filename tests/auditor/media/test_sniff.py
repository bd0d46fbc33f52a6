"""Formats named from real first bytes."""

from __future__ import annotations

import struct

import pytest

from auditor.media.sniff import sniff


@pytest.mark.parametrize(
    ("builder", "expected"),
    [
        ("png", "png"), ("jpeg", "jpeg"), ("gif", "gif"), ("webp", "webp"), ("bmp", "bmp"), ("mp4", "mp4"),
        ("pdf", "pdf"), ("docx", "zip"), ("ole2", "ole2"), ("mp3", "mp3"), ("swf", "swf"), ("flv", "flv"),
        ("html_error_page", "html"),
    ],
)
def test_real_files(media, builder: str, expected: str) -> None:
    assert sniff(getattr(media, builder)()) == expected


def test_ftyp_brands(media) -> None:
    assert sniff(media.ftyp(b"qt  ") + media.mdat()) == "mov"
    assert sniff(media.ftyp(b"M4A ") + media.mdat()) == "m4a"
    assert sniff(media.ftyp(b"mp42") + media.mdat()) == "mp4"
    assert sniff(media.ftyp(b"avif")) == "avif"
    assert sniff(media.ftyp(b"heic")) == "heic"


def test_quicktime_without_ftyp(media, mp4_box) -> None:
    assert sniff(mp4_box(b"wide") + media.mdat()) == "mov"


def test_matroska_family(media) -> None:
    assert sniff(media.webm(segment_size=100, payload=100)) == "webm"
    matroska = media.webm(segment_size=100, payload=100).replace(b"webm", b"mkvx")
    assert sniff(matroska) == "mkv"


def test_riff_family(media) -> None:
    assert sniff(media.wav(100, 100)) == "wav"
    assert sniff(b"RIFF" + struct.pack("<I", 4) + b"AVI LIST") == "avi"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"CWS\x0a\x00\x00\x00\x00", "swf"),
        (b"ZWS\x0d\x00\x00\x00\x00", "swf"),
        (b"Rar!\x1a\x07\x01\x00", "rar"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "7z"),
        (b"\xff\xfb\x90\x64" + b"\0" * 60, "mp3"),
        (b"\xff\xf1\x50\x80" + b"\0" * 60, "aac"),
        (b"OggS\x00\x02" + b"\0" * 20, "ogg"),
        (b"#EXTM3U\n#EXT-X-VERSION:3\n", "m3u8"),
        (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9", "asf"),
        (b"junk before the header\n%PDF-1.7\n", "pdf"),
        (b"{\\rtf1\\ansi", "rtf"),
    ],
)
def test_magic_numbers(data: bytes, expected: str) -> None:
    assert sniff(data) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html></html>", "html"),
        (b"\xef\xbb\xbf\n\n   <html><body>404</body></html>", "html"),
        (b"   <script>location.href='/'</script>", "html"),
        (b"<p>file not found</p>", "html"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "svg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "svg"),
        (b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>', "xml"),
        ('{"code": 404, "msg": "文件不存在"}'.encode("utf-8"), "text"),
        ("附件正在审核中，请稍后下载。".encode("gb18030"), "text"),
    ],
)
def test_pages_and_text(data: bytes, expected: str) -> None:
    assert sniff(data) == expected


def test_unknown_binary_and_empty() -> None:
    assert sniff(bytes(range(1, 32)) * 4) is None
    assert sniff(b"") is None


def test_bmp_needs_its_reserved_zero_bytes() -> None:
    assert sniff(b"BMW X5 price list") == "text"
