"""``--format pdf`` starts a Chromium that talks to nothing (issue 19): proven with a logging proxy
on 127.0.0.1 that every request of that Chromium must go through.

``AUDITOR_CHROMIUM`` names the binary to print with; here it is a wrapper that runs Debian's
``chromium`` with PathAudit's flags and then ``--proxy-server`` pointing at the proxy (the last
value of a switch wins). A control print of a page that loads an image from the network shows the
proxy does see that Chromium's requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from logging_proxy import CHROMIUM, LoggingProxy, proxied_chromium as through_proxy
from reports.pdf import html_to_pdf

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@pytest.fixture
def proxied_chromium(tmp_path: Path, monkeypatch) -> Iterator[LoggingProxy]:
    with through_proxy(tmp_path) as (proxy, wrapper):
        monkeypatch.setenv("AUDITOR_CHROMIUM", str(wrapper))
        yield proxy


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
