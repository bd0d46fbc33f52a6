"""Scrapy users keep their habits: ``scrapy list`` and ``scrapy crawl pathwalk`` from the repository root."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pathaudit.sample_portal.server import serve_portal

REPO = Path(__file__).resolve().parents[2]


def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=REPO, capture_output=True, text=True, timeout=240
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
    # the pipeline writes findings.json only, beside the evidence archive; reports come from them
    # (``pathaudit report``)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evidence.warc.gz", "findings.json"]


def test_scrapy_crawl_without_a_spec_says_what_it_needs():
    proc = scrapy("crawl", "pathwalk", "-a", "start_url=http://127.0.0.1:9/")
    assert proc.returncode != 0
    assert "spec=FILE" in proc.stderr


def articles_read(tmp_path: Path, *settings: str) -> tuple[set[str], dict]:
    """Crawl the sample portal; the article pages of 专项规划 requested, and the findings."""
    extra = [arg for setting in settings for arg in ("-s", setting)]
    with serve_portal() as running:
        proc = scrapy(
            "crawl", "pathwalk",
            "-a", f"start_url={running.base_url}",
            "-a", "spec=path_specs/liangjiang-2021.yaml",
            "-s", f"AUDITOR_OUT_DIR={tmp_path}",
            "-s", f"AUDITOR_AS_OF={running.portal.manifest['as_of']}",
            "-s", "AUDITOR_REPORT_FORMATS=",
            "-s", "LOG_LEVEL=WARNING",
            *extra,
        )
        requested = {target for _, target, _ in running.request_log}
    assert proc.returncode == 0, proc.stderr[-3000:]
    findings = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    return {t for t in requested if t.startswith("/xxgk/fdzdgknr/ghjh/zxgh/") and "/t20" in t}, findings


def test_item_pages_of_more_list_pages_are_read_when_the_setting_widens(tmp_path: Path):
    """By default the articles of a column's first list page are read; AUDITOR_ITEM_LIST_PAGES=2
    adds those of the second (专项规划 has 45 items over 3 static pages), once the sample of
    AUDITOR_MAX_ITEM_PAGES (20 by default) is lifted too."""
    first_only, narrow = articles_read(tmp_path / "default")
    wider, wide = articles_read(tmp_path / "wide", "AUDITOR_ITEM_LIST_PAGES=2", "AUDITOR_MAX_ITEM_PAGES=0")
    assert first_only < wider
    assert len(wider) >= 2 * len(first_only) > 0
    assert wide["stats"]["item_pages"] > narrow["stats"]["item_pages"]
