"""Scrapy concerns: the spider that walks mandated paths, and the pipeline that hands what it saw to
the audit. Nothing here decides whether a column passes: that is ``auditor``'s job."""

# Scrapy's HTTP download handler, imported here, where the stack is short, rather than when the
# engine starts: importing it creates deprecated aliases whose shim calls ``inspect.stack()``, which
# reads the source of every frame on the stack (0.26 CPU s from the engine's start, 0.10 from here).
import scrapy.core.downloader.handlers.http11  # noqa: E402,F401
