"""Traps: endless pagination, a calendar of dates, session ids in URLs. Bounded, and the crawl ends."""

from __future__ import annotations

import re


def test_endless_pagination_stops_at_the_list_page_budget(badsite_crawl):
    """Every 图片新闻 page links the next one; the corpus crawl reads AUDITOR_MAX_LIST_PAGES=5."""
    path = badsite_crawl.path("图片新闻")
    assert (path["status"], path["items"]) == ("ok", 25)
    pages = {t for t in badsite_crawl.targets("/tpxw/") if re.fullmatch(r"/tpxw/(index_\d+\.html)?", t)}
    assert pages == {"/tpxw/", "/tpxw/index_1.html", "/tpxw/index_2.html", "/tpxw/index_3.html", "/tpxw/index_4.html"}


def test_a_calendar_does_not_eat_the_search_budget(badsite_crawl):
    """会议安排 is linked only from 更多栏目, after 28 calendar days that each link 28 more."""
    path = badsite_crawl.path("会议活动", "会议安排")
    assert (path["status"], path["items"]) == ("ok", 6)
    assert len([t for t in badsite_crawl.targets("/cal/?date=")]) <= 2


def test_session_ids_are_dropped_so_each_page_is_read_once(badsite_crawl):
    path = badsite_crawl.path("网上办事", "办件公示")
    assert (path["status"], path["items"]) == ("ok", 15)  # 3 pages of 5, none counted twice
    asked = badsite_crawl.targets("/sess/")
    assert not [t for t in asked if "jsessionid" in t.lower() or "sid=" in t]
    assert len(asked) == len(set(asked))
    assert {"/sess/bjgs/index.html", "/sess/bjgs/index_1.html", "/sess/bjgs/index_2.html"} <= set(asked)


def test_the_crawl_of_the_corpus_finishes(badsite_crawl):
    assert badsite_crawl.findings["complete"] is True
    assert badsite_crawl.findings["stats"]["close_reason"] == "finished"
