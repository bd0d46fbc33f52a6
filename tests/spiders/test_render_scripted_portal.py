"""Columns drawn by script, over real HTTP on 127.0.0.1 (portal_lab.scripted), crawled by the CLI.

With the ``browser`` extra and Debian's chromium, ``--render auto`` gives every column of the
script-drawn 信息公开 platform its true status, items, newest date and media checks, each view
(``index.html#<id>``) a column of its own; the list a page loads from plain JSON is read without the
browser, with the same findings as when it is rendered; the browser asks nothing of another origin.
Without the extra the platform's columns are ``unverified`` ("drawn by script", with how to turn
rendering on) and the rest of the audit is unchanged. ``auto`` renders nothing on the bundled demo.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from logging_proxy import LoggingProxy, proxied_chromium
from sample_portal.server import serve_portal
from portal_lab.scripted import AS_OF, SPEC, TRUTH, serve_scripted
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
HAVE_BROWSER = os.access(CHROMIUM, os.X_OK) and importlib.util.find_spec("scrapy_playwright") is not None
needs_browser = pytest.mark.skipif(
    not HAVE_BROWSER, reason="rendering needs Debian's chromium at /usr/bin/chromium and the browser extra "
    "(scrapy-playwright); .ci/run installs both"
)
#: the never-loading list's wait: a bound on the render, not a wait of the test's
SETTLE = ("--set", "AUDITOR_RENDER_TIMEOUT=3")
PLATFORM = ("规划信息", "财政资金", "政策文件", "统计信息", "人事信息")
#: runs the CLI as if the browser extra were not installed: its import fails, as in a bare install
WITHOUT_EXTRA = (
    "import sys, importlib.abc\n"
    "class NoExtra(importlib.abc.MetaPathFinder):\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name == 'scrapy_playwright' or name.startswith('scrapy_playwright.'):\n"
    "            raise ModuleNotFoundError(name)\n"
    "        return None\n"
    "sys.meta_path.insert(0, NoExtra())\n"
    "from pathaudit.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def run_cli(*args: str, without_extra: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    head = [sys.executable, "-c", WITHOUT_EXTRA] if without_extra else [sys.executable, "-m", "pathaudit"]
    return subprocess.run([*head, *args], cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD, env=env)


class Crawl:
    """One CLI crawl of the lab portal: findings.json, and what the portal and the third party saw."""

    def __init__(self, out: Path, proc: subprocess.CompletedProcess[str], asked: list[str], third_party: list[str]):
        assert (out / "findings.json").exists(), proc.stderr[-3000:]
        self.out = out
        self.proc = proc
        self.findings: dict[str, Any] = json.loads((out / "findings.json").read_text(encoding="utf-8"))
        self.asked = asked
        self.third_party = third_party

    def path(self, name: str) -> dict[str, Any]:
        (found,) = [p for p in self.findings["paths"] if p["path"][-1] == name]
        return found

    def findings_of(self, name: str, kind: str | None = None) -> list[dict[str, Any]]:
        return [f for f in self.findings["findings"]
                if f["path"] and f["path"][-1] == name and (kind is None or f["kind"] == kind)]


@pytest.fixture(scope="module")
def lab() -> Iterator[Any]:
    with serve_scripted() as servers:
        yield servers


@pytest.fixture(scope="module")
def browser_proxy(tmp_path_factory) -> Iterator[tuple[LoggingProxy, Path] | None]:
    """Every crawl's browser runs through a logging proxy (``tests/logging_proxy.py``): what it asks
    of any host but this machine is a line there."""
    if not HAVE_BROWSER:
        yield None
        return
    with proxied_chromium(tmp_path_factory.mktemp("browser")) as running:
        yield running


@pytest.fixture(scope="module")
def crawl(lab, tmp_path_factory, browser_proxy):
    portal, tracker = lab
    done: dict[tuple[Any, ...], Crawl] = {}
    browser = ("--set", f"AUDITOR_BROWSER={browser_proxy[1]}") if browser_proxy else ()

    def run(mode: str, *settings: str, without_extra: bool = False) -> Crawl:
        key = (mode, settings, without_extra)
        if key not in done:
            out = tmp_path_factory.mktemp(f"scripted-{mode}")
            first, first_tracked = len(portal.log), len(tracker.log)
            proc = run_cli(
                "crawl", portal.base_url + "/index.html", "--spec", str(SPEC), "--out", str(out), "--as-of", AS_OF,
                "-q", "--no-history", "--render", mode, *SETTLE, *browser, *settings, without_extra=without_extra,
            )
            done[key] = Crawl(out, proc, list(portal.log[first:]), list(tracker.log[first_tracked:]))
        return done[key]

    return run


def day(age: int) -> str:
    return (dt.date.fromisoformat(AS_OF) - dt.timedelta(days=age)).isoformat()


def comparable(crawl: Crawl) -> dict[str, Any]:
    """Paths and findings without how they were read and what differs from run to run."""
    paths = [{k: v for k, v in p.items() if k != "read"} for p in crawl.findings["paths"]]
    for path in paths:  # when each medium's bytes were answered differs from run to run
        path["checked_media"] = [{k: v for k, v in m.items() if k != "checked_at"} for m in path.get("checked_media") or []]
    findings = [{k: v for k, v in f.items() if k not in ("first_seen", "last_seen", "runs_seen", "in_previous_run")}
                for f in crawl.findings["findings"]]
    for finding in findings:
        finding.get("evidence", {}).pop("record", None)
        finding.get("evidence", {}).pop("checked_at", None)
    return {"paths": paths, "findings": findings}


@needs_browser
def test_with_the_browser_every_column_gets_its_true_status_items_and_newest_date(crawl, lab):
    run = crawl("auto")
    base = lab[0].base_url
    for name, truth in TRUTH.items():
        path = run.path(name)
        status = {"renamed": "ok"}.get(str(truth["status"]), truth["status"])
        assert path["status"] == status, (name, path)
        if status == "unverified":
            continue
        assert path["items"] == truth["items"], name
        assert path["latest_date"] == (day(int(truth["newest_days"])) if truth.get("newest_days") is not None else None)
    renamed = run.findings_of("人事信息", "renamed_column")
    assert [f["evidence"]["site_name"] for f in renamed] == ["人事资讯"]
    assert [f["kind"] for f in run.findings_of("财政资金")] == ["stale_section"]
    assert [f["kind"] for f in run.findings_of("政策文件")] == ["empty_section"]
    # each view of the platform is its own column, shown as the browser shows its address
    assert run.path("规划信息")["url"] == base + "/xxgk/index.html#ghxx"
    assert run.path("人事信息")["url"] == base + "/xxgk/index.html#rsxx"
    # media checks behind a script-drawn list: the newest plan's figure is gone
    broken = run.findings_of("规划信息", "broken_image")
    assert [f["url"] for f in broken] == [base + str(TRUTH["规划信息"]["broken_image"])]


@needs_browser
def test_a_list_that_never_finishes_loading_is_unverified_not_empty(crawl):
    path = crawl("auto").path("统计信息")
    assert path["status"] == "unverified"
    assert path["reason_code"] == "script_unsettled" and path["reason_data"]["seconds"] == "3"
    assert not crawl("auto").findings_of("统计信息", "empty_section")


@needs_browser
def test_findings_say_how_each_column_was_read(crawl):
    run = crawl("auto")
    read = {p["path"][-1]: p["read"] for p in run.findings["paths"]}
    assert read == {"规划信息": "rendered", "财政资金": "rendered", "政策文件": "rendered", "统计信息": None,
                    "人事信息": "rendered", "新闻动态": "static", "通知公告": "data"}
    counts = run.findings["stats"]["script_pages"]
    assert counts["data"] == 1 and counts["unrendered"] == 0
    # the shell and the views the walk read (the never-loading one is no rendered page)
    assert counts["rendered"] >= 6
    markdown = (run.out / "summary.md").read_text(encoding="utf-8")
    assert "4 个经浏览器渲染读取，1 个经页面数据接口读取" in markdown
    html = (run.out / "report.html").read_text(encoding="utf-8")
    assert html.count('class="read-mode"') == 5


@needs_browser
def test_the_data_path_and_the_browser_give_the_same_findings(crawl):
    """通知公告's list read from the JSON its page loads, and rendered in Chromium: one audit."""
    by_data, rendered = crawl("auto"), crawl("auto", "--set", "AUDITOR_RENDER_DATA=False")
    assert by_data.path("通知公告")["read"] == "data" and rendered.path("通知公告")["read"] == "rendered"
    assert "/tzgg/list.json" in by_data.asked
    assert comparable(by_data) == comparable(rendered)


