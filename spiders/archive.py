"""Keep what the site showed: every response of the crawl saved as a WARC record, so each finding's
evidence survives the site being fixed, going offline or changing.

A downloader middleware (``EvidenceArchive``) writes ``OUT/evidence.warc.gz`` (WARC 1.1 through
``warcio``, one gzip member per record, flushed at once, so the file is readable even when the crawl is
killed). The first answer for each URL is kept (for a medium walked by Range requests, its first bytes),
unless it was an error that a retry then answered (the good answer is kept too, and named).
Two caps keep the archive small: each body is cut to ``AUDITOR_ARCHIVE_RECORD_MAXSIZE`` bytes (the record
says ``WARC-Truncated: length``), and once ``AUDITOR_ARCHIVE_MAXSIZE`` bytes are stored, later responses are
left out and counted; the report says so. ``AUDITOR_ARCHIVE = False`` switches it off.

Beside it, ``evidence.warc.gz.idx`` (``auditor.model.warc_index``) says where each response record
starts in the file, written when the archive closes: a report seeks to the ~150 records it shows
instead of inflating every record of the archive to find them.

When the findings are built, :func:`attach_records` names in each finding's ``evidence.record`` the
record that proves it (:func:`proving_url`), and :func:`archive_stats` gives ``stats.archive``.
"""

from __future__ import annotations

import http
import io
import logging
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from auditor.model.findings import MEDIA_FINDING_KINDS, Finding
from auditor.model.warc_index import index_path, write_index

logger = logging.getLogger(__name__)

ARCHIVE_NAME = "evidence.warc.gz"
#: headers that describe the transfer, not the body we store (decoded, whole or cut)
_TRANSFER_HEADERS = {b"content-encoding", b"transfer-encoding", b"content-length"}
#: bodies of these types are compressed already: their records are deflated at the fastest level (1,
#: which still shrinks a file that is mostly padding); every other record at level 6 (warcio's own
#: writer spends level 9 on all)
_COMPRESSED_TYPES = ("image/", "video/", "audio/", "application/zip", "application/pdf", "application/x-shockwave-flash",
                     "application/vnd.openxmlformats", "application/x-rar", "application/x-7z", "application/gzip")
_TEXT_LEVEL = 6
_MEDIA_LEVEL = 1


