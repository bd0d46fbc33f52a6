"""What the column-map census costs: requests of a walk with the census (its default budget) beside
the same walk without it (budget 0), on the bundled portal grown to 1 000 / 20 000 / 100 000 pages and
on one portal of every generated family.

    python benchmarks/census_cost.py [--pages 1000,20000,100000] [--seeds 2]

The walk runs in-process (``auditor.inprocess.audit_site``, the crawl's own walker and audit, over
the portal's files), so the counts are the walk's own and do not depend on the machine or its load.
The issue's bound: the census costs at most 1.5× the requests of the walk without it, and grows
with the site's columns, not its pages. Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor.inprocess import audit_site  # noqa: E402
from auditor.walk.config import WalkConfig  # noqa: E402
from benchmarks.large_portal import large_portal  # noqa: E402
from portal_lab.families import FAMILY_NAMES, build_family_portal  # noqa: E402
from portal_lab.fetch import portal_fetch  # noqa: E402
from portal_lab.scoring import ORIGIN  # noqa: E402
from sample_portal.generator import load_default_spec  # noqa: E402
from sample_portal import Portal  # noqa: E402


@dataclass(frozen=True)
class Cost:
    requests: int
    columns: int
    census_pages: int
    not_read: int


def walk_cost(portal: Portal, spec, census_pages: int | None) -> Cost:  # type: ignore[no-untyped-def]
    """One in-process walk of the portal: its requests and the column map it drew."""
    as_of = dt.date.fromisoformat(portal.manifest["as_of"])
    config = WalkConfig(as_of=as_of) if census_pages is None else WalkConfig(as_of=as_of, census_pages=census_pages)
    report = audit_site(spec, ORIGIN.rstrip("/") + "/", portal_fetch(portal), config).to_dict()
    column_map = report.get("column_map") or {}
    coverage = column_map.get("coverage") or {}
    return Cost(
        requests=int(report["stats"]["requests"]),
        columns=len(column_map.get("columns") or []),
        census_pages=int(coverage.get("census_pages") or 0),
        not_read=len(coverage.get("listed_not_read") or []),
    )


def row(name: str, pages: int | str, portal: Portal, spec) -> str:  # type: ignore[no-untyped-def]
    without = walk_cost(portal, spec, 0)
    with_census = walk_cost(portal, spec, None)
    ratio = with_census.requests / max(1, without.requests)
    return (f"| {name} | {pages} | {without.requests} | {with_census.requests} | {ratio:.2f}× | "
            f"{with_census.census_pages} | {with_census.columns} | {with_census.not_read} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", default="1000,20000,100000", help="sizes of the grown bundled portal")
    parser.add_argument("--seeds", type=int, default=1, help="portals per generated family")
    args = parser.parse_args(argv)
    spec = load_default_spec()
    print("| portal | HTML pages | requests without the census | with it | × | census pages | columns in the map "
          "| listed, not read |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for pages in (int(p) for p in args.pages.split(",") if p):
        portal, count = large_portal(pages)
        print(row("bundled, grown", count, portal, spec), flush=True)
    for family in FAMILY_NAMES:
        for seed in range(1000, 1000 + args.seeds):
            portal = build_family_portal(seed, family)
            print(row(f"{family} (seed {seed})", "–", portal, spec), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
