"""The output folder is decided once, checked and locked, whoever starts the crawl (issue 19).

``pathaudit crawl`` checks and locks ``--out``; ``--set AUDITOR_OUT_DIR`` (or ``[set]`` in
pathaudit.toml, a SITES.yaml ``set:``) can no longer move the output away from it (the refusals are
in tests/pathaudit/cli/test_bad_input_settings.py). A crawl started by ``scrapy crawl`` or Scrapyd
(which sets AUDITOR_OUT_DIR or a job folder itself) locks its folder too: a second job given the
same folder while the first runs writes nothing there, and says so in one line.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[3]
HOME = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div></body></html>')


def scrapy_crawl(base_url: str, out: Path, spec: Path) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "pathwalk", "-a", f"start_url={base_url}/",
            "-a", f"spec={spec}", "-s", f"AUDITOR_OUT_DIR={out}", "-s", "LOG_LEVEL=WARNING",
            "-s", "AUDITOR_PROGRESS=off", "-s", "ROBOTSTXT_OBEY=False"]


def test_two_scrapy_jobs_given_one_output_folder_never_share_it(tmp_path, serve_site, wait_until, liangjiang_spec):
    out = tmp_path / "shared-out"
    with serve_site({"/": HOME}, hold_after=1) as site:
        first = subprocess.Popen(scrapy_crawl(site.base_url, out, liangjiang_spec), cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            # the first job holds the folder: its second request waits in the server
            wait_until(lambda: len(site.server.arrivals) >= 2, what="the first job's requests", process=first)
            asked_before = len(site.server.arrivals)
            second = subprocess.run(scrapy_crawl(site.base_url, out, liangjiang_spec), cwd=REPO,
                                    capture_output=True, text=True, timeout=HANG_GUARD)
            refusals = [line for line in second.stderr.splitlines() if "another crawl" in line]
            assert len(refusals) == 1, second.stderr[-3000:]
            assert "Traceback" not in second.stderr
            assert not (out / "findings.json").exists() and not (out / "findings.partial.json").exists()
            assert len(site.server.arrivals) == asked_before  # the refused job asked the portal nothing
        finally:
            site.server.release.set()
        stdout, stderr = first.communicate(timeout=HANG_GUARD)
        if first.returncode is None:
            first.send_signal(signal.SIGKILL)
    assert (out / "findings.json").exists(), stderr[-3000:]
