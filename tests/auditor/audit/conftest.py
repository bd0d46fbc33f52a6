"""The audit's national-veto tests read the same realistic findings document as the report tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from auditor.model.findings import FindingsReport

_SPEC = importlib.util.spec_from_file_location(
    "_report_samples", Path(__file__).resolve().parents[2] / "reports" / "conftest.py"
)
_samples = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_samples)


@pytest.fixture
def findings_report() -> FindingsReport:
    return FindingsReport.from_dict(_samples.liangjiang_document())
