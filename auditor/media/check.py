"""The one verdict the spider asks for: does this image/video/audio/attachment display or play?

``judge(kind, url, status, content_type, body, total_size, complete)`` looks at what was downloaded
(``body``: the whole file, or only its first bytes from a Range request), the full size when known
(``total_size``, from Content-Range or Content-Length) and whether ``body`` is the whole file.

Reasons, in the order they are checked:

* ``http_status``: the server answered 404 or 410 (gone); any other error status (403, 429, 5xx)
  proves nothing about the file and is ``ok=None``, reason ``refused``;
* ``empty``: the file has 0 bytes;
* ``wrong_type``: an HTML/XML/text page came back for a medium (a CMS's "file not found" page with
  status 200), a Content-Type of ``text/html``, or bytes of another kind (a PDF behind ``.jpg``,
  a JPEG behind ``.pdf``, a ``.docx`` that is no ZIP);
* ``truncated``: a complete download shorter than its declared size, an image cut short, an MP4 whose
  boxes do not add up or that has no ``moov``, a WAV/WebM shorter than it declares, a PDF without
  ``%%EOF`` or a ZIP without its central directory at the end;
* ``undecodable``: an image that does not decode, a video or sound in no known format;
* ``unplayable_format``: formats no current browser plays in ``<video>``/``<audio>``/``<img>``:
  Flash (SWF; Flash was switched off everywhere in 2021), FLV (it only ever played through a Flash
  player, never in ``<video>``), AVI, WMV/WMA (ASF), RealMedia, raw MPEG-TS, AMR, and TIFF/HEIC
  pictures (Safari alone shows those).

Videos and sounds in MP4/MOV/M4A are walked box by box (``auditor.media.mp4``). When ``body`` is only
a leading range and the walk needs more, the verdict has ``ok=None`` and ``needs=(offset, length)``;
the caller then drives ``Mp4Walker(total_size)`` itself: ``feed(0, body)``, fetch each
``next_range()`` and ``feed`` it, until ``next_range()`` is None, and takes ``walker.verdict()``.
Only MP4-family verdicts ever set ``needs``. A Range answered 416 during the walk means the file is
shorter than its declared size: a truncation.

Attachments fetched only in part are judged by their first bytes (the format must match the
extension); their end markers are checked when the whole file is at hand.
"""

from __future__ import annotations

from auditor.media.containers import (
    ebml_declared_size,
    mp3_audio_follows_tag,
    pdf_has_end,
    riff_declared_size,
    zip_has_end,
)
from auditor.media.image import decode_image, read_image_header
from auditor.media.mp4 import Mp4Walker
from auditor.media.sniff import AUDIO_FORMATS, IMAGE_FORMATS, TEXTUAL_FORMATS, VIDEO_FORMATS, sniff
from auditor.media.verdict import Verdict
from auditor.model.observations import MediaKind
from auditor.page.urlshapes import extension

__all__ = ["Verdict", "judge"]

