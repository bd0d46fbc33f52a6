"""The script-drawn lab portal served on 127.0.0.1, with a list API that never answers.

A threaded server (the browser opens several connections at once); every request is logged (path
and whether it asked for a rendered page's resources), and the hanging API holds its connection
until the server stops, as a stuck back end does. A second, empty server stands for a third party
(``tracker``): it only counts what reaches it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from portal_lab.scripted.site import HANGING_PREFIX, build_site


class ScriptedPortalServer(ThreadingHTTPServer):
    """Serves ``site`` (path -> (content type, bytes)); ``log`` lists the paths asked, in order."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, site: dict[str, tuple[str, bytes]] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site or {}
        self.log: list[str] = []
        self.released = threading.Event()
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, path: str) -> None:
        with self._lock:
            self.log.append(path)

    def stop(self) -> None:
        self.released.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedPortalServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet: the log is the server's list
        return

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/":
            path = "/index.html"
        self.server.record(path)
        if path.startswith(HANGING_PREFIX):
            # a stuck back end: headers never come; the connection is held until the server stops
            self.server.released.wait(120)
            self.close_connection = True
            return
        found = self.server.site.get(path)
        if found is None:
            body = b"<html><body><h1>404 Not Found</h1></body></html>"
            self._send(404, "text/html; charset=utf-8", body)
            return
        self._send(200, *found)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve_scripted(with_tracker: bool = True) -> Iterator[tuple[ScriptedPortalServer, ScriptedPortalServer]]:
    """The portal and its third party, each on its own port of 127.0.0.1: (portal, tracker)."""
    tracker = ScriptedPortalServer({"/stat.js": ("application/javascript", b"/* statistics */")})
    portal = ScriptedPortalServer(build_site(tracker.base_url if with_tracker else None))
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (portal, tracker)]
    for thread in threads:
        thread.start()
    try:
        yield portal, tracker
    finally:
        portal.stop()
        tracker.stop()
