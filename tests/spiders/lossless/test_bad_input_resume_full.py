"""``--resume`` on a disk that fills mid-crawl (issue 19): the statuses are right, the findings and
the exit code are those of the same crawl without ``--resume``, and the full disk is one line, never
a traceback.

The disk is real: a 256 KB tmpfs mounted for the resume folder (root only; skipped where it cannot be
mounted). The bundled sample portal's answers fill it a few dozen pages into the crawl.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sample_portal.server import serve_portal


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"a tmpfs cannot be mounted here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_resume_folder_that_fills_up_mid_crawl_costs_no_finding(tmp_path, small_disk, pathaudit, liangjiang_spec):
    with serve_portal() as site:
        args = ("crawl", site.base_url, "--spec", str(liangjiang_spec), "--as-of", "2021-12-01", "-q",
                "--set", "AUDITOR_REPORT_FORMATS=", "--no-history")
        full = pathaudit(*args, "--out", str(tmp_path / "full"), "--resume", str(small_disk / "resume"))
        plain = pathaudit(*args, "--out", str(tmp_path / "plain"))
    assert "Traceback" not in full.stderr, full.stderr[-3000:]
    lines = [line for line in full.stderr.splitlines() if "No space left on device" in line]
    assert len(lines) == 1 and lines[0].startswith("pathaudit: --resume:"), full.stderr[-3000:]
    assert full.returncode == plain.returncode == 1

    def statuses(out: Path) -> dict[tuple[str, ...], str]:
        data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
        return {tuple(p["path"]): p["status"] for p in data["paths"]}

    assert statuses(tmp_path / "full") == statuses(tmp_path / "plain")