_MP4_FAMILY = frozenset({"mp4", "mov", "m4a", "3gp"})
_UNPLAYABLE: dict[str, str] = {
    "swf": "Flash (SWF) no longer plays in any current browser",
    "flv": "FLV plays only through a Flash player, never in a browser's <video>",
    "avi": "AVI does not play in browsers",
    "asf": "WMV/WMA (ASF) does not play in browsers",
    "rm": "RealMedia does not play in browsers",
    "mpeg-ts": "a raw MPEG-TS file does not play in a browser's <video>",
    "amr": "AMR audio does not play in most browsers",
    "tiff": "TIFF pictures display in Safari only",
    "heic": "HEIC pictures display in Safari only",
}
_DOCUMENT_FORMATS = frozenset({"pdf", "ole2", "zip", "rar", "7z", "gzip", "rtf"})
#: the formats a download with this extension may really be
_ATTACHMENT_FORMATS: dict[str, frozenset[str | None]] = {
    "pdf": frozenset({"pdf"}),
    # Office and WPS open a renamed DOCX, an RTF and a Word/Excel "web page" saved as .doc/.xls
    "doc": frozenset({"ole2", "zip", "rtf", "office-html"}),
    "xls": frozenset({"ole2", "zip", "office-html"}),
    "ppt": frozenset({"ole2", "zip"}),
    "wps": frozenset({"ole2", "zip"}),
    "et": frozenset({"ole2", "zip"}),
    "dps": frozenset({"ole2", "zip"}),
    "docx": frozenset({"zip"}),
    "xlsx": frozenset({"zip"}),
    "pptx": frozenset({"zip"}),
    "ofd": frozenset({"zip"}),
    "zip": frozenset({"zip"}),
    "rar": frozenset({"rar"}),
    "7z": frozenset({"7z"}),
    # text in an encoding the sniffer does not try (UTF-16 without BOM) is still text
    "txt": frozenset({"text", None}),
    "csv": frozenset({"text", None}),
}
_ZIP_BASED = frozenset({"docx", "xlsx", "pptx", "ofd", "zip"})
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_KIND_NAMES = {"image": "an image", "video": "a video", "audio": "a sound", "attachment": "a download"}


#: the only statuses that prove a medium is gone; any other error status is a refusal (unverified)
GONE_STATUSES = frozenset({404, 410})


def judge(
    kind: MediaKind,
    url: str,
    status: int,
    content_type: str | None,
    body: bytes,
    total_size: int | None,
    complete: bool,
) -> Verdict:
    """The verdict on one medium from what its URL returned. Never raises."""
    body = body or b""
    if status in GONE_STATUSES:
        return Verdict(False, "http_status", f"HTTP {status}")
    if status >= 400:  # refused, overloaded, rate-limited: says nothing about the file itself
        return Verdict(None, "refused", f"the server did not serve it (HTTP {status})")
    if total_size == 0 or (complete and not body):
        return Verdict(False, "empty", "the file is empty (0 bytes)")
    if not body:
        return Verdict(None, None, "nothing was downloaded to check")
    fmt = sniff(body)
    if kind == "attachment" and extension(url) in ("doc", "xls") and _is_office_html(body):
        fmt = "office-html"
    served = (content_type or "").split(";")[0].strip().lower()
    wanted = _KIND_NAMES.get(kind, "a medium")
    if fmt in TEXTUAL_FORMATS and (fmt != "text" or kind != "attachment"):
        return Verdict(False, "wrong_type", f"the server sent {_text_name(fmt)} instead of {wanted}", fmt)
    if served in _HTML_TYPES and fmt != "office-html":
        return Verdict(False, "wrong_type", f"served as {served}, not as {wanted}", fmt)
    if complete and total_size is not None and len(body) < total_size:
        return Verdict(False, "truncated", f"received {len(body)} of {total_size} bytes", fmt)
    size = total_size if total_size is not None else (len(body) if complete else None)
    if kind == "image":
        return _image(fmt, body, complete, size)
    if kind == "video":
        return _video(fmt, body, size)
    if kind == "audio":
        return _audio(fmt, body, size)
    return _attachment(fmt, url, body, complete, size)


def _text_name(fmt: str | None) -> str:
    return {"html": "an HTML page", "xml": "an XML document", "text": "plain text"}.get(fmt or "", "text")


def _is_office_html(body: bytes) -> bool:
    """Word and Excel save "web pages" (HTML or MHT) that they open again as .doc/.xls."""
    head = body[:8192]
    return b"urn:schemas-microsoft-com:office" in head or head.lstrip().startswith(b"MIME-Version:")


def _unplayable(fmt: str) -> Verdict:
    return Verdict(False, "unplayable_format", _UNPLAYABLE[fmt], fmt)


