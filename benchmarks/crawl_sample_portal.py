"""Benchmark: audit the bundled sample portal and print speed and memory figures.

    python benchmarks/crawl_sample_portal.py [--latency-ms 20] [--runs 3]

Serves the portal on 127.0.0.1 (optionally with a per-response delay that imitates a government
server), runs ``pathaudit crawl`` in a subprocess per run, and prints wall time, requests, pages and
media per second and the crawl process's peak memory. Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pathaudit.sample_portal.server import serve_portal

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"


def one_run(base_url: str, as_of: str, out: Path) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pathaudit", "crawl", base_url, "--spec", str(SPEC), "--out", str(out),
         "--as-of", as_of, "--fail-on", "never", "-q"],
        capture_output=True, text=True,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stats = json.loads((out / "findings.json").read_text(encoding="utf-8"))["stats"]
    return {
        "wall_s": wall,
        "requests": stats["requests"],
        "pages": stats["pages"],
        "media": stats["media_checked"],
        # ru_maxrss of children is the largest child so far: meaningful when it grows
        "peak_rss_mib": max(peak_kib, before) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=0, help="delay added to every response")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = []
    with serve_portal(latency_ms=args.latency_ms) as running, tempfile.TemporaryDirectory() as tmp:
        files = len(running.portal.files)
        size_mib = running.portal.total_bytes / 2**20
        print(f"sample portal: {files} files, {size_mib:.1f} MiB, latency {args.latency_ms} ms, {args.runs} runs")
        for index in range(args.runs):
            result = one_run(running.base_url, running.portal.manifest["as_of"], Path(tmp) / f"run{index}")
            results.append(result)
            print(
                f"  run {index + 1}: {result['wall_s']:.2f} s, {result['requests']} requests "
                f"({result['requests'] / result['wall_s']:.0f}/s), {result['pages']} pages, "
                f"{result['media']} media, peak RSS {result['peak_rss_mib']:.0f} MiB"
            )
    walls = [r["wall_s"] for r in results]
    print(f"median wall time {statistics.median(walls):.2f} s (min {min(walls):.2f}, max {max(walls):.2f})")


if __name__ == "__main__":
    main()
