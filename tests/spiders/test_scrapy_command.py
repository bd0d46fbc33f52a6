"""Scrapy users keep their habits: ``scrapy list`` and ``scrapy crawl pathwalk`` from the repository root."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sample_portal.server import serve_portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]


def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD
    )


def test_scrapy_list_names_the_spider():
    proc = scrapy("list")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["pathwalk"]


def test_scrapy_crawl_does_the_same_walk_and_writes_findings_and_nothing_else(tmp_path: Path):
    with serve_portal() as running:
        manifest = running.portal.manifest
        proc = scrapy(
            "crawl", "pathwalk",
            "-a", f"start_url={running.base_url}",
            "-a", "spec=path_specs/liangjiang-2021.yaml",
            "-s", f"AUDITOR_OUT_DIR={tmp_path}",
            "-s", f"AUDITOR_AS_OF={manifest['as_of']}",
            "-s", "AUDITOR_REPORT_FORMATS=junit",
            "-s", "LOG_LEVEL=WARNING",
        )
    assert proc.returncode == 0, proc.stderr[-3000:]
    findings = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert findings["complete"] is True
    # the mandated paths (the rows of required sub-columns, required_by, aside)
    statuses = {tuple(p["path"]): p["status"] for p in findings["paths"] if not p.get("required_by")}
    assert all(statuses[tuple(path)] == "ok" for path in manifest["healthy_paths"])
    missing = {tuple(d["path"]) for d in manifest["defects"] if d["kind"] == "missing_column"}
    assert {path for path, status in statuses.items() if status == "missing"} == missing
    # the pipeline writes findings.json only, beside the evidence archive and its offset index; reports
    # come from them (``pathaudit report``); the folder's lock file stays (the lock itself goes with the process)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".pathaudit.lock") == [
        "evidence.warc.gz", "evidence.warc.gz.idx", "findings.json"]


def test_scrapy_crawl_without_a_spec_says_what_it_needs():
    proc = scrapy("crawl", "pathwalk", "-a", "start_url=http://127.0.0.1:9/")
    assert proc.returncode != 0
    assert "spec=FILE" in proc.stderr


def test_scrapy_crawl_settings_are_bounded_as_the_command_lines_are(tmp_path: Path):
    """Issue 19: a Scrapyd job (settings given as -s) cannot switch a safety limit off either."""
    proc = scrapy("crawl", "pathwalk", "-a", "start_url=http://127.0.0.1:9/", "-a", "spec=liangjiang-2021",
                  "-s", f"AUDITOR_OUT_DIR={tmp_path}", "-s", "RETRY_TIMES=1000000")
    assert proc.returncode != 0
    assert "RETRY_TIMES must be from 0 to 10, not 1000000" in proc.stderr
    assert not (tmp_path / "findings.json").exists()
