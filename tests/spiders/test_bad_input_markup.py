"""Broken markup: unclosed tags, nested one-row tables, ``<base href>``, links written over several
lines, ``javascript:`` and ``#`` links carrying the column's name, ``../`` climbing above the root."""

from __future__ import annotations


def test_the_real_link_is_followed_not_the_javascript_or_hash_one(badsite_crawl):
    path = badsite_crawl.path("机构概况", "领导信息")
    assert path["status"] == "ok"
    # written as "\n   ldxx/  " relative to <base href="/jggk/inner/">, its text over two lines
    assert path["url"] == badsite_crawl.base_url + "jggk/inner/ldxx/"
    assert path["trail"][-1]["name"] == "领导信息"


def test_a_link_climbing_above_the_root_stays_at_the_root(badsite_crawl):
    path = badsite_crawl.path("机构概况", "内设机构")
    assert path["status"] == "ok"
    assert path["url"] == badsite_crawl.base_url + "jggk/inner/nsjg/index.html"


def test_a_list_of_nested_one_row_tables_behind_an_unclosed_breadcrumb_counts_every_item(badsite_crawl):
    for segments in (("机构概况", "领导信息"), ("机构概况", "内设机构")):
        path = badsite_crawl.path(*segments)
        assert (path["items"], path["latest_date"]) == (6, "2021-11-26"), segments


def test_no_request_leaves_for_a_javascript_or_fragment_url(badsite_crawl):
    targets = [target for _, target, _, _ in badsite_crawl.requests]
    assert not [t for t in targets if "javascript" in t.lower() or "#" in t or "void(0)" in t]
    assert not [t for t in targets if t.startswith("/jggk/inner/jggk/")]  # ../ resolved, not kept
