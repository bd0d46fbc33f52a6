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
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Literal
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
from lxml.html.defs import block_tags, head_tags
from lxml.html import HtmlElement
from w3lib.encoding import html_body_declared_encoding

from auditor.page.dialects import chrome_region
from auditor.page.canonical import canonical_url
from auditor.page.deep_markup import parse_deep
from auditor.page.handlers import Template, call_target, handler_templates
from auditor.page.structure import closing_block, leading_logo, other_sites_blocks, search_forms
from auditor.page.textmap import TextMap

Region = Literal["main", "header", "nav", "footer", "breadcrumb", "links", "search", "share", "tree"]
#: regions that are the same on every page of a site and never hold a column's content
CHROME: frozenset[str] = frozenset({"header", "nav", "footer", "breadcrumb", "links", "search", "share"})
#: the chrome a page's own text is read without (the header stays: an article's title may stand in it);
#: one set, so ``Page.text_outside`` walks the page once for the article and the facts readers
TEXT_CHROME: frozenset[str] = CHROME - {"header"}

_TAG_REGIONS: dict[str, Region] = {
    "header": "header", "nav": "nav", "footer": "footer", "aside": "tree", "marquee": "header",
}
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
    # tickers and marquees of the newest items run across every page: not a column's list
    ("header", frozenset({"gundong"}), ("ticker", "marquee", "gundong", "rolling")),
)
#: components of a page whose own header, footer or navigation a class name may name
_COMPONENTS = frozenset(
    {"tab", "tabs", "tabnav", "box", "card", "panel", "modal", "dialog", "list", "con", "cont", "block", "mod",
     "module", "widget", "item", "news", "article", "lm", "column", "part", "tit", "title", "table", "pane"}
)
#: the words that name a part (a header, a footer, a menu) of a page or of a component
_PART_WORDS = ("head", "foot", "bottom", "nav", "menu", "dh", "banner", "top")
_COMPONENT_PARTS: dict[str, frozenset[str]] = {
    "header": _COMPONENTS,
    "footer": _COMPONENTS,
    "nav": frozenset({"tab", "tabs", "card", "panel", "pane", "box"}),
}
#: Bootstrap/Tailwind-style utility classes say nothing about the region
_UTILITY_CLASS = re.compile(
    r"^(position|text|d|float|col|row|flex|justify|align|bg|border|overflow|m[trblxy]?|p[trblxy]?|w|h)-"
)
#: where a class name breaks into words: separators, and a capital after a small letter (``sideMenu``)
TOKEN_BREAK = re.compile(r"[\s\-_]+|(?<=[a-z0-9])(?=[A-Z])")

LOCATION_PREFIXES = ("当前位置", "您的位置", "您现在的位置", "您当前所在位置", "当前所在位置", "您所在的位置", "所在位置", "现在位置")
FRIEND_LINK_LABELS = ("友情链接", "相关链接", "政府网站链接", "网站链接", "友好链接")
HOME_NAMES = frozenset({"首页", "网站首页", "主页", "门户首页", "返回首页", "home", "Home", "HOME"})
#: what a pager's links are called (上一页, 2, 尾页, »); 首页 too, which also starts a breadcrumb
PAGER_NAMES = re.compile(r"^(?:上一?页|下一?页|首页|尾页|末页|最后一页|第一页|前一页|后一页|跳转|GO|go|\d{1,4}|[<>«»‹›]+|\.\.\.|…)$")
#: what joins the crumbs of a breadcrumb (white space too)
CRUMB_SEPARATORS = ">＞»›/|-–—→:：、·"

