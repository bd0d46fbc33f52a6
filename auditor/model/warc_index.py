"""The offset index of a run's evidence archive (``evidence.warc.gz.idx`` beside ``evidence.warc.gz``).

The archive is one gzip member per record, and a gzip member says nothing of its length: finding
one record means inflating every record before it. The crawl's archive writer
(``spiders/archive.py``) knows where each record starts as it writes it and leaves that here when
the archive closes; the reports (``reports/archive.py``) seek to the ~150 records they show instead
of inflating all of them. Here, between the two, so neither imports the other.

Only a speed-up: an archive without its index (a crawl killed hard, an archive copied alone, one
written before the index existed) reads as before, and an index that does not fit its archive (its
size differs, a record at an offset is not the one named) is not used.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

#: the index's name is its archive's with this added
INDEX_SUFFIX = ".idx"
INDEX_FORMAT = "pathaudit/warc-offsets/1"
#: an index far larger than this is not one (a record takes ~120 bytes in it)
MAX_INDEX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class IndexEntry:
    """One response record: where its gzip member starts, its WARC-Record-ID and WARC-Target-URI."""

    offset: int
    id: str
    uri: str


def index_path(archive: Path) -> Path:
    """Where the offset index of ``archive`` is: beside it, its name plus :data:`INDEX_SUFFIX`."""
    archive = Path(archive)
    return archive.with_name(archive.name + INDEX_SUFFIX)


def write_index(archive: Path, size: int, entries: list[tuple[int, str, str]]) -> bool:
    """Write the index of ``archive`` (``size`` bytes, just closed): (offset, id, uri) per response
    record, in file order. Atomically; a failure is logged and leaves no index (False)."""
    target = index_path(archive)
    tmp = target.with_name(target.name + ".tmp")
    document = {"format": INDEX_FORMAT, "archive": Path(archive).name, "size": size,
                "records": [[offset, record_id, uri] for offset, record_id, uri in entries]}
    try:
        tmp.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        logger.info("evidence archive: no offset index (%s); reports will read the whole archive",
                    err.strerror or err)
        return False
    return True


def read_index(archive: Path) -> list[IndexEntry] | None:
    """The response records of ``archive`` by its index, in file order; None when there is no usable
    index (none, unreadable, another format, or written for a file of another size)."""
    target = index_path(archive)
    try:
        if target.stat().st_size > MAX_INDEX_BYTES:
            return None
        document = json.loads(target.read_text(encoding="utf-8"))
        if (not isinstance(document, dict) or document.get("format") != INDEX_FORMAT
                or document.get("size") != Path(archive).stat().st_size):
            return None
        entries = [IndexEntry(int(offset), record_id, uri) for offset, record_id, uri in document["records"]]
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    if not all(isinstance(e.id, str) and isinstance(e.uri, str) and e.offset >= 0 for e in entries):
        return None
    return entries
