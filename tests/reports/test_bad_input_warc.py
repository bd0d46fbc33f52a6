"""``pathaudit report`` reads the evidence archive record by record, each within a cap (issue 19): a
WARC whose one record inflates from a few hundred kilobytes to 300 MB is read within bounded memory.

The archive is a real gzip-per-record WARC written with warcio, its payload produced as it is
written (never held whole); the peak memory of the read is measured with tracemalloc.
"""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from reports.archive import RECORD_READ_MAX, read_archive

INFLATED = 300 * 1024 * 1024


class Zeros(io.RawIOBase):
    """``size`` zero bytes, produced as they are read."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = min(len(buffer), self.left, 1024 * 1024)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


def bomb_archive(path: Path) -> tuple[str, str]:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(INFLATED))],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record("http://127.0.0.1/zwgk/", "response", payload=io.BufferedReader(Zeros(INFLATED)),
                                           length=INFLATED, http_headers=headers)
        writer.write_record(record)
        small = writer.create_warc_record(
            "http://127.0.0.1/xwzx/", "response", payload=io.BytesIO(b"<html><body>ok</body></html>"),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
        writer.write_record(small)
    return record.rec_headers.get_header("WARC-Record-ID"), small.rec_headers.get_header("WARC-Record-ID")


def test_a_record_that_inflates_to_300_mb_is_read_within_its_cap(tmp_path: Path):
    path = tmp_path / "evidence.warc.gz"
    big, small = bomb_archive(path)
    assert path.stat().st_size < 3 * 1024 * 1024  # a small file …
    tracemalloc.start()
    try:
        saved = read_archive(path, ids=[big, small])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert saved is not None
    assert len(saved.by_id[big].body) == RECORD_READ_MAX and saved.by_id[big].truncated
    assert saved.by_id[small].body.endswith(b"ok</body></html>")  # the record after it is still read
    # … read with bounded memory, not 300 MB: warcio inflates the file 16 KB at a time, and 16 KB of
    # gzipped zeros is 16 MB, so a few such blocks are in memory at the peak, whatever the record's size
    assert peak < 128 * 1024 * 1024
