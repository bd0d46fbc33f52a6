"""The crawl's counts do not depend on the order the answers come in.

Two crawls of the demo portal over loopback HTTP, each against a server that holds back the answers
to one half of the pages (by a hash of the URL: the other half in the second crawl) until two later
requests have been answered, or until every request in flight is held (then the oldest goes): the
answers come in two different orders, decided by events at the server, not by a clock. Which pages
the walk asks for, and so the requests, the pages read and the findings, must be the same: the page
book keeps every page a later party may ask for (``auditor.walk.book``), whatever it let go of.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import zlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pathaudit.loopback.server import HOST, PortalRequestHandler, PortalServer
from sample_portal.server import default_portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"


class HoldingServer(PortalServer):
    """Holds the answers to the requests whose target hashes to ``held`` (0 or 1)."""

    def __init__(self, portal, held: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__((HOST, 0), portal)
        self.RequestHandlerClass = HoldingHandler
        self.held = held
        self.gate = threading.Condition()
        self.in_flight = 0
        self.waiting: list[object] = []
        self.answered = 0
        #: answers that left before an earlier request's answer
        self.overtaken = 0
        self.asked: list[str] = []


class HoldingHandler(PortalRequestHandler):
    server: HoldingServer

    def _answer_request(self, send_body: bool) -> None:
        server = self.server
        with server.gate:
            server.in_flight += 1
            server.asked.append(self.path)
            if zlib.crc32(self.path.encode()) % 2 == server.held:
                token = object()
                server.waiting.append(token)
                server.gate.notify_all()
                release_after = server.answered + 2
                server.gate.wait_for(
                    lambda: server.answered >= release_after
                    or (server.in_flight == len(server.waiting) and server.waiting[0] is token),
                    timeout=HANG_GUARD,
                )
                server.waiting.remove(token)
                server.overtaken += server.answered >= release_after
        try:
            super()._answer_request(send_body)
        finally:
            with server.gate:
                server.in_flight -= 1
                server.answered += 1
                server.gate.notify_all()


def crawl(held: int, out: Path, *options: str) -> tuple[HoldingServer, dict]:
    portal = default_portal()
    server = HoldingServer(portal, held)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pathaudit", "crawl", f"http://{HOST}:{server.server_port}/", "--spec", str(SPEC),
             "--out", str(out), "--as-of", portal.manifest["as_of"], "--fail-on", "never", "-q", *options],
            cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)},
        )
    finally:
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(timeout=5)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return server, json.loads((out / "findings.json").read_text(encoding="utf-8"))


def test_the_requests_pages_and_findings_do_not_depend_on_the_order_of_the_answers(tmp_path: Path, comparable) -> None:
    # the two crawls are independent (each its own server, process and folder): run at once, they
    # cost the wall of one; each server still holds back its half by events at that server alone
    with ThreadPoolExecutor(max_workers=2) as pool:
        crawls = [pool.submit(crawl, held, tmp_path / name) for held, name in ((0, "first"), (1, "second"))]
        (first, first_findings), (second, second_findings) = (c.result() for c in crawls)
    assert first.overtaken > 0 and second.overtaken > 0  # the answers did come out of order
    assert Counter(first.asked) == Counter(second.asked)
    first_findings, second_findings = comparable(first_findings), comparable(second_findings)
    assert first_findings["stats"] == second_findings["stats"]  # pages read among them
    assert first_findings["paths"] == second_findings["paths"]
    assert first_findings["findings"] == second_findings["findings"]
