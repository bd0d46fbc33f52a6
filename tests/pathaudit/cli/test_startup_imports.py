"""A command line imports what its command needs, when it needs it (issue 21: start-up is part of every
crawl's CPU and wall). ``crawl --help`` and the other crawling commands' parsers load no Scrapy, no
Twisted, no audit rules, no page reader and no report writer: those come when the crawl starts or ends.
Counted in modules, in a fresh interpreter (a test process has imported everything already)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

#: what a crawl loads only once it runs (Scrapy, Twisted, TLS, the page reader, the audit rules) or
#: at its end (the report writers and what they stand on)
HEAVY = ("scrapy", "twisted", "OpenSSL", "cryptography", "lxml", "yaml", "PIL", "rapidfuzz", "opencc",
         "jinja2", "openpyxl", "bs4", "auditor.page", "auditor.walk.walker", "auditor.audit.rules",
         "auditor.specs.loader", "reports", "pathaudit.history", "spiders.pathwalk", "sample_portal")
#: a parser with its options needs Python's own modules and a few of ours; a crawl's imports are ~600
#: modules by the time Scrapy is loaded
AT_MOST = 250


def _modules_after(argv: list[str]) -> list[str]:
    code = ("import json, sys\n"
            "from pathaudit.cli import main\n"
            "try:\n"
            f"    main({argv!r})\n"
            "except SystemExit:\n"
            "    pass\n"
            "sys.stderr.write('MODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    line = next(line for line in proc.stderr.splitlines() if line.startswith("MODULES "))
    return json.loads(line[len("MODULES "):])


@pytest.mark.parametrize("command", ["crawl", "demo", "run"])
def test_a_crawling_command_s_help_loads_no_crawl_machinery(command: str) -> None:
    modules = _modules_after([command, "--help"])
    loaded = [name for name in HEAVY if name in modules]
    assert loaded == [], f"{command} --help imported {loaded}"
    assert len(modules) <= AT_MOST, f"{command} --help imported {len(modules)} modules"

