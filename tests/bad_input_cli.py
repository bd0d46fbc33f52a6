"""What the bad-input tests of the command line share: a minimal valid spec, an address nobody
listens on, and the check that a refusal is one line of ``pathaudit``, exit 2, no traceback
(importable through pytest's ``pythonpath = ["tests"]``; ``spec`` is a fixture the importing test
module takes over)."""

from __future__ import annotations

from pathlib import Path

import pytest

SPEC = """\
mandate:
  id: bad-input
  title: 坏输入
entries:
  - id: a
    path: 政府网站>政务公开>规划信息
"""
NOWHERE = "http://127.0.0.1:9/"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def one_line_refusal(capsys: pytest.CaptureFixture[str], code: int, *expected: str) -> str:
    """The command refused with exit 2 in exactly one line that says ``expected``."""
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert len(lines) == 1, err
    assert lines[0].startswith("pathaudit") and "Traceback" not in err
    for word in expected:
        assert word in lines[0], lines[0]
    return lines[0]
