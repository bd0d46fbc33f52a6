"""History database faults after it opens (issue 19): a schema of another version, a renamed
column, a row missing a field, a database locked by another process. The crawl's findings.json and
reports are written whatever the history does; the history's problem is one line, never a traceback.

The crawls are real (``pathaudit crawl --local-dir`` on a small build); the databases are real
SQLite files damaged with SQL, as another version or a hand edit would leave them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from pathaudit.history import db as history_db
from waiting import HANG_GUARD

HOME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某镇人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xxgk/">政府信息公开</a></div></body></html>"""
PLATFORM = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>
<div class="left-tree"><ul><li><a href="/xxgk/tjxx/">统计信息</a></li></ul></div></body></html>"""
LIST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>统计信息</title></head><body>
<div class="main"><ul class="list">
<li><a href="./202111/t20211120_1.html">2021年10月统计信息</a><span>2021-11-20</span></li>
</ul></div></body></html>"""
ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>文章</title></head><body>
<div class="article"><h1>文章</h1><p>发布日期：2021-11-20</p><p>正文。</p></div></body></html>"""
SPEC = """mandate:
  id: town-test
  title: 镇网站检查
entries:
  - id: stats
    path: 政府网站>政府信息公开>统计信息
  - id: finance
    path: 政府网站>政府信息公开>财政信息
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("build")
    files = {"index.html": HOME, "xxgk/index.html": PLATFORM, "xxgk/tjxx/index.html": LIST,
             "xxgk/tjxx/202111/t20211120_1.html": ARTICLE}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    spec = root.parent / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    return root, spec


def crawl(build: tuple[Path, Path], out: Path, history: Path) -> subprocess.CompletedProcess[str]:
    root, spec = build
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "pathaudit", "crawl", "--local-dir", str(root), "--spec", str(spec), "--out", str(out),
         "--as-of", "2021-12-01", "--history", str(history), "--site", "town", "-q",
         "--set", "AUDITOR_REPORT_FORMATS=html,md"],
        capture_output=True, text=True, timeout=HANG_GUARD, env=env,
    )


def other_version(con: sqlite3.Connection) -> None:
    con.execute("UPDATE meta SET value = 'v0-beta' WHERE key = 'schema_version'")


def renamed_column(con: sqlite3.Connection) -> None:
    con.execute("ALTER TABLE runs RENAME COLUMN verdict TO outcome")


def row_missing_a_field(con: sqlite3.Connection) -> None:
    # a row whose kinds is no JSON and whose finding data lacks its fields, as a hand edit leaves it
    con.execute("UPDATE runs SET kinds = 'kinds: none'")
    con.execute("UPDATE findings SET data = '{}'")


@pytest.mark.parametrize("damage", [other_version, renamed_column, row_missing_a_field])
def test_a_damaged_history_leaves_findings_and_reports_and_says_so_in_one_line(
        tmp_path: Path, build: tuple[Path, Path], damage: Callable[[sqlite3.Connection], None]):
    history = tmp_path / "history.sqlite"
    first = crawl(build, tmp_path / "first", history)
    assert first.returncode == 1, first.stderr[-2000:]  # 财政信息 is missing: an error finding
    with sqlite3.connect(history) as con:
        damage(con)
    out = tmp_path / "second"
    second = crawl(build, out, history)
    assert "Traceback" not in second.stderr, second.stderr[-3000:]
    assert second.returncode == 1, second.stderr[-2000:]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert {tuple(p["path"]): p["status"] for p in findings["paths"]} == {
        ("政府信息公开", "统计信息"): "ok", ("政府信息公开", "财政信息"): "missing"}
    assert (out / "report.html").is_file() and (out / "summary.md").is_file()
    lines = [line for line in second.stderr.splitlines() if "history" in line]
    assert len(lines) == 1, second.stderr
    assert str(history) in lines[0] and "findings.json is intact" in lines[0]


def test_a_locked_history_is_called_locked_and_names_who_holds_it(tmp_path: Path, monkeypatch):
    path = tmp_path / "history.sqlite"
    with history_db.open_history(path):
        pass
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # what a second run (or an SQLite tool) writing holds
    monkeypatch.setattr(history_db, "BUSY_SECONDS", 0.05)
    try:
        with pytest.raises(history_db.HistoryError) as caught:
            with history_db.open_history(path):
                pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(caught.value)
    assert "is locked" in message and "not a PathAudit history" not in message
    assert "not damaged" in message


def test_a_lock_held_by_another_process_names_that_process(tmp_path: Path, monkeypatch):
    path = tmp_path / "history.sqlite"
    with history_db.open_history(path):
        pass
    script = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
              "c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); sys.stdin.read()")
    other = subprocess.Popen([sys.executable, "-c", script, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        monkeypatch.setattr(history_db, "BUSY_SECONDS", 0.05)
        with pytest.raises(history_db.HistoryError) as caught:
            with history_db.open_history(path):
                pass
    finally:
        assert other.stdin is not None
        other.stdin.close()
        other.wait(timeout=HANG_GUARD)
    assert f"pid {other.pid}" in str(caught.value)


def test_resolved_findings_of_the_previous_run_are_a_count_and_a_bounded_list(tmp_path: Path):
    """Issue 19: 300 000 resolved findings made a 252 MB findings.json. The count is whole, the list
    bounded, the rest stays in the database."""
    from types import SimpleNamespace

    from auditor.model.findings import Finding, FindingsReport
    from pathaudit.history.record import RESOLVED_LISTED, record_run

    def run(name: str, count: int, finished: str):
        out = tmp_path / name
        out.mkdir()
        job = SimpleNamespace(site="portal", url="http://portal.example/", history=str(tmp_path / "h.sqlite"),
                              out_dir=out, lang="zh", findings_path=out / "findings.json")
        findings = [Finding(kind="broken_link", severity="warning", path=["公开"], url=f"http://portal.example/{k}",
                            page=None, message="坏链") for k in range(count)]
        report = FindingsReport(site={"start_url": job.url, "hosts": ["portal.example"]}, spec={"id": "s", "title": "t"},
                                started_at=finished, finished_at=finished, complete=True, stats={"pages": 1},
                                paths=[], findings=findings)
        record_run(job, report)
        return json.loads(job.findings_path.read_text(encoding="utf-8"))

    run("first", 3 * RESOLVED_LISTED, "2021-11-01T00:00:00+00:00")
    second = run("second", 0, "2021-11-02T00:00:00+00:00")
    assert second["history"]["resolved_count"] == 3 * RESOLVED_LISTED
    assert len(second["history"]["resolved"]) == RESOLVED_LISTED
    with sqlite3.connect(tmp_path / "h.sqlite") as con:
        assert con.execute("SELECT resolved FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0] == 3 * RESOLVED_LISTED


def test_a_history_on_a_read_only_disk_leaves_findings_and_reports(tmp_path: Path, build: tuple[Path, Path]):
    """The database's disk turns read-only between two runs (a real tmpfs remounted read-only; root
    only, skipped where it cannot be mounted)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("a tmpfs cannot be mounted here")
    try:
        history = disk / "history.sqlite"
        assert crawl(build, tmp_path / "first", history).returncode == 1
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        second = crawl(build, tmp_path / "second", history)
    finally:
        subprocess.run(["umount", str(disk)], check=False)
    assert "Traceback" not in second.stderr and second.returncode == 1, second.stderr[-3000:]
    assert (tmp_path / "second" / "findings.json").is_file() and (tmp_path / "second" / "report.html").is_file()
    lines = [line for line in second.stderr.splitlines() if "history" in line]
    assert len(lines) == 1 and "findings.json is intact" in lines[0], second.stderr
