"""The loopback HTTP server PathAudit serves a local site build from (``crawl --local-dir``), and
``serve`` to run one in a background thread (the demo portal and the tests use it too).

It serves the built files as a static web server would (Content-Type, Content-Length, ETag,
Last-Modified, HEAD, single byte ranges, 304, a 404 page, 301 for a directory without its slash)
and plays the planted behaviours: a page that answers 500 once, a page a firewall refuses (403), a
slow page, and an optional delay
on every answer. State (which page already failed once) lives in the server, so every
``serve_portal`` starts afresh.

It must never be what a benchmark measures: answers leave at once (``TCP_NODELAY``; with Nagle on,
every kept-alive answer waited for the client's delayed ACK, ~40 ms), and a burst of new connections
is queued, not dropped (a listen backlog of ``LISTEN_BACKLOG`` instead of the standard library's 5,
whose overflow stalls a client for 1-30 s on SYN retries). ``Traffic`` counts what clients asked:
requests, bytes sent and the most requests answered at once, which a politeness test reads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import socket
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import format_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from pathaudit.loopback.model import Behaviour, Portal, Resource

HOST = "127.0.0.1"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
#: a client that keeps a connection open without asking for anything is dropped after this long
IDLE_TIMEOUT_SECONDS = 15
#: connections the kernel queues before the server accepts them
LISTEN_BACKLOG = 1024


class RangeNotSatisfiable(ValueError):
    """The Range asks only for bytes the file does not have (answered 416)."""


def parse_range(header: str, length: int) -> tuple[int, int] | None:
    """The (first, last) byte a single ``Range: bytes=…`` asks for, clipped to the file.

    None when there is no usable Range (absent, malformed, several ranges): the whole file is the
    answer then, as RFC 9110 allows. Raises ``RangeNotSatisfiable`` for a range past the end.
    """
    match = _RANGE.match(header.strip()) if header else None
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first_text, last_text = match.groups()
    if first_text == "":
        suffix = int(last_text)
        if suffix == 0 or length == 0:
            raise RangeNotSatisfiable(header)
        return max(0, length - suffix), length - 1
    first = int(first_text)
    last = int(last_text) if last_text else None
    if last is not None and last < first:
        return None  # not a valid range: ignored
    if first >= length:
        raise RangeNotSatisfiable(header)
    return first, length - 1 if last is None else min(last, length - 1)


class Traffic:
    """What a server was asked, counted as it answers: requests, body bytes and concurrency.

    ``in_flight`` counts requests between their request line and the end of their answer;
    ``max_in_flight`` is the most there ever were at once (every client here is one host: 127.0.0.1);
    ``busy_seconds`` the sum of every answer's time (÷ wall time: the mean number in flight).
    ``referers`` (the first Referer of each target) and ``ranges`` (Range requests per target) let a
    benchmark rebuild the chain of requests that waited for one another.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests = 0
        self.bytes_sent = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.busy_seconds = 0.0
        self.referers: dict[str, str] = {}
        self.ranges: dict[str, int] = {}

    def started(self, target: str = "", referer: str = "", ranged: bool = False) -> None:
        with self._lock:
            if referer:
                self.referers.setdefault(target, referer)
            if ranged:
                self.ranges[target] = self.ranges.get(target, 0) + 1
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def finished(self, body_bytes: int, seconds: float = 0.0) -> None:
        with self._lock:
            self.busy_seconds += seconds
            self.in_flight -= 1
            self.bytes_sent += body_bytes

    def reset(self) -> None:
        with self._lock:
            # answers still being written to an earlier client finish later: they stay counted
            self.requests = self.bytes_sent = 0
            self.max_in_flight = max(0, self.in_flight)
            self.busy_seconds = 0.0
            self.referers, self.ranges = {}, {}


