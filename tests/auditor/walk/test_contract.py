"""One builder of findings.json (``auditor.audit.contract.findings_report``) for every driver of the walk.

The in-process driver (``auditor.inprocess.audit_site``) and the crawl's pipeline both call it, so
the in-process document must be the demo crawl's own (the golden capture) in every block — site,
spec, stats, paths, findings — but for what only a transport knows (request counts, close reason).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from auditor.walk.config import WalkConfig
from auditor.inprocess import audit_site

ORIGIN = "http://127.0.0.1:8"
SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "findings.schema.json"


def test_the_in_process_document_is_the_crawls_but_for_the_transport(
        sample_portal, liangjiang, make_portal_fetch, sample_as_of, golden_findings, comparable):
    report = audit_site(liangjiang, ORIGIN + "/", make_portal_fetch(sample_portal), WalkConfig(as_of=sample_as_of))
    document = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    now = comparable(document)
    golden = json.loads(json.dumps(golden_findings))
    golden["stats"].pop("close_reason", None)
    assert now == golden
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
