"""The walk on markup it was never told about (issue 17): the page a link leads to decides what it
is, a column is called missing only when the parent's part of the site was read whole, and the
site's own column map is kept. Small in-process sites; each test fails on the walk before issue 17."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditor.walk.config import WalkConfig
from auditor.walk.drive import walk_site
from by_path import load_module

helpers = load_module(Path(__file__).with_name("conftest.py"), "walk_conftest_unseen")
Site, SITE = helpers.Site, helpers.SITE

AS_OF = dt.date(2021, 12, 1)
CONFIG = WalkConfig(as_of=AS_OF)
HOME = ("首页", "/")


def page(title: str, body: str, crumbs: tuple[tuple[str, str], ...] = (), sep: str = " &gt; ", head: str = "") -> str:
    """A page in a markup whose class names mean nothing to the reader (random tokens)."""
    crumb_html = ""
    if crumbs:
        crumb_html = "<div class='qz7'>" + sep.join(f"<a href='{u}'>{n}</a>" for n, u in crumbs) + "</div>"
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
        f"<div class='vk2'><a href='/'>首页</a></div>{crumb_html}<div class='rr9'>{body}</div>"
        "<div class='zz1'>版权所有</div></body></html>"
    )


def items(prefix: str, count: int, date: str = "2021-11-20") -> str:
    rows = "".join(
        f"<li><a href='{prefix}t20211120_{n}.html'>第{n}条通知</a><span>{date}</span></li>" for n in range(count)
    )
    return f"<ul class='pp3'>{rows}</ul>"


def entry(id_: str, path: str) -> str:
    return f"  - id: {id_}\n    path: 政府网站>{path}\n    clause: x\n    kind: periodic\n"


def test_columns_at_channel_and_node_urls_are_read_as_columns(write_spec):
    """``/channel/101.html`` and ``node_1101.htm`` are column pages (their pages list items): the URL
    shape of an id does not make them articles."""
    spec = write_spec(entry("a", "政务公开>规划信息") + entry("b", "政务公开>统计信息"))
    menu = "<ul><li><a href='/channel/101.html'>规划信息</a></li><li><a href='/node_1101.htm'>统计信息</a></li></ul>"
    site = Site({
        "/": page("首页", "<a href='/channel/100.html'>政务公开</a>"),
        "/channel/100.html": page("政务公开", menu, crumbs=(HOME, ("政务公开", "/channel/100.html"))),
        "/channel/101.html": page("规划信息", items("/channel/101/", 4), crumbs=(HOME, ("政务公开", "/channel/100.html"), ("规划信息", "/channel/101.html"))),
        "/node_1101.htm": page("统计信息", items("/node_1101/", 4), crumbs=(HOME, ("政务公开", "/channel/100.html"), ("统计信息", "/node_1101.htm"))),
    })
    seen = walk_site(spec, SITE + "/", site, CONFIG)
    assert seen.columns[("政务公开",)].status == "found"
    assert seen.columns[("政务公开", "规划信息")].status == "found"
    assert seen.columns[("政务公开", "统计信息")].status == "found"


def test_breadcrumbs_with_guillemet_and_dash_separators_confirm_the_step(write_spec):
    spec = write_spec(entry("a", "政务公开>规划信息"))
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", "<ul><li><a href='/zwgk/c1/'>规划信息</a></li></ul>", crumbs=(HOME, ("政务公开", "/zwgk/")), sep=" » "),
        "/zwgk/c1/": page("两江新区", items("/zwgk/c1/", 3), crumbs=(HOME, ("公开", "/zwgk/"), ("规划信息", "/zwgk/c1/")), sep=" - "),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")]
    assert column.status == "found"


def test_a_search_that_ran_out_before_the_parents_part_was_read_is_unverified_not_missing(write_spec):
    """The parent links 30 columns and none is the wanted one; the walk reads 15 pages and then
    10 more of the parent's own part, and stops before they were all read: the column may sit
    under any unread one — unverified, saying so (the walk before issue 17 called it missing)."""
    spec = write_spec(entry("a", "政务公开>规划信息>专项规划"))
    cols = "".join(f"<li><a href='/zwgk/ghxx/c{n}/'>第{n}类规划</a></li>" for n in range(30))
    pages = {
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", "<ul><li><a href='/zwgk/ghxx/'>规划信息</a></li></ul>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/ghxx/": page("规划信息", f"<ul>{cols}</ul>", crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/ghxx/"))),
    }
    for n in range(30):
        pages[f"/zwgk/ghxx/c{n}/"] = page(f"第{n}类规划", items(f"/zwgk/ghxx/c{n}/", 2),
                                          crumbs=(HOME, ("规划信息", "/zwgk/ghxx/"), (f"第{n}类规划", f"/zwgk/ghxx/c{n}/")))
    config = WalkConfig(as_of=AS_OF, section_pages=10)
    column = walk_site(spec, SITE + "/", Site(pages), config).columns[("政务公开", "规划信息", "专项规划")]
    assert column.status == "unverified"
    assert column.reason is not None and column.reason.code == "search_incomplete"


def test_a_column_whose_parent_was_read_whole_is_missing_with_the_parents_columns_as_evidence(write_spec):
    spec = write_spec(entry("a", "政务公开>规划信息>专项规划"))
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", "<ul><li><a href='/zwgk/ghxx/'>规划信息</a></li></ul>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/ghxx/": page("规划信息", "<ul><li><a href='/zwgk/ghxx/ztgh/'>总体规划</a></li><li><a href='/zwgk/ghxx/ndjh/'>年度计划</a></li></ul>",
                            crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/ghxx/"))),
        "/zwgk/ghxx/ztgh/": page("总体规划", items("/zwgk/ghxx/ztgh/", 2), crumbs=(HOME, ("规划信息", "/zwgk/ghxx/"), ("总体规划", "/zwgk/ghxx/ztgh/"))),
        "/zwgk/ghxx/ndjh/": page("年度计划", items("/zwgk/ghxx/ndjh/", 2), crumbs=(HOME, ("规划信息", "/zwgk/ghxx/"), ("年度计划", "/zwgk/ghxx/ndjh/"))),
    })
    column = walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息", "专项规划")]
    assert column.status == "missing"
    assert {"总体规划", "年度计划"} <= set(column.offered)


def test_the_parents_columns_at_urls_of_a_shape_the_rules_do_not_know_are_listed_as_evidence(write_spec):
    """The parent's columns listed beside a missing column are what their pages read as, not what
    their URLs look like: ``/k7q/5521.htm`` (a bare number, shaped like an article to the URL
    rules) leads to a column page, and is listed; an option leading to an article is not; one whose
    page was not read (refused) is what its link says, a column."""
    spec = write_spec(entry("a", "政务公开>规划信息>专项规划"))
    parent_crumbs = (HOME, ("政务公开", "/zwgk/"), ("规划信息", "/k7q/zz30.htm"))
    select = ("<select onchange=\"window.location.href=this.value\"><option value=''>请选择</option>"
              "<option value='/k7q/5521.htm'>总体规划</option><option value='/k7q/5522.htm'>年度计划</option>"
              "<option value='/k7q/5523.htm'>规划编制说明</option><option value='/k7q/5524.htm'>区域规划</option></select>")
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", "<ul><li><a href='/k7q/zz30.htm'>规划信息</a></li></ul>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/k7q/zz30.htm": page("规划信息", select, crumbs=parent_crumbs),
        "/k7q/5521.htm": page("总体规划", items("/k7q/5521/", 2), crumbs=(*parent_crumbs, ("总体规划", "/k7q/5521.htm"))),
        "/k7q/5522.htm": page("年度计划", items("/k7q/5522/", 2), crumbs=(*parent_crumbs, ("年度计划", "/k7q/5522.htm"))),
        "/k7q/5523.htm": page("规划编制说明", "<div class='x8'><h1>规划编制说明</h1><p>发布日期：2021-11-01</p><p>"
                              + "正文" * 60 + "</p></div>", crumbs=(*parent_crumbs, ("正文", "#"))),
    }, refuse=("/k7q/5524.htm",))
    column = walk_site(spec, SITE + "/", site, CONFIG, retry_times=0).columns[("政务公开", "规划信息", "专项规划")]
    assert column.status in ("missing", "unverified")
    assert {"总体规划", "年度计划", "区域规划"} <= set(column.offered)
    assert "规划编制说明" not in column.offered


def test_sub_columns_offered_only_as_options_of_a_navigating_select_are_found(write_spec):
    spec = write_spec(entry("a", "政务公开>规划信息"))
    select = ("<select onchange=\"window.location.href=this.value\"><option value=''>请选择</option>"
              "<option value='/zwgk/c1/'>规划信息</option><option value='/zwgk/c2/'>统计信息</option></select>")
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", select, crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/c1/": page("规划信息", items("/zwgk/c1/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/c1/"))),
        "/zwgk/c2/": page("统计信息", items("/zwgk/c2/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("统计信息", "/zwgk/c2/"))),
    })
    assert walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")].status == "found"


def test_a_drop_down_menu_hidden_until_hover_is_read(write_spec):
    spec = write_spec(entry("a", "政务公开>规划信息"))
    style = "<style>.k9x{display:none}.m3:hover .k9x{display:block}</style>"
    menu = ("<ul><li class='m3'><a href='/zwgk/'>政务公开</a><div class='k9x'><a href='/zwgk/c1/'>规划信息</a>"
            "<a href='/zwgk/c2/'>统计信息</a></div></li></ul>")
    site = Site({
        "/": page("首页", menu, head=style),
        "/zwgk/": page("政务公开", "<p>" + "政务公开的说明文字。" * 10 + "</p>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/c1/": page("规划信息", items("/zwgk/c1/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/c1/"))),
        "/zwgk/c2/": page("统计信息", items("/zwgk/c2/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("统计信息", "/zwgk/c2/"))),
    })
    assert walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")].status == "found"


def test_a_sub_column_list_inside_an_iframe_is_read_as_part_of_the_page(write_spec):
    spec = write_spec(entry("a", "政务公开>规划信息"))
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", "<iframe src='/zwgk/menu.html' width='200' height='400'></iframe>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/menu.html": "<html><body><ul><li><a href='/zwgk/c1/' target='_parent'>规划信息</a></li>"
                            "<li><a href='/zwgk/c2/' target='_parent'>统计信息</a></li></ul></body></html>",
        "/zwgk/c1/": page("规划信息", items("/zwgk/c1/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/c1/"))),
        "/zwgk/c2/": page("统计信息", items("/zwgk/c2/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("统计信息", "/zwgk/c2/"))),
    })
    assert walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")].status == "found"


def test_a_frameset_is_read_through_its_frames(write_spec):
    spec = write_spec(entry("a", "政务公开>规划信息"))
    site = Site({
        "/": "<html><frameset cols='200,*'><frame src='/left.html'><frame src='/welcome.html'></frameset></html>",
        "/left.html": "<html><body><a href='/zwgk/' target='main'>政务公开</a></body></html>",
        "/welcome.html": "<html><body><p>欢迎</p></body></html>",
        "/zwgk/": page("政务公开", "<ul><li><a href='/zwgk/c1/'>规划信息</a></li><li><a href='/zwgk/c2/'>统计信息</a></li></ul>",
                       crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/c1/": page("规划信息", items("/zwgk/c1/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/c1/"))),
        "/zwgk/c2/": page("统计信息", items("/zwgk/c2/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("统计信息", "/zwgk/c2/"))),
    })
    assert walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")].status == "found"


def test_a_tile_named_only_by_its_title_is_a_column_link(write_spec):
    spec = write_spec(entry("a", "政务公开>规划信息"))
    tiles = ("<div><a href='/zwgk/c1/' title='规划信息'><span><em>规划信息</em></span><img src='/i/1.png'></a>"
             "<a href='/zwgk/c2/' title='统计信息'><span><em>统计信息</em></span><img src='/i/2.png'></a></div>")
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", tiles, crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/c1/": page("规划信息", items("/zwgk/c1/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/c1/"))),
        "/zwgk/c2/": page("统计信息", items("/zwgk/c2/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("统计信息", "/zwgk/c2/"))),
    })
    assert walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")].status == "found"


def test_a_column_linked_only_from_the_site_map_is_found(write_spec):
    spec = write_spec(entry("a", "政务公开>规划信息"))
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a><a href='/wzdt.html'>网站地图</a>"),
        "/zwgk/": page("政务公开", "<p>" + "政务公开说明。" * 10 + "</p>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/wzdt.html": page("网站地图", "<dl><dt><a href='/zwgk/'>政务公开</a></dt><dd><a href='/zwgk/c1/'>规划信息</a></dd></dl>"),
        "/zwgk/c1/": page("规划信息", items("/zwgk/c1/", 3), crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/c1/"))),
    })
    assert walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "规划信息")].status == "found"


def _renamed_site(site_name: str) -> Site:
    box = f"<ul><li><a href='/zwgk/ghxx/c1/'>{site_name}</a></li><li><a href='/zwgk/ghxx/c2/'>年度计划</a></li></ul>"
    return Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", "<ul><li><a href='/zwgk/ghxx/'>规划信息</a></li></ul>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/ghxx/": page("规划信息", box, crumbs=(HOME, ("政务公开", "/zwgk/"), ("规划信息", "/zwgk/ghxx/"))),
        "/zwgk/ghxx/c1/": page(site_name, items("/zwgk/ghxx/c1/", 3), crumbs=(HOME, ("规划信息", "/zwgk/ghxx/"), (site_name, "/zwgk/ghxx/c1/"))),
        "/zwgk/ghxx/c2/": page("年度计划", items("/zwgk/ghxx/c2/", 3), crumbs=(HOME, ("规划信息", "/zwgk/ghxx/"), ("年度计划", "/zwgk/ghxx/c2/"))),
    })


def test_renamed_columns_by_a_dropped_word_a_place_prefix_or_an_inserted_word_are_found_renamed(write_spec):
    """国土规划 for 国土空间规划 (a word dropped), 两江新区国土空间规划 (a place before it),
    国土空间发展规划 (a word inserted): the same column, reported renamed with the site's name."""
    spec = write_spec(entry("a", "政务公开>规划信息>国土空间规划"))
    for site_name in ("国土规划", "两江新区国土空间规划", "国土空间发展规划"):
        column = walk_site(spec, SITE + "/", _renamed_site(site_name), CONFIG).columns[("政务公开", "规划信息", "国土空间规划")]
        assert (column.status, column.match, column.site_name) == ("found", "similar", site_name), site_name


