"""History tells the truth (issue 20, item 1), over real HTTP with ``pathaudit crawl --history``.

One small portal is audited, then found down (another address, same site name), then up again,
then up with its 政府信息公开 platform answering 503 so its paths cannot be checked. The down run
resolves nothing, ages nothing and leaves the ledger byte for byte; its report says 无法核查 (no
整改通知, no 完整抓取, veto lines not checked) and its JUnit errors. The unverified paths keep their
findings open. An 已整改 the inspector wrote on a finding still present comes back 整改未通过.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from openpyxl import load_workbook
from street_portal import AS_OF, SPEC, Portal
from waiting import HANG_GUARD


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def crawl(work: Path, url: str, out: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "pathaudit", "crawl", url, "--spec", "spec.yaml", "--site", "street",
         "--history", "h.sqlite", "--out", out, "--as-of", AS_OF, "--fail-on", "never", "-q",
         "--set", "RETRY_TIMES=0"],
        cwd=work, capture_output=True, text=True, timeout=HANG_GUARD, env=env)


def findings(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "findings.json").read_text(encoding="utf-8"))


def ledger_states(path: Path) -> dict[str, str]:
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    at = {name: header.index(name) for name in ("问题标识", "整改状态")}
    return {row[at["问题标识"]].value: row[at["整改状态"]].value for row in sheet.iter_rows(min_row=2)}


def mark_fixed(path: Path, identity: str) -> None:
    book = load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("问题标识")].value == identity:
            row[header.index("整改状态")].value = "已整改"
    book.save(path)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    work = tmp_path_factory.mktemp("truth")
    (work / "spec.yaml").write_text(SPEC, encoding="utf-8")
    procs: dict[str, subprocess.CompletedProcess[str]] = {}
    with Portal() as portal:
        procs["up"] = crawl(work, portal.url, "up")
        finance = next(f for f in findings(work / "up")["findings"] if "财政信息" in (f.get("path") or []))
        identity = ledger_identity(work / "up" / "整改台账.xlsx", finance)
        mark_fixed(work / "up" / "整改台账.xlsx", identity)
        procs["down"] = crawl(work, f"http://127.0.0.1:{free_port()}/", "down")
        procs["again"] = crawl(work, portal.url, "again")
        portal.failing.add("/xxgk/")
        procs["unverified"] = crawl(work, portal.url, "unverified")
        portal.failing.clear()
        procs["back"] = crawl(work, portal.url, "back")
    yield {"work": work, "procs": procs, "finance": identity}


def ledger_identity(path: Path, finding: dict[str, Any]) -> str:
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("问题类型")].value and "财政信息" in str(row[header.index("栏目路径")].value or ""):
            return str(row[header.index("问题标识")].value)
    raise AssertionError(f"no ledger row for {finding['path']}")


def test_every_run_wrote_its_findings(runs):
    for name, proc in runs["procs"].items():
        assert (runs["work"] / name / "findings.json").is_file(), (name, proc.stderr[-2000:])
    assert runs["procs"]["down"].returncode == 3


def test_a_down_run_resolves_nothing_and_adds_no_finding_to_the_history(runs):
    history = findings(runs["work"] / "down")["history"]
    assert history["resolved"] == [] and history["new"] is None and history["previous_run"] is None
    assert history["not_audited"] is True and history["still_open"] >= 1
    with sqlite3.connect(runs["work"] / "h.sqlite") as db:
        rows = db.execute("SELECT id, usable FROM runs ORDER BY id").fetchall()
        down_id = rows[1][0]
        assert rows[1][1] == 0
        assert db.execute("SELECT COUNT(*) FROM findings WHERE run_id = ?", (down_id,)).fetchone()[0] == 0


def test_after_a_down_run_nothing_comes_back_as_new_and_nothing_aged(runs):
    again = findings(runs["work"] / "again")
    assert again["history"]["new"] == 0 and again["history"]["resolved"] == []
    assert {f["runs_seen"] for f in again["findings"]} == {2}
    first = {f["first_seen"] for f in findings(runs["work"] / "up")["findings"]}
    assert {f["first_seen"] for f in again["findings"]} == first


def test_a_down_run_leaves_the_ledger_byte_for_byte(runs):
    work = runs["work"]
    assert (work / "down" / "整改台账.xlsx").read_bytes() == (work / "up" / "整改台账.xlsx").read_bytes()


def test_a_down_runs_report_says_not_audited_everywhere(runs):
    html = (runs["work"] / "down" / "report.html").read_text(encoding="utf-8")
    assert "无法核查" in html
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    assert "致：" not in main  # no 整改通知 addressed to any unit (the page may say that none is sent)
    assert "完整抓取" not in html
    assert 'data-state="crossed"' not in html and 'data-state="clear"' not in html
    summary = (runs["work"] / "down" / "summary.md").read_text(encoding="utf-8")
    assert "无法核查" in summary and "完整抓取" not in summary and "整改时限" not in summary
    junit = etree.parse(str(runs["work"] / "down" / "junit.xml")).getroot()
    assert int(junit.get("errors")) == int(junit.get("tests")) > 0
    assert junit.find(".//skipped") is None and junit.find(".//failure") is None


def test_findings_on_unverified_paths_stay_open(runs):
    unverified = findings(runs["work"] / "unverified")
    assert unverified["history"]["resolved"] == []
    assert unverified["history"]["still_open"] >= 1
    back = findings(runs["work"] / "back")
    finance = [f for f in back["findings"] if "财政信息" in (f.get("path") or [])]
    assert finance and all(f["in_previous_run"] for f in finance)
    assert back["history"]["new"] == 0


def test_a_fix_claimed_on_a_finding_still_present_is_flagged(runs):
    states = ledger_states(runs["work"] / "again" / "整改台账.xlsx")
    assert states[runs["finance"]] == "整改未通过"
