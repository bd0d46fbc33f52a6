"""Every link of a page gets the role a person reads it in, on many generated markups and on the
real pages of ../shared/realgov."""

from __future__ import annotations

from collections import defaultdict

import pytest

from auditor.page.links import page_links
from auditor.page.tree import Page

SEEDS = range(16)


def _links(variants, seed, **kwargs):
    html, truth = variants.column_page(seed, **kwargs)
    page = Page.parse(html, variants.PAGE_URL)
    return page_links(page), truth


def _roles_by_url(links):
    roles = defaultdict(set)
    for link in links:
        roles[link.url].add(link.role)
    return roles


@pytest.mark.parametrize("seed", SEEDS)
def test_every_planted_link_has_its_role(variants, seed):
    links, truth = _links(variants, seed)
    roles = _roles_by_url(links)
    wrong = {url: (role, roles.get(url)) for url, role in truth.roles.items() if role not in roles.get(url, set())}
    assert wrong == {}, f"seed {seed}"


@pytest.mark.parametrize("seed", SEEDS)
def test_toolbar_links_and_dated_headlines_are_never_column_links(variants, seed):
    links, truth = _links(variants, seed)
    for link in links:
        planted = truth.roles.get(link.url)
        if planted in ("toolbar", "entry"):
            assert link.role == planted and not link.is_column, (seed, link)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_tree_gives_levels_and_the_current_node(variants, seed):
    links, truth = _links(variants, seed)
    tree = [link for link in links if link.role == "tree"]
    assert {link.url: link.level for link in tree} == truth.levels, f"seed {seed}"
    assert [link.url for link in tree if link.current] == [truth.current], f"seed {seed}"


@pytest.mark.parametrize("seed", SEEDS)
def test_list_entries_carry_the_date_of_their_own_row(variants, seed):
    links, truth = _links(variants, seed)
    dated = {link.url: link.date for link in links if link.role == "entry" and link.url in truth.entries}
    assert dated == truth.entries, f"seed {seed}"


@pytest.mark.parametrize("seed", SEEDS)
def test_hidden_and_commented_out_blocks_offer_no_link(variants, seed):
    links, truth = _links(variants, seed)
    assert not {link.url for link in links} & set(truth.hidden), f"seed {seed}"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_blocks_more_link_is_named_by_the_blocks_heading(variants, seed):
    links, truth = _links(variants, seed, tabs=True)
    named = {(link.label, link.url) for link in links if link.role == "tab"}
    assert set(truth.subcolumns) <= named, f"seed {seed}"
    assert all(link.is_column for link in links if link.role == "tab")


def test_tabs_header_is_a_tab_heading_block_not_the_page_header():
    html = (
        '<html><body><div class="header"><a href="/">首页</a></div><div class="main">'
        '<div class="tabs_header"><span>规划信息</span><a href="/zwgk/ghxx/">更多></a></div>'
        '<ul><li><a href="/zwgk/ghxx/202603/t20260310_1.html">规划一</a><span>2026-03-10</span></li></ul></div></body></html>'
    )
    page = Page.parse(html, "http://x.gov.cn/zwgk/")
    more = [link for link in page_links(page) if link.url.endswith("/zwgk/ghxx/")]
    assert [(link.region, link.role, link.label) for link in more] == [("main", "tab", "规划信息")]


def test_page_header_class_names_still_mark_the_header():
    for name in ("header", "site-header", "head_top", "page-header", "topbar"):
        page = Page.parse(f'<html><body><div class="{name}"><a href="/x/">X</a></div></body></html>', "http://x.gov.cn/")
        assert page_links(page)[0].region == "header", name


def test_roles_on_the_real_handan_disclosure_pages(realgov_dir):
    folder = realgov_dir / "kevin3691-renmin"
    index = page_links(Page.parse((folder / "hdzfxxgk_index.jsp").read_text(encoding="utf-8"), "http://hdzfxxgk.hd.gov.cn/"))
    by_name = {link.label: link for link in index}
    # the tab headings of the 市政府文件 block, and the dated entries of each of its panes
    for name in ("市政府文件", "市政府办公室文件", "市政府令", "修订废止"):
        assert by_name[name].is_column, name
    entries = {link.date for link in index if link.role == "entry"}
    assert {"2020-07-29", "2020-07-27", "2020-01-23"} <= entries
    listing = page_links(Page.parse((folder / "hdzfxxgk_list.jsp").read_text(encoding="utf-8"), "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/"))
    crumbs = [link.label for link in listing if link.role == "breadcrumb"]
    assert crumbs[:1] == ["首页"] and len(crumbs) >= 2
    table_entries = [link for link in listing if link.role == "entry"]
    assert table_entries and all(link.date for link in table_entries)
    assert any(link.role == "pager" for link in listing)


