"""The home page's one-time costs are built while the first answers are awaited (spiders/warm_up.py).

At the start of a crawl nothing but robots.txt and then the home page is in flight, so what reading
the home page builds on first use (the charset check's table, the cookie middleware's public suffix
list) held every place at the host idle. A real crawl over loopback HTTP, run in one process with
its server: when the crawl asks for the home page, the server waits for the crawl's warm-up (an
event: the thread ending, not a clock) and records whether those are built before it answers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"

#: the end of each script below: serve its ``Handler`` on loopback, run ``pathaudit crawl`` of it in
#: this process (the reactor runs once per process) with the script's arguments after the first two,
#: print the exit code and what the handler saw
SERVE_AND_CRAWL = r"""
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
from pathaudit.cli import main
code = main(["crawl", f"http://127.0.0.1:{server.server_port}/", "--spec", sys.argv[1], "--out", sys.argv[2],
             "--fail-on", "never", "-q", "--no-history", *sys.argv[3:]])
print(json.dumps({"code": code, **seen}))
"""


def crawl_in_one_process(script: str, tmp_path: Path, *args: str) -> dict:
    """Run ``script`` + ``SERVE_AND_CRAWL`` with the spec, ``tmp_path/out`` and ``args``: what it printed."""
    proc = subprocess.run(
        [sys.executable, "-c", script + SERVE_AND_CRAWL, str(SPEC), str(tmp_path / "out"), *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=HANG_GUARD,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


#: a server thread whose home page waits for the warm-up, noting what it built
CRAWL = r"""
import json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

seen = {}

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/":
            for thread in threading.enumerate():
                if thread.name == "pathaudit-warm-up":
                    thread.join()
            from auditor.page import charset
            from scrapy.downloadermiddlewares import cookies
            seen["charset_table_built"] = charset._implausible.cache_info().currsize == 1
            seen["suffix_list_loaded"] = getattr(cookies._split_domain, "_extractor", None) is not None
            body = "<html><head><meta charset='utf-8'><title>首页</title></head><body><p>首页</p></body></html>"
            body = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Set-Cookie", "JSESSIONID=A1; Path=/")
        else:
            body = b""
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

"""


def test_the_home_pages_one_time_costs_are_built_before_its_answer_is_read(tmp_path: Path) -> None:
    seen = crawl_in_one_process(CRAWL, tmp_path)
    assert seen["code"] == 0
    assert seen["charset_table_built"] and seen["suffix_list_loaded"]


def test_the_fork_servers_image_holds_what_every_crawl_builds_on_first_use(tmp_path: Path) -> None:
    """``pathaudit run`` forks each site's crawl from a process that imported ``spiders.preload``:
    the public suffix list and the charset table are built there once, not once per site."""
    check = (
        "import json, spiders.preload\n"
        "from auditor.page import charset\n"
        "from scrapy.downloadermiddlewares import cookies\n"
        "print(json.dumps([charset._implausible.cache_info().currsize == 1,\n"
        "                  getattr(cookies._split_domain, '_extractor', None) is not None]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True,
                          timeout=HANG_GUARD, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [True, True]


#: a server whose home page links the spec's first columns, noting which report writers are loaded
PRELOAD_CRAWL = r"""
import json, sys, threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from auditor.specs.loader import load_spec
from auditor.walk.plan import build_plan

WRITERS = ("reports.html", "reports.xlsx", "reports.junit", "reports.markdown")
tops = list(build_plan(load_spec(sys.argv[1])).children.values())[:4]
HOME = ("<html><head><meta charset='utf-8'><title>首页</title></head><body><div>"
        + "".join(f"<a href='/c{n}/'>{escape(node.name)}</a>" for n, node in enumerate(tops))
        + "</div></body></html>").encode()
seen = {}

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/":
            seen["writers_at_home"] = [m for m in WRITERS if m in sys.modules]
            body, status = HOME, 200
        elif self.path.startswith("/c"):
            if "writers_at_column" not in seen:  # asked once the home page is read: the waits begin
                for thread in threading.enumerate():
                    if thread.name == "pathaudit-preload":
                        thread.join()
                seen["writers_at_column"] = [m for m in WRITERS if m in sys.modules]
            body, status = b"<html><body><p>x</p></body></html>", 200
        else:
            body, status = b"", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

"""


def test_the_report_writers_are_imported_while_the_crawl_waits_not_after_it(tmp_path: Path) -> None:
    """The modules ``pathaudit crawl`` needs once the crawl has ended (its report writers) are
    imported in a thread once the home page is read, while the crawl waits on the portal, not after
    the last answer; not before the home page (its answer is the start's one chain), and only the
    formats asked for."""
    seen = crawl_in_one_process(PRELOAD_CRAWL, tmp_path, "--set", "AUDITOR_REPORT_FORMATS=html,xlsx")
    assert seen["writers_at_home"] == []
    assert seen["writers_at_column"] == ["reports.html", "reports.xlsx"]
    assert (tmp_path / "out" / "report.html").exists()
