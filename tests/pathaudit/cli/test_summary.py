"""The terminal summary names a portal that could not be audited as every report does: one word for
one state (NOT AUDITED; the reports' 无法核查 / Not audited), never UNREACHABLE."""

from __future__ import annotations

from pathlib import Path

from auditor.model.findings import FindingsReport
from pathaudit.cli.summary import summary_lines

DOWN = Path(__file__).resolve().parents[2] / "reports" / "data" / "down" / "findings.json"


def test_a_down_site_is_not_audited_in_the_terminal_too(tmp_path: Path):
    lines = summary_lines(FindingsReport.read(DOWN), tmp_path, None, "error", 3)
    assert lines[-1].startswith("verdict NOT AUDITED — exit 3")
    assert not any("UNREACHABLE" in line for line in lines)
