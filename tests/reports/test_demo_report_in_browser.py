"""The demo's report, read in a real browser: every defect planted in the bundled sample portal is on
the page, with its evidence, what to do about it and the unit that must fix it; the column tree shows
every mandated path as findings.json has it; the evidence saved with the run opens with the audited
site gone; every format counts the same; a phone shows it without sideways scrolling.

``pathaudit demo`` runs once for the module, in a subprocess (Scrapy's reactor runs once per process).
Its report.html is opened from the file in Debian's chromium, headless, through Playwright, and every
check reads the rendered page. What the planted defects must show comes from the portal's ground-truth
manifest and the bundled spec; what the tree and the counts must say is computed here from findings.json.

The demo stops its portal when it ends, and nothing serves it again: the report must show its evidence
from the run's archive (evidence.warc.gz) alone. Any request that leaves the report's file is blocked,
and fails the test. The browser and the page wrapper (``browser``, ``open_report``) come from this
folder's conftest.py. Screenshots of the first screen at 1400 px and 390 px, and the PDF, are kept in
test-artifacts/.
"""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from auditor.specs import MandatedPath
from auditor.specs.loader import load_spec
from path_specs import bundled_spec
from waiting import HANG_GUARD

DEMO_SPEC = "liangjiang-2021"

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
    # the clause rules' findings (auditor/audit/clause_rules.py)
    "below_yearly_count": "其他问题",
    "unlinked_interpretation": "其他问题",
    "unanswered_message": "其他问题",
    "missing_yearly_item": "其他问题",
    "missing_phone": "其他问题",
    "not_mobile_ready": "其他问题",
}
OK_BADGE = "正常"
CLAUSE_KINDS = ("below_yearly_count", "unlinked_interpretation", "unanswered_message", "missing_yearly_item",
                "missing_phone", "not_mobile_ready")
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
    "below_yearly_count": "年度发布次数不足",
    "unlinked_interpretation": "解读与文件未关联",
    "unanswered_message": "留言未答复",
    "missing_yearly_item": "年度信息逾期未公开",
    "missing_phone": "未公开联系电话",
    "not_mobile_ready": "未适配移动端",
}
#: why a medium is broken (manifest ``reason``)
MEDIA_REASON = {
    "http_status": "无法访问（HTTP 错误）",
    "wrong_type": "内容类型错误",
    "empty": "文件为空（0 字节）",
    "truncated": "文件不完整（被截断）",
    "unplayable_format": "格式已不被浏览器支持",
}
#: 整改建议 the inspector must read for each planted kind
ADVICE = {
    "missing_column": "补建栏目并发布信息",
    "missing_subcolumn": "补建子栏目并发布信息",
    "empty_section": "补充发布栏目信息",
    "stale_section": "更新栏目内容",
    "broken_video": "替换可播放的视频文件",
    "broken_audio": "替换可播放的音频文件",
}
#: one state per path, in the report's words
STATE = {"ok": "正常", "missing": "缺失", "empty": "空白", "stale": "未更新", "flawed": "存在问题", "unverified": "无法核实"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
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
  const item = li => ({
      kind: text(li.querySelector('.kind')),
      message: text(li.querySelector('.message')),
      advice: text(li.querySelector('.advice')),
      shown: shown(li),
      where: [...li.querySelectorAll(':scope > p.where a')].map(a => a.href),
      evidence: pairs(li.querySelector(':scope > dl.evidence')),
  });
  return {
    open: d.open,
    badges: [...d.querySelectorAll(':scope > summary .badge')].map(text),
    siteName: text(d.querySelector(':scope > summary .site-name')),
    summaryLead: text(d.querySelector(':scope > summary .lead')),
    bodyShown: shown(body),
    facts: pairs(body.querySelector(':scope > dl.facts')),
    trail: [...body.querySelectorAll(':scope > ol.trail > li')].map(li => ({text: text(li), links: links(li)})),
    findings: [...body.querySelectorAll(':scope > ul.findings:not(.media) > li.finding')].map(item),
    media: [...body.querySelectorAll(':scope > ul.findings.media > li.finding')].map(item),
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
    unit: text(s.querySelector('h3').firstChild).replace(/^致：/, ''),
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
    #: what the demo printed: the terminal summary
    stdout: str

    def url(self, portal_path: str) -> str:
        """The absolute URL of a manifest ``url``/``page`` (a path on the portal)."""
        return self.base_url.rstrip("/") + "/" + portal_path.lstrip("/")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> DemoRun:
    out = tmp_path_factory.mktemp("demo")
    proc = subprocess.run(
        [sys.executable, "-m", "pathaudit", "demo", "--out", str(out), "-q"],
        capture_output=True, text=True, encoding="utf-8", timeout=HANG_GUARD, cwd=repo_root,
    )
    assert proc.returncode == 0, f"pathaudit demo exited {proc.returncode}:\n{proc.stderr[-3000:]}"
    for name in ("findings.json", "report.html"):
        assert (out / name).is_file(), f"the demo wrote no {name}:\n{proc.stderr[-3000:]}"
    start_url = json.loads((out / "findings.json").read_text(encoding="utf-8"))["site"]["start_url"]
    parts = urlsplit(start_url)
    assert parts.hostname == "127.0.0.1" and parts.port, f"the demo crawled {start_url}, not a loopback portal"
    return DemoRun(out=out, base_url=start_url, port=parts.port, stdout=proc.stdout)


@pytest.fixture(scope="module")
def findings(demo: DemoRun) -> dict[str, Any]:
    return json.loads((demo.out / "findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    """The ground truth of what was planted: built deterministically, the same as the demo served."""
    from sample_portal.server import default_portal

    return default_portal().manifest


def server_is_stopped(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) != 0


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
def opened(open_report: Callable[..., Any], demo: DemoRun) -> Iterator[Any]:
    """The demo's report in the browser (conftest's page wrapper), once its script has run; the audited
    portal is gone (nothing may be fetched but the report's own file)."""
    assert server_is_stopped(demo.port), "the demo's portal still answers: the report would not be tested offline"
    report = open_report((demo.out / "report.html").as_uri(), "file:")
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


def check_finding_evidence(defect: dict[str, Any], entry: dict[str, Any], demo: DemoRun) -> str:
    """Assert that the open entry shows the defect's evidence; returns the kind label it is filed under."""
    kind = defect.get("expected_without_js") or defect.get("expected_without_browser") or defect["kind"]
    url = demo.url(defect["url"])
    if kind.startswith("broken_"):
        items = [m for m in entry["media"] if url in m["where"]]
        assert len(items) == 1, f"the broken media do not list {url} once"
        item = items[0]
        assert item["shown"], f"the finding of {url} is not shown"
        assert item["kind"] == KIND[kind]
        assert MEDIA_REASON[defect["reason"]] in _row(item, "原因")["text"]
        assert demo.url(defect["page"]) in item["where"], "the page that embeds it is not linked"
        if kind in ADVICE:
            assert ADVICE[kind] in item["advice"] and "整改时限" in item["advice"]
        return KIND[kind]

    finding = _finding(entry, KIND[kind])
    if kind in CLAUSE_KINDS or defect.get("expected_without_browser"):
        # a column may hold several clause findings of one kind (two 解读, two messages): the one on this page
        finding = next((f for f in entry["findings"] if f["kind"] == KIND[kind] and url in f["where"]), finding)
    assert finding is not None, f"no finding {KIND[kind]} (findings: {[f['kind'] for f in entry['findings']]})"
    assert finding["shown"] and finding["message"], "the finding is not shown or says nothing"
    if kind in ADVICE:
        assert ADVICE[kind] in finding["advice"] and "整改时限" in finding["advice"], finding["advice"]
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
            assert _row(finding, "占位文字")["text"], "the placeholder is not shown"
        assert url in finding["where"]
    elif defect.get("expected_without_browser"):
        # a clause the crawl could not judge without a browser: the column is ok, the finding says why
        assert _row(finding, "原因")["text"]
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
    elif kind in CLAUSE_KINDS:
        # a clause finding: the column, or the item page that breaks the clause, is linked
        assert url in finding["where"], f"{url} is not linked"
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
            kind = defect.get("expected_without_js") or defect.get("expected_without_browser") or defect["kind"]
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


# --- the column tree at a glance ---------------------------------------------------------------------

READ_TREE = """
() => ({
  paths: [...document.querySelectorAll('#site-tree a.gnode')].map(a => ({
    id: a.dataset.path, status: a.dataset.status, state: a.dataset.state, href: a.getAttribute('href'),
    name: a.querySelector('.gname').textContent.trim(), unreachable: a.parentElement.classList.contains('g-unreachable'),
    note: (a.querySelector('.gnote') || {textContent: ''}).textContent.trim(),
    chain: (() => { const names = []; let li = a.parentElement;
      while (li && li.matches('li.g')) { const n = li.querySelector(':scope > .gnode .gname'); names.unshift(n.textContent.trim());
        li = li.parentElement.closest('li.g'); } return names; })(),
  })),
  groups: Object.fromEntries([...document.querySelectorAll('#site-tree span.gnode[data-group]')].map(g =>
    [g.dataset.group, {state: g.dataset.state || null, text: g.textContent.replace(/\\s+/g, ' ').trim()}])),
  top: document.querySelector('#site-tree').getBoundingClientRect().top,
})
"""


def expected_state(path: dict[str, Any], findings: dict[str, Any]) -> str:
    """A path's one state, from findings.json alone: its status, or ``flawed`` when an ok column has a
    finding above info."""
    if path["status"] != "ok":
        return path["status"]
    own = [f for f in findings["findings"] if f.get("path_id") == path["id"]]
    return "flawed" if any(f["severity"] in ("warning", "error") for f in own) else "ok"


def test_the_tree_shows_every_mandated_path_with_its_status_from_findings_json(
    opened: Any, findings: dict[str, Any], mandated: dict[tuple[str, ...], MandatedPath]
):
    tree = opened.page.evaluate(READ_TREE)
    by_id = {node["id"]: node for node in tree["paths"]}
    # every mandated path, and each sub-column a path's rule requires (a path of its own in findings.json)
    assert len(tree["paths"]) == len(findings["paths"]) >= len(mandated)
    for path in findings["paths"]:
        node = by_id.get(path["id"])
        assert node is not None, f"{' > '.join(path['path'])} is not in the tree"
        assert node["status"] == path["status"], f"{path['id']}: {node['status']} != {path['status']}"
        assert node["state"] == expected_state(path, findings), path["id"]
        assert node["chain"] == path["path"], f"{path['id']} drawn under {node['chain']}"  # the site's tree
        assert node["href"].startswith("#path-")
    assert {tuple(n["chain"]) for n in tree["paths"]} == {tuple(p["path"]) for p in findings["paths"]}
    assert set(mandated) <= {tuple(n["chain"]) for n in tree["paths"]}
    assert tree["top"] < 900, "the tree does not start on the first screen"


def test_a_missing_parent_is_shown_missing_with_its_unreachable_children(opened: Any, manifest: dict[str, Any]):
    tree = opened.page.evaluate(READ_TREE)
    parents = [d for d in manifest["defects"] if d["kind"] == "missing_column" and len(d["missing"]) < len(d["path"])]
    assert parents, "the demo plants no missing parent column"
    for defect in parents:
        group = tree["groups"].get(" > ".join(defect["missing"]))
        assert group is not None and group["state"] == "missing", f"{defect['missing'][-1]} is not shown missing"
        assert "缺失" in group["text"] and "无法到达" in group["text"]
        child = next(n for n in tree["paths"] if n["chain"] == defect["path"])
        assert child["unreachable"] and child["note"] == f"无法到达：上级栏目「{defect['missing'][-1]}」缺失"


def test_a_tree_node_leads_to_its_open_card(opened: Any, findings: dict[str, Any]):
    page = opened.page
    path = next(p for p in findings["paths"] if p["status"] == "empty")
    page.click(f"#site-tree a.gnode[data-path='{path['id']}']")
    card = page.locator(f"details.path[data-path='{path['id']}']")
    assert card.evaluate("d => d.open") and card.is_visible()
    assert card.evaluate("d => d.getBoundingClientRect().top") < 900
    page.evaluate("window.scrollTo(0, 0)")


# --- evidence that survives the site --------------------------------------------------------------


def warc_records(path: Path) -> dict[str, dict[str, Any]]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as stream:
        return {r.rec_headers.get_header("WARC-Record-ID"): {"uri": r.rec_headers.get_header("WARC-Target-URI"),
                                                              "body": r.content_stream().read()}
                for r in ArchiveIterator(stream) if r.rec_type == "response"}


OPEN_SAVED = """
(el) => { let d = el; while (d) { if (d.tagName === 'DETAILS') d.open = true; d = d.parentElement; } el.open = true;
  el.scrollIntoView(); return true; }
"""


def test_every_findings_evidence_opens_offline_with_the_server_stopped(
    opened: Any, demo: DemoRun, findings: dict[str, Any]
):
    from spiders.archive import proving_url
    from auditor.model.findings import Finding

    assert server_is_stopped(demo.port)
    saved = warc_records(demo.out / "evidence.warc.gz")
    page = opened.page
    problems = []
    for data in findings["findings"]:
        finding = Finding(**{k: data[k] for k in ("kind", "severity", "path", "url", "page", "message", "evidence")})
        ref = data["evidence"].get("record")
        where = f"{data['kind']} {data['url']}"
        if ref is None or ref.get("id") is None:
            problems.append(f"{where}: names no saved record")
            continue
        if saved.get(ref["id"], {}).get("uri") != proving_url(finding):
            problems.append(f"{where}: its record is not the answer of {proving_url(finding)}")
            continue
        box = page.locator(f"details.saved[data-record='{ref['id']}']").first
        if box.count() == 0:
            problems.append(f"{where}: the report does not show record {ref['id']}")
            continue
        box.evaluate(OPEN_SAVED)
        shown = box.inner_text()
        if data["kind"].startswith("broken_"):
            first = " ".join(f"{b:02x}" for b in saved[ref["id"]]["body"][:8])
            if (first and first not in shown) or "判定" not in shown:
                problems.append(f"{where}: first bytes or verdict not shown")
            continue
        frame = box.locator("iframe.snapshot").first
        if frame.count() == 0:
            problems.append(f"{where}: no page snapshot")
            continue
        text = frame.element_handle().content_frame().evaluate("document.body.innerText")
        expect = {"missing_column": (data["evidence"].get("stopped_at") or {}).get("name"),
                  "empty_section": data["evidence"].get("placeholder")}.get(data["kind"])
        if not text.strip() or (expect and expect not in text):
            problems.append(f"{where}: the snapshot does not show {expect!r}")
    assert problems == [], "\n".join(problems)
    archive = findings["stats"]["archive"]
    assert archive["records"] > 0 and archive["left_out"] == 0
    assert "存档" in page.inner_text("#archive-summary")
    assert opened.blocked == [] and opened.problems == [], (opened.blocked[:3], opened.problems[:3])
    page.evaluate("window.scrollTo(0, 0)")


# --- counts that agree everywhere ------------------------------------------------------------------


def test_counts_in_every_format_equal_the_ones_computed_from_findings_json(
    opened: Any, demo: DemoRun, findings: dict[str, Any]
):
    import openpyxl
    from lxml import etree

    states = Counter(expected_state(p, findings) for p in findings["paths"])
    severities = Counter(f["severity"] for f in findings["findings"])
    total_paths, total_findings = len(findings["paths"]), len(findings["findings"])
    assert sum(states.values()) == total_paths

    page = opened.page
    tiles = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('#state-counts a.tile')]"
                          ".map(t => [t.dataset.state, +t.dataset.count]))")
    assert tiles == {s: states.get(s, 0) for s in STATE}
    assert page.get_attribute("#state-counts", "data-total") == str(total_paths)
    table = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('#counts-status tr')]"
                          ".map(r => [r.dataset.state, +r.cells[1].textContent]))")
    assert table == tiles and f"（{total_paths}）" in page.inner_text("#counts-status caption")
    html_sev = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('#counts-severity tbody tr')]"
                             ".map(r => [r.dataset.severity, +r.cells[1].textContent]))")
    assert html_sev == {s: severities.get(s, 0) for s in SEVERITY}

    states_zh = "、".join(f"{STATE[s]} {states.get(s, 0)}" for s in STATE if states.get(s, 0))
    md = (demo.out / "summary.md").read_text(encoding="utf-8")
    assert f"- **规定栏目路径**：{total_paths} · {states_zh}" in md
    for sev, label in SEVERITY.items():
        assert f"| {label} | {severities.get(sev, 0)} |" in md

    terminal = "  ".join(f"{s} {states.get(s, 0)}" for s in STATE)
    assert f"paths:    {terminal}  (of {total_paths})" in demo.stdout, demo.stdout[:600]
    sev_line = "  ".join(f"{s} {severities.get(s, 0)}" for s in SEVERITY)
    assert f"findings: {sev_line}  (of {total_findings})" in demo.stdout, demo.stdout[:600]

    junit = etree.fromstring((demo.out / "junit.xml").read_bytes())
    props = {p.get("name"): p.get("value") for p in junit.find("testsuite").find("properties")}
    assert props["run.paths"] == str(total_paths) and props["run.findings"] == str(total_findings)
    assert {s: int(props[f"run.paths.{s}"]) for s in STATE} == {s: states.get(s, 0) for s in STATE}
    labels = {" > ".join(p["path"]) for p in findings["paths"]}
    path_cases = [c for c in junit.iter("testcase") if c.get("name") in labels]
    assert len(path_cases) == total_paths
    assert sum(c.find("skipped") is not None for c in path_cases) == states.get("unverified", 0)
    assert sum(c.find("failure") is not None for c in path_cases) == total_paths - states["ok"] - states.get("unverified", 0)

    book = openpyxl.load_workbook(io.BytesIO((demo.out / "整改台账.xlsx").read_bytes()))
    ledger, summary = book["整改台账"], book["概况"]
    assert ledger.max_row - 1 == total_findings
    got = {row[0].value: row[1].value for row in summary.iter_rows(min_row=2)}
    assert got["栏目路径"] == total_paths and got["问题"] == total_findings
    assert {s: got[f"栏目路径 · {STATE[s]}"] for s in STATE} == {s: states.get(s, 0) for s in STATE}
    assert {s: got[f"问题 · {SEVERITY[s]}"] for s in SEVERITY} == {s: severities.get(s, 0) for s in SEVERITY}


