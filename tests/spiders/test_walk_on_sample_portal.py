"""The walk and the audit over real HTTP on the bundled portal, judged against its ground truth.

Precision and recall must both be 100 %: every planted defect is found with the right kind, path
and URL; every healthy path is ``ok``; nothing else is reported at severity error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from sample_portal.server import serve_portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"


def run_cli(*args: str, cwd: Path = REPO, timeout: float = HANG_GUARD) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "pathaudit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("crawl")
    with serve_portal() as running:
        manifest = running.portal.manifest
        proc = run_cli(
            "crawl", running.base_url, "--spec", str(SPEC), "--out", str(out),
            "--as-of", manifest["as_of"], "--fail-on", "error", "-q",
        )
        findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
        yield {"proc": proc, "findings": findings, "manifest": manifest, "base": running.base_url.rstrip("/"), "out": out}


def absolute(base: str, url: str | None) -> str | None:
    if url is None:
        return None
    return url if url.startswith("http") else base + url


def expected_kind(defect: dict) -> str:
    # a list drawn by script, a page's fit on a phone: unverified by a crawl that runs no browser
    return defect.get("expected_without_js") or defect.get("expected_without_browser") or defect["kind"]


def test_crawl_exits_1_when_errors_are_found_and_prints_a_summary(crawl):
    proc = crawl["proc"]
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "paths:" in proc.stdout and "findings:" in proc.stdout


def test_findings_follow_the_published_schema(crawl):
    schema = json.loads((REPO / "docs" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(crawl["findings"], schema)
    assert crawl["findings"]["complete"] is True


def test_every_planted_defect_is_found_with_kind_path_and_url(crawl):
    base, findings = crawl["base"], crawl["findings"]["findings"]
    missed = []
    for defect in crawl["manifest"]["defects"]:
        kind = expected_kind(defect)
        want_url = absolute(base, defect.get("url"))
        hits = [f for f in findings if f["kind"] == kind and f["path"] == defect["path"]]
        if kind != "unverified":
            hits = [f for f in hits if f["url"] == want_url]
        if defect.get("page"):
            hits = [f for f in hits if absolute(base, defect["page"]) in f["evidence"].get("pages", [f["page"]])]
        if not hits:
            missed.append((kind, defect["path"], want_url))
    assert missed == []


def test_every_healthy_path_is_ok(crawl):
    statuses = {tuple(p["path"]): p for p in crawl["findings"]["paths"]}
    wrong = [
        (path, statuses[tuple(path)]["status"], statuses[tuple(path)].get("reason"))
        for path in crawl["manifest"]["healthy_paths"]
        if statuses[tuple(path)]["status"] != "ok"
    ]
    assert wrong == []


def test_nothing_else_is_reported_at_severity_error(crawl):
    base = crawl["base"]
    planted = {
        (expected_kind(d), tuple(d["path"]), absolute(base, d.get("url")))
        for d in crawl["manifest"]["defects"]
    }
    extra = [
        (f["kind"], f["path"], f["url"], f["message"])
        for f in crawl["findings"]["findings"]
        if f["severity"] == "error" and (f["kind"], tuple(f["path"] or ()), f["url"]) not in planted
    ]
    assert extra == []


def test_trails_start_at_the_home_page_and_end_at_the_column(crawl):
    base = crawl["base"]
    for path in crawl["findings"]["paths"]:
        if path["status"] == "ok":
            assert path["trail"][0]["url"].rstrip("/") == base
            assert path["trail"][-1]["url"] == path["url"]
            assert len(path["trail"]) >= len(path["path"]) + 1


def test_a_bad_spec_is_refused_with_exit_2_before_any_request(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("mandate:\n  id: x\n  title: t\nentries:\n  - path: ''\n", encoding="utf-8")
    with serve_portal() as running:
        proc = run_cli("crawl", running.base_url, "--spec", str(bad), "--out", str(tmp_path / "o"))
        assert running.request_log == []
    assert proc.returncode == 2
    assert "bad.yaml:5:" in proc.stderr and "Traceback" not in proc.stderr


def test_the_demo_crawl_gives_the_findings_captured_before_the_redesign(crawl, golden_findings, comparable):
    """tests/data/golden/findings.json, times, ports and Scrapy's request counts aside."""
    now = comparable(crawl["findings"])
    assert now["paths"] == golden_findings["paths"]
    assert now["findings"] == golden_findings["findings"]
    assert now == golden_findings
