"""A mandate may set its own 整改时限 by finding kind (``mandate: remediation_days``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.specs.errors import SpecError
from auditor.specs.loader import load_spec

SPEC = """mandate:
  id: t
  title: 测试
{days}
entries:
  - path: 政府网站>政务公开>政策解读
"""


def write(tmp_path: Path, days: str) -> str:
    target = tmp_path / "spec.yaml"
    target.write_text(SPEC.format(days=days), encoding="utf-8")
    return str(target)


def test_remediation_days_by_kind_are_read(tmp_path: Path):
    spec = load_spec(write(tmp_path, "  remediation_days:\n    missing_column: 20\n    broken_video: 5"))
    assert spec.meta.remediation_days == {"missing_column": 20, "broken_video": 5}
    assert load_spec(write(tmp_path, "")).meta.remediation_days == {}


@pytest.mark.parametrize(("days", "message"), [
    ("  remediation_days:\n    missing_colum: 20", 'unknown key "missing_colum"'),
    ("  remediation_days:\n    missing_column: 0", "must be at least 1"),
    ("  remediation_days:\n    missing_column: soon", "must be a whole number"),
    ("  remediation_days: 30", "must be a mapping"),
])
def test_bad_remediation_days_are_refused_with_the_line(tmp_path: Path, days: str, message: str):
    with pytest.raises(SpecError, match=message):
        load_spec(write(tmp_path, days))
