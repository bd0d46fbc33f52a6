"""Where a crawl's CPU goes: one ``pathaudit crawl`` of the demo portal under pyinstrument, summarised.

    pip install pyinstrument
    python benchmarks/profile_crawl.py [--latency 0] [--title TEXT] > docs/profiles/crawl-after.md
    python benchmarks/profile_crawl.py --cpu ...        # cProfile on process CPU time instead

pyinstrument samples wall time: on a busy machine most samples are waits for a CPU, counted to
whatever was on the stack. ``--cpu`` profiles with cProfile timed by the process's CPU clock
(deterministic, with cProfile's per-call overhead) and gives each part's cumulative CPU time.

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


#: (label, regular expression of "file:line(function)": the part's CPU is its largest cumulative time)
CPU_PARTS = [
    ("whole process (pathaudit.cli.main)", r"pathaudit/cli/__init__.py:\d+\(main\)"),
    ("spec load and settings (prepare_crawl)", r"\(prepare_crawl\)"),
    ("page judgement (judge_answer)", r"\(judge_answer\)"),
    ("  page tree build (Page._compute_regions)", r"\(_compute_regions\)"),
    ("  page state + error pages (judge_document)", r"\(judge_document\)"),
    ("    error-page screen (could_be_broken)", r"error_pages.py:\d+\(could_be_broken\)"),
    ("    error-page examination (broken_page)", r"error_pages.py:\d+\(broken_page\)"),
    ("walk, all of it (Walker.feed)", r"walker.py:\d+\(feed\)"),
    ("WARC evidence archive (EvidenceArchive.process_response)", r"spiders/archive.py:\d+\(process_response\)"),
    ("reports written at the end (write_reports)", r"\(write_reports\)"),
    ("  Jinja template compile", r"jinja2/environment.py:\d+\(compile\)"),
    ("findings snapshots (write_snapshot)", r"\(write_snapshot\)"),
]


def cpu_summary(stats_file: Path, title: str) -> str:
    import pstats
    import re

    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    total = max(v[3] for v in stats.values())
    out = [f"# {title}", "", f"cProfile timed by process CPU; whole process {total:.2f} CPU s (cProfile's own "
           "per-call overhead included)", "", "## CPU by part (cumulative)", ""]
    for label, pattern in CPU_PARTS:
        found = re.compile(pattern)
        cpu = max((v[3] for (f, line, name), v in stats.items() if found.search(f"{f}:{line}({name})")), default=0.0)
        out.append(f"{label:62s} {cpu:6.2f} s {100 * cpu / total:5.1f} %")
    out += ["", "## Heaviest functions, self CPU", ""]
    heaviest = sorted(stats.items(), key=lambda kv: -kv[1][2])[:25]
    for (f, line, name), v in heaviest:
        where = f.split("site-packages/")[-1].replace(str(REPO) + "/", "")
        out.append(f"{100 * v[2] / total:5.1f} %  {v[2]:6.2f} s  {name}  {where}:{line}  ({v[1]} calls)")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=int, default=0)
    parser.add_argument("--title", default="CPU profile of one crawl of the demo portal")
    parser.add_argument("--cpu", action="store_true", help="cProfile on the process CPU clock, not pyinstrument")
    args = parser.parse_args()
    if args.cpu:
        return cpu_main(args)
    from pyinstrument.session import Session

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


def cpu_main(args: argparse.Namespace) -> int:
    code = ("import cProfile, runpy, sys, time; sys.argv = ['pathaudit', *sys.argv[2:]]; "
            "p = cProfile.Profile(time.process_time); p.enable()\n"
            "try:\n    runpy.run_module('pathaudit', run_name='__main__')\n"
            "except SystemExit:\n    pass\nfinally:\n    p.disable(); p.dump_stats(sys.argv_out)\n")
    with serve_portal(latency_ms=args.latency) as site, tempfile.TemporaryDirectory() as tmp:
        stats_file = Path(tmp) / "crawl.prof"
        load = os.getloadavg()[0]
        runner = code.replace("sys.argv_out", repr(str(stats_file)))
        proc = subprocess.run(
            [sys.executable, "-c", runner, "-", "crawl", site.base_url, "--spec", str(SPEC), "--out",
             str(Path(tmp) / "out"), "--as-of", "2021-12-01", "--fail-on", "never", "-q"],
            cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        if not stats_file.exists():
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1
        print(f"<!-- benchmarks/profile_crawl.py --cpu --latency {args.latency}, "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, load average "
              f"{load:.1f} at the start and {os.getloadavg()[0]:.1f} at the end, {site.traffic.requests} requests -->")
        print(cpu_summary(stats_file, args.title))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