#: elements whose content a reader never sees as text: the document head's (lxml's table) and
#: what a page embeds or offers as a control rather than shows as text
_INVISIBLE = head_tags | frozenset(
    {"noscript", "template", "head", "select", "option", "textarea", "iframe", "object", "embed", "video", "audio",
     "svg", "canvas", "map"}
)
#: elements a browser starts on a line of their own: lxml's HTML 4 block tags, HTML5's sectioning
#: elements, and the breaks and labels templates use as lines
_BLOCKS = (block_tags - {"del", "ins"}) | frozenset(
    {"article", "aside", "br", "figcaption", "figure", "footer", "header", "label", "main", "nav", "section", "body",
     "html"}
)
#: regions that are one line of a page: a table or list inside one belongs to the page around it
_ONE_LINE_REGIONS: frozenset[str] = frozenset({"breadcrumb"})
_CONTAINERS = frozenset({"table", "ul", "ol", "dl", "div", "section", "article", "form", "main"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: class or id tokens of a tab group's headings
TAB_TOKENS = frozenset({"tab", "tabs", "tabnav", "tabtitle", "tabhd", "tabhead", "tabmenu", "tabbar", "tablist"})
MORE_TEXT = re.compile(r"^(?:更多|查看更多|more|MORE|More)?\s*[>》»›+＋]*$")
#: class names that only say whether a block is shown or current
_STATE_CLASSES = frozenset({"on", "cur", "current", "active", "selected", "show", "shown", "in", "open", "none"})
#: class names that hide an element on every common front-end framework
_HIDDEN_CLASSES = frozenset({"hide", "hidden", "d-none", "is-hidden", "display-none", "displaynone", "invisible"})
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^(?:[a-z]+)?\.([\w\-]+)$", re.IGNORECASE)
#: where a script sends the browser: location.href='…', window.open('…'), location.assign(…); the
#: target is a literal (group 1, computed when a ``+`` follows it) or a variable (group 2)
_JS_TARGET = re.compile(
    r"(?:location(?:\s*\.\s*href)?\s*=|location\s*\.\s*(?:assign|replace)\s*\(|\bopen\s*\()\s*"
    r"(?:['\"]([^'\"]*)['\"]|([A-Za-z_$][\w$.]*\s*(?:[+;)]|$)))"
)
#: a name cut short (规划信…): the full name is elsewhere (the title)
TRUNCATION = re.compile(r"(…|\.\.+|。。。)\s*$")
#: format and control characters: invisible in a browser, yet they break name comparison
_INVISIBLE_CHARS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c"
                              "\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
                              "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]")
#: the bullets templates put before a name
BULLETS = re.compile(r"^[·•●◆◇■□▪▶►>»\-\s]+")
#: line breaks and tabs inside an attribute: templates wrap long links
_URL_NOISE = str.maketrans("", "", "\t\r\n")
#: libxml2's message when it stops building a too deeply nested tree
_DEPTH_LIMIT = "Excessive depth in document"
_UNKNOWN = object()
#: the elements a link may be (``Page._find_links`` decides), found by libxml2 in document order
#: rather than by visiting every node in Python
_CLICKABLE = lxml.etree.XPath("descendant-or-self::*[self::a or self::area or self::option or @onclick]")
_DIGITS = "0123456789"
#: the class of every node of a parsed page, chosen inside lxml (a default-class lookup): lxml.html's
#: own parser asks a Python ``lookup`` for each node the readers touch (~80 000 calls in a crawl of the
#: demo portal) only to give forms, inputs, selects, text areas and labels classes of their own, whose
#: form methods no reader uses (a reader asks an element's tag)
_NODE_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def parse_html(html: str | bytes) -> HtmlElement:
    """The document element of ``html``; an empty document for empty or unparsable input.

    libxml2 drops everything nested deeper than its limit (256 levels, 2048 with ``huge_tree``):
    when it says so, the page is built again as a browser builds it (``deep_markup``)."""
    if isinstance(html, str):
        # lxml refuses str input that declares its own encoding (XHTML pages often do)
        html = _without_xml_declaration(html)
        if "\x00" in html:
            html = html.replace("\x00", "")  # browsers drop NUL characters; lxml would show U+FFFD
    # comments are dropped as the page is parsed (a browser shows none of them): left in the tree,
    # the text after one inside a link (``机构<!-- x -->职能``) was lost, since lxml's iterwalk
    # gives no event for a comment and so none for its tail
    parser = lxml.etree.HTMLParser(huge_tree=True, remove_comments=True)
    parser.set_element_class_lookup(_NODE_CLASSES)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError, TypeError):
        return lxml.html.document_fromstring("<html><body></body></html>")
    if any(_DEPTH_LIMIT in entry.message for entry in parser.error_log):
        text = html if isinstance(html, str) else html.decode(_declared(html), errors="replace")
        try:
            return parse_deep(text)
        except (ValueError, TypeError, LookupError, AssertionError):
            return root  # what libxml2 kept is better than nothing
    return root


def _without_xml_declaration(html: str) -> str:
    """``html`` without a leading ``<?xml … ?>`` (lxml refuses it in str input)."""
    start = html.lstrip()
    if start[:5].lower() == "<?xml" and "?>" in start:
        return start[start.index("?>") + 2:]
    return html


def _declared(body: bytes) -> str:
    return html_body_declared_encoding(body) or "utf-8"


def class_tokens(element: HtmlElement) -> list[str]:
    """Lower-case tokens of an element's class and id names."""
    return list(_tokens(element.get("class") or "", element.get("id") or ""))


def name_tokens(names: str, ident: str) -> tuple[str, ...]:
    """``class_tokens`` of a class attribute and an id as written (kept: a site repeats them, so a
    reader that decides by tokens alone may keep its answer per pair too)."""
    return _tokens(names, ident)


