"""``pathaudit run SITES.yaml`` twice over three portals, with the sample portal changed in between.

The bundled portal is served on one address for both runs; between them it switches to its
``next`` variant (the broken attachment fixed, a truncated image added). A second, small portal is a
site build folder; the third site is down. The difference must show in the history database,
``pathaudit history``, the site report and the index page (both in headless Chromium) and the
整改台账, whose inspector edits carry over. The down site never stops the others and says why.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openpyxl import load_workbook

from pathaudit.cli.local_dir import directory_portal
from sample_portal.defects import NEXT_PLAN
from sample_portal.generator import AS_OF, build_portal
from sample_portal.server import serve_portal
from waiting import HANG_GUARD
import street_portal as street  # the same small street-office portal as the operations tests

REPO = Path(__file__).resolve().parents[3]
#: the module's fixture runs two full audits of three sites (each in a worker process): on a machine
#: at load 30 it took more than pytest's default 300 s; a safety net, not a wait
pytestmark = pytest.mark.timeout(1200)
FIXED_KIND, ADDED_KIND = "broken_attachment", "broken_image"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pathaudit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "pathaudit", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=HANG_GUARD, env=env)


def write_small_build(root: Path) -> None:
    for name, text in {"index.html": street.HOME, "xxgk/index.html": street.PLATFORM,
                       "xxgk/tjxx/index.html": street.LIST,
                       "xxgk/tjxx/202111/t20211120_1.html": street.ARTICLE}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def ledger_rows(path: Path) -> list[dict[str, Any]]:
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]


def findings_of(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("scheduled")
    write_small_build(work / "build")
    (work / "specs").mkdir()
    (work / "specs" / "street.yaml").write_text(street.SPEC, encoding="utf-8")
    out = work / "audits"
    with serve_portal() as sample, serve_portal(directory_portal(work / "build")) as small:
        down = f"http://127.0.0.1:{free_port()}/"
        (work / "sites.yaml").write_text(
            f"""defaults:
  as_of: "{AS_OF.isoformat()}"
  fail_on: error
  out: audits
sites:
  - name: liangjiang
    url: {sample.base_url}
    spec: liangjiang-2021
    schedule: nightly
  - name: street
    url: {small.base_url}
    spec: specs/street.yaml
    schedule: nightly
  - name: closed
    url: {down}
    spec: liangjiang-2021
    schedule: nightly
