"""One parsed page: its lxml tree, where each element sits (header, nav, tree, main …), its text.

Government CMS templates rarely use ``<header>``/``<nav>``/``<footer>``; they mark regions with class
and id names in English (``header``, ``footer``, ``leftnav``), in pinyin initials (``dqwz`` 当前位置,
``yqlj`` 友情链接) or not at all (a breadcrumb is then recognised by 当前位置 or by links from 首页
joined by ``>``). Class names are split into tokens (``sideMenu`` → side, menu; ``sx-c1-left1`` →
sx, c1, left1) and compared by token, never by substring, so ``content`` is not read as ``con``+``tent``
and a Bootstrap ``position-relative`` is not a breadcrumb. The innermost hint wins.

Each page is parsed once (lxml, no BeautifulSoup: a crawl may read 100 000 pages) and every element's
region is computed in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Literal
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from auditor.page.dialects.quirks import CHROME_TOKENS
from auditor.page.canonical import canonical_url

Region = Literal["main", "header", "nav", "footer", "breadcrumb", "links", "search", "share", "tree"]
#: regions that are the same on every page of a site and never hold a column's content
CHROME: frozenset[str] = frozenset({"header", "nav", "footer", "breadcrumb", "links", "search", "share"})

_TAG_REGIONS: dict[str, Region] = {"header": "header", "nav": "nav", "footer": "footer", "aside": "tree"}
#: (region, tokens that match exactly once trailing digits are dropped, token prefixes), checked in order
_HINTS: tuple[tuple[Region, frozenset[str], tuple[str, ...]], ...] = (
    (
        "breadcrumb",
        frozenset({"dqwz", "wzdh"}),
        ("crumb", "breadcrumb", "bread", "location", "position", "curpos", "currentpos", "weizhi", "dangqian"),
    ),
    ("footer", frozenset({"foot", "bq", "dibu"}), ("footer", "copyright", "bottom")),
    ("links", frozenset({"lj", "flink", "yqlj"}), ("yqlj", "friend", "outlink", "youqing")),
    ("search", frozenset({"ss", "sousuo", "jiansuo"}), ("search", "sousuo")),
    ("share", frozenset({"ewm"}), ("share", "bdshare", "fenxiang", "qrcode")),
    ("tree", frozenset(), ("left", "side", "tree", "subnav", "catalog")),
    ("nav", frozenset({"dh", "nav"}), ("nav", "menu", "daohang")),
    ("header", frozenset({"head", "logo"}), ("header", "banner", "topbar")),
)
#: Bootstrap/Tailwind-style utility classes say nothing about the region
_UTILITY_CLASS = re.compile(
    r"^(position|text|d|float|col|row|flex|justify|align|bg|border|overflow|m[trblxy]?|p[trblxy]?|w|h)-"
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[\s\-_]+")
_TRAILING_DIGITS = re.compile(r"\d+$")

LOCATION_PREFIXES = ("当前位置", "您的位置", "您现在的位置", "您当前所在位置", "当前所在位置", "您所在的位置", "所在位置", "现在位置")
HOME_NAMES = frozenset({"首页", "网站首页", "主页", "门户首页", "返回首页", "home", "Home", "HOME"})
_SEPARATORS_ONLY = re.compile(r"^[\s>＞»›/|\-–—→:：、·]*$")

#: elements whose content a reader never sees as text
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "select", "option",
     "textarea", "iframe", "object", "embed", "video", "audio", "svg", "canvas", "map"}
)
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "fieldset",
     "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label",
     "legend", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
     "thead", "tr", "ul", "body", "html", "center"}
)
#: regions that are one line of a page: a table or list inside one belongs to the page around it
_ONE_LINE_REGIONS: frozenset[str] = frozenset({"breadcrumb"})
_CONTAINERS = frozenset({"table", "ul", "ol", "dl", "div", "section", "article", "form", "main"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "vbscript:", "about:", "file:")
_TRUNCATED = re.compile(r"(…|\.\.+|。。。)\s*$")
_BULLETS = re.compile(r"^[·•●◆◇■□▪▶►>»\-\s]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\t\r\n]")


def parse_html(html: str | bytes) -> HtmlElement:
    """The document element of ``html``; an empty document for empty or unparsable input."""
    if isinstance(html, str):
        # lxml refuses str input that declares its own encoding (XHTML pages often do)
        html = _XML_DECLARATION.sub("", html, count=1)
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError, TypeError):
        return lxml.html.document_fromstring("<html><body></body></html>")


def class_tokens(element: HtmlElement) -> list[str]:
    """Lower-case tokens of an element's class and id names."""
    return list(_tokens(element.get("class") or "", element.get("id") or ""))


