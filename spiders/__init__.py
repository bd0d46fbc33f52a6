"""Scrapy concerns: the spider that walks mandated paths, and the pipeline that hands what it saw to
the audit. Nothing here decides whether a column passes: that is ``auditor``'s job.

Importing the package imports no Scrapy: the command line's input checks (``spiders.bounds``,
``spiders.folders``) run before a crawl is known to start, ``--help`` included. Started by Scrapy's
own command (``scrapy crawl``, Scrapyd), Scrapy is already loaded when this package is, and its
HTTP download handler is imported here, cheaply (``spiders.runtime.load_download_handler``); the
``pathaudit`` command does it in ``spiders.runtime.run_crawls``.
"""

import sys

if "scrapy" in sys.modules:
    from spiders.runtime import load_download_handler

    load_download_handler()
