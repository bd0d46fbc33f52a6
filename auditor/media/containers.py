"""Sizes and end markers that files declare about themselves, to tell a whole file from a cut one.

A download can look fine and still be cut: ffprobe accepts truncated MP3 and WebM files. The file's
own bookkeeping tells: a RIFF file (WAV, WebP, AVI) states its size in bytes 4–8, a WebM/Matroska
``Segment`` states its size, a PDF ends with ``%%EOF``, a ZIP (and so DOCX/XLSX/OFD) ends with its
central directory, and an MP3's ID3 tag states where the first audio frame starts.
"""

from __future__ import annotations

import struct

_EBML_HEADER = 0x1A45DFA3
_SEGMENT = 0x18538067
#: the ZIP end-of-central-directory record is 22 bytes plus a comment of at most 65535
ZIP_TAIL = 22 + 65535
PDF_TAIL = 1024


def riff_declared_size(data: bytes) -> int | None:
    """The total size a RIFF file (WAV, WebP, AVI) declares, or None."""
    if len(data) < 8 or data[:4] != b"RIFF":
        return None
    return struct.unpack("<I", data[4:8])[0] + 8


def ebml_declared_size(data: bytes) -> int | None:
    """The total size a WebM/Matroska file declares through its Segment, or None when unknown
    (live streams write an "unknown" Segment size) or not readable from ``data``."""
    header = _element(data, 0)
    if header is None or header[0] != _EBML_HEADER or header[2] is None:
        return None
    _, data_start, size = header
    segment = _element(data, data_start + size)
    if segment is None or segment[0] != _SEGMENT or segment[2] is None:
        return None
    return segment[1] + segment[2]


def _element(data: bytes, pos: int) -> tuple[int, int, int | None] | None:
    """(id, data start, data size or None if unknown) of the EBML element at ``pos``."""
    ident = _vint(data, pos, keep_marker=True)
    if ident is None:
        return None
    size = _vint(data, pos + ident[1], keep_marker=False)
    if size is None:
        return None
    value, length = size
    unknown = value == (1 << (7 * length)) - 1
    return ident[0], pos + ident[1] + length, None if unknown else value


def _vint(data: bytes, pos: int, keep_marker: bool) -> tuple[int, int] | None:
    if pos >= len(data) or data[pos] == 0:
        return None
    first = data[pos]
    length = 8 - first.bit_length() + 1
    if pos + length > len(data):
        return None
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[pos + 1 : pos + length]:
        value = (value << 8) | byte
    return value, length


def pdf_has_end(data: bytes) -> bool:
    """A whole PDF has ``%%EOF`` within its last 1024 bytes."""
    return b"%%EOF" in data[-PDF_TAIL:]


def zip_has_end(data: bytes) -> bool:
    """A whole ZIP (DOCX, XLSX, PPTX, OFD) ends with its end-of-central-directory record."""
    return b"PK\x05\x06" in data[-ZIP_TAIL:]


def mp3_audio_follows_tag(data: bytes) -> bool | None:
    """After an ID3v2 tag an MPEG audio frame must start (padding allowed); None when ``data`` ends
    before that point or has no ID3 tag."""
    if len(data) < 10 or data[:3] != b"ID3":
        return None
    size = 0
    for byte in data[6:10]:
        if byte & 0x80:
            return False  # a syncsafe integer never sets the high bit
        size = (size << 7) | byte
    start = 10 + size + (10 if data[5] & 0x10 else 0)
    while start < len(data) and data[start] == 0 and start < 10 + size + 65536:
        start += 1
    if start + 2 > len(data):
        return None
    return data[start] == 0xFF and data[start + 1] & 0xE0 == 0xE0