@needs_browser
def test_the_browser_asks_nothing_of_another_origin(crawl, lab):
    """The shell loads a third party's statistics script: a browser of its own asks for it (the
    control), the crawl's browser never does."""
    from playwright.sync_api import sync_playwright

    portal, tracker = lab
    run = crawl("auto")
    assert run.findings["stats"]["script_pages"]["rendered"] > 0
    assert run.third_party == []
    before = len(tracker.log)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-background-networking"])
        page = browser.new_page()
        with page.expect_request(lambda request: request.url.startswith(tracker.base_url)):
            page.goto(portal.base_url + "/xxgk/index.html")
        browser.close()
    assert "/stat.js" in tracker.log[before:]


@needs_browser
def test_the_crawls_browser_sends_nothing_of_its_own(crawl, browser_proxy):
    """The crawl's browser renders the platform and asks no host but the portal's for anything: its
    own services (search preconnects, sign-in, updates) are off (``auditor.browser``). The control: the
    same wrapped browser, driven to another host, is seen by the proxy."""
    from playwright.sync_api import sync_playwright

    proxy, wrapper = browser_proxy
    run = crawl("auto")
    assert run.findings["stats"]["script_pages"]["rendered"] > 0
    assert proxy.lines == [], proxy.lines
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(wrapper))
        page = browser.new_page()
        with contextlib.suppress(Exception):  # the proxy answers 502
            page.goto("http://control.invalid/")
        browser.close()
    assert any("control.invalid" in line for line in proxy.lines), proxy.lines


