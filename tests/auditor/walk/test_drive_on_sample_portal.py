"""The pure walker, driven in-process over the bundled sample portal: the crawl's own result."""

from __future__ import annotations

import json

import pytest

import auditor.page.tree as tree
from auditor.audit import audit
from auditor.model.findings import FindingsReport
from auditor.page.answer import FetchedPage
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
    ``auditor.page.tree.parse_html`` (the one parse) runs once per page answer with a text body.
    A search reads the pages of the parent's part again, long after the page book let their trees
    go (``auditor.walk.book``): what it asks of them (their links, list, own name, shape) was kept
    with the page, so no page of the demo walk is parsed a second time only to ask whether it has a
    document."""
    parses = pages = released = 0
    real_parse = tree.parse_html
    real_feed = Walker.feed
    real_release = FetchedPage.release_tree

    def counting_parse(html):
        nonlocal parses
        parses += 1
        return real_parse(html)

    def counting_feed(self, answer):
        nonlocal pages
        if answer.body and (answer.header("content-type") or "").startswith("text/"):
            pages += 1
        return real_feed(self, answer)

    def counting_release(self):
        nonlocal released
        let_go = real_release(self)
        released += let_go
        return let_go

    monkeypatch.setattr(tree, "parse_html", counting_parse)
    monkeypatch.setattr(Walker, "feed", counting_feed)
    monkeypatch.setattr(FetchedPage, "release_tree", counting_release)
    walk_site(liangjiang, ORIGIN + "/", make_portal_fetch(sample_portal), WalkConfig(as_of=sample_as_of))
    assert pages == golden_findings["stats"]["pages"]  # the demo crawl's pages read
    assert pages <= parses <= pages + pages // 10
    assert released > 100  # trees were let go, and pages read again after that
    assert parses == golden_findings["stats"]["pages"]


def test_the_walk_keeps_a_bounded_number_of_parsed_trees_however_many_pages_it_reads(
    sample_portal, liangjiang, make_portal_fetch, sample_as_of, monkeypatch
):
    """The page book keeps every page read for later parties, but the parsed trees (the heavy part)
    only of the last pages handed: at no point of the demo walk are the trees of every page read
    alive (what the walk finds is the demo crawl's: the tests above)."""
    import weakref

    alive: weakref.WeakSet[tree.Page] = weakref.WeakSet()
    real_parse = tree.Page.parse.__func__
    most = fed = 0

    def tracked_parse(cls, html, url):
        page = real_parse(cls, html, url)
        alive.add(page)
        return page

    real_feed = Walker.feed

    def watching_feed(self, answer):
        nonlocal most, fed
        fed += 1
        out = real_feed(self, answer)
        most = max(most, len(alive))
        return out

    monkeypatch.setattr(tree.Page, "parse", classmethod(tracked_parse))
    monkeypatch.setattr(Walker, "feed", watching_feed)
    walk_site(liangjiang, ORIGIN + "/", make_portal_fetch(sample_portal), WalkConfig(as_of=sample_as_of))
    assert fed > 300
    assert most <= 200  # the book's 128 trees, and the pages parties hold while they wait for others


def _zxgh_articles(portal, spec, fetch_for, as_of, **config) -> set[str]:
    log: list[str] = []
    fetch = fetch_for(portal)

    def logging_fetch(url, headers):
        log.append(url)
        return fetch(url, headers)

    walk_site(spec, ORIGIN + "/", logging_fetch, WalkConfig(as_of=as_of, **config))
    return {u for u in log if "/xxgk/fdzdgknr/ghjh/zxgh/" in u and "/t20" in u}


def test_item_pages_of_more_list_pages_are_read_when_the_settings_widen(sample_portal, liangjiang, make_portal_fetch, sample_as_of):
    """By default the newest 20 articles of a column's first list page are read; item_list_pages=2
    with no sample cap adds the second page's (专项规划 has 45 items over 3 static pages)."""
    first_only = _zxgh_articles(sample_portal, liangjiang, make_portal_fetch, sample_as_of)
    wider = _zxgh_articles(sample_portal, liangjiang, make_portal_fetch, sample_as_of, item_list_pages=2, max_item_pages=0)
    assert first_only < wider
    assert len(wider) >= 2 * len(first_only) > 0


def test_a_small_page_memory_refetches_and_finds_the_same(walked, sample_portal, liangjiang, make_portal_fetch, sample_as_of):
    """With page_memory=3 the walk forgets pages it asks for again and fetches them again: more
    requests, the same findings."""
    asked: list[str] = []
    fetch = make_portal_fetch(sample_portal)

    def counting(url, headers):
        asked.append(url)
        return fetch(url, headers)

    seen = walk_site(liangjiang, ORIGIN + "/", counting, WalkConfig(as_of=sample_as_of, page_memory=3))
    paths, findings = audit(liangjiang, seen, as_of=sample_as_of, complete=True)
    small = json.loads(json.dumps(FindingsReport({}, {}, "", "", True, {}, paths, findings).to_dict(), ensure_ascii=False))
    _, full = walked
    assert small["paths"] == full["paths"] and small["findings"] == full["findings"]
    assert len(asked) > full_requests(sample_portal, liangjiang, make_portal_fetch, sample_as_of)


def full_requests(portal, spec, fetch_for, as_of) -> int:
    asked: list[str] = []
    fetch = fetch_for(portal)
    walk_site(spec, ORIGIN + "/", lambda u, h: (asked.append(u), fetch(u, h))[1], WalkConfig(as_of=as_of))
    return len(asked)
