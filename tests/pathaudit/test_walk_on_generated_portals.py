"""The walk on portals it was not written for: 20 seeded portals across the four CMS families,
walked in-process (the pure walker over ``portal_fetch``) and audited, must get every path status
right, find every planted defect and report no error that was not planted.

A failure prints the portal's seed and every difference; replay one with ``PATHAUDIT_SEED=<seed>``
(``PATHAUDIT_SEED=7 python -m pytest tests/pathaudit/test_walk_on_generated_portals.py``).
Seeds whose failures were reported on /work/wt/NOTES.md (portals entries) are marked xfail with the
kinds of markup they trip on; the marks go as the walk's fixes merge.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pathaudit.sample_portal.families import build_family_portal, family_for_seed
from pathaudit.sample_portal.generator import load_default_spec
from pathaudit.sample_portal.scoring import ORIGIN, score, walk_in_process
from pathaudit.sample_portal.server import serve_portal

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"

HIDDEN = "hidden blocks (display:none, commented-out lists) or the 最新公开 ticker counted as the column's list"
TABS = "tab-block parents (span heading + 更多>) not followed"
SIBLING = "column linked only from sibling pages' trees reported missing"
DECOY = "headline decoy in the 最新公开 ticker clicked"
SAME_NAME = "same-named column of another section taken (flat URLs, section trees)"
RENAMED = "abbreviation/reordering not accepted as renamed"
MEDIA_PARENT = "broken medium of a sub-column path reported on its parent path"
CLASS_LJ = "class prefix lj_ (site abbreviation) read as the friend-links region"
TOOLBAR = "tool bar links (无障碍浏览/长者模式/手机版/RSS) listed as sub-columns"
REFUSED = "a firewall-refused (403) sibling page turns missing columns unverified"

#: seed -> the reported kinds it fails on (NOTES.md, the portals entries of this session)
KNOWN: dict[int, tuple[str, ...]] = {
    2: (TABS, SIBLING, DECOY, HIDDEN), 3: (HIDDEN, RENAMED), 4: (HIDDEN, TOOLBAR),
    5: (TABS, SIBLING, DECOY, RENAMED, SAME_NAME), 6: (HIDDEN, SAME_NAME), 7: (HIDDEN, MEDIA_PARENT),
    8: (HIDDEN, REFUSED), 9: (HIDDEN, TABS, RENAMED, SAME_NAME), 10: (CLASS_LJ, TABS, SIBLING, DECOY),
    11: (HIDDEN, DECOY, RENAMED, SAME_NAME), 12: (HIDDEN, SAME_NAME), 13: (CLASS_LJ, TABS, SIBLING, DECOY),
    14: (HIDDEN, TABS, SIBLING, DECOY), 15: (HIDDEN,), 16: (HIDDEN,), 17: (TABS, SIBLING, DECOY, SAME_NAME),
    18: (HIDDEN, TABS), 19: (CLASS_LJ, RENAMED),
}


def _seeds() -> list[int]:
    replay = os.environ.get("PATHAUDIT_SEED")
    return [int(replay)] if replay else list(range(20))


def _param(seed: int):
    marks = []
    if seed in KNOWN:
        marks.append(pytest.mark.xfail(reason="reported on NOTES.md: " + "; ".join(KNOWN[seed]), strict=False))
    return pytest.param(seed, id=f"{family_for_seed(seed)}-{seed}", marks=marks)


@pytest.fixture(scope="module")
def spec():
    return load_default_spec()


@pytest.mark.parametrize("seed", [_param(s) for s in _seeds()])
def test_the_walk_is_right_on_a_generated_portal(seed: int, spec):
    portal = build_family_portal(seed)
    result = score(portal.manifest, walk_in_process(portal, spec), ORIGIN)
    assert result.perfect, "\n" + result.describe()


def test_twenty_seeds_cover_all_four_families():
    assert {family_for_seed(s) for s in range(20)} == {"trs", "hanweb", "provincial", "catalogue"}


def _crawl_over_http(seed: int, out: Path) -> tuple[dict, str, dict]:
    portal = build_family_portal(seed)
    with serve_portal(portal) as running:
        proc = subprocess.run(
            [sys.executable, "-m", "pathaudit", "crawl", running.base_url, "--spec", str(SPEC), "--out", str(out),
             "--as-of", portal.manifest["as_of"], "--fail-on", "never", "-q", "--set", "AUDITOR_REPORT_FORMATS="],
            cwd=REPO, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        base = running.base_url.rstrip("/")
    return portal.manifest, base, json.loads((out / "findings.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", [pytest.param(1, id="hanweb-1"), _param(2)])
def test_the_real_scrapy_crawl_over_http_is_right_on_a_generated_portal(seed: int, tmp_path: Path):
    """The same judgment through Scrapy, over loopback HTTP, with absolute self-links on the wire."""
    manifest, base, findings = _crawl_over_http(seed, tmp_path)
    result = score(manifest, findings, base)
    assert result.perfect, "\n" + result.describe()
