"""The PDF is the HTML report printed by Chromium: the same words, each unit's 整改通知 on its own page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reports import render, write_all
from reports.pdf import chromium


pytestmark = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (apt-get install chromium)")


def test_the_pdf_prints_the_report_with_a_page_per_units_notice(archived_report, tmp_path: Path):
    report, folder = archived_report
    written = write_all(report, tmp_path / "out", "zh", formats=["pdf"], archive_dir=folder)
    assert [p.name for p in written] == ["report.pdf"]
    data = written[0].read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    units = len({tuple(p.lead) or None for p in report.paths}) + 1  # the lead units, and the site-wide list
    assert pages >= 2 + units  # the report, then one 整改通知 per unit


def test_without_chromium_a_pdf_is_a_clear_error(findings_report, monkeypatch, tmp_path: Path):
    from reports.pdf import PdfUnavailable

    monkeypatch.setenv("AUDITOR_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(PdfUnavailable, match="needs Chromium"):
        render(findings_report, "pdf")
