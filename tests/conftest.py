"""Fixtures shared by every test package: where the repository and ../shared are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
#: CI and developers have ../shared beside the clone (seed document, real government pages)
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        # CI (.ci/run sets PATHAUDIT_REQUIRE_SHARED=1) must have it; a plain clone skips these tests
        if os.environ.get("PATHAUDIT_REQUIRE_SHARED") == "1":
            pytest.fail(f"../shared is missing beside the checkout ({SHARED}); CI provides it")
        pytest.skip(f"../shared is not beside the checkout ({SHARED}): real government pages unavailable")
    return SHARED


@pytest.fixture(scope="session")
def realgov_dir(shared_dir: Path) -> Path:
    return shared_dir / "realgov"


#: the demo crawl's findings.json captured before the redesign (tests/data/golden/README.md)
GOLDEN_FINDINGS = REPO_ROOT / "tests" / "data" / "golden" / "findings.json"


def comparable_findings(findings: dict) -> dict:
    """A findings.json as it must stay from crawl to crawl of the sample portal.

    Left out, because they legitimately change: the start and finish times; the port of the
    loopback origin (replaced by ``ORIGIN``); Scrapy's own request counts (``requests``,
    ``responses``, ``replayed``: robots.txt, retries of the planted 500 and cache hits, which an
    in-process walk does not have); the ``run_id`` each ``pathaudit crawl`` gives its run; what the
    contract gained after the capture (each finding's message ``code``/``params``, its evidence
    ``record`` in the run's own archive, ``stats.archive``, the history's ``first_seen``/``last_seen``/
    ``runs_seen``/``in_previous_run`` and ``history``). The order of a search's ``searched`` pages is the order their
    answers came under concurrency, so it is compared as a set (its length is in the message)."""
    import json
    import re

    from auditor.model.findings import HISTORY_FIELDS, RUN_EVIDENCE_FIELDS, RUN_MEDIUM_FIELDS

    text = re.sub(r"http://127\.0\.0\.1:\d+", "ORIGIN", json.dumps(findings, ensure_ascii=False))
    data = json.loads(text)
    for key in ("started_at", "finished_at", "history"):
        data.pop(key, None)
    for path in data.get("paths", []):
        for medium in path.get("checked_media") or []:
            for key in RUN_MEDIUM_FIELDS:  # when a medium's bytes were answered, per run
                medium.pop(key, None)
    for key in ("requests", "responses", "replayed", "run_id", "archive"):
        data.get("stats", {}).pop(key, None)
    for finding in data.get("findings", []):
        finding.pop("code", None)
        finding.pop("params", None)
        for key in HISTORY_FIELDS:  # the history's, per run
            finding.pop(key, None)
        for key in RUN_EVIDENCE_FIELDS:  # the archive record, when a medium's bytes were answered, per run
            finding.get("evidence", {}).pop(key, None)
        searched = finding.get("evidence", {}).get("searched")
        if isinstance(searched, list):
            finding["evidence"]["searched"] = sorted(searched)
    return data


@pytest.fixture(scope="session")
def golden_findings() -> dict:
    import json

    return comparable_findings(json.loads(GOLDEN_FINDINGS.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def comparable():
    """``comparable(findings)``: the findings without what legitimately changes (see above)."""
    return comparable_findings
