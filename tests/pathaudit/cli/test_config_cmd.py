"""pathaudit.toml and SITES.yaml: merged with the command line winning, shown with where each value
came from, and refused in one line (exit 2) when a key or value is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathaudit.cli import main

TOML = """spec = "liangjiang-2021"
fail_on = "warning"
out = "audits"
formats = ["html", "xlsx"]

[politeness]
concurrent_per_host = 2
robots = false
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pathaudit.toml").write_text(TOML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def shown(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["config", "show", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_config_show_merges_the_file_and_the_command_line_and_says_where_each_came_from(project, capsys):
    data = shown(capsys, "--fail-on", "never", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    options, settings = data["options"], data["settings"]
    source = str(project / "pathaudit.toml")
    assert options["spec"] == {"value": "liangjiang-2021", "from": source}
    assert options["fail_on"] == {"value": "never", "from": "command line"}
    assert options["out"] == {"value": str(project / "audits"), "from": source}
    assert options["history"] == {"value": str(project / "audits" / "history.sqlite"), "from": "default"}
    assert options["lang"] == {"value": "zh", "from": "default"}
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == {"value": "1", "from": "command line"}
    assert settings["ROBOTSTXT_OBEY"] == {"value": "False", "from": source}
    assert settings["AUDITOR_REPORT_FORMATS"] == {"value": "html,xlsx", "from": source}


def test_config_show_prints_one_line_per_setting(project, capsys):
    assert main(["config", "show"]) == 0
    lines = capsys.readouterr().out.splitlines()
    spec = next(line for line in lines if line.startswith("spec "))
    assert "liangjiang-2021" in spec and spec.endswith("pathaudit.toml")


@pytest.mark.parametrize("text, message", [
    ("colour = 1\n", "unknown key 'colour'"),
    ('fail_on = "sometimes"\n', "fail_on must be one of"),
    ('as_of = "yesterday"\n', "as_of must be today or a date"),
    ("[politeness]\ndelay = -1\n", "cannot be negative"),
    ("spec = [\n", "not valid TOML"),
])
def test_a_bad_config_file_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, text, message):
    (tmp_path / "pathaudit.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["crawl", "http://127.0.0.1:9/"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "pathaudit.toml" in err[0]


def test_crawl_takes_its_spec_from_the_config_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["crawl", "http://127.0.0.1:9/"]) == 2
    assert "no spec" in capsys.readouterr().err
    (tmp_path / "pathaudit.toml").write_text('spec = "no-such-bundled-spec"\n', encoding="utf-8")
    assert main(["crawl", "http://127.0.0.1:9/"]) == 2
    assert 'no bundled spec "no-such-bundled-spec"' in capsys.readouterr().err


def test_every_problem_of_a_sites_file_is_listed_and_nothing_is_crawled(tmp_path, capsys):
    sites = tmp_path / "sites.yaml"
    sites.write_text("""colour: blue
parallel: 0
sites:
  - name: a/b
    url: ftp://x
  - name: ok
    url: http://127.0.0.1:9/
    speed: fast
  - name: ok
    url: http://127.0.0.1:9/
""", encoding="utf-8")
    assert main(["run", str(sites)]) == 2
    err = capsys.readouterr().err
    for message in ("unknown key(s) colour", "parallel must be", "name must be a folder name",
                    "url must be an http(s) URL", "unknown key(s) speed", "'ok' is listed twice"):
        assert message in err
    assert not (tmp_path / "pathaudit-out").exists()


def test_a_schedule_label_selects_its_sites(tmp_path, capsys):
    sites = tmp_path / "sites.yaml"
    sites.write_text("sites:\n  - {name: a, url: 'http://127.0.0.1:9/', schedule: weekly}\n", encoding="utf-8")
    assert main(["run", str(sites), "--schedule", "nightly"]) == 2
    assert "no site of" in capsys.readouterr().err
