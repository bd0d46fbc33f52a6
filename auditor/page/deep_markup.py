"""Pages nested deeper than libxml2 allows, built the way a browser builds them.

libxml2 stops building the tree at 256 nested elements (2048 with ``huge_tree``) and drops the rest
of the page: a template that leaves 300 ``<font>`` or ``<div>`` tags unclosed before its navigation
loses every column link. Browsers never drop content: Blink caps the tree at 512 levels and puts
deeper elements beside each other at the cap. ``parse_deep`` does the same with the standard
library's tokenizer, so every link a browser shows is kept. It is the fallback only (``tree``
calls it when libxml2 reports the depth limit): its tree building is simpler than lxml's.
"""

from __future__ import annotations

from lxml.html.defs import empty_tags

from html.parser import HTMLParser

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

#: Blink's kMaximumHTMLParserDOMTreeDepth: deeper elements become siblings at this depth
MAX_DEPTH = 512
#: elements that never hold anything (``<br>``, ``<img>``): the HTML definitions lxml keeps
_VOID = empty_tags
#: an open element that a new start tag of one of these closes (``<li>`` closes the previous ``<li>``)
_CLOSED_BY: dict[str, frozenset[str]] = {
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "option": frozenset({"option"}),
    "p": frozenset({"p"}),
}
#: elements an implied close never reaches across (a ``<li>`` inside a nested list is its own)
_SCOPES = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "select", "div", "body"})
_RAW_TEXT = frozenset({"script", "style"})


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: HtmlElement = lxml.html.Element("html")
        self.body: HtmlElement = lxml.etree.SubElement(self.root, "body")  # type: ignore[attr-defined]
        self.stack: list[HtmlElement] = [self.root, self.body]
        #: each element's depth in the tree as built (at most MAX_DEPTH)
        self.depth: dict[HtmlElement, int] = {self.root: 0, self.body: 1}
        self.last: HtmlElement | None = None  # the element whose tail receives text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("html", "body", "head"):
            target = self.root if tag == "html" else self.body if tag == "body" else None
            if target is not None:
                for name, value in attrs:
                    target.set(name, value or "")
            return
        self._imply_close(tag)
        parent = self.stack[-1]
        if self.depth[parent] >= MAX_DEPTH:
            parent = parent.getparent()  # Blink: past the cap, beside the current element
        try:
            element = lxml.etree.SubElement(parent, tag)  # type: ignore[attr-defined]
        except ValueError:
            return  # not a tag name (``<a<tr``): a browser would not build it either
        self.depth[element] = self.depth[parent] + 1
        for name, value in attrs:
            try:
                element.set(name, value or "")
            except ValueError:
                continue  # an attribute name lxml cannot store
        self.last = element if tag in _VOID else None
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1].tag == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 1, -1):
            if self.stack[depth].tag == tag:
                self.last = self.stack[depth]
                del self.stack[depth:]
                return
        # an end tag with nothing open to close is ignored, as browsers do

    def handle_data(self, data: str) -> None:
        if self.last is not None:
            self.last.tail = (self.last.tail or "") + data
            return
        current = self.stack[-1]
        if len(current):
            tail_of = current[-1]
            tail_of.tail = (tail_of.tail or "") + data
        else:
            current.text = (current.text or "") + data

    def _imply_close(self, tag: str) -> None:
        closes = _CLOSED_BY.get(tag)
        if not closes:
            return
        found = None
        for depth in range(len(self.stack) - 1, 1, -1):
            open_tag = self.stack[depth].tag
            if open_tag in _SCOPES:
                break
            if open_tag in closes:
                found = depth  # keep looking: a new row closes the row, not only its cell
        if found is not None:
            self.last = self.stack[found]
            del self.stack[found:]


def parse_deep(html: str) -> HtmlElement:
    """The document element of ``html`` built without a depth limit beyond Blink's."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
