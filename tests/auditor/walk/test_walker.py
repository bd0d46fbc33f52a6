"""The walker's decisions, in-process on small hand-written sites (no sockets, no Scrapy)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditor.page.answer import Answer
from auditor.walk.config import WalkConfig
from by_path import load_module
from auditor.walk.drive import walk_site
from auditor.walk.walker import Walker

helpers = load_module(Path(__file__).with_name("conftest.py"), "walk_conftest")
Site, html_page, list_body, SITE = helpers.Site, helpers.html_page, helpers.list_body, helpers.SITE

AS_OF = dt.date(2021, 12, 1)
CONFIG = WalkConfig(as_of=AS_OF)


def nav(*links: tuple[str, str]) -> str:
    return "<div class='nav'>" + "".join(f"<a href='{href}'>{name}</a>" for name, href in links) + "</div>"


def entry(path: str) -> str:
    return f"  - id: e{abs(hash(path)) % 10_000}\n    path: 政府网站>{path}\n    clause: x\n    kind: periodic\n"


def test_a_column_linked_from_its_parent_is_found_and_its_list_counted(write_spec):
    spec = write_spec(entry("政务公开>通知公告"))
    site = Site({
        "/": html_page("首页", nav(("政务公开", "/zwgk/"))),
        "/zwgk/": html_page("政务公开", nav(("通知公告", "/zwgk/tzgg/"))),
        "/zwgk/tzgg/": html_page("通知公告", list_body("/zwgk/tzgg/", 5)),
    })
    seen = walk_site(spec, SITE + "/", site, CONFIG)
    column = seen.columns[("政务公开", "通知公告")]
    assert column.status == "found" and column.url == SITE + "/zwgk/tzgg/"
    assert [step.url for step in column.trail] == [SITE + "/", SITE + "/zwgk/", SITE + "/zwgk/tzgg/"]
    assert column.listing is not None and len(column.listing.items) == 5


def test_a_segment_not_linked_is_searched_for_on_sibling_pages_and_found_there(write_spec):
    spec = write_spec(entry("政务公开>规划信息"))
    site = Site({
        "/": html_page("首页", nav(("政务公开", "/zwgk/"))),
        "/zwgk/": html_page("政务公开", "<div class='left'><a href='/zwgk/jgzn/'>机构职能</a></div>"),
        "/zwgk/jgzn/": html_page("机构职能", "<div class='left'><a href='/zwgk/ghxx/'>规划信息</a></div>" + list_body("/zwgk/jgzn/", 3)),
        "/zwgk/ghxx/": html_page("规划信息", list_body("/zwgk/ghxx/", 4)),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")]
    assert column.status == "found"
    assert [step.url for step in column.trail][-2:] == [SITE + "/zwgk/jgzn/", SITE + "/zwgk/ghxx/"]


def test_a_segment_found_nowhere_within_the_budget_is_missing_with_the_pages_searched(write_spec):
    spec = write_spec(entry("政务公开>国土空间规划"))
    siblings = {f"/zwgk/c{n}/": html_page(f"栏目{n}", list_body(f"/zwgk/c{n}/", 3)) for n in range(30)}
    parent = "<div class='left'>" + "".join(f"<a href='/zwgk/c{n}/'>栏目{n}</a>" for n in range(30)) + "</div>"
    site = Site({"/": html_page("首页", nav(("政务公开", "/zwgk/"))), "/zwgk/": html_page("政务公开", parent), **siblings})
    column = walk_site(spec, SITE + "/", site, WalkConfig(as_of=AS_OF, search_pages=7)).columns[("政务公开", "国土空间规划")]
    assert column.status == "missing" and column.reason is None
    # the parent page and its own part of the site, read whole beyond the budget (issue 17)
    assert len(column.searched) == 1 + 30
    assert "栏目0" in column.offered
    # a parent's part larger than the walk reads leaves the column unverified, not missing
    small = walk_site(spec, SITE + "/", site, WalkConfig(as_of=AS_OF, search_pages=7, section_pages=10))
    column = small.columns[("政务公开", "国土空间规划")]
    assert column.status == "unverified" and column.reason is not None and column.reason.code == "search_incomplete"


def test_a_refused_page_that_could_hold_the_link_of_a_parent_showing_no_columns_leaves_it_unverified(write_spec):
    """The parent page shows no sub-column box and no tree: the pages it leads to are where the
    link would be, and one of them was refused."""
    spec = write_spec(entry("政务公开>规划信息"))
    site = Site(
        {
            "/": html_page("首页", nav(("政务公开", "/zwgk/"))),
            "/zwgk/": html_page("政务公开", nav(("机构职能", "/zwgk/jgzn/"))),
        },
        refuse=("/zwgk/jgzn/",),
    )
    column = walk_site(spec, SITE + "/", site, CONFIG, retry_times=0).columns[("政务公开", "规划信息")]
    assert column.status == "unverified"
    assert "jgzn" in column.reason and "HTTP 503" in column.reason


def test_a_column_its_parent_page_does_not_offer_is_missing_though_a_sibling_page_was_refused(write_spec):
    """Kind 9: the parent page was read whole, its sub-column box and tree offer no 规划信息; that a
    sibling column answered 503 is noted, not a reason to hedge."""
    spec = write_spec(entry("政务公开>规划信息"))
    site = Site(
        {
            "/": html_page("首页", nav(("政务公开", "/zwgk/"))),
            "/zwgk/": html_page("政务公开", "<div class='left'><a href='/zwgk/jgzn/'>机构职能</a><a href='/zwgk/tjxx/'>统计信息</a></div>"),
            "/zwgk/tjxx/": html_page("统计信息", list_body("/zwgk/tjxx/", 3)),
        },
        refuse=("/zwgk/jgzn/",),
    )
    seen = walk_site(spec, SITE + "/", site, CONFIG, retry_times=0)
    column = seen.columns[("政务公开", "规划信息")]
    assert (column.status, column.reason) == ("missing", None)
    assert column.failed_pages == [SITE + "/zwgk/jgzn/ (HTTP 503)"]
    from auditor.audit import audit

    _, findings = audit(spec, seen, as_of=AS_OF, complete=True)
    (missing,) = [f for f in findings if f.kind == "missing_column"]
    assert missing.evidence["unreadable"] == column.failed_pages


def test_a_close_name_is_accepted_only_after_the_search_and_reported_with_its_score(write_spec):
    spec = write_spec(entry("政务公开>规划信息"))
    site = Site({
        "/": html_page("首页", nav(("政务公开", "/zwgk/"))),
        "/zwgk/": html_page("政务公开", "<div class='left'><a href='/zwgk/ghjh/'>规划计划</a><a href='/zwgk/tjxx/'>统计信息</a></div>"),
        "/zwgk/ghjh/": html_page("规划计划", list_body("/zwgk/ghjh/", 3)),
        "/zwgk/tjxx/": html_page("统计信息", list_body("/zwgk/tjxx/", 3)),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")]
    assert (column.status, column.match, column.site_name) == ("found", "similar", "规划计划")
    assert 0 < column.similarity < 1


def test_a_calendar_of_dated_pages_does_not_use_up_the_search_budget(write_spec):
    spec = write_spec(entry("政务公开>规划信息"))
    days = [f"/zwgk/hd/2021/12/{d:02d}/" for d in range(1, 28)]
    calendar = "<div class='left'>" + "".join(f"<a href='{d}'>{d[-3:-1]}日</a>" for d in days) + "</div>"
    queried = "".join(f"<a href='/zwgk/rl/?date=2021-12-{d:02d}'>{d}号</a>" for d in range(1, 28))
    site = Site({
        "/": html_page("首页", nav(("政务公开", "/zwgk/"))),
        "/zwgk/": html_page("政务公开", calendar + "<div class='left'>" + queried + "<a href='/zwgk/jgzn/'>机构职能</a></div>"),
        "/zwgk/jgzn/": html_page("机构职能", "<div class='left'><a href='/zwgk/ghxx/'>规划信息</a></div>"),
        "/zwgk/ghxx/": html_page("规划信息", list_body("/zwgk/ghxx/", 4)),
        **{d: html_page("日程", "") for d in days},
    })
    column = walk_site(spec, SITE + "/", site, WalkConfig(as_of=AS_OF, search_pages=6)).columns[("政务公开", "规划信息")]
    assert column.status == "found", column.searched
    calendar_reads = [p for p in site.log if p.startswith(("/zwgk/hd/", "/zwgk/rl/"))]
    assert len(calendar_reads) <= 2 * CONFIG.date_family_pages


def test_pagination_is_read_up_to_its_cap_and_the_cap_is_noted(write_spec):
    spec = write_spec(entry("政务公开>通知公告"))
    pages = {"/": html_page("首页", nav(("政务公开", "/zwgk/"))), "/zwgk/": html_page("政务公开", nav(("通知公告", "/zwgk/tzgg/")))}
    for n in range(10):
        name = "index.html" if n == 0 else f"index_{n}.html"
        pager = f"<div class='page'><a href='/zwgk/tzgg/index_{n + 1}.html'>下一页</a></div>"
        pages[f"/zwgk/tzgg/{name}"] = html_page("通知公告", list_body(f"/zwgk/tzgg/p{n}/", 3) + pager)
    pages["/zwgk/tzgg/"] = pages.pop("/zwgk/tzgg/index.html")
    seen = walk_site(spec, SITE + "/", Site(pages), WalkConfig(as_of=AS_OF, max_list_pages=4))
    listing = seen.columns[("政务公开", "通知公告")].listing
    assert listing is not None and len(listing.items) == 4 * 3
    assert {"code": "pagination_capped", "max_pages": 4, "read": 12} in [n.to_json() for n in listing.notes]


def test_what_the_walk_finds_does_not_depend_on_the_order_answers_come_in(write_spec):
    """The spider's answers come in any order: a search judges its pages in the order asked."""
    spec = write_spec(entry("政务公开>规划信息") + entry("政务公开>统计信息"))
    site = Site({
        "/": html_page("首页", nav(("政务公开", "/zwgk/"))),
        "/zwgk/": html_page("政务公开", "<div class='left'>" + "".join(f"<a href='/zwgk/c{n}/'>栏目{n}</a>" for n in range(4)) + "</div>"),
        "/zwgk/c0/": html_page("栏目0", "<div class='left'><a href='/zwgk/ghjh/'>规划计划</a></div>"),
        "/zwgk/c1/": html_page("栏目1", "<div class='left'><a href='/zwgk/ghxx2/'>规划信息公开</a></div>"),
        "/zwgk/c2/": html_page("栏目2", "<div class='left'><a href='/zwgk/tjxx/'>统计信息</a></div>"),
        "/zwgk/c3/": html_page("栏目3", list_body("/zwgk/c3/", 3)),
        "/zwgk/ghjh/": html_page("规划计划", list_body("/zwgk/ghjh/", 3)),
        "/zwgk/ghxx2/": html_page("规划信息公开", list_body("/zwgk/ghxx2/", 3)),
        "/zwgk/tjxx/": html_page("统计信息", list_body("/zwgk/tjxx/", 3)),
    })

    def walk(reverse: bool) -> dict:
        walker = Walker(spec, SITE + "/", CONFIG)
        walker.start()
        found = {}
        outstanding = walker.take_requests()
        while outstanding:
            batch = list(reversed(outstanding)) if reverse else outstanding
            outstanding = []
            for url in batch:
                for obs in walker.feed(site(url, {})):
                    if hasattr(obs, "segments"):
                        found[obs.segments] = (obs.status, obs.url, obs.site_name, tuple(obs.searched))
                outstanding += walker.take_requests()
        assert walker.done
        return found

    assert walk(reverse=False) == walk(reverse=True)


