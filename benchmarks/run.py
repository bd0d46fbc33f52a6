"""PathAudit beside the link checkers people would pick, on one large portal, in one run.

    python benchmarks/run.py --pages 20000 [--latency 0,200] [--runs 3] [--tools ...] [--bound 150]
                             [--background-load N]

Serves the bundled portal grown to ``--pages`` HTML pages (``large_portal``) on 127.0.0.1 at each
latency, measures the server's own ceiling, then runs each tool ``--runs`` times and prints one
table per latency: wall time (min / median / max), requests, bytes, peak RSS and the most requests
in flight at once to the host, each with its ratio to PathAudit's defaults; and PathAudit's walk
floors: its critical path (the longest chain of requests that waited for one another × latency)
and its politeness floor (requests × latency ÷ per-host limit).

Peers are found on PATH or in ``--peers DIR`` (a scratch folder outside the repository, see
docs/benchmarks.md): ``linkchecker`` and ``lychee`` (PyPI), ``linkinator`` (npm), ``wget``
(Debian). A missing one is reported and skipped. A run longer than ``--bound`` seconds is stopped:
its row gives what it did until then and a **projection**, marked as one: the site's URLs × the
requests per URL the tool made so far (wget asks HEAD then GET: 2) ÷ its request rate so far, a lower
bound for a tool that checks every URL; it is not run again.

Each tool gets a server of its own (a fresh one per tool and latency), and before each run the
server is drained: the run starts only when no answer of the previous run is still being written, so
a tool that leaves answers unread (linkinator) is not counted against the next. ``--background-load
N`` runs N CPU-bound processes beside every run (the "busy machine" of the figures, reproducible).
Equal politeness is the only fair comparison: the in-flight column (counted by the server) says how
many requests each tool held at once against the one host.

Figures only: nothing here asserts a timing. Counts (requests, bytes, in flight) come from the
server and do not depend on how busy the machine is; times do.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_portal import large_portal  # noqa: E402
from mandate_growth import grown_spec  # noqa: E402

from pathaudit.loopback.server import RunningPortal  # noqa: E402
from sample_portal.server import serve_portal  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"
#: PathAudit's default per-host limit (spiders/settings.py CONCURRENT_REQUESTS_PER_DOMAIN)
PATHAUDIT_PER_HOST = 4
#: LinkChecker's default thread count: the "politeness of the peers" PathAudit is also run at
PEER_PER_HOST = 10
ALL_TOOLS = ("pathaudit", "pathaudit-10", "linkchecker", "linkchecker-lifted", "linkinator", "linkinator-4", "wget",
             "lychee")


@dataclass
class Context:
    site: RunningPortal
    latency_ms: int
    work: Path
    peers: Path | None
    page_list: Path
    #: the mandate PathAudit crawls with (the bundled one, or one grown by --mandate-paths)
    spec: Path = SPEC


@dataclass
class Tool:
    name: str
    label: str
    #: per-host concurrency the tool is configured for (None: not limited per host)
    per_host: int | None
    command: Callable[[Context, Path], list[str] | None]
    #: headers the server adds while this tool runs
    server_headers: dict[str, str] = field(default_factory=dict)
    #: runs at most this many times (a tool that loads the shared machine with thousands of connections)
    max_runs: int | None = None


@dataclass
class Run:
    wall: float
    requests: int
    bytes: int
    peak_rss_mib: float
    max_in_flight: int
    exit_code: int
    stopped: bool
    critical_chain: int = 0
    cpu_seconds: float = 0.0
    mean_in_flight: float = 0.0
    #: distinct request targets asked, and the requests by method ("GET", "HEAD" …)
    targets: int = 0
    methods: dict[str, int] = field(default_factory=dict)


def find(peers: Path | None, name: str) -> str | None:
    for folder in ([peers / "bin", peers / "node_modules" / ".bin", peers] if peers else []):
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def pathaudit_command(per_host: int | None) -> Callable[[Context, Path], list[str]]:
    def command(ctx: Context, out: Path) -> list[str]:
        extra = ["--set", f"CONCURRENT_REQUESTS_PER_DOMAIN={per_host}"] if per_host else []
        return [sys.executable, "-m", "pathaudit", "crawl", ctx.site.base_url, "--spec", str(ctx.spec),
                "--out", str(out), "--as-of", ctx.site.portal.manifest["as_of"], "--fail-on", "never", "-q",
                *extra]
    return command


def linkchecker_command(lifted: bool) -> Callable[[Context, Path], list[str] | None]:
    def command(ctx: Context, out: Path) -> list[str] | None:
        exe = find(ctx.peers, "linkchecker")
        if exe is None:
            return None
        config = out / "linkcheckerrc"
        out.mkdir(parents=True, exist_ok=True)
        rate = "maxrequestspersecond=1000\n" if lifted else ""
        config.write_text(f"[checking]\nthreads={PATHAUDIT_PER_HOST if lifted else 10}\n{rate}"
                          "[output]\nstatus=0\n", encoding="utf-8")
        return [exe, "-f", str(config), "--no-warnings", "-o", "none", "--no-robots", ctx.site.base_url]
    return command


def linkinator_command(concurrency: int | None) -> Callable[[Context, Path], list[str] | None]:
    def command(ctx: Context, out: Path) -> list[str] | None:
        exe = find(ctx.peers, "linkinator")
        if exe is None:
            return None
        host = urlsplit(ctx.site.base_url).netloc.replace(".", r"\.")
        limit = ["--concurrency", str(concurrency)] if concurrency else []
        return [exe, ctx.site.base_url, "--recurse", "--silent", "--format", "CSV", "--skip", f"^(?!http://{host})",
                *limit]
    return command


def wget_command(ctx: Context, out: Path) -> list[str] | None:
    exe = find(ctx.peers, "wget")
    if exe is None:
        return None
    return [exe, "--spider", "-r", "-l", "inf", "-nv", "-o", str(out / "wget.log"), "-P", str(out),
            ctx.site.base_url]


def lychee_command(ctx: Context, out: Path) -> list[str] | None:
    exe = find(ctx.peers, "lychee")
    if exe is None:
        return None
    return [exe, "--no-progress", "--format", "compact", "--cache-exclude-status", "100..", str(ctx.page_list)]


TOOLS = {
    "pathaudit": Tool("pathaudit", "PathAudit (defaults, 4/host)", PATHAUDIT_PER_HOST, pathaudit_command(None)),
    "pathaudit-10": Tool("pathaudit-10", f"PathAudit at {PEER_PER_HOST}/host", PEER_PER_HOST,
                         pathaudit_command(PEER_PER_HOST)),
    "linkchecker": Tool("linkchecker", "LinkChecker (defaults)", 10, linkchecker_command(False)),
    "linkchecker-lifted": Tool("linkchecker-lifted", f"LinkChecker lifted, {PATHAUDIT_PER_HOST} threads",
                               PATHAUDIT_PER_HOST, linkchecker_command(True),
                               {"LinkChecker": "allow"}),
    # linkinator leaves answers unread and opens a new connection for the next request: thousands of
    # server threads stuck in a write at once, on a machine others share; one run per latency
    "linkinator": Tool("linkinator", "linkinator --recurse", None, linkinator_command(None), max_runs=1),
    # its --concurrency bounds the checks it starts at once, not the answers it leaves unread: the
    # in-flight column says what the server saw
    "linkinator-4": Tool("linkinator-4", f"linkinator --recurse --concurrency {PATHAUDIT_PER_HOST}", PATHAUDIT_PER_HOST,
                         linkinator_command(PATHAUDIT_PER_HOST), max_runs=1),
    "wget": Tool("wget", "wget --spider -r", 1, wget_command),
    "lychee": Tool("lychee", "lychee (page list)", None, lychee_command),
}


#: the checkout's own packages, compiled before the runs (``compile_checkout``)
CHECKOUT_PACKAGES = ("auditor", "spiders", "reports", "pathaudit", "path_specs")


def tool_environment() -> dict[str, str]:
    """PathAudit runs from this checkout (PYTHONPATH), whatever is installed, and reads its compiled
    modules as an installed copy does: a session that sets PYTHONDONTWRITEBYTECODE would otherwise
    have every run compile the whole checkout again (0.15 CPU s of a demo crawl), which no installation does."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_checkout() -> None:
    """Compile the checkout's modules once, before any run is timed (``__pycache__`` is git-ignored)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(REPO / p) for p in CHECKOUT_PACKAGES)],
                   env=tool_environment(), check=False, stdout=subprocess.DEVNULL)


def run_once(tool: Tool, ctx: Context, index: int, bound: float) -> Run | None:
    out = ctx.work / f"{tool.name}-{ctx.latency_ms}-{index}"
    out.mkdir(parents=True, exist_ok=True)
    command = tool.command(ctx, out)
    if command is None:
        return None
    traffic = ctx.site.traffic
    ctx.site.extra_headers.clear()
    ctx.site.extra_headers.update(tool.server_headers)
    drain(ctx.site)
    traffic.reset()
    del ctx.site.request_log[:]
    with open(out / "stdout.txt", "wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=out, start_new_session=True,
                                env=tool_environment())
        killer = threading.Timer(bound, lambda: os.killpg(proc.pid, signal.SIGKILL))
        killer.start()
        memory = PeakMemory(proc.pid)
        memory.start()
        while True:  # sample until the tool has exited (its zombie keeps its numbers readable)
            try:
                if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT) is not None:
                    break
            except ChildProcessError:
                break
        memory.sample()
        memory.done.set()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        stopped = not killer.is_alive()
        killer.cancel()
    with __import__("contextlib").suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # leftovers of a tool that forks
    time.sleep(0.2)  # answers still being written are counted
    log = list(ctx.site.request_log)
    methods: dict[str, int] = {}
    for method, _, _ in log:
        methods[method] = methods.get(method, 0) + 1
    return Run(wall, traffic.requests, traffic.bytes_sent, memory.peak_kib / 1024, traffic.max_in_flight,
               os.waitstatus_to_exitcode(status), stopped, critical_chain(traffic),
               usage.ru_utime + usage.ru_stime, traffic.busy_seconds / wall if wall else 0.0,
               len({target for _, target, _ in log}), methods)


def drain(site: RunningPortal, timeout: float = 60.0) -> None:
    """Wait until the server writes no answer any more (a previous run's, left unread by its tool)."""
    deadline = time.monotonic() + timeout
    while site.traffic.in_flight > 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    if site.traffic.in_flight > 0:
        print(f"  server not drained after {timeout:.0f} s: {site.traffic.in_flight} answers still in flight",
              file=sys.stderr)


class BackgroundLoad:
    """``count`` CPU-bound processes (a busy loop each) beside the measured tool, stopped on exit."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.procs: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> BackgroundLoad:
        self.procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(self.count)]
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            proc.kill()
            proc.wait()


class PeakMemory(threading.Thread):
    """The largest resident set of any one process of a session (the tool and what it started),
    read from /proc every 0.1 s: the high-water mark (VmHWM) of each process after its exec."""

    def __init__(self, session: int) -> None:
        super().__init__(daemon=True)
        self.session = session
        self.peak_kib = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            self.sample()

    def sample(self) -> None:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                fields = stat[stat.rindex(")") + 2 :].split()
                if int(fields[3]) != self.session:  # field 6 of stat: the session id
                    continue
                for line in (entry / "status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kib = max(self.peak_kib, int(line.split()[1]))
            except (OSError, ValueError, IndexError):
                continue


def critical_chain(traffic) -> int:  # type: ignore[no-untyped-def]
    """The longest chain of requests each of which needed the previous answer (Referer), Range
    requests of one URL counting one after another (a box walk asks for the next box once it read
    the last)."""
    referers = {target: urlsplit(ref).path + (f"?{urlsplit(ref).query}" if urlsplit(ref).query else "")
                for target, ref in traffic.referers.items()}
    depth: dict[str, int] = {}

    def of(target: str) -> int:
        chain, node = [], target
        while node not in depth and node in referers and node not in chain and len(chain) < 1000:
            chain.append(node)
            node = referers[node]
        base = depth.get(node, 1)
        for member in reversed(chain):
            base += 1
            depth[member] = base
        return depth.get(target, base)

    targets = set(referers) | set(traffic.ranges)
    return max((of(t) + max(0, traffic.ranges.get(t, 1) - 1) for t in targets), default=1)


def server_ceiling(site: RunningPortal, seconds: float = 3.0, clients: int = 8) -> float:
    """Answers per second the server gives 8 keep-alive clients in another process (no latency)."""
    code = (
        "import http.client,sys,threading,time\n"
        "host,port,paths,secs,n=sys.argv[1],int(sys.argv[2]),sys.argv[3].split(','),float(sys.argv[4]),int(sys.argv[5])\n"
        "count=[0]*n\n"
        "def go(i):\n"
        "  c=http.client.HTTPConnection(host,port);end=time.time()+secs;k=i\n"
        "  while time.time()<end:\n"
        "    c.request('GET',paths[k%len(paths)]);c.getresponse().read();count[i]+=1;k+=1\n"
        "ts=[threading.Thread(target=go,args=(i,)) for i in range(n)]\n"
        "[t.start() for t in ts];[t.join() for t in ts];print(sum(count)/secs)\n"
    )
    paths = ",".join(["/index.html", "/xwzx/index.html", "/xwzx/wqhg/index.html", "/css/style.css"])
    proc = subprocess.run([sys.executable, "-c", code, "127.0.0.1", str(site.port), paths, str(seconds), str(clients)],
                          capture_output=True, text=True, timeout=seconds + 30)
    return float(proc.stdout.strip() or 0)


def summarise(runs: list[Run]) -> dict[str, float]:
    walls = [r.wall for r in runs]
    last = runs[-1]
    return {"min": min(walls), "median": statistics.median(walls), "max": max(walls), "requests": last.requests,
            "bytes": last.bytes, "rss": max(r.peak_rss_mib for r in runs), "inflight": max(r.max_in_flight for r in runs),
            "stopped": any(r.stopped for r in runs), "runs": len(runs), "exit": last.exit_code,
            "chain": last.critical_chain, "cpu": statistics.median(r.cpu_seconds for r in runs),
            "mean_inflight": statistics.median(r.mean_in_flight for r in runs),
            "per_url": last.requests / last.targets if last.targets else 1.0,
            "methods": " + ".join(f"{n} {m}" for m, n in sorted(last.methods.items(), key=lambda kv: -kv[1]))}


def fmt_ratio(value: float, base: float) -> str:
    return f"{value / base:.1f}×" if base else "–"


def table(rows: dict[str, dict[str, float]], site_urls: int, latency_ms: int) -> list[str]:
    base = rows.get("pathaudit")
    lines = [
        "| tool | runs | wall s min / median / max | × PathAudit | CPU s | CPU ms/request | requests (by method) "
        "| requests/URL | × | MB sent | × | peak RSS MiB | × | in flight/host at the server max (mean) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, row in rows.items():
        tool = TOOLS[name]
        wall = f"{row['min']:.1f} / {row['median']:.1f} / {row['max']:.1f}"
        ratio = fmt_ratio(row["median"], base["median"]) if base else "–"
        if row["stopped"]:
            rate = row["requests"] / row["median"] if row["median"] else 0
            projected = site_urls * row["per_url"] / rate if rate else float("inf")
            wall = (f"stopped at {row['median']:.0f}; **projection** ≥ {projected:.0f} ({site_urls} URLs × "
                    f"{row['per_url']:.2f} requests/URL at {rate:.0f}/s)")
            ratio = f"≥ {fmt_ratio(projected, base['median'])} (projection)" if base else "–"
        cpu_per_request = f"{1000 * row['cpu'] / row['requests']:.1f}" if row["requests"] else "–"
        lines.append(
            f"| {tool.label} | {row['runs']} | {wall} | {ratio} "
            f"| {row['cpu']:.1f} | {cpu_per_request} | {row['requests']:.0f} ({row['methods']}) | {row['per_url']:.2f} "
            f"| {fmt_ratio(row['requests'], base['requests']) if base else '–'} "
            f"| {row['bytes'] / 1e6:.1f} | {fmt_ratio(row['bytes'], base['bytes']) if base else '–'} "
            f"| {row['rss']:.0f} | {fmt_ratio(row['rss'], base['rss']) if base else '–'} "
            f"| {row['inflight']:.0f} ({row['mean_inflight']:.1f}) |"
        )
    if base:
        latency = latency_ms / 1000
        chain = base["chain"] * latency
        polite = base["requests"] * latency / PATHAUDIT_PER_HOST
        lines.append("")
        lines.append(
            f"PathAudit floors at {latency_ms} ms: critical path {base['chain']:.0f} requests deep × {latency_ms} ms"
            f" = {chain:.1f} s (wall = {fmt_ratio(base['median'], chain) if chain else '–'});"
            f" politeness floor {base['requests']:.0f} requests × {latency_ms} ms ÷ {PATHAUDIT_PER_HOST}/host"
            f" = {polite:.1f} s (wall = {fmt_ratio(base['median'], polite) if polite else '–'})."
        )
    lines.append("")
    lines.append("Equal politeness is the only fair comparison: read each wall beside its in-flight column "
                 "(counted by the server); a tool holding more requests at once against the host is faster by "
                 "being less polite. Rows marked **projection** were stopped at the bound and are not measured "
                 "to completion.")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20000, help="HTML pages of the portal (≥ the bundled 652)")
    parser.add_argument("--latency", default="0,200", help="ms added to every answer, comma separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default=",".join(ALL_TOOLS), help=f"comma separated, of {', '.join(ALL_TOOLS)}")
    parser.add_argument("--bound", type=float, default=150, help="seconds after which a run is stopped")
    parser.add_argument("--peers", type=Path, default=os.environ.get("PATHAUDIT_PEERS"),
                        help="folder the peers were installed into (bin/, node_modules/.bin/)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--mandate-paths", type=int, default=0, metavar="N",
                        help="crawl with the bundled mandate grown to N paths (benchmarks/mandate_growth.py), on a "
                             "portal drawn for it (default: the bundled 29)")
    parser.add_argument("--background-load", type=int, default=0, metavar="N",
                        help="run N CPU-bound processes beside every run (a reproducible busy machine)")
    args = parser.parse_args()
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or args.runs < 1 or args.pages < 1:
        print(f"run.py: unknown tools {unknown} or bad --runs/--pages", file=sys.stderr)
        return 2
    compile_checkout()
    built = time.perf_counter()
    grown = grown_spec(args.mandate_paths) if args.mandate_paths else None
    portal, pages = large_portal(args.pages, grown[1] if grown else None)
    site_urls = len(portal.files)
    print(f"portal: {pages} HTML pages, {site_urls} URLs (built in {time.perf_counter() - built:.1f} s); "
          f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"background load: {args.background_load} CPU-bound process(es); "
          f"mandate: {len(grown[1].paths) if grown else 29} paths; "
          f"started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    everything: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="pathaudit-bench-") as tmp:
        work = Path(tmp)
        page_list = work / "pages.txt"
        spec = SPEC
        if grown:
            spec = work / "mandate.yaml"
            spec.write_text(grown[0], encoding="utf-8")
        for latency in [int(x) for x in args.latency.split(",") if x.strip()]:
            if latency == 0:
                with serve_portal(portal) as site:
                    print(f"server ceiling: {server_ceiling(site):.0f} answers/s (8 keep-alive clients, no latency)")
            rows: dict[str, dict[str, float]] = {}
            for name in tools:
                # a server of its own for each tool: nothing a previous tool left is counted against it
                with serve_portal(portal, latency_ms=latency) as site, BackgroundLoad(args.background_load):
                    page_list.write_text("".join(site.url(k) + "\n" for k in portal.files.html_keys()), encoding="utf-8")
                    ctx = Context(site, latency, work, args.peers, page_list, spec)
                    runs: list[Run] = []
                    for index in range(min(args.runs, TOOLS[name].max_runs or args.runs)):
                        run = run_once(TOOLS[name], ctx, index, args.bound)
                        if run is None:
                            print(f"  {name}: not installed, skipped", file=sys.stderr)
                            break
                        runs.append(run)
                        print(f"  {latency} ms {name} run {index + 1}: {run.wall:.1f} s, {run.cpu_seconds:.1f} CPU s, "
                              f"{run.requests} requests ({run.methods}), {run.max_in_flight} in flight, "
                              f"exit {run.exit_code}{' (stopped)' if run.stopped else ''}; "
                              f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
                        if run.stopped:
                            break
                    if runs:
                        rows[name] = summarise(runs)
            everything[str(latency)] = rows
            print(f"\n### {pages} pages, {latency} ms per answer (background load {args.background_load}; "
                  f"load average {os.getloadavg()[0]:.1f} at the end)\n")
            print("\n".join(table(rows, site_urls, latency)))
    if args.json:
        args.json.write_text(json.dumps({"pages": pages, "urls": site_urls, "results": everything}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
