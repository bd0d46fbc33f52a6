"""How the walk decides on markup it was not written for (issue 10), on small in-process sites."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditor.walk.config import WalkConfig
from by_path import load_module
from auditor.walk.drive import walk_site

helpers = load_module(Path(__file__).with_name("conftest.py"), "walk_conftest_d")
Site, list_body, SITE = helpers.Site, helpers.list_body, helpers.SITE

AS_OF = dt.date(2021, 12, 1)
CONFIG = WalkConfig(as_of=AS_OF)


def page(title: str, body: str, crumbs: tuple[tuple[str, str], ...] = (), tree: str = "", meta: str = "") -> str:
    crumb_html = ""
    if crumbs:
        crumb_html = "<div class='location'>当前位置：" + " &gt; ".join(f"<a href='{u}'>{n}</a>" for n, u in crumbs) + "</div>"
    return (
        f"<html><head><meta charset='utf-8'><title>{title}_两江新区</title>{meta}</head><body>"
        "<div class='header'><a href='/'>首页</a></div>"
        f"{crumb_html}<div class='left'>{tree}</div><div class='main'>{body}</div>"
        "<div class='footer'>版权所有</div></body></html>"
    )


def entry(id_: str, path: str, children: str = "") -> str:
    extra = f"    children: [{children}]\n    min_items: 0\n" if children else ""
    return f"  - id: {id_}\n    path: 政府网站>{path}\n    clause: x\n    kind: periodic\n{extra}"


def subbox(*links: tuple[str, str]) -> str:
    return "<div class='sub-columns'><ul>" + "".join(f"<li><a href='{u}'>{n}</a></li>" for n, u in links) + "</ul></div>"


HOME = ("首页", "/")


def test_a_headline_titled_like_a_column_is_not_taken_for_the_column(write_spec):
    """Kind 1: a dated 最新公开 entry named 规划信息 leads to an article; the column is the tree's."""
    spec = write_spec(entry("plan", "政务公开>规划信息>专项规划"))
    ticker = "<div class='news'><ul><li><a href='/zwgk/art/2021/11/1/art_1_1.html'>规划信息</a><span>2021-11-01</span></li>" \
             "<li><a href='/zwgk/art/2021/11/2/art_1_2.html'>通知</a><span>2021-11-02</span></li></ul></div>"
    site = Site({
        "/": page("首页", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
        "/zwgk/": page("政务公开", ticker, crumbs=(HOME, ("政务公开", "/zwgk/")),
                       tree="<ul><li><a href='/zwgk/c9/'>规划信息</a></li></ul>"),
        "/zwgk/art/2021/11/1/art_1_1.html": page("规划信息", "<div class='article'><h1>规划信息</h1><p>发布日期：2021-11-01</p><p>正文……</p></div>",
                                                 crumbs=(HOME, ("政务公开", "/zwgk/"), ("正文", "#"))),
        "/zwgk/c9/": page("规划信息", subbox(("专项规划", "/zwgk/c9/zxgh/")), crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/c9/"))),
        "/zwgk/c9/zxgh/": page("专项规划", list_body("/zwgk/c9/zxgh/", 4), crumbs=(HOME, ("规划信息", "/zwgk/c9/"), ("专项规划", "/zwgk/c9/zxgh/"))),
    })
    seen = walk_site(spec, SITE + "/", site, CONFIG)
    column = seen.columns[("政务公开", "规划信息")]
    assert column.status == "found" and column.url == SITE + "/zwgk/c9/"
    assert column.trail[-1].confirmed_by == "breadcrumb+parent"
    assert seen.columns[("政务公开", "规划信息", "专项规划")].status == "found"


def test_a_link_whose_page_names_itself_otherwise_is_rejected_and_the_column_searched_for(write_spec):
    """Kind 1: the only 规划信息 link on the parent leads to an article: it is not the column, and a
    sibling's tree that links the real one is found by the search."""
    spec = write_spec(entry("plan", "政务公开>规划信息"))
    site = Site({
        "/": page("首页", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
        "/zwgk/": page("政务公开", subbox(("规划信息", "/zwgk/a/"), ("机构职能", "/zwgk/jgzn/"))),
        "/zwgk/a/": page("规划信息", "<div class='article'><p>发布日期：2021-11-01</p><p>" + "正文" * 60 + "</p></div>",
                         crumbs=(HOME, ("新闻中心", "/xwzx/"), ("要闻", "/xwzx/yw/"))),
        "/zwgk/jgzn/": page("机构职能", list_body("/zwgk/jgzn/", 3), tree="<a href='/zwgk/ghxx/'>规划信息</a>",
                            crumbs=(HOME, ("政务公开", "/zwgk/"), ("机构职能", "/zwgk/jgzn/"))),
        "/zwgk/ghxx/": page("规划信息", list_body("/zwgk/ghxx/", 4), crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/ghxx/"))),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")]
    assert (column.status, column.url) == ("found", SITE + "/zwgk/ghxx/")


def test_of_two_same_named_columns_with_flat_urls_the_one_whose_breadcrumb_parent_is_the_previous_segment_is_taken(write_spec):
    """Kind 4: 疫情防控's page shows the site tree's general 政策解读 (col100) and its own sub-column
    box's 政策解读 (col200); the URLs say nothing, the breadcrumbs do."""
    spec = write_spec(entry("yq", "政务公开>疫情防控>政策解读"))
    tree = "<ul><li><a href='/col/col100/index.html'>政策解读</a></li><li><a href='/col/col150/index.html'>疫情防控</a></li></ul>"
    site = Site({
        "/": page("首页", "<div class='nav'><a href='/col/col1/index.html'>政务公开</a></div>"),
        "/col/col1/index.html": page("政务公开", subbox(("疫情防控", "/col/col150/index.html")), tree=tree,
                                     crumbs=(HOME, ("政务公开", "/col/col1/index.html"))),
        "/col/col150/index.html": page("疫情防控", subbox(("政策解读", "/col/col200/index.html")), tree=tree,
                                       crumbs=(HOME, ("政务公开", "/col/col1/index.html"), ("疫情防控", "/col/col150/index.html"))),
        "/col/col100/index.html": page("政策解读", list_body("/col/col100/", 5), tree=tree,
                                       crumbs=(HOME, ("政务公开", "/col/col1/index.html"), ("政策解读", "/col/col100/index.html"))),
        "/col/col200/index.html": page("政策解读", list_body("/col/col200/", 2), tree=tree,
                                       crumbs=(HOME, ("疫情防控", "/col/col150/index.html"), ("政策解读", "/col/col200/index.html"))),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "疫情防控", "政策解读")]
    assert column.url == SITE + "/col/col200/index.html"
    assert column.trail[-1].confirmed_by == "breadcrumb+parent"
    assert len(column.listing.items) == 2


def test_the_tree_link_is_passed_over_when_its_page_says_another_parent(write_spec):
    """Kind 4, the other order: only the tree offers 政策解读 first; its breadcrumb names another
    parent, so the sub-column box's, whose breadcrumb names 疫情防控, is taken."""
    spec = write_spec(entry("yq", "政务公开>疫情防控>政策解读"))
    tree = "<ul><li><a href='/col/col100/index.html'>政策解读</a></li></ul>"
    site = Site({
        "/": page("首页", "<div class='nav'><a href='/col/col1/index.html'>政务公开</a></div>"),
        "/col/col1/index.html": page("政务公开", subbox(("疫情防控", "/col/col150/index.html")), crumbs=(HOME, ("政务公开", "/col/col1/index.html"))),
        "/col/col150/index.html": page("疫情防控", "<div class='tabs'><a href='/col/col200/index.html'>政策解读</a></div>" + list_body("/col/col150/", 3), tree=tree,
                                       crumbs=(HOME, ("政务公开", "/col/col1/index.html"), ("疫情防控", "/col/col150/index.html"))),
        "/col/col100/index.html": page("政策解读", list_body("/col/col100/", 5), crumbs=(HOME, ("互动交流", "/col/col9/index.html"), ("政策解读", "/col/col100/index.html"))),
        "/col/col200/index.html": page("政策解读", list_body("/col/col200/", 2), crumbs=(HOME, ("疫情防控", "/col/col150/index.html"), ("政策解读", "/col/col200/index.html"))),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "疫情防控", "政策解读")]
    assert column.url == SITE + "/col/col200/index.html"


def test_a_column_linked_only_from_the_trees_of_its_sibling_pages_is_found(write_spec):
    """Kind 5: the parent's sub-column box leaves 疫苗接种点 out; its siblings' trees list it."""
    spec = write_spec(entry("ym", "政务公开>防疫服务>疫苗接种点"))
    sibling_tree = "<ul><li><a href='/fyfw/hsjc/'>核酸检测点</a></li><li><a href='/fyfw/ymjzd/'>疫苗接种点</a></li></ul>"
    site = Site({
        "/": page("首页", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
        "/zwgk/": page("政务公开", subbox(("防疫服务", "/fyfw/"))),
        "/fyfw/": page("防疫服务", subbox(("核酸检测点", "/fyfw/hsjc/"))),
        "/fyfw/hsjc/": page("核酸检测点", list_body("/fyfw/hsjc/", 3), tree=sibling_tree),
        "/fyfw/ymjzd/": page("疫苗接种点", list_body("/fyfw/ymjzd/", 3), tree=sibling_tree),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "防疫服务", "疫苗接种点")]
    assert (column.status, column.url) == ("found", SITE + "/fyfw/ymjzd/")


def test_an_abbreviated_column_name_on_the_parent_page_is_found_as_renamed_with_its_score(write_spec):
    """Kind 8: 政府信息公开年报 on the page where the walk stands is 政府信息公开工作年度报告."""
    spec = write_spec(entry("nb", "政务公开>政府信息公开工作年度报告"))
    site = Site({
        "/": page("首页", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
        "/zwgk/": page("政务公开", subbox(("政府信息公开年报", "/zwgk/nb/"), ("统计信息", "/zwgk/tjxx/"))),
        "/zwgk/nb/": page("政府信息公开年报", list_body("/zwgk/nb/", 3)),
        "/zwgk/tjxx/": page("统计信息", list_body("/zwgk/tjxx/", 3)),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "政府信息公开工作年度报告")]
    assert (column.status, column.match, column.site_name, column.url) == ("found", "similar", "政府信息公开年报", SITE + "/zwgk/nb/")
    assert column.similarity >= 0.4


def _rows(spec, seen):
    from auditor.audit import audit

    paths, findings = audit(spec, seen, as_of=AS_OF, complete=True)
    return {p.id: p for p in paths}, findings


def test_required_sub_columns_are_paths_of_their_own_with_their_own_status(write_spec):
    """Kind 10: 政策解读 requires 视频/图片/文字: each is a row; 图片 empty, 文字 ok, 视频 missing."""
    spec = write_spec(entry("zcjd", "政务公开>政策解读", children="视频, 图片, 文字"))
    site = Site({
        "/": page("首页", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
        "/zwgk/": page("政务公开", subbox(("政策解读", "/zwgk/zcjd/"))),
        "/zwgk/zcjd/": page("政策解读", subbox(("图片", "/zwgk/zcjd/tp/"), ("文字", "/zwgk/zcjd/wz/"))),
        "/zwgk/zcjd/tp/": page("图片", "<div class='list'><p>暂无信息</p></div>"),
        "/zwgk/zcjd/wz/": page("文字", list_body("/zwgk/zcjd/wz/", 3)),
    })
    rows, findings = _rows(spec, walk_site(spec, SITE + "/", site, CONFIG))
    assert {key: rows[key].status for key in rows} == {
        "zcjd": "ok", "zcjd>视频": "missing", "zcjd>图片": "empty", "zcjd>文字": "ok",
    }
    assert rows["zcjd>文字"].required_by == "zcjd" and rows["zcjd>文字"].items == 3
    assert rows["zcjd>文字"].trail[-1].url == SITE + "/zwgk/zcjd/wz/"
    assert [f.kind for f in findings if f.severity == "error"] == ["missing_subcolumn"]


def test_required_sub_columns_of_an_unreadable_parent_are_unverified_not_silent(write_spec):
    spec = write_spec(entry("gfxwj", "政务公开>规范性文件", children="现行有效, 失效/废止"))
    site = Site(
        {"/": page("首页", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
         "/zwgk/": page("政务公开", subbox(("规范性文件", "/zwgk/gfxwj/")))},
        refuse=("/zwgk/gfxwj/",),
    )
    rows, findings = _rows(spec, walk_site(spec, SITE + "/", site, CONFIG, retry_times=0))
    assert [rows[k].status for k in ("gfxwj", "gfxwj>现行有效", "gfxwj>失效/废止")] == ["unverified"] * 3
    assert all("HTTP 503" in rows[k].reason for k in rows)
    assert {f.path_id for f in findings if f.kind == "unverified"} == set(rows)


def test_a_parent_of_sub_columns_is_never_empty_when_one_of_them_could_not_be_read(write_spec):
    """The parent page shows only its sub-columns; 失效/废止 is empty, 现行有效 answers 503: the parent
    is unverified (its content is unknown), not empty; each child row says its own status."""
    spec = write_spec(entry("gfxwj", "政务公开>规范性文件", children="现行有效, 失效/废止"))
    site = Site(
        {"/": page("首页", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
         "/zwgk/": page("政务公开", subbox(("规范性文件", "/zwgk/gfxwj/"))),
         "/zwgk/gfxwj/": page("规范性文件", subbox(("现行有效", "/zwgk/gfxwj/xxyx/"), ("失效/废止", "/zwgk/gfxwj/sxfz/"))),
         "/zwgk/gfxwj/sxfz/": page("失效/废止", "<div class='list'><p>暂无信息</p></div>")},
        refuse=("/zwgk/gfxwj/xxyx/",),
    )
    rows, findings = _rows(spec, walk_site(spec, SITE + "/", site, CONFIG, retry_times=0))
    assert [rows[k].status for k in ("gfxwj", "gfxwj>现行有效", "gfxwj>失效/废止")] == ["unverified", "unverified", "empty"]
    assert not [f for f in findings if f.severity == "error"]
