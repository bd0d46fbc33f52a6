"""Everything a crawl imports only once it starts, imported ahead, for a process that forks crawls.

``pathaudit run`` forks each site from a warm fork server (``pathaudit.cli.run_worker``). Scrapy
imports most of a crawl's code when the crawl starts, by name from the settings: the download
handlers (scrapy-playwright's among them), the middlewares, extensions, pipelines, the scheduler,
the resolver. Imported in the server, once, each forked crawl finds them loaded; left to the crawl,
every site paid them again (over a second of CPU on a loaded machine, scrapy-playwright's handler
and the cookies middleware the most). Pillow's image plugins and the codecs the charset reading
looks up are loaded the same way, and what every crawl builds on first use whatever its site (the
public suffix list, the charset check's table: ``spiders.warm_up.warm_reading``) is built here once.

Importing only: no reactor is installed (a Twisted reactor runs once per process, and the forked
crawl installs the one its settings name), no crawler is built, nothing is connected.
"""

from __future__ import annotations

import codecs
import contextlib
import importlib
import logging

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

#: settings that name one class to load
_ONE = ("SCHEDULER", "SCHEDULER_PRIORITY_QUEUE", "SCHEDULER_DISK_QUEUE", "SCHEDULER_MEMORY_QUEUE",
        "DUPEFILTER_CLASS", "STATS_CLASS", "LOG_FORMATTER", "DOWNLOADER", "DOWNLOADER_HTTPCLIENTFACTORY",
        "DOWNLOADER_CLIENTCONTEXTFACTORY", "REQUEST_FINGERPRINTER_CLASS", "TWISTED_DNS_RESOLVER",
        "SPIDER_LOADER_CLASS", "ITEM_PROCESSOR", "ROBOTSTXT_PARSER")
#: settings that name components by order (Scrapy's base dict under the project's)
_MANY = ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS", "ITEM_PIPELINES")
#: the labels charset reading looks up (GB2312/GBK read as GB18030, Big5, UTF-16 by BOM…)
_CODECS = ("gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252")
_BUILDERS = (Crawler, CrawlerProcess)


def preload() -> list[str]:
    """Import every component the project's settings name; returns those that would not load (a
    crawl reports them itself, with its own settings)."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    paths = [settings.get(name) for name in _ONE]
    for name in _MANY:
        paths.extend(settings.getwithbase(name).keys())
    paths.extend(settings.getwithbase("DOWNLOAD_HANDLERS").values())  # scheme -> handler
    failed = []
    for path in paths:
        if isinstance(path, str) and "." in path:  # a dotted path (not a marker such as SENTINEL)
            try:
                load_object(path)
            except Exception:  # optional components (an uninstalled handler) are the crawl's business
                failed.append(path)
    importlib.import_module("spiders.render_handler")  # --render's handler, named in the settings per crawl

    for label in _CODECS:
        with contextlib.suppress(LookupError):
            codecs.lookup(label)
    with contextlib.suppress(ImportError):
        from PIL import Image

        Image.init()  # every format plugin, as the media checks open images
    try:  # the public suffix list, the charset table, the page patterns: built on first use otherwise
        from spiders.warm_up import warm_reading

        warm_reading()
    except Exception:  # a crawl builds them itself
        failed.append("spiders.warm_up.warm_reading")
    logging.getLogger(__name__).debug("preloaded %d crawl components, %d would not load", len(paths), len(failed))
    return failed


FAILED = preload()
