"""The command line imports only the module of the command it runs: the table that says which module
registers which command is the whole truth (every registered command is in it, under its module),
and a crawl's command line loads no other command's module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pathaudit.cli import COMMANDS, build_parser

REPO = Path(__file__).resolve().parents[3]


def _commands(parser) -> set[str]:  # type: ignore[no-untyped-def]
    return {name for action in parser._subparsers._group_actions for name in action.choices}


def test_every_registered_command_is_in_the_table_and_its_module_registers_it():
    assert _commands(build_parser([])) == set(COMMANDS)
    for command in COMMANDS:
        assert command in _commands(build_parser([command, "--help"])), command


def test_a_crawl_loads_no_other_command_s_module():
    code = ("import sys; from pathaudit.cli import build_parser; build_parser(['crawl', 'http://x/']); "
            "print(sorted(m for m in sys.modules if m.startswith('pathaudit.cli.') and m.endswith('_cmd')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)}).stdout
    assert out.strip() == "['pathaudit.cli.crawl_cmd']"
