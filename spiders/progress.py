"""A terse progress line on a terminal: pages, media, paths done."""

from __future__ import annotations

import sys
from typing import Any

from scrapy import signals
from twisted.internet import task


class TerminalProgress:
    """Rewrites one stderr line every second while the crawl runs (only enabled on a terminal)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.loop: task.LoopingCall | None = None
        self.spider: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> TerminalProgress:
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        self.spider = spider
        self.loop = task.LoopingCall(self.show)
        self.loop.start(1.0, now=False)

    def show(self) -> None:
        spider = self.spider
        media = getattr(spider, "media", None)
        total = sum(1 for _ in spider.spec.paths)
        done = sum(1 for p in spider.spec.paths if p.segments in spider.finished)
        checked = media.checked if media is not None else 0
        sys.stderr.write(f"\r  pages {spider.book.fetched}  media {checked}  paths {done}/{total}   ")
        sys.stderr.flush()

    def closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
            sys.stderr.write("\n")
