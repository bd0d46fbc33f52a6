"""Finding the link a person would click for a column name."""

from __future__ import annotations

from pathlib import Path

from auditor.page.links import clean_link_name, extract_links
from auditor.walk.matching import find_column_link, similarity, topic

PLATFORM = """<!DOCTYPE html><html><head><meta charset="utf-8"><base href="/zwgk/"></head><body>
<div class="header"><a href="/"><img src="/logo.png" alt="两江新区"></a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/index.html">政务公开</a></li>
<li><a href="javascript:void(0)">无障碍</a></li><li><a href="#top">顶部</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="fdzdgknr/index.html">法定主动公开内容</a></div>
<div class="left-tree"><ul>
  <li><a href="fdzdgknr/ghjh/index.html">规划计划</a></li>
  <li><a href="fdzdgknr/tjxx/index.html" title="统计信息">统计信…</a></li>
  <li><a href="fdzdgknr/lzyj/index.html">
        履职
        依据
  </a></li>
  <li><a href="fdzdgknr/zcjd/index.html"><img src="/i/zcjd.png" alt="政策解读"></a></li>
</ul></div>
<div class="main"><ul class="list">
  <li><a href="http://other.example.cn/zcjd/index.html">政策解读</a></li>
  <li><a href="fdzdgknr/czxx/index.html">【财政信息】</a></li>
</ul></div>
<div class="footer"><a href="/lxwm/index.html">联系我们</a></div>
</body></html>"""
BASE = "http://127.0.0.1:8000/zwgk/fdzdgknr/index.html"


def links():
    return extract_links(PLATFORM, BASE)


def test_links_resolve_against_base_href_and_skip_script_and_fragment_links():
    urls = [link.url for link in links()]
    assert "http://127.0.0.1:8000/zwgk/fdzdgknr/ghjh/index.html" in urls
    assert not any(u.startswith("javascript") or u.endswith("#top") for u in urls)


def test_regions_are_told_apart_by_cms_class_names():
    regions = {link.text or link.alt: link.region for link in links()}
    assert regions["规划计划"] == "tree"
    assert regions["政务公开"] == "nav"
    assert regions["联系我们"] == "footer"
    assert regions["法定主动公开内容"] == "breadcrumb"


def test_link_text_with_line_breaks_matches():
    match = find_column_link("履职依据", links())
    assert match is not None and match.kind == "exact"
    assert match.link.url.endswith("/lzyj/index.html")


def test_truncated_text_matches_by_title():
    match = find_column_link("统计信息", links())
    assert match is not None and match.link.url.endswith("/tjxx/index.html")
    assert match.link.label == "统计信息"


def test_image_link_matches_by_alt_and_section_link_is_preferred():
    match = find_column_link("政策解读", links(), section_url=BASE)
    assert match is not None
    assert match.link.url.endswith("/zwgk/fdzdgknr/zcjd/index.html")
    assert match.alternates == ("http://other.example.cn/zcjd/index.html",)


def test_decoration_around_names_is_ignored():
    assert clean_link_name("【财政信息】") == "财政信息"
    assert clean_link_name("更多>>") == ""
    match = find_column_link("财政信息", links())
    assert match is not None and match.kind == "exact"


def test_breadcrumb_links_are_not_taken_for_columns():
    assert find_column_link("法定主动公开内容", links(), allow_similar=False) is None


def test_alias_matches_before_any_close_name():
    match = find_column_link("规划信息", links(), aliases=["规划计划"])
    assert match is not None and match.kind == "alias" and match.site_name == "规划计划"


def test_close_name_is_accepted_only_with_the_same_topic():
    match = find_column_link("规划信息", links())
    assert match is not None and match.kind == "similar"
    assert match.site_name == "规划计划" and 0.4 <= match.similarity < 1
    assert find_column_link("人事信息", links()) is None
    assert find_column_link("规划信息", links(), allow_similar=False) is None


def test_topic_and_similarity_keep_different_columns_apart():
    assert topic("规划信息") == "规划" == topic("规划计划")
    assert similarity("规划信息", "统计信息") == 0.0
    assert similarity("政府信息公开年报", "政府信息公开") == 0.0
    assert similarity("政策解读", "政策文件") == 0.0
    assert similarity("统计信息", "统计数据") > 0


def test_names_on_a_real_disclosure_platform_page(realgov_dir: Path):
    page = (realgov_dir / "kevin3691-renmin" / "hdzfxxgk_index.jsp").read_text(encoding="utf-8")
    real = extract_links(page, "http://hdzfxxgk.hd.gov.cn/")
    match = find_column_link("政府公报", real, allow_similar=False)
    assert match is not None and match.link.url == "http://hdzfxxgk.hd.gov.cn/zfgb/"
    # 政府信息公开 is on the page; the annual report column is not, and must not be "found" as it
    assert find_column_link("政府信息公开年报", real) is None
    assert all(link.region == "footer" for link in real if link.text == "网站声明")


def test_a_trailing_item_count_is_decoration_but_brackets_in_a_name_are_kept():
    assert clean_link_name("政策解读(12)") == "政策解读"
    assert clean_link_name("政策解读（3）") == "政策解读"
    assert clean_link_name("行政处罚（行政强制）") == "行政处罚(行政强制)"


def test_a_traditional_character_page_names_the_column_exactly():
    """A Big5 portal's 財政預決算 is the mandated 财政预决算 (OpenCC's character table), not a rename."""
    page = PLATFORM.replace("【财政信息】", "財政預決算")
    match = find_column_link("财政预决算", extract_links(page, BASE), allow_similar=False)
    assert match is not None and match.kind == "exact" and match.link.url.endswith("/czxx/index.html")
