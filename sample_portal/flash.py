"""A small but well-formed Flash movie (``.swf``): the player format old portals still embed.

No current browser plays Flash, so a page that offers its video this way shows nothing; the audit
reports it as ``unplayable_format``. The file itself is valid: an uncompressed ``FWS`` header, the
frame rectangle, and FileAttributes, SetBackgroundColor, ShowFrame and End tags.
"""

from __future__ import annotations

import struct

from sample_portal.h264 import BitWriter

SWF_VERSION = 10
TWIPS_PER_PIXEL = 20


def _rect(width_px: int, height_px: int) -> bytes:
    values = (0, width_px * TWIPS_PER_PIXEL, 0, height_px * TWIPS_PER_PIXEL)
    nbits = max(v.bit_length() for v in values) + 1  # signed fields
    w = BitWriter()
    w.u(5, nbits)
    for value in values:
        w.u(nbits, value)
    return w.to_bytes()


def _tag(code: int, payload: bytes = b"") -> bytes:
    if len(payload) < 0x3F:
        return struct.pack("<H", (code << 6) | len(payload)) + payload
    return struct.pack("<HI", (code << 6) | 0x3F, len(payload)) + payload


def flash_movie(width_px: int = 480, height_px: int = 320, background: tuple[int, int, int] = (16, 86, 160)) -> bytes:
    body = (
        _rect(width_px, height_px)
        + struct.pack("<HH", 24 << 8, 1)  # 24 frames per second (8.8 fixed point), one frame
        + _tag(69, struct.pack("<I", 0))  # FileAttributes
        + _tag(9, bytes(background))  # SetBackgroundColor
        + _tag(1)  # ShowFrame
        + _tag(0)  # End
    )
    return b"FWS" + bytes([SWF_VERSION]) + struct.pack("<I", 8 + len(body)) + body
