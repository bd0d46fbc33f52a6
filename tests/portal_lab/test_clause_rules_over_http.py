"""The clause rules over real HTTP: ``pathaudit crawl`` on the clause-rule portal (portal_lab/mandate),
healthy and defective, in each of its markup styles, must report exactly the planted defects, each in findings.json (valid against
the schema), the JUnit XML, the Markdown summary and the HTML report, in Chinese and in English.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from portal_lab.mandate.portal import EXPECTED_DEFECTS, STYLES, UNVERIFIED_WITHOUT_A_BROWSER

from mandate_crawl import AS_OF, REPO, crawl_both_builds
from waiting import HANG_GUARD

#: a fixed day: the portal is dated relative to it, so the build never ages
#: without a browser (the crawl's default ``--render never``) the mobile rule is unverified in both
#: builds (tests/portal_lab/test_mobile_over_http.py opens them as a phone)
CLAUSE_KINDS = {"missing_yearly_item", "below_yearly_count", "missing_phone", "unanswered_message",
                "unlinked_interpretation", "unverified"}


@pytest.fixture(scope="module", params=STYLES)
def crawls(request, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp(f"clause-rules-{request.param}")
    healthy, defective = crawl_both_builds(request.param, folder)
    return {"healthy": healthy, "defective": defective}


def _findings(out: Path) -> dict:
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))


def test_the_healthy_portal_breaks_no_clause(crawls):
    report = _findings(crawls["healthy"])
    assert [p["status"] for p in report["paths"]] == ["ok"] * 5
    # only what takes a browser is left open: the phone-width check of the 信息公开 column
    (left,) = report["findings"]
    assert (left["kind"], left["severity"], left["code"]) == ("unverified", "warning", "unverified_clause")
    assert left["path_id"] == UNVERIFIED_WITHOUT_A_BROWSER.path_id and left["params"]["rule"] == "mobile"
    assert left["url"].endswith(UNVERIFIED_WITHOUT_A_BROWSER.where)


def test_the_defective_portal_is_reported_for_each_planted_defect_and_nothing_else(crawls):
    report = _findings(crawls["defective"])
    got = sorted((f["code"], f["path_id"], f["url"]) for f in report["findings"])
    for defect in (*EXPECTED_DEFECTS, UNVERIFIED_WITHOUT_A_BROWSER):
        assert any(code == defect.code and path == defect.path_id and defect.where in url for code, path, url in got), (
            defect, got)
    assert len(got) == len(EXPECTED_DEFECTS) + 1, got
    assert {f["kind"] for f in report["findings"]} == CLAUSE_KINDS
    count = next(f for f in report["findings"] if f["kind"] == "below_yearly_count")
    assert count["evidence"]["count"] == 2 and count["evidence"]["min_per_year"] == 4
    assert count["evidence"]["year"] == AS_OF.year - 1


def test_findings_json_stays_valid_against_the_contract(crawls):
    schema = json.loads((REPO / "docs" / "findings.schema.json").read_text(encoding="utf-8"))
    for out in crawls.values():
        jsonschema.validate(_findings(out), schema)


def test_every_report_shows_the_clause_findings_with_their_advice(crawls):
    out = crawls["defective"]
    report = _findings(out)
    junit = ET.parse(out / "junit.xml").getroot()
    failures = " ".join(f.text or "" for f in junit.iter("failure"))
    summary = (out / "summary.md").read_text(encoding="utf-8")
    html = (out / "report.html").read_text(encoding="utf-8")
    for finding in report["findings"]:
        assert finding["message"] in failures, finding["code"]
    for words in ("留言未答复", "未公开联系电话", "年度信息逾期未公开", "年度发布次数不足", "解读与文件未关联", "需用浏览器核查",
                  "及时答复留言", "在页面公开对外联系电话"):
        assert words in summary or words in html, words
        assert words in html, words


def test_the_english_report_words_them_in_english(crawls, tmp_path):
    out = crawls["defective"]
    target = tmp_path / "summary.en.md"
    proc = subprocess.run(
        [sys.executable, "-m", "pathaudit", "report", str(out / "findings.json"), "--format", "md",
         "--lang", "en", "--out", str(target), "--fail-on", "never"],
        cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = target.read_text(encoding="utf-8")
    assert "has no reply" in text
    assert "shows no contact phone number" in text
    assert "does not link back to its interpretation" in text
    assert "Answer every message" in text
    assert "takes a browser" in text
