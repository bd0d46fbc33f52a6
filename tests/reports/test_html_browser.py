"""The HTML report in a real browser: Debian's chromium driven headless by Playwright.

The report is opened from a file, as an inspector opens an e-mailed report. The images it shows as
thumbnails are served by a server on 127.0.0.1 that this module starts; any request to another
address is blocked (and the test fails if the report tried one). The browser and the page wrapper
(``browser``, ``open_report``) come from this folder's conftest.py.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from auditor.model.findings import FindingsReport
from reports import render

#: the names of the 整改清单 sections the filters leave shown
SHOWN_UNITS = "els => els.filter(e => !e.hidden).map(e => e.querySelector('h3').firstChild.textContent.trim())"

def _image(fmt: str, size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


class _MediaServer:
    """Serves the images the fixture says loaded; anything else is 404 (like the broken ones)."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[str, bytes]] = {}
        self.requests: list[str] = []
        files, requests = self.files, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                requests.append(self.path)
                found = files.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                content_type, body = found
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _MediaServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def media_server() -> Iterator[_MediaServer]:
    with _MediaServer() as server:
        yield server


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, media_server: _MediaServer, liangjiang) -> Path:
    data = liangjiang(media_base=media_server.base)
    report = FindingsReport.from_dict(data)
    for path in report.paths:
        for medium in path.checked_media:
            if medium["kind"] == "image" and medium["ok"]:
                fmt = "PNG" if medium["url"].endswith(".png") else "JPEG"
                body = _image(fmt, (medium["width"], medium["height"]), (30, 90, 160))
                media_server.files[medium["url"].removeprefix(media_server.base)] = (f"image/{fmt.lower()}", body)
    target = tmp_path_factory.mktemp("browser") / "report.html"
    target.write_text(render(report, "html", "zh"), encoding="utf-8")
    return target


def visible_path_ids(page: Any) -> list[str]:
    """The ids of the path entries the filters leave shown."""
    return page.eval_on_selector_all(
        "details.path:not(.nomatch)",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.id)",
    )


def wait_until(page: Any, predicate: str, attempts: int = 100) -> None:
    """Poll a predicate from outside the page: Playwright's wait_for_function evaluates a string in
    the page, which the report's Content-Security-Policy (rightly) refuses."""
    for _ in range(attempts):
        if page.evaluate(predicate):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never became true: {predicate}")


@pytest.fixture
def opened(open_report: Callable[..., Any], report_file: Path, media_server: _MediaServer) -> Iterator[Any]:
    page = open_report(report_file.as_uri(), media_server.base)
    yield page
    page.close()


def test_opens_without_errors_dialogs_or_outside_requests(opened: Any, capture_screenshot: Callable[[Any, str], Path]):
    page = opened.page
    page.wait_for_selector("#filters:not([hidden])")  # the inline script ran (its CSP hash matched)
    assert page.title().startswith("栏目核查报告")
    assert page.inner_text("#verdict").startswith("结论：不合格")
    page.evaluate("document.querySelectorAll('details.path').forEach(d => d.open = true)")
    page.evaluate("document.querySelectorAll('.thumbs img').forEach(i => i.loading = 'eager')")
    wait_until(page, "() => [...document.querySelectorAll('.thumbs img')].every(i => i.complete && i.naturalWidth > 0)")
    assert opened.problems == []
    assert opened.dialogs == []
    assert opened.blocked == []

    shot = capture_screenshot(page, "report.png")
    assert shot.stat().st_size > 10_000


def test_status_filter_changes_what_is_shown(opened: Any):
    page = opened.page
    total = page.locator("details.path").count()
    assert len(visible_path_ids(page)) == total
    assert page.inner_text("#filter-count") == f"显示 {total} / {total}"

    for box in page.locator("#filters input[name=status]").all():
        if box.get_attribute("value") != "missing":
            box.uncheck()
    assert sorted(visible_path_ids(page)) == ["path-3", "path-4"]
    assert page.inner_text("#filter-count") == f"显示 2 / {total}"
    assert not page.locator("#path-11").is_visible()  # 机构职能, ok
    assert not page.locator("#path-8").is_visible()  # 两江要闻 is in another branch

    page.click("#filters button[type=reset]")
    wait_until(page, f"() => document.querySelectorAll('details.path:not(.nomatch)').length === {total}")
    assert page.locator("#path-11").is_visible()
    assert opened.problems == []


