"""The one reader of findings.json (``FindingsReport.read``): its schema check, and its tolerance of
fields a newer writer adds (a ``column_map``, a new finding kind)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.model.findings import FindingsFileError, FindingsReport

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden" / "findings.json"


def _write(tmp_path: Path, data: object) -> Path:
    target = tmp_path / "findings.json"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


def test_reads_a_findings_file_with_fields_and_kinds_it_does_not_know(tmp_path: Path):
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    data["column_map"] = [{"path_id": "x", "url": "http://example.gov.cn/a/"}]
    data["paths"][0]["placement"] = {"under": "elsewhere"}
    data["findings"].append({**data["findings"][0], "kind": "misplaced_column", "moved_to": ["a", "b"]})
    report = FindingsReport.read(_write(tmp_path, data))
    assert len(report.findings) == len(data["findings"])
    assert report.findings[-1].kind == "misplaced_column"


@pytest.mark.parametrize(
    ("mutate", "says"),
    [
        (lambda d: d.pop("paths"), "'paths' must be a JSON array"),
        (lambda d: d["findings"][0].update(severity="fatal"), "findings[0].severity is 'fatal'"),
        (lambda d: d["paths"][0].update(trail=[{"url": "x"}]), "paths[0].trail entries need a name and a url"),
        (lambda d: d.update(schema="other/2"), "schema is 'other/2'"),
    ],
)
def test_a_wrong_shape_is_one_sentence_naming_the_file(tmp_path: Path, mutate, says: str):
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    mutate(data)
    target = _write(tmp_path, data)
    with pytest.raises(FindingsFileError) as caught:
        FindingsReport.read(target, role="baseline")
    assert says in str(caught.value)
    assert str(caught.value).startswith("baseline file is not a valid findings document")
    assert str(caught.value).endswith(str(target))


def test_not_json_names_line_and_column(tmp_path: Path):
    target = tmp_path / "findings.json"
    target.write_text('{"schema": "pathaudit/findings/1",\n  oops}', encoding="utf-8")
    with pytest.raises(FindingsFileError, match=r"not valid JSON \(.* at line 2, column 3\)"):
        FindingsReport.read(target)


def test_a_missing_file_is_a_findings_file_error(tmp_path: Path):
    with pytest.raises(FindingsFileError, match="findings file not found"):
        FindingsReport.read(tmp_path / "none.json")
