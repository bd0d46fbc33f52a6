"""The breadcrumb a person reads: 首页 > 政务公开 > 规划信息, home first.

Only the breadcrumb's own line counts: when its ``<div>`` was left unclosed and swallowed the rest
of the page (old templates do; a browser still shows the list below it as the page), the lists,
tables and footer inside it are no crumbs (``tree`` gives them the region around the line). The
last crumb is often no link (the current column as plain text after the last ``>``).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from auditor.page.tree import LOCATION_PREFIXES, Page, collapse, link_name

_SEPARATORS = re.compile(r"[>＞»›→/|\\]+|\s+[-–—]+\s+")
#: a trailing text crumb is a column name, never a paragraph
_LONGEST_TEXT_CRUMB = 30


def breadcrumb_names(page: Page) -> list[str]:
    """The crumbs of the page's first breadcrumb: its links' names and the text after the last
    link; [] when the page shows none."""
    holder = _first_breadcrumb(page)
    if holder is None:
        return []
    anchors = [a for a in holder.iter("a") if page.region(a) == "breadcrumb"]
    if not anchors:
        text = _without_prefix(page.text(holder, skip=lambda e: page.region(e) != "breadcrumb"))
        return [p.strip("：: ") for p in (collapse(x) for x in _SEPARATORS.split(text)) if p.strip("：: ")]
    crumbs = [name for name in (collapse(link_name(a, page)) for a in anchors) if name]
    tail = collapse(_SEPARATORS.sub(" ", _text_after(page, anchors[-1], holder))).strip("：: ")
    if tail and len(tail) <= _LONGEST_TEXT_CRUMB:
        crumbs.append(tail)
    return [c for c in crumbs if c.strip("：: ") and not c.startswith(LOCATION_PREFIXES)]


def _first_breadcrumb(page: Page) -> HtmlElement | None:
    for element in page.root.iter():
        if not isinstance(element.tag, str) or page.region(element) != "breadcrumb":
            continue
        parent = element.getparent()
        if parent is None or page.region(parent) != "breadcrumb":
            return element
    return None


def _text_after(page: Page, last: HtmlElement, holder: HtmlElement) -> str:
    """The breadcrumb's text after its last link, up to the first element outside its line."""
    pieces = [last.tail or ""]
    node: HtmlElement | None = last
    while node is not None and node is not holder:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                if page.region(sibling) != "breadcrumb":
                    return "".join(pieces)
                pieces.append(page.text(sibling))
            pieces.append(sibling.tail or "")
        node = node.getparent()
    return "".join(pieces)


def _without_prefix(text: str) -> str:
    for prefix in LOCATION_PREFIXES:
        text = text.replace(prefix, "")
    return text
