"""Scrapy's stats collector without its per-attribute guard (``STATS_CLASS``).

Scrapy 2.19's ``StatsCollector.__getattribute__`` wraps every attribute read of the collector, its
own ``self._stats`` included, to warn callers that still pass a ``spider`` argument (deprecated).
Scrapy counts every request, answer and byte into the stats: ~18 000 guarded reads in a crawl of the
demo portal, each building a name and failing a lookup first. No caller here passes ``spider``, nor
does Scrapy 2.19 itself (its engine passes one to ``open_spider``/``close_spider`` only when the
collector's methods require it; these do not), so the collector is read as any object is: same
methods, same values, no warning that could fire (tests/spiders/test_stats.py).
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class PlainStatsCollector(MemoryStatsCollector):
    """``MemoryStatsCollector`` read without ``StatsCollector.__getattribute__``."""

    __getattribute__ = object.__getattribute__
