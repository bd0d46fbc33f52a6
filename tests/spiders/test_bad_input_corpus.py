"""The whole bad-input corpus in one crawl: every path as the corpus's CASES say, and no false
missing column or empty section anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "findings.schema.json"


def test_every_path_ends_as_the_corpus_says(badsite_crawl, badsite_module):
    wrong = []
    for case in badsite_module.CASES:
        path = badsite_crawl.path(*case.path)
        got = (path["status"], path["items"] if case.items is not None else None)
        if got != (case.status, case.items):
            wrong.append((case.path, got, path.get("reason")))
        elif case.reason is not None and case.reason not in badsite_crawl.unverified_reason(*case.path):
            wrong.append((case.path, path.get("reason"), case.reason))
    assert wrong == []
    assert {tuple(p["path"]) for p in badsite_crawl.findings["paths"]} == {c.path for c in badsite_module.CASES}


def test_no_false_missing_column_or_empty_section(badsite_crawl):
    false = [
        (f["kind"], f["path"], f["message"])
        for f in badsite_crawl.findings["findings"]
        if f["kind"] in ("missing_column", "missing_subcolumn", "empty_section", "missing_field", "stale_section")
        and f["path"] != ["政务公开", "财政预决算"]
    ]
    assert false == []


def test_every_unverified_path_has_a_finding_with_a_readable_reason(badsite_crawl):
    for path in badsite_crawl.findings["paths"]:
        if path["status"] != "unverified":
            continue
        reason = badsite_crawl.unverified_reason(*path["path"])
        assert reason and "Error" not in reason and "Failure" not in reason, reason


def test_the_findings_follow_the_schema_and_the_crawl_ends_without_a_traceback(badsite_crawl):
    jsonschema.validate(badsite_crawl.findings, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert badsite_crawl.proc.returncode == 1  # the control column is missing: an error finding
    assert "Traceback" not in badsite_crawl.proc.stderr