def test_roles_on_the_real_jiangxi_article_pages(realgov_dir):
    page = Page.parse(
        (realgov_dir / "SimonXinw-job" / "wanzai_tjsja_2022_article.html").read_text(encoding="utf-8"),
        "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml",
    )
    crumbs = [link.label for link in page_links(page) if link.role == "breadcrumb"]
    assert crumbs[0] == "首页" and "法定主动公开内容" in crumbs


@pytest.mark.parametrize("markup", [
    '<div class="link-box">友情链接：<a href="http://www.gov.cn/">中国政府网</a><a href="http://www.cq.gov.cn/">重庆市人民政府</a></div>',
    '<div class="box3"><h4>相关链接</h4><ul><li><a href="http://www.gov.cn/">中国政府网</a></li></ul></div>',
    '<div class="lj_link-box"><span>友情链接：</span><a href="http://www.gov.cn/">中国政府网</a></div>',
])
def test_blocks_labelled_friend_links_hold_friend_links(markup):
    page = Page.parse(f'<html><body><div class="main"><p>正文</p></div>{markup}</body></html>', "http://x.gov.cn/")
    assert {link.role for link in page_links(page)} == {"friend"}


@pytest.mark.parametrize("seed", range(8))
def test_a_list_that_starts_with_the_home_page_is_the_site_menu_whatever_its_classes(seed):
    """A person reads 首页 | 走进两江 | 新闻中心 … as the site's menu; the template's class names
    (a site prefix glued on, a random word) say nothing."""
    import random

    rng = random.Random(seed)
    klass = rng.choice(["xmenu", "ljtopbar", "q7", "wrap-a", "zz_box", ""])
    home = rng.choice(["首页", "首　页", "网站首页"])
    sections = rng.sample(["走进两江", "新闻中心", "政务公开", "政府信息公开", "政务服务", "互动交流"], k=rng.randint(3, 6))
    items = [f'<li><a href="/">{home}</a></li>'] + [f'<li><a href="/s{i}/">{name}</a></li>' for i, name in enumerate(sections)]
    # the column's own sub-column box, a list too, but not one that starts with the home page
    box = "".join(f'<li><a href="/xxgk/c{i}/">子栏目{i}</a></li>' for i in range(rng.randint(4, 6)))
    html = (f'<html><body><div class="{klass}"><ul>{"".join(items)}</ul></div>'
            f'<div class="{rng.choice(["con", "w1200", "x_main"])}"><ul>{box}</ul></div></body></html>')
    links = {link.text: link for link in page_links(Page.parse(html, "http://portal.test/xxgk/"))}
    assert all(links[name].role == "nav" for name in sections)
    assert all(links[f"子栏目{i}"].role == "subcolumn" for i in range(4))


def test_a_pager_is_told_by_its_links_names_not_its_class():
    """A pager whose class is a random token and whose links are no ``index_N`` or ``?page=`` URLs:
    a run of links named 首页 上一页 1 2 3 下一页 尾页 is the pager, and each of its links is one."""
    html = """<html><body><ul class="qx7">
    <li><a href="/zwgk/a/2021/0601/x1.html">某某县人民政府关于某事的通知</a> 2021-06-01</li>
    <li><a href="/zwgk/a/2021/0520/x2.html">某某县人民政府关于他事的通知</a> 2021-05-20</li></ul>
    <div class="wv3"><a href="/zwgk/a/">首页</a> <a href="/zwgk/a/">上一页</a> <a href="/zwgk/a/">1</a>
    <a href="/zwgk/a/s/b.html">2</a> <a href="/zwgk/a/s/c.html">3</a> <a href="/zwgk/a/s/b.html">下一页</a>
    <a href="/zwgk/a/s/c.html">尾页</a></div>
    <div class="wv4"><a href="/zwgk/b/">3</a> <a href="/zwgk/c/">规划信息</a> <a href="/zwgk/d/">人事信息</a></div>
    </body></html>"""
    links = page_links(Page.parse(html, "http://www.example.gov.cn/zwgk/a/"))
    pager = {link.label for link in links if link.role == "pager"}
    assert pager == {"首页", "上一页", "1", "2", "3", "下一页", "尾页"}
    # a number among column names is no pager link
    assert {link.role for link in links if link.url == "http://www.example.gov.cn/zwgk/b/"} != {"pager"}
