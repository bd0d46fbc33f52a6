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


GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "findings.json"
A4_POINTS = (595.3, 841.9)


def test_page_one_is_a4_with_the_verdict_the_state_tiles_and_the_whole_tree(tmp_path: Path, repo_root: Path):
    """The demo's report on paper: A4 (not US Letter), and page 1 holds what an inspector reads first —
    the verdict, every state tile and every node of the column tree — with the crawl's facts after."""
    pdfium = pytest.importorskip("pypdfium2")
    from auditor.model.findings import FindingsReport
    from reports.view import build_view

    report = FindingsReport.read(GOLDEN)
    pdf_file = tmp_path / "report.pdf"
    pdf_file.write_bytes(render(report, "pdf", "zh"))
    document = pdfium.PdfDocument(str(pdf_file))
    try:
        width, height = document[0].get_size()
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, (width, height)
        first = re.sub(r"\s+", "", document[0].get_textpage().get_text_range())
        image = document[0].render(scale=1.5).to_pil()
        artifacts = repo_root / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        image.save(artifacts / "report-pdf-page1.png")
    finally:
        document.close()
    view = build_view(report)
    assert "结论：不合格" in first
    for state, n in view.state_counts.items():
        assert f"{n}{view_word(state)}" in first, state
    names = set()

    def walk(nodes):
        for node in nodes:
            names.add(node.name)
            walk(node.children)

    walk(view.tree)
    missing = sorted(name for name in names if re.sub(r"\s+", "", name) not in first)
    assert not missing, f"tree nodes not on page 1: {missing}"
    assert "抓取统计" not in first  # the facts begin on page 2


def view_word(state: str) -> str:
    from reports.wording import Words

    return Words("zh").state(state)