def _image(fmt: str | None, body: bytes, complete: bool, size: int | None) -> Verdict:
    if fmt is not None and fmt not in IMAGE_FORMATS:
        return Verdict(False, "wrong_type", f"{fmt} data, not a picture", fmt)
    if fmt in _UNPLAYABLE:
        return _unplayable(fmt)
    if not complete:
        # larger than the download limit: the header must be a readable picture
        header = read_image_header(body)
        if header.ok is False:
            return Verdict(False, header.reason, header.detail, header.format or fmt)
        return Verdict(True, None, f"{header.detail} (header only: first {len(body)} of {size or '?'} bytes)",
                       header.format, header.width, header.height)
    check = decode_image(body)
    return Verdict(check.ok, check.reason, check.detail, check.format or fmt, check.width, check.height)


def _video(fmt: str | None, body: bytes, size: int | None) -> Verdict:
    if fmt in _UNPLAYABLE:
        return _unplayable(fmt)
    if fmt in IMAGE_FORMATS or fmt in _DOCUMENT_FORMATS:
        return Verdict(False, "wrong_type", f"{fmt} data, not a video", fmt)
    if fmt == "m3u8":
        return Verdict(True, None, "HLS playlist (its segments are not checked)", fmt)
    if fmt not in VIDEO_FORMATS and fmt in AUDIO_FORMATS:
        return _audio(fmt, body, size)  # a <video> plays a sound file too
    return _stream(fmt, body, size, "video")


def _audio(fmt: str | None, body: bytes, size: int | None) -> Verdict:
    if fmt in _UNPLAYABLE:
        return _unplayable(fmt)
    if fmt in IMAGE_FORMATS or fmt in _DOCUMENT_FORMATS:
        return Verdict(False, "wrong_type", f"{fmt} data, not a sound", fmt)
    if fmt == "mp3" and mp3_audio_follows_tag(body) is False:
        return Verdict(False, "undecodable", "no MPEG audio frame after the ID3 tag", fmt)
    return _stream(fmt, body, size, "audio")


def _stream(fmt: str | None, body: bytes, size: int | None, what: str) -> Verdict:
    """Videos and sounds: MP4 boxes walked, declared container sizes compared with the real one."""
    if fmt is None:
        return Verdict(False, "undecodable", f"not a known {what} format (starts {body[:8].hex()})", None)
    if fmt in _MP4_FAMILY:
        if size is None:
            return Verdict(None, None, "size unknown: the MP4 boxes cannot be checked", fmt)
        walker = Mp4Walker(size, format=fmt, require_ftyp=fmt != "mov")
        walker.feed(0, body)
        needed = walker.next_range()
        if needed is not None:
            return Verdict(None, None, f"box walk continues at offset {needed[0]}", fmt, needs=needed)
        return walker.verdict()
    declared = riff_declared_size(body) if fmt in ("wav", "avi") else None
    if fmt in ("webm", "mkv"):
        declared = ebml_declared_size(body)
    if declared is not None and size is not None and declared > size:
        return Verdict(False, "truncated", f"the {fmt} file declares {declared} bytes but has {size}", fmt)
    known = f"{size} bytes" if size is not None else "size unknown"
    return Verdict(True, None, f"{fmt} {what}, {known}", fmt)


def _attachment(fmt: str | None, url: str, body: bytes, complete: bool, size: int | None) -> Verdict:
    ext = extension(url)
    expected = _ATTACHMENT_FORMATS.get(ext)
    if expected is not None and fmt not in expected:
        found = fmt or "unrecognised"
        return Verdict(False, "wrong_type", f"{found} data behind a .{ext} link", fmt)
    if complete:
        if fmt == "pdf" and not pdf_has_end(body):
            return Verdict(False, "truncated", "the PDF has no %%EOF at its end (cut short?)", fmt)
        if fmt == "zip" and (ext in _ZIP_BASED or expected is None) and not zip_has_end(body):
            return Verdict(False, "truncated", "the ZIP has no central directory at its end (cut short?)", fmt)
        return Verdict(True, None, f"{fmt or 'file'} of {len(body)} bytes", fmt)
    return Verdict(True, None, f"{fmt or 'file'} header checked (first {len(body)} of {size or '?'} bytes)", fmt)
