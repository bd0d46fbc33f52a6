"""Decode a picture the way a browser would have to, and say whether it displays.

Pillow's ``verify()`` passes truncated JPEG and GIF files, so every frame is decoded with ``load()``
(all frames of an animated GIF or WebP). ``ImageFile.LOAD_TRUNCATED_IMAGES`` must stay False or
Pillow pads a cut file with grey and calls it fine; it is a process-wide switch another library may
have turned on, so it is turned off again before each decode.

A decode that fails on a file that ends before its format's end marker (JPEG ``FFD9``, PNG ``IEND``,
GIF ``;``, a RIFF size larger than the file) is ``truncated``; any other failure is ``undecodable``.
SVG is XML, not pixels: it displays when it parses as XML with an ``<svg>`` root.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from collections import OrderedDict
from dataclasses import dataclass

import lxml.etree
from PIL import Image, ImageFile, UnidentifiedImageError

from auditor.media.sniff import sniff

_SVG_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$")


@dataclass(frozen=True)
class ImageCheck:
    #: True displays, False broken, None could not tell (too large to decode here)
    ok: bool | None
    #: "truncated" | "undecodable" | None
    reason: str | None
    detail: str
    format: str | None = None
    width: int | None = None
    height: int | None = None
    frames: int = 0


#: the verdicts of the last pictures decoded, by their bytes' digest: a portal serves one picture
#: under many addresses (the demo portal 153 pictures, 21 different ones), and a verdict depends on
#: the bytes alone (and on Pillow's size limit, part of the key)
_DECODED: OrderedDict[tuple[bytes, int | None], ImageCheck] = OrderedDict()
_DECODED_KEPT = 256


def decode_image(data: bytes) -> ImageCheck:
    """Decode every frame of ``data``; never raises. The same bytes are decoded once (``_DECODED``)."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # whether the bytes were decoded now or before
    key = (hashlib.sha256(data).digest(), Image.MAX_IMAGE_PIXELS)
    known = _DECODED.get(key)
    if known is not None:
        _DECODED.move_to_end(key)
        return known
    check = _decode_image(data)
    _DECODED[key] = check
    if len(_DECODED) > _DECODED_KEPT:
        _DECODED.popitem(last=False)
    return check


def _decode_image(data: bytes) -> ImageCheck:
    fmt = sniff(data)
    if fmt == "svg":
        return _check_svg(data)
    try:  # LOAD_TRUNCATED_IMAGES is set False by decode_image, this function's one caller
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            frames = getattr(picture, "n_frames", 1) or 1
            for index in range(frames):
                picture.seek(index)
                picture.load()
            name = (picture.format or fmt or "").lower() or None
    except Image.DecompressionBombError as exc:
        return ImageCheck(None, None, f"too large to decode here: {exc}", fmt)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError,
            TypeError, ZeroDivisionError, MemoryError) as exc:
        message = str(exc) or type(exc).__name__
        if "truncat" in message.lower() or _ends_early(fmt, data):
            return ImageCheck(False, "truncated", f"image data ends early ({message})", fmt)
        return ImageCheck(False, "undecodable", f"does not decode as an image ({message})", fmt)
    name = {"jpeg": "jpeg", "mpo": "jpeg", "png": "png", "gif": "gif", "webp": "webp", "bmp": "bmp",
            "ico": "ico", "tiff": "tiff", "avif": "avif", "heif": "heic"}.get(name or "", name)
    return ImageCheck(True, None, f"{name} {width}x{height}, {frames} frame(s) decoded", name, width, height, frames)


def read_image_header(data: bytes) -> ImageCheck:
    """What the first bytes of a picture too large to download whole say: format and size."""
    fmt = sniff(data)
    if fmt == "svg":
        return ImageCheck(None, None, "SVG header", "svg")
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            name = (picture.format or fmt or "").lower() or None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError) as exc:
        return ImageCheck(False, "undecodable", f"the first bytes are no readable image header ({exc})", fmt)
    return ImageCheck(True, None, f"{name} {width}x{height}", name, width, height, 0)


def _ends_early(fmt: str | None, data: bytes) -> bool:
    """The file stops before its format's end marker."""
    tail = data.rstrip(b"\0")
    if fmt == "jpeg":
        return not tail.endswith(b"\xff\xd9")
    if fmt == "png":
        return _png_runs_out(data)
    if fmt == "gif":
        return not tail.endswith(b";")
    if fmt == "webp" and len(data) >= 8:
        return struct.unpack("<I", data[4:8])[0] + 8 > len(data)
    return False


def _png_runs_out(data: bytes) -> bool:
    """Walking the PNG chunks (length, type, data, CRC) runs past the end before ``IEND``;
    False when a chunk is no chunk (garbage rather than a cut file)."""
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if not kind.isalpha():
            return False
        if kind == b"IEND":
            return False
        pos += 12 + length
    return True


def _check_svg(data: bytes) -> ImageCheck:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        return ImageCheck(False, "undecodable", f"SVG is not well-formed XML ({exc})", "svg")
    tag = root.tag if isinstance(root.tag, str) else ""
    if not tag.endswith("svg"):
        return ImageCheck(False, "undecodable", f"XML root is <{tag}>, not <svg>", "svg")
    width, height = (_svg_length(root.get(name)) for name in ("width", "height"))
    return ImageCheck(True, None, "SVG parses", "svg", width, height, 1)


def _svg_length(value: str | None) -> int | None:
    match = _SVG_LENGTH.match(value or "")
    return round(float(match.group(1))) if match else None
