"""The CLI tests share the one browser harness of the report tests (tests/reports/conftest.py):
its ``browser`` and ``open_report`` fixtures are taken from there, not written twice."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_HARNESS = Path(__file__).resolve().parents[2] / "reports" / "conftest.py"
_spec = importlib.util.spec_from_file_location("_report_browser_harness", _HARNESS)
assert _spec is not None and _spec.loader is not None
_harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_harness)

browser = _harness.browser
open_report = _harness.open_report
