"""The pure walker, driven in-process over the bundled sample portal: the crawl's own result."""

from __future__ import annotations

import json

import pytest

import auditor.page.tree as tree
from auditor.audit import audit
from auditor.model.findings import FindingsReport
from auditor.walk.config import WalkConfig
from auditor.walk.drive import walk_site
from auditor.walk.walker import Walker

ORIGIN = "http://127.0.0.1:8"


@pytest.fixture(scope="module")
def walked(sample_portal, liangjiang, make_portal_fetch, sample_as_of):
    fetch = make_portal_fetch(sample_portal)
    seen = walk_site(liangjiang, ORIGIN + "/", fetch, WalkConfig(as_of=sample_as_of))
    paths, findings = audit(liangjiang, seen, as_of=sample_as_of, complete=True)
    report = FindingsReport({}, {}, "", "", True, {}, paths, findings)
    return seen, json.loads(json.dumps(report.to_dict(), ensure_ascii=False))


def test_the_in_process_walk_judges_every_path_as_the_demo_crawl_did(walked, golden_findings, comparable):
    _, report = walked
    now = comparable(report)
    assert now["paths"] == golden_findings["paths"]
    assert now["findings"] == golden_findings["findings"]


def test_the_in_process_walk_observes_what_the_demo_crawl_counted(walked, golden_findings):
    seen, _ = walked
    stats = golden_findings["stats"]
    assert (len(seen.columns), len(seen.items), len(seen.media)) == (
        stats["columns_observed"], stats["item_pages"], stats["media_checked"]
    )


def test_each_page_read_is_parsed_by_lxml_once(sample_portal, liangjiang, make_portal_fetch, sample_as_of, monkeypatch, golden_findings):
    """Links, list, article and page-state readers share one parsed document per fetched page:
    ``auditor.page.tree.parse_html`` (the one parse) runs once per page answer with a text body."""
    parses = 0
    real_parse = tree.parse_html

    def counting_parse(html):
        nonlocal parses
        parses += 1
        return real_parse(html)

    pages = 0
    real_feed = Walker.feed

    def counting_feed(self, answer):
        nonlocal pages
        if answer.body and (answer.header("content-type") or "").startswith("text/"):
            pages += 1
        return real_feed(self, answer)

    monkeypatch.setattr(tree, "parse_html", counting_parse)
    monkeypatch.setattr(Walker, "feed", counting_feed)
    walk_site(liangjiang, ORIGIN + "/", make_portal_fetch(sample_portal), WalkConfig(as_of=sample_as_of))
    assert pages == golden_findings["stats"]["pages"]  # the demo crawl's pages read
    assert parses == pages
