"""A breadcrumb is read by its structure (issue 17): a run of links joined only by separator
characters, the first linking home, ending in the page's own name or its column, after a short
label or none, whatever the label says (您在这里：, 位置：, Location:, or words no list holds). The
labels here are random text and the class names say nothing, so only the structure can tell."""

from __future__ import annotations

import random

import pytest

from auditor.page.crumbs import breadcrumb_names
from auditor.page.tree import LOCATION_PREFIXES, Page

URL = "http://www.portal.gov.cn/qv/zk7/"
SEPARATORS = (">", "»", "-", "/", "›", "→", "＞")
LIST = ('<div class="kwq"><ul class="pzo"><li><a href="/qv/zk7/202603/t20260302_1.html">关于印发公共服务实施办法的通知</a>'
        "<span>2026-03-02</span></li><li><a href=\"/qv/zk7/202602/t20260211_2.html\">公共服务管理暂行规定</a>"
        "<span>2026-02-11</span></li></ul></div>")


def _random_label(rng: random.Random) -> str:
    """A label no word list holds: random CJK characters or Latin letters, then a colon."""
    if rng.random() < 0.5:
        text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 6)))
    else:
        text = "".join(chr(rng.randint(0x61, 0x7A)) for _ in range(rng.randint(3, 8))).capitalize()
    assert not text.startswith(LOCATION_PREFIXES)
    return text + rng.choice(("：", ":", "： ", " : "))


def _page(crumb: str, title: str = "通知公告_示例县人民政府") -> Page:
    html = (f'<html><head><title>{title}</title></head><body><div class="hqv"><div class="vbz">{crumb}</div>'
            f"{LIST}</div></body></html>")
    return Page.parse(html, URL)


def _trail(label: str, separator: str, links: list[tuple[str, str]], current: str | None) -> str:
    parts = [f'<a href="{u}">{n}</a>' for u, n in links] + ([f"<span>{current}</span>"] if current else [])
    return label + f" {separator} ".join(parts)


def _is_breadcrumb(page: Page) -> bool:
    return all(page.region(a) == "breadcrumb" for a in page.root.iter("a") if a.get("href", "").count("/") < 4)


@pytest.mark.parametrize("seed", range(12))
def test_a_trail_after_a_label_no_list_holds_is_the_breadcrumb(seed: int):
    rng = random.Random(f"crumb-label:{seed}")
    links = [("/", "首页"), ("/qv/", "政务公开")]
    page = _page(_trail(_random_label(rng), rng.choice(SEPARATORS), links, "通知公告"))
    assert breadcrumb_names(page) == ["首页", "政务公开", "通知公告"]
    assert _is_breadcrumb(page)


@pytest.mark.parametrize("label", ["您在这里：", "位置：", "Location: ", ""])
@pytest.mark.parametrize("separator", ["»", "-", "/", ">"])
def test_the_labels_and_separators_of_the_issue(label: str, separator: str):
    links = [("/", "首页"), ("/qv/", "政务公开")]
    assert breadcrumb_names(_page(_trail(label, separator, links, "通知公告"))) == ["首页", "政务公开", "通知公告"]


@pytest.mark.parametrize("seed", range(6))
def test_a_shortened_trail_home_then_the_column_of_an_article(seed: int):
    """Ancestors left out: the home link, then the column the article is in (both links)."""
    rng = random.Random(f"crumb-short:{seed}")
    links = [("/", "首页"), ("/qv/zk7/", "通知公告")]
    page = _page(_trail(_random_label(rng), rng.choice(SEPARATORS), links, None), title="关于印发公共服务实施办法的通知")
    assert breadcrumb_names(page) == ["首页", "通知公告"]
    assert _is_breadcrumb(page)


def test_one_home_link_then_the_page_s_name_is_not_taken_yet():
    """首页 > the page's own name: not read as a breadcrumb yet (``looks_like_breadcrumb``: the walk
    still leans on its 首页 link)."""
    assert breadcrumb_names(_page(_trail("Vqoz：", "›", [("/", "首页")], "通知公告"))) == []


def test_a_first_link_to_the_site_root_is_home_whatever_it_is_called():
    links = [("http://www.portal.gov.cn/", "示例县门户"), ("/qv/", "政务公开")]
    page = _page(_trail("Kzvo: ", "›", links, "通知公告"))
    assert breadcrumb_names(page) == ["示例县门户", "政务公开", "通知公告"]


# --- what is no breadcrumb, labelled or not -----------------------------------------------------------
def test_a_labelled_line_of_links_that_does_not_start_at_home_is_no_breadcrumb():
    """热词：A | B | C beside the list: a line of topics, not a trail from the home page."""
    links = [("/qv/a/", "公共服务"), ("/qv/b/", "教育事业"), ("/qv/c/", "社会保障")]
    page = _page(_trail("Vkoq：", "|", links, None))
    assert breadcrumb_names(page) == []


def test_links_to_the_roots_of_other_sites_after_a_label_are_no_breadcrumb():
    links = [("http://www.zqv.gov.cn/", "某省人民政府"), ("http://www.kvo.gov.cn/", "某市人民政府")]
    assert breadcrumb_names(_page(_trail("Qvzo：", "|", links, None))) == []


def test_one_home_link_beside_a_name_the_page_does_not_bear_is_no_breadcrumb():
    page = _page(_trail("", "|", [("/", "首页")], "网站声明"))
    assert breadcrumb_names(page) == []


def test_a_sentence_of_links_after_a_long_text_is_no_breadcrumb():
    label = "本网站所载内容由各部门提供，如需转载请注明出处，详情请见："
    links = [("/", "首页"), ("/qv/", "政务公开")]
    assert breadcrumb_names(_page(_trail(label, ">", links, "通知公告"))) == []
