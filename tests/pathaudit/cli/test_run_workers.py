"""``pathaudit run`` on every core: one worker process per site, one site at a time per host, each
site's outputs written as it ends, and a refused run that touches nothing (issues 19 and 20).

Four street portals on real loopback addresses: ``slow`` (127.0.0.2) is held in flight by its
server; ``quick`` (127.0.0.3) ends meanwhile; ``same1`` and ``same2`` share 127.0.0.4. The run is
then killed hard (SIGKILL) while ``slow`` is still held: every finished site must keep its folder,
``latest`` and index row. Order, not time, proves the rest: the server logs every request in
arrival order.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from street_portal import AS_OF, SPEC, Ledger, Portal
from waiting import HANG_GUARD

#: a safety net only: every wait below ends on an event long before (tests/waiting.py)
PATIENCE = HANG_GUARD


def wait_for(condition: Callable[[], Any], what: str) -> Any:
    """Wait for an event (a file written, a line logged): ``condition()`` true."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def pathaudit(*args: str, cwd: Path, **kwargs: Any) -> Any:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "pathaudit", *args], cwd=cwd, env=env, **kwargs)


def index_rows(out: Path) -> dict[str, dict[str, Any]]:
    try:
        return {row["name"]: row for row in json.loads((out / "index.json").read_text(encoding="utf-8"))}
    except (OSError, ValueError):
        return {}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # an orphan reaped late still shows as a zombie
        return (Path(f"/proc/{pid}/stat").read_text().split()[2]) != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    work = tmp_path_factory.mktemp("fleet")
    (work / "spec.yaml").write_text(SPEC, encoding="utf-8")
    ledger = Ledger()
    portals = {"slow": Portal("slow", "127.0.0.2", ledger), "quick": Portal("quick", "127.0.0.3", ledger),
               "same1": Portal("same1", "127.0.0.4", ledger), "same2": Portal("same2", "127.0.0.4", ledger)}
    release = portals["slow"].hold("/xxgk/")
    # quick's home answers only once slow is held in flight: quick can end only if both crawls run at once
    portals["quick"].held["/"] = portals["slow"].asked["/xxgk/"]
    sites = "\n".join(f"  - name: {name}\n    url: {p.url}" for name, p in portals.items())
    (work / "sites.yaml").write_text(
        f"defaults:\n  spec: spec.yaml\n  as_of: \"{AS_OF}\"\n  fail_on: never\n  out: audits\n"
        f"  set: {{RETRY_TIMES: 0}}\nparallel: 3\nsites:\n{sites}\n", encoding="utf-8")
    out = work / "audits"
    for portal in portals.values():
        portal.__enter__()
    try:
        log = (work / "run.log").open("w", encoding="utf-8")
        proc = pathaudit("run", "sites.yaml", cwd=work, stdout=log, stderr=subprocess.STDOUT)
        assert portals["slow"].asked["/xxgk/"].wait(PATIENCE), "the slow portal was never crawled"
        finished = {"quick", "same1", "same2"}
        wait_for(lambda: finished <= set(index_rows(out)), "the three other sites in the index")
        during = {"slow_latest": (out / "slow" / "latest").exists(), "rows": index_rows(out),
                  "latest": {n: (out / n / "latest" / "findings.json").is_file() for n in finished}}
        slow_worker = wait_for(lambda: re.search(r"slow: crawling \S+ \(worker (\d+)\)",
                                                 (work / "run.log").read_text(encoding="utf-8")), "slow's worker logged")
        during["slow_parent"] = _parent(int(slow_worker[1]))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        log.close()
        text = (work / "run.log").read_text(encoding="utf-8")
        workers = {m[0]: int(m[1]) for m in re.findall(r"pathaudit: (\w+): crawling \S+ \(worker (\d+)\)", text)}
        release.set()
        wait_for(lambda: not alive(workers["slow"]), "the orphaned worker of slow ends")
        yield {"work": work, "out": out, "during": during, "text": text, "workers": workers, "parent": proc.pid,
               "ledger": ledger, "portals": portals}
    finally:
        for portal in portals.values():
            portal.__exit__()


def _parent(pid: int) -> tuple[int, str]:
    """A live process's parent: its pid and command line."""
    status = Path(f"/proc/{pid}/status").read_text()
    ppid = int(re.search(r"^PPid:\s+(\d+)", status, re.M)[1])
    return ppid, Path(f"/proc/{ppid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")


def test_workers_are_forked_from_a_warm_fork_server_not_the_run(fleet):
    """The run's own process schedules; a site's worker is forked from the fork server that imported
    a crawl's code once (pathaudit/cli/run_worker.py), not started as a fresh interpreter."""
    ppid, command = fleet["during"]["slow_parent"]
    assert ppid != fleet["parent"]
    assert "multiprocessing.forkserver" in command and "pathaudit.cli.run_worker" in command


