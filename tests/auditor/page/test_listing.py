"""Column pages as portals serve them: TRS lists, Hanweb datastores, JS-only lists, placeholders,
parent columns, content pages; saved fixtures under pages/ and the real pages in ../shared/realgov."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditor.page.listing import parse_listing
from auditor.model.observations import Listing

PAGES = Path(__file__).parent / "pages"
AS_OF = dt.date(2021, 6, 20)


def listing_of(name: str, url: str, as_of: dt.date = AS_OF) -> Listing:
    return parse_listing((PAGES / name).read_text(encoding="utf-8"), url, as_of)


# --- TRS ------------------------------------------------------------------------------------------------
TRS_URL = "http://www.example.gov.cn/zwgk/ghxx/zxgh/index.html"


@pytest.fixture(scope="module")
def trs() -> Listing:
    return listing_of("trs_list.html", TRS_URL)


def test_trs_list_items_across_blocks_of_five(trs: Listing) -> None:
    assert trs.kind == "list"
    assert len(trs.items) == 10
    assert all(item.url and item.url.startswith("http://www.example.gov.cn/zwgk/ghxx/zxgh/") for item in trs.items)
    # the side column's 热点信息 are not this column's items
    assert not any("zwdt/jrgz" in (item.url or "") for item in trs.items)


def test_trs_dates_in_every_form(trs: Listing) -> None:
    assert [(item.date, item.date_source) for item in trs.items] == [
        ("2021-06-01", "list"),  # 2021-06-01
        ("2021-05-28", "list"),  # [2021-05-28]
        ("2021-05-20", "list"),  # 2021/5/20
        ("2021-05-12", "list"),  # 2021.05.12
        ("2021-04-30", "list"),  # 2021年04月30日
        ("2021-04-15", "list"),  # 2021年4月15日
        ("2021-03-30", "list"),  # 2021-03-30 16:45:12
        ("2021-03-18", "url"),  # no date shown: t20210318_… in the URL
        ("2021-03-10", "list"),
        ("2021-02-26", "list"),
    ]


def test_trs_truncated_titles_come_from_the_title_attribute(trs: Listing) -> None:
    titles = [item.title for item in trs.items]
    assert titles[1] == "示例市国土空间总体规划（2021—2035年）公众意见征询稿"
    assert titles[3] == "关于印发示例市城乡供水一体化专项规划的通知"
    assert not any(t.endswith(("…", "...")) for t in titles)


def test_trs_a_date_inside_the_title_is_not_the_items_date(trs: Listing) -> None:
    # 示例市养老服务体系建设规划（2021-2025年） is dated by its 2021年4月15日, not by the years in its name
    assert trs.items[5].title.endswith("（2021-2025年）") and trs.items[5].date == "2021-04-15"


def test_trs_a_pdf_can_be_an_item(trs: Listing) -> None:
    assert trs.items[8].url == "http://www.example.gov.cn/zwgk/ghxx/zxgh/202103/P020210310512345678901.pdf"


def test_trs_pagination(trs: Listing) -> None:
    assert trs.page_count == 3
    assert trs.declared_total == 25
    assert trs.next_pages == [
        "http://www.example.gov.cn/zwgk/ghxx/zxgh/index_1.html",
        "http://www.example.gov.cn/zwgk/ghxx/zxgh/index_2.html",
    ]
    assert trs.datastore_records is None


def test_trs_sibling_columns_in_the_tree_are_not_subcolumns(trs: Listing) -> None:
    names = [name for name, _ in trs.subcolumns]
    assert "年度计划" not in names and "规划信息" not in names and "首页" not in names


def test_trs_page_count_is_capped() -> None:
    html = '<html><body><ul><li><a href="./202106/t20210601_1.html">标题一二三四</a> 2021-06-01</li></ul>' \
           '<script>createPageHTML(5000, 0, "index", "shtml");</script></body></html>'
    listing = parse_listing(html, "http://www.example.gov.cn/a/", AS_OF)
    assert listing.page_count == 5000
    assert len(listing.next_pages) == 200
    assert listing.next_pages[0] == "http://www.example.gov.cn/a/index_1.shtml"
    assert listing.next_pages[-1] == "http://www.example.gov.cn/a/index_200.shtml"


def test_newer_trs_page_call_with_target_and_total() -> None:
    html = '<html><body><ul><li><a href="./202106/t20210601_1.html">标题一二三四</a> 2021-06-01</li></ul>' \
           "<div id='page_div'></div><script>createPageHTML('page_div', 4, 1, 'index', 'html', 58);</script></body></html>"
    listing = parse_listing(html, "http://www.example.gov.cn/a/index_1.html", AS_OF)
    assert (listing.page_count, listing.declared_total) == (4, 58)
    # the page read is index_1 (page 2): the others are listed, not itself
    assert listing.next_pages == ["http://www.example.gov.cn/a/index_2.html", "http://www.example.gov.cn/a/index_3.html"]


@pytest.mark.parametrize(
    ("text", "pages", "total"),
    [("共 3 页", 3, None), ("共45条", None, 45), ("共45条记录", None, 45), ("共有 6348 条信息", None, 6348),
     ("第1/7页 共 130 条", 7, 130)],
)
def test_counts_printed_as_text(text: str, pages: int | None, total: int | None) -> None:
    html = f'<html><body><ul><li><a href="./t20210601_1.html">标题一二三四</a> 2021-06-01</li></ul><div class="page">{text}</div></body></html>'
    listing = parse_listing(html, "http://www.example.gov.cn/a/", AS_OF)
    assert (listing.page_count, listing.declared_total) == (pages, total)


def test_commented_out_counts_do_not_count() -> None:
    html = '<html><body><ul><li><a href="./t20210601_1.html">标题一二三四</a> 2021-06-01</li></ul>' \
           '<!--<div>共有<span>0</span>条信息</div>--></body></html>'
    assert parse_listing(html, "http://www.example.gov.cn/a/", AS_OF).declared_total is None


def test_month_day_dates_resolve_against_as_of() -> None:
    html = "<html><body><ul class='list'>" + "".join(
        f'<li><a href="./t2023120{i}_{i}.html">通知公告第{i}号文件</a><span>{d}</span></li>'
        for i, d in enumerate(["01-03", "12-28", "12-15"], start=1)
    ) + "</ul></body></html>"
    listing = parse_listing(html, "http://www.example.gov.cn/tzgg/", dt.date(2024, 1, 5))
    assert [item.date for item in listing.items] == ["2024-01-03", "2023-12-28", "2023-12-15"]


# --- Hanweb ---------------------------------------------------------------------------------------------
def test_hanweb_datastore_records_are_the_list() -> None:
    listing = listing_of("hanweb_column.html", "http://www.example.gov.cn/col/col76841/index.html")
    assert listing.kind == "list"
    assert listing.datastore_records == 5
    assert [item.date for item in listing.items] == ["2021-06-18", "2021-06-09", "2021-05-31", "2021-05-20", "2021-05-07"]
    assert listing.items[3].date_source == "url"  # /art/2021/5/20/ in the URL
    assert listing.items[0].url == "http://www.example.gov.cn/art/2021/6/18/art_76841_9876543.html"
    assert listing.items[1].title == "《关于进一步优化营商环境降低市场主体制度性交易成本的若干措施》政策解读"
    assert (listing.declared_total, listing.page_count) == (87, 18)
    # later pages come from dataproxy.jsp; a static index_1.html answers 404 on Hanweb sites
    assert listing.next_pages == []


def test_hanweb_totals_from_script_variables_and_an_empty_recordset() -> None:
    html = """<html><body><div id="297589"><script type="text/xml"><datastore>
    <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=1"></a>]]></nextgroup>
    <recordset></recordset></datastore></script>
    <script>var totalRecord = 0; var totalPage = 0;</script></div></body></html>"""
    listing = parse_listing(html, "http://www.example.gov.cn/col/col1/index.html", AS_OF)
    assert listing.kind == "list"
    assert listing.items == []
    assert (listing.datastore_records, listing.declared_total, listing.page_count) == (0, 0, 0)


def test_hanweb_total_as_an_attribute() -> None:
    html = """<html><body><div id="u1" totalRecord="42"><script type="text/xml"><datastore><recordset>
    <record><![CDATA[<li><a href="/art/2021/6/1/art_1_2.html">某某市人民政府通知</a><span>2021-06-01</span></li>]]></record>
    </recordset></datastore></script></div></body></html>"""
    listing = parse_listing(html, "http://www.example.gov.cn/col/col1/index.html", AS_OF)
    assert (listing.datastore_records, listing.declared_total, len(listing.items)) == (1, 42, 1)


def test_hanweb_main_datastore_wins_over_a_side_widget() -> None:
    def store(n: int, col: int) -> str:
        records = "".join(
            f'<record><![CDATA[<li><a href="/art/2021/6/{i}/art_{col}_{i}.html">第{i}条示例信息标题</a><span>2021-06-0{i}</span></li>]]></record>'
            for i in range(1, n + 1)
        )
        return f'<script type="text/xml"><datastore><recordset>{records}</recordset></datastore></script>'

    html = f'<html><body><div class="side">{store(2, 9)}</div><div class="main">{store(4, 5)}</div></body></html>'
    listing = parse_listing(html, "http://www.example.gov.cn/col/col5/index.html", AS_OF)
    assert listing.datastore_records == 4
    assert all("art_5_" in (item.url or "") for item in listing.items)


# --- no items: why ----------------------------------------------------------------------------------------
def test_js_only_list_names_its_endpoint() -> None:
    listing = listing_of("js_only_list.html", "https://www.example.gov.cn/zwgk/tzgg/index.html")
    assert listing.kind == "js_only"
    assert listing.items == []
    assert listing.js_source == "https://www.example.gov.cn/api/cms/column/articles?channelId="


@pytest.mark.parametrize(
    "script",
    [
        'fetch("/api/list?page=1").then(r => r.json()).then(draw);',
        'axios.get("/service/getDocuments?chnl=12").then(draw);',
        'var x = new XMLHttpRequest(); x.open("GET", "/cms/list.do?col=3"); x.send();',
        '$.getJSON("../../service/search?channel=5", draw);',
    ],
)
def test_js_only_by_any_fetching_script(script: str) -> None:
    html = f'<html><body><div class="list-box"><ul id="docs" class="doc-list"></ul></div><script>{script}</script></body></html>'
    listing = parse_listing(html, "http://www.example.gov.cn/a/b/index.html", AS_OF)
    assert listing.kind == "js_only"
    assert listing.js_source and listing.js_source.startswith("http://www.example.gov.cn/")


def test_placeholder_list() -> None:
    listing = listing_of("placeholder_list.html", "http://www.example.gov.cn/xxgk/fdzdgknr/xzsyxsf/index.shtml")
    assert listing.kind == "placeholder"
    assert listing.placeholder == "本机关暂无此类信息"
    assert (listing.page_count, listing.declared_total, listing.next_pages) == (1, 0, [])


@pytest.mark.parametrize("phrase", ["暂无信息", "暂无数据！", "没有相关信息", "暂无内容", "无相关信息"])
def test_placeholder_phrases(phrase: str) -> None:
    html = f'<html><body><div class="news_list"><ul><li class="nodata">{phrase}</li></ul></div></body></html>'
    listing = parse_listing(html, "http://www.example.gov.cn/a/", AS_OF)
    assert (listing.kind, listing.placeholder) == ("placeholder", phrase)


def test_placeholder_in_a_template_or_hidden_does_not_count() -> None:
    html = """<html><body><ul id="list" class="news-list"></ul>
    <div ms-if="error">暂无数据</div><div class="empty" style="display:none">暂无信息</div>
    <script>$.ajax({url: "/api/news/list", success: draw});</script></body></html>"""
    listing = parse_listing(html, "http://www.example.gov.cn/a/", AS_OF)
    assert listing.kind == "js_only"
    assert listing.placeholder is None


def test_placeholder_in_the_footer_does_not_count() -> None:
    html = '<html><body><ul class="list"></ul><div class="footer">暂无信息</div></body></html>'
    listing = parse_listing(html, "http://www.example.gov.cn/a/", AS_OF)
    assert (listing.kind, listing.placeholder) == ("list", None)


def test_empty_list_container_is_an_empty_list() -> None:
    html = """<html><body><div class="main"><h2>专项规划</h2><ul class="news-list"></ul></div>
    <script>var x = 1;</script></body></html>"""
    listing = parse_listing(html, "http://www.example.gov.cn/a/", AS_OF)
    assert (listing.kind, listing.items) == ("list", [])


def test_table_with_a_header_row_only_is_an_empty_list() -> None:
    html = "<html><body><table><tr><th>标题</th><th>发布日期</th></tr></table></body></html>"
    assert parse_listing(html, "http://www.example.gov.cn/a/", AS_OF).kind == "list"


def test_a_visit_counter_does_not_make_a_content_page_js_only() -> None:
    listing = listing_of("contact_page.html", "http://www.example.gov.cn/lxwm/")
    assert listing.kind == "page"
    assert listing.js_source is None


def test_parent_column_offers_subcolumns() -> None:
    listing = listing_of("parent_column.html", "http://www.example.gov.cn/zwgk/fdzdgknr/")
    assert listing.kind == "parent"
    assert listing.items == []
    assert [name for name, _ in listing.subcolumns] == [
        "机构职能", "履职依据", "规划信息", "统计信息", "行政许可", "财政信息", "政府采购", "人事信息"
    ]
    urls = dict(listing.subcolumns)
    assert urls["统计信息"] == "http://www.example.gov.cn/zwgk/fdzdgknr/tjxx/index.html"
    # neither the page itself, its ancestors (breadcrumb), nor the footer
    assert not any(name in ("法定主动公开内容", "政务公开", "联系我们", "首页") for name, _ in listing.subcolumns)


def test_own_section_of_the_tree_gives_subcolumns() -> None:
    html = """<html><body><div class="left"><ul class="tree">
      <li><a href="/zwgk/jgzn/">机构职能</a></li>
      <li class="on"><a href="/zwgk/ghxx/">规划信息</a>
        <ul><li><a href="/zwgk/ghxx/zcqfzgh/">中长期发展规划</a></li><li><a href="/zwgk/ghxx/zxgh/">专项规划</a></li></ul></li>
      <li><a href="/zwgk/tjxx/">统计信息</a><ul><li><a href="/zwgk/tjxx/tjgb/">统计公报</a></li></ul></li>
    </ul></div><div class="right"></div></body></html>"""
    listing = parse_listing(html, "http://www.example.gov.cn/zwgk/ghxx/", AS_OF)
    assert listing.kind == "parent"
    assert listing.subcolumns == [
        ("中长期发展规划", "http://www.example.gov.cn/zwgk/ghxx/zcqfzgh/"),
        ("专项规划", "http://www.example.gov.cn/zwgk/ghxx/zxgh/"),
    ]


def test_trt_template_blocks_are_one_list_and_its_fallback_text_no_placeholder() -> None:
    listing = listing_of("trt_blocks_list.html", "http://www.example.gov.cn/zwgk/ghxx/ndjh/index.htm", dt.date(2024, 2, 1))
    assert listing.kind == "list"
    assert len(listing.items) == 7
    assert listing.items[1].date == "2024-01-10"  # lists are not always sorted by date
    assert listing.placeholder is None
    # pageChnlInfo = {maxStaticIndex:2, recordCount:'12', prepage:5}: 3 pages, the first 2 static
    assert (listing.declared_total, listing.page_count) == (12, 3)
    assert listing.next_pages == ["http://www.example.gov.cn/zwgk/ghxx/ndjh/index_1.htm"]


def test_a_single_related_link_on_a_content_page_is_no_list() -> None:
    html = """<html><body><div class="content"><h1>联系我们</h1><p>地址：示例市行政中心一号楼，邮编336000，电话0795-3200000。</p>
    <ul><li><a href="/zwgk/202106/t20210601_1.html">示例市政府工作报告</a></li></ul></div></body></html>"""
    listing = parse_listing(html, "http://www.example.gov.cn/lxwm/", AS_OF)
    assert (listing.kind, listing.items) == ("page", [])


def test_div_rows_are_entries() -> None:
    rows = "".join(
        f'<div class="row"><a href="/xwzx/{100200 + i}.html">新闻标题第{i}条示例</a><span class="time">2021-06-0{i}</span></div>'
        for i in range(1, 6)
    )
    listing = parse_listing(f'<html><body><div class="list-wrap">{rows}</div></body></html>', "http://www.example.gov.cn/xwzx/", AS_OF)
    assert [item.date for item in listing.items] == [f"2021-06-0{i}" for i in range(1, 6)]


@pytest.mark.parametrize(
    "html",
    ["", "   ", "\x00\x01garbage", "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>", "<html><body>"],
)
def test_bad_input_is_unknown_or_page_never_an_error(html: str) -> None:
    listing = parse_listing(html, "http://www.example.gov.cn/a/", AS_OF)
    assert listing.kind in ("unknown", "page")
    assert listing.items == []


def test_nothing_recognisable_is_unknown() -> None:
    assert parse_listing("<html><body><div></div></body></html>", "http://www.example.gov.cn/a/", AS_OF).kind == "unknown"


# --- real pages -----------------------------------------------------------------------------------------
HD_LIST_URL = "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html"


@pytest.fixture(scope="module")
def hd_list(realgov_dir: Path) -> Listing:
    html = (realgov_dir / "kevin3691-renmin" / "hdzfxxgk_list.jsp").read_text(encoding="utf-8")
    return parse_listing(html, HD_LIST_URL, dt.date(2020, 8, 12))


def test_real_trs_table_list(hd_list: Listing) -> None:
    assert hd_list.kind == "list"
    assert len(hd_list.items) == 1
    item = hd_list.items[0]
    assert item.title == "邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知"
    assert item.url == "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html"
    assert (item.date, item.date_source) == ("2020-08-05", "list")


def test_real_trs_counts_from_script_variables(hd_list: Listing) -> None:
    # var countnum= 6348; var countPage=56 (the commented-out 共有0条信息 is ignored)
    assert (hd_list.declared_total, hd_list.page_count) == (6348, 56)
    assert len(hd_list.next_pages) == 55
    assert hd_list.next_pages[0] == "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_1.html"
    assert hd_list.next_pages[-1] == "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_55.html"


def test_real_site_mega_menu_and_breadcrumb_are_not_subcolumns(hd_list: Listing) -> None:
    # the 导航栏目 menu (div.dhlm), the 首页->政府文件 breadcrumb and the 高级搜索 link are chrome
    assert hd_list.subcolumns == []


def test_real_information_disclosure_index(realgov_dir: Path) -> None:
    html = (realgov_dir / "kevin3691-renmin" / "hdzfxxgk_gkzn.jsp").read_text(encoding="utf-8")
    listing = parse_listing(html, "http://hdzfxxgk.hd.gov.cn/zfxxgkzn/", dt.date(2020, 8, 12))
    assert listing.kind == "parent"
    names = [name for name, _ in listing.subcolumns]
    assert "市教育局" in names and "市统计局" in names
    assert "邯郸新闻" not in names  # the mega menu under the content
