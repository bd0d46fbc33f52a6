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
    planted = Counter((d.get("expected_without_js") or d["kind"], tuple(d["path"])) for d in manifest["defects"])
    planted = Counter({key: n for key, n in planted.items() if key[0] not in ("renamed_column", "unverified")})
    errors = Counter((f["kind"], tuple(f["path"] or ())) for f in findings["findings"] if f["severity"] == "error")
    assert errors == planted
