"""What each link of a page is for, as a person tells at a glance: the role of a link.

A reader never mistakes the site's toolbar (无障碍浏览, 长者模式, 手机版 …) for a column, a dated
headline for a column, or the pager for a list; the walk must not either. Roles:

* ``nav`` the site navigation (header and menu bars);
* ``tree`` the column tree beside the content, with its ``level`` and the ``current`` node;
* ``subcolumn`` a column link of the main area (the current column's sub-column box);
* ``tab`` a tab or block heading of the main area, and the 更多> link of a block, named by its
  heading (``<div class="tabs_header"><h3>规划信息</h3><a>更多></a></div>``);
* ``breadcrumb``, ``footer``, ``friend`` (友情链接), ``search``, ``share`` as the region says;
* ``entry`` a content-list entry: a headline whose row shows a date, or an article-shaped link in
  a row (a dated entry is an article whatever its URL looks like);
* ``pager`` the list's page links (上一页, 2, 3, 尾页, ``index_2.html``);
* ``toolbar`` the accessibility, elder-mode, mobile, language, RSS, login and favourites links;
* ``content`` any other link (a link inside an article's text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lxml.html import HtmlElement

from auditor.page.dates import find_date
from auditor.page.rows import row_of
from auditor.page.tree import CHROME, HOME_NAMES, MORE_TEXT, PAGER_NAMES, TAB_TOKENS, Page, class_tokens, link_name, pane_kind, readable
from auditor.page.urlshapes import is_article_url, is_column_url, is_document, is_pagination_url, same_site

LinkRole = Literal[
    "nav", "tree", "subcolumn", "tab", "breadcrumb", "footer", "friend", "search", "share", "entry", "pager",
    "toolbar", "content",
]
#: roles whose links name columns: the only links a path segment is taken from
COLUMN_ROLES: frozenset[str] = frozenset({"nav", "tree", "subcolumn", "tab", "breadcrumb"})

#: what site toolbars offer, whatever their markup (names compared whole, after readable())
_TOOLBAR_NAMES = re.compile(
    r"^(?:无障碍(?:浏览|阅读|服务|模式|通道)?|长者(?:模式|版|专区)?|关怀(?:模式|版)|适老(?:化|版|模式)?(?:服务)?|老年(?:模式|版)"
    r"|大字(?:版|模式)?|读屏|语音(?:播报|阅读)|(?:手机|移动|触屏|WAP|wap|微信|无障碍)版|移动端|手机访问|客户端|APP下载"
    r"|设为首页|加入收藏|收藏本站|繁體|繁体|繁體版|繁体版|简体|简体版|English|ENGLISH|EN|RSS|rss|RSS订阅|订阅"
    r"|登录|登陆|注册|用户登录|个人登录|法人登录|退出|网站地图|站点地图|智能问答|邮箱|政务邮箱|微博|微信|官方微博|官方微信|政务微博|政务微信)$"
)
_TOOLBAR_TOKENS = frozenset(
    {"toolbar", "tools", "tool", "wza", "assist", "accessibility", "topbar", "shortcut", "quicklink"}
)
_CURRENT_TOKENS = frozenset({"on", "cur", "current", "active", "selected", "curr", "this", "now", "sel", "hover_on"})
_MORE = MORE_TEXT
#: elements that hold a heading's or a tree entry's name
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "strong", "b", "em", "span", "p", "legend", "caption"})
_HEADING_TOKENS = frozenset(
    {"tit", "title", "hd", "head", "header", "name", "lmmc", "lm", "tab", "tabs", "caption", "heading", "titl", "bt"}
)
_LISTS = frozenset({"ul", "ol", "dl"})
#: regions whose links are the site's menus (read by their place, below), not chrome
_MENU_REGIONS = ("header", "nav")
_TAB_TOKENS = TAB_TOKENS


@dataclass(frozen=True)
class RoleOf:
    """A link's role, with what the role adds: its tree level, whether it is the current node,
    the date of its list row, and the heading that names a block's 更多 link."""

    role: LinkRole
    level: int | None = None
    current: bool = False
    date: str | None = None
    heading: str = ""


