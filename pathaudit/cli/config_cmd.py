"""``pathaudit config show``: the settings a crawl would use, merged, and where each came from.

Also the one place that merges a command's options with the config file (``resolve``), used by
``crawl``, ``demo`` and ``run``, so all of them read ``pathaudit.toml`` the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pathaudit.cli import EXIT_OK, EXIT_USAGE
from pathaudit.cli.options import add_crawl_options
from pathaudit.config import (
    COMMAND_LINE,
    DEFAULT_SOURCE,
    ConfigError,
    FileSettings,
    Merged,
    apply,
    find_config,
    merge,
    read_config_file,
)

#: the options a config file may give (argparse names)
OPTION_NAMES = ("spec", "overrides", "out", "as_of", "fail_on", "baseline", "lang", "history", "site", "ledger",
                "timezone", "keep", "alert_command", "alert_webhook", "scrapyd")
HISTORY_FILE = "history.sqlite"


def register(sub: Any) -> None:
    config = sub.add_parser("config", help="show the merged settings (defaults, pathaudit.toml, command line)")
    inner = config.add_subparsers(dest="config_command", metavar="ACTION")
    show = inner.add_parser("show", help="print each setting, its value and where it came from")
    show.add_argument("--spec", help="path spec: a bundled name or a YAML file")
    add_crawl_options(show, default_out="pathaudit-out", default_fail_on="error")
    show.add_argument("--json", action="store_true", help="as JSON")
    show.set_defaults(handler=run_show)
    config.set_defaults(handler=lambda args: (config.print_help(sys.stderr), EXIT_USAGE)[1])


def resolve(args: argparse.Namespace, extra: list[FileSettings] | None = None) -> Merged:
    """Merge the command's defaults, the config file (and ``extra`` layers, e.g. a SITES.yaml's
    defaults and one site's entry) and the command line; writes the result onto ``args``."""
    files: list[FileSettings] = []
    path = find_config(getattr(args, "config", None))
    if path is not None:
        files.append(read_config_file(path))
    files += extra or []
    if getattr(args, "no_history", False):
        args.history = False
    merged = merge(dict(getattr(args, "config_defaults", {}) or {}), files, args, OPTION_NAMES)
    if merged.values.get("history") is None:  # the default place: beside the outputs
        merged.values["history"] = str(Path(merged.values.get("out") or ".") / HISTORY_FILE)
        merged.sources.setdefault("history", DEFAULT_SOURCE)
        merged.sources["history"] = DEFAULT_SOURCE
    elif merged.values.get("history") is False:
        merged.values["history"] = None
    zone = merged.values.get("timezone")
    if zone:
        from pathaudit.cli.log import use_timezone
        from pathaudit.config import check_timezone

        use_timezone(check_timezone(zone, merged.sources.get("timezone") or COMMAND_LINE))
    apply(merged, args)
    args.config_sources = merged
    return merged


def resolve_or_exit(args: argparse.Namespace, extra: list[FileSettings] | None = None) -> Merged | None:
    """``resolve``, or a one-line message on stderr and None (the caller exits 2)."""
    try:
        return resolve(args, extra)
    except ConfigError as err:
        print(f"pathaudit: {err}", file=sys.stderr)
        return None


def run_show(args: argparse.Namespace) -> int:
    merged = resolve_or_exit(args)
    if merged is None:
        return EXIT_USAGE
    rows = [(name, merged.values.get(name), merged.sources.get(name, DEFAULT_SOURCE)) for name in OPTION_NAMES]
    settings = _effective_sets(merged)
    if args.json:
        print(json.dumps({
            "options": {name: {"value": value, "from": source} for name, value, source in rows},
            "settings": {name: {"value": value, "from": source} for name, (value, source) in settings.items()},
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(name) for name in [*OPTION_NAMES, *settings]) + 2
    for name, value, source in rows:
        shown = "(none)" if value is None else value
        print(f"{name:<{width}}{shown!s:<40} {source}")
    for name, (value, source) in settings.items():
        print(f"{name:<{width}}{value:<40} {source}")
    return EXIT_OK


def _effective_sets(merged: Merged) -> dict[str, tuple[str, str]]:
    """Scrapy/AUDITOR settings given by files or the command line: the last one of each name wins."""
    result: dict[str, tuple[str, str]] = {}
    for item, source in merged.sets:
        name, _, value = item.partition("=")
        result.pop(name.strip(), None)
        result[name.strip()] = (value, source)
    return result


__all__ = ["COMMAND_LINE", "resolve", "resolve_or_exit"]
