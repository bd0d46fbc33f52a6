"""The census: the portal's own column map, from pages the census reads of its own once the walk is
done — every column a person could click from the home page and the column pages (menus that open
on hover, navigating ``<select>``s, image maps, tiles named by ``alt``, ``onclick`` handlers, the site
map page), named by each page's own words and placed under its parent; bounded by a page budget,
calendars capped, and its coverage said.

Each site here is walked along a spec naming one column only: everything else in the map is there
because the census read it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditor.model.observations import ColumnMap
from auditor.walk.config import WalkConfig
from auditor.walk.drive import walk
from by_path import load_module

helpers = load_module(Path(__file__).with_name("conftest.py"), "walk_conftest_census")
Site, html_page, list_body, SITE = helpers.Site, helpers.html_page, helpers.list_body, helpers.SITE

AS_OF = dt.date(2021, 12, 1)


def crumbs(*names: str) -> str:
    return "<div class='crumb'>" + " &gt; ".join(f"<a href='#'>{n}</a>" for n in names) + "</div>"


def column(name: str, body: str, *trail: str) -> str:
    return html_page(name, body, crumbs("首页", *trail, name))


def portal() -> Site:
    """A portal whose columns are offered by every kind of click: a hover menu (hidden until
    hover by a style rule), a navigating ``<select>``, an image map, a tile named by its image's
    ``alt``, an iframe's document, an ``onclick`` handler whose target the page's script spells,
    the site map page."""
    home = html_page("首页", (
        "<style>.m .drop{display:none}.m:hover .drop{display:block}</style>"
        "<ul class='m'><li><a href='/zwgk/'>政务公开</a><div class='drop'><a href='/zwgk/tzgg/'>通知公告</a>"
        "<a href='/zwgk/zcwj/'>政策文件</a></div></li><li><a href='/hdjl/'>互动交流</a></li></ul>"
        "<a onclick='go(3)'>办事指南</a><script>function go(n){ window.location.href = '/bszn/' + n + '/'; }</script>"
        "<div class='foot'><a href='/wzdt/'>网站地图</a></div>"
    ))
    return Site({
        "/": home,
        "/zwgk/": column("政务公开", "<div class='sub'><a href='/zwgk/tzgg/'>通知公告</a><a href='/zwgk/zcwj/'>政策文件</a></div>"),
        "/zwgk/tzgg/": column("通知公告", list_body("/zwgk/tzgg/", 3), "政务公开"),
        "/zwgk/zcwj/": column("政策文件", list_body("/zwgk/zcwj/", 4) + (
            "<select onchange='location.href=this.value'><option value=''>分类</option>"
            "<option value='/zwgk/zcwj/gz/'>规章</option></select>"), "政务公开"),
        "/zwgk/zcwj/gz/": column("规章", "<p class='none'>暂无信息</p>", "政务公开", "政策文件"),
        "/hdjl/": column("互动交流", (
            "<img src='/map.png' usemap='#m'><map name='m'><area href='/hdjl/zjdc/' alt='征集调查'></map>"
            "<a href='/hdjl/zxft/'><img src='/t.png' alt='在线访谈'></a><iframe src='/hdjl/side.html'></iframe>")),
        "/hdjl/side.html": "<html><body><ul><li><a href='/hdjl/wmly/'>网民留言</a></li></ul></body></html>",
        "/hdjl/wmly/": column("网民留言", list_body("/hdjl/wmly/", 3), "互动交流"),
        "/hdjl/zjdc/": column("征集调查", list_body("/hdjl/zjdc/", 2, "2019-03-01"), "互动交流"),
        "/hdjl/zxft/": column("在线访谈", list_body("/hdjl/zxft/", 5), "互动交流"),
        "/bszn/3/": column("办事指南", "<p>办事指南正文，说明如何办理。</p>" * 3),
        "/wzdt/": html_page("网站地图", "<ul><li><a href='/ztzl/'>专题专栏</a></li><li><a href='/zwgk/'>政务公开</a></li></ul>"),
        "/ztzl/": column("专题专栏", list_body("/ztzl/", 6)),
    })


def spec_of(write_spec):
    return write_spec("  - id: notices\n    path: 政府网站>政务公开>通知公告\n    clause: x\n    kind: notice\n")


def walked(write_spec, site: Site, **config: int) -> ColumnMap:
    output = walk(spec_of(write_spec), SITE + "/", site, WalkConfig(as_of=AS_OF, **config))
    assert output.seen.column_map is not None
    return output.seen.column_map


def test_every_column_a_person_can_click_is_in_the_map_under_its_parent(write_spec):
    column_map = walked(write_spec, portal())
    placed = {c.name: c.parent_name for c in column_map.columns}
    assert placed == {
        "政务公开": None, "通知公告": "政务公开", "政策文件": "政务公开", "规章": "政策文件", "互动交流": None,
        "征集调查": "互动交流", "在线访谈": "互动交流", "网民留言": "互动交流", "办事指南": None, "专题专栏": None,
    }
    states = {c.name: (c.state, c.items, c.newest) for c in column_map.columns}
    assert states["规章"][0] == "empty" and states["征集调查"] == ("list", 2, "2019-03-01")
    assert column_map.listed_not_read == () and column_map.refused == ()


def test_without_the_census_the_map_holds_only_the_walks_pages(write_spec):
    """The same site with a census budget of nothing: the walk alone opens three columns."""
    site = portal()
    column_map = walked(write_spec, site, census_pages=0)
    assert {c.name for c in column_map.columns} == {"政务公开", "通知公告"}
    assert {name for name, _ in column_map.listed_not_read} >= {"政策文件", "互动交流", "办事指南"}


def test_the_census_reads_each_page_once_and_no_article(write_spec):
    site = portal()
    column_map = walked(write_spec, site)
    walk_pages = {"/", "/zwgk/", "/zwgk/tzgg/"}
    census_reads = [p for p in site.log if p not in walk_pages and not p.startswith("/zwgk/tzgg/")]
    assert sorted(census_reads) == sorted({"/zwgk/zcwj/", "/zwgk/zcwj/gz/", "/hdjl/", "/hdjl/side.html", "/hdjl/zjdc/",
                                           "/hdjl/zxft/", "/hdjl/wmly/", "/bszn/3/", "/wzdt/", "/ztzl/"})  # each once
    assert column_map.census_pages == len(census_reads) - 1  # the frame's document is part of its page


def test_a_budget_bounds_the_census_and_what_it_left_is_said(write_spec):
    site = portal()
    column_map = walked(write_spec, site, census_pages=2)
    assert column_map.census_pages == 2 and column_map.budget == 2
    assert len(column_map.listed_not_read) >= 3  # offered, not read: the map says so


def test_a_page_the_server_refused_is_said_not_read(write_spec):
    site = portal()
    site.refuse.add("/hdjl/zxft/")
    column_map = walked(write_spec, site)
    assert column_map.refused == (SITE + "/hdjl/zxft/",)
    assert "在线访谈" not in {c.name for c in column_map.columns}


def test_a_calendar_of_dated_pages_costs_the_census_a_few_days(write_spec):
    days = [f"/hd/2021/11/{d:02d}/" for d in range(1, 29)]
    site = portal()
    site.pages["/hdjl/"] = column("互动交流", "<div class='side'>" + "".join(
        f"<a href='{d}'>{d[-3:-1]}日活动</a>" for d in days) + "</div>")
    for d in days:
        site.pages[d] = column("活动日历", list_body(d, 1), "互动交流")
    walked(write_spec, site)
    assert len([p for p in site.log if p.startswith("/hd/")]) <= WalkConfig().date_family_pages


def _article_with_related(kind: str) -> str:
    """An article whose class names are no word of the reader's (``portal_lab.disjoint.tokens``'
    alphabet): a title, a date line, three sentences of text, and three related articles drawn as
    ``kind`` (each with its date), which the list reader reads as a list."""
    sentence = "为进一步做好相关工作，现将有关事项公布如下，请各单位认真贯彻落实，确保各项任务按期完成。"
    related = [(f"/zwgk/xujo/{n}.html", f"关于做好第{n}季度重点工作的通知", f"2021-0{n}-1{n}") for n in range(1, 4)]
    if kind == "dl":
        rows = "".join(f"<dt><a href='{u}'>{t}</a></dt><dd>{d}</dd>" for u, t, d in related)
        block = f"<dl class='qovu'>{rows}</dl>"
    else:
        rows = "".join(f"<tr><td><a href='{u}'>{t}</a></td><td>{d}</td></tr>" for u, t, d in related)
        block = f"<table class='qovu'>{rows}</table>"
    body = (f"<div class='zuxo'><div class='kojo'>关于推进重点工作的实施意见</div>"
            f"<div class='vuqa'>2021-11-18 来源：示例市政府办公室</div>"
            f"<div class='xujov'>{''.join(f'<p>{sentence}</p>' for _ in range(3))}</div>"
            f"<div class='jokux'><div>相关文章</div>{block}</div></div>")
    return html_page("关于推进重点工作的实施意见", body, crumbs("首页", "政务公开"))


def test_an_article_beside_a_list_of_related_articles_is_no_column_of_the_map(write_spec):
    """The census reads an article a menu links (no column lists it as an item): its related
    articles (a ``<dl>`` or a table of dated links) read as a list, but its structure (one body
    of running text under a dated title) says article. On main it was mapped as a column named
    by its breadcrumb."""
    for kind in ("dl", "table"):
        site = portal()
        site.pages["/"] = site.pages["/"].replace(
            "<a href='/zwgk/zcwj/'>政策文件</a>", "<a href='/zwgk/zcwj/'>政策文件</a><a href='/zwgk/zdgz.html'>重点工作</a>")
        site.pages["/zwgk/zdgz.html"] = _article_with_related(kind)
        column_map = walked(write_spec, site)
        assert "/zwgk/zdgz.html" in site.log, "the census read the article"
        assert [c.name for c in column_map.columns if c.url.endswith("/zwgk/zdgz.html")] == [], kind
