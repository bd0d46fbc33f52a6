"""Python's cycle collector tuned for a crawl (``CollectorTuning``, a Scrapy extension).

A crawl allocates many short-lived containers per answer (Deferreds, requests, parsed pages, the
walk's observations): with Python's default threshold (a young-generation pass every 700 net
allocations) the collector ran ~400 times in a crawl of the demo portal, ~0.2 CPU s of ~5.5, and each
older pass walked every object the imports had made. When the crawl is configured, what exists so
far (modules, settings, the spec) is moved out of the collector's sight (``gc.freeze``) and young
passes come every ``AUDITOR_GC_THRESHOLD`` allocations: nothing is kept that would have been freed,
only found later (objects in reference cycles; most of a crawl's garbage has none and is freed at
once by reference counting). ``AUDITOR_GC_THRESHOLD = 0`` leaves Python's defaults.
"""

from __future__ import annotations

import gc
from typing import Any

from scrapy.exceptions import NotConfigured


class CollectorTuning:
    def __init__(self, threshold: int) -> None:
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Any) -> CollectorTuning:
        threshold = crawler.settings.getint("AUDITOR_GC_THRESHOLD", 0)
        if threshold <= 0:
            raise NotConfigured("AUDITOR_GC_THRESHOLD is 0")
        tuning = cls(threshold)
        tuning.apply()
        return tuning

    def apply(self) -> None:
        gc.collect()
        gc.freeze()
        _, second, third = gc.get_threshold()
        gc.set_threshold(max(self.threshold, 1), second, third)
