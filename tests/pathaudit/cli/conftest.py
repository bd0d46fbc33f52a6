"""The CLI tests share the one browser harness of the report tests (tests/reports/conftest.py):
its ``browser`` and ``open_report`` fixtures are taken from there, not written twice."""

from __future__ import annotations

from pathlib import Path

from by_path import load_module

_HARNESS = Path(__file__).resolve().parents[2] / "reports" / "conftest.py"
_harness = load_module(_HARNESS, "_report_browser_harness")

browser = _harness.browser
open_report = _harness.open_report
