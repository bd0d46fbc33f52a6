"""The data a script-drawn list loads, read directly: cheaper than a browser, and as true when the
data is plainly the list.

A page whose list a script fills from ``/api/list?channel=4009`` says where its data is; when the
answer is JSON holding one array of entries that each carry a title, a URL and (mostly) a date, it
*is* the list a person would see, and the page reader can read it as if the server had drawn it:
``filled_page`` puts the entries into the page's empty list container. Anything less plain (other
shapes, entries without URLs, HTML fragments, a body that is no JSON) is not guessed at: the crawl
renders the page instead, or says it could not read it. An empty array counts only under a name
that says it is the list (``list``, ``rows`` …) and beside a total that is zero or absent: that is a
list with no entries, not a shape we do not know.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from auditor.page.empty_lists import NOT_LISTS, fetching_script
from auditor.page.tree import Page

#: keys under which APIs put the list itself
_LIST_KEYS = ("list", "rows", "records", "items", "data", "datas", "result", "results", "docs", "documents",
              "content", "resultlist", "datalist", "infolist", "articles")
_TOTAL_KEYS = ("total", "count", "totalcount", "recordcount", "totalrecord", "totalrecords", "totalelements")
_DATE = re.compile(r"^\s*((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_URLISH = re.compile(r"^(?:https?://|/|\./|\.\./|[\w\-]+/)[^\s<>\"']*$")
#: an address a script builds from literals and one name: "…/api/list?channel=" + channelId (+ ".json")
_CONCAT = re.compile(r"""(['"])([^'"\s]+)\1\s*\+\s*([A-Za-z_$][\w$]*)(?:\s*\+\s*(['"])([^'"\s]*)\4)?""")
#: list containers a script fills (class or id tokens)
_CONTAINER = re.compile(r"(?:^|[\s_\-])(?:list|lists|datalist|newslist|news-list|doclist|infolist|items)(?:$|[\s_\-])", re.I)


@dataclass(frozen=True)
class DataEntry:
    title: str
    url: str
    date: str | None


@dataclass(frozen=True)
class DataList:
    """The list a data answer plainly is: its entries and the total it declares (if any)."""

    entries: tuple[DataEntry, ...]
    total: int | None = None


def data_addresses(page: Page) -> list[str]:
    """The absolute addresses the page's inline scripts load a list from (at most two): literal
    ones, and ``"head" + name`` where ``name`` is assigned a string in the same script."""
    found: list[str] = []
    for _, code in page.inline_scripts():
        for match in _CONCAT.finditer(code):
            head, name = match.group(2), match.group(3)
            value = re.search(rf"""\b{re.escape(name)}\s*=\s*(['"])([^'"]*)\1""", code)
            if value and ("/" in head or "?" in head):
                _add(found, page, head + value.group(2) + (match.group(5) or ""))
        endpoint = fetching_script(page, [code], need_list_shape=True)
        if endpoint and "://" in endpoint and not endpoint.endswith(("=", "/")):
            _add(found, page, endpoint)
    return found[:2]


def _add(found: list[str], page: Page, address: str) -> None:
    if "{" in address or "}" in address:  # a template the script fills ("/api/list/{id}.json")
        return
    absolute = page.absolute(address)
    if absolute and not NOT_LISTS.search(absolute) and absolute not in found:
        found.append(absolute)


def read_data_list(body: bytes | str) -> DataList | None:
    """The list ``body`` plainly is, or None when it is not plainly one (see the module's note)."""
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    array, key, holder = _find_array(value)
    if array is None:
        return None
    total = _total(holder)
    if not array:
        plain = key is not None and key.lower() in _LIST_KEYS and total in (None, 0)
        return DataList((), total) if plain else None
    if not all(isinstance(raw, dict) for raw in array):
        return None
    fields = _fields(array)
    if fields is None:
        return None
    entries = [_entry(raw, *fields) for raw in array]
    if sum(entry.date is not None for entry in entries) * 5 < len(entries) * 4:
        return None  # plainly a list of publications: (nearly) every entry dated
    return DataList(tuple(entries), total)


def _find_array(value: Any) -> tuple[list[Any] | None, str | None, dict[str, Any] | None]:
    """The array that is the list: the body itself, or under a list-named key (one or two deep)."""
    if isinstance(value, list):
        return value, None, None
    if not isinstance(value, dict):
        return None, None, None
    for key, inner in value.items():
        if isinstance(inner, list) and key.lower() in _LIST_KEYS:
            return inner, key, value
    for key, inner in value.items():
        if isinstance(inner, dict) and key.lower() in _LIST_KEYS:
            found = _find_array(inner)
            if found[0] is not None:
                return found
    return None, None, None


def _total(holder: dict[str, Any] | None) -> int | None:
    if not holder:
        return None
    for key, value in holder.items():
        if key.lower() in _TOTAL_KEYS and isinstance(value, (int, str)) and str(value).isdigit():
            return int(value)
    return None


def _fields(array: list[dict[str, Any]]) -> tuple[str, str] | None:
    """(title key, URL key) of the entries, read from their values whatever the keys are called:
    the URL is a key every entry holds an address under, each its own; the title the key whose
    texts (not addresses, dates or bare codes) differ most from entry to entry and run longest (a
    publisher or a category repeats). None when the entries show no such pair."""
    keys = [key for key in array[0] if all(key in raw and isinstance(raw[key], str) and raw[key].strip() for raw in array)]

    def distinct(key: str) -> int:
        return len({raw[key].strip() for raw in array})

    addresses = [k for k in keys if all(_URLISH.match(raw[k].strip()) for raw in array)]
    texts = [
        k for k in keys
        if k not in addresses and not any(_DATE.match(raw[k]) for raw in array)
        and all(not raw[k].strip().isascii() or " " in raw[k].strip() for raw in array)
    ]
    if not addresses or not texts:
        return None
    url_key = max(addresses, key=lambda k: (distinct(k), -addresses.index(k)))
    title_key = max(texts, key=lambda k: (distinct(k), sum(len(raw[k]) for raw in array)))
    return title_key, url_key


def _entry(raw: dict[str, Any], title_key: str, url_key: str) -> DataEntry:
    date = None
    for value in raw.values():
        if isinstance(value, str):
            found = _DATE.match(value)
            if found:
                year, month, day = (int(g) for g in found.groups())
                date = f"{year:04d}-{month:02d}-{day:02d}"
                break
    return DataEntry(str(raw[title_key]).strip(), str(raw[url_key]).strip(), date)


def filled_page(html: str, url: str, data: DataList) -> str:
    """The page with its list drawn from ``data`` as a server would draw it (one ``<li>`` per entry:
    the title's link and the date), in the list container the script would fill; a page without
    one gets the list at the end of its body. An empty list is drawn as an empty container. The
    scripts are left out, as in a rendered page whose scripts have run: the reader must not take
    the filled list for one still waiting for its script."""
    root = lxml.html.document_fromstring(html)
    for script in list(root.iter("script")):  # their work is done: the list is drawn
        script.drop_tree()
    container = _container(root)
    if container is None:
        body = root.find("body")
        container = lxml.html.Element("ul", {"class": "list"})
        (body if body is not None else root).append(container)
    for child in list(container):
        container.remove(child)
    container.text = None
    target = container if container.tag in ("ul", "ol") else lxml.html.SubElement(container, "ul", {"class": "list"})
    for entry in data.entries:
        shown = f'<li><a href="{escape(entry.url)}">{escape(entry.title)}</a>'
        shown += f'<span class="date">{entry.date}</span></li>' if entry.date else "</li>"
        target.append(lxml.html.fragment_fromstring(shown))
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _container(root: HtmlElement) -> HtmlElement | None:
    """The first list container the script fills: list-named, no link inside."""
    for element in root.iter("ul", "ol", "div", "tbody", "section"):
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _CONTAINER.search(names) and not any(True for _ in element.iter("a")):
            return element
    return None
