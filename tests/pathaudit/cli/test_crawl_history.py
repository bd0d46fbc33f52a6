"""One site crawled again and again into one folder (CI before each release): the history makes
``--baseline previous`` gate only on what is new, the terminal lists new findings first, names each
finding's column path and URL, and ends with the verdict, the reason for the exit code and the report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from waiting import HANG_GUARD


HOME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某镇人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xxgk/">政府信息公开</a></div></body></html>"""
PLATFORM = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>
<div class="left-tree"><ul>{links}</ul></div></body></html>"""
LIST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{name}</title></head><body>
<div class="main"><ul class="list">
<li><a href="./202111/t20211120_1.html">2021年10月{name}</a><span>2021-11-20</span></li>
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
COLUMNS = {"统计信息": "tjxx", "财政信息": "czxx"}


def build(root: Path, columns: list[str]) -> None:
    links = "".join(f'<li><a href="/xxgk/{COLUMNS[c]}/">{c}</a></li>' for c in columns)
    files = {"index.html": HOME, "xxgk/index.html": PLATFORM.format(links=links)}
    for name in columns:
        files[f"xxgk/{COLUMNS[name]}/index.html"] = LIST.format(name=name)
        files[f"xxgk/{COLUMNS[name]}/202111/t20211120_1.html"] = ARTICLE
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def crawl(target: list[str], spec: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``target``: ``[URL]`` or ``["--local-dir", BUILD]``."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "pathaudit", "crawl", *target, "--spec", str(spec), "--out", str(out),
         "--as-of", "2021-12-01", "--set", "AUDITOR_PROGRESS=off", *extra],
        capture_output=True, text=True, timeout=HANG_GUARD, env=env,
    )


def test_baseline_previous_gates_only_on_new_findings_and_lists_them_first(tmp_path: Path):
    spec, out = tmp_path / "spec.yaml", tmp_path / "out"
    spec.write_text(SPEC, encoding="utf-8")
    runs = []
    site = tmp_path / "dist"
    for columns in (["统计信息", "财政信息"], ["统计信息"], ["统计信息"]):
        shutil.rmtree(site, ignore_errors=True)  # the build folder, built anew for each release
        build(site, columns)
        # --local-dir serves each build on another port: the findings keep their identity all the same
        extra = ("--baseline", "previous") if runs else ()
        runs.append(crawl(["--local-dir", str(site)], spec, out, *extra))
    first, second, third = runs
    assert first.returncode == 0, first.stdout + first.stderr[-2000:]
    assert first.stdout.splitlines()[-1].startswith("verdict PASS — exit 0: no findings at or above error")

    assert second.returncode == 1, second.stderr[-2000:]
    lines = second.stdout.splitlines()
    assert "  since baseline: 1 new, 0 resolved" in lines
    line = next(line for line in lines if line.startswith("  [error]"))
    assert line.startswith("  [error] NEW missing_column 政府信息公开 > 财政信息 — http://127.0.0.1:")
    assert lines[-1] == f"verdict FAIL — exit 1: 1 new findings at or above error — report: {out / 'report.html'}"

    assert third.returncode == 0, third.stderr[-2000:]
    assert "  since baseline: 0 new, 0 resolved" in third.stdout.splitlines()
    assert third.stdout.splitlines()[-1].startswith("verdict FAIL — exit 0: no new findings at or above error")
    assert (out / "history.sqlite").is_file()


def test_baseline_previous_needs_the_history(tmp_path: Path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    proc = crawl(["http://127.0.0.1:9/"], spec, tmp_path / "out", "--baseline", "previous", "--no-history")
    assert proc.returncode == 2 and "needs the history database" in proc.stderr
