"""A bundled spec can be named without its path, everywhere a spec is asked for."""

from __future__ import annotations

from pathlib import Path

from auditor.specs.loader import load_spec
from path_specs import bundled_spec, spec_file
from pathaudit.cli import main


def test_a_bundled_name_loads_the_bundled_spec():
    assert spec_file("liangjiang-2021") == bundled_spec("liangjiang-2021")
    assert load_spec("liangjiang-2021").meta.id == load_spec(bundled_spec("liangjiang-2021")).meta.id


def test_a_file_of_that_name_in_the_working_folder_wins(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "liangjiang-2021").write_text("not yaml: [", encoding="utf-8")
    assert spec_file("liangjiang-2021") == Path("liangjiang-2021")


def test_an_unknown_name_is_one_line_and_exit_2(capsys):
    assert main(["spec", "check", "no-such-spec"]) == 2
    err = capsys.readouterr()
    assert 'no bundled spec "no-such-spec"' in err.out + err.err and "Traceback" not in err.err
