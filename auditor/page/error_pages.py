"""Pages that a server sent with HTTP 200 although it failed to make them.

A PHP fatal error, a Tomcat "HTTP Status 500" report, 数据库连接失败 or an Oracle ``ORA-12541``
printed into the template, or a render that died half way (the template stops after ``<ul>``), or
a body that a too small ``Content-Length`` cut short: each says nothing about the column, so none
may become a column with one item or an empty column. They are *unverified*, each with a code
(``PAGE_WORDING`` holds the words, in the shape of ``auditor.model.reasons.WORDING``).

The signs are narrow: developer error formats (``Fatal error: … on line 12``, ``java.lang.…Exception``,
``ORA-`` + five digits, ``SQLSTATE[``) or Chinese error phrases in a short title, or at the end of what
a page shows when the page says little else or stops before its end tags (a half-rendered page); a
cut-short page is one whose source never reaches ``</body>`` or ``</html>`` and stops mid-way: inside a
tag, inside text, or inside a list or table it opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree

from auditor.model.reasons import WORDING, Reason
from auditor.page.tree import Page, collapse, visible_text

#: code -> (English phrase with {facts}, English sentence, Chinese sentence): the words live in the
#: one wording table (``auditor.model.reasons.WORDING``)
PAGE_WORDING: dict[str, tuple[str, str, str]] = {code: WORDING[code] for code in ("server_error_page", "page_cut_short")}

#: developer error formats: distinctive wherever they are shown
_DEVELOPER_ERRORS = re.compile(
    r"(?:Fatal error|Parse error|Warning|Notice|Catchable fatal error)\s*:.{0,300}?\bon line\s*\d+"
    r"|Uncaught (?:exception|Error|PDOException)"
    r"|HTTP Status 5\d\d\b"
    r"|\b(?:java|javax|org\.apache|org\.springframework)\.[\w.]+(?:Exception|Error)\b"
    r"|Server Error in '[^']*' Application"
    r"|\bORA-\d{5}\b"
    r"|SQLSTATE\[\w+\]"
    r"|\bmysqli?_(?:connect|query)\(\)"
    r"|Microsoft OLE DB Provider"
    r"|Communications link failure"
    r"|Access denied for user '[^']*'@"
    r"|Too many connections",
    re.IGNORECASE | re.DOTALL,
)
#: what error pages say in Chinese or plain English: counted only where the page says little else
ERROR_PHRASES: tuple[str, ...] = (
    "数据库连接失败",
    "数据库连接错误",
    "数据库连接超时",
    "数据库错误",
    "数据库异常",
    "服务器内部错误",
    "系统内部错误",
    "系统异常",
    "程序出错",
    "系统错误",
    "Internal Server Error",
    "Bad Gateway",
    "Gateway Time-out",
    "Service Unavailable",
)
#: the end of the visible text where a half-rendered page prints its error
_TAIL = 600
#: a page says "little else" when its own text (links left out) is at most this long
_SHORT_OWN_TEXT = 300
_END_TAGS = re.compile(r"</\s*(?:body|html)\s*>", re.IGNORECASE)
_LIST_OPEN = re.compile(r"<\s*(?:ul|ol|dl|table|tbody)\b", re.IGNORECASE)
_LIST_CLOSE = re.compile(r"</\s*(?:ul|ol|dl|table|tbody)\s*>", re.IGNORECASE)
_OPENS_DOCUMENT = re.compile(r"<\s*(?:body|div|table|ul)\b", re.IGNORECASE)


#: every sign ``broken_page`` looks for holds one of these words (lower case, white space removed):
#: the developer formats of ``_DEVELOPER_ERRORS`` by their fixed words, and every ``ERROR_PHRASES``
_SIGN_WORDS: tuple[str, ...] = (
    "error", "warning", "notice", "uncaught", "httpstatus5", "exception", "ora-", "sqlstate[", "mysql",
    "oledbprovider", "communicationslinkfailure", "accessdeniedforuser", "toomanyconnections",
    *("".join(phrase.lower().split()) for phrase in ERROR_PHRASES),
)
#: the text of a document a reader may see: every text node outside scripts and style sheets (the
#: title included; hidden blocks too, a superset of what ``broken_page`` reads)
#: (the text children of every other element: the same nodes in the same order as the text nodes
#: whose parent is no script or style, found without asking each node for its parent; plain
#: strings, not lxml's "smart" ones that each keep a reference to their element)
_SHOWN_TEXT = lxml.etree.XPath("//*[not(self::script) and not(self::style)]/text()", smart_strings=False)
#: an end tag is looked for in the last this many characters first (where a whole page has it)
_END_TAIL = 4096


def could_be_broken(page: Page) -> bool:
    """Cheap first look: only such pages are examined by ``broken_page``.

    A page without end tags always is (it may be cut short). A whole page is only when its title or
    its text holds a word of some sign (``_SIGN_WORDS``, compared without case and white space):
    markup, style sheets and scripts are not read, so a class named ``notice`` in a page's inline
    CSS or an ``onerror`` in its scripts does not send every ordinary page to the examination. A
    whole page that shows none of these words is one ``broken_page`` finds nothing in: it reads only
    the title and what the page shows."""
    source = page.source
    if not source:
        return False
    if not _ends(source):
        return True
    text = "".join("".join(_SHOWN_TEXT(page.root)).lower().split())
    return any(word in text for word in _SIGN_WORDS)


def _ends(source: str) -> bool:
    """The source holds an end tag of the body or the document (anywhere, as ``_END_TAGS`` says)."""
    return bool(_END_TAGS.search(source, max(0, len(source) - _END_TAIL))) or bool(_END_TAGS.search(source))


@dataclass(frozen=True)
class BrokenPage:
    code: str
    facts: dict[str, str]

    def phrase(self) -> str:
        return PAGE_WORDING[self.code][0].format(**self.facts)

    def reason(self) -> Reason:
        return Reason(self.code, **self.facts)


def broken_page(page: Page) -> BrokenPage | None:
    """Why ``page`` is a failed rendering rather than the page asked for, or None."""
    source = page.source
    title = collapse(page.root.findtext(".//title") or "")
    ended = _ends(source) if source else True
    if ended and not _DEVELOPER_ERRORS.search(title) and not _says_an_error(source):
        return None  # a whole page that nowhere says an error
    body = page.root.find("body")
    shown = visible_text(body if body is not None else page.root)
    own = visible_text(body, skip=lambda e: e.tag == "a" or page.in_chrome(e)) if body is not None else ""
    says_little = len("".join(own.split())) <= _SHORT_OWN_TEXT
    found = _DEVELOPER_ERRORS.search(title)
    if found is None and (not ended or says_little):
        found = _DEVELOPER_ERRORS.search(shown[-_TAIL:])
    if found:
        return BrokenPage("server_error_page", {"text": _quote(found.group(0))})
    for phrase in ERROR_PHRASES:
        wanted = phrase.lower()
        if (len(title) <= 40 and wanted in title.lower()) or ((says_little or not ended) and wanted in own[-_TAIL:].lower()):
            return BrokenPage("server_error_page", {"text": phrase})
    if not ended and _OPENS_DOCUMENT.search(source) and _stops_mid_way(source):
        return BrokenPage("page_cut_short", {})
    return None


def _stops_mid_way(source: str) -> bool:
    """The source stops inside a tag, inside text, or inside a list or table it opened: not a
    page that merely leaves its end tags out (old hand-written templates do)."""
    tail = source[-8192:].rstrip()
    if not tail.endswith(">"):
        return True
    last_open = max((m.start() for m in _LIST_OPEN.finditer(tail)), default=-1)
    last_close = max((m.start() for m in _LIST_CLOSE.finditer(tail)), default=-1)
    return last_open > last_close


def _says_an_error(source: str) -> bool:
    lowered = source.lower()
    return any(phrase.lower() in lowered for phrase in ERROR_PHRASES) or bool(_DEVELOPER_ERRORS.search(source))


def _quote(text: str) -> str:
    """The error as quoted in a reason: one line, at most 80 characters."""
    line = " ".join(text.split())
    return line if len(line) <= 80 else line[:79] + "…"