# --- phone and print, screenshots, PDF ---------------------------------------------------------------

TOO_WIDE = """
() => [...document.querySelectorAll('body *')]
  .filter(e => e.checkVisibility() && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)
"""


def test_first_screens_are_captured_at_1400_and_390_px(
    browser: Any, demo: DemoRun, capture_screenshot: Callable[..., Path]
):
    for width in (1400, 390):
        context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844})
        try:
            page = context.new_page()
            page.goto((demo.out / "report.html").as_uri())
            page.wait_for_selector("#filters:not([hidden])")
            shot = capture_screenshot(page, f"demo-first-screen-{width}.png", full_page=False)
            assert shot.stat().st_size > 20_000
            # the first screen answers how the site stands: the verdict, the state tiles and the tree's top
            assert page.locator("#verdict").bounding_box()["y"] < 300
            assert page.locator("#state-counts").bounding_box()["y"] < (500 if width > 500 else 600)
            if width > 500:
                assert page.locator("#site-tree").bounding_box()["y"] < 600
        finally:
            context.close()


def test_nothing_is_wider_than_a_phone_and_the_remediation_list_reads(
    browser: Any, demo: DemoRun, capture_screenshot: Callable[..., Path]
):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto((demo.out / "report.html").as_uri())
        page.wait_for_selector("#filters:not([hidden])")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert page.evaluate(TOO_WIDE) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # each 整改清单 row is a card: its cells are a readable width, not two characters a line
        widths = page.eval_on_selector_all("#fix table.fix-table td", "els => els.map(e => e.getBoundingClientRect().width)")
        assert widths and min(widths) > 300
        capture_screenshot(page.locator("#unit-1"), "demo-notice-390.png")
    finally:
        context.close()


def test_print_shows_each_units_notice_on_its_own_page_and_the_pdf_is_that_print(
    opened: Any, demo: DemoRun, findings: dict[str, Any], repo_root: Path
):
    from reports import write
    from auditor.model.findings import FindingsReport

    page = opened.page
    page.emulate_media(media="print")
    try:
        notices = page.eval_on_selector_all("section.unit.notice", "els => els.map(e => [getComputedStyle(e).breakBefore,"
                                            " e.querySelector('.notice-title').checkVisibility()])")
        assert notices and all(visible for _, visible in notices)
        assert all(brk == "page" for brk, _ in notices[1:])
        assert not page.locator("nav.toc").is_visible()
    finally:
        page.emulate_media(media="screen")
    pdf = write(FindingsReport.from_dict(findings), "pdf", repo_root / "test-artifacts" / "demo-report.pdf",
                "zh", None, demo.out)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page[^s]", data)) > len(notices)
