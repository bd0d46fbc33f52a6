"""The saved copies behind the findings, read back from the run's WARC file (``evidence.warc.gz``, written
by ``spiders/archive.py``), for a report that shows them offline, whatever the site does later.

Only the records a report shows are kept in memory: those findings name (``evidence.record``), the
pages that embed a broken medium, and the images that loaded (thumbnails). A page is shown as a
*snapshot*: its markup with every script, style, frame, form and external resource removed (so
opening it fetches nothing and runs nothing) inside a sandboxed frame; a medium as its first bytes,
what they are and the verdict.
"""

from __future__ import annotations

import base64
import codecs
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree, html
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from bs4.dammit import EncodingDetector, UnicodeDammit
from w3lib.encoding import resolve_encoding

from auditor.media.sniff import sniff
from auditor.model.warc_index import IndexEntry, read_index

#: markup that must not reach the snapshot: it runs, fetches or submits
_DROP = ("script", "style", "link", "meta", "base", "iframe", "frame", "frameset", "object", "embed",
         "noscript", "template", "svg", "video", "audio", "source", "track", "canvas", "input", "button",
         "select", "textarea")
_KEEP_ATTRIBUTES = {"alt", "title", "colspan", "rowspan"}
#: labels of single-byte Western charsets: every byte sequence decodes in them, so they prove nothing
_WESTERN = frozenset({"cp1252", "windows-1252", "latin_1", "iso8859-1", "iso-8859-1", "ascii"})
#: the longest snapshot embedded in a report (characters of cleaned markup)
SNAPSHOT_MAX_CHARS = 200_000
THUMBNAIL_SIZE = (160, 120)
#: the name spiders/archive.py gives the run's archive (findings name it in evidence.record.file)
ARCHIVE_NAME = "evidence.warc.gz"
#: the most of one record's body a report reads: the archive cuts bodies at 512 KB when it writes
#: them, but an archive is a file anyone can hand over, and a 3 MB gzip record can inflate to
#: gigabytes; a report shows a snapshot (``SNAPSHOT_MAX_CHARS``), first bytes and a thumbnail
RECORD_READ_MAX = 2 * 1024 * 1024
#: the most a report keeps of all records together
TOTAL_READ_MAX = 96 * 1024 * 1024


@dataclass(frozen=True)
class SavedRecord:
    id: str
    uri: str
    date: str
    status: int | None
    content_type: str
    body: bytes
    #: the body was cut by the archive's per-record cap (WARC-Truncated)
    truncated: bool

    @property
    def is_html(self) -> bool:
        return "html" in self.content_type.lower() or sniff(self.body[:4096]) == "html"

    def first_bytes(self, n: int = 32) -> str:
        """The first ``n`` bytes in hex, two digits a byte, as a hex editor shows them."""
        return " ".join(f"{b:02x}" for b in self.body[:n])

    @property
    def sniffed(self) -> str | None:
        """What the bytes are (``auditor.media.sniff``): "html", "jpeg"…; "" for an empty body."""
        if not self.body:
            return ""
        return sniff(self.body[:4096])


@dataclass
class SavedEvidence:
    """The records of one archive a report needs, by record id and by URL."""

    file: str
    by_id: dict[str, SavedRecord] = field(default_factory=dict)
    by_uri: dict[str, SavedRecord] = field(default_factory=dict)

    def get(self, record_id: object) -> SavedRecord | None:
        return self.by_id.get(record_id) if isinstance(record_id, str) else None

    def for_uri(self, uri: object) -> SavedRecord | None:
        return self.by_uri.get(uri) if isinstance(uri, str) else None


