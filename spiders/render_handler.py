"""scrapy-playwright's download handler, started only when a page is first rendered.

scrapy-playwright starts Playwright (its Node.js driver) when the engine starts; with ``--render
auto`` most portals are static and nothing is ever rendered, so that start cost every crawl time
and memory for nothing (docs/benchmarks.md: the demo with ``auto``). Here the start waits for the
first request marked ``playwright``. Only used when the browser extra is installed
(``spiders.render.install`` names it in ``DOWNLOAD_HANDLERS``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import signals
from scrapy.http import Request, Response

try:
    from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
except ImportError:  # no browser extra: Scrapy's spider loader imports every module of spiders/
    ScrapyPlaywrightDownloadHandler = object  # type: ignore[assignment,misc]


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):  # type: ignore[misc,valid-type]
    """Playwright starts on the first rendered page, not with the engine."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        for receiver in ("_maybe_launch_in_thread", "_engine_started"):
            crawler.signals.disconnect(getattr(self, receiver), signals.engine_started)
        self._started = False
        self._start_lock = asyncio.Lock()

    async def _download_request(self, request: Request, spider: Any = None) -> Response:
        if not self._started:
            async with self._start_lock:
                if not self._started:
                    await self._launch()
                    self._started = True
        return await super()._download_request(request, spider)