def test_unit_and_kind_filters(opened: Any):
    page = opened.page
    page.select_option("#filter-unit", label="规划自然资源局")
    assert visible_path_ids(page) == ["path-3"]
    units = page.eval_on_selector_all("section.unit", SHOWN_UNITS)
    assert units == ["规划自然资源局"]

    page.select_option("#filter-unit", value="")
    page.select_option("#filter-kind", label="视频无法播放")
    assert visible_path_ids(page) == ["path-4"]
    units = page.eval_on_selector_all("section.unit", SHOWN_UNITS)
    assert units == ["办公室"]
    rows = page.eval_on_selector_all("section.unit:not([hidden]) tbody tr", "els => els.filter(e => !e.hidden).length")
    assert rows == 1
    assert opened.problems == []


def test_injected_title_is_text_and_no_script_runs(opened: Any):
    page = opened.page
    page.click("#path-13 > summary")
    summary = page.inner_text("#path-13 > summary")
    assert "<script>alert(1)</script>" in summary
    assert "<script>alert(1)</script>" in page.inner_text("#path-13 ol.trail")
    assert page.locator("#path-13 ol.trail a").count() == 2  # the javascript: step is not a link
    assert page.evaluate("document.scripts.length") == 1
    page.wait_for_timeout(100)
    assert opened.dialogs == []
    assert opened.problems == []


def test_remediation_list_names_each_lead_unit(opened: Any):
    names = opened.page.eval_on_selector_all("section.unit h3", "els => els.map(e => e.firstChild.textContent.trim())")
    for unit in ("办公室", "经济运行局", "规划自然资源局", "财政局", "行政审批局", "未指定牵头单位"):
        assert unit in names


def test_thumbnails_of_loaded_images_display(opened: Any, media_server: _MediaServer):
    page = opened.page
    page.click("#path-1 > summary")
    page.locator("#path-1 .thumbs img").first.scroll_into_view_if_needed()
    wait_until(page, "() => [...document.querySelectorAll('#path-1 .thumbs img')]"
                     ".every(i => i.complete && i.naturalWidth > 0)")
    widths = page.eval_on_selector_all("#path-1 .thumbs img", "els => els.map(i => i.naturalWidth)")
    assert widths == [640, 320]
    assert opened.blocked == []


PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def test_print_button_prints_only_that_units_list(open_report: Callable[..., Any], report_file: Path,
                                                  media_server: _MediaServer):
    opened = open_report(report_file.as_uri(), media_server.base, init_script=PRINT_STUB)
    try:
        page = opened.page
        section = page.locator("section.unit", has=page.locator("h3", has_text="规划自然资源局"))
        section.locator("button.print-unit").click()
        assert page.evaluate("window.__printed") == 1
        page.emulate_media(media="print")
        assert section.is_visible()
        assert not page.locator("#summary").is_visible()
        assert not page.locator("#paths").is_visible()
        others = page.eval_on_selector_all("section.unit", "els => els.filter(e => e.offsetParent !== null).length")
        assert others == 1
        assert section.locator(".print-only").is_visible()
        page.emulate_media(media="screen")
        assert page.locator("#summary").is_visible()
        assert opened.problems == []
    finally:
        opened.close()


def test_an_address_naming_a_unit_prints_that_unit(open_report: Callable[..., Any], report_file: Path,
                                                   media_server: _MediaServer):
    opened = open_report(report_file.as_uri() + "#unit-2", media_server.base)
    try:
        page = opened.page
        page.emulate_media(media="print")
        assert page.locator("#unit-2").is_visible()
        assert not page.locator("#unit-1").is_visible()
        assert not page.locator("#summary").is_visible()
    finally:
        opened.close()
