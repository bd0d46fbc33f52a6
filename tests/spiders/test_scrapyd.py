"""Scrapyd deployment as docs/operations.md describes it, with a real Scrapyd on 127.0.0.1.

The project is deployed with ``scrapyd-deploy`` (which builds the egg from pyproject.toml through
setup.py), one audit of the bundled sample portal is scheduled with the bundled spec named without
its path, and its findings.json is read back from the job's own folder under AUDITOR_JOBS_DIR (the spider writes
findings.json only; ``pathaudit report`` renders the reports from it).
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from sample_portal.server import serve_portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
pytest.importorskip("scrapyd", reason="scrapyd is not installed (pip install -e '.[test]')")
pytest.importorskip("scrapyd_client", reason="scrapyd-client is not installed (pip install -e '.[test]')")
DEPLOY = shutil.which("scrapyd-deploy", path=str(Path(sys.executable).parent)) or shutil.which("scrapyd-deploy")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url: str, data: dict[str, Any] | list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as answer:
        return json.loads(answer.read().decode("utf-8"))


@pytest.fixture
def scrapyd(tmp_path: Path):
    if DEPLOY is None:
        pytest.skip("scrapyd-deploy is not on PATH")
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"""[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {home / 'eggs'}
logs_dir = {home / 'logs'}
dbs_dir = {home / 'dbs'}
max_proc = 1
poll_interval = 0.5
""", encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "scrapyd", "--pidfile="], cwd=home, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + HANG_GUARD
        while True:
            try:
                if call(base + "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Scrapyd did not start: {proc.stderr.read()[-2000:] if proc.stderr else ''}")
            time.sleep(0.3)
        yield {"base": base, "port": port, "home": home, "env": env}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def test_scrapy_cfg_names_the_local_deploy_target_of_the_docs():
    config = configparser.ConfigParser()
    config.read(REPO / "scrapy.cfg", encoding="utf-8")
    assert config["deploy:local"]["url"] == "http://127.0.0.1:6800/"
    assert config["deploy:local"]["project"] == "pathaudit"
    assert config["settings"]["default"] == "spiders.settings"


def test_a_deployed_project_audits_the_sample_portal_into_its_job_folder(scrapyd, tmp_path: Path):
    # the documented `local` target, pointed at this test's port the way an operator adds a machine:
    # a deploy target in their own scrapy.cfg (XDG_CONFIG_HOME), the project's file unchanged
    xdg = tmp_path / "xdg"
    xdg.mkdir()
    (xdg / "scrapy.cfg").write_text(f"[deploy:ci]\nurl = {scrapyd['base']}\nproject = pathaudit\n", encoding="utf-8")
    env = {**scrapyd["env"], "XDG_CONFIG_HOME": str(xdg)}
    deployed = subprocess.run([DEPLOY, "ci", "--version", "r1"], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=HANG_GUARD)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert call(scrapyd["base"] + "listprojects.json")["projects"] == ["pathaudit"]
    assert call(scrapyd["base"] + "listspiders.json?project=pathaudit")["spiders"] == ["pathwalk"]

    jobs = tmp_path / "jobs"
    with serve_portal() as running:
        manifest = running.portal.manifest
        job = call(scrapyd["base"] + "schedule.json", [
            ("project", "pathaudit"), ("spider", "pathwalk"),
            ("start_url", running.base_url), ("spec", "liangjiang-2021"),
            ("setting", f"AUDITOR_AS_OF={manifest['as_of']}"), ("setting", f"AUDITOR_JOBS_DIR={jobs}"),
        ])
        assert job["status"] == "ok", job
        job_id = job["jobid"]
        deadline = time.monotonic() + HANG_GUARD
        while True:
            listing = call(scrapyd["base"] + "listjobs.json?project=pathaudit")
            if any(j["id"] == job_id for j in listing["finished"]):
                break
            assert time.monotonic() < deadline, listing
            time.sleep(1)

    folder = jobs / "pathaudit" / "pathwalk" / job_id
    log = next((scrapyd["home"] / "logs").rglob(f"{job_id}.log"), None)
    assert (folder / "findings.json").is_file(), log.read_text(encoding="utf-8")[-3000:] if log else "no log"
    findings = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
    assert findings["complete"] is True and findings["spec"]["id"] == "liangjiang-2021"
    # every planted defect that is an error, and nothing else (renamed and unverified are warnings)
    planted = Counter((d.get("expected_without_js") or d.get("expected_without_browser") or d["kind"], tuple(d["path"])) for d in manifest["defects"])
    planted = Counter({key: n for key, n in planted.items() if key[0] not in ("renamed_column", "unverified")})
    errors = Counter((f["kind"], tuple(f["path"] or ())) for f in findings["findings"] if f["severity"] == "error")
    assert errors == planted


# --- a province on two nodes: pathaudit run --scrapyd ------------------------------------------


def start_node(home: Path) -> dict[str, Any]:
    """A Scrapyd daemon in its own session (so the test can kill it and its crawls, as a machine dies)."""
    port = free_port()
    home.mkdir(parents=True)
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\nmax_proc = 1\npoll_interval = 0.5\n",
        encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([sys.executable, "-m", "scrapyd", "--pidfile="], cwd=home, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120  # a safety net: the loop ends when the daemon answers
    while True:
        try:
            if call(base + "daemonstatus.json")["status"] == "ok":
                return {"base": base, "proc": proc, "home": home}
        except OSError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "Scrapyd did not start"
        time.sleep(0.3)


def kill_node(node: dict[str, Any]) -> None:
    import signal

    try:
        os.killpg(node["proc"].pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    node["proc"].wait()


@pytest.fixture
def two_nodes(tmp_path: Path):
    if DEPLOY is None:
        pytest.skip("scrapyd-deploy is not on PATH")
    nodes = [start_node(tmp_path / f"node{i}") for i in (1, 2)]
    try:
        xdg = tmp_path / "xdg"
        xdg.mkdir()
        (xdg / "scrapy.cfg").write_text("".join(
            f"[deploy:n{i}]\nurl = {n['base']}\nproject = pathaudit\n\n" for i, n in enumerate(nodes, start=1)),
            encoding="utf-8")
        env = {**os.environ, "XDG_CONFIG_HOME": str(xdg), "HOME": str(tmp_path)}
        deployed = subprocess.run([DEPLOY, "-a", "--version", "r1"], cwd=REPO, env=env, capture_output=True,
                                  text=True, timeout=HANG_GUARD)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        yield nodes
    finally:
        for node in nodes:
            kill_node(node)


def test_a_province_runs_on_two_nodes_one_killed_mid_run(two_nodes, tmp_path: Path):
    from street_portal import AS_OF, SPEC, Portal

    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    portals = [Portal(f"p{i}", f"127.0.0.{i}") for i in range(5, 10)]
    held = [portals[0].hold("/xxgk/"), portals[1].hold("/xxgk/")]
    down = f"http://127.0.0.1:{free_port()}/"
    sites = "".join(f"  - name: {p.name}\n    url: {p.url}\n" for p in portals) + f"  - name: closed\n    url: {down}\n"
    (tmp_path / "sites.yaml").write_text(
        f"defaults:\n  spec: spec.yaml\n  as_of: \"{AS_OF}\"\n  fail_on: never\n  out: audits\n"
        f"  set: {{RETRY_TIMES: 0}}\nsites:\n{sites}", encoding="utf-8")
    nodes = ",".join(n["base"] for n in two_nodes)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for portal in portals:
        portal.__enter__()
    try:
        log = (tmp_path / "run.log").open("w", encoding="utf-8")
        run = subprocess.Popen([sys.executable, "-m", "pathaudit", "run", "sites.yaml", "--scrapyd", nodes,
                                "--parallel", "2"], cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
        # the first two sites went one to each node (the least busy); both are in flight, held
        for portal in portals[:2]:
            assert portal.asked["/xxgk/"].wait(240), (tmp_path / "run.log").read_text(encoding="utf-8")[-3000:]
        kill_node(two_nodes[1])
        for event in held:
            event.set()
        assert run.wait(timeout=HANG_GUARD) == 3  # the closed site could not be audited
        log.close()
    finally:
        for portal in portals:
            portal.__exit__()
    text = (tmp_path / "run.log").read_text(encoding="utf-8")
    assert f"{two_nodes[1]['base']} is down" in text, text[-3000:]
    jobs = re.findall(r"(p\d|closed): job \S+ on (\S+)", text)
    lost = [site for site, node in jobs if node == two_nodes[1]["base"]]
    assert lost, text[-3000:]  # the killed node had a job in flight …
    assert (lost[0], two_nodes[0]["base"]) in jobs  # … which went to the other node
    out = tmp_path / "audits"
    rows = {r["name"]: r for r in json.loads((out / "index.json").read_text(encoding="utf-8"))}
    assert set(rows) == {p.name for p in portals} | {"closed"}
    assert rows["closed"]["verdict"] == "failed"
    for portal in portals:  # nothing lost: every site audited, its folder its own, evidence brought back
        folder = (out / portal.name / "latest").resolve()
        findings = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
        assert findings["complete"] is True and rows[portal.name]["verdict"] != "failed", text[-3000:]
        assert (folder / "evidence.warc.gz").is_file() and findings["stats"].get("archive")
        assert (folder / "report.html").is_file() and (folder / "spec.yaml").is_file()
    import sqlite3

    with sqlite3.connect(out / "history.sqlite") as db:
        assert {r[0] for r in db.execute("SELECT DISTINCT site FROM runs")} == set(rows)
