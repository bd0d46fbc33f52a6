"""The options every crawling command shares (``crawl``, ``demo``, ``run``, ``config show``).

They live apart from ``crawl_cmd`` so that ``config show`` and ``run`` declare the same options
without importing a private helper of another command (the import circle config_cmd ↔ crawl_cmd).
"""

from __future__ import annotations

import argparse

from auditor.audit.gate import FAIL_ON_CHOICES

#: ``--baseline previous``: the site's previous run in the history database
BASELINE_PREVIOUS = "previous"


def add_crawl_options(parser: argparse.ArgumentParser, *, default_out: str, default_fail_on: str) -> None:
    """The options of every crawl; their defaults are merged with a config file by
    ``pathaudit.cli.config_cmd.resolve`` (command line > config file > these defaults)."""
    parser.set_defaults(config_defaults={"out": default_out, "fail_on": default_fail_on, "lang": "zh",
                                         "as_of": "today"})
    parser.add_argument("--config", help="settings file (default ./pathaudit.toml if there is one)")
    parser.add_argument("--overrides", help="site overrides (extra aliases, allowed hosts)")
    parser.add_argument(
        "--also-host", action="append", default=[], metavar="HOST",
        help="a host of the portal outside its registrable domain (repeatable; trusted on any address)",
    )
    parser.add_argument("--out", help=f"output directory (default {default_out})")
    parser.add_argument("--as-of", help="judge staleness and deadlines as of this date (YYYY-MM-DD; default today)")
    parser.add_argument("--fail-on", choices=FAIL_ON_CHOICES, help=f"default {default_fail_on}")
    parser.add_argument(
        "--baseline", help=f"an earlier findings.json, or '{BASELINE_PREVIOUS}' (the site's previous run in the "
        "history): only new findings fail the gate",
    )
    parser.add_argument("--lang", choices=("zh", "en"), help="report language (default zh)")
    parser.add_argument("--history", help="the history database (default OUT/history.sqlite)")
    parser.add_argument("--no-history", action="store_true", help="keep no history of this run")
    parser.add_argument("--site", help="the site's name in the history (default: the start URL's host)")
    parser.add_argument("--ledger", help="a previous 整改台账.xlsx whose 整改状态/备注 carry over (default: "
                        "the previous run's, from the history)")
    parser.add_argument(
        "--set", "-s", action="append", default=[], metavar="NAME=VALUE", help="override a setting"
    )
    parser.add_argument("--timezone", metavar="ZONE",
                        help="local times and today's date in this zone, e.g. Asia/Shanghai (default: the machine's)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress, only the summary")
    parser.add_argument(
        "--render", choices=("auto", "never", "always"),
        help="pages drawn by script: auto renders (or reads the data of) only those, in Debian's chromium "
        "(needs pip install 'pathaudit[browser]'); never (default) reports their columns unverified; "
        "always renders every page",
    )
    parser.add_argument("--verbose", "-v", action="count", default=0,
                        help="more of the crawl's log: -v what it does (INFO), -vv every request (DEBUG)")
