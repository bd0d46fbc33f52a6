"""Links as a person clicks and reads them (issue 11): URLs carried by click scripts, names with
invisible characters or hidden parts, image-only names, and pages nested deeper than libxml2 allows."""

from __future__ import annotations

import random

import pytest

from auditor.page.links import extract_links
from auditor.page.tree import parse_html

BASE = "http://www.portal.gov.cn/zwgk/"


def _by_name(html: str) -> dict[str, str]:
    return {link.label: link.url for link in extract_links(html, BASE)}


@pytest.mark.parametrize(
    "markup",
    [
        "<a href=\"javascript:void(0)\" onclick=\"location.href='ghxx/'\">规划信息</a>",
        "<a href=\"#\" onclick=\"window.location.href = 'ghxx/';return false;\">规划信息</a>",
        "<a href=\"javascript:window.open('ghxx/')\">规划信息</a>",
        "<a href=\"javascript:window.open('ghxx/','_blank')\" target=_blank>规划信息</a>",
        "<li onclick=\"location.href='ghxx/'\"><span>规划信息</span></li>",
        "<li onclick=\"javascript:window.location='ghxx/'\"><a href=\"javascript:;\">规划信息</a></li>",
        "<div class=\"item\" onclick='top.location.assign(\"ghxx/\")'>规划信息</div>",
        "<td onclick=\"self.location.replace('ghxx/')\">规划信息</td>",
    ],
)
def test_a_column_reached_by_a_click_script_is_followed(markup):
    html = f'<html><body><div class="nav"><ul>{markup}</ul></div></body></html>'
    assert _by_name(html).get("规划信息") == BASE + "ghxx/"


def test_scripts_that_open_nothing_give_no_link():
    html = ('<html><body><a href="javascript:void(0)">A</a><li onclick="showTab(2)">B</li>'
            '<a href="#" onclick="location.reload()">C</a><span onclick="history.back()">D</span></body></html>')
    assert extract_links(html, BASE) == []


@pytest.mark.parametrize(
    "name",
    ["规\u00ad划信息", "规划\u200d信息", "规\u2060划信\u2060息", "规划\u0000信息", "\ufeff规划信息", "规划\u200b\u200c信息",
     '规划<span style="display:none">xx</span>信息', '规划<span class="hide">隐藏</span>信息', '<img src="a.png" title="规划信息">',
     '<img src="a.png" alt="规划信息" title="点击进入">'],
)
def test_a_links_name_is_what_a_person_reads(name):
    html = f'<html><head><style>.hide{{display:none}}</style></head><body><div class="nav"><a href="ghxx/">{name}</a></div></body></html>'
    links = extract_links(html, BASE)
    assert [link.label for link in links] == ["规划信息"]
    assert "规划信息" in links[0].names()


@pytest.mark.parametrize("depth", [300, 1000, 3000, 6000])
@pytest.mark.parametrize("tag", ["div", "font", "span", "b", "td"])
def test_links_after_hundreds_of_unclosed_tags_are_kept(depth, tag):
    rng = random.Random(depth)
    junk = "".join(f"<{tag} class=\"c{rng.randint(1, 9)}\">" for _ in range(depth))
    nav = "".join(f'<li><a href="{slug}/">{name}</a></li>' for name, slug in (("规划信息", "ghxx"), ("统计信息", "tjxx"), ("财政信息", "czxx")))
    html = f'<html><head><title>t</title></head><body>{junk}<p>正文</p><div class="nav"><ul>{nav}</ul></div><div class="footer">页脚</div></body></html>'
    found = _by_name(html)
    assert {"规划信息", "统计信息", "财政信息"} <= set(found), (tag, depth)
    assert found["财政信息"] == BASE + "czxx/"


def test_a_page_within_libxml2s_limits_is_parsed_by_lxml_as_before():
    html = "<html><body>" + "<div>" * 100 + '<a href="a/">A</a></body></html>'
    root = parse_html(html)
    assert len(list(list(root.iter("a"))[0].iterancestors())) == 102


def test_libxml2_alone_drops_what_follows_its_depth_limit_which_is_why_the_fallback_exists():
    import lxml.html

    html = "<html><body>" + "<font>" * 3000 + '<div class="nav"><a href="ghxx/">规划信息</a></div></body></html>'
    assert lxml.html.document_fromstring(html).findall(".//a") == []  # libxml2 stops at 256 levels
    huge = lxml.html.HTMLParser(huge_tree=True)
    assert lxml.html.document_fromstring(html, parser=huge).findall(".//a") == []  # and at 2048 with huge_tree
    assert [a.get("href") for a in parse_html(html).iter("a")] == ["ghxx/"]
