"""Name a file's format from its first bytes (magic numbers), whatever its URL or Content-Type say.

A portal that lost a file often answers its URL with an HTML error page and status 200, so a
``.jpg`` may hold ``<!DOCTYPE html>``; a PDF may sit behind a ``.jpg`` name. The first 64 bytes are
enough for every format here except PDF (whose header may follow up to 1 KiB of junk) and WebM
(whose doc type sits a little further into the EBML header): pass the first 4 KiB when you can.

Format names: jpeg png gif webp bmp ico tiff svg avif heic | mp4 mov m4a 3gp webm mkv flv avi asf
rm mpeg-ts | mp3 aac wav ogg flac amr | swf | m3u8 | pdf ole2 zip rar 7z gzip rtf | html xml text;
None when unknown. Anything that starts with ``<`` (after a BOM and white space) and is not SVG is
``html`` (or ``xml`` for a bare XML document).
"""

from __future__ import annotations

import re

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SVG = re.compile(rb"<svg[\s>]", re.I)
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"}
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
#: a format's expected first bytes (after any offset) → its name
_SIMPLE: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"FLV\x01", "flv"),
    (b"FWS", "swf"),
    (b"CWS", "swf"),
    (b"ZWS", "swf"),
    (b"ID3", "mp3"),
    (b"OggS", "ogg"),
    (b"fLaC", "flac"),
    (b"#!AMR", "amr"),
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"PK\x07\x08", "zip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"{\\rtf", "rtf"),
    (b".RMF", "rm"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "asf"),
    (b"#EXTM3U", "m3u8"),
)

#: formats that are pictures, videos, sounds, for the checks that compare a format with a kind
IMAGE_FORMATS = frozenset({"jpeg", "png", "gif", "webp", "bmp", "ico", "tiff", "svg", "avif", "heic"})
VIDEO_FORMATS = frozenset({"mp4", "mov", "3gp", "webm", "mkv", "flv", "avi", "asf", "rm", "mpeg-ts", "swf", "m3u8", "ogg"})
AUDIO_FORMATS = frozenset({"mp3", "aac", "wav", "ogg", "flac", "amr", "m4a", "mp4", "webm", "asf"})
TEXTUAL_FORMATS = frozenset({"html", "xml", "text"})


def sniff(data: bytes) -> str | None:
    """The format of a file from its first bytes, or None when unknown (or empty)."""
    if not data:
        return None
    head = data[:4096]
    for magic, name in _SIMPLE:
        if head.startswith(magic):
            return name
    if head.startswith(b"BM") and len(head) >= 10 and head[6:10] == b"\0\0\0\0":
        return "bmp"
    if len(head) >= 12 and head[:4] == b"RIFF":
        return {b"WEBP": "webp", b"WAVE": "wav", b"AVI ": "avi"}.get(head[8:12])
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _ftyp_format(head)
    if len(head) >= 8 and head[4:8] in _QT_ATOMS:
        return "mov"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm" if b"webm" in head[:64] else "mkv"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        layer = (head[1] >> 1) & 0x03
        return "mp3" if layer else "aac"  # layer bits 00 = ADTS (AAC)
    if head[0] == 0x47 and len(head) > 188 and head[188] == 0x47:
        return "mpeg-ts"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return _textual(head)


def _ftyp_format(head: bytes) -> str:
    brand = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, min(len(head), 64), 4)}
    if brand == b"qt  ":
        return "mov"
    if brand in (b"M4A ", b"M4B ", b"M4P ", b"F4A "):
        return "m4a"
    if brand in (b"avif", b"avis"):
        return "avif"
    if brand in _HEIF_BRANDS or (brand == b"mif1" and b"avif" not in compatible):
        return "heic"
    if brand.startswith(b"3g"):
        return "3gp"
    return "mp4"


def _textual(head: bytes) -> str | None:
    body = head
    for bom in _BOMS:
        if body.startswith(bom):
            body = body[len(bom) :]
            break
    stripped = body.lstrip()
    if stripped.startswith(b"<"):
        if _SVG.search(body[:1024]):
            return "svg"
        if stripped[:5].lower() == b"<?xml" and b"<html" not in body[:1024].lower():
            return "xml"  # e.g. an object store's <Error><Code>NoSuchKey</Code></Error>
        return "html"
    if _looks_like_text(body):
        return "text"
    return None


def _looks_like_text(data: bytes) -> bool:
    """Decodes as UTF-8 or GB18030 with no control bytes other than white space."""
    if not data:
        return False
    sample = data[:1024]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            # a multi-byte character cut at the sample's end is fine
            try:
                text = sample[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        if not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text):
            return True
    return False
