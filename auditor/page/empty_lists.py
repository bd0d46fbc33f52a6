"""Why a column page shows no items: a placeholder, a list drawn by JavaScript, an empty container.

* A placeholder (暂无信息, 暂无数据, 本机关暂无此类信息 …) counts only where a reader sees it: text
  inside a JavaScript template (avalon ``ms-if``, Vue ``v-if`` …) or a hidden element may never be
  shown, and text in the footer is not the list's.
* A page that shows its name as a heading and nothing below it, where its list would be, is a column
  with nothing in it (``shows_nothing_below_its_name``): no placeholder needed, and no class name.
* A list drawn by JavaScript shows as an empty container or a template loop (``ms-repeat``,
  ``v-for``) plus a script that fetches data (``fetch(``, ``$.ajax``, ``axios``, ``XMLHttpRequest``,
  ``dataproxy.jsp``, ``/api/``). Without a container or template, only an endpoint shaped like a list
  counts: the visit counter every article page calls is no list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.etree
from lxml.html import HtmlElement

from auditor.page.crumbs import breadcrumb_names
from auditor.page.dialects import list_endpoints
from auditor.page.subcolumns import find_subcolumns
from auditor.page.tree import Page, class_tokens, collapse, is_hidden, link_name

PLACEHOLDERS: tuple[str, ...] = (
    "本机关暂无此类信息",
    "暂无相关信息",
    "暂无信息",
    "暂无数据",
    "暂无内容",
    "暂无记录",
    "暂无文章",
    "暂无文件",
    "没有相关信息",
    "无相关信息",
    "没有相关记录",
    "没有找到相关",
    "栏目建设中",
    "正在建设中",
)
_TEMPLATE_ATTRS = ("ms-", "v-", ":", "@", "ng-", "x-", "th:", "data-bind", "avalonctrl")
_TEMPLATE_LOOPS = ("ms-repeat", "ms-for", "v-for", "ng-repeat", "x-for", "data-bind", "th:each")
_FETCHES = re.compile(
    r"\bfetch\s*\(|\$\.(?:ajax|get|post|getJSON)\s*\(|jQuery\.(?:ajax|get|post|getJSON)\s*\(|XMLHttpRequest"
    rf"|\baxios\b|{'|'.join(map(re.escape, list_endpoints()))}|['\"][^'\"\s]*/api/[^'\"\s]*['\"]"
)
#: where a script's request goes, its groups in order of trust: the argument of a fetching call, a ``url:``
#: option, an ``XMLHttpRequest.open``, a quoted list endpoint a CMS family names, a quoted ``/api/`` address
_ENDPOINTS = re.compile(
    r"(?:\bfetch|\$\.(?:get|post|getJSON|ajax)|jQuery\.(?:get|post|getJSON|ajax)|axios(?:\.(?:get|post))?)"
    r"\s*\(\s*['\"](?P<call>[^'\"]+)['\"]"
    r"|\burl\s*:\s*['\"](?P<option>[^'\"]+)['\"]"
    r"|\.open\s*\(\s*['\"][A-Za-z]+['\"]\s*,\s*['\"](?P<open>[^'\"]+)['\"]"
    rf"|['\"](?P<proxy>[^'\"\s]*(?:{'|'.join(map(re.escape, list_endpoints()))})[^'\"\s]*)['\"]"
    r"|['\"](?P<api>[^'\"\s]*/api/[^'\"\s]*)['\"]"
)
#: requests that count visits or feed analytics, not lists
NOT_LISTS = re.compile(r"baidu\.com|cnzz|google|/count|visit|hits|tongji|/stat|jiucuo|conac|share", re.IGNORECASE)
_LISTISH = re.compile(r"list|search|page|column|channel|getDocuments|dataproxy|query|info|doc|article|news|/api/", re.I)
_LIST_TOKENS = ("list", "lb", "liebiao", "datalist", "newslist", "infolist")
#: form controls: something a person sees and uses, even without text (asked by tag: every node of a
#: parsed page is an ``HtmlElement``, ``tree.parse_html``)
_FORM_CONTROLS = ("input", "select", "textarea")


def find_placeholder(page: Page) -> str | None:
    """The 暂无信息-like text the list area shows, if any (as shown, or the phrase if longer)."""
    for element in page.root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title", "head"):
            continue
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        phrase = next((p for p in PLACEHOLDERS if p in own), None)
        if phrase is None or page.in_chrome(element) or _hidden_or_template(element):
            continue
        shown = collapse(own)
        return shown if len(shown) <= 40 else phrase
    return None


def _hidden_or_template(element: HtmlElement) -> bool:
    """Inside something not shown as such: hidden, or a JavaScript template (avalon, Vue, Angular)."""
    node: HtmlElement | None = element
    while node is not None:
        if is_hidden(node) or any(name.startswith(_TEMPLATE_ATTRS) for name in node.attrib):
            return True
        node = node.getparent()
    return False


def has_empty_list_container(page: Page) -> bool:
    """A list container in the main area with nothing in it (or a table with a header row only)."""
    for element in page.root.iter("ul", "ol", "div", "table", "tbody", "dl", "section"):
        if page.region(element) != "main":
            continue
        if element.tag == "table":
            if element.find(".//th") is not None and element.find(".//td") is None:
                return True
            continue
        if element.tag in ("ul", "ol", "dl") and len(element) == 0 and not page.text(element).strip():
            return True  # a list element with no entry at all, whatever its class is called
        tokens = class_tokens(element)
        if not any(t.startswith(_LIST_TOKENS) or t.endswith("list") for t in tokens):
            continue
        has_links = any(page.absolute(a.get("href")) for a in element.iter("a"))
        if not has_links and len(page.text(element)) < 20:
            return True
    return shows_nothing_below_its_name(page)


#: what may follow the block holding the page's heading, outside the page's chrome: a closing line
#: (网站地图 and 主办 in a footer no colophon marked), never a list: one link named as a command is
#: (网站地图, 联系我们: four characters at most), not as a headline, and a line of text
_CLOSING_LINKS = 1
_CLOSING_LINK_NAME = 4
_CLOSING_TEXT = 40


def shows_nothing_below_its_name(page: Page) -> bool:
    """The page names itself in a heading and shows nothing where its list would be: a column
    with nothing in it, as a person sees it at a glance (no placeholder text, no list container).

    Read from structure alone. The heading is the last element of the main area that says the
    page's own name (what its title begins with; its breadcrumb's last step, when one is read) and
    nothing else; its box is its outermost ancestor that shows no more than the name. In the
    block holding that box, what follows the box shows nothing: no text, no link, no image,
    frame, form control or script (an element hidden by its markup shows nothing; a hover
    menu is not hidden). After that block, outside the page's chrome, at most a closing line
    (``_only_a_closing_line``): a list that sits further down, whatever its rows look like, keeps
    the page unknown. A page offering sub-columns is a parent page, not this.
    """
    heading = _own_heading(page)
    if heading is None:
        return False
    name = page.text(heading)
    box = heading
    while box.getparent() is not None and box.getparent().tag != "body" and page.text(box.getparent()) == name:
        box = box.getparent()
    block = box.getparent()
    if block is None or (box.tail or "").strip():
        return False
    for following in box.itersiblings():
        if (following.tail or "").strip() or (isinstance(following.tag, str) and _shows_something(page, following)):
            return False
    if not _only_a_closing_line(page, block):
        return False
    main, own = find_subcolumns(page)
    return not main and not own


def _own_heading(page: Page) -> HtmlElement | None:
    """The last element of the main area whose whole visible text is the page's own name, with no
    element inside it and no link around it."""
    title = page.root.find(".//title")
    said = collapse(title.text_content()) if title is not None else ""
    crumbs = breadcrumb_names(page)
    body = page.root.find("body")
    if not said or body is None:
        return None
    found = None
    for element in body.iter():
        if not isinstance(element.tag, str) or len(element) or page.region(element) != "main":
            continue
        text = collapse(element.text)
        if len(text) < 2 or not said.startswith(text) or (crumbs and crumbs[-1] != text):
            continue
        if page.is_visible(element) and not any(a.tag == "a" for a in element.iterancestors()):
            found = element
    return found


def _shows_something(page: Page, element: HtmlElement) -> bool:
    """Text, a link, an image, a frame, a form control or a script under ``element`` (what its markup
    hides left out)."""
    if page.text(element):
        return True
    walker = lxml.etree.iterwalk(element, events=("start",))
    for _, node in walker:
        if not isinstance(node.tag, str):
            continue
        if is_hidden(node, page.hidden_classes):
            walker.skip_subtree()
            continue
        if node.tag == "script" or node.tag in _FORM_CONTROLS or any(
            node.get(attribute) for attribute in ("href", "src", "data", "onclick")
        ):
            return True
    return False


def _only_a_closing_line(page: Page, block: HtmlElement) -> bool:
    """After ``block`` (in its following siblings and its ancestors'), outside the page's chrome,
    at most a closing line: ``_CLOSING_LINKS`` links named in ``_CLOSING_LINK_NAME`` characters
    or fewer, ``_CLOSING_TEXT`` characters of text, nothing embedded."""
    links = chars = 0
    node: HtmlElement | None = block
    while node is not None and node.tag != "body":
        for following in node.itersiblings():
            if not isinstance(following.tag, str) or page.in_chrome(following):
                continue
            named = [link_name(anchor, page) for anchor, _ in page.link_elements(following) if not page.in_chrome(anchor)]
            if any(len(name) > _CLOSING_LINK_NAME for name in named):
                return False
            links += len(named)
            chars += len(page.text(following, skip=page.in_chrome).replace(" ", ""))
            if links > _CLOSING_LINKS or chars > _CLOSING_TEXT:
                return False
            if any(not page.in_chrome(n) and n.get("src") for n in following.iter() if isinstance(n.tag, str)):
                return False
        node = node.getparent()
    return True


def has_list_template(page: Page) -> bool:
    """A JavaScript template loop (``ms-repeat``, ``v-for`` …) outside the page chrome."""
    for element in page.root.iter():
        if not isinstance(element.tag, str) or page.in_chrome(element):
            continue
        if any(name.startswith(_TEMPLATE_LOOPS) for name in element.attrib):
            return True
    return False


def fetching_script(page: Page, scripts: Iterable[str], need_list_shape: bool) -> str | None:
    """The endpoint a list-drawing script fetches (absolute), or a short description of the script.

    With ``need_list_shape`` (no empty container or template on the page) only an endpoint that
    looks like a list (``…/list``, ``search``, ``dataproxy.jsp`` …) counts.
    """
    for text in scripts:
        if not _FETCHES.search(text):
            continue
        endpoint = _endpoint(text)
        if endpoint and NOT_LISTS.search(endpoint):
            continue
        if need_list_shape and not (endpoint and _LISTISH.search(endpoint)):
            continue
        if endpoint:
            return page.absolute(endpoint) or endpoint
        return "a script that fetches data (address built at run time)"
    return None


def _endpoint(script: str) -> str | None:
    """The most trusted address the script requests (``_ENDPOINTS``' order), first in the script
    among equals."""
    found: list[tuple[int, int, str]] = []
    for match in _ENDPOINTS.finditer(script):
        order = match.lastindex or 0  # the groups are numbered in the order of trust
        candidate = (match.group(order) or "").strip() if order else ""
        if candidate and not candidate.startswith(("#", "javascript:")) and " " not in candidate:
            found.append((order, match.start(), candidate))
    return min(found)[2] if found else None
