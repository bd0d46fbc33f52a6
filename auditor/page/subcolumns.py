"""The sub-columns a column page offers: column-shaped links of its main area and of its own
section of the column tree.

A sub-column link points to a folder, its index page, a Hanweb ``/col/col123/index.html`` or a named
``.shtml`` column page, never to an article (``t2021…``, ``/art/…``, numeric ids), a download or a
further list page; it stays on the site (``hd.gov.cn`` covers ``hdzfxxgk.hd.gov.cn``). The page
itself and the folders above it (what the breadcrumb links) are not its sub-columns. In the tree
only this column's own section counts: the nested list of its entry, or the list right after its
heading (``<h3><a>规划信息</a></h3><ul>…</ul>``); its siblings are not its children.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

from auditor.page.links import clean_link_name
from auditor.page.rows import row_of
from auditor.page.roles import HEADING_TAGS, block_heading, is_more_link, is_toolbar, row_date
from auditor.page.canonical import INDEX_FILE
from auditor.page.tree import HOME_NAMES, MORE_TEXT, PAGER_NAMES, Page, link_name
from auditor.page.urlshapes import is_column_url, same_site

Column = tuple[str, str]

#: names that are not columns even when the link looks like one
#: elements that hold a tree entry's name, with its sub-list right after them
_HEADINGS = HEADING_TAGS | {"div"}


def find_subcolumns(page: Page) -> tuple[list[Column], list[Column]]:
    """(name, absolute URL) of the column links in the main area, and in this column's own section
    of the tree or navigation."""
    here = comparable_url(page.url)
    above = _ancestor_folders(page.url)
    siblings = menus_of_this_level(page, here)
    main: list[Column] = []
    for anchor, _ in page.link_elements():
        if page.region(anchor) == "main" and not any(menu in siblings for menu in anchor.iterancestors()):
            found = _column_link(page, anchor, here, above)
            if found:
                main.append(found)
    own: list[Column] = []
    for anchor in _links_to_here(page, here):
        for link in _section_links(anchor):
            found = _column_link(page, link, here, above)
            if found:
                own.append(found)
    return main, own


def dedupe_columns(columns: list[Column]) -> list[Column]:
    """The first of each column URL (``/a/`` and ``/a/index.html`` are the same column)."""
    seen: set[str] = set()
    out = []
    for name, url in columns:
        key = comparable_url(url)
        if key not in seen:
            seen.add(key)
            out.append((name, url))
    return out


@lru_cache(maxsize=16384)
def comparable_url(url: str) -> str:
    """A URL's comparison form: lower-case host, no ``index.html`` at the end of a folder (kept per URL:
    every page of a site repeats its menus' links)."""
    if not url:
        return ""
    parts = urlsplit(url)
    path = INDEX_FILE.sub("/", parts.path or "/")
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def _column_link(page: Page, anchor: HtmlElement, here: str, above: set[str]) -> Column | None:
    """(name, URL) when ``anchor`` is a visible column link: never a toolbar entry (无障碍, 长者模式,
    手机版 …) or a dated list entry; a block's 更多> link is named by the block's heading."""
    url = page.link_url(anchor)
    if not url or not page.is_visible(anchor) or not is_column_url(url) or not same_site(url, page.url):
        return None
    key = comparable_url(url)
    if key == here or key in above:
        return None
    name = link_name(anchor, page)
    if is_more_link(page, anchor):
        name = block_heading(page, anchor)
    if not name or is_toolbar(anchor, name) or row_date(page, anchor) is not None:
        return None
    if len(name) > 40 or name in HOME_NAMES or _names_no_column(clean_link_name(name) or name):
        return None
    return name, url


def _names_no_column(name: str) -> bool:
    """A pager's or a block's word (上一页, 2, 更多), or a command (返回, 打印, 关闭): no column's name."""
    return bool(PAGER_NAMES.match(name) or MORE_TEXT.match(name) or name.isdigit()) or name.lower() == "go" or name.startswith(
        ("返回", "打印", "关闭"))


def menus_of_this_level(page: Page, here: str) -> set[HtmlElement]:
    """Lists of the main area that link the page itself among their entries: the menu of the
    level the page is on (its siblings), not its children, whatever the menu is called. The
    entry of the page itself may nest its own sub-list; that one is read as its section."""
    menus: set[HtmlElement] = set()
    for anchor in _links_to_here(page, here):
        if page.region(anchor) != "main":
            continue
        entry = row_of(anchor, page.link_url)  # an li, a table row, a dd, or one of repeated div rows
        menu = entry.getparent() if entry is not None else None
        if menu is not None and len(menu) >= 2:
            menus.add(menu)
    return menus


def _links_to_here(page: Page, here: str) -> list[HtmlElement]:
    return [
        a
        for a, url in page.link_elements()
        if page.region(a) in ("tree", "nav", "main") and comparable_url(url) == here
    ]


def _section_links(anchor: HtmlElement) -> list[HtmlElement]:
    node: HtmlElement | None = anchor
    for _ in range(3):
        node = node.getparent() if node is not None else None
        if node is None:
            break
        if node.tag == "li":
            nested = [a for sub in node.iter("ul", "ol", "dl") for a in sub.iter("a")]
            if nested:
                return nested
            break
    heading = anchor
    parent = anchor.getparent()
    if parent is not None and parent.tag in _HEADINGS and sum(1 for _ in parent.iter("a")) == 1:
        heading = parent
    following = heading.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is not None and following.tag in ("ul", "ol", "dl", "div", "dd") and not _same_row(heading, following):
        return list(following.iter("a"))
    return []


def _same_row(entry: HtmlElement, following: HtmlElement) -> bool:
    """``following`` is the next row of the list ``entry`` is a row of (``<div><a>政策文件</a></div>
    <div><a>政策解读</a></div>``), not a sub-list headed by it."""
    alike = (entry.tag, entry.get("class")) == (following.tag, following.get("class"))
    return alike and following.find(".//a") is not None and len(following) == len(entry)


def _ancestor_folders(url: str) -> set[str]:
    """The folders above a page's own folder (``/zfwj/`` and ``/`` for ``/zfwj/jinqi/index.html``),
    and the site's root whatever the page's folder is (``/`` for ``/kuvoqu_111.htm``)."""
    folder = urljoin(url, "./")
    parts = urlsplit(folder)
    segments = [s for s in parts.path.split("/") if s]
    out = {urlunsplit((parts.scheme, parts.netloc.lower(), "/", "", ""))}  # the home page is no one's child
    for depth in range(len(segments)):
        path = "/" + "".join(s + "/" for s in segments[:depth])
        out.add(urlunsplit((parts.scheme, parts.netloc.lower(), path, "", "")))
    return out