def test_a_column_under_another_parent_is_misplaced_and_the_map_names_both_places(write_spec):
    """规划信息 is mandated under 政务公开; the site has it under 新闻中心. The walk does not take it
    (its breadcrumb puts it elsewhere), the map shows it: misplaced_column, naming both places."""
    from auditor.audit import audit
    from auditor.audit.site_map import map_section

    spec = write_spec(entry("a", "政务公开>规划信息"))
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a><a href='/xwzx/'>新闻中心</a>"),
        "/zwgk/": page("政务公开", "<ul><li><a href='/zwgk/tjxx/'>统计信息</a></li></ul>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/tjxx/": page("统计信息", items("/zwgk/tjxx/", 2), crumbs=(HOME, ("政务公开", "/zwgk/"), ("统计信息", "/zwgk/tjxx/"))),
        "/xwzx/": page("新闻中心", "<ul><li><a href='/xwzx/ghxx/'>规划信息</a></li></ul>", crumbs=(HOME, ("新闻中心", "/xwzx/"))),
        "/xwzx/ghxx/": page("规划信息", items("/xwzx/ghxx/", 2), crumbs=(HOME, ("新闻中心", "/xwzx/"), ("规划信息", "/xwzx/ghxx/"))),
    })
    seen = walk_site(spec, SITE + "/", site, CONFIG)
    assert seen.columns[("政务公开", "规划信息")].status == "missing"
    paths, findings = audit(spec, seen, as_of=AS_OF, complete=True)
    (finding,) = [f for f in findings if f.path == ["政务公开", "规划信息"]]
    assert finding.kind == "misplaced_column"
    assert finding.evidence["found_at"]["url"] == SITE + "/xwzx/ghxx/"
    assert finding.evidence["found_at"]["parent_name"] == "新闻中心"
    assert finding.evidence["mandated_parent"]["name"] == "政务公开"
    section = map_section(seen.column_map, AS_OF)
    assert {c["name"] for c in section["columns"]} >= {"政务公开", "统计信息", "新闻中心", "规划信息"}
    assert section["veto"]["blank"]["count"] == 0


