"""Fixtures for the "nothing is lost" and safety tests: the CLI in a subprocess, small sites on 127.0.0.1.

``serve_site`` runs a loopback server the test shapes itself: routes by decoded path, each an HTML
page (``str``) or a function of the request (``Asked``) that returns ``(status, headers, body)``,
the body as bytes or as chunks produced while sending (a 2 GB video is never built in memory);
optionally a built portal behind them; and a hold that keeps every request after the first N
waiting until the test lets it go, so that a signal can be sent while a request is certainly in
flight. It logs what arrived, what was answered and how many body bytes were written per target.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from auditor.model.findings import MEDIA_FINDING_KINDS, RUN_MEDIUM_FIELDS
from pathaudit.loopback.model import Portal
from pathaudit.loopback.server import LoopbackServer
from waiting import HANG_GUARD, wait_for

REPO = Path(__file__).resolve().parents[3]
LIANGJIANG_SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"
HOST = "127.0.0.1"


@dataclass
class Asked:
    """One request as a route sees it."""

    method: str
    #: the request target as sent (path and query, still percent-encoded)
    target: str
    #: the decoded path, without the query
    path: str
    headers: Message


Body = bytes | Iterable[bytes]
Answer = tuple[int, dict[str, str], Body]
#: an HTML page, or a function of the request
Route = str | Callable[[Asked], Answer]


class SiteServer(LoopbackServer):
    def __init__(self, routes: dict[str, Route], portal: Portal | None, hold_after: int | None) -> None:
        super().__init__((HOST, 0), SiteHandler)
        self.routes = routes
        self.portal = portal
        self.hold_after = hold_after
        self.release = threading.Event()
        self.lock = threading.Lock()
        #: request targets in the order they arrived (before any hold)
        self.arrivals: list[str] = []
        #: (method, target, status) of every answer begun
        self.log: list[tuple[str, str, int]] = []
        #: body bytes written per target
        self.sent: dict[str, int] = defaultdict(int)

    def arrived(self, target: str) -> bool:
        """Log an arrival; True when this request must wait for ``release``."""
        with self.lock:
            self.arrivals.append(target)
            return self.hold_after is not None and len(self.arrivals) > self.hold_after

    def answer(self, asked: Asked) -> Answer:
        route = self.routes.get(asked.path)
        if isinstance(route, str):
            return 200, {"Content-Type": "text/html; charset=utf-8"}, route.encode("utf-8")
        if route is not None:
            return route(asked)
        if self.portal is not None:
            resource = self.portal.resource(asked.target)
            if resource is not None:
                return resource.status, {"Content-Type": resource.content_type}, resource.body
            if not asked.path.endswith("/") and self.portal.key_for(asked.path + "/") is not None:
                return 301, {"Location": asked.path + "/"}, b""
        return 404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body>404</body></html>"



class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 15
    server: SiteServer

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the server keeps its own logs."""

    def _serve(self, send_body: bool) -> None:
        server = self.server
        if server.arrived(self.path):
            server.release.wait(60)
        split = urlsplit(self.path)
        status, headers, body = server.answer(Asked(self.command, self.path, unquote(split.path) or "/", self.headers))
        with server.lock:
            server.log.append((self.command, self.path, status))
        try:
            self.send_response(status)
            headers = dict(headers)
            if isinstance(body, bytes):
                headers.setdefault("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not send_body:
                return
            chunks = [body] if isinstance(body, bytes) else body
            for chunk in chunks:
                self.wfile.write(chunk)
                with server.lock:
                    server.sent[self.path] += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


@dataclass
class RunningSite:
    base_url: str
    server: SiteServer

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")

    @property
    def log(self) -> list[tuple[str, str, int]]:
        return self.server.log

    def sent_for(self, target_prefix: str) -> int:
        """Body bytes written for every target that starts with ``target_prefix``."""
        with self.server.lock:
            return sum(n for target, n in self.server.sent.items() if target.startswith(target_prefix))


@contextmanager
def _serve(routes: dict[str, Route] | None = None, portal: Portal | None = None,
           hold_after: int | None = None) -> Iterator[RunningSite]:
    server = SiteServer(routes or {}, portal, hold_after)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield RunningSite(f"http://{HOST}:{server.server_port}", server)
    finally:
        server.release.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve_site() -> Callable[..., Any]:
    """``with serve_site(routes, portal=None, hold_after=None) as site:`` a loopback site."""
    return _serve


# --- the CLI ---------------------------------------------------------------------------------------
def _command(args: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-m", "pathaudit", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8"}


def _run(*args: str, timeout: float = HANG_GUARD) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(args), cwd=REPO, capture_output=True, text=True, timeout=timeout, env=_env())


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _command(args), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
    )


@pytest.fixture(scope="session")
def pathaudit() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``pathaudit ARGS`` to its end in a subprocess."""
    return _run


@pytest.fixture
def start_pathaudit() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start ``pathaudit ARGS`` in a subprocess; whatever still runs at the end of the test is killed."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> subprocess.Popen[str]:
        proc = _start(*args)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=HANG_GUARD)


@pytest.fixture(scope="session")
def wait_until() -> Callable[..., None]:
    """``wait_until(condition, what=..., process=None)``: wait for an event, never for a time
    (``tests/waiting.py``); with ``process``, its exit before the event fails the wait at once."""
    return wait_for


# --- findings ----------------------------------------------------------------------------------------
#: lists whose order means something; every other list is compared as a multiset, because the
#: order in which answers arrive (and so the order of searched pages or checked media) varies
_ORDERED = frozenset({"path", "trail"})


def _canonical(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        if key in _ORDERED:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _without_first_user(data: dict[str, Any]) -> dict[str, Any]:
    """A medium used by several item pages is reported with the first of them to arrive, which
    differs between any two crawls: compare the set of pages using it (``evidence.pages``), not
    which one came first."""
    for path in data["paths"]:
        for medium in path.get("checked_media", []):
            medium.pop("page", None)
            for key in RUN_MEDIUM_FIELDS:  # when the bytes were answered: this run's, or a replay's
                medium.pop(key, None)
    for finding in data["findings"]:
        if finding["kind"] in MEDIA_FINDING_KINDS:
            finding.pop("page", None)
            for key in RUN_MEDIUM_FIELDS:
                finding.get("evidence", {}).pop(key, None)
    return data


def _findings_of(findings_path: Path, base_url: str) -> dict[str, Any]:
    """The paths and findings of a findings.json, without times and stats (nor the ids of the run's
    evidence records, which are this run's own), the base URL as ``BASE``."""
    text = findings_path.read_text(encoding="utf-8").replace(base_url.rstrip("/"), "BASE")
    data = json.loads(text)
    for finding in data["findings"]:  # per run: its archive record, the history's times
        finding.get("evidence", {}).pop("record", None)
        finding.pop("first_seen", None)
        finding.pop("last_seen", None)
    return _canonical(_without_first_user({"paths": data["paths"], "findings": data["findings"]}))


@pytest.fixture(scope="session")
def comparable_findings() -> Callable[[Path, str], dict[str, Any]]:
    """``comparable_findings(findings_json, base_url)``: what two crawls of one site must agree on."""
    return _findings_of


@pytest.fixture(scope="session")
def liangjiang_spec() -> Path:
    return LIANGJIANG_SPEC
