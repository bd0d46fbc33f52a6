"""The ``pathaudit`` command: one sub-command per module in this package.

This is the composition root: the only place that wires the spiders, the audit and the report
writers together. Exit codes: 0 nothing at or above ``--fail-on``, 1 findings that are, 2 usage or
spec errors and outputs that cannot be written (never a traceback for bad input), 3 a portal whose
home page could not be read (nothing audited), 4 another crawl or run holds the folder (nothing
touched), 130 a crawl stopped by Ctrl-C/SIGTERM (its partial
findings and reports are written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pathaudit import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
#: the portal could not be audited: its home page did not answer (down, refused, mistyped URL)
EXIT_UNREACHABLE = 3
#: another crawl or run holds the output folder (or the site): nothing was touched; try later
EXIT_LOCKED = 4
EXIT_INTERRUPTED = 130

#: modules under pathaudit.cli that add a sub-command through ``register(subparsers)``
_COMMAND_MODULES = ("spec_cmd", "serve_cmd", "crawl_cmd", "report_cmd", "run_cmd", "history_cmd", "config_cmd")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="pathaudit",
        description="Audit a government portal against the publication paths its supervisors mandate.",
    )
    parser.add_argument("--version", action="version", version=f"pathaudit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(f"pathaudit.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
