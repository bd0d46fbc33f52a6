"""Regions a page shows by its structure and its own words (auditor/page/structure.py): the
closing block with the site's colophon, blocks of links to other sites, the search form and the
header logo, in markup whose class names are random tokens."""

from __future__ import annotations

from auditor.page.links import page_links
from auditor.page.tree import Page

URL = "http://www.example.gov.cn/zwgk/ghxx/"
MENU = ("<div class='q1'><ul><li><a href='/zwgk/ghxx/ztgh/'>总体规划</a></li><li><a href='/zwgk/ghxx/zxgh/'>专项规划</a></li>"
        "<li><a href='/zwgk/ghxx/qygh/'>区域规划</a></li></ul></div>")
ARTICLE = "<div class='q2'><p>" + "本栏目发布本县各类规划的编制与实施情况，欢迎社会各界监督。" * 6 + "</p></div>"


def _roles(html: str) -> dict[str, str]:
    return {link.label: link.role for link in page_links(Page.parse(html, URL))}


def test_the_closing_block_with_the_colophon_is_the_footer() -> None:
    footer = ("<div class='k7'><div class='k8'><a href='/gywm/index.html'>关于我们</a> <a href='/lxwm/index.html'>联系我们</a></div>"
              "<div class='k9'>主办：某某县人民政府 <a href='https://beian.miit.gov.cn/'>赣ICP备11002306号-1</a> 网站标识码：3609220011</div></div>")
    roles = _roles(f"<html><body>{MENU}{ARTICLE}{footer}</body></html>")
    assert roles["关于我们"] == roles["联系我们"] == "footer"
    assert roles["总体规划"] == "subcolumn"


def test_a_colophon_followed_by_the_page_is_no_footer() -> None:
    top = "<div class='k7'><a href='/gywm/index.html'>关于我们</a> 版权所有</div>"
    roles = _roles(f"<html><body>{top}{MENU}{ARTICLE}</body></html>")
    assert roles["关于我们"] != "footer"


def test_a_block_of_links_to_other_sites_is_friend_links() -> None:
    sites = "".join(f"<li><a href='http://d{n}.example.gov.cn/'>某某市第{n}局</a></li>" for n in range(5))
    select = ("<select onchange='window.open(this.value)'><option>县区政府</option>"
              + "".join(f"<option value='http://www.x{n}.gov.cn/'>某{n}县人民政府</option>" for n in range(4)) + "</select>")
    roles = _roles(f"<html><body>{MENU}{ARTICLE}<div class='z3'><ul>{sites}</ul>{select}</div></body></html>")
    assert {roles[f"某某市第{n}局"] for n in range(5)} == {"friend"}
    assert {roles[f"某{n}县人民政府"] for n in range(4)} == {"friend"}
    assert roles["总体规划"] == "subcolumn"


def test_a_paragraph_that_cites_other_sites_stays_content() -> None:
    cited = ("<div class='z4'><p>" + "依据国务院和省政府的有关规定，" * 8
             + "<a href='http://www.gov.cn/zhengce/a.htm'>国务院文件</a>与<a href='http://www.jiangxi.gov.cn/b.htm'>省政府文件</a>。</p></div>")
    roles = _roles(f"<html><body>{MENU}{cited}</body></html>")
    assert roles["国务院文件"] != "friend"


def test_the_search_form_is_search_and_a_form_around_the_page_is_not() -> None:
    search = "<form class='p0' action='/search'><input type='text' name='q'><a href='/gjjs/'>高级搜索</a></form>"
    roles = _roles(f"<html><body>{search}{MENU}{ARTICLE}</body></html>")
    assert roles["高级搜索"] == "search"
    around = f"<form class='p0'><input type='text' name='q'>{MENU}{ARTICLE}</form>"
    assert _roles(f"<html><body>{around}</body></html>")["总体规划"] == "subcolumn"


def test_the_leading_image_link_home_is_the_header() -> None:
    logo = "<div class='w1'><a href='http://www.example.gov.cn/'><img src='/logo.png'></a></div>"
    links = page_links(Page.parse(f"<html><body>{logo}{MENU}{ARTICLE}</body></html>", URL))
    assert links[0].region == "header" and links[0].role == "nav"
