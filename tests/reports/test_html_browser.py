"""The HTML report in a real browser: Debian's chromium driven headless by Playwright.

The report is opened from a file, as an inspector opens an e-mailed report, with the run's evidence
archive beside it (written by the crawl's own archive, spiders/archive.py). No server runs: thumbnails
and saved pages come from the archive, and any request that leaves the file is blocked (and fails the
test). The browser and the page wrapper (``browser``, ``open_report``) come from this folder's conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.model.findings import FindingsReport
from reports import render
from waiting import wait_for

#: the names of the 整改清单 sections the filters leave shown
SHOWN_UNITS = "els => els.filter(e => !e.hidden).map(e => e.querySelector('h3').firstChild.textContent.trim())"
#: no server: only the report's own file may be read
NO_SERVER = "file:"


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, liangjiang, archive_writer) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    report = archive_writer(FindingsReport.from_dict(liangjiang()), folder)
    target = folder / "report.html"
    target.write_text(render(report, "html", "zh", None, folder), encoding="utf-8")
    return target


def visible_path_ids(page: Any) -> list[str]:
    """The ids of the path entries the filters leave shown."""
    return page.eval_on_selector_all(
        "details.path:not(.nomatch)",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.id)",
    )


def wait_until(page: Any, predicate: str) -> None:
    """Poll a predicate from outside the page: Playwright's wait_for_function evaluates a string in
    the page, which the report's Content-Security-Policy (rightly) refuses. No count of attempts: a
    busy machine renders late, and only a hang (``HANG_GUARD``) fails the wait."""
    wait_for(lambda: bool(page.evaluate(predicate)), what=predicate)


@pytest.fixture
def opened(open_report: Callable[..., Any], report_file: Path) -> Iterator[Any]:
    page = open_report(report_file.as_uri(), NO_SERVER)
    yield page
    page.close()


def test_opens_without_errors_dialogs_or_outside_requests(opened: Any, capture_screenshot: Callable[[Any, str], Path]):
    page = opened.page
    page.wait_for_selector("#filters:not([hidden])")  # the inline script ran (its CSP hash matched)
    assert page.title().startswith("栏目核查报告")
    assert page.inner_text("#verdict").startswith("结论：不合格")
    page.evaluate("document.querySelectorAll('details.path').forEach(d => d.open = true)")
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
    assert sorted(visible_path_ids(page)) == ["path-3"]  # 政策解读 lacks a sub-column: flawed, not missing
    assert page.inner_text("#filter-count") == f"显示 1 / {total}"
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
    assert units == ["致：规划自然资源局"]

    page.select_option("#filter-unit", value="")
    page.select_option("#filter-kind", label="视频无法播放")
    assert visible_path_ids(page) == ["path-4"]
    units = page.eval_on_selector_all("section.unit", SHOWN_UNITS)
    assert units == ["致：办公室"]
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
        assert f"致：{unit}" in names


def test_thumbnails_come_from_the_archive_and_display_offline(opened: Any):
    page = opened.page
    page.click("#path-1 > summary")
    wait_until(page, "() => [...document.querySelectorAll('#path-1 .thumbs img')]"
                     ".every(i => i.complete && i.naturalWidth > 0)")
    shown = page.eval_on_selector_all("#path-1 .thumbs img", "els => els.map(i => [i.src.slice(0, 23), i.naturalWidth])")
    assert shown == [["data:image/jpeg;base64,", 160], ["data:image/jpeg;base64,", 160]]  # 640x400, 320x240 scaled
    assert opened.blocked == [] and opened.problems == []


def test_a_findings_saved_page_opens_as_an_inert_snapshot(opened: Any):
    page = opened.page
    page.click("#path-6 > summary")  # 统计信息: an empty column, proved by its list page
    saved = page.locator("#path-6 details.saved").first
    saved.locator(":scope > summary").click()
    frame_element = saved.locator("iframe.snapshot")
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    wait_until(page, "() => !!document.querySelector('#path-6 iframe.snapshot')")
    text = frame.evaluate("document.body.innerText")
    assert "统计信息" in text and "暂无信息" in text  # what the page showed on the day
    assert frame.evaluate("document.scripts.length") == 0
    assert frame.evaluate("document.querySelectorAll('img, link, iframe, [onload]').length") == 0
    record = saved.get_attribute("data-record")
    assert record.startswith("<urn:uuid:") and record in saved.inner_text()
    assert opened.blocked == [] and opened.problems == []


def test_a_broken_mediums_saved_copy_shows_its_first_bytes_and_verdict(opened: Any):
    page = opened.page
    page.click("#path-4 > summary")
    item = page.locator("#path-4 ul.media li.finding", has=page.locator(".kind", has_text="视频无法播放"))
    item.locator("details.saved > summary").click()
    facts = item.locator("details.saved dl.evidence").inner_text()
    assert "00 00 00 18 66 74 79 70 6d 70 34 32" in facts  # ....ftypmp42
    assert "MP4" in facts and "文件不完整（被截断）" in facts
    assert opened.problems == []


PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def test_print_button_prints_only_that_units_list(open_report: Callable[..., Any], report_file: Path):
    opened = open_report(report_file.as_uri(), NO_SERVER, init_script=PRINT_STUB)
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


def test_an_address_naming_a_unit_prints_that_unit(open_report: Callable[..., Any], report_file: Path):
    opened = open_report(report_file.as_uri() + "#unit-2", NO_SERVER)
    try:
        page = opened.page
        page.emulate_media(media="print")
        assert page.locator("#unit-2").is_visible()
        assert not page.locator("#unit-1").is_visible()
        assert not page.locator("#summary").is_visible()
    finally:
        opened.close()
