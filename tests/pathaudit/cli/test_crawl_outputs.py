"""Whole crawls of the sample portal over real HTTP: nothing lost, nothing leaked, no false answer.

* two crawls into one ``--out`` cannot mix: the second refuses in one line;
* a folder that cannot be written is refused before the first request; a write that fails mid-crawl
  (a full disk, simulated with RLIMIT_FSIZE so that any file over a few KB cannot be written) stops
  the crawl with one line and exit 2, and yesterday's findings.json and reports stay as they were;
* a site that is down, or a mistyped URL, is its own outcome (exit 3, verdict 无法核查 everywhere);
* credentials in the start URL appear nowhere;
* a crawl of the portal, which sets a cookie, opens no connection outside the portal's origin
  (a socket guard in the crawling process records any other);
* an IPv6 portal (``http://[::1]:PORT/``) can be audited.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from pathaudit.loopback.server import LoopbackServer
from sample_portal.server import default_portal, serve_portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[3]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"
QUICK = ("--set", "RETRY_TIMES=0", "--set", "DOWNLOAD_TIMEOUT=5", "-q")
#: the sample portal plants a page that fails once: retry it, quickly
RETRY_QUICKLY = ("--set", "AUDITOR_RETRY_BACKOFF=0.05", "-q")


@pytest.fixture(scope="module")
def few_paths(tmp_path_factory) -> Path:
    """A spec of three of the portal's healthy paths: a whole crawl in a few seconds."""
    healthy = default_portal().manifest["healthy_paths"][:3]
    entries = "".join(f"  - path: 政府网站>{'>'.join(path)}\n" for path in healthy)
    spec = tmp_path_factory.mktemp("spec") / "few.yaml"
    spec.write_text(f"mandate:\n  id: few\n  title: 三条路径\nentries:\n{entries}", encoding="utf-8")
    return spec


def run(*args: str, timeout: float = HANG_GUARD, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "pathaudit", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env=env, **kwargs)


def crawl_args(url: str, out: Path, *extra: str, spec: Path = SPEC) -> tuple[str, ...]:
    as_of = default_portal().manifest["as_of"]
    return ("crawl", url, "--spec", str(spec), "--out", str(out), "--as-of", as_of, "--fail-on", "never", *extra)


def pathaudit_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("pathaudit")]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- one crawl per folder ----------------------------------------------------------------------------
class _HeldHandler(BaseHTTPRequestHandler):
    """Every request waits until the test lets it go, then gets a plain home page."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.asked.set()  # type: ignore[attr-defined]
        self.server.release.wait(60)  # type: ignore[attr-defined]
        body = "<html><body><a href='/zwgk/'>政务公开</a></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_second_crawl_into_the_same_folder_refuses_in_one_line_and_the_first_ends_as_its_own(tmp_path):
    server = LoopbackServer(("127.0.0.1", 0), _HeldHandler)
    server.asked, server.release = threading.Event(), threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    out = tmp_path / "out"
    url = f"http://127.0.0.1:{server.server_port}/"
    first = subprocess.Popen([sys.executable, "-m", "pathaudit", *crawl_args(url, out, *QUICK)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.asked.wait(60), "the first crawl never asked anything"  # type: ignore[attr-defined]
        second = run(*crawl_args(url, out, *QUICK), timeout=HANG_GUARD)
        server.release.set()  # type: ignore[attr-defined]
        stdout, stderr = first.communicate(timeout=HANG_GUARD)
    finally:
        server.release.set()  # type: ignore[attr-defined]
        if first.poll() is None:
            first.kill()
        server.shutdown()
        server.close_connections()
        server.server_close()
    assert second.returncode == 2, second.stderr
    assert len(pathaudit_lines(second.stderr)) == 1 and "another crawl" in second.stderr, second.stderr
    assert second.stdout == ""  # not the other crawl's summary
    assert first.returncode in (0, 1), stderr[-2000:]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert findings["site"]["start_url"] == url and findings["complete"] is True


@pytest.mark.parametrize("which", ["--out", "--resume"])
def test_a_folder_that_cannot_be_written_is_refused_before_the_first_request(which, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    folders = {"--out": tmp_path / "out", "--resume": tmp_path / "state"}
    folders[which] = blocker / "sub"
    with serve_portal() as running:
        proc = run(*crawl_args(running.base_url, folders["--out"], "--resume", str(folders["--resume"]), *QUICK))
        asked = list(running.request_log)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert len(pathaudit_lines(proc.stderr)) == 1 and str(blocker / "sub") in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert asked == []


def _full_disk_at(limit: int):
    """In the child: any file grown past ``limit`` bytes fails with EFBIG, as a full disk fails."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_write_that_fails_mid_crawl_is_one_line_exit_2_and_keeps_what_was_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    yesterday = {name: f"yesterday's {name}".encode() for name in ("findings.json", "report.html", "junit.xml")}
    for name, content in yesterday.items():
        (out / name).write_bytes(content)
    with serve_portal() as running:
        proc = run(*crawl_args(running.base_url, out, *QUICK, "--set", "AUDITOR_SNAPSHOT_SECONDS=0.05"),
                   preexec_fn=_full_disk_at(8 * 1024))
    assert proc.returncode == 2, proc.stderr[-3000:]
    lines = pathaudit_lines(proc.stderr)
    assert len(lines) == 1 and "File too large" in lines[0], proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert {name: (out / name).read_bytes() for name in yesterday} == yesterday
    assert not list(out.glob("*.tmp"))  # no half-written file left beside them