def role_of(page: Page, element: HtmlElement, url: str) -> RoleOf:
    """The role of one link element of ``page`` that leads to ``url``."""
    name = link_name(element, page)
    region = page.region(element)
    if is_toolbar(element, name):
        return RoleOf("toolbar")
    if region in CHROME and region not in _MENU_REGIONS:
        # the page's chrome: its links are what their region is (friend links for ``links``)
        return RoleOf("friend" if region == "links" else region)  # type: ignore[arg-type]
    if element.tag == "option":
        # a navigating <select>: a menu of the site's pages, or of other sites (links to them)
        return RoleOf("subcolumn" if same_site(url, page.url) else "friend")
    if is_pager(element, name, url, page):
        return RoleOf("pager")
    dated = row_date(page, element)
    if dated is not None or (region in ("main", "tree") and _article_in_row(page, element, url)):
        return RoleOf("entry", date=dated)
    current = is_current(page, element, url)
    if region == "tree":
        return RoleOf("tree", level=tree_level(page, element), current=current)
    if region in ("nav", "header"):
        return RoleOf("nav", current=current)
    heading = block_heading(page, element) if _MORE.match(name) else ""
    if heading or in_tab_headings(element):
        return RoleOf("tab", current=current, heading=heading)
    if is_column_url(url):
        return RoleOf("subcolumn", current=current)
    return RoleOf("content")


# --- the parts -----------------------------------------------------------------------------------
def is_toolbar(element: HtmlElement, name: str) -> bool:
    """Named as a toolbar entry, or inside a container that says it is the toolbar."""
    if name and len(name) <= 10 and _TOOLBAR_NAMES.match(name.replace(" ", "")):
        return True
    return any(_TOOLBAR_TOKENS & set(class_tokens(a)) for a in _ancestors(element, 4))


def is_pager(element: HtmlElement, name: str, url: str, page: Page | None = None) -> bool:
    """A page link of a list: shaped like a further list page and named like one (or not named), or
    named like one among links most of which are named so (首页 上一页 1 2 下一页 尾页), whatever the
    pager's class is called."""
    pager_name = bool(PAGER_NAMES.match(name.replace(" ", "")))
    if is_pagination_url(url) and (not name or pager_name):
        return True
    return pager_name and _in_a_run_of_pager_links(element, page)


def _in_a_run_of_pager_links(element: HtmlElement, page: Page | None) -> bool:
    """The nearest container (three levels up) holding two links or more names two thirds of them
    as a pager does, two of them other than 首页 (which also starts a breadcrumb or a menu)."""
    for holder in _ancestors(element, 3):
        names = [link_name(a, page).replace(" ", "") for a in holder.iter("a")]
        if len(names) >= 2:
            paging = [n for n in names if PAGER_NAMES.match(n)]
            return len(paging) * 3 >= len(names) * 2 and sum(1 for n in paging if n not in HOME_NAMES) >= 2
    return False


def row_date(page: Page, element: HtmlElement) -> str | None:
    """The date the link's own list row shows (outside the link's text too), as ISO, or None."""
    if page.region(element) in ("nav", "breadcrumb", "footer"):
        return None
    row = row_of(element, page.link_url)
    if row is None:
        found = find_date(page.text(element))
        return found.isoformat() if found else None
    leading = {u for _, u in page.link_elements(row)}
    if len(leading) > 1:
        return None  # a row of several links is a line of columns, not one entry
    found = find_date(page.text(row))
    return found.isoformat() if found else None


def _article_in_row(page: Page, element: HtmlElement, url: str) -> bool:
    return (is_article_url(url) or is_document(url)) and row_of(element, page.link_url) is not None


def is_current(page: Page, element: HtmlElement, url: str) -> bool:
    """The node of the page itself: its URL, or marked current (``class="on"``) on it or its row."""
    if url == page.url:
        return True
    for node in (element, element.getparent()):
        if node is not None and _CURRENT_TOKENS & set(class_tokens(node)):
            return True
    return False


def tree_level(page: Page, element: HtmlElement) -> int:
    """1 for the tree's top entries, 2 for their children …: the lists around the link inside the
    tree, plus one when the outermost list follows a heading of its own (``<h3>`` + ``<ul>``)."""
    lists = [a for a in element.iterancestors() if a.tag in _LISTS and page.region(a) == "tree"]
    if not lists:
        return 1
    outer = lists[-1]
    previous = outer.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    headed = previous is not None and previous.tag not in _LISTS and previous.find(".//a") is not None or (
        previous is not None and previous.tag == "a"
    )
    return len(lists) + (1 if headed else 0)


