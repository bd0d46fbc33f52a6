"""Collect what the spider yields and write findings.json: that file, and nothing else.

The reports are rendered from findings.json by whoever ran the crawl (``pathaudit crawl`` once at
the end, or ``pathaudit report`` later), so the data flows one way: crawl -> findings -> reports.

Closing "for any reason" is the point: Ctrl-C, SIGTERM or a crash of the crawl still leave a
findings.json (marked ``complete: false``) with everything seen until then. Two moments come
earlier, for the ends a closing crawl never reaches (a second Ctrl-C, SIGKILL, a power cut):

* the moment a stop is asked for (the first Ctrl-C or SIGTERM): a graceful stop waits for the
  requests in flight, up to DOWNLOAD_TIMEOUT, and an impatient second Ctrl-C ends the process
  without closing the spider;
* every ``AUDITOR_SNAPSHOT_SECONDS`` while new observations come in.

Those snapshots go to ``findings.partial.json`` (``complete: false``, ``stats.snapshot: true``),
never over findings.json: a crawl killed hard leaves the previous complete findings.json and its
reports as they were, and the snapshot beside them under its own name. Every file is written to a
temporary name and renamed over the old one only when complete. When a write fails (a full disk, a
folder made read-only) the crawl stops: one line in the log, the failure in the crawl's stats
(``pathaudit/write_error``) for the command to report, and the files already written kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.audit.contract import findings_report
from auditor.model.observations import Observations
from auditor.model.findings import FindingsReport
from auditor.model.observations import ColumnObservation, ItemPageObservation, MediaObservation
from spiders.runtime import WRITE_ERROR_STAT

if TYPE_CHECKING:
    from spiders.pathwalk import PathWalkSpider

logger = logging.getLogger(__name__)

#: how often the pipeline looks whether a stop was asked for or a snapshot is due
_TICK_SECONDS = 0.2
FINDINGS_NAME = "findings.json"
SNAPSHOT_NAME = "findings.partial.json"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class AuditPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.seen = Observations()
        self.started_at = _now()
        self.close_reason: str | None = None
        self.snapshot_seconds = crawler.settings.getfloat("AUDITOR_SNAPSHOT_SECONDS", 15.0)
        self._spider: PathWalkSpider | None = None
        self._ticker: Any = None
        self._unsaved = False
        self._saved_at = time.monotonic()
        self._stop_saved = False
        #: the output folder's lock, when this crawl holds it itself (``_hold_out_dir``)
        self._lock: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> AuditPipeline:
        pipeline = cls(crawler)
        from scrapy import signals

        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import task

        self._spider = spider
        if not self._hold_out_dir():
            return
        self._ticker = task.LoopingCall(self._tick)
        self._ticker.start(_TICK_SECONDS, now=False)

    def _tick(self) -> None:
        """Write a snapshot when a stop was just asked for, or when one is due."""
        stopping = not self.crawler.crawling
        if stopping and not self._stop_saved:
            self._stop_saved = True
            self.write_snapshot("shutdown")
        elif (
            self._unsaved
            and self.snapshot_seconds > 0
            and time.monotonic() - self._saved_at >= self.snapshot_seconds
        ):
            self.write_snapshot(None)

    def write_snapshot(self, reason: str | None) -> None:
        """findings.partial.json as things stand (``complete: false``); never an error that stops the
        crawl, except a write that fails (then nothing more could be kept: the crawl stops)."""
        try:
            self.close_reason = reason
            assert self._spider is not None, "a snapshot before the spider opened"
            report = self.build_report(self._spider, complete=False)
            report.stats["snapshot"] = True
        except Exception:
            logger.exception("PathAudit: building a findings snapshot failed; the crawl goes on")
            return
        if self._write(report, SNAPSHOT_NAME):
            self._unsaved = False
            self._saved_at = time.monotonic()

    def _hold_out_dir(self) -> bool:
        """A crawl not started by ``pathaudit crawl``/``run`` (``scrapy crawl``, a Scrapyd job; those
        commands check and lock the folder themselves and set AUDITOR_RUN_ID) checks and locks its
        output folder here, before its first request: two jobs given one AUDITOR_OUT_DIR would
        overwrite each other. Refused: one line, the crawl stops, and nothing is written there."""
        if self.crawler.settings.get("AUDITOR_RUN_ID"):
            return True
        from spiders.folders import FolderError, check_writable, locked

        folder = self.out_dir
        try:
            check_writable(folder, "output")
            self._lock = locked(folder, "output")
            self._lock.__enter__()
        except FolderError as err:
            self._lock = None
            self.crawler.pathaudit_out_refused = True
            if self.crawler.stats is not None:
                self.crawler.stats.set_value(WRITE_ERROR_STAT, str(err))
            logger.error("PathAudit: %s; this crawl stops and writes nothing", err)
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(self.crawler.engine.close_spider_async(reason="output_folder_refused"))
            return False
        return True

    def _write(self, report: FindingsReport, name: str) -> bool:
        """Write ``name`` atomically; on failure say it in one line, record it, stop the crawl."""
        if getattr(self.crawler, "pathaudit_out_refused", False):
            return False
        path = self.out_dir / name
        try:
            report.write(path)
            return True
        except OSError as err:
            message = f"cannot write {path}: {err.strerror or err}"
            stats = self.crawler.stats
            if stats is not None and not stats.get_value(WRITE_ERROR_STAT):
                stats.set_value(WRITE_ERROR_STAT, message)
                logger.error("PathAudit: %s; stopping the crawl (the files already written are kept)", message)
                engine = getattr(self.crawler, "engine", None)
                if engine is not None and engine.spider is not None and self.crawler.crawling:
                    from scrapy.utils.defer import deferred_from_coro

                    deferred_from_coro(engine.close_spider_async(reason="write_failed"))
            return False

    @property
    def out_dir(self) -> Path:
        from spiders.job_dir import decided_out_dir

        return decided_out_dir(self.crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        self._unsaved = True
        if isinstance(item, ColumnObservation):
            self.seen.columns[item.segments] = item
        elif isinstance(item, ItemPageObservation):
            self.seen.items.append(item)
        elif isinstance(item, MediaObservation):
            self.seen.media[item.url] = item
        return item

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Runs after the spider closed: write findings.json; the snapshot has served its turn."""
        if self._ticker is not None and self._ticker.running:
            self._ticker.stop()
        self.close_reason = reason
        if getattr(self.crawler, "pathaudit_out_refused", False):
            return
        try:
            if reason == "finished":
                from spiders.mobile_view import attach_mobile_views

                attach_mobile_views(self.crawler.settings, spider.spec, spider.start_url, spider.hosts, self.seen)
            report = self.build_report(spider, complete=reason == "finished")
            if self._write(report, FINDINGS_NAME):
                (self.out_dir / SNAPSHOT_NAME).unlink(missing_ok=True)
                logger.info("PathAudit: findings written to %s (complete=%s)", self.out_dir / FINDINGS_NAME,
                            report.complete)
        finally:
            lock, self._lock = self._lock, None
            if lock is not None:
                lock.__exit__(None, None, None)

    def build_report(self, spider: PathWalkSpider, *, complete: bool) -> FindingsReport:
        """findings.json from the walk's output, by the contract's one builder; the pipeline adds
        only what Scrapy alone knows (request counts, close reason, the evidence archive)."""
        walker = getattr(spider, "walker", None)
        self.seen.column_map = walker.census.column_map() if walker is not None else None
        from spiders.archive import attach_records

        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        run_id = self.crawler.settings.get("AUDITOR_RUN_ID")
        return findings_report(
            spider.walk_output(self.seen),
            complete=complete,
            started_at=self.started_at,
            finished_at=_now(),
            transport={
                "requests": int(stats.get("downloader/request_count", 0)),
                "responses": int(stats.get("downloader/response_count", 0)),
                "close_reason": self.close_reason,
                "replayed": int(stats.get("httpcache/hit", 0)),
                # script-drawn pages (spiders/render.py): judged scripted or unsure, read from their
                # data, rendered, left unrendered
                **({"script_pages": dict(spider.renderer.counts)} if spider.renderer.reported else {}),
                **({"run_id": run_id} if run_id else {}),
            },
            evidence=lambda findings: attach_records(self.crawler, findings),
        )