def test_a_stopped_walk_reports_what_it_did_not_reach_as_unverified(write_spec):
    spec = write_spec(entry("政务公开>通知公告") + entry("政务公开>规划信息"))
    walker = Walker(spec, SITE + "/", CONFIG)
    walker.start()
    (home,) = walker.take_requests()
    html = html_page("首页", nav(("政务公开", "/zwgk/")))
    walker.feed(Answer(home, 200, {"content-type": "text/html; charset=utf-8"}, html.encode()))
    assert walker.take_requests() == [SITE + "/zwgk/"] and not walker.done
    left = walker.finish(complete=False)
    assert {o.segments: o.status for o in left} == {
        ("政务公开",): "unverified", ("政务公开", "通知公告"): "unverified", ("政务公开", "规划信息"): "unverified"
    }
    assert {o.reason.phrase() for o in left} == {"crawl ended before this column was reached"}
    assert walker.finish(complete=False) == []  # each column is final once


def test_the_page_book_asks_once_and_forgets_the_oldest_beyond_its_capacity():
    from auditor.page.answer import judge_answer
    from auditor.walk.book import PageBook

    book = PageBook(capacity=1)
    seen: list[str] = []
    a, b = SITE + "/a/", SITE + "/b/"
    book.want(a, lambda page: seen.append(page.url))
    book.want(a, lambda page: seen.append(page.url))
    assert book.take_asks() == [a]  # one request for both parties
    book.arrived(judge_answer(Answer(a, 200, {"content-type": "text/html"}, b"<p>a</p>")))
    book.run()
    assert seen == [a, a]
    book.want(b, seen.append)
    book.arrived(judge_answer(Answer(b, 200, {"content-type": "text/html"}, b"<p>b</p>")))
    book.run()
    book.want(a, seen.append)
    assert book.take_asks() == [b, a]  # a was forgotten (capacity 1): asked again