def test_each_site_is_crawled_in_a_worker_process_of_its_own(fleet):
    workers = fleet["workers"]
    assert set(workers) == {"slow", "quick", "same1", "same2"}, fleet["text"][-3000:]
    assert len(set(workers.values())) == 4 and fleet["parent"] not in workers.values()


def test_sites_of_different_hosts_overlap(fleet):
    """quick ended while slow was held (the fixture waited for quick's row before releasing slow)."""
    entries = fleet["ledger"].entries
    held_start = next(e[0] for e in entries if e[1] == "slow" and e[2] == "/xxgk/" and e[3] == "start")
    assert any(e[1] == "quick" and e[0] > held_start for e in entries)


def test_sites_of_one_host_never_overlap(fleet):
    ledger = fleet["ledger"]
    first, second = sorted((ledger.of("same1"), ledger.of("same2")), key=lambda entries: entries[0][0])
    assert first[-1][0] < second[0][0], "two sites of 127.0.0.4 were crawled at once"


def test_a_site_is_written_as_soon_as_it_ends_while_others_still_run(fleet):
    during = fleet["during"]
    assert all(during["latest"].values())
    assert {"quick", "same1", "same2"} <= set(during["rows"]) and "slow" not in during["rows"]
    assert not during["slow_latest"]


def test_a_hard_kill_loses_no_finished_site(fleet):
    out = fleet["out"]
    rows = index_rows(out)
    assert {"quick", "same1", "same2"} <= set(rows)
    for name in ("quick", "same1", "same2"):
        assert (out / name / "latest" / "report.html").is_file()
        assert rows[name]["verdict"] != "failed"


def _dated(out: Path, name: str) -> set[str]:
    return {p.name for p in (out / name).iterdir() if p.is_dir() and not p.is_symlink()}


def test_a_run_refused_by_the_lock_touches_nothing(fleet):
    work, out = fleet["work"], fleet["out"]
    before = {"folders": _dated(out, "quick"), "latest": os.readlink(out / "quick" / "latest"),
              "index": (out / "index.json").read_bytes()}
    with sqlite3.connect(out / "history.sqlite") as db:
        runs_before = db.execute("SELECT COUNT(*) FROM runs WHERE site = 'quick'").fetchone()[0]
    with open(out / "quick" / ".pathaudit.lock", "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = pathaudit("run", "sites.yaml", "--only", "quick", "-q", cwd=work, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        stdout, stderr = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 4, stdout + stderr
    assert "REFUSED" in stdout
    assert _dated(out, "quick") == before["folders"]
    assert os.readlink(out / "quick" / "latest") == before["latest"]
    assert (out / "index.json").read_bytes() == before["index"]
    with sqlite3.connect(out / "history.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM runs WHERE site = 'quick'").fetchone()[0] == runs_before


def test_only_updates_its_own_row_and_keeps_the_others(fleet):
    work, out = fleet["work"], fleet["out"]
    before = index_rows(out)
    proc = pathaudit("run", "sites.yaml", "--only", "quick", "-q", cwd=work, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, text=True)
    stdout, stderr = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 0, stdout + stderr
    after = index_rows(out)
    assert set(after) == set(before)
    assert after["quick"]["folder"] != before["quick"]["folder"]
    for name in ("same1", "same2"):
        assert after[name] == before[name]


def test_a_stop_of_the_run_stops_each_worker_gracefully(tmp_path):
    """SIGTERM to the run (systemd's stop) reaches each worker once: it stops gracefully, writes
    what it saw marked partial, and the run exits 130."""
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    with Portal("held", "127.0.0.11") as portal:
        release = portal.hold("/xxgk/")
        (tmp_path / "sites.yaml").write_text(
            f"defaults:\n  spec: spec.yaml\n  as_of: \"{AS_OF}\"\n  fail_on: never\n  out: audits\n"
            f"sites:\n  - name: held\n    url: {portal.url}\n", encoding="utf-8")
        with (tmp_path / "run.log").open("w", encoding="utf-8") as log:
            proc = pathaudit("run", "sites.yaml", "-v", cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
            assert portal.asked["/xxgk/"].wait(PATIENCE)
            proc.send_signal(signal.SIGTERM)
            wait_for(lambda: "shutting down gracefully" in (tmp_path / "run.log").read_text(encoding="utf-8"),
                     "the worker's graceful stop")
            release.set()
            assert proc.wait(timeout=PATIENCE) == 130, (tmp_path / "run.log").read_text(encoding="utf-8")[-3000:]
    text = (tmp_path / "run.log").read_text(encoding="utf-8")
    assert text.count("shutting down gracefully") == 1 and "forcefully" not in text
    findings = json.loads((tmp_path / "audits" / "held" / "latest" / "findings.json").read_text(encoding="utf-8"))
    assert findings["complete"] is False and findings["stats"]["close_reason"] == "shutdown"
