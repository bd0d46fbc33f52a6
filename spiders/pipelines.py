"""Collect what the spider yields and, when the crawl closes for any reason, write the findings.

Closing "for any reason" is the point: Ctrl-C, SIGTERM or a crash of the crawl still leave a
findings.json (marked ``complete: false``) with everything seen until then. Two moments come
earlier, for the ends a closing crawl never reaches (a second Ctrl-C, SIGKILL, a power cut):

* the moment a stop is asked for (the first Ctrl-C or SIGTERM): a graceful stop waits for the
  requests in flight, up to DOWNLOAD_TIMEOUT, and an impatient second Ctrl-C ends the process
  without closing the spider;
* every ``AUDITOR_SNAPSHOT_SECONDS`` while new observations come in.

Those snapshots are findings.json files like the final one, ``complete: false`` with
``stats.snapshot: true`` (the reports are written at the close, or by ``pathaudit crawl`` when only a
snapshot was left).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import Any

from auditor.audit.rules import Observations, audit
from auditor.model.findings import FindingsReport
from auditor.model.observations import ColumnObservation, ItemPageObservation, MediaObservation

logger = logging.getLogger(__name__)

#: how often the pipeline looks whether a stop was asked for or a snapshot is due
_TICK_SECONDS = 0.2


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class AuditPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.seen = Observations()
        self.started_at = _now()
        self.close_reason: str | None = None
        self.snapshot_seconds = crawler.settings.getfloat("AUDITOR_SNAPSHOT_SECONDS", 15.0)
        self._spider: Any = None
        self._ticker: Any = None
        self._unsaved = False
        self._saved_at = time.monotonic()
        self._stop_saved = False

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
        """findings.json as things stand (``complete: false``); never lets an error stop the crawl."""
        try:
            self.close_reason = reason
            report = self.build_report(self._spider, complete=False)
            report.stats["snapshot"] = True
            report.write(self.out_dir / "findings.json")
            self._unsaved = False
            self._saved_at = time.monotonic()
        except Exception:
            logger.exception("PathAudit: writing a findings snapshot failed; the crawl goes on")

    @property
    def out_dir(self) -> Path:
        from spiders.job_dir import out_dir_for

        return out_dir_for(self.crawler.settings, self._spider)

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
        """Runs after the spider closed: write the findings and the reports."""
        if self._ticker is not None and self._ticker.running:
            self._ticker.stop()
        self.close_reason = reason
        report = self.build_report(spider, complete=reason == "finished")
        out_dir = self.out_dir
        path = report.write(out_dir / "findings.json")
        logger.info("PathAudit: findings written to %s (complete=%s)", path, report.complete)
        from reports import parse_formats, write_all

        settings = self.crawler.settings
        try:
            formats = parse_formats(settings.get("AUDITOR_REPORT_FORMATS") or "")
            write_all(report, out_dir, lang=settings.get("AUDITOR_REPORT_LANG") or "zh", formats=formats)
        except Exception:  # a report writer must never lose the findings already written
            logger.exception("PathAudit: writing the reports failed; findings.json is intact")

    def build_report(self, spider: Any, *, complete: bool) -> FindingsReport:
        config = spider.config
        paths, findings = audit(spider.spec, self.seen, as_of=config.as_of, complete=complete)
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        meta = spider.spec.meta
        return FindingsReport(
            site={"start_url": spider.start_url, "hosts": sorted(h for h in spider.hosts if h)},
            spec={
                "id": meta.id,
                "title": meta.title,
                "document_number": meta.document_number,
                "issued": meta.issued.isoformat() if meta.issued else None,
            },
            started_at=self.started_at,
            finished_at=_now(),
            complete=complete,
            stats={
                "requests": int(stats.get("downloader/request_count", 0)),
                "responses": int(stats.get("downloader/response_count", 0)),
                "pages": spider.book.fetched,
                "media_checked": len(self.seen.media),
                "item_pages": len(self.seen.items),
                "columns_observed": len(self.seen.columns),
                "as_of": config.as_of.isoformat(),
                "close_reason": self.close_reason,
                "replayed": int(stats.get("httpcache/hit", 0)),
            },
            paths=paths,
            findings=findings,
        )
