"""A small street-office portal on a loopback address, for the tests of ``pathaudit run``/``crawl``.

Real HTTP, with the knobs the operations tests need and nothing else: ``failing`` paths answer
503; a ``held`` path waits for its event before answering (a crawl kept in flight until the test
says so, no clock involved); every request is logged in arrival order across all portals made by
the same ``Ledger`` (``(sequence, portal, path, "start"|"end")``), so tests can prove which crawls
overlapped by order, not by time.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某街道办事处</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xxgk/">政府信息公开</a></div></body></html>"""
PLATFORM = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>
<div class="left-tree"><ul><li><a href="/xxgk/tjxx/">统计信息</a></li></ul></div></body></html>"""
LIST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>统计信息</title></head><body>
<div class="main"><ul class="list">
<li><a href="./202111/t20211120_1.html">2021年10月经济运行情况</a><span>2021-11-20</span></li>
</ul></div></body></html>"""
ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>经济运行情况</title></head><body>
<div class="article"><h1>经济运行情况</h1><p>发布日期：2021-11-20</p><p>全区经济运行总体平稳。</p></div></body></html>"""
#: two mandated paths: 统计信息 is there and fresh (as of 2021-12-01), 财政信息 is missing
SPEC = """mandate:
  id: street-test
  title: 街道网站检查
entries:
  - id: stats
    path: 政府网站>政府信息公开>统计信息
    kind: periodic
  - id: finance
    path: 政府网站>政府信息公开>财政信息
"""
AS_OF = "2021-12-01"
PAGES = {"/": HOME, "/xxgk/": PLATFORM, "/xxgk/tjxx/": LIST, "/xxgk/tjxx/202111/t20211120_1.html": ARTICLE}


@dataclass
class Ledger:
    """Every request of every portal sharing it, in arrival order."""

    entries: list[tuple[int, str, str, str]] = field(default_factory=list)
    _counter: Any = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, portal: str, path: str, what: str) -> None:
        with self._lock:
            self.entries.append((next(self._counter), portal, path, what))

    def of(self, portal: str) -> list[tuple[int, str, str, str]]:
        with self._lock:
            return [e for e in self.entries if e[1] == portal]


class Portal:
    """The street portal on ``host`` (any 127.x address); a context manager serving it."""

    def __init__(self, name: str = "street", host: str = "127.0.0.1", ledger: Ledger | None = None) -> None:
        self.name = name
        self.failing: set[str] = set()
        self.held: dict[str, threading.Event] = {}
        #: set when a held path was asked for (the crawl is in flight)
        self.asked: dict[str, threading.Event] = {}
        self.ledger = ledger or Ledger()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?")[0]
                portal.ledger.note(portal.name, path, "start")
                if path in portal.asked:
                    portal.asked[path].set()
                if path in portal.held:
                    portal.held[path].wait()
                body = PAGES.get(path)
                status = 503 if path in portal.failing else (200 if body is not None else 404)
                data = (body or "not here").encode("utf-8") if status == 200 else b"unavailable"
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                portal.ledger.note(portal.name, path, "end")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/"

    def hold(self, path: str) -> threading.Event:
        """Keep ``path`` unanswered until the returned event is set; ``asked[path]`` tells when it came."""
        self.held[path] = threading.Event()
        self.asked[path] = threading.Event()
        return self.held[path]

    def __enter__(self) -> Portal:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        for event in self.held.values():
            event.set()
        self.server.shutdown()
        self.server.server_close()
