"""``pathaudit serve-sample``: prints the portal's URL, serves it, and exits 0 on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request

import pytest

from pathaudit.cli import main
from waiting import HANG_GUARD


def test_serve_sample_prints_its_url_serves_the_portal_and_stops_cleanly_on_ctrl_c():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pathaudit", "serve-sample", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/"), url or proc.stderr.read()
        with urllib.request.urlopen(url, timeout=20) as response:
            assert response.status == 200
            assert "首页" in response.read().decode("utf-8")
        with urllib.request.urlopen(url + "__pathaudit__/manifest.json", timeout=20) as response:
            assert b'"liangjiang-sample"' in response.read()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=HANG_GUARD) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


@pytest.mark.parametrize("args", [["--port", "70000"], ["--port", "http"], ["--latency-ms", "-5"]])
def test_bad_options_are_usage_errors(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["serve-sample", *args])
    assert exit_info.value.code == 2
    assert "serve-sample" in capsys.readouterr().err


def test_a_port_in_use_is_a_clear_usage_error(capsys):
    from sample_portal.server import serve_portal

    with serve_portal() as running:
        assert main(["serve-sample", "--port", str(running.port)]) == 2
    assert f"cannot listen on 127.0.0.1:{running.port}" in capsys.readouterr().err


def test_crawl_of_serve_sample_needs_no_as_of_and_reports_progress_and_its_verdict(tmp_path):
    """The served portal's dates follow today, so a crawl judged as of today finds exactly the
    planted defects; off a terminal the crawl prints progress lines, and its last line is the verdict."""
    import datetime as dt
    import json
    from collections import Counter

    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([sys.executable, "-m", "pathaudit", "serve-sample", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        url = server.stdout.readline().strip()
        with urllib.request.urlopen(url + "__pathaudit__/manifest.json", timeout=20) as response:
            manifest = json.loads(response.read().decode("utf-8"))
        crawl = subprocess.run(
            [sys.executable, "-m", "pathaudit", "crawl", url, "--spec", "liangjiang-2021", "--out", str(tmp_path),
             "--set", "AUDITOR_PROGRESS_SECONDS=1"],
            capture_output=True, text=True, env=env, timeout=HANG_GUARD,
        )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=HANG_GUARD)
        server.stdout.close()
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert manifest["as_of"] == today
    findings = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert findings["stats"]["as_of"] == today
    # a list drawn by script, a page's fit on a phone: unverified by a crawl that runs no browser
    planted = Counter((d.get("expected_without_js") or d.get("expected_without_browser") or d["kind"], tuple(d["path"]))
                      for d in manifest["defects"])
    found = Counter((f["kind"], tuple(f["path"] or ())) for f in findings["findings"])
    assert found == planted
    progress = [line for line in crawl.stderr.splitlines() if line.startswith("progress: columns ")]
    assert progress and "\r" not in crawl.stderr and progress[-1].split()[2].endswith("/30")
    last = crawl.stdout.splitlines()[-1]
    assert crawl.returncode == 1
    assert last.startswith("verdict FAIL — exit 1: 23 findings at or above error — report: ")
    assert last.endswith(str(tmp_path / "report.html"))