def read_archive(path: Path, ids: Iterable[str] = (), uris: Iterable[str] = ()) -> SavedEvidence | None:
    """The response records of ``path`` whose id is in ``ids`` or URL in ``uris``; None when there is no
    archive (the crawl kept none, or the file was not copied with findings.json).

    With the archive's offset index (``auditor.model.warc_index``) only those records are read, each
    where the index says it starts; without one, or when a record is not where the index says (the
    index is not this archive's), every record is read in turn to find them."""
    path = Path(path)
    if not path.is_file():
        return None
    wanted_ids, wanted_uris = set(ids), set(uris)
    with path.open("rb") as stream:
        index = read_index(path)
        if index is not None:
            chosen = [entry for entry in index if entry.id in wanted_ids or entry.uri in wanted_uris]
            saved = _keep(path, _seeked(stream, sorted(chosen, key=lambda entry: entry.offset)),
                          wanted_ids, wanted_uris)
            if saved is not None:
                return saved
            stream.seek(0)
        # records are read one by one, streamed; a record not wanted is skipped unread (but inflated:
        # a gzip member does not say where it ends)
        saved = _keep(path, ArchiveIterator(stream), wanted_ids, wanted_uris)
    assert saved is not None
    return saved


def _seeked(stream: BinaryIO, entries: list[IndexEntry]) -> Iterator[ArcWarcRecord | None]:
    """The records ``entries`` name, each read where it starts; None for one that is not there."""
    for entry in entries:
        stream.seek(entry.offset)
        try:
            record = next(iter(ArchiveIterator(stream)), None)
        except Exception:  # noqa: BLE001 - whatever is at that offset, it is not the record named
            record = None
        if (record is None or record.rec_type != "response"
                or record.rec_headers.get_header("WARC-Record-ID") != entry.id
                or record.rec_headers.get_header("WARC-Target-URI") != entry.uri):
            yield None
            return
        yield record


def _keep(path: Path, records: Iterable[ArcWarcRecord | None], wanted_ids: set[str],
          wanted_uris: set[str]) -> SavedEvidence | None:
    """The wanted response records among ``records``; None when one of them is None (not found
    where an index said it is). A wanted one is read up to RECORD_READ_MAX (the rest is never
    inflated), all of them together up to TOTAL_READ_MAX."""
    saved = SavedEvidence(file=path.name)
    kept_bytes = 0
    for record in records:
        if record is None:
            return None
        if record.rec_type != "response":
            continue
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        uri = record.rec_headers.get_header("WARC-Target-URI")
        if record_id not in wanted_ids and uri not in wanted_uris:
            continue
        if kept_bytes >= TOTAL_READ_MAX:
            continue
        body = record.content_stream().read(min(RECORD_READ_MAX, TOTAL_READ_MAX - kept_bytes) + 1)
        cut = len(body) > RECORD_READ_MAX or kept_bytes + len(body) > TOTAL_READ_MAX
        body = body[:min(RECORD_READ_MAX, TOTAL_READ_MAX - kept_bytes)]
        kept_bytes += len(body)
        http_headers = record.http_headers
        status = http_headers.get_statuscode() if http_headers else None
        kept = SavedRecord(
            id=record_id,
            uri=uri,
            date=record.rec_headers.get_header("WARC-Date") or "",
            status=int(status) if status and str(status).isdigit() else None,
            content_type=(http_headers.get_header("Content-Type") if http_headers else None) or "",
            body=body,
            truncated=cut or bool(record.rec_headers.get_header("WARC-Truncated")),
        )
        saved.by_id[record_id] = kept
        saved.by_uri[uri] = kept  # the later record of a URL is the one the crawl kept last
    return saved


def page_text(record: SavedRecord) -> str:
    """The page's markup decoded for its snapshot: Beautiful Soup's ``UnicodeDammit`` tries the header's
    charset, then the page's own ``<meta>`` one (each widened to its superset: gb2312/GBK → GB18030,
    as browsers read them), each strictly, then guesses from the bytes. A Western label (the server's
    unconfigured default, ISO-8859-1) is not trusted: every byte decodes in it, so it would always
    win. Measured beside the crawler's repair and the hand-written chain this replaces in
    ``benchmarks/charset_decoders.py`` (docs/benchmarks.md): right on the Big5 pages that chain read as
    GB18030, and about a millisecond a page."""
    declared = re.search(r"charset=([\w-]+)", record.content_type or "", re.I)
    meta = EncodingDetector.find_declared_encoding(record.body[:4096], is_html=True)
    labels = [_widened(label) for label in (declared.group(1) if declared else None, meta) if label]
    known = [label for label in dict.fromkeys(labels) if label and label not in _WESTERN]
    decoded = UnicodeDammit(record.body, known_definite_encodings=known, is_html=True).unicode_markup
    return decoded if decoded is not None else record.body.decode("gb18030", errors="replace")


