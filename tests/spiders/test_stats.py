"""The crawl's stats collector (spiders/stats.py): Scrapy's values, without Scrapy's per-read guard.

Scrapy 2.19 wraps every attribute read of its stats collector to warn about a deprecated ``spider``
argument; a crawl reads it ~18 000 times. The project's ``STATS_CLASS`` must keep every method and
value of Scrapy's collector and read its attributes as any object does.
"""

from __future__ import annotations

import warnings

from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy.spiders import Spider
from scrapy.statscollectors import MemoryStatsCollector, StatsCollector
from scrapy.utils.misc import load_object


def _project_stats() -> StatsCollector:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    crawler = Crawler(Spider, settings)
    return load_object(settings["STATS_CLASS"])(crawler)


def test_the_project_collector_reads_attributes_without_scrapys_guard():
    stats = _project_stats()
    assert isinstance(stats, MemoryStatsCollector)
    assert type(stats).__getattribute__ is object.__getattribute__
    # no cached wrapper is made on read: the method is the class's own, bound
    assert stats.inc_value.__func__ is StatsCollector.inc_value


def test_the_project_collector_keeps_scrapys_values():
    stats = _project_stats()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Scrapy's own calls pass no spider: nothing to warn about
        stats.open_spider()
        stats.inc_value("downloader/request_count")
        stats.inc_value("downloader/request_count", 2)
        stats.inc_value("start", start=10)
        stats.set_value("finish_reason", "finished")
        stats.max_value("peak", 3)
        stats.max_value("peak", 2)
        stats.min_value("least", 3)
        stats.min_value("least", 5)
        stats.close_spider(reason="finished")
    assert stats.get_stats() == {"downloader/request_count": 3, "start": 11, "finish_reason": "finished",
                                 "peak": 3, "least": 3}
    assert stats.get_value("missing", 7) == 7
