"""Legacy Office attachments (``.doc``, ``.xls``) in a real OLE2 compound file (MS-CFB, version 3).

Sites still publish budgets as ``.xls`` and notices as ``.doc``. The container is written exactly as
MS-CFB lays it out (header, FAT, directory, stream sectors), so a reader of compound files opens it
and finds the ``WordDocument`` or ``Workbook`` stream. Inside, the Workbook stream is a short BIFF8
record sequence (BOF, BOUNDSHEET, cells, EOF) and the WordDocument stream starts with a Word 97
FibBase followed by the text: enough for type sniffing and stream-level checks, not a full Word file.

Every stream is zero-padded to at least 4096 bytes so that it lives in regular sectors, as Excel and
Word do themselves (smaller streams would belong in the mini stream, which this writer does not
produce).
"""

from __future__ import annotations

import math
import struct

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
SECTOR = 512
MINI_STREAM_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
_ENTRIES_PER_SECTOR = SECTOR // 128
_FAT_ENTRIES_PER_SECTOR = SECTOR // 4
_TYPE_STREAM, _TYPE_ROOT = 2, 5
_BLACK = 1


def _dir_entry(name: str, kind: int, start: int, size: int, left: int = NOSTREAM, right: int = NOSTREAM,
               child: int = NOSTREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, _BLACK if name else 0)
        + struct.pack("<III", left, right, child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modified times
        + struct.pack("<IQ", start, size)
    )


def _sort_key(name: str) -> tuple[int, str]:
    """MS-CFB compares directory names by length first, then by upper-cased code points."""
    return (len(name), name.upper())


def compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    for name, data in streams:
        if len(data) < MINI_STREAM_CUTOFF:
            raise ValueError(f"stream {name!r} is {len(data)} bytes; this writer needs >= {MINI_STREAM_CUTOFF}")
    data_sectors = [math.ceil(len(data) / SECTOR) for _, data in streams]
    dir_sectors = math.ceil((len(streams) + 1) / _ENTRIES_PER_SECTOR)
    fat_sectors = 1
    while fat_sectors * _FAT_ENTRIES_PER_SECTOR < fat_sectors + dir_sectors + sum(data_sectors):
        fat_sectors += 1
    if fat_sectors > 109:
        raise ValueError("file too large for a header-only DIFAT")

    fat: list[int] = [FATSECT] * fat_sectors
    dir_start = len(fat)
    fat += [dir_start + i + 1 for i in range(dir_sectors - 1)] + [ENDOFCHAIN]
    starts = []
    for count in data_sectors:
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
    fat += [FREESECT] * (fat_sectors * _FAT_ENTRIES_PER_SECTOR - len(fat))

    # a degenerate but valid tree: the root's child is the smallest name, each next one its right sibling
    order = sorted(range(len(streams)), key=lambda i: _sort_key(streams[i][0]))
    right_of = {order[k]: order[k + 1] + 1 for k in range(len(order) - 1)}
    entries = [_dir_entry("Root Entry", _TYPE_ROOT, ENDOFCHAIN, 0, child=order[0] + 1)]
    for index, (name, data) in enumerate(streams):
        entries.append(_dir_entry(name, _TYPE_STREAM, starts[index], len(data), right=right_of.get(index, NOSTREAM)))
    entries += [_dir_entry("", 0, 0, 0)] * (dir_sectors * _ENTRIES_PER_SECTOR - len(entries))

    header = (
        SIGNATURE
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, dir_start, 0, MINI_STREAM_CUTOFF, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<109I", *(list(range(fat_sectors)) + [FREESECT] * (109 - fat_sectors)))
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + b"".join(entries)
    for (_, data), count in zip(streams, data_sectors, strict=True):
        body += data.ljust(count * SECTOR, b"\0")
    return header + body


def _record(kind: int, payload: bytes) -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def _label(row: int, col: int, text: str) -> bytes:
    return _record(0x0204, struct.pack("<HHHHB", row, col, 15, len(text), 1) + text.encode("utf-16-le"))


def _number(row: int, col: int, value: float) -> bytes:
    return _record(0x0203, struct.pack("<HHHd", row, col, 15, value))


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def _font(name: str) -> bytes:
    return _record(0x0031, struct.pack("<HHHHHBBBBBB", 220, 0, 0x7FFF, 400, 0, 0, 0, 134, 0, len(name), 1)
                   + name.encode("utf-16-le"))


def _xf(is_style: bool) -> bytes:
    """An XF (format) record: 15 style XFs then one cell XF (index 15) make the default table."""
    flags = 0xFFF5 if is_style else 0x0001
    return _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, flags, 0x20, 0, 0, 0, 0, 0, 0x20C0))


def workbook_stream(sheet_name: str, header: list[str], rows: list[tuple[str, float, float]]) -> bytes:
    """BIFF8: a globals substream (fonts, the default XF table, one sheet), then the sheet's cells."""
    cells = [_label(0, c, text) for c, text in enumerate(header)]
    for r, (label, first, second) in enumerate(rows, start=1):
        cells += [_label(r, 0, label), _number(r, 1, first), _number(r, 2, second)]
    sheet = (
        _bof(0x0010)
        + _record(0x0200, struct.pack("<IIHHH", 0, len(rows) + 1, 0, len(header), 0))
        + b"".join(cells)
        + _record(0x000A, b"")
    )
    name = sheet_name.encode("utf-16-le")

    def globals_part(sheet_offset: int) -> bytes:
        return (
            _bof(0x0005)
            + _record(0x0042, struct.pack("<H", 1200))
            + _font("宋体") * 5
            + b"".join(_xf(i < 15) for i in range(16))
            + _record(0x0085, struct.pack("<IBBBB", sheet_offset, 0, 0, len(sheet_name), 1) + name)
            + _record(0x000A, b"")
        )

    head = globals_part(0)
    return globals_part(len(head)) + sheet


def xls_document(sheet_name: str, header: list[str], rows: list[tuple[str, float, float]]) -> bytes:
    stream = workbook_stream(sheet_name, header, rows).ljust(MINI_STREAM_CUTOFF, b"\0")
    return compound_file([("Workbook", stream)])


def _fib_base() -> bytes:
    """Word 97 FibBase: wIdent 0xA5EC, nFib 0x00C1, Simplified Chinese, text stream in 1Table."""
    return (struct.pack("<HHHHH", 0xA5EC, 0x00C1, 0, 0x0804, 0)
            + struct.pack("<HHIBBHHHI", 0x0200, 0x00BF, 0, 0, 0, 0, 0, 0, 0))


def doc_document(title: str, paragraphs: list[str]) -> bytes:
    text = "\r".join([title, *paragraphs]) + "\r"
    word = (_fib_base() + text.encode("utf-16-le")).ljust(MINI_STREAM_CUTOFF, b"\0")
    table = b"\0".ljust(MINI_STREAM_CUTOFF, b"\0")
    return compound_file([("WordDocument", word), ("1Table", table)])
