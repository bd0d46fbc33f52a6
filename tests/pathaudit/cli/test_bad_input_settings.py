"""Bad input, round two (issue 19): settings, config files, SITES.yaml and specs that used to crash,
hang, be taken silently or leak. Each is refused before the first request, in one line, exit 2.

Each case runs the real command in-process on real files (a FIFO, /dev/zero, a 200 MB sparse
file); a case that got past the checks would start a crawl of a port nobody listens on.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bad_input_cli import NOWHERE, one_line_refusal, spec  # noqa: F401 (spec: a fixture)
from pathaudit.cli import main


# --- bounds, whatever gives the value ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("CONCURRENT_REQUESTS=0", "CONCURRENT_REQUESTS must be from 1 to 64, not 0"),
        ("CONCURRENT_REQUESTS_PER_DOMAIN=0", "CONCURRENT_REQUESTS_PER_DOMAIN must be from 1 to 16"),
        ("RETRY_TIMES=1000000", "RETRY_TIMES must be from 0 to 10"),
        ("DOWNLOAD_MAXSIZE=0", "DOWNLOAD_MAXSIZE must be from 1024"),
        ("AUDITOR_MAX_LIST_PAGES=100000000", "AUDITOR_MAX_LIST_PAGES must be from 1 to 1000"),
        ("AUDITOR_OUT_DIR=elsewhere", "AUDITOR_OUT_DIR cannot be given"),
        ("ITEM_PIPELINES={\"nosuch.module.Pipeline\": 300}", "nosuch.module.Pipeline cannot be loaded"),
    ],
)
def test_a_limit_set_on_the_command_line_is_bounded(tmp_path, spec, capsys, item, expected):
    code = main(["crawl", NOWHERE, "--spec", str(spec), "--out", str(tmp_path / "out"), "--set", item])
    one_line_refusal(capsys, code, expected)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('fail_on = "error"\n\n[set]\nAUDITOR_MAX_LIST_PAGES = 3\nRETRY_TIMES = 1000000\n',
         "pathaudit.toml, line 5: [set] RETRY_TIMES must be from 0 to 10, not 1000000"),
        ("[politeness]\nconcurrent_per_host = 0\n",
         "pathaudit.toml, line 2: [politeness] concurrent_per_host: CONCURRENT_REQUESTS_PER_DOMAIN must be from 1"),
        ('[set]\nAUDITOR_OUT_DIR = "/tmp/elsewhere"\n', "pathaudit.toml, line 2: [set] AUDITOR_OUT_DIR cannot be given"),
        ('[set]\nITEM_PIPELINES = {"nosuch.Pipeline" = 300}\n',
         "pathaudit.toml, line 2: [set] ITEM_PIPELINES: nosuch.Pipeline cannot be loaded"),
        ('[set]\nDOWNLOAD_TIMEOUT = "soon"\n', "pathaudit.toml, line 2: [set] DOWNLOAD_TIMEOUT takes a number"),
    ],
)
def test_a_pathaudit_toml_mistake_names_the_file_the_line_and_the_key(tmp_path, spec, capsys, toml, expected):
    config = tmp_path / "pathaudit.toml"
    config.write_text(toml, encoding="utf-8")
    code = main(["crawl", NOWHERE, "--spec", str(spec), "--out", str(tmp_path / "out"), "--config", str(config)])
    line = one_line_refusal(capsys, code, expected)
    assert "--set" not in line
    assert not (tmp_path / "out").exists()


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.toml"
    os.mkfifo(path)
    return path


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.toml"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: nothing written
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: Path("/dev/zero"), "is not a regular file"),
        (_fifo, "is not a regular file"),
        (lambda tmp: tmp, "is not a regular file"),
        (_huge, "too large for a pathaudit.toml"),
    ],
    ids=["dev-zero", "fifo", "folder", "200-MB"],
)
def test_config_reads_regular_files_only_and_small_ones(tmp_path, spec, capsys, make, expected):
    config = make(tmp_path)
    code = main(["crawl", NOWHERE, "--spec", str(spec), "--out", str(tmp_path / "out"), "--config", str(config)])
    one_line_refusal(capsys, code, expected)


# --- SITES.yaml -------------------------------------------------------------------------------------
def _sites(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["index.html", "history.sqlite", "INDEX.JSON", "latest", "..", "history.sqlite-wal"])
def test_a_site_named_like_a_file_of_the_run_is_refused_before_anything_is_crawled(tmp_path, spec, capsys, name):
    sites = _sites(tmp_path, f"defaults: {{spec: {spec}, out: {tmp_path / 'out'}}}\nsites:\n"
                   f"  - {{name: {name!r}, url: '{NOWHERE}'}}\n")
    code = main(["run", str(sites)])
    one_line_refusal(capsys, code, "name")
    assert not (tmp_path / "out").exists()


def test_every_sites_set_is_checked_before_the_first_site_is_crawled(tmp_path, spec, capsys):
    sites = _sites(tmp_path, f"defaults: {{spec: {spec}, out: {tmp_path / 'out'}}}\nsites:\n"
                   f"  - {{name: good, url: '{NOWHERE}'}}\n"
                   f"  - {{name: second, url: '{NOWHERE}', set: {{RETRY_TIMES: many}}}}\n"
                   f"  - {{name: third, url: '{NOWHERE}', set: [CONCURRENT_REQUESTS=0]}}\n")
    code = main(["run", str(sites)])
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in err, err
    assert "'second'" in lines[0] and "RETRY_TIMES takes a number" in lines[0]
    assert "'third'" in lines[1] and "CONCURRENT_REQUESTS must be from 1" in lines[1]
    assert not (tmp_path / "out").exists()


def test_an_alias_bomb_in_sites_yaml_is_refused_in_well_under_a_second(tmp_path, spec, capsys):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n, name in enumerate("bcdefgh"):
        previous = "abcdefgh"[n]
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    bomb = "\n".join("    " + line for line in levels)
    sites = _sites(tmp_path, f"defaults:\n  spec: {spec}\n  set:\n{bomb}\nsites:\n  - {{name: s, url: '{NOWHERE}'}}\n")
    started = time.monotonic()
    code = main(["run", str(sites)])
    # refused on the parser's events, never expanded (expanding took over 60 s): a bound that holds
    # by a wide margin on a loaded machine
    assert time.monotonic() - started < 5.0
    one_line_refusal(capsys, code, "YAML alias")


@pytest.mark.parametrize("parallel", ["0", "100000", "-1"])
def test_parallel_is_bounded(tmp_path, spec, capsys, parallel):
    sites = _sites(tmp_path, f"defaults: {{spec: {spec}, out: {tmp_path / 'out'}}}\nsites:\n  - {{name: s, url: '{NOWHERE}'}}\n")
    code = main(["run", str(sites), "--parallel", parallel])
    one_line_refusal(capsys, code, "--parallel must be a whole number from 1 to 64")
    assert not (tmp_path / "out" / "s").exists()


def test_a_sites_file_that_is_a_fifo_is_refused(tmp_path, capsys):
    path = tmp_path / "sites.yaml"
    os.mkfifo(path)
    one_line_refusal(capsys, main(["run", str(path)]), "is not a regular file")


# --- specs and overrides ----------------------------------------------------------------------------
def test_a_self_referencing_alias_in_a_spec_is_refused_at_once(tmp_path, capsys):
    path = tmp_path / "loop.yaml"
    path.write_text("mandate: &m {id: x, title: [*m]}\nentries: []\n", encoding="utf-8")
    code = main(["spec", "check", str(path)])  # used to loop for ever
    err = capsys.readouterr().err
    assert code == 2 and "YAML alias (*m)" in err, err


def test_an_alias_in_an_overrides_file_is_refused(tmp_path, spec, capsys):
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("aliases: &a\n  规划信息: [*a]\n", encoding="utf-8")
    code = main(["crawl", NOWHERE, "--spec", str(spec), "--overrides", str(overrides), "--out", str(tmp_path / "o")])
    one_line_refusal(capsys, code, "YAML alias")


SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n"


@pytest.mark.parametrize("text", [SECRET, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/bin/false\n",
                                  "password: hunter2\ntoken: abc\n"])
def test_an_error_about_a_file_that_is_no_spec_quotes_nothing_of_it(tmp_path, capsys, text):
    path = tmp_path / "not-a-spec"
    path.write_text(text, encoding="utf-8")
    code = main(["spec", "check", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "is not a spec file" in err
    for word in ("b3BlbnNz", "root:x", "hunter2", "password", "OPENSSH"):
        assert word not in err


def test_an_error_in_a_spec_quotes_at_most_the_offending_line(tmp_path, capsys):
    path = tmp_path / "spec.yaml"
    path.write_text('mandate:\n  id: x\n  title: t\n  issued: "first line\n\n    second secret line"\n'
                    "entries:\n  - {id: a, path: 政府网站>甲}\n", encoding="utf-8")
    code = main(["spec", "check", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "first line" in err and "second secret" not in err, err


def test_a_sites_set_may_not_move_the_output_folder(tmp_path, spec, capsys):
    sites = _sites(tmp_path, f"defaults: {{spec: {spec}, out: {tmp_path / 'out'}}}\nsites:\n"
                   f"  - {{name: s, url: '{NOWHERE}', set: {{AUDITOR_OUT_DIR: /tmp/elsewhere}}}}\n")
    one_line_refusal(capsys, main(["run", str(sites)]), "'s'", "AUDITOR_OUT_DIR cannot be given")


def _pathaudit(*args: str):
    import subprocess
    import sys

    from waiting import HANG_GUARD

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "pathaudit", *args], capture_output=True, text=True,
                          timeout=HANG_GUARD, env=env, cwd=Path(__file__).resolve().parents[3])


def test_a_password_in_a_sites_url_is_written_nowhere(tmp_path, spec):
    sites = _sites(tmp_path, f"defaults: {{spec: {spec}, out: {tmp_path / 'out'}, set: {{RETRY_TIMES: 0}}}}\nsites:\n"
                   "  - {name: down, url: 'http://inspector:S3cretPassw0rd@127.0.0.1:9/'}\n")
    proc = _pathaudit("run", str(sites), "-q")
    assert proc.returncode == 3, proc.stderr[-2000:]
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert any(p.name == "index.json" for p in written) and any(p.name == "index.html" for p in written)
    for path in written:
        assert b"S3cretPassw0rd" not in path.read_bytes(), path
    assert "S3cretPassw0rd" not in proc.stderr + proc.stdout


def test_an_unresolvable_host_is_called_so(tmp_path, spec):
    proc = _pathaudit("crawl", "http://no-such-portal.invalid/", "--spec", str(spec), "--out", str(tmp_path / "out"),
                      "-q", "--set", "RETRY_TIMES=0", "--set", "AUDITOR_REPORT_FORMATS=")
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "could not be resolved" in proc.stderr and "reset" not in proc.stderr


def test_also_hosts_of_a_site_become_listed_hosts(tmp_path, spec):
    from pathaudit.sites import load_sites

    sites = _sites(tmp_path, f"defaults: {{spec: {spec}}}\nsites:\n"
                   f"  - {{name: s, url: '{NOWHERE}', also_hosts: [files.partner-cdn.cn, 'img.cdn.cn:8080']}}\n")
    site = load_sites(sites).sites[0]
    assert "AUDITOR_ALLOWED_HOSTS=files.partner-cdn.cn,img.cdn.cn:8080" in site.settings.sets
