"""``pathaudit history SITE``: the runs of a site in the history database, with counts and verdicts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pathaudit.cli import EXIT_OK, EXIT_USAGE
from reports.clock import format_local


def register(sub: Any) -> None:
    history = sub.add_parser("history", help="the runs of a site recorded in the history database")
    history.add_argument("site", nargs="?", help="the site's name (omit to list the sites)")
    history.add_argument("--history", "--db", dest="history", default=None,
                         help="the database (default: history in pathaudit.toml, else pathaudit-out/history.sqlite)")
    history.add_argument("--config", help="settings file (default ./pathaudit.toml if there is one)")
    history.add_argument("--sites", metavar="SITES.yaml",
                         help="the database of this SITES.yaml's runs (default: ./sites.yaml when there is no "
                              "database at the default place)")
    history.add_argument("--limit", type=int, default=50, help="the last N runs (default 50)")
    history.add_argument("--json", action="store_true", help="as JSON")
    history.set_defaults(handler=run_history, config_defaults={"out": "pathaudit-out"})


def run_history(args: argparse.Namespace) -> int:
    from pathaudit.cli.config_cmd import resolve_or_exit
    from pathaudit.history.db import HistoryError, open_history

    explicit = args.history
    args.set = []
    if resolve_or_exit(args) is None:
        return EXIT_USAGE
    path = Path(explicit or args.history)
    if not explicit and (args.sites or not path.is_file()):
        path = _sites_history(args) or path
    if not path.is_file():
        print(f"pathaudit: no history database at {path} (give --history FILE)", file=sys.stderr)
        return EXIT_USAGE
    try:
        with open_history(path) as db:
            if not args.site:
                sites = db.sites()
                print(json.dumps(sites, ensure_ascii=False) if args.json else "\n".join(sites))
                return EXIT_OK
            runs = db.runs(args.site, limit=max(1, args.limit))
            known = db.sites()
    except HistoryError as err:
        print(f"pathaudit: {err}", file=sys.stderr)
        return EXIT_USAGE
    if not runs:
        listed = ", ".join(known) or "none yet"
        print(f"pathaudit: no runs of site {args.site!r} in {path} (sites: {listed})", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps({"site": args.site, "database": str(path), "runs": [r.to_json() for r in runs]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{args.site} — {len(runs)} run(s) in {path}")
    print(f"{'run':>5}  {'finished':<25} {'verdict':<10} {'error':>5} {'warn':>5} {'info':>5} {'new':>4} {'fixed':>5}  note")
    for run in runs:
        note = run.problem or ("" if run.complete else "partial")
        print(f"{run.id:>5}  {format_local(run.finished_at, seconds=True):<25} {(run.verdict or '-'):<10} {run.errors:>5} "
              f"{run.warnings:>5} {run.infos:>5} {_n(run.new):>4} {_n(run.resolved):>5}  {note}")
    return EXIT_OK


def _sites_history(args: argparse.Namespace) -> Path | None:
    """Where ``pathaudit run SITES.yaml`` keeps its history: ``out``/``history`` as SITES.yaml's
    defaults (and pathaudit.toml) resolve them, the way ``run`` resolves them."""
    from pathaudit.cli.config_cmd import resolve
    from pathaudit.config import ConfigError
    from pathaudit.sites import SitesError, load_sites

    file = Path(args.sites or "sites.yaml")
    if not file.is_file():
        return None
    try:
        sites = load_sites(file)
        probe = argparse.Namespace(config=args.config, history=None, out=None, set=[],
                                   config_defaults={"out": "pathaudit-out"})
        resolve(probe, [sites.defaults])
    except (SitesError, ConfigError):
        return None
    return Path(probe.history) if probe.history else None


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)
