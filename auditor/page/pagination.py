"""How many pages and items a column list declares, and the URLs of its further static pages.

TRS WCM writes the page count into a script call, ``createPageHTML(N, current, "index", "html")``
(newer templates: ``createPageHTML('page_div', N, current, 'index', 'html', total)``, or
``createPage``), or into script variables (``var countPage = 56``, ``var countnum = 6348``); page 1 is
``index.html`` and page n is ``index_{n-1}.html`` in the same folder. The Fujian TRS "trt" template
declares ``pageChnlInfo = {maxStaticIndex: 5, recordCount: '32', prepage: 15}``: only the first
``maxStaticIndex`` pages are static, later ones come from a search API. Other CMSes only print
``共 3 页``, ``共 45 条``, ``共有 6348 条信息``. A declared count is evidence even when only the first
page is read: a column is not empty when it says it holds 6348 items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from auditor.page.canonical import page_key
from auditor.page.dialects import script_paging
from auditor.page.script_pager import last_page_number, read_script_pager

#: never ask for more static list pages than this, whatever a page declares
MAX_NEXT_PAGES = 200

_PAGES_TEXT = re.compile(r"共\s*(\d+)\s*页|第?\s*\d+\s*/\s*(\d+)\s*页")
_TOTAL_TEXT = re.compile(r"共\s*有?\s*(\d+)\s*(?:条|篇|项|件)|(\d+)\s*条记录|记录数\s*[:：]\s*(\d+)")
_PAGE_EXTS = ("html", "htm", "shtml", "shtm", "jsp", "php", "asp", "aspx")
_PAGE_PARAMS = frozenset({"page", "pageno", "pageindex", "currentpage", "pagenum", "pn", "curpage", "cur_page", "p"})
_NUMBERED_PAGE = re.compile(r"^(?P<prefix>index|list|default|more|lists)_(?P<n>\d+)\.(?P<ext>s?html?|jsp|php|aspx?)$", re.I)


@dataclass
class Pagination:
    page_count: int | None = None
    declared_total: int | None = None
    #: the file prefix and extension of TRS-style static pages (``index``, ``html``), when implied
    static_pattern: tuple[str, str] | None = None
    #: further list pages the page links to (absolute URLs)
    linked_pages: list[str] = field(default_factory=list)
    #: how many pages exist as static files at most (the rest only through an API)
    static_limit: int | None = None
    #: addresses of the list's pages a script-drawn pager would write (candidates, as written)
    script_pages: list[str] = field(default_factory=list)
    #: a pager is drawn by script and what it says could not be read: the count is a floor
    pager_unread: bool = False

    def next_pages(self, url: str) -> list[str]:
        """Absolute URLs of the other static pages of this list, page 2 first, at most
        ``MAX_NEXT_PAGES``; the page ``url`` itself is left out."""
        folder = urljoin(url, "./")
        out: list[str] = []
        if self.static_pattern and self.page_count and self.page_count > 1:
            prefix, ext = self.static_pattern
            start = self._first_number(prefix)
            pages = min(self.page_count, self.static_limit or self.page_count)
            last = min(pages - 1, MAX_NEXT_PAGES) + start - 1
            out = [f"{folder}{prefix}_{n}.{ext}" for n in range(start, last + 1)]
        keys = {page_key(u) for u in out}
        for linked in self.linked_pages:
            if page_key(linked) not in keys and len(out) < MAX_NEXT_PAGES:
                keys.add(page_key(linked))
                out.append(linked)
        own = page_key(url)
        return [u for u in out if page_key(u) != own]

    def _first_number(self, prefix: str) -> int:
        """TRS numbers page 2 as ``index_1``; other CMSes as ``list_2``: follow what the page links."""
        numbers = []
        for linked in self.linked_pages:
            match = _NUMBERED_PAGE.match(urlsplit(linked).path.rsplit("/", 1)[-1])
            if match and match["prefix"].lower() == prefix.lower():
                numbers.append(int(match["n"]))
        if numbers:
            return 1 if min(numbers) <= 1 else 2
        return 1 if prefix.lower() == "index" else 2


def read_pagination(scripts: list[str], text: str, hrefs: list[str], url: str, clicks: list[str] | None = None) -> Pagination:
    """What the page's scripts, visible text and links say about its list's size and pages.

    ``scripts`` are inline script texts, ``text`` the visible text (no comments: templates leave
    commented-out ``共有0条信息`` behind), ``hrefs`` the page's absolute link URLs, ``clicks`` the
    code of the list area's short click targets (a 下一页 button's ``onclick``).
    """
    result = Pagination()
    script_text = "\n".join(scripts)
    paging = script_paging(script_text, _PAGE_EXTS)
    if paging.page_count is not None:
        result.page_count = paging.page_count
        result.static_pattern = paging.static_pattern
    result.declared_total = paging.declared_total
    if result.page_count is None:
        result.page_count = _first_int(_PAGES_TEXT, text)
    total_in_text = _first_int(_TOTAL_TEXT, text)
    if total_in_text is not None and result.declared_total is None:
        result.declared_total = total_in_text
    per_page = paging.per_page
    if result.page_count is None and result.declared_total is not None and per_page:
        result.page_count = -(-result.declared_total // per_page)
    result.linked_pages = _linked_pages(hrefs, url)
    if result.static_pattern is None:
        result.static_pattern = _implied_pattern(paging.builds_static_links, result.linked_pages, url)
    result.static_limit = paging.static_limit
    if result.static_pattern is None and result.static_limit:
        result.static_pattern = ("index", _own_extension(url))
    if result.page_count is None and not result.linked_pages:
        _read_script_pager(scripts, clicks or [], result)
    elif result.page_count is None:
        _read_last_page(scripts, result)
    return result


def _read_last_page(scripts: list[str], result: Pagination) -> None:
    """The page count a script's last-page address says (``"index_" + endPage + ".html"`` with
    ``endPage = countPage - 1``: ``auditor.page.script_pager.last_page_number``), when its pages are
    the ones the page links: ``index_55`` is page 56 where ``index_1`` is page 2, page 55 where
    ``list_2`` is."""
    last = last_page_number(scripts, _PAGE_EXTS)
    if last is None or result.static_pattern is None:
        return
    head, tail, number = last
    prefix, ext = result.static_pattern
    if head.rsplit("/", 1)[-1].lower() != f"{prefix}_".lower() or tail.lower() != f".{ext}".lower():
        return
    result.page_count = number + 1 if result._first_number(prefix) <= 1 else number


def _read_script_pager(scripts: list[str], clicks: list[str], result: Pagination) -> None:
    """A pager drawn by a script under names nobody told us (``auditor.page.script_pager``)."""
    pager = read_script_pager(scripts, clicks, _PAGE_EXTS)
    if pager is None:
        return
    result.page_count = pager.page_count
    if result.declared_total is None:
        result.declared_total = pager.declared_total
    result.script_pages = list(pager.pages)
    result.pager_unread = pager.unread


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    if not match:
        return None
    return int(next(g for g in match.groups() if g is not None))


def _linked_pages(hrefs: list[str], url: str) -> list[str]:
    """The further pages of this list the page links to, in page order, each once: numbered files
    of its folder (``index_2.html``, with or without ``?t=…``), or its own address with a page
    parameter (``list.jsp?page=2&token=…``). Links are kept as written (a token may be needed to
    get the page); a page linked in two spellings (``INDEX_1.HTML``) counts once."""
    here = urlsplit(url)
    folder = here.path.rsplit("/", 1)[0].lower() + "/"
    own = page_key(url)
    own_is_first = not any(name.lower() in _PAGE_PARAMS for name, _ in parse_qsl(here.query)) and not _NUMBERED_PAGE.match(
        here.path.rsplit("/", 1)[-1])
    numbered: dict[str, tuple[int, str]] = {}
    for href in hrefs:
        try:
            parts = urlsplit(href)
        except ValueError:
            continue
        if parts.netloc.lower() != here.netloc.lower():
            continue
        number = _page_number(parts.path, parts.query, folder, here.path)
        if number is not None and parts.query and _without_page(href) != _without_page(url) and not _NUMBERED_PAGE.match(
            parts.path.rsplit("/", 1)[-1]
        ):
            continue  # another list of the same script (catid=13)
        key = page_key(href)
        if number is not None and number <= 1 and own_is_first and not _NUMBERED_PAGE.match(parts.path.rsplit("/", 1)[-1]):
            continue  # this first page again, spelled with its page parameter (``?page=1``, ``index.html?page=0``)
        if number is not None and key != own:
            numbered.setdefault(key, (number, href))
    return [href for _, href in sorted(numbered.values(), key=lambda pair: pair[0])]


def _without_page(url: str) -> str:
    """``page_key`` without the page parameter: the list a query page belongs to."""
    base, _, query = page_key(url).partition("?")
    kept = [p for p in query.split("&") if p and p.partition("=")[0] not in _PAGE_PARAMS]
    return base + "?" + "&".join(kept)


def _page_number(path: str, query: str, folder: str, own_path: str) -> int | None:
    lowered = path.lower()
    if lowered.startswith(folder) and "/" not in lowered[len(folder):]:
        match = _NUMBERED_PAGE.match(path.rsplit("/", 1)[-1])
        if match:
            return int(match["n"])
    if lowered == own_path.lower() or (not own_path.rsplit("/", 1)[-1] and lowered.startswith(folder)):
        for name, value in parse_qsl(query):
            if name.lower() in _PAGE_PARAMS and value.isdigit():
                return int(value)
    return None


def _implied_pattern(script_builds_links: bool, linked: list[str], url: str) -> tuple[str, str] | None:
    """A TRS paging script or links to ``index_N`` pages imply the static pattern."""
    for href in linked:
        match = _NUMBERED_PAGE.match(urlsplit(href).path.rsplit("/", 1)[-1])
        if match:
            return match["prefix"], match["ext"]
    if script_builds_links:
        return "index", _own_extension(url)
    return None


def _own_extension(url: str) -> str:
    """The extension of the page's own file name (``index.htm`` → htm), ``html`` for a folder URL."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else "html"
    return ext if ext in _PAGE_EXTS else "html"
