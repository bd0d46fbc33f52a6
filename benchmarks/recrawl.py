"""A scheduled re-crawl with ``--cache DIR``: what the second crawl of an unchanged portal costs.

    python benchmarks/recrawl.py [--pages 652] [--latency 200]

Serves the portal (the bundled one, or grown with ``--pages``) on one port, crawls it twice with the
same ``--cache`` folder and prints, for each crawl, wall time, requests, bytes sent, the answers by
status, and whether the two findings are the same (times, stats and evidence order aside).
Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_portal import large_portal  # noqa: E402

from sample_portal.server import serve_portal  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"


def comparable(path: Path, base_url: str) -> list[str]:
    """Findings without the base URL, each with its lists sorted: what two crawls must agree on."""
    data = json.loads(path.read_text(encoding="utf-8").replace(base_url.rstrip("/"), "BASE"))

    def canonical(value: object) -> object:
        if isinstance(value, dict):
            return {k: canonical(v) for k, v in value.items() if k != "page"}
        if isinstance(value, list):
            return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return value

    return sorted(json.dumps(canonical(f), sort_keys=True, ensure_ascii=False) for f in data["findings"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="grow the portal to this many HTML pages")
    parser.add_argument("--latency", type=int, default=0)
    args = parser.parse_args()
    portal, pages = large_portal(args.pages)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        cache, results = Path(tmp) / "cache", []
        for name in ("first", "second"):
            out = Path(tmp) / name
            with serve_portal(portal, port=port, latency_ms=args.latency) as site:
                started = time.perf_counter()
                proc = subprocess.run(
                    [sys.executable, "-m", "pathaudit", "crawl", site.base_url, "--spec", str(SPEC), "--out", str(out),
                     "--as-of", "2021-12-01", "--fail-on", "never", "-q", "--cache", str(cache)],
                    cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
                )
                wall = time.perf_counter() - started
                statuses = collections.Counter(status for _, _, status in site.request_log)
                results.append((site.traffic.requests, site.traffic.bytes_sent))
                print(f"{name} crawl ({pages} pages, {args.latency} ms): {wall:.1f} s, {site.traffic.requests} requests, "
                      f"{site.traffic.bytes_sent} bytes, answers {dict(sorted(statuses.items()))}, exit {proc.returncode}")
                base_url = site.base_url
        same = comparable(Path(tmp) / "first" / "findings.json", base_url) == \
            comparable(Path(tmp) / "second" / "findings.json", base_url)
    (first_requests, first_bytes), (second_requests, second_bytes) = results
    print(f"second / first: requests {first_requests / max(1, second_requests):.2f}× fewer, "
          f"bytes {first_bytes / max(1, second_bytes):.0f}× fewer; findings identical: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