@lru_cache(maxsize=8192)
def _tokens(names: str, ident: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in names.split() + ([ident] if ident else []):
        if _UTILITY_CLASS.match(name):
            continue
        for part in TOKEN_BREAK.split(name):
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
    """Region hint of a class and id pair; cached, since a site repeats the same names on every page.

    Each class (or id) name is read as a whole: ``tabs_header`` is the header of a tab block and
    ``list-bottom`` the end of a list, not the page's header or footer (the page's own parts are
    named ``header``, ``site-header``, ``head_top``)."""
    words = [list(_tokens(name, "")) for name in names.split()] + ([list(_tokens("", ident))] if ident else [])
    for tokens in words:
        for token in tokens:
            quirk = chrome_region(token)
            if quirk:
                return quirk  # type: ignore[return-value]
    for region, exact, prefixes in _HINTS:
        for tokens in words:
            part_of_component = _names_a_part(region, tokens)
            for token in tokens:
                bare = token.rstrip(_DIGITS)
                if part_of_component and bare.startswith(_PART_WORDS):
                    continue
                if token.startswith(prefixes):
                    return region
                if bare in exact and (len(bare) > 3 or len(tokens) == 1 or token is not tokens[0]):
                    # pinyin initials (lj 链接, dh 导航) name a region alone or as a last word
                    # (``main-dh``); first in a longer name they are the site's prefix (``lj_nav``: 两江)
                    return region
    return None


def _names_a_part(region: Region, tokens: list[str]) -> bool:
    """The name says the region word of a component (``tabs_header``, ``box-foot``, ``tab-nav``)."""
    parts = _COMPONENT_PARTS.get(region)
    return bool(parts) and len(tokens) > 1 and any(t.rstrip(_DIGITS) in parts for t in tokens)


def collapse(text: str | None) -> str:
    """White space collapsed to single spaces (full-width and no-break spaces included)."""
    return " ".join((text or "").split())


def readable(text: str | None) -> str:
    """``text`` as a person reads it: invisible characters (soft hyphen, zero-width joiners, word
    joiner, BOM, NUL and other control characters) removed, white space collapsed."""
    if not text:
        return ""
    return collapse(_INVISIBLE_CHARS.sub("", text))


def link_name(anchor: HtmlElement, page: Page | None = None) -> str:
    """What a link is called: its visible text, or its ``title`` when the text is cut short (…) or
    empty, or the ``alt`` (else ``title``) of its image. Text a person cannot see (a hidden
    ``<span>``, invisible characters) is no part of the name. A navigating ``<select>``'s option is
    named by its text, an image map's area by its ``alt`` (else ``title``)."""
    if anchor.tag == "option":
        return readable(anchor.text_content())
    if anchor.tag == "area":
        return readable(anchor.get("alt")) or readable(anchor.get("title"))
    shown = page.text(anchor) if page is not None else visible_text(anchor)
    text = BULLETS.sub("", readable(shown))
    title = readable(anchor.get("title"))
    if title and (not text or TRUNCATION.search(text)):
        return title
    if text:
        return text
    for img in anchor.iter("img"):
        for attribute in ("alt", "title"):
            name = readable(img.get(attribute))
            if name:
                return name
    return ""


def is_hidden(element: HtmlElement, hidden_classes: frozenset[str] = frozenset()) -> bool:
    """Hidden by its own markup (``hidden``, ``display:none``, ``<input type=hidden>``, a class
    the page's style sheet or common practice hides: ``hide``, ``d-none``)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    names = element.get("class")
    if names and _hidden_by_class(names, hidden_classes):
        return True
    return element.tag == "input" and (element.get("type") or "").lower() == "hidden"


@lru_cache(maxsize=4096)
def _hidden_by_class(names: str, hidden_classes: frozenset[str]) -> bool:
    """A class attribute naming a class that hides; cached: a site repeats its class names."""
    return any(name.lower() in _HIDDEN_CLASSES or name in hidden_classes for name in names.split())


def hidden_classes(root: HtmlElement) -> frozenset[str]:
    """Class names the page's own ``<style>`` rules hide (``.old-list{display:none}``)."""
    found: set[str] = set()
    #: classes a ``:hover`` rule shows: a drop-down menu a person opens by pointing at it
    on_hover: set[str] = set()
    for style in root.iter("style"):
        for selectors, body in _CSS_RULE.findall(style.text or ""):
            for selector in selectors.split(","):
                selector = selector.strip()
                if ":hover" in selector and not _HIDDEN_STYLE.search(body):
                    shown = _CLASS_SELECTOR.match(selector.rsplit(" ", 1)[-1].replace(":hover", ""))
                    if shown:
                        on_hover.add(shown.group(1))
                    continue
                match = _CLASS_SELECTOR.match(selector)
                if match and _HIDDEN_STYLE.search(body):
                    found.add(match.group(1))
    return frozenset(found - on_hover)


def labelled_friend_links(element: HtmlElement) -> bool:
    """A block that says it holds friend links: 友情链接：, or a heading 友情链接 as its first child."""
    first = (element.text or "").strip()
    if not first and len(element) and isinstance(element[0].tag, str) and element[0].tag != "a":
        first = collapse(element[0].text_content())
    return first.startswith(FRIEND_LINK_LABELS) and element.find(".//a") is not None


def looks_like_site_menu(element: HtmlElement) -> bool:
    """A list of at least four entries (``li``, table rows, ``dt`` or ``div`` rows), one link each, whose first
    is 首页: the site's main menu, as a person reads it whatever the template calls its classes."""
    if element.tag not in ("ul", "ol", "table", "tbody", "div", "dl") or len(element) < 4:
        return False
    entry_tag = {"ul": "li", "ol": "li", "div": "div", "dl": "dt"}.get(element.tag, "tr")
    first = None
    for index, item in enumerate(element):
        if not isinstance(item.tag, str):
            continue
        if element.tag == "dl" and item.tag == "dl" and first is not None:
            continue  # a drop-down ``dl`` of the entry before it (parsers move it out of its ``dt``)
        if item.tag != entry_tag:
            return False
        # the entry's own link; links of a drop-down list nested in the entry are its sub-menu
        nested = {a for sub in item.iter("ul", "ol", "table", "dl", "div") if sub is not item for a in sub.iter("a")}
        links = [a for a in item.iter("a") if a not in nested]
        if len(links) != 1:
            return False
        if first is None:
            first = links[0]
    if first is None:
        return False
    return "".join(first.text_content().split()) in HOME_NAMES


def looks_like_breadcrumb(element: HtmlElement) -> bool:
    """One line that is a trail from the home page to this page, read by its structure whatever its
    label says: a run of 2–12 links joined only by separator characters, after a short label ending
    in a separator or colon (您在这里：, Location:, any words) or none, its first link leading home
    (named so, or to the site's root), then at most the page's own name. A line that starts with a
    known location label (当前位置) is one whatever follows.

    A trail of one link (首页 > the page's own name) is not taken yet: the walk takes that 首页 link
    for a column the parent page shows (``finding._shows_columns``), which a parent offering its
    columns in a frame or an image map needs until the walk counts those."""
    if element.find("a") is None and element.find("*/a") is None:
        return False
    anchors: list[HtmlElement] = []
    loose: list[str] = [element.text or ""]
    #: how much of ``loose`` came before the first and before the last link: the text before the
    #: first is the label, the text after the last may name the current page
    before_first = before_last = -1
    for child in element:
        if child.tag == "a" or (child.tag in ("span", "font", "b", "strong", "em", "i") and child.find("a") is not None):
            before_last = len(loose)
            before_first = before_last if before_first < 0 else before_first
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
    if collapse("".join(loose)).startswith(LOCATION_PREFIXES):
        return True
    names = [collapse(a.text_content()) for a in anchors]
    if any(PAGER_NAMES.match(name) and name not in HOME_NAMES for name in names):
        return False  # 首页 上一页 2 下一页 尾页: a pager
    # the label: a few words closed by a colon or a separator (a sentence before links is none)
    label = "".join(collapse("".join(loose[:before_first])).split())
    if label and (len(label) > 16 or label[-1] not in CRUMB_SEPARATORS):
        return False
    # the first crumb leads home: named so, or to the root of the one site the trail stays in
    # (``/``, ``/index.html``, ``http://host/``; links to several hosts are other sites' links)
    href = (anchors[0].get("href") or "").strip()
    parts = urlsplit(href)
    root = not parts.query and (parts.path in ("", "/") and (parts.netloc or href == "/") or (
        parts.path.count("/") == 1 and parts.path[1:].startswith("index.")))
    hosts = {urlsplit((a.get("href") or "").strip()).netloc for a in anchors} - {""}
    if names[0] not in HOME_NAMES and not (root and len(hosts) <= 1):
        return False
    after = collapse("".join(loose[before_last:]))
    between = "".join(loose[before_first:before_last]) + (_without_current_crumb(after) if len(after) <= 30 else after)
    return _separators_only(between)


def _separators_only(text: str) -> bool:
    return all(c.isspace() or c in CRUMB_SEPARATORS for c in text)


def _without_current_crumb(after: str) -> str:
    """The text after a breadcrumb's last link, "" when it only names the current page (``> 规划信息``:
    separators, then one word of at most 30 characters)."""
    name = after.lstrip(CRUMB_SEPARATORS + " ").rstrip()
    if 1 <= len(name) <= 30 and not any(c.isspace() or c in ">＞»›/|" for c in name):
        return ""
    return after


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
        self.hidden_classes = hidden_classes(root)
        #: elements a reader never sees, with everything inside them
        self._hidden: set[HtmlElement] = set()
        self._link_urls: dict[HtmlElement, str | None] = {}
        self._handler_templates: dict[str, Template] | None = None
        #: what the readers ask of a page again and again, computed once (the tree never changes
        #: once parsed): the visible text of an element, the page's links (visible ones, all),
        #: the position of every node in document order (a subtree's links are a run of them)
        self._texts: dict[HtmlElement, str] = {}
        self._texts_outside: dict[frozenset[str], str] = {}
        self._links: dict[bool, list[tuple[HtmlElement, str]]] = {}
        self._link_order: dict[bool, list[int]] = {}
        self._order: dict[HtmlElement, int] | None = None
        #: the page's visible text laid out once (``textmap``): every text and length is read from it
        self._map: TextMap | None = None
        #: whether the page hides exactly what its elements' own markup hides (no class its style
        #: sheet hides, no tab pane shown): then a walk by ``is_hidden`` alone reads what the map holds
        self._hidden_by_markup_only = True
        #: lists taken for the site's menu by their shape alone (``looks_like_site_menu``)
        self._menus_by_structure: set[HtmlElement] = set()
        self._compute_regions()
        self._regions_by_structure()

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
            if own is None and inherited == "main" and len(element) >= 1 and labelled_friend_links(element):
                own = "links"
            if own is None and inherited == "main" and looks_like_site_menu(element):
                own = "nav"
                self._menus_by_structure.add(element)
            region = own or inherited
            if parent in self._hidden or (element.tag in _INVISIBLE and element.tag != "map" and not _picks_a_page(element)):
                self._hidden.add(element)
            elif is_hidden(element, self.hidden_classes):
                if _is_tab_pane(element):
                    self._hidden_by_markup_only = False
                else:
                    self._hidden.add(element)
                    if self.hidden_classes and not is_hidden(element):
                        self._hidden_by_markup_only = False
            if region in _ONE_LINE_REGIONS:
                outside = regions.get(parent, "main") if parent is not None else "main"
                around[element] = around.get(parent, "main") if outside in _ONE_LINE_REGIONS else outside
            regions[element] = region

    def _regions_by_structure(self) -> None:
        """The footer and the links to other sites as the page shows them (``structure``): what a
        class name did not already place there goes there, so a renamed class changes nothing."""
        body = self.root.find("body")
        if body is None:
            return
        lengths = self.text_lengths(body)
        closing = closing_block(body, lengths)
        if closing is not None:
            self._place(closing, "footer")
        for form in search_forms(body, lengths):
            self._place(form, "search")
        links = list(self.link_elements(visible_only=False))
        logo = leading_logo(links)
        if logo is not None:
            self._place(logo, "header")
        for block in other_sites_blocks(links, self.url, self.region, lengths):
            self._place(block, "links")

    def _place(self, block: HtmlElement, region: Region) -> None:
        """Put ``block`` into ``region`` as if a class had named it: what the block's own elements
        name by tag or class stays, what they inherited or were only guessed (a menu) follows."""
        regions = self._regions
        old = {element: regions.get(element, "main") for element in block.iter() if isinstance(element.tag, str)}
        if region_hint(block) is not None:
            return  # the block names its own region
        regions[block] = region
        for element in block.iter():
            if element is block or not isinstance(element.tag, str):
                continue
            parent = element.getparent()
            if region_hint(element) is not None:
                continue
            if element in self._menus_by_structure or old[element] == old.get(parent):
                regions[element] = regions[parent]

    def region(self, element: HtmlElement) -> Region:
        found = self._regions.get(element)
        if found is not None:
            return found
        parent = element.getparent()
        return self.region(parent) if parent is not None else "main"

    def in_chrome(self, element: HtmlElement) -> bool:
        found = self._regions.get(element)
        return (found if found is not None else self.region(element)) in CHROME

    def is_visible(self, element: HtmlElement) -> bool:
        """Shown to a reader: not inside a hidden element or one of ``_INVISIBLE`` (script,
        template …). A tab block's hidden panes are visible: a click on their tab shows them."""
        return element not in self._hidden

    def _hides(self, element: HtmlElement) -> bool:
        return element in self._hidden and element.tag not in _INVISIBLE

    # --- links -----------------------------------------------------------------------------------
    def link_url(self, element: HtmlElement) -> str | None:
        """Where clicking ``element`` leads: its ``href``, else the URL its script opens
        (``javascript:window.open('…')``, ``onclick="location.href='…'"``)."""
        known = self._link_urls.get(element, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        url = self._link_url(element)
        self._link_urls[element] = url
        return url

    def _link_url(self, element: HtmlElement) -> str | None:
        if element.tag == "option":
            value = (element.get("value") or "").strip()
            return self.absolute(value) if value and _picks_a_page(element) else None
        href = element.get("href")
        url = self.absolute(href) if element.tag in ("a", "area") else None
        if url is not None:
            return url
        for code in (href if href and href.strip().lower().startswith("javascript:") else None, element.get("onclick")):
            if code:
                target = script_target(code)
                if target:
                    return self.absolute(target) or unfollowable(target)
                called = call_target(code, self._handlers())
                if called:  # a function of the page's own scripts: zhinan(2) -> 'seal/zhinan?id=' + id
                    return self.absolute(called) or unfollowable(called)
                if _computes_target(code):
                    return UNFOLLOWABLE + "script"
        if element.tag in ("a", "area") and href:
            return unfollowable(href)
        return None

    def _handlers(self) -> dict[str, Template]:
        """The page's click functions whose target its scripts spell (``auditor.page.handlers``)."""
        if self._handler_templates is None:
            self._handler_templates = handler_templates(code for _, code in self.inline_scripts())
        return self._handler_templates

    def link_elements(self, root: HtmlElement | None = None, visible_only: bool = True) -> Iterator[tuple[HtmlElement, str]]:
        """Every element a person clicks to go to a URL, with that URL, in document order: links,
        image-map areas, and rows or buttons whose ``onclick`` opens a page (unless a link inside
        them already leads there).

        The page's list is found once; a subtree's links are the run of it between the subtree's
        first node and the node after its last (document order), so no reader walks a block again."""
        links = self._links.get(visible_only)
        if links is None:
            every = self._links.get(False) if visible_only else None
            if every is not None:  # the visible ones are those of every link a reader sees (one rule per element)
                links = self._links[True] = [(element, url) for element, url in every if element not in self._hidden]
            else:
                links = self._links[visible_only] = list(self._find_links(visible_only))
        if root is None or root is self.root:
            return iter(links)
        order = self._document_order()
        start = order.get(root)
        if start is None:  # not an element of this page's tree
            return self._find_links(visible_only, root)
        positions = self._link_order.get(visible_only)
        if positions is None:
            positions = self._link_order[visible_only] = [order[element] for element, _ in links]
        end = _after_subtree(root, self.root, order)
        return iter(links[bisect_left(positions, start):bisect_left(positions, end)])

    def _find_links(self, visible_only: bool, root: HtmlElement | None = None) -> Iterator[tuple[HtmlElement, str]]:
        for element in _CLICKABLE(self.root if root is None else root):
            tag = element.tag
            if not isinstance(tag, str) or (visible_only and not self.is_visible(element)):
                continue
            if tag not in ("a", "area", "option") and not element.get("onclick"):
                continue
            url = self.link_url(element)
            if url is None:
                continue
            if tag not in ("a", "area") and any(self.link_url(a) == url for a in element.iter("a")):
                continue
            yield element, url

    def _document_order(self) -> dict[HtmlElement, int]:
        """Every node's place in document order (``iter()``'s order, comments and the like included)."""
        if self._order is None:
            self._order = {node: index for index, node in enumerate(self.root.iter())}
        return self._order

    # --- URLs ----------------------------------------------------------------------------------
    def absolute(self, href: str | None) -> str | None:
        """The absolute http(s) URL of a link or source, without fragment; None for ``#``,
        ``javascript:``, ``data:`` and the like."""
        return absolute_url(self.base, href)

    # --- text ----------------------------------------------------------------------------------
    def _text_map(self) -> TextMap:
        if self._map is None:
            self._map = TextMap(self.root, self._hidden, _INVISIBLE, _BLOCKS)
        return self._map

    def _markup_map(self) -> TextMap | None:
        """The map when it holds what a walk by the elements' own markup (``is_hidden``) reads."""
        return self._text_map() if self._hidden_by_markup_only else None

    def text(self, element: HtmlElement | None = None, skip: Callable[[HtmlElement], bool] | None = None,
             by_markup: bool = False) -> str:
        """Visible text of ``element`` (default: the whole page), block elements kept apart by a space;
        kept per element when nothing is skipped (a link's name is read by every reader of a page).
        ``by_markup``: hidden is what the elements' own markup hides (``visible_text``'s default),
        not what the page's style sheet or a tab group hides."""
        node = self.root if element is None else element
        text_map = self._markup_map() if by_markup else self._text_map()
        if skip is not None or by_markup:
            found = None
            if text_map is not None:
                found = text_map.text(node) if skip is None else text_map.text_without(node, skip)
            if found is None:
                found = visible_text(node, skip) if by_markup else visible_text(node, skip, self._hides)
            return found
        known = self._texts.get(node)
        if known is None:
            known = text_map.text(node)  # type: ignore[union-attr]
            if known is None:
                known = visible_text(node, None, self._hides)
            self._texts[node] = known
        return known

    def text_lengths(self, element: HtmlElement | None = None, skip: Callable[[HtmlElement], bool] | None = None,
                     by_markup: bool = False) -> dict[HtmlElement, int]:
        """Visible characters (white space not counted) under every visible element of ``element``
        (default: the whole page), what ``skip`` says skipped; ``by_markup`` as for ``text``."""
        node = self.root if element is None else element
        text_map = self._markup_map() if by_markup else self._text_map()
        found = None
        if text_map is not None:
            found = text_map.lengths(node) if skip is None else text_map.lengths_without(node, skip)
        if found is None:
            found = text_lengths(node, skip) if by_markup else text_lengths(node, skip, self._hides)
        return found

    def text_outside(self, regions: frozenset[str]) -> str:
        """Visible text of the whole page without what lies in ``regions``; kept per set of regions
        (an item page's article and its facts are both read without the site's chrome)."""
        known = self._texts_outside.get(regions)
        if known is None:
            known = self._texts_outside[regions] = self.text(skip=lambda element: self.region(element) in regions)
        return known

    def inline_scripts(self) -> Iterator[tuple[HtmlElement, str]]:
        """Every ``<script>`` that has inline text, with its text."""
        for script in self.root.iter("script"):
            if script.text and script.text.strip():
                yield script, script.text


def _after_subtree(root: HtmlElement, top: HtmlElement, order: dict[HtmlElement, int]) -> int:
    """The document-order place of the first node after ``root``'s subtree, within ``top``'s tree
    (past its end: the count of its nodes)."""
    node: HtmlElement | None = root
    while node is not None and node is not top:
        following = node.getnext()
        if following is not None:
            return order.get(following, len(order))
        node = node.getparent()
    return len(order)


def _picks_a_page(element: HtmlElement) -> bool:
    """A ``<select>`` whose choice sends the browser to the chosen page (``onchange="location.href=
    this.value"``), or one of its options: a menu a person clicks, whatever it looks like."""
    select = element if element.tag == "select" else element.getparent()
    if select is not None and select.tag == "optgroup":
        select = select.getparent()
    if select is None or select.tag != "select":
        return False
    code = (select.get("onchange") or "").lower()
    return "location" in code or "open(" in code


def script_target(code: str) -> str | None:
    """The URL a click script sends the browser to, or None (``location.reload()``, ``void(0)``, a
    URL the script computes: ``'/col/' + id``)."""
    for match in _JS_TARGET.finditer(code):
        if match.group(1) is not None:
            return None if code[match.end():].lstrip().startswith("+") else match.group(1) or None
    return None


def _computes_target(code: str) -> bool:
    """The click script computes where it goes (``location.href = '/r/' + id``, ``= base + id``)."""
    for match in _JS_TARGET.finditer(code):
        if match.group(2) is not None or code[match.end():].lstrip().startswith("+"):
            return True
    return False


#: the URL of a link a person clicks that no crawler may follow: ``unfollowable:data`` (a ``data:``
#: URL), ``unfollowable:file`` (also a script that opens one), ``unfollowable:script`` (a URL the
#: script computes). The walk reports such a column ``unverified``, never ``missing``.
UNFOLLOWABLE = "unfollowable:"
_UNFOLLOWABLE_SCHEMES = ("data", "file", "ftp", "vbscript")


def unfollowable(href: str) -> str | None:
    """``unfollowable:<scheme>`` for a link target of a scheme a crawler never follows, else None."""
    scheme = href.strip().split(":", 1)[0].lower() if ":" in href else ""
    return UNFOLLOWABLE + scheme if scheme in _UNFOLLOWABLE_SCHEMES else None


def _is_tab_pane(element: HtmlElement) -> bool:
    """A hidden block of a tab group: a block of the same kind beside it, and tab headings near."""
    parent = element.getparent()
    if parent is None:
        return False
    kind = pane_kind(element)
    if sum(1 for sibling in parent if pane_kind(sibling) == kind) < 2:
        return False
    if sum(1 for sibling in parent if pane_kind(sibling) == kind and not is_hidden(sibling)) < 1:
        return False
    node: HtmlElement | None = parent
    for _ in range(2):
        if node is None:
            return False
        for candidate in node.iter():
            if isinstance(candidate.tag, str) and TAB_TOKENS & set(class_tokens(candidate)):
                if element not in candidate.iterancestors() and candidate is not element:
                    return True
        node = node.getparent()
    return _labels_match_panes(element, kind)


def _labels_match_panes(element: HtmlElement, kind: tuple[object, frozenset[str]]) -> bool:
    """Panes without a tab class: a heading block before the panes shows one label per pane."""
    parent = element.getparent()
    panes = [sibling for sibling in parent if pane_kind(sibling) == kind]
    first = panes[0]
    heading = first.getprevious()
    while heading is not None and not isinstance(heading.tag, str):
        heading = heading.getprevious()
    if heading is None:
        return False
    labels = [a for a in heading.iter("a", "span", "li") if collapse(a.text_content()) and not MORE_TEXT.match(collapse(a.text_content()))]
    return len(labels) == len(panes)


def pane_kind(element: HtmlElement) -> tuple[object, frozenset[str]]:
    """A block's tag and class names without the ones that only say shown/hidden/current."""
    names = frozenset((element.get("class") or "").lower().split()) - _STATE_CLASSES - _HIDDEN_CLASSES
    return element.tag, names


def absolute_url(base: str, href: str | None) -> str | None:
    """The absolute http(s) URL ``href`` names from ``base``: line breaks and tabs inside the
    attribute dropped (templates wrap long links), session ids removed (``canonical_url``)."""
    if not href:
        return None
    href = href.translate(_URL_NOISE).strip()
    if not href or href.startswith("#"):
        return None  # other schemes (javascript:, mailto:, data: …) end below: not http(s)
    return _resolved(_join_base(base, href), href)


@lru_cache(maxsize=16384)
def _resolved(base: str, href: str) -> str | None:
    """``absolute_url``'s answer, kept: every page of a site repeats its menus' and footer's links."""
    try:
        url = urldefrag(urljoin(base, href))[0]
        scheme = urlsplit(url).scheme
    except ValueError:
        return None
    return canonical_url(url) if scheme in ("http", "https") else None


def _join_base(base: str, href: str) -> str:
    """The part of ``base`` that ``urljoin`` reads for ``href``: only the scheme for an absolute
    http(s) link, only the origin for one from the site's root (``/col/1.html``), else all of it;
    so the pages of one site share ``_resolved``'s answers for the links they all carry."""
    if href.startswith("/") and not href.startswith("//"):
        return _origin(base)
    for prefix in ("http://", "https://"):
        if href.startswith(prefix):
            first = href[len(prefix):len(prefix) + 1]  # a host follows, not an empty one (``http:///x``)
            return _scheme(base) if first and first not in "/?#" else base
    return base


@lru_cache(maxsize=1024)
def _origin(base: str) -> str:
    try:
        parts = urlsplit(base)
    except ValueError:
        return base  # urljoin says what it makes of it
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else base


@lru_cache(maxsize=1024)
def _scheme(base: str) -> str:
    try:
        scheme = urlsplit(base).scheme
    except ValueError:
        return base
    return f"{scheme}:" if scheme else base


Hidden = Callable[[HtmlElement], bool]


def text_lengths(
    root: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None, hidden: Hidden = is_hidden
) -> dict[HtmlElement, int]:
    """Characters of visible text (white space not counted) under every element, in one pass."""
    lengths: dict[HtmlElement, int] = {}
    totals: list[int] = []
    for event, element in _walk(root, skip, hidden):
        if event == "start":
            totals.append(_visible_chars(element.text))
        elif event == "end":
            own = totals.pop()
            lengths[element] = own
            if totals:
                totals[-1] += own
        if event != "start" and element is not root and totals:
            totals[-1] += _visible_chars(element.tail)
    return lengths


def _visible_chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def visible_text(element: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None, hidden: Hidden = is_hidden) -> str:
    """The text a reader sees in ``element``, block elements kept apart by a space (iterative:
    deeply nested pages are common)."""
    out: list[str] = []
    for event, node in _walk(element, skip, hidden):
        if event == "start":
            if node.tag in _BLOCKS:
                out.append(" ")
            if node.text:
                out.append(node.text)
            continue
        if event == "end" and node.tag in _BLOCKS:
            out.append(" ")
        if node is not element and node.tail:
            out.append(node.tail)
    return collapse("".join(out))


def _walk(root: HtmlElement, skip: Callable[[HtmlElement], bool] | None, hidden: Hidden) -> Iterator[tuple[str, HtmlElement]]:
    """("start", e) and ("end", e) for each visible element under ``root`` (``root`` included),
    ("skipped", e) for one whose content is not seen (its tail still is)."""
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    skipped: set[HtmlElement] = set()
    for event, element in walker:
        if event == "start":
            tag = element.tag
            if not isinstance(tag, str) or tag in _INVISIBLE or hidden(element) or (skip is not None and skip(element)):
                walker.skip_subtree()
                skipped.add(element)
                continue
            yield "start", element
        elif element in skipped:
            yield "skipped", element
        else:
            yield "end", element
