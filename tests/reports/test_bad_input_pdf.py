"""``--format pdf`` starts a Chromium that talks to nothing (issue 19): proven with a logging proxy
on 127.0.0.1 that every request of that Chromium must go through.

``AUDITOR_CHROMIUM`` names the binary to print with; here it is a wrapper that runs Debian's
``chromium`` with PathAudit's flags and then ``--proxy-server`` pointing at the proxy (the last
value of a switch wins). A control print of a page that loads an image from the network shows the
proxy does see that Chromium's requests.
"""

from __future__ import annotations

import shutil
import socketserver
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.pdf import html_to_pdf

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


class _Logged(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline().decode("latin-1").strip()
        if line:
            with self.server.lock:  # type: ignore[attr-defined]
                self.server.lines.append(line)  # type: ignore[attr-defined]
        self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class _Proxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Logged)
        self.lines: list[str] = []
        self.lock = threading.Lock()


@pytest.fixture
def proxied_chromium(tmp_path: Path, monkeypatch) -> Iterator[_Proxy]:
    proxy = _Proxy()
    thread = threading.Thread(target=proxy.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    wrapper = tmp_path / "chromium-through-proxy"
    wrapper.write_text(f'#!/bin/sh\nexec {CHROMIUM} "$@" --proxy-server=http://127.0.0.1:{proxy.server_address[1]}\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("AUDITOR_CHROMIUM", str(wrapper))
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_printing_a_report_sends_no_request_anywhere(tmp_path, proxied_chromium):
    page = tmp_path / "report.html"
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><h1>整改通知</h1></body></html>',
                    encoding="utf-8")
    assert html_to_pdf(page, tmp_path / "report.pdf").stat().st_size > 0
    assert proxied_chromium.lines == [], "\n".join(proxied_chromium.lines)


def test_the_proxy_sees_what_that_chromium_asks_for(tmp_path, proxied_chromium):
    page = tmp_path / "control.html"
    page.write_text('<html><body><img src="http://control.invalid/pixel.png"></body></html>', encoding="utf-8")
    html_to_pdf(page, tmp_path / "control.pdf")
    assert any("control.invalid" in line for line in proxied_chromium.lines), proxied_chromium.lines
