"""Scrapy's HTTP download handler is imported without reading the source of the stack.

Importing it makes three deprecated aliases whose shim calls ``inspect.stack()`` to name their module;
``stack()`` reads the source line of every frame on the stack and walks ``sys.modules`` for each
frame of the import machinery (issue 21: ~4 % of a demo crawl's CPU under cProfile).
``spiders.runtime.load_download_handler`` hands the shim the frames only. Seen from outside: no
source file is read into ``linecache`` by the import (attrs registers the code it generates there
under ``<...>`` names: not files), the aliases keep their module's name, and
``inspect.stack`` is the real one again afterwards. Both ways a crawl starts are checked, each in a
fresh interpreter (a test process has imported Scrapy already): ``scrapy crawl``, which has Scrapy
loaded when it imports this project's ``spiders`` package, and ``pathaudit crawl``'s runtime.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import inspect, json, linecache, sys
import scrapy
real_stack = inspect.stack
before = set(linecache.cache)
{load}
from scrapy.core.downloader import contextfactory, tls
print(json.dumps({{
    "read": sorted(name for name in set(linecache.cache) - before if not name.startswith("<")),
    "named": [contextfactory.ScrapyClientContextFactory.__module__,
              contextfactory.AcceptableProtocolsContextFactory.__module__, tls.ScrapyClientTLSOptions.__module__],
    "restored": inspect.stack is real_stack,
    "loaded": "scrapy.core.downloader.handlers.http11" in sys.modules,
}}))
"""

WAYS = {
    # ``scrapy crawl`` (and Scrapyd) import the project's settings, and with them the package
    "scrapy crawl": "import spiders.settings",
    # ``pathaudit crawl`` (spiders.runtime.run_crawls)
    "pathaudit crawl": "from spiders.runtime import load_download_handler; load_download_handler()",
}


@pytest.mark.parametrize("way", sorted(WAYS))
def test_the_download_handler_is_imported_without_reading_source(way: str) -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(load=WAYS[way])], cwd=REPO, capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["loaded"]
    assert seen["read"] == [], f"{way}: the import read the source of {len(seen['read'])} files"
    assert seen["named"] == ["scrapy.core.downloader.contextfactory"] * 2 + ["scrapy.core.downloader.tls"]
    assert seen["restored"]
