"""Metamorphic tests on real government pages (../shared/realgov, read in place, never copied):
what the page reader makes of a page (the column links a person can click, the breadcrumb, the list
and its newest date) must not change when every class and id is renamed, when ``ul/li`` lists
become ``div``s, tables or ``dl``s, when the breadcrumb's separators change, or when the biggest
block of column links moves into a menu shown only under the pointer, a navigating ``<select>``,
tiles (``a[title] > span > em``) or an image map.

The pages are compared after an lxml round trip on both sides (``portal_lab.metamorphic``), so only
the change itself differs. Reading that the reader does not yet keep identical is
``xfail(strict=True)`` naming the page and the change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from lxml.html import HtmlElement

from portal_lab.metamorphic import (
    Transform,
    change_crumb_separators,
    compose,
    into_hover_menu,
    rebuild_block,
    rename_classes_and_ids,
    replace_crumb_label,
    roundtrip,
    swap_lists,
)

#: (file under realgov/, the URL it was saved from, the day it was read as of)
PAGES = {
    "hd-index": ("kevin3691-renmin/hdzfxxgk_index.jsp", "http://hdzfxxgk.hd.gov.cn/", dt.date(2020, 8, 15)),
    "hd-list": ("kevin3691-renmin/hdzfxxgk_list.jsp", "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/", dt.date(2020, 8, 15)),
    "hd-guide": ("kevin3691-renmin/hdzfxxgk_gkzn.jsp", "http://hdzfxxgk.hd.gov.cn/gkzn/", dt.date(2020, 8, 15)),
    "wanzai-article": ("SimonXinw-job/wanzai_tjsja_2022_article.html",
                       "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml",
                       dt.date(2023, 6, 1)),
    "yichun-article": ("SimonXinw-job/yichun_tjgb_2022_article.html",
                       "https://www.yichun.gov.cn/ycsrmzf/tjgb/202305/36796cdc82d04268913f2884cf2fe579.shtml",
                       dt.date(2023, 6, 1)),
}


def reading(html: str, url: str, as_of: dt.date) -> dict[str, Any]:
    """What the reader makes of a page, as the walk uses it."""
    from auditor.page.crumbs import breadcrumb_names
    from auditor.page.links import page_links
    from auditor.page.listing import read_listing
    from auditor.page.tree import Page

    page = Page.parse(html, url)
    links = page_links(page)
    listing = read_listing(page, as_of)
    dates = [i.date for i in listing.items if i.date]
    return {
        "column links": sorted({(link.url, link.label) for link in links if link.is_column}),
        "breadcrumb": breadcrumb_names(page),
        "list": (listing.kind, len(listing.items), max(dates) if dates else None),
        "list items": sorted(i.url for i in listing.items),
    }


def _biggest_column_block(url: str) -> Any:
    """The element holding the most column links (the page's main menu or sub-column box)."""

    def pick(root: HtmlElement) -> HtmlElement | None:
        best, most = None, 2
        for holder in root.iter("ul", "div", "table", "dl"):
            anchors = [a for a in holder.iter("a") if a.get("href", "").startswith(("http", "/", "."))]
            direct = [c for c in holder if isinstance(c.tag, str)]
            if len(anchors) > most and len(direct) >= len(anchors) * 0.8:
                best, most = holder, len(anchors)
        return best

    return pick


CHANGES: dict[str, Any] = {
    "rename-classes-and-ids": lambda url: rename_classes_and_ids(17),
    "lists-as-divs": lambda url: swap_lists("div"),
    "lists-as-tables": lambda url: swap_lists("table"),
    "lists-as-dl": lambda url: swap_lists("dl"),
    "crumbs-guillemet": lambda url: change_crumb_separators("»"),
    "crumbs-hyphen": lambda url: change_crumb_separators("-"),
    # classes renamed too: a class naming the breadcrumb would tell it without its label
    "crumbs-label-and-classes": lambda url: compose(rename_classes_and_ids(17), replace_crumb_label(17)),
    "menu-into-hover": lambda url: into_hover_menu(_biggest_column_block(url), 17),
    "menu-into-select": lambda url: rebuild_block(_biggest_column_block(url), "select", 17),
    "menu-into-tiles": lambda url: rebuild_block(_biggest_column_block(url), "tiles", 17),
    "menu-into-image-map": lambda url: rebuild_block(_biggest_column_block(url), "imagemap", 17),
}
#: (page, change) pairs the reader does not keep identical yet. Written on main 708bace; the census
#: reader keeps the hover menus and the hd index's and list's <select> (their marks went); a list of
#: one row reads as a list whatever its tag (rows.py: a row by its shape), so none is left
KNOWN_MISSES: dict[tuple[str, str], str] = {}
#: pairs where the change has nothing to change (no breadcrumb, no ul/li list): left out, a test of
#: them could not fail
NOTHING_TO_CHANGE = {("hd-index", "crumbs-guillemet"), ("hd-index", "crumbs-hyphen"), ("hd-guide", "crumbs-guillemet"),
                     ("hd-guide", "crumbs-hyphen"), ("hd-index", "crumbs-label-and-classes"),
                     ("hd-guide", "crumbs-label-and-classes"), ("hd-list", "crumbs-label-and-classes"), ("yichun-article", "lists-as-divs"),
                     ("yichun-article", "lists-as-tables"), ("yichun-article", "lists-as-dl")}


def _params() -> list[Any]:
    out = []
    for page in PAGES:
        for change in CHANGES:
            if (page, change) in NOTHING_TO_CHANGE:
                continue
            reason = KNOWN_MISSES.get((page, change))
            marks = [pytest.mark.xfail(strict=True, reason=f"issue 17: {reason}")] if reason else []
            out.append(pytest.param(page, change, id=f"{page}-{change}", marks=marks))
    return out


@pytest.mark.parametrize(("page", "change"), _params())
def test_a_change_nobody_notices_leaves_the_reading_of_a_real_page_identical(page: str, change: str,
                                                                            realgov_dir: Path):
    name, url, as_of = PAGES[page]
    html = (realgov_dir / name).read_text(encoding="utf-8")
    transform: Transform = CHANGES[change](url)
    changed = transform(html)
    assert changed != roundtrip(html), "the change changed nothing"
    before = reading(roundtrip(html), url, as_of)
    after = reading(changed, url, as_of)
    assert after == before


#: the real pages with a breadcrumb, and the names it gives
CRUMBED = ("wanzai-article", "yichun-article")


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("page", CRUMBED)
def test_a_breadcrumb_keeps_its_names_whatever_its_label_says(page: str, seed: int, realgov_dir: Path):
    """Its label replaced by random words and every class renamed, the trail is read by its
    structure alone: the same names, and not none."""
    from auditor.page.crumbs import breadcrumb_names
    from auditor.page.tree import Page

    name, url, _ = PAGES[page]
    html = (realgov_dir / name).read_text(encoding="utf-8")
    renamed = rename_classes_and_ids(seed)(html)
    changed = replace_crumb_label(seed)(renamed)
    assert changed != renamed, "no label was replaced"
    before = breadcrumb_names(Page.parse(roundtrip(html), url))
    assert before and before[0] == "首页"
    assert breadcrumb_names(Page.parse(changed, url)) == before
