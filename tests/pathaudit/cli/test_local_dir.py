"""``pathaudit crawl --local-dir``: a site build folder audited without a web server to set up."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from pathaudit.cli.local_dir import directory_portal
from sample_portal.server import serve_portal
from waiting import HANG_GUARD

HOME = """<!DOCTYPE html><html><head><meta charset="gbk"><title>某区人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xxgk/">政府信息公开</a></div></body></html>"""
PLATFORM = """<!DOCTYPE html><html><head><meta charset="gbk"><title>政府信息公开</title></head><body>
<div class="left-tree"><ul><li><a href="/xxgk/tjxx/">统计信息</a></li></ul></div></body></html>"""
LIST = """<!DOCTYPE html><html><head><meta charset="gbk"><title>统计信息</title></head><body>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 统计信息</div>
<div class="main"><ul class="list">
<li><a href="./202111/t20211120_1.html">2021年10月经济运行情况</a><span>2021-11-20</span></li>
<li><a href="./202110/t20211018_2.html">2021年9月经济运行情况</a><span>2021-10-18</span></li>
</ul></div></body></html>"""
ARTICLE = """<!DOCTYPE html><html><head><meta charset="gbk"><title>经济运行情况</title></head><body>
<div class="article"><h1>经济运行情况</h1><p>发布日期：2021-11-20</p><p>全区经济运行总体平稳。</p></div></body></html>"""
SPEC = """mandate:
  id: local-test
  title: 本地构建检查
entries:
  - id: stats
    path: 政府网站>政府信息公开>统计信息
    kind: periodic
  - id: finance
    path: 政府网站>政府信息公开>财政信息
"""


def write_build(root: Path) -> None:
    files = {
        "index.html": HOME,
        "xxgk/index.html": PLATFORM,
        "xxgk/tjxx/index.html": LIST,
        "xxgk/tjxx/202111/t20211120_1.html": ARTICLE,
        "xxgk/tjxx/202110/t20211018_2.html": ARTICLE,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("gbk"))


def test_build_folder_is_served_with_index_pages_and_nothing_outside_it(tmp_path: Path):
    build = tmp_path / "build"
    write_build(build)
    (tmp_path / "secret.txt").write_text("not for the crawler")
    with serve_portal(directory_portal(build)) as running:
        with urllib.request.urlopen(running.url("/xxgk/tjxx/")) as answer:
            assert answer.headers["Content-Type"] == "text/html"
            assert "统计信息" in answer.read().decode("gbk")
        for bad in ("/../secret.txt", "/%2e%2e/secret.txt"):
            try:
                urllib.request.urlopen(running.url(bad))
                raise AssertionError(f"{bad} was served")
            except urllib.error.HTTPError as err:
                assert err.code == 404


def test_crawl_of_a_build_folder_finds_present_and_missing_columns(tmp_path: Path):
    build, out, spec = tmp_path / "build", tmp_path / "out", tmp_path / "spec.yaml"
    write_build(build)
    spec.write_text(SPEC, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pathaudit", "crawl", "--local-dir", str(build), "--spec", str(spec),
         "--out", str(out), "--as-of", "2021-12-01", "-q"],
        capture_output=True, text=True, timeout=HANG_GUARD,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    statuses = {p["id"]: (p["status"], p["items"], p["latest_date"]) for p in findings["paths"]}
    assert statuses == {"stats": ("ok", 2, "2021-11-20"), "finance": ("missing", None, None)}
    assert (out / "report.html").is_file() and (out / "junit.xml").is_file()


def test_local_dir_and_url_together_or_neither_is_a_usage_error(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "pathaudit", "crawl", "--spec", "path_specs/liangjiang-2021.yaml"],
        capture_output=True, text=True, timeout=HANG_GUARD, cwd=Path(__file__).resolve().parents[3],
    )
    assert proc.returncode == 2 and "--local-dir" in proc.stderr