def test_the_column_map_counts_blank_columns_over_the_whole_site(write_spec):
    """Columns the mandate does not name count toward 空白栏目 too, as an inspector counts them."""
    from auditor.audit.site_map import map_section

    spec = write_spec(entry("a", "政务公开>规划信息"))
    box = "".join(f"<li><a href='/zwgk/k{n}/'>栏目{n}</a></li>" for n in range(3))
    pages = {
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", f"<ul>{box}</ul>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
    }
    for n in range(3):
        pages[f"/zwgk/k{n}/"] = page(f"栏目{n}", "<div class='x8'>暂无信息</div>", crumbs=(HOME, ("政务公开", "/zwgk/"), (f"栏目{n}", f"/zwgk/k{n}/")))
    seen = walk_site(spec, SITE + "/", Site(pages), CONFIG)
    section = map_section(seen.column_map, AS_OF)
    assert section["veto"]["blank"]["count"] == 3
    assert {c["parent_name"] for c in section["columns"] if c["name"].startswith("栏目")} == {"政务公开"}


def _column_of_dead_sub_columns(write_spec, own: str) -> object:
    """通知公告, a column page offering three sub-columns (a box of links) that all answer 404,
    beside ``own``, the text the page says itself."""
    spec = write_spec(entry("a", "政务公开>通知公告"))
    box = "".join(f"<li><a href='/zwgk/tzgg/n{n}/'>{name}</a></li>" for n, name in enumerate(("公示", "公告", "通知")))
    site = Site({
        "/": page("首页", "<a href='/zwgk/'>政务公开</a>"),
        "/zwgk/": page("政务公开", "<ul><li><a href='/zwgk/tzgg/'>通知公告</a></li></ul>", crumbs=(HOME, ("政务公开", "/zwgk/"))),
        "/zwgk/tzgg/": page("通知公告", f"{own}<ul>{box}</ul>", crumbs=(HOME, ("政务公开", "/zwgk/"), ("通知公告", "/zwgk/tzgg/"))),
    })
    return walk_site(spec, SITE + "/", site, CONFIG).columns[("政务公开", "通知公告")]


def test_a_column_page_of_nothing_but_sub_columns_that_all_answer_not_found_is_unverified(write_spec):
    """Nothing of what the column holds was read: not a page with content (which no rule on its
    items or dates would look at), and not called empty either."""
    column = _column_of_dead_sub_columns(write_spec, "")
    assert column.status == "unverified"
    assert column.reason is not None and column.reason.code == "subcolumns_not_found"
    assert len(column.failed_pages) == 3


def test_a_page_with_text_of_its_own_whose_links_all_answer_not_found_is_a_page(write_spec):
    """A guide's text with links that lead nowhere: a page a person reads, its dead links noted."""
    own = "<p>" + "本栏目发布本机关的各类通知公告，公众可按类别查阅，如有疑问请拨打咨询电话。" * 2 + "</p>"
    column = _column_of_dead_sub_columns(write_spec, own)
    assert column.status == "found"
    assert column.listing is not None and column.listing.kind == "page"
    assert len(column.failed_pages) == 3
