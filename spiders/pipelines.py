"""Collect what the spider yields and, when the crawl closes for any reason, write the findings.

Closing "for any reason" is the point: Ctrl-C, SIGTERM or a crash of the crawl still leave a
findings.json (marked ``complete: false``) with everything seen until then.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from auditor.audit import Observations, audit
from auditor.findings import FindingsReport
from auditor.observations import ColumnObservation, ItemPageObservation, MediaObservation

logger = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class AuditPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.seen = Observations()
        self.started_at = _now()
        self.close_reason: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> AuditPipeline:
        pipeline = cls(crawler)
        from scrapy import signals

        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, ColumnObservation):
            self.seen.columns[item.segments] = item
        elif isinstance(item, ItemPageObservation):
            self.seen.items.append(item)
        elif isinstance(item, MediaObservation):
            self.seen.media[item.url] = item
        return item

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Runs after the spider closed: write the findings and the reports."""
        self.close_reason = reason
        report = self.build_report(spider, complete=reason == "finished")
        out_dir = Path(self.crawler.settings.get("AUDITOR_OUT_DIR") or "pathaudit-out")
        path = report.write(out_dir / "findings.json")
        logger.info("PathAudit: findings written to %s (complete=%s)", path, report.complete)
        formats = [f.strip() for f in (self.crawler.settings.get("AUDITOR_REPORT_FORMATS") or "").split(",") if f.strip()]
        lang = self.crawler.settings.get("AUDITOR_REPORT_LANG") or "zh"
        for fmt in formats:
            try:
                from reports import output_name, write

                write(report, fmt, out_dir / output_name(fmt, lang), lang, None)
            except Exception:  # a report writer must never lose the findings already written
                logger.exception("PathAudit: writing the %s report failed; findings.json is intact", fmt)

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
            },
            paths=paths,
            findings=findings,
        )