class LoopbackServer(ThreadingHTTPServer):
    """A threaded HTTP server for tests and demos that can be stopped at once: it keeps track of
    open connections, so stopping it also ends kept-alive ones (a client's idle connection would
    otherwise hold a handler thread)."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        if ":" in address[0]:  # an IPv6 address such as ::1
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)
        self._connections_lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self.traffic = Traffic()

    def process_request(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        with contextlib.suppress(OSError):  # answers leave at once, not after the client's ACK
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:  # type: ignore[no-untyped-def]
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        """A client that drops its connection is no error of the server's: nothing is printed."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)


class PortalServer(LoopbackServer):
    def __init__(self, address: tuple[str, int], portal: Portal, latency_ms: int = 0) -> None:
        super().__init__(address, PortalRequestHandler)
        self.latency_seconds = max(0, latency_ms) / 1000
        self.request_log: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()
        #: headers added to every answer (a benchmark adds ``LinkChecker``, which lifts that tool's throttle)
        self.extra_headers: dict[str, str] = {}
        self.use(portal)

    def use(self, portal: Portal) -> None:
        """Serve ``portal`` from now on (another variant, on the same address), afresh."""
        behaviours: dict[str, Behaviour] = {}
        for behaviour in portal.behaviours:
            key = portal.key_for(behaviour.url)
            if key is not None:
                behaviours[key] = behaviour
        with self._lock:
            self.last_modified = format_datetime(
                dt.datetime.combine(portal.as_of, dt.time(), tzinfo=dt.UTC), usegmt=True
            )
            self._behaviours = behaviours
            self._failed_once: set[str] = set()
            self._etags: dict[str, str] = {}
            self.portal = portal

    def behaviour(self, key: str | None) -> Behaviour | None:
        return self._behaviours.get(key) if key is not None else None

    def fail_first_time(self, key: str) -> bool:
        """True the first time a server-error-once page is asked for, on this server."""
        with self._lock:
            if key in self._failed_once:
                return False
            self._failed_once.add(key)
            return True

    def etag(self, key: str, body: bytes) -> str:
        with self._lock:
            if key not in self._etags:
                self._etags[key] = f'"{zlib.crc32(body):08x}-{len(body):x}"'
            return self._etags[key]

    def record(self, method: str, target: str, status: int) -> None:
        with self._lock:
            self.request_log.append((method, target, status))


class PortalRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "PathAuditSample/1.0"
    timeout = IDLE_TIMEOUT_SECONDS
    server: PortalServer

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_POST(self) -> None:
        """Hanweb asks dataproxy.jsp for records by POST; answer as for GET, after reading the form."""
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._answer(send_body=True)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the request log is kept in ``request_log`` instead of printed."""

    def _answer(self, send_body: bool) -> None:
        traffic = self.server.traffic
        traffic.started(self.path, self.headers.get("Referer", ""), "Range" in self.headers)
        self._body_bytes = 0
        started = time.perf_counter()
        try:
            self._answer_request(send_body)
        finally:
            traffic.finished(self._body_bytes, time.perf_counter() - started)

    def _answer_request(self, send_body: bool) -> None:
        portal = self.server.portal
        split = urlsplit(self.path)
        path = unquote(split.path) or "/"
        target = f"{path}?{split.query}" if split.query else path
        key = portal.key_for(target)
        behaviour = self.server.behaviour(key)
        if self.server.latency_seconds:
            time.sleep(self.server.latency_seconds)
        if behaviour is not None and behaviour.kind == "slow":
            time.sleep(behaviour.delay_seconds)
        if key is not None and behaviour is not None and behaviour.kind == "refused":
            self._send(portal.refused, send_body)
            return
        if key is not None and behaviour is not None and behaviour.kind == "server_error_once" \
                and self.server.fail_first_time(key):
            self._send(portal.server_error, send_body)
            return
        if key is None:
            if not path.endswith("/") and portal.key_for(path + "/") is not None:
                self._redirect(path + "/")
            else:
                self._send(portal.not_found, send_body)
            return
        self._send_file(key, portal.files[key], send_body)

    def _send_file(self, key: str, resource: Resource, send_body: bool) -> None:
        body = self.server.portal.body_for(resource, f"http://{HOST}:{self.server.server_port}")
        etag = self.server.etag(key, body)
        headers = {"ETag": etag, "Last-Modified": self.server.last_modified}
        if not resource.content_type.startswith("text/html"):
            headers["Accept-Ranges"] = "bytes"
        elif "JSESSIONID" not in (self.headers.get("Cookie") or ""):
            # as the Java CMSes behind most portals do: a session cookie on the first page
            headers["Set-Cookie"] = f"JSESSIONID={zlib.crc32(self.path.encode()):08X}; Path=/; HttpOnly"
        if self.headers.get("If-None-Match") == etag:
            self._respond(HTTPStatus.NOT_MODIFIED, resource.content_type, b"", headers, send_body=False)
            return
        try:
            wanted = parse_range(self.headers.get("Range", ""), len(body))
        except RangeNotSatisfiable:
            headers["Content-Range"] = f"bytes */{len(body)}"
            self._respond(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, resource.content_type, b"", headers, send_body)
            return
        if wanted is not None:
            first, last = wanted
            headers["Content-Range"] = f"bytes {first}-{last}/{len(body)}"
            self._respond(HTTPStatus.PARTIAL_CONTENT, resource.content_type, body[first : last + 1], headers, send_body)
            return
        self._respond(resource.status, resource.content_type, body, headers, send_body)

    def _send(self, resource: Resource, send_body: bool) -> None:
        body = self.server.portal.body_for(resource, f"http://{HOST}:{self.server.server_port}")
        self._respond(resource.status, resource.content_type, body, {}, send_body)

    def _redirect(self, location: str) -> None:
        self._respond(HTTPStatus.MOVED_PERMANENTLY, "text/html; charset=utf-8", b"", {"Location": location}, True)

    def _respond(self, status: int, content_type: str, body: bytes, headers: dict[str, str], send_body: bool) -> None:
        self.server.record(self.command, self.path, int(status))
        try:
            self.send_response(status)
            if status != HTTPStatus.NOT_MODIFIED:  # a 304 has no content to describe (RFC 9110 §15.4.5)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
            for name, value in (headers | self.server.extra_headers).items():
                self.send_header(name, value)
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)
                self._body_bytes = len(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


@dataclass
class RunningPortal:
    """A sample portal being served: where it is, what it serves and what it has been asked."""

    base_url: str
    port: int
    portal: Portal
    #: (method, request target, status) of every answer, in order
    request_log: list[tuple[str, str, int]]
    #: requests, bytes sent and the most requests answered at once
    traffic: Traffic
    #: headers added to every answer (a benchmark adds ``LinkChecker``, which lifts that tool's throttle)
    extra_headers: dict[str, str]
    server: PortalServer | None = None

    def switch(self, portal: Portal) -> None:
        """Serve another build (e.g. another defect variant) at the same URL."""
        assert self.server is not None
        self.server.use(portal)
        self.portal = portal

    def url(self, path: str) -> str:
        """An absolute URL for a portal path such as ``/xxgk/`` or a manifest ``url``."""
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")


@contextmanager
def serve(portal: Portal, port: int = 0, latency_ms: int = 0, host: str = HOST) -> Iterator[RunningPortal]:
    """Serve ``portal`` on 127.0.0.1 (or ``host``, e.g. ``::1``) in a background thread.

    ``port`` 0 picks a free port. On exit the server stops, open connections are closed and the
    thread is joined.
    """
    server = PortalServer((host, port), portal, latency_ms)
    shown = f"[{host}]" if ":" in host else host
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name=f"sample-portal-{server.server_port}", daemon=True)
    thread.start()
    try:
        yield RunningPortal(f"http://{shown}:{server.server_port}/", server.server_port, portal, server.request_log,
                            server.traffic, server.extra_headers, server)
    finally:
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(timeout=5)