@lru_cache(maxsize=8192)
def _tokens(names: str, ident: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in names.split() + ([ident] if ident else []):
        if _UTILITY_CLASS.match(name):
            continue
        for part in _SPLIT.split(_CAMEL.sub(" ", name)):
            if part:
                out.append(part.lower())
    return tuple(out)


def region_hint(element: HtmlElement) -> Region | None:
    """The region an element's own tag or class/id names declare, if any."""
    tag = element.tag
    if tag in _TAG_REGIONS:
        return _TAG_REGIONS[tag]
    names = element.get("class")
    ident = element.get("id")
    if not names and not ident:
        return None
    return _hint_of_names(names or "", ident or "")


@lru_cache(maxsize=8192)
def _hint_of_names(names: str, ident: str) -> Region | None:
    """Region hint of a class and id pair; cached, since a site repeats the same names on every page."""
    tokens = _tokens(names, ident)
    for token in tokens:
        quirk = CHROME_TOKENS.get(token)
        if quirk:
            return quirk  # type: ignore[return-value]
    for region, exact, prefixes in _HINTS:
        for token in tokens:
            if _TRAILING_DIGITS.sub("", token) in exact or token.startswith(prefixes):
                return region
    return None


def collapse(text: str | None) -> str:
    """White space collapsed to single spaces (full-width and no-break spaces included)."""
    return " ".join((text or "").split())


def link_name(anchor: HtmlElement) -> str:
    """What a link is called: its text, or its ``title`` when the text is cut short (…) or empty,
    or the ``alt`` of its image."""
    text = _BULLETS.sub("", collapse(anchor.text_content()))
    title = collapse(anchor.get("title"))
    if title and (not text or _TRUNCATED.search(text)):
        return title
    if text:
        return text
    alts = [collapse(img.get("alt")) for img in anchor.iter("img")]
    return next((alt for alt in alts if alt), "")


def is_hidden(element: HtmlElement) -> bool:
    """Hidden by its own markup (``hidden``, ``display:none``, ``<input type=hidden>``)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return element.tag == "input" and (element.get("type") or "").lower() == "hidden"


def looks_like_breadcrumb(element: HtmlElement) -> bool:
    """A run of 2–12 links that starts with 当前位置 or with 首页 and is joined only by separators."""
    if element.find("a") is None and element.find("*/a") is None:
        return False
    anchors: list[HtmlElement] = []
    loose: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "a":
            anchors.append(child)
        elif child.tag in ("span", "font", "b", "strong", "em", "i"):
            inner = [a for a in child if a.tag == "a"]
            anchors.extend(inner)
            if not inner:
                loose.append(child.text_content())
            else:
                loose.append(child.text or "")
                loose.extend(a.tail or "" for a in inner)
        elif child.tag in _BLOCKS and child.tag != "br":
            return False  # a container of lines, not one line of links
        elif isinstance(child.tag, str) and child.tag not in _INVISIBLE:
            loose.append(child.text_content())
        loose.append(child.tail or "")
    if not 2 <= len(anchors) <= 12:
        return False
    between = "".join(loose)
    stripped = collapse(between)
    if stripped.startswith(LOCATION_PREFIXES):
        return True
    first = collapse(anchors[0].text_content())
    return first in HOME_NAMES and bool(_SEPARATORS_ONLY.match(between))


class Page:
    """A parsed page with its URL, base URL and the region of every element."""

    def __init__(self, root: HtmlElement, url: str, source: str = "") -> None:
        self.root = root
        self.url = url
        #: the text the page was parsed from (readers of script blocks, e.g. Hanweb datastores, need it)
        self.source = source
        base_el = root.find(".//base[@href]")
        self.base = urljoin(url, (base_el.get("href") or "").strip()) if base_el is not None else url
        self._regions: dict[HtmlElement, Region] = {}
        self._compute_regions()

    @classmethod
    def parse(cls, html: str | bytes, url: str) -> Page:
        """The one place a fetched page is parsed: every reader (links, listing, article, page
        state) takes the ``Page`` this returns, so a page is parsed once however many read it."""
        source = html if isinstance(html, str) else ""
        return cls(parse_html(html), url, source)

    # --- regions -------------------------------------------------------------------------------
    def _compute_regions(self) -> None:
        regions = self._regions
        #: for an element in a one-line region (a breadcrumb): the region around that line
        around: dict[HtmlElement, Region] = {}
        for element in self.root.iter():
            if not isinstance(element.tag, str):
                continue
            parent = element.getparent()
            inherited: Region = regions.get(parent, "main") if parent is not None else "main"
            if inherited in _ONE_LINE_REGIONS and element.tag in _CONTAINERS:
                # a breadcrumb holds no table or list: its div was left unclosed and swallowed the
                # rest of the page, which a browser still shows as the page
                inherited = around.get(parent, "main")
            own = region_hint(element)
            if own is None and inherited == "main" and len(element) >= 2 and looks_like_breadcrumb(element):
                own = "breadcrumb"
            region = own or inherited
            if region in _ONE_LINE_REGIONS:
                outside = regions.get(parent, "main") if parent is not None else "main"
                around[element] = around.get(parent, "main") if outside in _ONE_LINE_REGIONS else outside
            regions[element] = region

    def region(self, element: HtmlElement) -> Region:
        found = self._regions.get(element)
        if found is not None:
            return found
        parent = element.getparent()
        return self.region(parent) if parent is not None else "main"

    def in_chrome(self, element: HtmlElement) -> bool:
        return self.region(element) in CHROME

    # --- URLs ----------------------------------------------------------------------------------
    def absolute(self, href: str | None) -> str | None:
        """The absolute http(s) URL of a link or source, without fragment; None for ``#``,
        ``javascript:``, ``data:`` and the like."""
        return absolute_url(self.base, href)

    # --- text ----------------------------------------------------------------------------------
    def text(self, element: HtmlElement | None = None, skip: Callable[[HtmlElement], bool] | None = None) -> str:
        """Visible text of ``element`` (default: the whole page), block elements kept apart by a space."""
        return visible_text(self.root if element is None else element, skip)

    def inline_scripts(self) -> Iterator[tuple[HtmlElement, str]]:
        """Every ``<script>`` that has inline text, with its text."""
        for script in self.root.iter("script"):
            if script.text and script.text.strip():
                yield script, script.text


def absolute_url(base: str, href: str | None) -> str | None:
    """The absolute http(s) URL ``href`` names from ``base``: line breaks and tabs inside the
    attribute dropped (templates wrap long links), session ids removed (``canonical_url``)."""
    if not href:
        return None
    href = _URL_NOISE.sub("", href).strip()
    if not href or href.startswith("#") or href.lower().startswith(_SKIP_SCHEMES):
        return None
    try:
        url = urldefrag(urljoin(base, href))[0]
        scheme = urlsplit(url).scheme
    except ValueError:
        return None
    return canonical_url(url) if scheme in ("http", "https") else None


def text_lengths(root: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None) -> dict[HtmlElement, int]:
    """Characters of visible text (white space not counted) under every element, in one pass."""
    lengths: dict[HtmlElement, int] = {}
    _count_text(root, skip, lengths)
    return lengths


def _count_text(element: HtmlElement, skip: Callable[[HtmlElement], bool] | None, out: dict[HtmlElement, int]) -> int:
    tag = element.tag
    if not isinstance(tag, str) or tag in _INVISIBLE or is_hidden(element) or (skip is not None and skip(element)):
        return 0
    total = _visible_chars(element.text)
    for child in element:
        total += _count_text(child, skip, out) + _visible_chars(child.tail)
    out[element] = total
    return total


def _visible_chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def visible_text(element: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None) -> str:
    parts: list[str] = []
    _collect_text(element, skip, parts)
    return collapse("".join(parts))


def _collect_text(element: HtmlElement, skip: Callable[[HtmlElement], bool] | None, out: list[str]) -> None:
    tag = element.tag
    if not isinstance(tag, str) or tag in _INVISIBLE or is_hidden(element) or (skip is not None and skip(element)):
        return
    block = tag in _BLOCKS
    if block:
        out.append(" ")
    if element.text:
        out.append(element.text)
    for child in element:
        _collect_text(child, skip, out)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append(" ")
