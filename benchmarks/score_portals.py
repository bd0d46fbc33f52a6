"""Score the walk on freshly seeded generated portals: accuracy per CMS family and per kind of markup.

    python benchmarks/score_portals.py [--seeds 100] [--start 1000] [--family hanweb] [--show 3]
    python benchmarks/score_portals.py --isolate [--seeds 12]

Builds each portal (``portal_lab.families``), walks it in-process with the pure walker
and audits it, then compares with the portal's manifest. Prints, per family, path-status accuracy,
defect recall and false errors; per markup tag (``markup`` of each expected path: date style, the
region that links the column, sibling-tree-only, renamed, headline decoy …) how many paths carrying
it were wrong; and the first few failing portals in full (replay one with PATHAUDIT_SEED=<seed> in
tests/pathaudit/test_walk_on_generated_portals.py). Tags on one portal are correlated (a hidden block
sits beside an empty list); ``--isolate`` measures each optional feature alone instead: the same seeds
built with every feature left out but that one, against the plain portals as the baseline.
Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict

from portal_lab.families import FAMILY_NAMES, FEATURES, build_family_portal
from sample_portal.generator import load_default_spec
from portal_lab.scoring import ORIGIN, Score, score, walk_in_process


def _tags_by_path(manifest: dict) -> dict[str, list[str]]:
    return {">".join(e["path"]): e.get("markup", []) for e in manifest["expected_paths"]}


def _isolate(spec, seeds: range, family: str | None) -> None:
    """Each feature alone on the same seeds: portals right, paths right, defects found, false errors."""
    print(f"{'feature alone':<20}{'perfect':>10}{'paths right':>16}{'defects found':>16}{'false errors':>14}")
    for feature in ("(none)", *FEATURES):
        # decoys sit in the ticker: measuring them keeps the ticker on
        kept = {feature, "ticker"} if feature == "ticker_decoys" else {feature}
        without = tuple(f for f in FEATURES if f not in kept)
        c: Counter = Counter()
        for seed in seeds:
            portal = build_family_portal(seed, family, without=without)
            result = score(portal.manifest, walk_in_process(portal, spec), ORIGIN)
            c["perfect"] += result.perfect
            c["paths"] += result.paths
            c["right"] += result.paths_right
            c["defects"] += result.defects
            c["found"] += result.defects - len(result.missed)
            c["false"] += len(result.false_errors)
        print(f"{feature:<20}{c['perfect']:>5}/{len(seeds):<4}{100 * c['right'] / max(1, c['paths']):>15.1f}%"
              f"{100 * c['found'] / max(1, c['defects']):>15.1f}%{c['false']:>14}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=100, help="how many portals (default 100)")
    parser.add_argument("--start", type=int, default=1000, help="first seed (default 1000: not the tests' seeds)")
    parser.add_argument("--family", choices=FAMILY_NAMES, help="only this family (default: the seed's)")
    parser.add_argument("--show", type=int, default=3, help="failing portals to print in full")
    parser.add_argument("--isolate", action="store_true", help="score each optional feature alone")
    args = parser.parse_args(argv)

    spec = load_default_spec()
    if args.isolate:
        _isolate(spec, range(args.start, args.start + args.seeds), args.family)
        return 0
    per_family: dict[str, Counter] = defaultdict(Counter)
    tag_total: Counter = Counter()
    tag_wrong: Counter = Counter()
    failures: list[Score] = []
    started = time.perf_counter()
    for seed in range(args.start, args.start + args.seeds):
        portal = build_family_portal(seed, args.family)
        result = score(portal.manifest, walk_in_process(portal, spec), ORIGIN)
        counts = per_family[result.family]
        counts["portals"] += 1
        counts["perfect"] += result.perfect
        counts["paths"] += result.paths
        counts["paths_right"] += result.paths_right
        counts["defects"] += result.defects
        counts["missed"] += len(result.missed)
        counts["false_errors"] += len(result.false_errors)
        tags = _tags_by_path(portal.manifest)
        wrong = {p for p, *_ in result.wrong_paths} | {p for _, p, _ in result.missed}
        for path, path_tags in tags.items():
            for tag in path_tags:
                tag_total[tag] += 1
                tag_wrong[tag] += path in wrong
        if not result.perfect:
            failures.append(result)
    elapsed = time.perf_counter() - started

    print(f"{args.seeds} portals (seeds {args.start}..{args.start + args.seeds - 1}) in {elapsed:.1f} s\n")
    print(f"{'family':<12}{'portals':>8}{'perfect':>9}{'paths right':>16}{'defects found':>16}{'false errors':>14}")
    for family, c in sorted(per_family.items()):
        paths = f"{c['paths_right']}/{c['paths']} {100 * c['paths_right'] / max(1, c['paths']):.1f}%"
        found = c["defects"] - c["missed"]
        defects = f"{found}/{c['defects']} {100 * found / max(1, c['defects']):.1f}%"
        print(f"{family:<12}{c['portals']:>8}{c['perfect']:>9}{paths:>16}{defects:>16}{c['false_errors']:>14}")
    print("\nkind of markup (tag on the expected path): wrong / paths carrying it")
    for tag, total in sorted(tag_total.items(), key=lambda kv: (-tag_wrong[kv[0]] / kv[1], kv[0])):
        print(f"  {tag:<32}{tag_wrong[tag]:>5} / {total:<5} {100 * tag_wrong[tag] / total:5.1f}% wrong")
    for result in failures[: args.show]:
        print("\n" + result.describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
