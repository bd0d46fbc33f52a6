"""The walk on portals it was not written for: 20 seeded portals across the four CMS families,
walked in-process (the pure walker over ``portal_fetch``) and audited, must get every path status
right, find every planted defect and report no error that was not planted.

A failure prints the portal's seed and every difference; replay one with ``PATHAUDIT_SEED=<seed>``
(``PATHAUDIT_SEED=7 python -m pytest tests/pathaudit/test_walk_on_generated_portals.py``).
Fresh seeds beyond these: ``python benchmarks/score_portals.py --seeds 100`` (accuracy per family and
per kind of markup missed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal_lab.families import FEATURES, build_family_portal, family_for_seed
from sample_portal.generator import load_default_spec
from portal_lab.scoring import ORIGIN, score, walk_in_process
from sample_portal.server import serve_portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"

def _seeds() -> list[int]:
    replay = os.environ.get("PATHAUDIT_SEED")
    return [int(replay)] if replay else list(range(20))


def _param(seed: int):
    return pytest.param(seed, id=f"{family_for_seed(seed)}-{seed}")


@pytest.fixture(scope="module")
def spec():
    return load_default_spec()


@pytest.mark.parametrize("seed", [_param(s) for s in _seeds()])
def test_the_walk_is_right_on_a_generated_portal(seed: int, spec):
    portal = build_family_portal(seed)
    result = score(portal.manifest, walk_in_process(portal, spec), ORIGIN)
    assert result.perfect, "\n" + result.describe()


def _plain_param(seed: int):
    return pytest.param(seed, id=f"plain-{family_for_seed(seed)}-{seed}")


@pytest.mark.parametrize("seed", [_plain_param(s) for s in (_seeds() if os.environ.get("PATHAUDIT_SEED") else range(8))])
def test_the_walk_reads_each_family_right_once_the_traps_are_left_out(seed: int, spec):
    """The same seeds with every optional page feature left out (no tool bar, ticker, hidden blocks,
    tab blocks, sibling-only links, renames …): what is left is the family's own markup, its URL
    shapes and the planted defects."""
    portal = build_family_portal(seed, without=FEATURES)
    assert portal.manifest["features"] == []
    result = score(portal.manifest, walk_in_process(portal, spec), ORIGIN)
    assert result.perfect, "\n" + result.describe()


def test_twenty_seeds_cover_all_four_families():
    assert {family_for_seed(s) for s in range(20)} == {"trs", "hanweb", "provincial", "catalogue"}


def _crawl_over_http(seed: int, out: Path, without: tuple[str, ...] = ()) -> tuple[dict, str, dict]:
    portal = build_family_portal(seed, without=without)
    with serve_portal(portal) as running:
        proc = subprocess.run(
            [sys.executable, "-m", "pathaudit", "crawl", running.base_url, "--spec", str(SPEC), "--out", str(out),
             "--as-of", portal.manifest["as_of"], "--fail-on", "never", "-q", "--set", "AUDITOR_REPORT_FORMATS="],
            cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        base = running.base_url.rstrip("/")
    return portal.manifest, base, json.loads((out / "findings.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("seed", "without"), [
    pytest.param(1, (), id="hanweb-1"),
    # absolute self-links on the wire (the server writes its own origin), .shtml, tab blocks left out
    pytest.param(2, FEATURES, id="plain-provincial-2"),
])
def test_the_real_scrapy_crawl_over_http_is_right_on_a_generated_portal(seed: int, without: tuple[str, ...],
                                                                         tmp_path: Path):
    """The same judgment through Scrapy, over loopback HTTP."""
    manifest, base, findings = _crawl_over_http(seed, tmp_path, without)
    result = score(manifest, findings, base)
    assert result.perfect, "\n" + result.describe()