# --- a site that is down -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def unreachable(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("down") / "out"
    proc = run(*crawl_args(f"http://127.0.0.1:{closed_port()}/", out, *QUICK))
    return proc, out


def test_a_site_that_is_down_is_its_own_outcome_in_one_line(unreachable):
    proc, out = unreachable
    assert proc.returncode == 3, proc.stderr[-3000:]
    lines = pathaudit_lines(proc.stderr)
    assert len(lines) == 1 and "could not be reached" in lines[0] and "refused" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr  # robots.txt included: one line, not 60
    assert len([line for line in proc.stderr.splitlines() if line.strip()]) == 1  # -q: that line only
    assert "crawl complete" not in proc.stdout
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert {p["status"] for p in findings["paths"]} == {"unverified"}
    assert {p["reason_code"] for p in findings["paths"]} == {"home_unreachable"}


def test_every_report_of_an_unreachable_site_says_it_could_not_be_audited(unreachable):
    _, out = unreachable
    for name in ("report.html", "summary.md", "junit.xml"):
        assert "无法核查" in (out / name).read_text(encoding="utf-8"), name
    from openpyxl import load_workbook

    assert "无法核查" in load_workbook(out / "整改台账.xlsx").properties.title
    assert run("report", str(out / "findings.json"), "--out", str(out / "again")).returncode == 3


def test_a_mistyped_url_is_unreachable_too(tmp_path):
    with serve_portal() as running:
        proc = run(*crawl_args(running.url("/xxgk-typo/"), tmp_path / "out", *QUICK))
    assert proc.returncode == 3, proc.stderr[-3000:]
    assert "HTTP 404" in pathaudit_lines(proc.stderr)[0]


# --- nothing leaked ------------------------------------------------------------------------------------
def test_credentials_in_the_start_url_are_stripped_and_appear_nowhere(tmp_path, few_paths):
    out = tmp_path / "out"
    with serve_portal() as running:
        url = running.base_url.replace("http://", "http://inspector:s3cret-pw@")
        proc = run(*crawl_args(url, out, *RETRY_QUICKLY, "--set", "LOG_LEVEL=DEBUG", spec=few_paths))
        asked = [target for _, target, _ in running.request_log]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "not used, shown or kept" in proc.stderr
    shown = proc.stdout + proc.stderr + "".join(asked)
    assert "s3cret" not in shown and "inspector:" not in shown
    for path in out.iterdir():
        assert b"s3cret" not in path.read_bytes(), path.name
    assert len(asked) > 10  # the crawl did run, without them
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert {p["status"] for p in findings["paths"]} == {"ok"}


GUARD = """
import json, socket, sys
allowed_host, allowed_port, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
log = open(log_path, "a", encoding="utf-8")

def refuse(what):
    log.write(json.dumps(what) + "\\n"); log.flush()
    raise ConnectionRefusedError(f"socket guard: {what} is outside the portal")

real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
def guarded(real):
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and tuple(address[:2]) != (allowed_host, allowed_port):
            refuse(["connect", str(address[0]), address[1]])
        return real(self, address)
    return connect
socket.socket.connect, socket.socket.connect_ex = guarded(real_connect), guarded(real_connect_ex)
real_getaddrinfo = socket.getaddrinfo
def getaddrinfo(host, port, *args, **kwargs):
    if host not in (allowed_host, None):
        refuse(["resolve", str(host), port])
    return real_getaddrinfo(host, port, *args, **kwargs)
socket.getaddrinfo = getaddrinfo
from pathaudit.cli import main
sys.exit(main(sys.argv[4:]))
"""


def test_a_crawl_with_cookies_opens_no_connection_outside_the_portals_origin(tmp_path):
    guard = tmp_path / "guarded_pathaudit.py"
    guard.write_text(GUARD, encoding="utf-8")
    log = tmp_path / "connections.jsonl"
    log.touch()
    out = tmp_path / "out"
    with serve_portal() as running:
        proc = subprocess.run(
            [sys.executable, str(guard), "127.0.0.1", str(running.port), str(log), *crawl_args(running.base_url, out, "-q")],
            cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD,
            # a fresh machine: no public-suffix list cached by an earlier run to hide a download
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "TLDEXTRACT_CACHE": str(tmp_path / "tld-cache")},
        )
        cookies_set = running.request_log and any(target == "/" for _, target, _ in running.request_log)
    assert cookies_set
    assert log.read_text(encoding="utf-8") == "", log.read_text(encoding="utf-8")
    assert proc.returncode == 0, proc.stderr[-3000:]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert findings["complete"] and sum(p["status"] == "ok" for p in findings["paths"]) > 10


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="this machine has no IPv6 loopback (::1)")
def test_an_ipv6_portal_can_be_audited(tmp_path, few_paths):
    out = tmp_path / "out"
    with serve_portal(host="::1") as running:
        assert running.base_url.startswith("http://[::1]:")
        proc = run(*crawl_args(running.base_url, out, *RETRY_QUICKLY, spec=few_paths))
    assert proc.returncode == 0, proc.stderr[-3000:]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert {p["status"] for p in findings["paths"]} == {"ok"}
    assert findings["site"]["hosts"] == ["::1"]
