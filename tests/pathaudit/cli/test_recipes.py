"""The cron and systemd recipes of docs/operations.md work as written: their command lines, read
from the document, are run with only the install paths replaced (``/srv/pathaudit`` by a fresh
folder holding sites.yaml and nothing else, ``.venv/bin/pathaudit`` by this interpreter)."""

from __future__ import annotations

import fcntl
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from street_portal import AS_OF, SPEC, Portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[3]
DOC = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
pytestmark = pytest.mark.skipif(shutil.which("flock") is None, reason="flock(1) is not installed")


def block(language: str) -> str:
    found = re.search(rf"```{language}\n(.*?)```", DOC, re.S)
    assert found, f"no {language} block in docs/operations.md"
    return found.group(1)


def installed(command: str, work: Path) -> str:
    """The recipe's command with the install paths replaced by the test's."""
    python = f"{shlex.quote(sys.executable)} -m pathaudit"
    command = command.replace("/srv/pathaudit/.venv/bin/pathaudit", python).replace(".venv/bin/pathaudit", python)
    command = command.replace("/tmp/pathaudit-", f"{work}/lock-")
    return command.replace("/srv/pathaudit", str(work))


@pytest.fixture(scope="module")
def install(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("srv")
    (work / "spec.yaml").write_text(SPEC, encoding="utf-8")
    with Portal() as portal:
        (work / "sites.yaml").write_text(
            f"defaults:\n  spec: spec.yaml\n  as_of: \"{AS_OF}\"\n  fail_on: never\n  out: audits\n"
            f"sites:\n  - name: street\n    url: {portal.url}\n    schedule: nightly\n", encoding="utf-8")
        yield work


def test_the_nightly_cron_line_runs_as_written(install):
    line = next(l for l in block("cron").splitlines() if "--schedule nightly" in l)
    command = installed(line.split(None, 5)[5], install)
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=HANG_GUARD)
    assert done.returncode == 0, done.stdout + done.stderr
    log = (install / "logs" / "nightly.log").read_text(encoding="utf-8")
    assert "1/1 site(s) audited — exit 0" in log
    history = subprocess.run([sys.executable, "-m", "pathaudit", "history", "street", "--json"], cwd=install,
                             capture_output=True, text=True, timeout=HANG_GUARD)
    assert history.returncode == 0 and json.loads(history.stdout)["runs"], history.stderr


def test_a_second_start_while_one_runs_is_refused_with_the_lock_code(install):
    line = next(l for l in block("cron").splitlines() if "--schedule nightly" in l)
    command = installed(line.split(None, 5)[5], install)
    lock = re.search(r"flock -n -E 4 (\S+)", command)
    assert lock, command
    with open(lock.group(1), "a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=HANG_GUARD)
    assert done.returncode == 4


def test_the_systemd_unit_command_runs_and_its_codes_are_success(install):
    unit = block("ini")
    command = installed(re.search(r"^ExecStart=(.*)$", unit, re.M).group(1), install)
    workdir = installed(re.search(r"^WorkingDirectory=(.*)$", unit, re.M).group(1), install)
    success = {0, *map(int, re.search(r"^SuccessExitStatus=(.*)$", unit, re.M).group(1).split())}
    done = subprocess.run(shlex.split(command), cwd=workdir, capture_output=True, text=True, timeout=HANG_GUARD)
    assert done.returncode in success, done.stdout + done.stderr
    assert "site(s) audited" in done.stdout
