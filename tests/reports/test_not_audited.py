"""A portal that could not be audited (its home page never answered: a real ``pathaudit crawl`` of a
closed port, ``data/down/findings.json``): every report says 无法核查 — no 整改通知, the veto lines
not checked rather than 正常, never 完整抓取."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from auditor.model.findings import FindingsReport
from reports import render

DOWN = Path(__file__).parent / "data" / "down" / "findings.json"


def test_the_html_report_sends_no_notice_and_checks_no_line():
    page = lxml_html.fromstring(render(FindingsReport.read(DOWN), "html", "zh"))
    assert not page.cssselect("section.notice")
    assert "不发出整改通知" in page.get_element_by_id("fix-not-audited").text_content()
    lines = page.cssselect('table.inspection tr[id^="line-"]')
    assert len(lines) == 3 and {row.get("data-state") for row in lines} == {"not_checked"}
    assert [row.xpath("./td")[0].text_content().strip() for row in lines] == ["—"] * 3
    text = page.text_content()
    assert "完整抓取" not in text and "无法核查（首页无法访问，未抓取任何栏目）" in text
    assert "结论：无法核查" in re.sub(r"\s+", "", text)


def test_the_markdown_summary_says_the_same():
    md = render(FindingsReport.read(DOWN), "md", "zh")
    assert "完整抓取" not in md and "✅" not in md
    assert md.count("⛔ 无法核查 |") == 3


def test_english_reports_say_not_audited():
    report = FindingsReport.read(DOWN)
    md = render(report, "md", "en")
    assert "not checked" in md and "complete," not in md
    page = lxml_html.fromstring(render(report, "html", "en"))
    assert "no remediation notice" in page.get_element_by_id("fix-not-audited").text_content()


import pytest  # noqa: E402


@pytest.mark.parametrize("width", [1400, 390])
def test_in_a_browser_the_report_says_not_audited_and_fits(browser, tmp_path: Path, width: int, capture_screenshot):
    page_file = tmp_path / "report.html"
    page_file.write_text(render(FindingsReport.read(DOWN), "html", "zh"), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        seen = page.evaluate("""() => ({
            scroll: document.documentElement.scrollWidth,
            verdict: document.querySelector('#verdict').innerText,
            verdictBox: document.querySelector('#verdict').getBoundingClientRect().toJSON(),
            notices: document.querySelectorAll('section.notice').length,
            fix: document.querySelector('#fix-not-audited').innerText,
            lines: [...document.querySelectorAll('tr[id^="line-"] .state')].map(e => e.innerText),
        })""")
        capture_screenshot(page, f"not-audited-{width}.png", full_page=False)
    finally:
        context.close()
    assert seen["scroll"] <= width, seen
    assert seen["verdict"].replace(" ", "").startswith("结论：无法核查")
    assert seen["verdictBox"]["top"] < 900 and seen["verdictBox"]["right"] <= width  # in the first screen
    assert seen["notices"] == 0 and "不发出整改通知" in seen["fix"]
    assert seen["lines"] == ["无法核查"] * 3
