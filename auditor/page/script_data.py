"""The data a script-drawn list loads, read directly: cheaper than a browser, and as true when the
data is plainly the list.

A page whose list a script fills from ``/api/list?channel=4009`` says where its data is; when the
answer is JSON holding one array of entries that each carry a title, a URL and (mostly) a date, it
*is* the list a person would see, and the page reader can read it as if the server had drawn it:
``filled_page`` puts the entries into the page's empty list container. Anything less plain (other
shapes, entries without URLs, HTML fragments, a body that is no JSON) is not guessed at: the crawl
renders the page instead, or says it could not read it.

Nothing here reads a key's name: the list is the array whose entries' *values* are shaped like a
title, an address and a date, wherever the API put it (``list``, ``rows``, ``data.records`` or a
name nobody listed). An empty array is a list with no entries only when it is the answer's one array
and a zero stands beside it (``{"total": 0, "list": []}``): an empty array beside no count, or
beside a count that is not zero, is a shape we do not know.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from auditor.page.dates import find_date
from auditor.page.empty_lists import NOT_LISTS, fetching_script
from auditor.page.script_pager import address_end, address_start, joins
from auditor.page.tree import Page

_URLISH = re.compile(r"^(?:https?://|/|\./|\.\./|[\w\-]+/)[^\s<>\"']*$")
#: how deep in the answer the list is looked for (``{"data": {"page": {"rows": [...]}}}``)
_DEPTH = 3


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
    ones, and ``"head" + name (+ "tail")`` where ``name`` is assigned a string in the same script
    (the joins ``auditor.page.script_pager.joins`` reads)."""
    found: list[str] = []
    for _, code in page.inline_scripts():
        for before, name, after in joins(code, open_end=True):
            head, tail = address_end(before), address_start(after)
            value = re.search(rf"""\b{re.escape(name)}\s*=\s*(['"])([^'"]*)\1""", code)
            if value and head and ("/" in head or "?" in head):
                _add(found, page, head + value.group(2) + tail)
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
    arrays = list(_arrays(value))
    for array, holder in arrays:
        if not array or not all(isinstance(raw, dict) for raw in array):
            continue
        fields = _fields(array)
        if fields is None:
            continue
        entries = [_entry(raw, *fields) for raw in array]
        if sum(entry.date is not None for entry in entries) * 5 < len(entries) * 4:
            continue  # plainly a list of publications: (nearly) every entry dated
        return DataList(tuple(entries), _total(holder, len(entries)))
    if len(arrays) == 1 and not arrays[0][0] and 0 in _numbers(arrays[0][1]):
        return DataList((), 0)
    return None


def _arrays(value: Any, depth: int = 0) -> Iterator[tuple[list[Any], dict[str, Any] | None]]:
    """Every array in the answer (``_DEPTH`` levels down at most), with the object holding it."""
    if isinstance(value, list):
        yield value, None
        return
    if not isinstance(value, dict) or depth >= _DEPTH:
        return
    for inner in value.values():
        if isinstance(inner, list):
            yield inner, value
        elif isinstance(inner, dict):
            yield from _arrays(inner, depth + 1)


def _numbers(holder: dict[str, Any] | None) -> list[int]:
    """The counts written beside the list: whole numbers, as numbers or digit strings."""
    if not holder:
        return []
    return [int(v) for v in holder.values()
            if (isinstance(v, int) and not isinstance(v, bool) and v >= 0) or (isinstance(v, str) and v.isdigit())]


def _total(holder: dict[str, Any] | None, shown: int) -> int | None:
    """The total the answer declares: the one value of the counts beside the list that could be
    its total (at least the entries shown); None when there are none or they differ (a page size,
    a channel number, a status code beside the total cannot be told from it by shape)."""
    values = {n for n in _numbers(holder) if n >= shown}
    return values.pop() if len(values) == 1 else None


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
        if k not in addresses and not any(_date_value(raw[k]) for raw in array)
        and all(not raw[k].strip().isascii() or " " in raw[k].strip() for raw in array)
    ]
    if not addresses or not texts:
        return None
    url_key = max(addresses, key=lambda k: (distinct(k), -addresses.index(k)))
    title_key = max(texts, key=lambda k: (distinct(k), sum(len(raw[k]) for raw in array)))
    return title_key, url_key


def _entry(raw: dict[str, Any], title_key: str, url_key: str) -> DataEntry:
    date = next((found for value in raw.values() if isinstance(value, str) and (found := _date_value(value))), None)
    return DataEntry(str(raw[title_key]).strip(), str(raw[url_key]).strip(), date.isoformat() if date else None)


def _date_value(value: str) -> dt.date | None:
    """The date a value *is* (``2026-11-20 09:30:00``, ``2026年11月20日``): one it starts with, not
    one a title mentions."""
    found = find_date(value)
    return found if found is not None and value.strip().startswith(str(found.year)) else None


def filled_page(html: str, url: str, data: DataList) -> str:
    """The page with its list drawn from ``data`` as a server would draw it (one ``<li>`` per entry:
    the title's link and the date), in the list container the script would fill; a page without
    one gets the list at the end of its body. An empty list is drawn as an empty container. The
    scripts are left out, as in a rendered page whose scripts have run: the reader must not take
    the filled list for one still waiting for its script."""
    root = lxml.html.document_fromstring(html)
    container = _container(root)  # named by the scripts: found before they go
    for script in list(root.iter("script")):  # their work is done: the list is drawn
        script.drop_tree()
    if container is None:
        body = root.find("body")
        container = lxml.html.Element("ul", {"class": "list"})
        (body if body is not None else root).append(container)
    for child in list(container):
        container.remove(child)
    container.text = None
    target = container
    if container.tag not in ("ul", "ol"):
        target = lxml.html.Element("ul", {"class": "list"})
        container.append(target)
    for entry in data.entries:
        shown = f'<li><a href="{escape(entry.url)}">{escape(entry.title)}</a>'
        shown += f'<span class="date">{entry.date}</span></li>' if entry.date else "</li>"
        target.append(lxml.html.fragment_fromstring(shown))
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _container(root: HtmlElement) -> HtmlElement | None:
    """The first element the page's scripts name by its id (``getElementById("docList")``,
    ``$("#docList")``) that holds no link: the list container they fill."""
    code = "\n".join(script.text for script in root.iter("script") if script.text)
    if not code:
        return None
    for element in root.iter():
        ident = element.get("id") if isinstance(element.tag, str) and element.tag not in ("script", "body", "html") else None
        if not ident or any(True for _ in element.iter("a")):
            continue
        if f"'{ident}'" in code or f'"{ident}"' in code or f"#{ident}" in code:
            return element
    return None
