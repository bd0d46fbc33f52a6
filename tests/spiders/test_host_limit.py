"""The per-host limit holds exactly, whatever the other politeness settings say.

The sample portal's server counts the requests it is answering at once (``Traffic.max_in_flight``);
every answer is delayed a little so that requests overlap. Scrapy's own per-domain limit leaks under
the asyncio reactor when no download delay is set (the whole slot queue is started at once), so
each configuration here is one where it leaked: AutoThrottle off, limits of 1 and 3, and the
limit with AutoThrottle on as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sample_portal.server import serve_portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"


def crawl(base_url: str, out: Path, *settings: str) -> subprocess.CompletedProcess[str]:
    sets = [arg for setting in settings for arg in ("--set", setting)]
    return subprocess.run(
        [sys.executable, "-m", "pathaudit", "crawl", base_url, "--spec", str(SPEC), "--out", str(out),
         "--as-of", "2021-12-01", "--fail-on", "never", "-q", "--set", "AUDITOR_REPORT_FORMATS=",
         # three item pages a column keep the walk whole (pages, lists, media) at a third of the requests
         "--set", "AUDITOR_MAX_ITEM_PAGES=3", *sets],
        cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize(
    ("limit", "extra"),
    [
        (1, ("AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=32")),
        (3, ("AUTOTHROTTLE_ENABLED=False",)),
        (2, ("AUTOTHROTTLE_ENABLED=True", "AUTOTHROTTLE_START_DELAY=0", "AUTOTHROTTLE_TARGET_CONCURRENCY=16")),
    ],
    ids=["limit-1-throttle-off", "limit-3-throttle-off", "limit-2-throttle-on"],
)
def test_a_host_never_has_more_requests_in_flight_than_its_limit(tmp_path, limit, extra):
    with serve_portal(latency_ms=15) as site:
        proc = crawl(site.base_url, tmp_path, f"CONCURRENT_REQUESTS_PER_DOMAIN={limit}", *extra)
        traffic = site.traffic
    assert proc.returncode == 0, proc.stderr[-3000:]
    findings = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert findings["complete"] is True
    assert traffic.requests > 100  # a whole walk, not a refusal at the door
    assert traffic.max_in_flight <= limit


def test_the_default_limit_is_reached_and_never_passed(tmp_path):
    """The defaults keep four requests in flight to the portal: the walk is not starved either."""
    with serve_portal(latency_ms=15) as site:
        proc = crawl(site.base_url, tmp_path)
        traffic = site.traffic
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert traffic.max_in_flight == 4


def test_a_free_place_is_taken_at_once_and_waiting_requests_go_by_priority():
    """A request that finds a free place waits for nothing (no Deferred to await: most requests of a
    crawl); the others wait, and the places given back go to the highest priority first, then in
    arrival order."""
    from spiders.host_limit import HostGate

    gate = HostGate(places=2)
    assert gate.enter(0) is None and gate.enter(0) is None
    order: list[str] = []
    waiting = {name: gate.enter(priority) for name, priority in (("media", -10), ("page", 0), ("page2", 0))}
    for name, turn in waiting.items():
        assert turn is not None and not turn.called
        turn.addCallback(lambda _, name=name: order.append(name))
    gate.leave()
    assert order == ["page"] and gate.in_flight == 2
    gate.leave()
    gate.leave()
    assert order == ["page", "page2", "media"]
    assert gate.in_flight == 2 and gate.max_in_flight == 2
    gate.leave()
    gate.leave()
    assert gate.in_flight == 0 and gate.enter(5) is None
