"""The row a list entry is: the element that holds one item's link, its date and its other cells.

A person reads a list by rows: ``<li><a>标题</a><span>2021-06-01</span></li>``, a table row
``<tr><td><a>标题</a></td><td>索引号</td><td>2021-06-01</td></tr>``, a definition-list row
``<dl><dd><a>标题</a></dd><dd>2026-03-10</dd></dl>`` or repeated ``div`` rows. The row is never
just the cell the link sits in: the date stands in the next cell. A row holds one item; a
container that holds several items' links is the list, not a row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from lxml.html import HtmlElement

from auditor.page.dates import find_date

ROW_TAGS = frozenset({"li", "tr", "dd", "dt"})
#: cells inside a row: the row is the element around them
_CELL_TAGS = frozenset({"dd", "dt"})
_STOP = frozenset({"body", "html"})

#: how a caller says which elements under a row lead somewhere (tree.Page.link_url)
LinkUrl = Callable[[HtmlElement], "str | None"]


def row_of(anchor: HtmlElement, link_url: LinkUrl) -> HtmlElement | None:
    """The list row ``anchor`` sits in, or None when it sits in no row-like element."""
    element = anchor if anchor.tag in ROW_TAGS else anchor.getparent()
    for _ in range(5):
        if element is None or element.tag in _STOP:
            break
        if element.tag in ROW_TAGS:
            return _widen(_outer_row(element), link_url)
        element = element.getparent()
    element = anchor
    for _ in range(4):
        parent = element.getparent()
        if parent is None or parent.tag in _STOP:
            return None
        signature = (element.tag, element.get("class"))
        if sum(1 for sibling in parent if (sibling.tag, sibling.get("class")) == signature) >= 2:
            return element
        if element is not anchor and _alone(element, parent) and _repeated(element, parent):
            return element  # the one row left in a block of a list split under year headings
        if element is not anchor and _row_shaped(element, anchor, link_url) and _only_row(element, parent, link_url):
            return element  # a list of one row (a single related article), whatever its tag
        element = parent
    return None


def _row_shaped(element: HtmlElement, anchor: HtmlElement, link_url: LinkUrl) -> bool:
    """``element`` reads as one row of a list: it leads to one place only, holds cells beside its
    link (a date, a bullet image, an icon: two elements or more, or text beside them), and its text
    is mostly its link's (a headline with its date, not a line of text that happens to hold a
    link). What an ``li`` says by its tag a ``div`` says by this shape."""
    children = [child for child in element if isinstance(child.tag, str)]
    beside = (element.text or "").strip() or any((child.tail or "").strip() for child in children)
    if len(children) < 2 and not beside:
        return False
    if _targets(element, link_url, 2) != 1:
        return False
    own = _letters(anchor.text_content())
    return own > 0 and own * 2 >= _letters(element.text_content())


def _only_row(element: HtmlElement, parent: HtmlElement, link_url: LinkUrl) -> bool:
    """No other element of ``parent`` leads anywhere: ``element`` is a list of one row (what else
    the container holds, an empty grid or a pager left by a template, is no row)."""
    return not any(
        _targets(sibling, link_url, 1) for sibling in parent if sibling is not element and isinstance(sibling.tag, str)
    )


def _targets(element: HtmlElement, link_url: LinkUrl, enough: int) -> int:
    """How many places the elements under ``element`` lead to, counted up to ``enough``."""
    seen: set[str] = set()
    for node in element.iter():
        if isinstance(node.tag, str) and (url := link_url(node)):
            seen.add(url)
            if len(seen) >= enough:
                break
    return len(seen)


def _letters(text: str) -> int:
    return len("".join(text.split()))


def _alone(element: HtmlElement, parent: HtmlElement) -> bool:
    """``element`` is its container's only element (a span around a row's link is not: its row holds
    the date beside it)."""
    return sum(1 for child in parent if isinstance(child.tag, str)) == 1


def _repeated(element: HtmlElement, parent: HtmlElement) -> bool:
    """``element`` is one of repeated rows: two or more alike in its container, counting the
    containers alike beside it (a list split under year headings may leave one row in a block)."""
    signature = (element.tag, element.get("class"))
    holder = parent.getparent()
    containers = [parent]
    if holder is not None:
        containers += [c for c in holder if c is not parent and (c.tag, c.get("class")) == (parent.tag, parent.get("class"))]
    return sum(1 for box in containers for row in box if (row.tag, row.get("class")) == signature) >= 2


def _widen(row: HtmlElement, link_url: LinkUrl) -> HtmlElement:
    """A ``dd``/``dt`` cell widened to its ``dl`` when that ``dl`` holds this one item only."""
    if row.tag not in _CELL_TAGS:
        return row
    holder = row.getparent()
    if holder is None or holder.tag != "dl":
        return row
    leading = {url for a in holder.iter() if isinstance(a.tag, str) and (url := link_url(a))}
    return holder if len(leading) == 1 else row


def _outer_row(entry: HtmlElement) -> HtmlElement:
    """Old templates put each list entry in a one-row table of its own, inside a row of the list's
    table (``<tr><td><table><tr><td>·<a>…</a><td>2021-06-01</table>``): the entry is the outer row."""
    while entry.tag == "tr":
        table = entry.getparent()
        if table is not None and table.tag in ("tbody", "thead", "tfoot"):
            table = table.getparent()
        if table is None or table.tag != "table" or sum(1 for _ in table.iter("tr")) != 1:
            break
        cell = table.getparent()
        row = cell.getparent() if cell is not None and cell.tag in ("td", "th") else None
        if row is None or row.tag != "tr" or len(cell) != 1:
            break
        entry = row
    return entry


def next_cell_date(row: HtmlElement, text_of: Callable[[HtmlElement], str], as_of: dt.date | None) -> dt.date | None:
    """A ``dd`` row's date in the cell right after it (``<dd><a>…</a></dd><dd>2026-03-10</dd>`` in
    a ``dl`` of many items: each link's date is its next, link-less cell)."""
    if row.tag not in _CELL_TAGS:
        return None
    following = row.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is None or following.tag not in _CELL_TAGS or following.find(".//a") is not None:
        return None
    return find_date(text_of(following), as_of)