""", encoding="utf-8")
        first = pathaudit("run", "sites.yaml", "-q", cwd=work)
        first_folder = (out / "liangjiang" / "latest").resolve()
        # the inspector works on the ledger: one finding in progress, a note on the one that will be fixed
        ledger = first_folder / "整改台账.xlsx"
        book = load_workbook(ledger)
        sheet = book.active
        header = [c.value for c in sheet[1]]
        col = {name: header.index(name) + 1 for name in header}
        edited: dict[str, str] = {}
        for row in range(2, sheet.max_row + 1):
            kind = sheet.cell(row, col["问题类型"]).value
            identity = sheet.cell(row, col["问题标识"]).value
            if kind == "栏目缺失" and "in_progress" not in edited:
                sheet.cell(row, col["整改状态"]).value = "整改中"
                sheet.cell(row, col["备注"]).value = "已联系规划局补建栏目"
                edited["in_progress"] = identity
            if kind == "附件无法下载" or kind == "附件无法打开":
                sheet.cell(row, col["备注"]).value = "已通知重新上传"
                edited["fixed"] = identity
        book.save(ledger)
        sample.switch(build_portal(plan=NEXT_PLAN))
        second = pathaudit("run", "sites.yaml", "-q", cwd=work)
        history = pathaudit("history", "liangjiang", "--history", str(out / "history.sqlite"), "--json", cwd=work)
        history_text = pathaudit("history", "liangjiang", "--history", str(out / "history.sqlite"), cwd=work)
    return {"work": work, "out": out, "first": first, "second": second, "first_folder": first_folder,
            "second_folder": (out / "liangjiang" / "latest").resolve(), "edited": edited, "history": history,
            "history_text": history_text, "down": down}


def test_a_down_site_never_stops_the_others_and_its_row_says_why(runs):
    for proc in (runs["first"], runs["second"]):
        assert proc.returncode == 3, proc.stdout + proc.stderr[-3000:]
        lines = proc.stdout.splitlines()
        closed = next(line for line in lines if line.strip().startswith("closed:"))
        assert "FAILED" in closed and "refused the connection" in closed
        assert "verdict FAIL" in next(line for line in lines if line.strip().startswith("liangjiang:"))
        assert "street:" in proc.stdout
        assert lines[-1].startswith("2/3 site(s) audited — exit 3") and "closed" in lines[-1]
    street = findings_of(runs["out"] / "street" / "latest")
    assert {p["id"]: p["status"] for p in street["paths"]} == {"stats": "ok", "finance": "missing"}


def test_each_run_has_its_dated_folder_and_latest_points_to_the_newest(runs):
    first, second = runs["first_folder"], runs["second_folder"]
    assert first != second and first.parent == second.parent
    for folder in (first, second):
        dt.datetime.strptime(folder.name, "%Y%m%d-%H%M%S")
        assert (folder / "findings.json").is_file() and (folder / "report.html").is_file()
    assert (runs["out"] / "liangjiang" / "latest").is_symlink()


def kinds_by_identity(db: sqlite3.Connection, run_id: int) -> dict[str, str]:
    return dict(db.execute("SELECT identity, kind FROM findings WHERE run_id = ?", (run_id,)).fetchall())


def test_the_database_holds_both_runs_and_the_difference(runs):
    db = sqlite3.connect(runs["out"] / "history.sqlite")
    rows = db.execute("SELECT id, complete, usable, problem FROM runs WHERE site = 'liangjiang' ORDER BY id").fetchall()
    assert [(r[1], r[2], r[3]) for r in rows] == [(1, 1, None), (1, 1, None)]
    before, after = (kinds_by_identity(db, r[0]) for r in rows)
    gone = {i: k for i, k in before.items() if i not in after}
    came = {i: k for i, k in after.items() if i not in before}
    assert list(gone.values()) == [FIXED_KIND] and list(came.values()) == [ADDED_KIND]
    closed = db.execute("SELECT usable, problem FROM runs WHERE site = 'closed'").fetchall()
    assert len(closed) == 2 and all(u == 0 and "refused the connection" in p for u, p in closed)


def test_history_command_lists_the_runs_with_new_and_resolved(runs):
    proc = runs["history"]
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [r["new"] for r in data["runs"]] == [None, 1] and [r["resolved"] for r in data["runs"]] == [None, 1]
    assert [r["verdict"] for r in data["runs"]] == ["fail", "fail"]
    text = runs["history_text"].stdout.splitlines()
    assert text[0].startswith("liangjiang — 2 run(s)") and len(text) == 4


def test_findings_carry_their_age_and_the_resolved_ones(runs):
    before, after = findings_of(runs["first_folder"]), findings_of(runs["second_folder"])
    first_time = before["finished_at"]
    history = after["history"]
    assert history["previous_run"]["finished_at"] == first_time and history["new"] == 1
    assert [f["kind"] for f in history["resolved"]] == [FIXED_KIND]
    added = [f for f in after["findings"] if f["in_previous_run"] is False]
    assert [(f["kind"], f["runs_seen"], f["first_seen"]) for f in added] == [(ADDED_KIND, 1, after["finished_at"])]
    kept = [f for f in after["findings"] if f["in_previous_run"]]
    assert len(kept) == len(before["findings"]) - 1
    assert {(f["runs_seen"], f["first_seen"]) for f in kept} == {(2, first_time)}
    assert [r["total"] for r in history["runs"]] == [len(before["findings"]), len(after["findings"])]
    jsonschema.validate(after, json.loads((REPO / "docs" / "findings.schema.json").read_text(encoding="utf-8")))


def test_the_ledger_keeps_the_inspectors_edits_and_marks_the_fixed_finding(runs):
    rows = ledger_rows(runs["second_folder"] / "整改台账.xlsx")
    by_id = {r["问题标识"]: r for r in rows}
    edited = runs["edited"]
    kept = by_id[edited["in_progress"]]
    assert kept["整改状态"] == "整改中" and kept["备注"] == "已联系规划局补建栏目" and kept["对比上次"] == "未变"
    fixed = by_id[edited["fixed"]]
    assert fixed["整改状态"] == "已整改" and fixed["备注"] == "已通知重新上传"
    # people's times in the run's zone (no timezone set: the machine's), named; findings.json keeps UTC
    second = dt.datetime.fromisoformat(findings_of(runs["second_folder"])["finished_at"]).astimezone()
    assert fixed["整改日期"] == second.date().isoformat()
    first = dt.datetime.fromisoformat(findings_of(runs["first_folder"])["finished_at"]).astimezone()
    assert kept["发现时间"].startswith(f"{first:%Y-%m-%d %H:%M} UTC")
    new = [r for r in rows if r["对比上次"] == "新增"]
    assert len(new) == 1 and new[0]["整改状态"] == "未整改" and new[0]["问题类型"] == "图片无法显示"
    assert new[0]["所在页面"].startswith("http://127.0.0.1:") and new[0]["所在页面"].endswith(".html")


def test_the_site_report_shows_new_resolved_and_the_trend_in_a_browser(runs, open_report):
    report = runs["second_folder"] / "report.html"
    opened = open_report(report.as_uri(), "http://127.0.0.1:")
    try:
        page = opened.page
        summary = page.inner_text("#baseline-summary")
        assert "新增 1" in summary and "已解决 1" in summary
        resolved = page.locator("#resolved + ul li")
        assert resolved.count() == 1 and "附件" in resolved.inner_text()
        assert page.locator("#trend svg .trend-run").count() == 2
        assert page.locator("#trend svg .trend-run").nth(1).get_attribute("data-total") == str(
            len(findings_of(runs["second_folder"])["findings"]))
        assert opened.problems == [] and opened.blocked == []
    finally:
        opened.close()


def test_the_index_page_sums_up_every_site_in_a_browser(runs, open_report):
    opened = open_report((runs["out"] / "index.html").as_uri(), "http://127.0.0.1:")
    try:
        page = opened.page
        rows = page.locator("tr.site")
        assert rows.count() == 3
        sample = page.locator('tr.site[data-site="liangjiang"]')
        assert sample.get_attribute("data-verdict") == "fail"
        assert sample.locator("td.new").inner_text() == "1" and sample.locator("td.resolved").inner_text() == "1"
        totals = sample.locator("svg.sparkline").get_attribute("data-totals").split(",")
        assert len(totals) == 2 and totals[0] == totals[1]  # one fixed, one added
        closed = page.locator('tr.site[data-site="closed"]')
        assert closed.get_attribute("data-verdict") == "failed"
        assert "首页无法访问：服务器拒绝连接" in closed.inner_text()  # the reason in the index's language
        link = sample.locator("a.report").get_attribute("href")
        assert (runs["out"] / link).resolve() == runs["second_folder"] / "report.html"
        assert opened.problems == [] and opened.blocked == []
    finally:
        opened.close()
