"""``pathaudit run`` over the same portals three ways: locally (worker processes), on one Scrapyd
node and on two, each node a real Scrapyd daemon on loopback with the project deployed by
``scrapyd-deploy``; wall time, CPU and peak memory of every process involved.

    python benchmarks/scrapyd_fleet.py --portals 10 [--rounds 3] [--servers 2] [--max-proc 2]

The portals are those of ``fleet.py`` (copies of the bundled portal, each on a loopback address of
its own). The configurations run in turn, round after round (local, one node, two nodes, local…),
so a change of the machine's load falls on all of them alike; each run has a fresh output folder.
Sampled (``fleet.TreeSampler``): ``pathaudit run`` and every process under it, and for the Scrapyd
runs the daemons and the crawl processes they start (one per job), from before the run starts to
its end; the daemons' idle memory is in the figure, since a node is that too.

``--parallel`` is each configuration's default (local: the cores; Scrapyd: two jobs per node);
``--max-proc`` bounds each daemon's crawl processes. On one machine the two nodes share its cores:
the figures measure what the Scrapyd path costs (a fresh ``scrapy crawl`` process per job, polling,
the controller writing every site's reports), not what a second machine would add.

Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from fleet import REPO, run_sampled

DEPLOY = shutil.which("scrapyd-deploy", path=str(Path(sys.executable).parent)) or shutil.which("scrapyd-deploy")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_node(home: Path, max_proc: int) -> tuple[str, subprocess.Popen]:
    """A Scrapyd daemon on 127.0.0.1 (its own folder, config and port); returns its URL once it answers."""
    port = free_port()
    home.mkdir(parents=True)
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\nitems_dir =\nmax_proc = {max_proc}\n"
        "poll_interval = 0.5\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "scrapyd", "--pidfile="], cwd=home, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "daemonstatus.json", timeout=5) as answer:
                if json.loads(answer.read())["status"] == "ok":
                    return url, proc
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"Scrapyd in {home} did not start")
        time.sleep(0.3)


def deploy(nodes: list[str], work: Path) -> None:
    """``scrapyd-deploy -a``: the project deployed to every node, as docs/operations.md says."""
    if DEPLOY is None:
        raise SystemExit("scrapyd-deploy is not installed (pip install -e '.[deploy]')")
    xdg = work / "xdg"
    xdg.mkdir(exist_ok=True)
    (xdg / "scrapy.cfg").write_text("".join(f"[deploy:n{i}]\nurl = {url}\nproject = pathaudit\n\n"
                                            for i, url in enumerate(nodes, start=1)), encoding="utf-8")
    done = subprocess.run([DEPLOY, "-a", "--version", "bench"], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "XDG_CONFIG_HOME": str(xdg), "HOME": str(work)}, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"scrapyd-deploy failed: {done.stdout}{done.stderr}")


def start_portals(count: int, servers: int) -> tuple[list[subprocess.Popen], list[str], str]:
    """``fleet.py --serve``: the portals, in ``servers`` processes; their SITES.yaml entries."""
    per = -(-count // servers)
    procs, sites, as_of = [], [], ""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    for first in range(1, count + 1, per):
        proc = subprocess.Popen([sys.executable, str(REPO / "benchmarks" / "fleet.py"), "--serve", str(first),
                                 str(min(per, count + 1 - first))], env=env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "ready":
                break
            entry = json.loads(line)
            sites.append(f"  - name: portal{entry['n']:03d}\n    url: {entry['url']}\n")
            as_of = entry["as_of"]
    return procs, sites, as_of


def one_run(work: Path, sites: list[str], as_of: str, nodes: list[str], daemons: list[int]) -> dict:
    """One ``pathaudit run`` (on ``nodes``, or locally with none) into a fresh folder; its figures."""
    folder = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    (folder / "sites.yaml").write_text(
        f"defaults:\n  spec: liangjiang-2021\n  as_of: \"{as_of}\"\n  fail_on: never\n  out: {folder / 'audits'}\n"
        "sites:\n" + "".join(sites), encoding="utf-8")
    command = [sys.executable, "-m", "pathaudit", "run", "sites.yaml", "-q"]
    if nodes:
        command += ["--scrapyd", ",".join(nodes)]
    load_before = os.getloadavg()[0]
    run = run_sampled(command, folder, {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}, *daemons)
    output, wall, tree = run.output, run.wall, run.tree
    last = output.strip().splitlines()[-1] if output.strip() else ""
    failed = [line.strip()[:300] for line in output.splitlines() if "FAILED" in line]
    shutil.rmtree(folder, ignore_errors=True)
    return {"nodes": len(nodes), "exit": run.returncode, "wall_s": round(wall, 1), "cpu_s": round(tree.cpu_seconds, 1),
            "peak_rss_mib": round(tree.peak_rss / 2**20), "peak_pss_mib": round(tree.peak_pss / 2**20),
            "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2), "last_line": last, "failed": failed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portals", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--max-proc", type=int, default=2, help="each Scrapyd daemon's max_proc")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pathaudit-scrapyd-bench-"))
    portals, sites, as_of = start_portals(args.portals, args.servers)
    nodes: list[tuple[str, subprocess.Popen]] = []
    results: list[dict] = []
    try:
        nodes = [start_node(work / f"node{i}", args.max_proc) for i in (1, 2)]
        deploy([url for url, _ in nodes], work)
        configurations = {"local": [], "one node": nodes[:1], "two nodes": nodes}
        for round_ in range(1, args.rounds + 1):
            for label, chosen in configurations.items():
                figures = one_run(work, sites, as_of, [url for url, _ in chosen], [p.pid for _, p in chosen])
                figures.update({"round": round_, "configuration": label, "portals": args.portals})
                results.append(figures)
                print(json.dumps(figures, ensure_ascii=False), flush=True)
    finally:
        for _, proc in nodes:
            proc.terminate()
            proc.wait()
        for proc in portals:
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    for label in ("local", "one node", "two nodes"):
        mine = [r for r in results if r["configuration"] == label]
        if mine:
            print(json.dumps({"configuration": label, "runs": len(mine),
                              "median_wall_s": statistics.median(r["wall_s"] for r in mine),
                              "median_cpu_s": statistics.median(r["cpu_s"] for r in mine),
                              "median_peak_pss_mib": statistics.median(r["peak_pss_mib"] for r in mine),
                              "loads": [r["load_before"] for r in mine]}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
