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
import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

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
#: which module registers each sub-command: a command line that names one imports that module only
#: (a crawl does not load the scheduler of ``run``, the config reader of ``config``, …); any other
#: command line (``--help``, a typo) gets them all, so the usage lists every command
COMMANDS = {
    "spec": "spec_cmd", "serve-sample": "serve_cmd", "crawl": "crawl_cmd", "demo": "crawl_cmd",
    "report": "report_cmd", "run": "run_cmd", "history": "history_cmd", "config": "config_cmd",
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of ``argv``'s command only when it names a known one, else of every command."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="pathaudit",
        description="Audit a government portal against the publication paths its supervisors mandate.",
    )
    parser.add_argument("--version", action="version", version=f"pathaudit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else None  # the only options before a command (-h, --version) exit
    for name in (COMMANDS[command],) if command in COMMANDS else _COMMAND_MODULES:
        importlib.import_module(f"pathaudit.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
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


def run() -> NoReturn:
    """The command as a process (the ``pathaudit`` script, ``python -m pathaudit``): ``main``, then
    the end of the process without the interpreter's teardown.

    After a crawl the interpreter holds some 110 000 objects (the walk's pages, Scrapy, the reports'
    libraries); at exit Python releases them one by one and clears every module: 0.2 s of every
    crawl, 0.3-0.4 s on a busy machine, spent after every output was written and closed. What that
    teardown does that matters is done here first: threads that are not daemons are waited for, the
    exit handlers run (logging's flush, openpyxl's temporary files), the standard streams are
    flushed. An exception, ``SystemExit`` included (argparse's usage errors), leaves as it always
    does. ``main`` called in a process of its own (tests, ``pathaudit run``'s workers) is unchanged,
    and so is a process with a profiler or tracer installed (cProfile, pyinstrument, coverage): it
    ends as usual, so that they write what they gathered after ``run`` returns.
    """
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()  # what Python runs at exit, before its teardown
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe (output piped into head)
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
