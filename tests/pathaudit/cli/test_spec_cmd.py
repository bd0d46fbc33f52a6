"""``pathaudit spec check``: tables for valid specs, ``file:line: message`` and exit 2 for broken ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pathaudit.cli import main
from pathaudit.cli.spec_cmd import describe_rules, display_width, render_table
from auditor.specs import load_spec
from waiting import HANG_GUARD

BROKEN = """\
mandate:
  id: broken
  title: 坏的
entries:
  - id: a
    path: 政府网站>政务公开
    max_age: 14
"""


@pytest.fixture
def liangjiang(repo_root: Path) -> Path:
    return repo_root / "path_specs" / "liangjiang-2021.yaml"


@pytest.fixture
def national(repo_root: Path) -> Path:
    return repo_root / "path_specs" / "gov-disclosure-platform.yaml"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def _run(*args: str | Path, how: str) -> subprocess.CompletedProcess[str]:
    """Run the command in a fresh process: through the installed script or ``python -m pathaudit``."""
    if how == "script":
        script = Path(sys.executable).parent / "pathaudit"
        assert script.exists(), f"the pathaudit script is not installed beside {sys.executable}"
        command = [str(script)]
    else:
        command = [sys.executable, "-m", "pathaudit"]
    return subprocess.run(
        [*command, "spec", "check", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=HANG_GUARD,
    )


@pytest.mark.parametrize("how", ["script", "module"])
def test_a_bundled_spec_prints_every_expanded_path_and_exits_0(liangjiang, how):
    result = _run(liangjiang, how=how)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    spec = load_spec(liangjiang)
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    for column in spec.paths:
        assert column.id in rows
        assert ">".join(column.segments) in rows[column.id]
    assert f"{len(spec.paths)} mandated path(s)" in result.stdout


def test_the_national_template_checks_clean(national):
    result = _run(national, how="module")
    assert result.returncode == 0, result.stderr
    for column in load_spec(national).paths:
        assert column.id in result.stdout


@pytest.mark.parametrize("how", ["script", "module"])
def test_a_broken_spec_exits_2_with_file_line_and_message(broken, how):
    result = _run(broken, how=how)
    assert result.returncode == 2
    assert f'{broken}:7: unknown key "max_age" in entry 1 (did you mean "max_age_days"?)' in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_every_file_is_checked_and_every_failure_reported(liangjiang, broken, tmp_path):
    missing = tmp_path / "missing.yaml"
    result = _run(broken, liangjiang, missing, how="module")
    assert result.returncode == 2
    assert f"{broken}:7: " in result.stderr
    assert f"{missing}: no such file" in result.stderr
    assert "2 of 3 spec file(s) invalid" in result.stderr
    assert "plan-national-economy" in result.stdout
    assert "Traceback" not in result.stderr


def test_in_process_valid_spec(liangjiang, capsys):
    assert main(["spec", "check", str(liangjiang)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{liangjiang}: liangjiang-2021 — 2021年两江新区政务公开工作要点任务分工")
    assert "渝两江管办发﹝2021﹞44号, 2021-06-06" in out.splitlines()[0]
    row = next(line for line in out.splitlines() if line.startswith("policy-interpretation "))
    assert "政务公开>政府信息公开目录>政策解读" in row
    assert "二（二）5；二（二）6" in row
    assert "办公室、宣传部" in row
    assert "kind=policy; max_age_days=183; children=视频|图片|文字; media" in row


def test_in_process_table_columns_line_up_by_display_width(liangjiang, capsys):
    main(["spec", "check", str(liangjiang)])
    lines = capsys.readouterr().out.splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("ID "))
    header = lines[header_at]
    spec = load_spec(liangjiang)
    rows = lines[header_at + 2 : header_at + 2 + len(spec.paths)]
    starts = {name: display_width(header[: header.index(name)]) for name in ("PATH", "CLAUSE", "RULES")}
    for row, column in zip(rows, spec.paths, strict=True):
        path_at = row.index(">".join(column.segments))
        clause_at = row.index(column.clause, path_at)
        rules_at = row.rindex(describe_rules(column.rules))
        assert display_width(row[:path_at]) == starts["PATH"], row
        assert display_width(row[:clause_at]) == starts["CLAUSE"], row
        assert display_width(row[:rules_at]) == starts["RULES"], row


def test_in_process_broken_spec(broken, capsys):
    assert main(["spec", "check", str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[0] == f'{broken}:7: unknown key "max_age" in entry 1 (did you mean "max_age_days"?)'


def test_in_process_reports_every_broken_entry(tmp_path, capsys):
    path = tmp_path / "two.yaml"
    path.write_text(BROKEN + "  - path: 政府网站>>A\n  - path: 政府网站>B\n    kind: daily\n", encoding="utf-8")
    assert main(["spec", "check", str(path)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[0] for line in errors[:3]] == [f"{path}:7", f"{path}:8", f"{path}:10"]


def test_overrides_are_layered_and_shown(liangjiang, repo_root, capsys):
    overrides = repo_root / "path_specs" / "overrides.example.yaml"
    assert main(["spec", "check", str(liangjiang), "--overrides", str(overrides)]) == 0
    out = capsys.readouterr().out
    assert "allowed hosts: www.example.gov.cn, files.example.gov.cn, video.example-cdn.cn" in out
    assert "政策解读 = 解读回应 | 政策解读与回应" in out


def test_a_broken_overrides_file_exits_2_once(liangjiang, national, tmp_path, capsys):
    overrides = tmp_path / "site.yaml"
    overrides.write_text("allowed_hosts:\n  - http://www.example.gov.cn/\n", encoding="utf-8")
    assert main(["spec", "check", str(liangjiang), str(national), "--overrides", str(overrides)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count(f"{overrides}:2: ") == 1


def test_spec_without_an_action_shows_help_and_exits_2(capsys):
    assert main(["spec"]) == 2
    assert "check" in capsys.readouterr().err


def test_check_without_files_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["spec", "check"])
    assert exited.value.code == 2


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("六稳", 4), ("ＡＢ", 4), ("政务公开>政策解读", 17), ("e\u0301", 1), ("", 0)],
)
def test_display_width_counts_cjk_as_two_columns(text, width):
    assert display_width(text) == width


def test_render_table_pads_by_display_width():
    lines = render_table(("ID", "PATH", "X"), [("a", "政策解读", "1"), ("bb", "ab", "2")])
    assert lines == [
        "ID  PATH      X",
        "--  --------  -",
        "a   政策解读  1",
        "bb  ab        2",
    ]
