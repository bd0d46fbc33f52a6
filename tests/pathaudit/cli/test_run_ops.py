"""What an operations team expects of ``pathaudit run`` at night (issue 20, item 4), over real HTTP.

One street portal and one site that is down, run twice from a folder holding only sites.yaml, with
``keep: 1``, ``timezone`` set to a zone whose date is not UTC's most of the day, an alert command
and an alert webhook (a loopback server standing in for a 企业微信 robot). Then the cron recipe of
docs/operations.md is run as written, and ``pathaudit history`` finds the run's database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from street_portal import SPEC, Portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[3]
#: UTC+14: its date is UTC's tomorrow from 10:00 UTC on, so "today" proves which zone was used
ZONE = "Pacific/Kiritimati"


class Robot:
    """A chat robot's webhook: keeps every JSON body POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.got = threading.Event()
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                robot.bodies.append(json.loads(data.decode("utf-8")))
                robot.got.set()
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/webhook/send?key=test"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pathaudit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "pathaudit", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=HANG_GUARD, env=env)


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    work = tmp_path_factory.mktemp("night")
    (work / "spec.yaml").write_text(SPEC, encoding="utf-8")
    robot = Robot()
    with Portal() as portal:
        (work / "sites.yaml").write_text(
            f"""defaults:
  spec: spec.yaml
  fail_on: never
  out: audits
  keep: 1
  timezone: {ZONE}
  alert_command: "cat > alert.json"
  alert_webhook: "{robot.url}"
  set: {{RETRY_TIMES: 0}}
sites:
  - name: street
    url: {portal.url}
  - name: closed
    url: http://127.0.0.1:{free_port()}/
""", encoding="utf-8")
        first = pathaudit("run", "sites.yaml", cwd=work)
        folders_after_first = sorted(p.name for p in (work / "audits" / "street").iterdir() if p.name[0].isdigit())
        zone_days = {dt.datetime.now(ZoneInfo(ZONE)).date().isoformat()}
        second = pathaudit("run", "sites.yaml", cwd=work)
        zone_days.add(dt.datetime.now(ZoneInfo(ZONE)).date().isoformat())
        history = pathaudit("history", "street", "--json", cwd=work)
    robot.close()
    yield {"work": work, "first": first, "second": second, "history": history, "robot": robot,
           "folders_after_first": folders_after_first, "zone_days": zone_days}


def test_both_runs_audit_the_street_and_fail_the_closed_site(night):
    for proc in (night["first"], night["second"]):
        assert proc.returncode == 3, proc.stdout + proc.stderr[-3000:]


def test_keep_prunes_all_but_the_newest_run_folder(night):
    street = night["work"] / "audits" / "street"
    dated = sorted(p.name for p in street.iterdir() if re.fullmatch(r"\d{8}-\d{6}", p.name))
    assert len(night["folders_after_first"]) == 1 and len(dated) == 1
    assert dated != night["folders_after_first"]
    assert (street / "latest").resolve().name == dated[0]


def test_today_is_the_zones_date_and_log_lines_name_the_zone(night):
    findings = json.loads((night["work"] / "audits" / "street" / "latest" / "findings.json").read_text("utf-8"))
    assert findings["stats"]["as_of"] in night["zone_days"]  # the zone's date while the run ran
    stamped = [line for line in night["second"].stderr.splitlines() if " pathaudit: " in line]
    assert stamped and all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+14 pathaudit: ", line) for line in stamped)


def test_reports_show_the_zones_time_named_and_findings_keep_the_offset(night):
    audits = night["work"] / "audits"
    findings = json.loads((audits / "street" / "latest" / "findings.json").read_text("utf-8"))
    finished = dt.datetime.fromisoformat(findings["finished_at"])
    assert finished.utcoffset() is not None  # ISO-8601 with its offset, for machines
    shown = f"{finished.astimezone(ZoneInfo(ZONE)):%Y-%m-%d %H:%M} UTC+14"
    assert shown in (audits / "street" / "latest" / "report.html").read_text("utf-8")
    assert shown in (audits / "index.html").read_text("utf-8")
    assert shown in (audits / "street" / "latest" / "summary.md").read_text("utf-8")


def test_the_alert_command_gets_the_summary_on_stdin(night):
    summary = json.loads((night["work"] / "alert.json").read_text(encoding="utf-8"))
    assert [a["site"] for a in summary["alerts"]] == ["closed"] and summary["alerts"][0]["why"] == "down"
    assert {s["name"] for s in summary["sites"]} == {"street", "closed"}
    assert summary["at"].endswith("+14:00")


def test_the_webhook_gets_the_summary_and_a_robot_message(night):
    bodies = night["robot"].bodies
    assert len(bodies) == 2
    assert bodies[0]["msgtype"] == "text" and "closed" in bodies[0]["text"]["content"]
    assert bodies[0]["alerts"][0]["why"] == "down"


def test_history_right_after_run_finds_the_database(night):
    proc = night["history"]
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["runs"]) == 2
