"""The benchmark cannot rot: a small run of it (1 000 pages, PathAudit only) prints its table.

No timing is asserted (speed is measured by the benchmark, never judged by a test); what is checked
is what contention cannot change: the portal has the pages asked for, the walk ran to its end, its
requests stayed far below the site's size, and the per-host limit held.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]


def test_a_small_benchmark_run_prints_the_table_with_pathaudit_counts(tmp_path):
    figures = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--pages", "1000", "--latency", "0", "--runs", "1",
         "--tools", "pathaudit", "--json", str(figures)],
        cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "| PathAudit (defaults, 4/host) | 1 |" in proc.stdout
    assert "server ceiling:" in proc.stdout and "critical path" in proc.stdout
    data = json.loads(figures.read_text())
    assert 1000 <= data["pages"] < 1100
    row = data["results"]["0"]["pathaudit"]
    assert row["exit"] == 0 and not row["stopped"]
    # the walk asks for what the mandate needs, not for the site: fewer requests than pages
    assert 300 < row["requests"] < data["pages"]
    assert 1 <= row["inflight"] <= 4
    assert row["chain"] >= 3
