"""The audit's national-veto tests read the same realistic findings document as the report tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from by_path import load_module

from auditor.model.findings import FindingsReport

_samples = load_module(Path(__file__).resolve().parents[2] / "reports" / "conftest.py", "_report_samples")


@pytest.fixture
def findings_report() -> FindingsReport:
    return FindingsReport.from_dict(_samples.liangjiang_document())
