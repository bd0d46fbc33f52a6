"""``pathaudit run`` over a fleet: N copies of the bundled portal, each on a loopback address of its
own (distinct hosts), one SITES.yaml; wall time and the peak RSS of the whole process tree.

    python benchmarks/fleet.py --portals 50 [--servers 4] [--parallel N] [--code DIR] [--keep-out DIR]

The portals are served by ``--servers`` processes (one Python process serving fifty portals would
be the bottleneck, not the audit). ``--code DIR`` runs another checkout's ``pathaudit`` (e.g. the
main branch, for the figures before a change) with ``PYTHONPATH=DIR``. ``pathaudit`` and every
process under it (fork server, workers) are sampled every 0.2 s: the peak of their summed RSS and
PSS (shared pages counted once), and their CPU time (user + system, summed over the processes); the
machine's load average is printed before and after, since the figures of a shared machine depend
on it.

Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def serve(first: int, count: int) -> None:
    """Serve portals ``first`` .. ``first + count - 1`` on 127.0.1.<n>; print their URLs, wait."""
    from contextlib import ExitStack

    from sample_portal.server import serve_portal

    with ExitStack() as stack:
        for n in range(first, first + count):
            running = stack.enter_context(serve_portal(host=f"127.0.1.{n}"))
            print(json.dumps({"n": n, "url": running.base_url, "as_of": running.portal.manifest["as_of"]}), flush=True)
        print("ready", flush=True)
        sys.stdin.read()  # until the parent closes our stdin


class TreeSampler:
    """Samples the processes ``pids`` and all their descendants from /proc: the peak of the summed RSS and PSS, and
    each process's CPU time (user + system) as last seen, summed at the end.

    PSS counts a page shared by several processes once (split between them): a fork server's
    imported image shared by its children is counted once, where the RSS sum counts it in each
    child. CPU is sampled, so each process's last interval (at most ``every`` seconds) is missed."""

    def __init__(self, *pids: int) -> None:
        self.pids = list(pids)
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_processes = 0
        self.cpu_ticks: dict[tuple[int, str], int] = {}
        self.page = os.sysconf("SC_PAGE_SIZE")

    def sample(self) -> None:
        children: dict[int, list[int]] = {}
        stats: dict[int, list[str]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                stats[int(entry.name)] = fields
                children.setdefault(int(fields[1]), []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
        rss = pss = count = 0
        todo = list(self.pids)
        while todo:
            current = todo.pop()
            todo.extend(children.get(current, []))
            fields = stats.get(current)
            if fields is None:
                continue
            count += 1
            rss += int(fields[21]) * self.page
            pss += self._pss(current)
            key = (current, fields[19])  # pid and start time: a reused pid is another process
            self.cpu_ticks[key] = max(self.cpu_ticks.get(key, 0), int(fields[11]) + int(fields[12]))
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.peak_processes = max(self.peak_processes, count)

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        return 0

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")


@dataclass
class SampledRun:
    """A command run to its end with its process tree sampled throughout."""

    output: str
    returncode: int
    wall: float
    tree: TreeSampler


def run_sampled(command: list[str], cwd: Path, env: dict[str, str], *also: int) -> SampledRun:
    """Run ``command`` (stdout and stderr together) while sampling its process tree, and the trees
    of the processes ``also`` names (daemons it hands work to), every 0.2 s until it exits."""
    started = time.monotonic()
    run = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    tree = TreeSampler(run.pid, *also)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree.sample()
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = run.communicate()
    wall = time.monotonic() - started
    done.set()
    sampler.join()
    return SampledRun(output, run.returncode, wall, tree)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portals", type=int, default=50)
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--parallel", type=int, help="pathaudit run --parallel (default: its own)")
    parser.add_argument("--sites-parallel", type=int, help="parallel: in SITES.yaml (the old runner's knob)")
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose pathaudit runs")
    parser.add_argument("--keep-out", type=Path, help="work in this folder (kept) instead of a temporary one")
    parser.add_argument("--serve", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(*args.serve)
        return
    work = args.keep_out or Path(tempfile.mkdtemp(prefix="pathaudit-fleet-"))
    work.mkdir(parents=True, exist_ok=True)
    per = -(-args.portals // args.servers)
    servers, sites, as_of = [], [], ""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    for first in range(1, args.portals + 1, per):
        count = min(per, args.portals + 1 - first)
        proc = subprocess.Popen([sys.executable, __file__, "--serve", str(first), str(count)], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        servers.append(proc)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "ready":
                break
            entry = json.loads(line)
            sites.append(f"  - name: portal{entry['n']:03d}\n    url: {entry['url']}\n")
            as_of = entry["as_of"]
    extra = f"parallel: {args.sites_parallel}\n" if args.sites_parallel else ""
    (work / "sites.yaml").write_text(
        f"defaults:\n  spec: liangjiang-2021\n  as_of: \"{as_of}\"\n  fail_on: never\n  out: audits\n{extra}"
        "sites:\n" + "".join(sites), encoding="utf-8")
    command = [sys.executable, "-m", "pathaudit", "run", "sites.yaml", "-q"]
    if args.parallel:
        command += ["--parallel", str(args.parallel)]
    load_before = os.getloadavg()
    run = run_sampled(command, work, {**env, "PYTHONPATH": str(args.code)})
    output, wall, tree = run.output, run.wall, run.tree
    load_after = os.getloadavg()
    for proc in servers:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    last = output.strip().splitlines()[-1] if output.strip() else ""
    print(json.dumps({"portals": args.portals, "code": str(args.code), "parallel": args.parallel,
                      "sites_parallel": args.sites_parallel, "exit": run.returncode, "wall_s": round(wall, 1),
                      "peak_rss_mib": round(tree.peak_rss / 2**20),
                      "peak_pss_mib": round(tree.peak_pss / 2**20), "cpu_s": round(tree.cpu_seconds, 1),
                      "peak_processes": tree.peak_processes, "load_before": load_before,
                      "load_after": load_after, "cores": os.cpu_count(), "last_line": last, "work": str(work)},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
