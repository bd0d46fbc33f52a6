"""Bad input, checked before the crawl: one line naming the mistake, exit 2, never a traceback.

Each case runs the real command in-process (the checks come before Scrapy is started, so a case
that got past them would start a crawl of a port nobody listens on and fail differently); the
output folder must not even be created.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bad_input_cli import NOWHERE, SPEC, one_line_refusal, spec  # noqa: F401 (spec: a fixture)
from pathaudit.cli import main


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--as-of", "2021-13-01"], "--as-of takes a date as YYYY-MM-DD"),
        (["--as-of", "yesterday"], "--as-of takes a date as YYYY-MM-DD"),
        (["--as-of", "2021-1-1"], "--as-of takes a date as YYYY-MM-DD"),
        (["--set", "NO_SUCH_SETTING=1"], "NO_SUCH_SETTING: no such setting"),
        (["--set", "DOWNLOAD_TIMEOUT=soon"], "DOWNLOAD_TIMEOUT takes a number"),
        (["--set", "AUDITOR_MAX_LIST_PAGES=2.5"], "takes a whole number"),
        (["--set", "RETRY_TIMES=" + "9" * 5000], "takes a number, not a 5000-character value"),
        (["--set", "AUDITOR_SEARCH_PAGES=-3"], "cannot be negative"),
        (["--set", "ROBOTSTXT_OBEY=maybe"], "takes true or false"),
        (["--set", "AUDITOR_REPORT_FORMATS=html,sarif"], "unknown report format(s): sarif"),
        (["--set", "AUDITOR_AS_OF=2021-02-30"], "AUDITOR_AS_OF takes a date"),
        (["--set", "AUDITOR_REPORT_LANG=fr"], "takes zh or en"),
        (["--set", "NAME_WITHOUT_VALUE"], "--set takes NAME=VALUE"),
    ],
)
def test_a_bad_date_or_setting_is_one_line_before_the_crawl(args, expected, spec, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["crawl", NOWHERE, "--spec", str(spec), "--out", str(out), *args])
    one_line_refusal(capsys, code, expected)
    assert not out.exists()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://[::1/", "not a valid URL"),
        ("http://127.0.0.1:99999/", "not a valid URL"),
        ("http://127.0.0.1:port/", "not a valid URL"),
        ("http:///zwgk/", "has no host name"),
        ("http://", "has no host name"),
        ("ftp://www.example.gov.cn/", "must be http(s)"),
        ("www.example.gov.cn", "must be http(s)"),
    ],
)
def test_a_malformed_start_url_is_one_line(url, expected, spec, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["crawl", url, "--spec", str(spec), "--out", str(out)])
    one_line_refusal(capsys, code, expected)
    assert not out.exists()


def test_credentials_in_a_malformed_start_url_are_not_shown(spec, tmp_path, capsys):
    code = main(["crawl", "http://admin:s3cret@[::1/", "--spec", str(spec), "--out", str(tmp_path / "out")])
    line = one_line_refusal(capsys, code, "not a valid URL")
    assert "s3cret" not in line and "admin" not in line


def _deep(depth: int) -> str:
    return SPEC + "    quote: " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: Path("/dev/zero"), "not a regular file"),
        (lambda tmp: _fifo(tmp), "not a regular file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _file(tmp, _deep(20_000)), "more than 64 levels deep"),
        (lambda tmp: _file(tmp, SPEC + "    min_items: " + "7" * 5000 + "\n"), "5000-digit number"),
        (lambda tmp: _file(tmp, SPEC + "    quote: !!binary aGVsbG8=\n"), "!!binary"),
    ],
    ids=["dev-zero", "fifo", "directory", "nested-20000", "5000-digits", "binary"],
)
@pytest.mark.parametrize("command", ["crawl", "spec check"])
def test_a_spec_that_is_no_spec_file_is_one_line(make, expected, command, tmp_path, capsys):
    path = make(tmp_path)
    if command == "crawl":
        code = main(["crawl", NOWHERE, "--spec", str(path), "--out", str(tmp_path / "out")])
        assert not (tmp_path / "out").exists()
    else:
        code = main(["spec", "check", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert expected in err and str(path) in err, err


def test_a_binary_value_is_refused_on_its_line(tmp_path, capsys):
    path = _file(tmp_path, SPEC + "    quote: !!binary aGVsbG8=\n")
    assert main(["spec", "check", str(path)]) == 2
    assert f"{path}:7:" in capsys.readouterr().err


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u200d\u2060", "\ufeff"])
def test_a_segment_of_invisible_characters_only_is_refused_with_its_line(invisible, tmp_path, capsys):
    path = _file(tmp_path, SPEC + f"  - id: b\n    path: 政府网站>政务公开>{invisible}\n")
    assert main(["spec", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:8:" in err and "only invisible characters" in err, err


def test_ids_equal_after_nfkc_are_one_id(tmp_path, capsys):
    path = _file(tmp_path, SPEC.replace("id: a", "id: ghxx") + "  - id: ｇｈｘｘ\n    path: 政府网站>政务公开>财政信息\n")
    assert main(["spec", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:7:" in err and "ids must be unique" in err, err


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: Path("/dev/zero"), "not a regular file"),
        (lambda tmp: _fifo(tmp), "not a regular file"),
        (lambda tmp: _file(tmp, "[" * 100_000 + "]" * 100_000), "nests too deep"),
    ],
    ids=["dev-zero", "fifo", "nested"],
)
def test_report_of_a_device_a_pipe_or_a_bomb_is_one_line(make, expected, tmp_path, capsys):
    code = main(["report", str(make(tmp_path)), "--out", str(tmp_path / "reports")])
    one_line_refusal(capsys, code, expected)


def _file(tmp: Path, text: str) -> Path:
    path = tmp / "input.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.yaml"
    os.mkfifo(path)
    return path
