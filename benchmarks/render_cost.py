"""What rendering costs: wall time and memory of ``pathaudit crawl`` with ``--render never`` and
``--render auto`` on the script-drawn lab portal (portal_lab/scripted) and on the bundled demo, and
rendered pages per second (``--render always`` on the demo: every walk page through Chromium).

Memory is the whole process tree's (the crawl, Playwright's driver, Chromium's processes): the peak
of the sum of their proportional set sizes (PSS, /proc/PID/smaps_rollup, so pages the processes share
are counted once), sampled every 50 ms. Linux only; needs the browser extra and /usr/bin/chromium.

    python benchmarks/render_cost.py [--repeat 2]
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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sample_portal.server import serve_portal  # noqa: E402
from portal_lab.scripted import AS_OF, SPEC, serve_scripted  # noqa: E402

LIANGJIANG = REPO / "path_specs" / "liangjiang-2021.yaml"


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _tree_pss_kb(root: int) -> int:
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
        todo.extend(_children(pid))
    return total


def measure(args: list[str]) -> dict[str, float]:
    """Run the CLI; its wall time and the peak PSS of its process tree."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pathaudit", *args], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_pss_kb(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"crawl failed ({proc.returncode}): {err.decode()[-2000:]}")
    return {"wall": wall, "peak_mb": peak / 1024}


def crawl(base: str, spec: Path, as_of: str, mode: str, *extra: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        figures = measure(["crawl", base, "--spec", str(spec), "--out", out, "--as-of", as_of, "-q", "--no-history",
                           "--render", mode, *extra])
        findings = json.loads((Path(out) / "findings.json").read_text(encoding="utf-8"))
    counts = findings["stats"].get("script_pages", {})
    figures.update({"pages": findings["stats"]["pages"], "rendered": counts.get("rendered", 0),
                    "data": counts.get("data", 0)})
    return figures


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest run (the figures of one run, not a mix)."""
    return min(runs, key=lambda r: r["wall"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    rows = []
    with serve_scripted() as (portal, _):
        base = portal.base_url + "/index.html"
        for mode in ("never", "auto"):
            rows.append(("lab", mode, best([crawl(base, SPEC, AS_OF, mode) for _ in range(args.repeat)])))
    with serve_portal() as running:
        as_of = running.portal.manifest["as_of"]
        for mode in ("never", "auto", "always"):
            repeat = 1 if mode == "always" else args.repeat
            rows.append(("demo", mode, best([crawl(running.base_url, LIANGJIANG, as_of, mode) for _ in range(repeat)])))
    print("| portal | --render | wall s | peak memory MB | pages read | rendered | read from data | rendered pages/s |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for portal_name, mode, r in rows:
        rate = f"{r['rendered'] / r['wall']:.1f}" if r["rendered"] else "–"
        print(f"| {portal_name} | {mode} | {r['wall']:.1f} | {r['peak_mb']:.0f} | {r['pages']:.0f} | {r['rendered']:.0f} "
              f"| {r['data']:.0f} | {rate} |")


if __name__ == "__main__":
    main()