class EvidenceArchive:
    """Saves responses into the run's WARC file, within the size caps."""

    def __init__(self, path: Path | None, max_bytes: int, record_max_bytes: int, crawler: Any = None) -> None:
        #: None: the crawl's decided output folder (``spiders.job_dir.decided_out_dir``), known once
        #: the spider exists (a Scrapyd job's folder depends on its job id)
        self._path = path
        self._crawler = crawler
        self.max_bytes = max_bytes
        self.record_max_bytes = record_max_bytes
        self.stored_bytes = 0
        self.left_out: set[str] = set()
        self.records: dict[str, str] = {}
        #: URLs whose kept record is an error answer (a later good answer, after a retry, replaces it)
        self._errors: set[str] = set()
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._members: GzipMembers | None = None
        #: where each response record starts in the file, with its id and URL (the offset index)
        self._offsets: list[tuple[int, str, str]] = []
        #: why the archive stopped taking answers (a write failed), or None
        self.failed: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> EvidenceArchive:
        settings = crawler.settings
        if not settings.getbool("AUDITOR_ARCHIVE", True):
            raise NotConfigured("AUDITOR_ARCHIVE is off")
        archive = cls(
            None,
            settings.getint("AUDITOR_ARCHIVE_MAXSIZE", 64 * 1024 * 1024),
            settings.getint("AUDITOR_ARCHIVE_RECORD_MAXSIZE", 512 * 1024),
            crawler,
        )
        crawler.signals.connect(archive.spider_closed, signal=signals.spider_closed)
        return archive

    @property
    def path(self) -> Path:
        if self._path is None:
            from spiders.job_dir import decided_out_dir

            self._path = decided_out_dir(self._crawler) / ARCHIVE_NAME
        return self._path

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if getattr(self._crawler, "pathaudit_out_refused", False):
            return response  # the output folder belongs to another crawl: nothing is written there
        if self.failed is None:
            try:
                self.save(response)
            except OSError as err:  # a full disk must not stop the audit: the archive stops, and says so
                self.failed = err.strerror or str(err)
                logger.warning("evidence archive stopped: %s (%s); the audit goes on", self.failed, self.path)
                self._close_quietly()
        if self.failed is not None and response.url not in self.records:
            self.left_out.add(response.url)
        return response

    def save(self, response: Response) -> None:
        url = response.url
        if (url in self.records and url not in self._errors) or url in self.left_out:
            return
        if url in self._errors and response.status >= 400:
            return
        body = response.body or b""
        kept = body[: self.record_max_bytes]
        if self.stored_bytes + len(kept) > self.max_bytes:
            self.left_out.add(url)
            return
        writer = self._open()
        http_headers = StatusAndHeaders(_status_line(response.status), _headers(response, len(kept)), protocol="HTTP/1.1")
        warc_headers = {"WARC-Truncated": "length"} if len(kept) < len(body) else {}
        if len(kept) < len(body):
            warc_headers["WARC-PathAudit-Full-Length"] = str(len(body))
        # the payload's length given, warcio digests it where it is; unknown, it copies it into a
        # temporary file twice over to learn it (the record is the same either way)
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(kept), length=len(kept), http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        assert self._members is not None
        self._members.level = _MEDIA_LEVEL if _already_compressed(response) else _TEXT_LEVEL
        assert self._file is not None
        start = self._file.tell()
        writer.write_record(record)  # one gzip member, ended (and flushed to the file) by the writer
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        self.records[url] = record_id
        self._offsets.append((start, record_id, url))
        self.stored_bytes += len(kept)
        if response.status >= 400:
            self._errors.add(url)
        else:
            self._errors.discard(url)

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            index_path(self.path).unlink(missing_ok=True)  # an earlier run's index must not outlive its archive
            self._file = self.path.open("wb")  # a new run starts a new archive
            self._members = GzipMembers(self._file)
            self._writer = WARCWriter(self._members, gzip=False, warc_version="1.1")
            info = self._writer.create_warcinfo_record(ARCHIVE_NAME, {"software": "PathAudit", "format": "WARC File Format 1.1"})
            self._writer.write_record(info)
        return self._writer

    def spider_closed(self, spider: Any = None) -> None:
        self._close_quietly()

    def _close_quietly(self) -> None:
        file, self._file, self._writer, self._members = self._file, None, None, None
        if file is not None:
            try:
                size = file.tell()
                file.close()
            except OSError as err:
                self.failed = self.failed or err.strerror or str(err)
                return
            if self.failed is None:  # the offset index: only a speed-up of the reports
                write_index(self.path, size, self._offsets)

    def record_for(self, url: str | None) -> dict[str, Any] | None:
        """What ``evidence.record`` says for a URL: the record's id, or that the cap left it out."""
        if not url:
            return None
        if url in self.records:
            return {"file": ARCHIVE_NAME, "id": self.records[url], "uri": url}
        if url in self.left_out:
            return {"file": ARCHIVE_NAME, "id": None, "uri": url, "left_out": True}
        return None

    def attach(self, findings: list[Finding]) -> dict[str, Any]:
        """Name each finding's evidence record (``evidence.record``); returns ``stats.archive``."""
        for finding in findings:
            record = self.record_for(proving_url(finding))
            if record is not None and isinstance(finding.evidence, dict):
                finding.evidence["record"] = record
        return self.stats()

    def stats(self) -> dict[str, Any]:
        return {
            "file": ARCHIVE_NAME,
            "records": len(self.records),
            "bytes": self.stored_bytes,
            "left_out": len(self.left_out),
            "cap_bytes": self.max_bytes,
            **({"failed": self.failed} if self.failed else {}),
        }


def proving_url(finding: Finding) -> str | None:
    """The answer that proves a finding: the page where a walk stopped (missing column), the medium
    itself (its first bytes), the item page lacking a field, else the column page."""
    evidence = finding.evidence if isinstance(finding.evidence, dict) else {}
    if finding.kind == "missing_column":
        stopped = evidence.get("stopped_at")
        if isinstance(stopped, dict) and isinstance(stopped.get("url"), str):
            return stopped["url"]
    if finding.kind in MEDIA_FINDING_KINDS:
        return finding.url
    return finding.url or finding.page


def attach_records(crawler: Any, findings: list[Finding]) -> dict[str, Any] | None:
    """Name each finding's evidence record (``evidence.record``); returns ``stats.archive``, or None
    when the crawl keeps no archive."""
    archive = crawler.get_downloader_middleware(EvidenceArchive) if crawler.engine is not None else None
    return archive.attach(findings) if archive is not None else None


class GzipMembers:
    """The archive file as warcio writes to it, each record one gzip member (as warcio's own
    ``gzip=True`` writes them): bytes are compressed at ``level`` until the writer's ``flush`` at the
    end of the record ends the member and flushes the file, so the archive is readable whenever a
    crawl is killed."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.level = _TEXT_LEVEL
        self._member: Any = None

    def write(self, data: bytes) -> None:
        if self._member is None:
            self._member = zlib.compressobj(self.level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.file.write(self._member.compress(data))

    def flush(self) -> None:
        if self._member is not None:
            self.file.write(self._member.flush())
            self._member = None
        self.file.flush()


def _already_compressed(response: Response) -> bool:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").strip().lower()
    return content_type.startswith(_COMPRESSED_TYPES)


def _status_line(status: int) -> str:
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def _headers(response: Response, length: int) -> list[tuple[str, str]]:
    # Scrapy's Headers is a dict of normalised names to lists of values: read as one, not through
    # ``items()``, which normalises every name again to look its values up (tens of ms a crawl)
    headers = [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in dict.items(response.headers)
        if name.lower() not in _TRANSFER_HEADERS
        for value in values
    ]
    headers.append(("Content-Length", str(length)))
    return headers