def _widened(label: str) -> str | None:
    """The codec a browser reads a charset label with (WHATWG: gb2312 and GBK are GB18030), or None."""
    resolved = resolve_encoding(label)
    if resolved:
        return resolved
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def snapshot(record: SavedRecord) -> str:
    """The page as inert markup for a sandboxed ``srcdoc`` frame: text, headings, lists, tables and link
    texts as the site showed them; nothing that runs, loads or submits. Images become their alt text."""
    try:
        document = html.document_fromstring(page_text(record))
    except (etree.ParserError, ValueError):
        return ""
    for element in list(document.iter(*_DROP)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(document.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            if element.getparent() is not None:
                element.drop_tree()
            continue
        if element.tag == "img":
            alt = element.get("alt") or ""
            element.tag = "span"
            element.attrib.clear()
            element.set("class", "img")
            element.text = f"▧ {alt}" if alt else "▧"
            continue
        if element.tag == "form":  # its text stays; nothing can be submitted
            element.tag = "div"
        kept = {k: v for k, v in element.attrib.items() if k in _KEEP_ATTRIBUTES}
        element.attrib.clear()
        element.attrib.update(kept)
    body = document.find("body")
    markup = html.tostring(body if body is not None else document, encoding="unicode")
    return markup[:SNAPSHOT_MAX_CHARS]


def thumbnail(record: SavedRecord) -> str | None:
    """A small JPEG of a saved image as a ``data:`` URI (the report loads nothing from the site)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(record.body)) as image:
            image.thumbnail(THUMBNAIL_SIZE)
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, "JPEG", quality=70)
    except Exception:  # noqa: BLE001 - a saved image that does not decode simply gets no thumbnail
        return None
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


class Thumbnails:
    """Each saved image's thumbnail, made once per different bytes: a portal serves one picture under
    many addresses (the demo portal: 112 thumbnails of 21 different pictures), and a thumbnail
    depends on the bytes alone (decoding and scaling one costs a few ms)."""

    def __init__(self) -> None:
        self._made: dict[bytes, str | None] = {}

    def of(self, record: SavedRecord) -> str | None:
        """``thumbnail(record)``."""
        key = hashlib.sha256(record.body).digest()
        if key not in self._made:
            self._made[key] = thumbnail(record)
        return self._made[key]


@dataclass(frozen=True)
class ShownEvidence:
    """What a report shows of one finding's saved copy."""

    #: the finding's ``evidence.record`` (file, id, uri; ``left_out`` when the cap left it out)
    ref: dict
    record: SavedRecord | None
    #: inert markup of the page (a page record), for a sandboxed frame
    snapshot: str | None = None
    #: for a medium: the saved page that embeds it, and its snapshot
    page: SavedRecord | None = None
    page_snapshot: str | None = None

    @property
    def left_out(self) -> bool:
        return bool(self.ref.get("left_out")) or self.record is None


def wanted(findings: Iterable, media_urls: Iterable[str]) -> tuple[set[str], set[str]]:
    """The record ids and URLs a report needs from the archive."""
    ids: set[str] = set()
    uris: set[str] = set(media_urls)
    for finding in findings:
        ref = finding.evidence.get("record") if isinstance(finding.evidence, dict) else None
        if isinstance(ref, dict) and isinstance(ref.get("id"), str):
            ids.add(ref["id"])
        if finding.page:
            uris.add(finding.page)
    return ids, uris


def shown(finding, saved: SavedEvidence | None, is_media: bool) -> ShownEvidence | None:
    """The saved copy of a finding, ready to show; None when it names no record."""
    ref = finding.evidence.get("record") if isinstance(finding.evidence, dict) else None
    if not isinstance(ref, dict):
        return None
    record = saved.get(ref.get("id")) if saved else None
    if record is None:
        return ShownEvidence(ref=ref, record=None)
    if is_media:
        page = saved.for_uri(finding.page) if saved and finding.page else None
        return ShownEvidence(ref=ref, record=record, page=page,
                             page_snapshot=snapshot(page) if page is not None and page.is_html else None)
    return ShownEvidence(ref=ref, record=record, snapshot=snapshot(record) if record.is_html else None)