def test_the_page_book_lets_go_of_the_trees_of_pages_past_its_last_handed_and_parses_them_again_if_read():
    """A page kept for later parties keeps its text, links and lists, not its parsed tree: once it
    is no longer among the last ``trees`` pages handed, the tree is let go (nothing refers to it
    any more), and a party that reads the page again is given it without a request, parsed again."""
    import gc
    import weakref

    from auditor.page.answer import judge_answer
    from auditor.walk.book import PageBook

    book = PageBook(capacity=10, trees=1)
    a, b = SITE + "/a/", SITE + "/b/"
    got: list = []
    book.want(a, got.append)
    book.arrived(judge_answer(Answer(a, 200, {"content-type": "text/html"}, b"<p><a href='/x/'>x</a></p>")))
    book.run()
    first = got[0]
    tree_of_a = weakref.ref(first.doc)
    links = first.links
    assert book.released == 0 and tree_of_a() is not None  # the last page handed keeps its tree
    book.want(b, got.append)
    book.arrived(judge_answer(Answer(b, 200, {"content-type": "text/html"}, b"<p>b</p>")))
    book.run()
    gc.collect()
    assert book.released == 1 and tree_of_a() is None  # a's tree is gone, though the page is kept
    assert first.links is links and first.text == "<p><a href='/x/'>x</a></p>"
    assert book.take_asks() == [a, b]
    book.want(a, got.append)
    book.run()
    assert book.take_asks() == [] and got[-1] is first  # no request: the page was kept
    again = first.doc
    assert again is not None
    assert [e.get("href") for e in again.root.iter("a")] == ["/x/"]  # the same text, parsed again


