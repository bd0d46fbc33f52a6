"""reports.render / write_all / output_name: the entry points the CLI and the crawl use."""

from __future__ import annotations

import zipfile

import pytest

from reports import FORMATS, output_name, render, write_all


def test_write_all_writes_every_format(findings_report, baseline_report, tmp_path):
    written = write_all(findings_report, tmp_path / "out", "zh", baseline_report)
    assert [p.name for p in written] == ["report.html", "junit.xml", "summary.md", "整改台账.xlsx"]
    assert written[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert written[1].read_bytes().startswith(b"<?xml")
    assert written[2].read_text(encoding="utf-8").startswith("## ")
    assert zipfile.is_zipfile(written[3])
    assert not list((tmp_path / "out").glob("*.tmp"))


def test_english_names_the_ledger_in_english(findings_report, tmp_path):
    names = [p.name for p in write_all(findings_report, tmp_path, "en")]
    assert names == ["report.html", "junit.xml", "summary.md", "remediation-ledger.xlsx"]


def test_render_types(findings_report):
    assert isinstance(render(findings_report, "html"), str)
    assert isinstance(render(findings_report, "md"), str)
    assert isinstance(render(findings_report, "junit"), bytes)
    assert isinstance(render(findings_report, "xlsx"), bytes)


def test_reports_are_a_pure_function_of_the_findings(findings_report, liangjiang):
    from auditor.model.findings import FindingsReport

    again = FindingsReport.from_dict(liangjiang())
    for fmt in ("html", "junit", "md"):
        assert render(findings_report, fmt) == render(again, fmt)


def test_unknown_format_or_language_is_refused(findings_report):
    with pytest.raises(ValueError, match="format"):
        render(findings_report, "sarif")
    with pytest.raises(ValueError, match="language"):
        render(findings_report, "html", "fr")
    with pytest.raises(ValueError):
        output_name("sarif")
    assert FORMATS == ("html", "junit", "md", "xlsx", "pdf")


def test_a_bare_unfinished_crawl_renders_in_every_format(tmp_path):
    """A crawl killed early: no paths, no findings, no hosts, no issue date, odd times."""
    from auditor.model.findings import FindingsReport

    bare = FindingsReport.from_dict({
        "schema": "pathaudit/findings/1", "site": {"start_url": "http://127.0.0.1:8080/"},
        "spec": {"id": "s"}, "started_at": "2021-06-20T09:00:00", "finished_at": "", "complete": False,
        "stats": {}, "paths": [], "findings": [],
    })
    written = write_all(bare, tmp_path, "zh")
    assert len(written) == 4
    html = written[0].read_text(encoding="utf-8")
    assert "未完成（结果不完整）" in html and "部分结果（抓取未完成）" in html
    assert "抓取未完成：以上计数为下限。" in html
    md = written[2].read_text(encoding="utf-8")
    assert md.splitlines()[0].startswith("## ⏸️")
