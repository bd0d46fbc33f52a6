"""An observation is final once emitted: nobody changes what the walk saw, and the walk changes no
page's own reading of its list (each page's listing is read once and shared, not copied)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from auditor.walk.config import WalkConfig
from auditor.walk.walker import Walker
from by_path import load_module

helpers = load_module(Path(__file__).with_name("conftest.py"), "walk_conftest_final")
Site, html_page, SITE = helpers.Site, helpers.html_page, helpers.SITE

AS_OF = dt.date(2021, 12, 1)


def rows(prefix: str, numbers: range) -> str:
    return "<ul class='list'>" + "".join(
        f"<li><a href='{prefix}a{n}.html'>第{n}条通知</a><span>2021-11-{n:02d}</span></li>" for n in numbers) + "</ul>"


def item(n: int) -> str:
    return html_page(f"第{n}条通知", f"<h1>第{n}条通知</h1><p>发布日期：2021-11-{n:02d}</p><p>{'正文。' * 40}</p>")


def test_a_column_read_across_pages_leaves_each_pages_listing_as_it_was(write_spec):
    spec = write_spec("  - id: n\n    path: 政府网站>政务公开>通知公告\n    clause: x\n    kind: notice\n")
    pager = "<script>createPageHTML(2, 0, 'index', 'html');</script>"
    site = Site({
        "/": html_page("首页", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
        "/zwgk/": html_page("政务公开", "<div class='nav'><a href='/zwgk/tzgg/'>通知公告</a></div>"),
        "/zwgk/tzgg/": html_page("通知公告", rows("/zwgk/tzgg/", range(1, 4)) + pager),
        "/zwgk/tzgg/index_1.html": html_page("通知公告", rows("/zwgk/tzgg/", range(4, 7))),
        **{f"/zwgk/tzgg/a{n}.html": item(n) for n in range(1, 7)},
    })
    walker = Walker(spec, SITE + "/", WalkConfig(as_of=AS_OF, census_pages=0))
    walker.start()
    emitted = []
    queue = walker.take_requests()
    while queue:
        url = queue.pop(0)
        emitted += walker.feed(site(url, {}))
        queue += walker.take_requests()
    column = next(o for o in emitted if getattr(o, "segments", None) == ("政务公开", "通知公告"))
    assert [i.title for i in column.listing.items] == [f"第{n}条通知" for n in range(1, 7)]  # both pages
    first_page = walker.book._pages["http://site.test/zwgk/tzgg/"]
    own = first_page.listing(AS_OF)
    assert [i.title for i in own.items] == ["第1条通知", "第2条通知", "第3条通知"]  # the page's reading, untouched
    assert own is first_page.listing(AS_OF)  # read once, shared
    with pytest.raises(dataclasses.FrozenInstanceError):
        column.status = "missing"  # type: ignore[misc]
