"""A logging HTTP proxy on 127.0.0.1 and a Chromium wrapper that sends every request through it.

Proof that a Chromium PathAudit starts talks to nothing but the portal (``auditor.browser``): the
wrapper runs Debian's ``chromium`` with the switches it was given and then ``--proxy-server`` pointing
at the proxy (the last value of a switch wins), so every request the browser makes of a host other
than this machine (Chromium never proxies loopback) is a line in ``LoggingProxy.lines``. The proxy
answers 502 to everything: nothing goes further.
"""

from __future__ import annotations

import shutil
import socketserver
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium")


class _Logged(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline().decode("latin-1").strip()
        if line:
            with self.server.lock:  # type: ignore[attr-defined]
                self.server.lines.append(line)  # type: ignore[attr-defined]
        self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class LoggingProxy(socketserver.ThreadingTCPServer):
    """Every request line it is sent, in ``lines``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Logged)
        self.lines: list[str] = []
        self.lock = threading.Lock()


@contextmanager
def proxied_chromium(folder: Path) -> Iterator[tuple[LoggingProxy, Path]]:
    """A running proxy and an executable wrapper (in ``folder``) of Debian's chromium through it."""
    assert CHROMIUM is not None, "Debian's chromium is not installed"
    proxy = LoggingProxy()
    thread = threading.Thread(target=proxy.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    wrapper = folder / "chromium-through-proxy"
    wrapper.write_text(f'#!/bin/sh\nexec {CHROMIUM} "$@" --proxy-server=http://127.0.0.1:{proxy.server_address[1]}\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    try:
        yield proxy, wrapper
    finally:
        proxy.shutdown()
        proxy.server_close()