def is_more_link(page: Page, element: HtmlElement) -> bool:
    """A 更多> link (its text names nothing: the block's heading names it)."""
    name = link_name(element, page)
    return bool(name) and bool(_MORE.match(name))


def in_tab_headings(element: HtmlElement) -> bool:
    """Inside a tab group's heading row (a tab container that holds no list: ``tabs_body`` with
    its ``<ul>`` is the tab's content, not its heading)."""
    return any(
        _TAB_TOKENS & set(class_tokens(a)) and a.find(".//ul") is None and a.find(".//table") is None
        for a in _ancestors(element, 3)
    )


def block_heading(page: Page, more: HtmlElement) -> str:
    """The heading that names the block a 更多> link belongs to: the heading beside the link, or,
    in a tab group, the tab at the same position as the link's pane."""
    url = page.link_url(more)
    holder = more.getparent()
    if holder is not None and url:
        for link, target in page.link_elements(holder.getparent() if holder.tag in ("span", "em", "i") else holder):
            name = link_name(link, page)
            if link is not more and target == url and name and not _MORE.match(name):
                return name  # the block's heading links where its 更多 link does
    by_tab = _tab_heading(page, more)
    if by_tab:
        return by_tab
    node: HtmlElement = more
    for level in range(3):
        parent = node.getparent()
        if parent is None or (level > 0 and _more_links(page, parent) > 1):
            return ""  # this container holds several blocks: their headings are not this one's
        siblings = _siblings_nearest_first(node, following=level == 0)
        for candidate in siblings:
            name = _heading_text(page, candidate, loose=level == 0)
            if name:
                return name
        node = parent
    return ""


def _siblings_nearest_first(node: HtmlElement, following: bool) -> list[HtmlElement]:
    before = [s for s in node.itersiblings(preceding=True) if isinstance(s.tag, str)]
    after = [s for s in node.itersiblings() if isinstance(s.tag, str)] if following else []
    return before + after


def _more_links(page: Page, element: HtmlElement) -> int:
    return sum(1 for link, _ in page.link_elements(element) if _MORE.match(link_name(link, page)))


def _heading_text(page: Page, element: HtmlElement, loose: bool = False) -> str:
    """The text of ``element`` when it is a block heading (a heading tag, or a class that says
    title; ``loose``: any text beside the 更多 link in its own heading line), short and not
    itself a 更多 link."""
    if not loose and element.tag not in HEADING_TAGS and not (_HEADING_TOKENS & set(class_tokens(element))):
        return ""
    if element.tag in ("ul", "ol", "table", "li", "tr", "img") or not page.is_visible(element):
        return ""
    text = readable(page.text(element, skip=lambda e: e.tag == "a" and bool(_MORE.match(link_name(e, page)))))
    if not text or len(text) > 20 or _MORE.match(text) or find_date(text):
        return ""
    return text


def _tab_heading(page: Page, more: HtmlElement) -> str:
    """In a tab group (headings, then one pane per heading), the heading of the link's pane."""
    for pane in _ancestors(more, 4):
        holder = pane.getparent()
        if holder is None:
            continue
        kind = pane_kind(pane)
        panes = [p for p in holder if isinstance(p.tag, str) and pane_kind(p) == kind]
        if len(panes) < 2:
            continue
        headings = _tab_labels(page, holder)
        if len(headings) == len(panes):
            return headings[panes.index(pane)]
    return ""


def _tab_labels(page: Page, holder: HtmlElement) -> list[str]:
    """The labels of the tab headings next to a group of panes."""
    scope = holder.getparent()
    if scope is None:
        return []
    for candidate in scope.iter():
        if candidate is holder or not isinstance(candidate.tag, str) or holder in candidate.iterancestors():
            continue
        if not (_TAB_TOKENS & set(class_tokens(candidate))) or candidate.find(".//ul") is not None:
            continue
        if candidate.find("*/div") is not None:
            continue  # a block of its own (heading row and body), not a row of tab labels
        labels = [readable(page.text(child)) for child in candidate if isinstance(child.tag, str)]
        labels = [label for label in labels if label and not _MORE.match(label)]
        if len(labels) >= 2 and all(len(label) <= 20 for label in labels):
            return labels
    return []


def _ancestors(element: HtmlElement, count: int) -> list[HtmlElement]:
    out = []
    node = element
    for _ in range(count):
        node = node.getparent()
        if node is None:
            break
        out.append(node)
    return out
