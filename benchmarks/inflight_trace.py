"""Where a crawl holds fewer requests in flight than its per-host limit: one demo crawl, traced.

    python benchmarks/inflight_trace.py [--latency 200] [--background-load N] [--per-host 4] [--show 12]

Serves the bundled demo portal on 127.0.0.1 with ``--latency`` ms added to every answer, runs one
``pathaudit crawl`` of it (from this checkout) and records, at the server, when each request arrived
and when its answer was written. Prints the wall split into its parts (process start to the first
request, the requests, the last answer to exit), the time spent at each number in flight, the
in-flight over time in buckets, and the longest stretches below the limit with the requests that
were in flight then: the start (robots.txt, the home page), the tail and any gap the walk left.

Figures only: the times depend on the machine; the requests and their order at the server do not.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import SPEC, BackgroundLoad, compile_checkout, tool_environment  # noqa: E402

from pathaudit.loopback.server import PortalRequestHandler  # noqa: E402
from sample_portal.server import default_portal, serve_portal  # noqa: E402


@dataclass
class Span:
    target: str
    start: float
    end: float = 0.0
    #: the client's port: one per connection
    port: int = 0


class TracingHandler(PortalRequestHandler):
    """The demo server's handler, noting when each request came and when its answer left."""

    spans: list[Span] = []
    lock = threading.Lock()

    def _answer(self, send_body: bool) -> None:
        span = Span(f"{self.command} {self.path}", time.perf_counter(), port=self.client_address[1])
        with self.lock:
            self.spans.append(span)
        try:
            super()._answer(send_body)
        finally:
            span.end = time.perf_counter()


def steps(spans: list[Span]) -> list[tuple[float, int]]:
    """(time, in flight from then on), one per change."""
    events = sorted([(s.start, 1) for s in spans] + [(s.end, -1) for s in spans], key=lambda e: (e[0], e[1]))
    level, out = 0, []
    for moment, change in events:
        level += change
        out.append((moment, level))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=int, default=200)
    parser.add_argument("--background-load", type=int, default=0)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--bucket", type=float, default=1.0, help="seconds per bucket of the in-flight timeline")
    parser.add_argument("--show", type=int, default=12, help="stretches below the limit to list")
    parser.add_argument("--log", type=Path, help="write every request (start, end, target) here")
    args = parser.parse_args()
    compile_checkout()
    portal = default_portal()
    with tempfile.TemporaryDirectory(prefix="pathaudit-trace-") as tmp, \
            serve_portal(portal, latency_ms=args.latency) as site, BackgroundLoad(args.background_load):
        assert site.server is not None
        site.server.RequestHandlerClass = TracingHandler
        command = [sys.executable, "-m", "pathaudit", "crawl", site.base_url, "--spec", str(SPEC), "--out",
                   str(Path(tmp) / "out"), "--as-of", portal.manifest["as_of"], "--fail-on", "never", "-q"]
        launched = time.perf_counter()
        proc = subprocess.run(command, cwd=tmp, env=tool_environment(), capture_output=True, text=True)
        exited = time.perf_counter()
        time.sleep(0.2)
    spans = sorted(TracingHandler.spans, key=lambda s: s.start)
    if proc.returncode != 0 or not spans:
        print(proc.stderr[-3000:], file=sys.stderr)
        return 1
    first, last = spans[0].start, max(s.end for s in spans)
    latency = args.latency / 1000
    floor = len(spans) * latency / args.per_host
    print(f"{len(spans)} requests; wall {exited - launched:.2f} s = start-up {first - launched:.2f} s + requests "
          f"{last - first:.2f} s + end {exited - last:.2f} s; politeness floor {floor:.2f} s "
          f"(wall {(exited - launched) / floor:.3f}x, requests alone {(last - first) / floor:.3f}x)")
    changes = steps(spans)
    at_level: dict[int, float] = {}
    for (moment, level), (after, _) in zip(changes, changes[1:]):
        at_level[level] = at_level.get(level, 0.0) + after - moment
    busy = sum(s.end - s.start for s in spans)
    print(f"{len({s.port for s in spans})} connections")
    print(f"mean in flight {busy / (last - first):.2f} between the first request and the last answer; "
          f"{busy / (exited - launched):.2f} over the wall")
    print("time at each number in flight: " + ", ".join(
        f"{level}: {seconds:.2f} s" for level, seconds in sorted(at_level.items())))
    lost = sum(seconds * (args.per_host - level) for level, seconds in at_level.items() if level < args.per_host)
    print(f"request-seconds lost below {args.per_host}: {lost:.2f} (= {lost / args.per_host:.2f} s of wall)")
    # the timeline in buckets
    line = []
    bucket_start = first
    while bucket_start < last:
        bucket_end = bucket_start + args.bucket
        covered = sum(max(0.0, min(s.end, bucket_end) - max(s.start, bucket_start)) for s in spans)
        line.append(f"{covered / args.bucket:.1f}")
        bucket_start = bucket_end
    print(f"in flight per {args.bucket:g} s from the first request: " + " ".join(line))
    # stretches below the limit
    stretches: list[tuple[float, float, int]] = []
    low_from: float | None = None
    low_min = args.per_host
    for (moment, level), (after, _) in zip(changes, changes[1:]):
        if level < args.per_host:
            if low_from is None:
                low_from, low_min = moment, level
            low_min = min(low_min, level)
        elif low_from is not None:
            stretches.append((low_from, moment, low_min))
            low_from = None
    if low_from is not None:
        stretches.append((low_from, last, low_min))
    weighed = []
    for start, end, lowest in stretches:
        cost = sum(max(0.0, (min(after, end) - max(moment, start))) * (args.per_host - level)
                   for (moment, level), (after, _) in zip(changes, changes[1:]) if level < args.per_host)
        weighed.append((cost, start, end, lowest))
    print(f"\n{len(stretches)} stretches below {args.per_host}; the {args.show} costliest (request-seconds lost):")
    for cost, start, end, lowest in sorted(weighed, reverse=True)[: args.show]:
        inside = [s for s in spans if s.start < end and s.end > start]
        print(f"  {start - first:7.2f}-{end - first:7.2f} s lost {cost:.2f} (lowest {lowest}): "
              + ", ".join(s.target[:60] for s in inside[:8]) + (" …" if len(inside) > 8 else ""))
    if args.log:
        args.log.write_text("".join(f"{s.start - first:.3f}\t{s.end - first:.3f}\t{s.target}\n" for s in spans),
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