def test_without_the_extra_script_columns_are_unverified_and_the_rest_unchanged(crawl):
    bare = crawl("auto", without_extra=True)
    for name in PLATFORM:
        path = bare.path(name)
        assert path["status"] == "unverified", name
        assert path["reason_code"] == "drawn_by_script", name
        (finding,) = bare.findings_of(name, "unverified")
        assert "开启自动渲染" in finding["message"]  # how to turn rendering on, in each language
        assert "--render auto" in finding["evidence"]["reason_en"]
        assert "pathaudit[browser]" in finding["evidence"]["reason_en"]
    assert "/xxgk/app.js" not in bare.asked  # nothing ran the platform's script
    news = bare.path("新闻动态")
    assert (news["status"], news["items"], news["latest_date"], news["read"]) == ("ok", 6, day(1), "static")
    # the list a page loads from plain JSON needs no browser
    assert bare.path("通知公告")["read"] == "data"
    if HAVE_BROWSER:
        rendered = crawl("auto")
        for name in ("新闻动态", "通知公告"):
            assert bare.path(name) == rendered.path(name)
        assert bare.findings_of("新闻动态") == rendered.findings_of("新闻动态")
    html = (bare.out / "report.html").read_text(encoding="utf-8")
    assert "开启自动渲染" in html


def test_never_renders_nothing_and_reads_no_data(crawl):
    run = crawl("never")
    for name in (*PLATFORM, "通知公告"):
        assert run.path(name)["reason_code"] == "drawn_by_script", name
    assert not {"/tzgg/list.json", "/xxgk/app.js"} & set(run.asked)
    assert run.findings["stats"]["script_pages"] == {"scripted": 2, "unsure": 0, "data": 0, "rendered": 0, "unrendered": 2}
    assert run.path("新闻动态")["status"] == "ok"


@needs_browser
def test_auto_renders_nothing_on_the_bundled_demo(tmp_path, golden_findings, comparable):
    """The demo is static: ``auto`` renders none of its pages. Its two lists drawn from /api/list
    are read from their data; every other path is as the golden findings say."""
    with serve_portal() as running:
        proc = run_cli("crawl", running.base_url, "--spec", str(REPO / "path_specs" / "liangjiang-2021.yaml"),
                       "--out", str(tmp_path), "--as-of", running.portal.manifest["as_of"], "-q", "--render", "auto")
    findings_file = tmp_path / "findings.json"
    assert findings_file.exists(), proc.stderr[-3000:]
    findings = json.loads(findings_file.read_text(encoding="utf-8"))
    counts = findings["stats"]["script_pages"]
    assert counts["rendered"] == 0 and counts["scripted"] == 0
    assert counts["unrendered"] == 0
    now = comparable(findings)
    by_data = {p["id"] for p in now["paths"] if p["read"] == "data"}
    # the planted empty list drawn from /api/list: read from its data, truly empty (a crawl that
    # cannot read it says unverified; --render always renders it empty too)
    assert {p["id"]: p["status"] for p in now["paths"] if p["id"] in by_data} == {"rule-of-law-report": "empty"}
    golden = {p["id"]: p for p in golden_findings["paths"]}
    for path in now["paths"]:
        if path["id"] not in by_data:
            assert path == golden[path["id"]], path["id"]
    assert not re.search(r'"read": "rendered"', json.dumps(findings))


@needs_browser
def test_always_renders_every_walk_page_with_the_same_findings(crawl):
    everything, auto = crawl("always"), crawl("auto")
    read = {p["path"][-1]: p["read"] for p in everything.findings["paths"]}
    assert set(read.values()) == {"rendered", None}  # 统计信息 never loads: not read
    assert everything.findings["stats"]["script_pages"]["rendered"] > auto.findings["stats"]["script_pages"]["rendered"]
    assert comparable(everything) == comparable(auto)


@needs_browser
def test_past_the_render_budget_script_columns_are_unverified(crawl):
    """One page may be rendered: the shell is; the platform's views are not, and say why."""
    run = crawl("auto", "--set", "AUDITOR_RENDER_PAGES=1")
    assert run.findings["stats"]["script_pages"]["rendered"] == 1
    for name in PLATFORM:
        path = run.path(name)
        assert (path["status"], path["reason_code"]) == ("unverified", "render_budget"), name
    assert run.path("通知公告")["read"] == "data" and run.path("新闻动态")["status"] == "ok"


def test_a_render_mode_that_does_not_exist_is_a_usage_error_in_one_line():
    proc = run_cli("crawl", "http://127.0.0.1:1/", "--spec", str(SPEC), "--set", "AUDITOR_RENDER=sometimes", "-q")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "pathaudit: --set AUDITOR_RENDER takes one of auto, never, always, not 'sometimes'"
    ]


def test_asking_for_rendering_without_the_extra_says_so_once(crawl):
    bare = crawl("auto", without_extra=True)
    said = [line for line in bare.proc.stderr.splitlines() if "pip install 'pathaudit[browser]'" in line]
    assert len(said) == 1
