"""The markup choices of one disjoint portal, drawn from its seed or set by a test.

Each field is one choice a site builder makes and a person reading the pages does not notice (or
reads past): how lists are built, how a parent page offers its sub-columns, the breadcrumb's
separator, the URL shapes, where a list row shows its date, how the pager reads. A test that needs
one kind of markup builds a portal with that knob set (``dataclasses.replace``) and the rest from
the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CONTAINERS = ("ul", "div", "table", "dl")
#: how a parent page offers its sub-columns
OFFERS = ("list", "hover", "select", "iframe", "imagemap", "tiles")
CRUMB_SEPARATORS = (">", "»", "-", "/", "›", "→")
CRUMB_PREFIXES = ("当前位置：", "位置：", "", "您在这里：")
#: column URLs: /tok/101.html, /tok_1101.htm, /tok.html?tok=101, /tok/tok101/
COLUMN_URLS = ("channel", "node", "query", "folder")
#: item URLs: /tok/tok-tok.html, /tok/202110.html style numbers, /tok.html?tok=7
ITEM_URLS = ("slug", "numeric", "query")
#: where a list row shows its date; ``none``: only on the item page; ``year_heading``: month-day
#: rows under a year heading
DATE_PLACES = ("after", "before", "cell", "inside", "none", "year_heading")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d")
#: how later list pages are linked: page numbers, arrows, words the reader was never told
PAGERS = ("numbers", "arrows", "words")
SITE_NAMES = ("青岚区人民政府", "河洲县人民政府", "溪山区人民政府", "柳城县人民政府")


@dataclass(frozen=True)
class Knobs:
    container: str = "ul"
    offer: str = "list"
    nav_dropdown: bool = False
    crumb_separator: str = ">"
    crumb_prefix: str = "当前位置："
    crumb_short: bool = False
    column_urls: str = "channel"
    #: the folder word of column URLs (a token unless a test names one, e.g. ``channel``, ``node``)
    column_word: str | None = None
    #: column numbers count up from here (``node_1101.htm`` needs four digits)
    number_base: int = 100
    item_urls: str = "numeric"
    date_place: str = "after"
    date_format: str = "%Y-%m-%d"
    pager: str = "numbers"
    per_page: int = 10
    sibling_menu: bool = True
    #: empty and stale columns carry a block of newer items hidden by a <style> rule
    hidden_block: bool = False
    #: an empty list says so in words (暂无信息) rather than showing nothing
    placeholder: bool = True
    logo: bool = True
    #: the header logo is an SVG drawing (a browser shows it; not a raster image)
    logo_svg: bool = False
    #: the home page is a frameset (menu frame and main frame)
    frameset: bool = False
    #: the path id of a column its parent page does not offer: only the site map links it
    sitemap_only: str | None = None
    site_name: str = "青岚区人民政府"


def draw_knobs(rng: random.Random) -> Knobs:
    """One portal's choices (frameset and site-map-only columns are left to the focused tests)."""
    return Knobs(
        container=rng.choice(CONTAINERS),
        offer=rng.choice(OFFERS),
        nav_dropdown=rng.random() < 0.5,
        crumb_separator=rng.choice(CRUMB_SEPARATORS),
        crumb_prefix=rng.choice(CRUMB_PREFIXES),
        crumb_short=rng.random() < 0.3,
        column_urls=rng.choice(COLUMN_URLS),
        item_urls=rng.choice(ITEM_URLS),
        date_place=rng.choice(DATE_PLACES),
        date_format=rng.choice(DATE_FORMATS),
        pager=rng.choice(PAGERS),
        per_page=rng.choice((6, 8, 10, 12)),
        sibling_menu=rng.random() < 0.7,
        hidden_block=rng.random() < 0.4,
        placeholder=rng.random() < 0.5,
        logo=True,
        site_name=rng.choice(SITE_NAMES),
    )
