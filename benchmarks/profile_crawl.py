"""Where a crawl's CPU goes: one ``pathaudit crawl`` of the demo portal under pyinstrument, summarised.

    pip install pyinstrument
    python benchmarks/profile_crawl.py [--latency 0] [--title TEXT] > docs/profiles/crawl-after.md

Serves the bundled portal in this process, runs the crawl in a child process under pyinstrument
(1 ms interval; evidence archive on, the default reports) and prints the share of the crawl by part
(a part counts a sample when it is anywhere on the stack), the heaviest functions by self time and
the heaviest project functions by inclusive time. Shares are of sampled time, the profiler's own
overhead included: compare them between commits, not with the CPU seconds of benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sample_portal.server import serve_portal  # noqa: E402

SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"
#: (label, substrings of a frame: the part counts a sample when one is on its stack)
PARTS = [
    ("start-up imports", ["_find_and_load"]),
    ("spec load and settings (prepare_crawl)", ["prepare_crawl"]),
    ("page judgement (judge_answer: parse, page state, error pages)", ["judge_answer"]),
    ("  page tree build (Page.__init__, regions)", ["_compute_regions"]),
    ("  page state + error-page screen (judge_document)", ["judge_document"]),
    ("    of which error-page screen (error_pages.py)", ["error_pages.py"]),
    ("walk, all of it (Walker.feed)", ["feed\x00", "walker.py"]),
    ("media verdicts (auditor/media)", ["auditor/media"]),
    ("WARC evidence archive (spiders/archive.py + warcio)", ["spiders/archive.py"]),
    ("Scrapy downloader middlewares", ["downloader/middleware.py"]),
    ("Twisted TCP reads/writes", ["twisted/internet/tcp.py"]),
    ("reports written at the end (write_reports)", ["write_reports"]),
    ("  of which Jinja template compile + render", ["jinja2"]),
    ("history database", ["pathaudit/history"]),
]


def _name(frame: str) -> str:
    function, file = frame.split("\x00")[:2]
    return f"{function}  {file.split('site-packages/')[-1].replace(str(REPO) + '/', '')}"


def summary(session, title: str) -> str:  # type: ignore[no-untyped-def]
    records = session.frame_records
    total = sum(t for _, t in records) or 1.0
    out = [f"# {title}", "", f"samples: {len(records)}; sampled time {total:.2f} s (wall {session.duration:.2f} s, "
           f"process CPU {session.cpu_time:.2f} s; the profiler's own overhead included)", "",
           "## Share of the crawl by part (a part counts a sample when it is anywhere on the stack)", ""]
    for label, keys in PARTS:
        share = sum(t for stack, t in records if any(k in "\n".join(stack) for k in keys))
        out.append(f"{label:66s} {share:6.2f} s {100 * share / total:5.1f} %")
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    for stack, t in records:
        for key in {_name(frame) for frame in stack}:
            inclusive[key] += t
        own[_name(stack[-1])] += t
    out += ["", "## Heaviest functions, self time", ""]
    out += [f"{100 * t / total:5.1f} %  {k}" for k, t in own.most_common(25)]
    out += ["", "## Heaviest project functions, inclusive", ""]
    mine = [(k, t) for k, t in inclusive.most_common() if any(p in k for p in ("auditor/", "spiders/", "reports/", "pathaudit/"))]
    out += [f"{100 * t / total:5.1f} %  {k}" for k, t in mine[:30]]
    return "\n".join(out)


def main() -> int:
    from pyinstrument.session import Session

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=int, default=0)
    parser.add_argument("--title", default="CPU profile of one crawl of the demo portal")
    args = parser.parse_args()
    with serve_portal(latency_ms=args.latency) as site, tempfile.TemporaryDirectory() as tmp:
        session_file = Path(tmp) / "crawl.pyisession"
        load = os.getloadavg()[0]
        proc = subprocess.run(
            [sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session_file), "-i", "0.001",
             "-m", "pathaudit", "crawl", site.base_url, "--spec", str(SPEC), "--out", str(Path(tmp) / "out"),
             "--as-of", "2021-12-01", "--fail-on", "never", "-q"],
            cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return proc.returncode
        print(f"<!-- benchmarks/profile_crawl.py --latency {args.latency}, "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, load average "
              f"{load:.1f} at the start and {os.getloadavg()[0]:.1f} at the end, {site.traffic.requests} requests -->")
        print(summary(Session.load(session_file), args.title))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