def test_a_list_of_20000_entries_costs_a_bounded_number_of_requests_and_the_newest_items_are_read(write_spec):
    """Item pages read per column are a sample: the newest 20 by default, and the notes say so."""
    spec = write_spec(entry("政务公开>通知公告"))
    per_page, pages = 1000, 20
    site_pages = {"/": html_page("首页", nav(("政务公开", "/zwgk/"))), "/zwgk/": html_page("政务公开", nav(("通知公告", "/zwgk/tzgg/")))}
    for n in range(pages):
        rows = "".join(
            f"<li><a href='/zwgk/tzgg/a{n}_{k}.html'>通知{n}-{k}</a><span>2021-{1 + (k % 12):02d}-{1 + (k % 28):02d}</span></li>"
            for k in range(per_page)
        )
        script = f"<script>createPageHTML({pages}, {n}, 'index', 'html');</script>"
        site_pages["/zwgk/tzgg/" + ("" if n == 0 else f"index_{n}.html")] = html_page("通知公告", f"<ul>{rows}</ul>{script}")
    site = Site(site_pages)
    seen = walk_site(spec, SITE + "/", site, CONFIG)
    listing = seen.columns[("政务公开", "通知公告")].listing
    assert len(listing.items) == per_page * pages  # every list page counted
    assert len(site.log) <= 2 + pages + CONFIG.max_item_pages + 1
    read = [item.url for item in seen.items]
    assert len(read) == CONFIG.max_item_pages == 20
    dates = sorted((i.date for i in listing.items[:per_page]), reverse=True)
    assert all(i.date >= dates[19] for i in listing.items if i.url in read)
    assert {"code": "item_pages_sampled", "asked": 20} in [n.to_json() for n in listing.notes]
