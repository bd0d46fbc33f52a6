"""The index of a many-site run (``reports.index``): usable on a phone (390 px: one card per site,
nothing wider than the screen) and on a desktop (1400 px: the table), and a failed site's reason in
the page's language — every word."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from reports.index import SiteRow, render_index

REFUSED = {"code": "home_unreachable", "within": [{"code": "connection_refused", "retries": 2}]}
RUNS = [{"run_id": i, "finished_at": f"2026-12-0{i}T01:30:00+08:00", "error": 3 + i, "warning": 2, "info": 0}
        for i in range(1, 6)]


def rows() -> list[SiteRow]:
    return [
        SiteRow(name="liangjiang", url="http://www.liangjiang.gov.cn/", verdict="fail",
                severities={"error": 18, "warning": 2, "info": 0},
                kinds={"missing_column": 3, "renamed_column": 1, "empty_section": 3, "stale_section": 1,
                       "broken_image": 4, "broken_video": 3, "broken_attachment": 1, "unverified": 1},
                new=2, resolved=1, runs=RUNS, report_href="liangjiang/2026-12-07/report.html",
                finished_at="2026-12-07T01:42:00+08:00"),
        SiteRow(name="yubei-a-very-long-site-name-for-a-district-portal",
                url="http://www.yubei.gov.cn/xxgk/zfxxgkml/some/long/path/index.html", verdict="failed",
                problem="site unreachable: the server refused the connection after 2 retries", reason=REFUSED,
                runs=RUNS[:3]),
        SiteRow(name="banan", url="http://www.banan.gov.cn/", verdict="failed",
                problem="the crawl could not start: Twisted reactor already running"),
    ]


def visible_text(document: Any) -> str:
    """The page's words an inspector reads: without the log line kept for the technician (lang=en)."""
    for code in document.xpath('//code[@lang="en"]'):
        code.drop_tree()
    for node in document.xpath("//style|//script|//a"):
        node.drop_tree()
    return document.text_content()


def test_a_failed_sites_reason_is_in_the_pages_language():
    document = lxml_html.fromstring(render_index(rows(), "zh"))
    text = visible_text(document)
    assert "首页无法访问：服务器拒绝连接（已重试 2 次）" in text
    assert "本次核查未能完成" in text
    site_names = {row.name for row in rows()}
    words = set(re.findall(r"[A-Za-z]{3,}", text)) - {w for name in site_names for w in re.findall(r"[A-Za-z]{3,}", name)}
    assert words <= {"FAILED", "txt", "UTC"}, words  # the log file named: FAILED.txt; the zone of the times (UTC+8)
    assert text.count("无法核查") >= 3  # the two failed sites and the count of them: one word for the state
    assert "未能检查" not in text


def test_english_index_has_no_chinese_reason():
    text = visible_text(lxml_html.fromstring(render_index(rows(), "en")))
    assert "the home page could not be read: the server refused the connection after 2 retries" in text
    assert not re.search(r"[\u4e00-\u9fff]", text)


@pytest.mark.parametrize("width", [390, 1400])
def test_the_index_fits_the_screen(browser, tmp_path: Path, width: int, capture_screenshot):
    page_file = tmp_path / "index.html"
    page_file.write_text(render_index(rows(), "zh"), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        layout = page.evaluate("""() => ({
            scroll: document.documentElement.scrollWidth,
            head: getComputedStyle(document.querySelector('table.sites thead')).display,
            cards: [...document.querySelectorAll('tr.site')].map(r => r.getBoundingClientRect().width),
            labels: [...document.querySelectorAll('tr.site td.sev-error')].map(td => getComputedStyle(td, '::before').content),
            problem: [...document.querySelectorAll('.problem')].map(p => p.getBoundingClientRect().right),
        })""")
        capture_screenshot(page, f"index-{width}.png")
    finally:
        context.close()
    assert layout["scroll"] <= width, json.dumps(layout)
    if width == 390:
        assert layout["head"] == "none"  # cards: each value under its column's name
        assert all(w <= 390 for w in layout["cards"])
        assert layout["labels"] == ['"错误"'] * 3
        assert all(right <= 390 for right in layout["problem"])
    else:
        assert layout["head"] != "none"
