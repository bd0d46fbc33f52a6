"""Progress while a crawl runs, so an operator (or a CI log, or cron's mail) never sees minutes of silence.

``AUDITOR_PROGRESS``:

* ``tty`` — one stderr line rewritten every second: columns done/total, requests, errors, elapsed
  time and an estimate of what is left (from the share of mandated paths finished so far);
* ``lines`` — a short line every ``AUDITOR_PROGRESS_SECONDS`` (for logs: no carriage returns);
* ``auto`` (default) — ``tty`` on a terminal, else ``lines``;
* ``off`` — nothing (the extension switches itself off with ``NotConfigured``).

``AUDITOR_PROGRESS_LABEL`` prefixes each line (``pathaudit run`` names the site).
Columns are counted from the observations the spider yields (``item_scraped``), so this extension
does not depend on how the walk keeps its state.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured

MODES = ("auto", "tty", "lines", "off")


class Progress:
    def __init__(self, crawler: Any, mode: str, every: float, label: str, stream: TextIO) -> None:
        self.crawler = crawler
        self.mode = mode
        self.every = every
        self.label = f"{label}: " if label else ""
        self.stream = stream
        self.loop: Any = None
        self.spider: Any = None
        self.started = time.monotonic()
        self.columns_done: set[tuple[str, ...]] = set()
        self.mandated: set[tuple[str, ...]] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        settings = crawler.settings
        mode = (settings.get("AUDITOR_PROGRESS") or "auto").strip().lower()
        if mode not in MODES:
            raise NotConfigured(f"AUDITOR_PROGRESS must be one of {', '.join(MODES)}")
        stream = sys.stderr
        if mode == "auto":
            mode = "tty" if stream.isatty() else "lines"
        if mode == "off":
            raise NotConfigured  # asked for: no message (Scrapy warns only when NotConfigured says why)
        every = 1.0 if mode == "tty" else max(1.0, settings.getfloat("AUDITOR_PROGRESS_SECONDS", 30.0))
        ext = cls(crawler, mode, every, settings.get("AUDITOR_PROGRESS_LABEL") or "", stream)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        return ext

    def opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.spider = spider
        self.started = time.monotonic()
        spec = getattr(spider, "spec", None)
        self.mandated = {tuple(p.segments) for p in getattr(spec, "paths", ())}
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.every, now=False)

    def item_scraped(self, item: Any, spider: Any = None, response: Any = None) -> None:
        segments = getattr(item, "segments", None)
        if segments is not None and tuple(segments) in self.mandated:
            self.columns_done.add(tuple(segments))

    def line(self) -> str:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        requests = int(stats.get("downloader/request_count", 0))
        errors = int(stats.get("downloader/exception_count", 0)) + sum(
            int(v) for k, v in stats.items() if k.startswith("downloader/response_status_count/") and k[-3:] >= "400"
        )
        done, total = len(self.columns_done), len(self.mandated)
        elapsed = time.monotonic() - self.started
        text = f"{self.label}columns {done}/{total}  requests {requests}  errors {errors}  elapsed {_clock(elapsed)}"
        if self.mode == "tty":
            left = "?" if not done else _clock(elapsed * (total - done) / done)
            text += f"  left ~{left}"
        return text

    def show(self) -> None:
        if self.mode == "tty":
            self.stream.write("\r" + self.line() + "   ")
        else:
            self.stream.write("progress: " + self.line() + "\n")
        self.stream.flush()

    def closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.mode == "tty":
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    total = int(round(seconds))
    minutes, secs = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"
