"""The re-crawl benchmark's comparison (benchmarks/recrawl.py ``comparable``) leaves out what belongs to
one run: a re-crawl with ``--cache`` replays every medium, and its verdicts say so (``replayed``,
``checked_at``); the benchmark printed ``identical: False`` on an unchanged portal once they were added
to the evidence. What the site showed still counts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from recrawl import comparable  # noqa: E402


def _findings(tmp_path: Path, name: str, base: str, evidence: dict, **fields: object) -> Path:
    finding = {"code": "broken_medium", "kind": "broken_image", "path": ["政务公开", "图片新闻"],
               "evidence": {"url": f"{base}/p/1.png", "reason": "empty", **evidence}, **fields}
    path = tmp_path / name
    path.write_text(json.dumps({"findings": [finding]}, ensure_ascii=False), encoding="utf-8")
    return path


def test_two_crawls_of_an_unchanged_portal_compare_equal_whatever_each_run_adds(tmp_path: Path) -> None:
    first = _findings(tmp_path, "first.json", "http://127.0.0.1:1000", {"record": "urn:a", "checked_at": "T1"},
                      first_seen="2026-12-01", runs_seen=1)
    second = _findings(tmp_path, "second.json", "http://127.0.0.1:2000",
                       {"record": "urn:b", "checked_at": "T0", "replayed": True}, first_seen="2026-12-01", runs_seen=2)
    assert comparable(first, "http://127.0.0.1:1000") == comparable(second, "http://127.0.0.1:2000")


def test_what_the_site_showed_still_counts(tmp_path: Path) -> None:
    first = _findings(tmp_path, "first.json", "http://h", {"size": 0})
    second = _findings(tmp_path, "second.json", "http://h", {"size": 10})
    assert comparable(first, "http://h") != comparable(second, "http://h")
