"""``pathaudit.index.write_index``: a site that could not be audited gives the index its reason as a
code (worded in the index's language), taken from the site's findings.json of the run."""

from __future__ import annotations

from pathlib import Path

from auditor.model.findings import FindingsReport
from pathaudit.index import write_index

DOWN = Path(__file__).resolve().parents[1] / "reports" / "data" / "down" / "findings.json"


def test_a_down_sites_reason_reaches_the_index_as_a_code(tmp_path: Path):
    report = FindingsReport.read(DOWN)
    row = {"name": "down", "url": report.site["start_url"], "schedule": None, "report": report,
           "folder": str(tmp_path / "down"), "problem": "site unreachable: the server refused the connection after 2 retries"}
    page = write_index(tmp_path, None, [row], "zh").read_text(encoding="utf-8")
    assert "首页无法访问：服务器拒绝连接（已重试 2 次）" in page
    assert "site unreachable" not in page
