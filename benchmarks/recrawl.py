"""A scheduled re-crawl with ``--cache DIR``: what the second crawl of an unchanged portal costs.

    python benchmarks/recrawl.py [--pages 652] [--latency 200] [--no-change]

Serves the portal (the bundled one, or grown with ``--pages``) on one port, crawls it twice with the
same ``--cache`` folder and prints, for each crawl, wall time, CPU time, requests, bytes sent, the
answers by status, and whether the two findings are the same. Then (unless ``--no-change``) one item
page the walk read is changed (one of its checked images now points nowhere) and the portal is
crawled a third time with the same cache: it prints which findings appeared or went, and whether
each of them is the changed page's.

Findings are compared without what belongs to one run (``comparable``): the evidence record ids of
the run's own archive, the history's ``first_seen``/``last_seen``/``runs_seen``/``in_previous_run``,
and the port; lists are compared in any order (a search's pages come in the order of their answers).
Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_portal import large_portal  # noqa: E402

from auditor.model.findings import HISTORY_FIELDS, RUN_EVIDENCE_FIELDS  # noqa: E402
from pathaudit.loopback.model import Resource  # noqa: E402
from sample_portal.server import serve_portal  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "path_specs" / "liangjiang-2021.yaml"


#: fields of a finding, and of its evidence, that belong to one run, not to what the site showed (a
#: re-crawl with ``--cache`` replays every medium)
PER_RUN_FIELDS = HISTORY_FIELDS
PER_RUN_EVIDENCE = RUN_EVIDENCE_FIELDS
_ARTICLE = re.compile(r"/t\d{8}_\d+\.html$")


def comparable(path: Path, base_url: str) -> list[str]:
    """The findings of a findings.json as two crawls of an unchanged site must agree on: the base URL
    replaced by ``BASE``, per-run fields left out (``PER_RUN_FIELDS``, ``PER_RUN_EVIDENCE``), every
    list in a canonical order; one JSON text per finding, sorted."""
    data = json.loads(path.read_text(encoding="utf-8").replace(base_url.rstrip("/"), "BASE"))

    def canonical(value: object) -> object:
        if isinstance(value, dict):
            return {k: canonical(v) for k, v in value.items()}
        if isinstance(value, list):
            return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return value

    findings = []
    for finding in data["findings"]:
        finding = {k: v for k, v in finding.items() if k not in PER_RUN_FIELDS}
        if isinstance(finding.get("evidence"), dict):
            finding["evidence"] = {k: v for k, v in finding["evidence"].items() if k not in PER_RUN_EVIDENCE}
        findings.append(json.dumps(canonical(finding), sort_keys=True, ensure_ascii=False))
    return sorted(findings)


class Overlay(Mapping[str, Resource]):
    """A portal's files with some replaced (the grown portal's pages are drawn when asked for: not
    copied into a dict)."""

    def __init__(self, base: Mapping[str, Resource], changed: dict[str, Resource]) -> None:
        self.base, self.changed = base, changed

    def __getitem__(self, key: str) -> Resource:
        return self.changed[key] if key in self.changed else self.base[key]

    def __contains__(self, key: object) -> bool:
        return key in self.changed or key in self.base

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


def changed_portal(portal, asked: list[str]):  # type: ignore[no-untyped-def]
    """The portal with one item page the walk read changed: one of its images that the walk checked
    now points to a file that is not there. Returns (portal, the page's path, the image's path)."""
    for target in asked:
        if not _ARTICLE.search(target) or target not in portal.files:
            continue
        body = portal.files[target].body
        for src in re.findall(r'<img[^>]+src="(/[^"]+\.(?:jpg|png))"', body.decode("utf-8", "replace")):
            if src in asked:
                edited = body.replace(src.encode(), b"/images/removed-since-last-crawl.jpg")
                files = Overlay(portal.files, {target: Resource(edited, portal.files[target].content_type)})
                return dataclasses.replace(portal, files=files), target, src
    raise SystemExit("recrawl.py: no item page with a checked image was read")


def crawl(portal, port: int, latency: int, out: Path, cache: Path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    with serve_portal(portal, port=port, latency_ms=latency) as site:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "pathaudit", "crawl", site.base_url, "--spec", str(SPEC), "--out", str(out),
             "--as-of", "2021-12-01", "--fail-on", "never", "-q", "--cache", str(cache)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        time.sleep(0.2)  # answers still being written are counted
        return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "requests": site.traffic.requests,
                "bytes": site.traffic.bytes_sent, "exit": os.waitstatus_to_exitcode(status),
                "statuses": dict(sorted(collections.Counter(s for _, _, s in site.request_log).items())),
                "asked": [target for _, target, s in site.request_log if s == 200], "base_url": site.base_url}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="grow the portal to this many HTML pages")
    parser.add_argument("--latency", type=int, default=0)
    parser.add_argument("--no-change", action="store_true", help="no third crawl with one page changed")
    args = parser.parse_args()
    portal, pages = large_portal(args.pages)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        cache, runs = Path(tmp) / "cache", {}
        names = ("first", "second") if args.no_change else ("first", "second", "changed")
        for name in names:
            served = portal
            if name == "changed":
                served, page, image = changed_portal(portal, runs["first"]["asked"])
                print(f"changed: {page} (its image {image} now points to /images/removed-since-last-crawl.jpg)")
            run = runs[name] = crawl(served, port, args.latency, Path(tmp) / name, cache)
            print(f"{name} crawl ({pages} pages, {args.latency} ms): {run['wall']:.1f} s, {run['cpu']:.1f} CPU s, "
                  f"{run['requests']} requests, {run['bytes']} bytes, answers {run['statuses']}, exit {run['exit']}")
        base_url = runs["first"]["base_url"]
        first = comparable(Path(tmp) / "first" / "findings.json", base_url)
        second = comparable(Path(tmp) / "second" / "findings.json", base_url)
        first_run, second_run = runs["first"], runs["second"]
        print(f"second / first: requests {first_run['requests'] / max(1, second_run['requests']):.2f}× fewer, "
              f"bytes {first_run['bytes'] / max(1, second_run['bytes']):.0f}× fewer; "
              f"findings identical: {first == second} ({len(first)} findings)")
        if first != second:
            for line in sorted(set(first) ^ set(second))[:10]:
                print(f"  {'only first ' if line in first else 'only second'}: {line[:300]}")
        if "changed" in runs:
            after = comparable(Path(tmp) / "changed" / "findings.json", base_url)
            gone, new = sorted(set(first) - set(after)), sorted(set(after) - set(first))
            own = all(f"BASE{page}" in line for line in gone + new)
            print(f"changed page: {len(new)} findings new, {len(gone)} gone, all of them the changed page's: {own}")
            for line in new + gone:
                print(f"  {'new ' if line in new else 'gone'}: {line[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
