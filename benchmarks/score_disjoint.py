"""Score the walk on freshly seeded disjoint portals (``portal_lab.disjoint``): markup words the
reader was never told, every path's truth planted.

    python benchmarks/score_disjoint.py [--seeds 60] [--start 5000] [--show 3] [--no-roles]

Walks each portal in-process with the pure walker and audits it, then prints, as trafilatura
reports its extractors: precision and recall per path truth (ok, renamed, misplaced, missing, empty,
stale, unverifiable); false errors (an error finding that is not the truth: any where the truth is
ok or unverifiable) and hedges (``unverified`` where the truth is known); per kind of markup (tags:
offer, container, URL shapes, date place, pager, crumb) how many paths carrying it were wrong; and
precision and recall of the page reader's link roles (menu, column, crumb, entry, pager, other)
against the roles the generator built. Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter

from portal_lab.disjoint import build_disjoint_portal
from portal_lab.disjoint.scoring import ROLES, DisjointScore, precision_recall, score_paths, score_roles
from portal_lab.disjoint.site import TRUTHS
from portal_lab.disjoint.walking import ORIGIN, walk_lab_portal


def _pct(value: float) -> str:
    return "    -" if math.isnan(value) else f"{100 * value:5.1f}"


def _table(title: str, pairs: Counter, labels: tuple[str, ...]) -> None:
    print(f"\n{title}\n{'':<14}{'precision':>10}{'recall':>8}{'support':>9}")
    for label, (p, r, n) in precision_recall(pairs, labels).items():
        print(f"  {label:<12}{_pct(p):>10}{_pct(r):>8}{n:>9}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=60, help="how many portals (default 60)")
    parser.add_argument("--start", type=int, default=5000, help="first seed (default 5000: not the tests' seeds)")
    parser.add_argument("--show", type=int, default=3, help="wrong portals to print in full")
    parser.add_argument("--no-roles", action="store_true", help="skip the link-role score (faster)")
    args = parser.parse_args(argv)

    statuses: Counter = Counter()
    roles: Counter = Counter()
    tag_total: Counter = Counter()
    tag_wrong: Counter = Counter()
    results: list[DisjointScore] = []
    started = time.perf_counter()
    for seed in range(args.start, args.start + args.seeds):
        lab = build_disjoint_portal(seed)
        result = score_paths(lab.manifest, walk_lab_portal(lab))
        results.append(result)
        for verdict in result.verdicts:
            statuses[(verdict.truth, verdict.walked)] += 1
            for tag in verdict.tags:
                tag_total[tag] += 1
                tag_wrong[tag] += not verdict.right
        if not args.no_roles:
            score_roles(lab.portal, lab.manifest, ORIGIN, roles)
    elapsed = time.perf_counter() - started

    paths = sum(len(r.verdicts) for r in results)
    right = sum(r.paths_right for r in results)
    false_errors = sum(len(r.false_errors) for r in results)
    hedges = sum(len(r.hedges) for r in results)
    false_missing = sum(n for (t, w), n in statuses.items() if w == "missing" and t != "missing")
    print(f"{args.seeds} disjoint portals (seeds {args.start}..{args.start + args.seeds - 1}) in {elapsed:.1f} s")
    print(f"paths right {right}/{paths} ({100 * right / max(1, paths):.1f} %), portals wholly right "
          f"{sum(r.perfect for r in results)}/{len(results)}")
    print(f"false errors {false_errors} (false missing {false_missing}), hedges {hedges} "
          f"({100 * hedges / max(1, paths):.1f} % of paths)")
    _table("per path truth (walked label: status, renamed_column, misplaced_column)", statuses, TRUTHS)
    wrong_kinds = Counter((t, w) for (t, w), n in statuses.items() for _ in range(n) if t != w)
    if wrong_kinds:
        print("\nconfusions (truth -> walked): " + ", ".join(f"{t}->{w} {n}" for (t, w), n in wrong_kinds.most_common()))
    if not args.no_roles:
        _table("per link role (built vs read; a link the reader does not see counts against recall)", roles, ROLES)
    print("\nkind of markup (tag on the path): wrong / paths carrying it")
    for tag, total in sorted(tag_total.items(), key=lambda kv: (-tag_wrong[kv[0]] / kv[1], kv[0])):
        print(f"  {tag:<28}{tag_wrong[tag]:>5} / {total:<5} {100 * tag_wrong[tag] / total:5.1f}% wrong")
    for result in [r for r in results if not r.perfect][: args.show]:
        print("\n" + result.describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
