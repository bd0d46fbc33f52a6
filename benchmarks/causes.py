"""The causes of a slow or impolite walk, each shown on the installed Scrapy (issue 12).

    python benchmarks/causes.py [--latency 200] [--runs 3]

Crawls the bundled portal once per configuration with the sample server counting what it is asked
(requests, the most in flight at once, the mean in flight = answer time summed ÷ wall time), and
prints one line per configuration:

* the defaults (per-host limit 4 held by ``spiders.host_limit``, AutoThrottle off);
* AutoThrottle on, as the defaults were before (start delay 0.5 s, target concurrency 4);
* Scrapy's own per-domain limit alone (``PerHostLimitMiddleware`` removed, limit 1), with
  ``CONCURRENT_REQUESTS`` 16 and 64: what bounds the requests in flight then is the global cap;
* ``CONCURRENT_ITEMS`` 100 (Scrapy's default) against 4, at no latency: CPU seconds of the crawl;
* the start-up: CPU seconds of importing what a crawl imports, before its first request.

Figures only; nothing is asserted. Counts do not depend on how busy the machine is; times do.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sample_portal.server import serve_portal  # noqa: E402

SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"
def _without_limit() -> str:
    """The downloader middlewares of spiders/settings.py without the per-host limit."""
    from spiders import settings

    middlewares = {name: order for name, order in settings.DOWNLOADER_MIDDLEWARES.items()
                   if name != "spiders.host_limit.PerHostLimitMiddleware"}
    return json.dumps(middlewares)


WITHOUT_LIMIT = _without_limit()


def crawl(latency_ms: int, settings: list[str]) -> dict[str, float]:
    sets = [arg for setting in settings for arg in ("--set", setting)]
    with serve_portal(latency_ms=latency_ms) as site, tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "pathaudit", "crawl", site.base_url, "--spec", str(SPEC), "--out", out,
             "--as-of", "2021-12-01", "--fail-on", "never", "-q", "--set", "AUDITOR_REPORT_FORMATS=", *sets],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        traffic = site.traffic
        return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "requests": traffic.requests,
                "max_in_flight": traffic.max_in_flight, "mean_in_flight": traffic.busy_seconds / wall,
                "exit": os.waitstatus_to_exitcode(status)}


def startup_cpu() -> float:
    code = "import scrapy.crawler, spiders.pathwalk, spiders.pipelines, reports, pathaudit.cli"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def line(label: str, results: list[dict[str, float]]) -> str:
    wall = statistics.median(r["wall"] for r in results)
    cpu = statistics.median(r["cpu"] for r in results)
    requests = results[-1]["requests"]
    return (f"| {label} | {requests:.0f} | {max(r['max_in_flight'] for r in results):.0f} "
            f"| {statistics.median(r['mean_in_flight'] for r in results):.1f} | {wall:.1f} | {cpu:.1f} "
            f"| {cpu * 1000 / requests:.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    latency = args.latency
    configs = [
        (f"defaults, {latency} ms", latency, []),
        (f"AutoThrottle on (the old defaults), {latency} ms", latency,
         ["AUTOTHROTTLE_ENABLED=True"]),
        (f"Scrapy's limit alone, PER_DOMAIN=1, CONCURRENT_REQUESTS=16, {latency} ms", latency,
         [f"DOWNLOADER_MIDDLEWARES={WITHOUT_LIMIT}", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]),
        (f"Scrapy's limit alone, PER_DOMAIN=1, CONCURRENT_REQUESTS=64, {latency} ms", latency,
         [f"DOWNLOADER_MIDDLEWARES={WITHOUT_LIMIT}", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "CONCURRENT_REQUESTS=64"]),
        ("defaults (CONCURRENT_ITEMS=4), 0 ms", 0, []),
        ("CONCURRENT_ITEMS=100 (Scrapy's default), 0 ms", 0, ["CONCURRENT_ITEMS=100"]),
    ]
    print("| configuration | requests | max in flight | mean in flight | wall s (median) | CPU s | CPU ms/request |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, config_latency, settings in configs:
        runs = [crawl(config_latency, settings) for _ in range(args.runs)]
        print(line(label, runs), flush=True)
    cpus = [startup_cpu() for _ in range(args.runs)]
    print(f"\nstart-up imports: {statistics.median(cpus):.2f} CPU s (median of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
