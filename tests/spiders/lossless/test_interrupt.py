"""Ctrl-C and SIGTERM mid-crawl: findings.json and the reports of what was seen, marked partial.

The bundled portal is served with a hold: every request after the first ``HOLD_AFTER`` waits until
the test lets it go, so the signal always arrives while requests are in flight (as on a slow site,
where a graceful stop waits up to DOWNLOAD_TIMEOUT for them). Nothing here depends on timing.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import jsonschema
import pytest

from sample_portal.server import default_portal
from auditor.specs.loader import load_spec
from waiting import HANG_GUARD

#: enough answers for a few columns to be judged whole (pages go before media, so a column's
#: verdict needs more than its own pages), far fewer than the ~700 of a whole walk
HOLD_AFTER = 150
REPO = Path(__file__).resolve().parents[3]


def crawl_args(base_url: str, spec: Path, out: Path, snapshot_seconds: float = 0) -> tuple[str, ...]:
    return ("crawl", base_url, "--spec", str(spec), "--out", str(out), "--as-of", "2021-12-01",
            "--fail-on", "never", "-q", "--set", f"AUDITOR_SNAPSHOT_SECONDS={snapshot_seconds}")


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def check_partial(findings: dict, spec: Path, close_reason: str | None = "shutdown") -> None:
    """Partial, valid, some columns judged, every other one unverified: never called missing."""
    schema = json.loads((REPO / "docs" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(findings, schema)
    assert findings["complete"] is False
    assert findings["stats"]["close_reason"] == close_reason
    manifest = default_portal().manifest
    statuses = {tuple(p["path"]): p for p in findings["paths"]}
    paths = load_spec(spec).paths
    mandated = {path.segments for path in paths}
    mandated |= {path.segments + (child,) for path in paths for child in path.rules.children}  # their own rows
    assert set(statuses) == mandated and len(findings["paths"]) == len(mandated)
    judged = {path for path, p in statuses.items() if p["status"] != "unverified"}
    assert judged, "no column was judged before the signal"
    assert len(judged) < len(statuses), "the crawl was not interrupted"
    unreached = [path for path, p in statuses.items() if p["reason"] == "crawl ended before this column was reached"]
    assert unreached and all(statuses[path]["status"] == "unverified" for path in unreached)
    assert all(p["reason"] for p in statuses.values() if p["status"] == "unverified")
    # what was judged agrees with the portal's ground truth: a healthy path is ok, nothing planted
    # elsewhere is invented, and no column is called missing for want of time
    missing_planted = {tuple(d["path"]) for d in manifest["defects"] if d["kind"] == "missing_column"}
    # a required sub-column planted missing is its parent's missing_subcolumn, and a row of its own
    missing_planted |= {tuple(d["path"]) + (d["subcolumn"],) for d in manifest["defects"] if d["kind"] == "missing_subcolumn"}
    assert {path for path in judged if statuses[path]["status"] == "missing"} <= missing_planted
    for path in manifest["healthy_paths"]:
        assert statuses[tuple(path)]["status"] in ("ok", "unverified"), path
    planted = {(d.get("expected_without_js") or d.get("expected_without_browser") or d["kind"], tuple(d["path"])) for d in manifest["defects"]}
    invented = [
        (f["kind"], f["path"], f["url"]) for f in findings["findings"]
        if f["severity"] == "error" and (f["kind"], tuple(f["path"] or ())) not in planted
    ]
    assert invented == []
    assert {tuple(f["path"]) for f in findings["findings"] if f["kind"] == "unverified"} >= set(unreached)


def judged_in_snapshot(path: Path) -> bool:
    """A snapshot is there and shows a judged column (snapshots are written whole, never half)."""
    return path.exists() and any(p["status"] != "unverified" for p in read(path)["paths"])




@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_mid_crawl_leaves_partial_findings_and_reports(
    signum, tmp_path, liangjiang_spec, serve_site, start_pathaudit, wait_until
):
    out = tmp_path / "out"
    with serve_site(portal=default_portal(), hold_after=HOLD_AFTER) as site:
        proc = start_pathaudit(*crawl_args(site.base_url, liangjiang_spec, out))
        wait_until(lambda: len(site.server.arrivals) > HOLD_AFTER or proc.poll() is not None,
                   what="a request held in flight")
        proc.send_signal(signum)
        # the stop is written down at once, before the requests in flight are answered, as a
        # snapshot under its own name
        wait_until(lambda: (out / "findings.partial.json").exists(), what="a snapshot after the signal", process=proc)
        at_signal = read(out / "findings.partial.json")
        assert at_signal["complete"] is False and at_signal["stats"]["snapshot"] is True
        site.server.release.set()
        stdout, stderr = proc.communicate(timeout=HANG_GUARD)

    assert proc.returncode == 130, stderr[-3000:]
    assert "PARTIAL" in stdout
    findings = read(out / "findings.json")
    assert "snapshot" not in findings["stats"]  # the crawl closed and wrote its final word
    assert not (out / "findings.partial.json").exists()
    check_partial(findings, liangjiang_spec)
    for name in ("report.html", "junit.xml", "summary.md", "整改台账.xlsx"):
        assert (out / name).is_file(), name


def test_a_second_ctrl_c_that_forces_the_end_still_leaves_findings_and_reports(
    tmp_path, liangjiang_spec, serve_site, start_pathaudit, wait_until
):
    out = tmp_path / "out"
    with serve_site(portal=default_portal(), hold_after=HOLD_AFTER) as site:
        proc = start_pathaudit(*crawl_args(site.base_url, liangjiang_spec, out))
        wait_until(lambda: len(site.server.arrivals) > HOLD_AFTER or proc.poll() is not None,
                   what="a request held in flight")
        proc.send_signal(signal.SIGINT)
        wait_until(lambda: (out / "findings.partial.json").exists(), what="a snapshot after Ctrl-C", process=proc)
        proc.send_signal(signal.SIGINT)  # impatient: the requests in flight are still held
        stdout, stderr = proc.communicate(timeout=HANG_GUARD)

    assert proc.returncode == 130, stderr[-3000:]
    findings = read(out / "findings.json")
    assert findings["stats"]["snapshot"] is True  # the spider never closed: the stop snapshot is it, marked
    check_partial(findings, liangjiang_spec)
    for name in ("report.html", "junit.xml", "summary.md", "整改台账.xlsx"):
        assert (out / name).is_file(), name


def test_even_sigkill_leaves_the_last_snapshot_beside_the_previous_complete_findings_and_reports(
    tmp_path, liangjiang_spec, serve_site, start_pathaudit, wait_until
):
    """Nothing runs on SIGKILL: what is left is the snapshot written while observations came in,
    under its own name; yesterday's complete findings.json and its reports are as they were."""
    out = tmp_path / "out"
    out.mkdir()
    yesterday = {name: f"yesterday's {name}".encode() for name in ("findings.json", "report.html", "summary.md")}
    for name, content in yesterday.items():
        (out / name).write_bytes(content)
    with serve_site(portal=default_portal(), hold_after=HOLD_AFTER) as site:
        proc = start_pathaudit(*crawl_args(site.base_url, liangjiang_spec, out, snapshot_seconds=0.2))
        wait_until(lambda: len(site.server.arrivals) > HOLD_AFTER or proc.poll() is not None,
                   what="a request held in flight")
        wait_until(lambda: judged_in_snapshot(out / "findings.partial.json"), what="a snapshot with a column",
                   process=proc)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=HANG_GUARD)

    findings = read(out / "findings.partial.json")
    assert findings["stats"]["snapshot"] is True
    check_partial(findings, liangjiang_spec, close_reason=None)
    assert {name: (out / name).read_bytes() for name in yesterday} == yesterday
