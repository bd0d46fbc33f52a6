"""The demo's report, read in a real browser: every defect planted in the bundled sample portal is on
the page, with its evidence and the unit that must fix it.

``pathaudit demo`` runs once for the module, in a subprocess (Scrapy's reactor runs once per process).
Its report.html is opened from the file in Debian's chromium, headless, through Playwright, and every
check reads the rendered page: badges, expanded evidence, the 整改清单. What to expect comes from the
portal's ground-truth manifest and the bundled spec, never from findings.json, so the page is held
to what was planted rather than to what the crawler happened to write.

The demo stops its portal when it ends; the module serves the same (deterministic) portal again on the
same port, so the thumbnails and links of the report point at a live site while the browser reads it.
Any request to another address is blocked, and fails the test. The browser and the page wrapper
(``browser``, ``open_report``) come from this folder's conftest.py.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from auditor.specs import MandatedPath
from auditor.specs.loader import load_spec
from path_specs import bundled_spec

DEMO_SPEC = "liangjiang-2021"
DEMO_TIMEOUT_SECONDS = 300

# What an inspector must read on the page, by planted defect kind (the zh report's own words).
#: the badge on the path's entry
BADGE = {
    "missing_column": "缺失",
    "missing_subcolumn": "缺失",
    "renamed_column": "名称不规范",
    "empty_section": "空白",
    "stale_section": "未更新",
    "missing_field": "缺少要素",
    "broken_image": "媒体损坏",
    "broken_video": "媒体损坏",
    "broken_audio": "媒体损坏",
    "broken_attachment": "媒体损坏",
    "unverified": "无法核实",
}
OK_BADGE = "正常"
#: the kind of problem, in the entry and in the 整改清单
KIND = {
    "missing_column": "栏目缺失",
    "missing_subcolumn": "子栏目缺失",
    "renamed_column": "栏目名称不规范",
    "empty_section": "空白栏目",
    "stale_section": "栏目未更新",
    "missing_field": "缺少要素",
    "broken_image": "图片无法显示",
    "broken_video": "视频无法播放",
    "broken_audio": "音频无法播放",
    "broken_attachment": "附件无法下载",
    "unverified": "无法核实",
}
#: why a medium is broken (manifest ``reason``)
MEDIA_REASON = {
    "http_status": "HTTP 错误状态",
    "wrong_type": "文件类型不符",
    "empty": "空文件",
    "truncated": "文件不完整",
    "unplayable_format": "格式无法播放",
}
#: why a column counts as empty (manifest ``mode``)
EMPTY_WHY = {
    "empty_list": "栏目无任何信息",
    "placeholder": "栏目只显示占位文字",
    "children_empty": "子栏目全部为空",
}

#: one path entry as the page shows it: badges, facts, trail, findings with their evidence, media
#: rows and whether each part is rendered (checkVisibility: a closed <details> hides its body)
READ_ENTRY = """
d => {
  const shown = el => !!el && el.checkVisibility() && el.getClientRects().length > 0;
  const text = el => el ? el.textContent.replace(/\\s+/g, ' ').trim() : '';
  const links = el => el ? [...el.querySelectorAll('a')].map(a => ({text: text(a), href: a.href})) : [];
  const pairs = dl => {
    const out = {};
    if (!dl) return out;
    for (const dt of dl.querySelectorAll(':scope > dt')) {
      const dd = dt.nextElementSibling;
      out[text(dt)] = {text: text(dd), shown: shown(dd), links: links(dd),
                       values: dd.children.length ? [...dd.children].map(text) : [text(dd)]};
    }
    return out;
  };
  const body = d.querySelector(':scope > .path-body');
  const table = body.querySelector(':scope > table.media');
  const heads = table ? [...table.tHead.rows[0].cells].map(text) : [];
  return {
    open: d.open,
    badges: [...d.querySelectorAll(':scope > summary .badges .badge')].map(text),
    siteName: text(d.querySelector(':scope > summary .site-name')),
    summaryLead: text(d.querySelector(':scope > summary .lead')),
    bodyShown: shown(body),
    facts: pairs(body.querySelector(':scope > dl.facts')),
    trail: [...body.querySelectorAll(':scope > ol.trail > li')].map(li => ({text: text(li), links: links(li)})),
    findings: [...body.querySelectorAll(':scope > ul.findings > li.finding')].map(li => ({
      kind: text(li.querySelector('.kind')),
      message: text(li.querySelector('.message')),
      shown: shown(li),
      where: [...li.querySelectorAll(':scope > p.where a')].map(a => a.href),
      evidence: pairs(li.querySelector(':scope > dl.evidence')),
    })),
    media: table ? [...table.tBodies[0].rows].map(tr => ({
      shown: shown(tr),
      cells: Object.fromEntries([...tr.cells].map((c, i) => [heads[i], {text: text(c), links: links(c)}])),
    })) : [],
  };
}
"""

#: the 整改清单: per unit section, its rows by column heading
READ_FIX_LIST = """
() => [...document.querySelectorAll('#fix section.unit')].map(s => {
  const shown = el => !!el && el.checkVisibility() && el.getClientRects().length > 0;
  const text = el => el ? el.textContent.replace(/\\s+/g, ' ').trim() : '';
  const heads = [...s.querySelector('table thead tr').cells].map(text);
  return {
    unit: text(s.querySelector('h3').firstChild),
    shown: shown(s),
    rows: [...s.querySelectorAll('table tbody tr')].map(tr => ({
      shown: shown(tr),
      cells: Object.fromEntries([...tr.cells].map((c, i) => [heads[i], {
        text: text(c), hrefs: [...c.querySelectorAll('a')].map(a => a.href)}])),
    })),
  };
})
"""

#: every path entry: its element id and the path it states (栏目路径), read from the page
READ_ENTRY_INDEX = """
() => Object.fromEntries([...document.querySelectorAll('details.path')].map(d => {
  const facts = d.querySelector(':scope > .path-body > dl.facts');
  const dt = [...facts.querySelectorAll(':scope > dt')].find(e => e.textContent.trim() === '栏目路径');
  return [dt.nextElementSibling.textContent.replace(/\\s+/g, ' ').trim(), d.id];
}))
"""


@dataclass(frozen=True)
class DemoRun:
    out: Path
    base_url: str
    port: int

    def url(self, portal_path: str) -> str:
        """The absolute URL of a manifest ``url``/``page`` (a path on the portal)."""
        return self.base_url.rstrip("/") + "/" + portal_path.lstrip("/")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> DemoRun:
    out = tmp_path_factory.mktemp("demo")
    proc = subprocess.run(
        [sys.executable, "-m", "pathaudit", "demo", "--out", str(out), "-q"],
        capture_output=True, text=True, encoding="utf-8", timeout=DEMO_TIMEOUT_SECONDS, cwd=repo_root,
    )
    assert proc.returncode == 0, f"pathaudit demo exited {proc.returncode}:\n{proc.stderr[-3000:]}"
    for name in ("findings.json", "report.html"):
        assert (out / name).is_file(), f"the demo wrote no {name}:\n{proc.stderr[-3000:]}"
    start_url = json.loads((out / "findings.json").read_text(encoding="utf-8"))["site"]["start_url"]
    parts = urlsplit(start_url)
    assert parts.hostname == "127.0.0.1" and parts.port, f"the demo crawled {start_url}, not a loopback portal"
    return DemoRun(out=out, base_url=start_url, port=parts.port)


@pytest.fixture(scope="module")
def portal(demo: DemoRun) -> Iterator[Any]:
    """The sample portal again, where the demo served it (the report's links and thumbnails point there)."""
    from pathaudit.sample_portal.server import serve_portal

    with contextlib.ExitStack() as stack:
        try:
            running = stack.enter_context(serve_portal(port=demo.port))
        except OSError as err:
            pytest.fail(f"port {demo.port} of the demo's portal was taken before the portal could be served "
                        f"again ({err}); rerun the test")
        assert running.base_url == demo.base_url
        yield running


@pytest.fixture(scope="module")
def manifest(portal: Any) -> dict[str, Any]:
    """The ground truth of what was planted: built deterministically, the same as the demo served."""
    return portal.portal.manifest


@pytest.fixture(scope="module")
def mandated() -> dict[tuple[str, ...], MandatedPath]:
    """The spec the demo audits against, for the lead units a path names."""
    return {p.segments: p for p in load_spec(bundled_spec(DEMO_SPEC)).paths}


class DemoReport:
    """The demo's report page, read as the checks need it: entries found by the path they state, and the
    整改清单 by unit."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.entry_ids: dict[str, str] = page.evaluate(READ_ENTRY_INDEX)

    def entry(self, segments: list[str] | tuple[str, ...]) -> Any:
        """The locator of a mandated path's entry, found by the path the entry states."""
        label = " > ".join(segments)
        assert label in self.entry_ids, f"no entry for {label} on the page"
        return self.page.locator(f"#{self.entry_ids[label]}")

    def read(self, entry: Any) -> dict[str, Any]:
        return entry.evaluate(READ_ENTRY)

    def set_open(self, entry: Any, is_open: bool) -> None:
        """Open or close an entry as a reader does: by clicking its summary."""
        if entry.evaluate("d => d.open") != is_open:
            entry.locator(":scope > summary").click()
        assert entry.evaluate("d => d.open") == is_open

    def fix_list(self) -> dict[str, dict[str, Any]]:
        return {section["unit"]: section for section in self.page.evaluate(READ_FIX_LIST)}


@pytest.fixture(scope="module")
def opened(open_report: Callable[..., Any], demo: DemoRun, portal: Any) -> Iterator[Any]:
    """The demo's report in the browser (conftest's page wrapper), once its script has run."""
    report = open_report((demo.out / "report.html").as_uri(), demo.base_url)
    report.page.wait_for_selector("#filters:not([hidden])")  # the report's script ran (its CSP hash matched)
    yield report
    report.close()


@pytest.fixture(scope="module")
def demo_report(opened: Any) -> DemoReport:
    return DemoReport(opened.page)


# --- what each planted defect must show, once its entry is open --------------------------------------


def _finding(entry: dict[str, Any], kind_label: str) -> dict[str, Any] | None:
    return next((f for f in entry["findings"] if f["kind"] == kind_label), None)


def _row(finding: dict[str, Any], label: str) -> dict[str, Any]:
    row = finding["evidence"].get(label)
    assert row is not None, f"no evidence row {label!r} (rows: {list(finding['evidence'])})"
    assert row["shown"], f"evidence row {label!r} is not shown"
    return row


def _fetch_text(url: str) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, never a proxy
    with opener.open(url, timeout=10) as answer:
        return answer.read().decode(answer.headers.get_content_charset() or "utf-8")


def check_finding_evidence(defect: dict[str, Any], entry: dict[str, Any], demo: DemoRun) -> str:
    """Assert that the open entry shows the defect's evidence; returns the kind label it is filed under."""
    kind = defect.get("expected_without_js") or defect["kind"]
    url = demo.url(defect["url"])
    if kind.startswith("broken_"):
        rows = [r for r in entry["media"] if url in (link["href"] for link in r["cells"]["地址"]["links"])]
        assert len(rows) == 1, f"the broken-media table does not list {url} once"
        row = rows[0]
        assert row["shown"], f"the row of {url} is not shown"
        assert row["cells"]["问题类型"]["text"].startswith(KIND[kind])
        assert MEDIA_REASON[defect["reason"]] in row["cells"]["原因"]["text"]
        assert [link["href"] for link in row["cells"]["所在页面"]["links"]] == [demo.url(defect["page"])]
        return KIND[kind]

    finding = _finding(entry, KIND[kind])
    assert finding is not None, f"no finding {KIND[kind]} (findings: {[f['kind'] for f in entry['findings']]})"
    assert finding["shown"] and finding["message"], "the finding is not shown or says nothing"
    if kind == "missing_column":
        assert _row(finding, "缺失的栏目")["text"] == defect["missing"][-1]
        stop = _row(finding, "停止于")
        assert [link["href"] for link in stop["links"]] == [url], "the page where the walk stopped is not linked"
        last_step = entry["trail"][-1]
        assert last_step["text"] == stop["text"] and [s["href"] for s in last_step["links"]] == [url], \
            "the trail does not end where the walk stopped"
    elif kind == "missing_subcolumn":
        assert _row(finding, "缺失的子栏目")["text"] == defect["subcolumn"]
        assert url in finding["where"]
    elif kind == "renamed_column":
        assert _row(finding, "规定名称")["text"] == defect["path"][-1]
        assert _row(finding, "网站实际名称")["text"] == defect["site_name"]
        assert defect["site_name"] in entry["siteName"], "the summary does not show the site's name"
        assert url in finding["where"]
    elif kind == "empty_section":
        assert _row(finding, "原因")["text"] == EMPTY_WHY[defect["mode"]]
        if defect["mode"] == "placeholder":
            placeholder = _row(finding, "占位文字")["text"]
            assert placeholder and placeholder in _fetch_text(url), "the placeholder shown is not the page's"
        assert url in finding["where"]
    elif kind == "unverified":
        reason = entry["facts"].get("无法核实原因")
        assert reason and reason["shown"] and reason["text"], "the entry does not say why it could not be checked"
        assert _row(finding, "原因")["text"]
        assert url in finding["where"]
    elif kind == "stale_section":
        assert _row(finding, "最新信息日期")["text"] == defect["newest"]
        assert entry["facts"]["最新信息日期"]["text"] == defect["newest"]
        assert url in finding["where"]
    elif kind == "missing_field":
        assert defect["field"] in _row(finding, "缺少的要素")["values"]
        assert url in finding["where"], "the item page lacking the field is not linked"
    else:
        raise AssertionError(f"the test does not know the planted kind {kind!r}")
    return KIND[kind]


def check_lead_units(defect: dict[str, Any], entry: dict[str, Any], kind_label: str, leads: tuple[str, ...],
                     fix_list: dict[str, dict[str, Any]], demo: DemoRun) -> None:
    label = " > ".join(defect["path"])
    assert leads, f"the spec names no lead unit for {label}"
    shown_leads = entry["facts"]["牵头单位"]
    assert shown_leads["shown"]
    for unit in leads:
        assert unit in shown_leads["text"] and unit in entry["summaryLead"], f"lead unit {unit} not in the entry"
        section = fix_list.get(unit)
        assert section is not None and section["shown"], f"no 整改清单 section for {unit}"
        rows = [r for r in section["rows"] if r["shown"] and r["cells"]["栏目路径"]["text"] == label
                and kind_label in r["cells"]["问题"]["text"]]
        if defect["kind"].startswith("broken_"):
            rows = [r for r in rows if demo.url(defect["url"]) in r["cells"]["链接"]["hrefs"]]
        assert rows, f"the 整改清单 of {unit} has no {kind_label} row for {label}"


def test_every_planted_defect_shows_its_badge_evidence_and_lead_unit(
    opened: Any, demo_report: DemoReport, demo: DemoRun, manifest: dict[str, Any],
    mandated: dict[tuple[str, ...], MandatedPath],
):
    defects = manifest["defects"]
    assert defects, "the manifest plants nothing"
    fix_list = demo_report.fix_list()
    problems: list[str] = []
    for defect in defects:
        where = f"{defect['kind']} {' > '.join(defect['path'])} ({defect['url']})"
        try:
            entry_el = demo_report.entry(defect["path"])
            demo_report.set_open(entry_el, False)
            closed = demo_report.read(entry_el)
            assert not closed["bodyShown"] and not any(f["shown"] for f in closed["findings"]), \
                "evidence shows while the entry is closed"
            kind = defect.get("expected_without_js") or defect["kind"]
            assert BADGE[kind] in closed["badges"], f"badges {closed['badges']}, not {BADGE[kind]}"
            assert OK_BADGE not in closed["badges"]

            demo_report.set_open(entry_el, True)
            entry = demo_report.read(entry_el)
            kind_label = check_finding_evidence(defect, entry, demo)
            check_lead_units(defect, entry, kind_label, mandated[tuple(defect["path"])].lead, fix_list, demo)
        except AssertionError as err:
            problems.append(f"{where}: {err}")
    assert problems == [], "\n".join(problems)
    assert opened.problems == [] and opened.blocked == [] and opened.dialogs == []


def test_every_healthy_path_shows_only_the_ok_badge(opened: Any, demo_report: DemoReport, manifest: dict[str, Any]):
    healthy = manifest["healthy_paths"]
    assert healthy
    fix_rows = {r["cells"]["栏目路径"]["text"] for s in demo_report.fix_list().values() for r in s["rows"]}
    for segments in healthy:
        entry = demo_report.read(demo_report.entry(segments))
        assert entry["badges"] == [OK_BADGE], f"{' > '.join(segments)} shows {entry['badges']}"
        assert entry["findings"] == [] and entry["media"] == []
        assert " > ".join(segments) not in fix_rows, f"{' > '.join(segments)} is on the 整改清单"
    assert opened.problems == []


def test_the_report_covers_every_mandated_path(
    demo_report: DemoReport, mandated: dict[tuple[str, ...], MandatedPath]
):
    required = {segments + (child,) for segments, path in mandated.items() for child in path.rules.children}
    assert set(demo_report.entry_ids) == {" > ".join(segments) for segments in set(mandated) | required}
    assert demo_report.page.inner_text("#verdict").startswith("结论：不合格")


def test_report_shows_everything_without_errors_and_is_captured(
    opened: Any, capture_screenshot: Callable[[Any, str], Path]
):
    page = opened.page
    page.evaluate("document.querySelectorAll('details.path').forEach(d => d.open = true)")
    page.evaluate("document.querySelectorAll('.thumbs img').forEach(i => i.loading = 'eager')")
    thumbnails = page.locator(".thumbs img").count()
    assert thumbnails > 0, "no images that loaded are shown"
    for _ in range(200):
        if page.evaluate("() => [...document.querySelectorAll('.thumbs img')].every(i => i.complete)"):
            break
        page.wait_for_timeout(50)
    broken = page.eval_on_selector_all(".thumbs img", "els => els.filter(i => !(i.naturalWidth > 0)).map(i => i.src)")
    assert broken == [], f"thumbnails that did not display: {broken[:5]}"

    shot = capture_screenshot(page, "demo-report.png")
    assert shot.stat().st_size > 50_000
    assert opened.problems == []
    assert opened.dialogs == []
    assert opened.blocked == []
