"""What a column page shows: its list of items, how big the list says it is, or why it shows none.

Generic on purpose (what one CMS family does lives in ``auditor.page.dialects``): the main list is the biggest group of
entries (``li``/``tr``/``dd`` or repeated ``div`` rows) found outside the header, navigation,
footer, breadcrumb and friend links. Groups of rows that a template splits into blocks of five
(TRS, the Fujian "trt" template) are joined again when their containers are alike and share an
ancestor. Small groups (one or two entries) count only when every entry shows a date, so a content
page's single "related link" is not taken for a list.

Whether a group of rows is a list of items or a menu is weighed, not matched: a dated row is an
item; an undated group that links the page itself, starts with 首页, nests lists (a column tree),
repeats the page's other links or shows names rather than headlines is a menu whatever its URLs
look like; rows whose links are not article-shaped either (slugs, queries) are items only when
their cues say so together (headline-length texts, a long list, no places below the page), and
otherwise the walk reads their pages, which decide.

When a page shows no items, it says why in ``kind``:

* ``placeholder``: the list area shows 暂无信息 / 暂无数据 … (text inside a JavaScript template or a
  hidden element does not count: it may never be shown);
* ``js_only``: an empty list container or a list template plus a script that fetches the data
  (``fetch(``, ``$.ajax``, ``axios``, ``dataproxy.jsp``, ``/api/``…); the crawler does not run it;
* ``list`` with zero items: an empty list container (or a Hanweb datastore without records);
* ``parent``: the main area offers sub-column links instead of items;
* ``page``: a content page (联系我们, a guide): text, no list;
* ``unknown``: none of these.

A placeholder wins over a fetching script: the placeholder is what a reader sees.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import datetime as dt
from dataclasses import dataclass

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from auditor.page.dates import date_from_url, find_date
from auditor.model.observations import ListingKind, ListItem, Listing
from auditor.model.notes import Note
from auditor.page.empty_lists import (
    fetching_script,
    find_placeholder,
    has_empty_list_container,
    has_list_template,
)
from auditor.page.dialects import Datastore, date_cell
from auditor.page.dialects import datastores as find_datastores
from auditor.page.pagination import read_pagination
from auditor.page.subcolumns import Column, comparable_url, dedupe_columns, find_subcolumns, menus_of_this_level
from auditor.page.roles import block_heading, is_more_link
from auditor.page.rows import next_cell_date, row_of
from auditor.page.tree import HOME_NAMES, Page, collapse, link_name
from auditor.page.urlshapes import is_article_url, is_document, is_pagination_url

#: a content page has at least this much text of its own (not link text) in the main area
PAGE_TEXT = 30
_SUBSTANTIAL_TEXT = 200


@dataclass
class _Entry:
    element: HtmlElement
    item: ListItem
    order: int
    #: the row shows no date and its link is not shaped like an article: it is an item only if its
    #: group reads as a list of items (``_reads_as_items``)
    shapeless: bool = False


def parse_listing(html: str, url: str, as_of: dt.date) -> Listing:
    """``read_listing`` of a column page given as text (parses it)."""
    return read_listing(Page.parse(html or "", url), as_of)


def read_listing(page: Page, as_of: dt.date) -> Listing:
    """Read one parsed column page. Never raises on bad HTML: a page that cannot be read is ``unknown``."""
    scripts = [text for _, text in page.inline_scripts()]
    stores = _main_datastores(page, page.source)
    datastore = max(stores, key=lambda store: len(store.records)) if stores else None
    hrefs = [url for _, url in page.link_elements()]
    pagination = read_pagination(scripts, page.text(), hrefs, page.url, _click_codes(page))

    # every list block counts: Hanweb datastores (one per block of a tab-block parent) and the
    # lists shown as markup beside them
    shown = _main_list(page, as_of)
    items = _merge_items([item for store in stores for item in _datastore_items(store, page, as_of)], shown)
    main_columns, own_columns = find_subcolumns(page)
    listing = Listing(kind="list", items=items, subcolumns=dedupe_columns(main_columns + own_columns))

    if datastore is not None:
        # later Hanweb pages come from dataproxy.jsp only: no static next pages
        listing.datastore_records = sum(len(store.records) for store in stores)
        totals = [store.total_records for store in stores]
        listing.declared_total = sum(totals) if not shown and None not in totals else None  # type: ignore[arg-type]
        listing.page_count = datastore.total_pages
        if datastore.total_records and datastore.total_records > len(datastore.records):
            listing.notes.append(Note("dataproxy_only", {"shown": len(datastore.records)}))
    else:
        listing.declared_total = pagination.declared_total
        listing.page_count = pagination.page_count
        listing.next_pages = pagination.next_pages(page.url)
        if items and not listing.next_pages:
            listing.maybe_pages = maybe_later_pages(page, [item.url for item in items if item.url])
        for address in pagination.script_pages:
            absolute = page.absolute(address)
            if absolute and absolute != page.url and absolute not in listing.maybe_pages:
                listing.maybe_pages.append(absolute)
        if items and pagination.pager_unread:
            listing.notes.append(Note("pager_unread", {"shown": len(items)}))
        limit, pages = pagination.static_limit, pagination.page_count
        if limit and pages and pages > limit:
            listing.notes.append(Note("search_endpoint_only", {"first": limit + 1, "last": pages, "limit": limit}))
    if items or datastore is not None:
        if not items:
            listing.placeholder = find_placeholder(page)
            listing.kind = "placeholder" if listing.placeholder else "list"
        return listing

    listing.placeholder = find_placeholder(page)
    if listing.placeholder:
        listing.kind = "placeholder"
        return listing
    empty_container = has_empty_list_container(page)
    template = has_list_template(page)
    js_source = fetching_script(page, scripts, need_list_shape=not (empty_container or template))
    if js_source:
        listing.kind, listing.js_source = "js_only", js_source
    elif template:
        listing.kind, listing.js_source = "js_only", "a list template filled by an external script"
    elif empty_container:
        listing.kind = "list"
    else:
        listing.kind = _kind_without_list(page, main_columns, own_columns)
    return listing


# --- later pages by shape -------------------------------------------------------------------------
#: the longest link text a pager's entry has (1, 下一页, ▶, 往后, »|)
_PAGER_TEXT = 4


def maybe_later_pages(page: Page, item_urls: list[str]) -> list[str]:
    """Links that may lead to later pages of the list, whatever the pager's words or classes: short
    links of the main area, inside the column's folder, that are no item of the list and whose URLs
    differ from each other only in a small number (``joju2.html``, ``joju3.html``). Only a guess:
    the walk reads them and keeps a page only when it names itself as the column does."""
    folder = page.url.rsplit("/", 1)[0] + "/"
    items = set(item_urls)
    groups: dict[str, list[str]] = {}
    for anchor, url in page.link_elements():
        if url in items or url == page.url or not url.startswith(folder) or page.region(anchor) != "main":
            continue
        text = link_name(anchor, page)
        if len(text) > _PAGER_TEXT or "?" in url and "=" not in url:
            continue
        template, numbers = _numbers_out(url[len(folder):])
        if not numbers or max(numbers) > 999:
            continue
        if max(numbers) <= 1 and _own_path(url) == _own_path(page.url):
            continue  # this first page again, spelled with its page parameter (``?page=1``)
        groups.setdefault(template, []).append(url)
    out: list[str] = []
    for urls in groups.values():
        out.extend(u for u in dict.fromkeys(urls) if u not in out)
    return out[:20]


def _click_codes(page: Page) -> list[str]:
    """The code of the main area's short click targets (``onclick``, ``javascript:`` links, buttons
    of a few characters: 下一页, ▶, 2): what a scripted pager runs when a person turns the page."""
    codes: list[str] = []
    for element in page.root.iter("a", "button", "input", "span", "li", "div"):
        if page.in_chrome(element) or not page.is_visible(element):
            continue
        href = (element.get("href") or "").strip()
        code = element.get("onclick") or (href if href.lower().startswith("javascript:") else "")
        if code and len(collapse(element.get("value") or page.text(element))) <= _PAGER_TEXT:
            codes.append(code)
    return codes


def _own_path(url: str) -> str:
    """A URL's path without its query and a trailing index page: one page however it is spelled."""
    path = urlsplit(url).path
    return path[: -len(path.rsplit("/", 1)[-1])] if path.rsplit("/", 1)[-1].startswith("index.") else path


def _numbers_out(text: str) -> tuple[str, list[int]]:
    """``text`` with each run of digits as ``#``, and the runs' values (``joju2.html`` → ``joju#.html``, [2])."""
    template: list[str] = []
    numbers: list[int] = []
    run = ""
    for char in text + " ":
        if char.isdigit():
            run += char
            continue
        if run:
            template.append("#")
            numbers.append(int(run))
            run = ""
        template.append(char)
    return "".join(template)[:-1], numbers


# --- the main list ----------------------------------------------------------------------------------
def _main_datastores(page: Page, source: str) -> list[Datastore]:
    """The Hanweb datastores of the main area, visible ones only (side widgets and the page
    chrome have their own)."""
    shown = [(script, text) for script, text in page.inline_scripts() if not page.in_chrome(script) and _shown_block(page, script)]
    main = [text for script, text in shown if page.region(script) == "main"]
    stores = find_datastores(main, source)
    if stores:
        return stores
    # no datastore in the main area: the biggest elsewhere (a template that names its content "side")
    others = find_datastores([text for _, text in shown], source)
    return [max(others, key=lambda store: len(store.records))] if others else []


def _shown_block(page: Page, script: HtmlElement) -> bool:
    """The block a datastore script draws into is visible (its parent; the script itself never is)."""
    parent = script.getparent()
    return parent is None or page.is_visible(parent)


def _merge_items(first: list[ListItem], second: list[ListItem]) -> list[ListItem]:
    seen: set[str] = set()
    out = []
    for item in first + second:
        key = (item.url or item.title).lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _main_list(page: Page, as_of: dt.date) -> list[ListItem]:
    """The items of every visible list block of the main area: the biggest list, and each block a
    heading or tab names (a parent made of tab blocks shows one list per sub-column)."""
    groups: dict[HtmlElement, list[_Entry]] = {}
    seen: set[HtmlElement] = set()
    order = 0
    for anchor, url in page.link_elements():
        if page.in_chrome(anchor):
            continue
        if url == page.url or is_pagination_url(url):
            continue
        entry = row_of(anchor, page.link_url)
        if entry is None or entry in seen:
            continue
        seen.add(entry)
        item = _read_entry(page, entry, as_of, shapeless=True)
        if item is None:
            continue
        order += 1
        groups.setdefault(_container_of(entry), []).append(_Entry(entry, item, order, _is_shapeless(item)))
    merged = [kept for group in _merge_alike(groups) if (kept := _weighed(page, group))]
    best: list[_Entry] = []
    for group in merged:
        if _rank(group) > _rank(best):
            best = group
    # other headed blocks count with their dated or article-shaped rows; a block read as items by
    # its cues alone is the main list or nothing (an overview page's blocks of column links)
    blocks = [group for group in merged if group is not best and not group[0].shapeless and _headed_block(page, group)]
    if len(best) < 3 and not all(e.item.date_source == "list" for e in best) and not _headed_block(page, best):
        best = []
    items: list[ListItem] = []
    known: set[str] = set()
    for entry in sorted([e for group in [best, *blocks] for e in group], key=lambda e: e.order):
        key = (entry.item.url or entry.item.title).lower()
        if key not in known:
            known.add(key)
            items.append(entry.item)
    return items


def _headed_block(page: Page, group: list[_Entry]) -> bool:
    """The group is the list of a block named by a heading with its 更多> link, or a tab pane."""
    if not group:
        return False
    container = _container_of(group[0].element)
    rows = {id(e.element) for e in group}
    node: HtmlElement | None = container
    for _ in range(3):
        node = node.getparent() if node is not None else None
        if node is None or node.tag in ("body", "html"):
            return False
        mores = [
            link for link, _ in page.link_elements(node)
            if is_more_link(page, link) and not any(id(a) in rows for a in link.iterancestors())
        ]
        if len(mores) == 1:
            return bool(block_heading(page, mores[0]))
        if len(mores) > 1:
            return False
    return False


def _rank(group: list[_Entry]) -> tuple[bool, int, int, int]:
    """The main list is the biggest group; a group of dated or article-shaped rows before any group
    read as items by its cues alone (``_reads_as_items``)."""
    if not group:
        return (False, 0, 0, 0)
    dated = sum(1 for e in group if e.item.date)
    return (not group[0].shapeless, len(group), dated, -group[0].order)


def _container_of(entry: HtmlElement) -> HtmlElement:
    parent = entry.getparent()
    if entry.tag == "tr" and parent is not None and parent.tag in ("tbody", "thead", "tfoot"):
        table = parent.getparent()
        return table if table is not None else parent
    return parent if parent is not None else entry


def _merge_alike(groups: dict[HtmlElement, list[_Entry]]) -> list[list[_Entry]]:
    """Join groups whose entries and containers look alike and whose containers' parents look alike
    and share their parent (a list split into blocks of five)."""
    merged: dict[tuple[object, ...], list[_Entry]] = {}
    for container, entries in groups.items():
        first = entries[0].element
        parent = container.getparent()
        grand = parent.getparent() if parent is not None else None
        key: tuple[object, ...] = (
            first.tag,
            first.get("class") or "",
            container.tag,
            container.get("class") or "",
            _signature(parent),
            grand if grand is not None else container,
        )
        merged.setdefault(key, []).extend(entries)
    return [sorted(group, key=lambda e: e.order) for group in merged.values()]


def _signature(element: HtmlElement | None) -> tuple[str, str]:
    if element is None:
        return ("", "")
    return (str(element.tag), element.get("class") or "")


def _read_entry(page: Page, entry: HtmlElement, as_of: dt.date, shapeless: bool = False) -> ListItem | None:
    """The item an entry shows, or None when it is no article entry (no title, or neither an article
    link nor a date; with ``shapeless`` such an entry is returned too, for its group to judge)."""
    best: tuple[tuple[int, int], HtmlElement, str, str] | None = None
    for anchor, url in page.link_elements(entry):
        title = link_name(anchor, page)
        if not title or is_pagination_url(url):
            continue
        itemish = is_article_url(url) or is_document(url)
        score = (1 if itemish else 0, len(title))
        if best is None or score > best[0]:
            best = (score, anchor, url, title)
    if best is None:
        return None
    _, anchor, url, title = best
    year_end = _year_heading(page, entry)
    listed = _row_date(page, entry, anchor, min(year_end, as_of) if year_end else as_of)
    if listed:
        return ListItem(title=title, url=url, date=listed.isoformat(), date_source="list")
    from_url = date_from_url(url)
    if from_url:
        return ListItem(title=title, url=url, date=from_url.isoformat(), date_source="url")
    if shapeless or is_article_url(url) or is_document(url):
        return ListItem(title=title, url=url)
    return None


def _is_shapeless(item: ListItem) -> bool:
    return not item.date and not (item.url and (is_article_url(item.url) or is_document(item.url)))


# --- undated rows without an article-shaped link: a list of items, or a menu? ------------------------
#: a headline is longer than a column's name (政策解读, 财政预决算 vs 《…实施办法》政策解读): the
#: median link text, in characters, from which a group reads as headlines, and up to which as names
_HEADLINE = 8
_NAME = 5


def _weighed(page: Page, group: list[_Entry]) -> list[_Entry]:
    """The entries of ``group`` that are items. A dated row is. An undated group that reads as a
    menu (``_reads_as_menu``) is none, whatever its URLs look like. Otherwise article-shaped rows
    are (and a shapeless row beside them is not: a 更多 link, a heading); a group of shapeless rows
    only is a list of items when its cues say so together (``_reads_as_items``)."""
    if any(e.item.date for e in group):
        return [e for e in group if not e.shapeless]
    if _reads_as_menu(page, group):
        return []
    shaped = [e for e in group if not e.shapeless]
    if shaped:
        return shaped
    return group if _reads_as_items(page, group) else []


def _reads_as_menu(page: Page, group: list[_Entry]) -> bool:
    """An undated group a person reads as a menu. Facts that settle it: it links the page itself
    (the menu of its level, this column marked in it), starts with 首页, or its rows hold lists of
    their own (a column tree). Else cues weighed: it repeats links the page shows elsewhere (the
    site menu's drop-downs, the breadcrumb), its texts are names (short) rather than headlines."""
    # the page itself, also as its folder (a later page, index_1.html, is the column of its folder),
    # by path: a <base> may name the site by another host
    itself, folder = _place(page.url), _place(urljoin(page.url, "./"))
    if group[0].item.title in HOME_NAMES or any(
        _place(url) == itself or (alike and _place(url) == folder) for url, alike in _row_links(page, group)
    ):
        return True
    if any(sub.find(".//a") is not None for e in group for sub in e.element.iter("ul", "ol", "dl") if sub is not e.element):
        return True  # rows that hold lists of their own: the nodes of a column tree
    urls = [comparable_url(e.item.url) for e in group if e.item.url]
    rows = {e.element for e in group}
    elsewhere = {
        comparable_url(url) for anchor, url in page.link_elements(visible_only=False)
        if anchor not in rows and not any(row in rows for row in anchor.iterancestors())
    }
    median = _median_length(group)
    score = 3 if sum(1 for u in urls if u in elsewhere) * 2 > len(urls) else 0
    score += 2 if median <= _NAME else -2 if median >= _HEADLINE else 0
    return score >= 2


def _row_links(page: Page, group: list[_Entry]) -> list[tuple[str, bool]]:
    """The links of the rows of the group's containers, each with whether its row is alike to the
    group's: the row of the page itself is no entry of the group (a link to the page itself is
    none) and may be marked another way (``class="on"``); a row of another kind counts with its
    first link only (its own: the rest is its sub-list, or a pager's other pages)."""
    kinds = {(e.element.tag, e.element.get("class")) for e in group}
    tags = {tag for tag, _ in kinds}
    out: list[tuple[str, bool]] = []
    for box in {_container_of(e.element) for e in group}:
        for row in box.iter(*tags):  # a table's rows sit in its tbody
            if row is box:
                continue
            links = [url for _, url in page.link_elements(row, visible_only=False)]
            alike = (row.tag, row.get("class")) in kinds
            out.extend((url, alike) for url in (links if alike else links[:1]))
    return out


def _median_length(group: list[_Entry]) -> int:
    lengths = sorted(len(e.item.title) for e in group)
    return lengths[len(lengths) // 2]


def _place(url: str) -> str:
    """A URL's path and query in comparison form (no host, no index page)."""
    parts = urlsplit(comparable_url(url))
    return parts.path + ("?" + parts.query if parts.query else "")


def _reads_as_items(page: Page, group: list[_Entry]) -> bool:
    """Rows with neither dates nor article-shaped links (``/a/b-c.html``, ``/x.html?y=7``), and no
    menu by ``_reads_as_menu``, read as a list of items by cues weighed together as a reader weighs
    them: headline-length texts (a menu's entries are short names), a long list, and against it
    links to places below the page (its sub-columns' folders). Too close to call is no list: the
    walk then reads the links' pages, which decide (``auditor.walk.reading``)."""
    urls = [e.item.url for e in group if e.item.url]
    if len(group) < 3 or len(set(urls)) < len(group):
        return False
    median = _median_length(group)
    score = 2 if median >= _HEADLINE else -2 if median <= _NAME else 0
    score += 1 if len(group) >= 5 else 0
    # places below this page (folders under its own): what a parent offers is its sub-columns
    folder = urlsplit(urljoin(page.url, "./")).path
    below = sum(1 for u in urls if (path := urlsplit(u).path).endswith("/") and path.startswith(folder) and path != folder)
    score -= 3 if below * 2 > len(urls) else 0
    return score >= 2


def _year_heading(page: Page, entry: HtmlElement) -> dt.date | None:
    """The last day of the year a heading above the entry's list names (``2022年`` before a list
    of ``12-20`` rows): month-day dates under it are that year's, not the crawl's."""
    node: HtmlElement | None = entry
    for _ in range(3):
        node = node.getparent() if node is not None else None
        if node is None:
            return None
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            text = collapse(page.text(sibling)).rstrip("年 ")
            if len(text) == 4 and text.isdigit() and 1990 <= int(text) <= 2100:
                return dt.date(int(text), 12, 31)
            break  # only the nearest element before the list can head it
    return None


def _row_date(page: Page, entry: HtmlElement, anchor: HtmlElement, as_of: dt.date) -> dt.date | None:
    """The date the entry's own row shows: a catalogue table's 发布日期 cell, else anywhere in the
    row outside the title, else the next cell of a ``dd`` row, else inside the link."""
    cell = date_cell(entry)
    if cell is not None:
        found = find_date(page.text(cell), as_of)
        if found:
            return found
    return (
        find_date(page.text(entry, skip=lambda e: e is anchor), as_of)
        or next_cell_date(entry, page.text, as_of)
        or _date_inside(anchor, as_of)
    )


def _date_inside(anchor: HtmlElement, as_of: dt.date) -> dt.date | None:
    """A date in its own element inside the link (``<a><span>标题</span><span>2021-06-01</span></a>``)."""
    for child in anchor.iter():
        if child is anchor or not isinstance(child.tag, str):
            continue
        own = collapse(child.text_content())
        if own and len(own) <= 25:
            found = find_date(own, as_of)
            if found:
                return found
    return None


def _datastore_items(store: Datastore, page: Page, as_of: dt.date) -> list[ListItem]:
    if not store.records:
        return []
    wrapped = "".join(f"<div>{fragment}</div>" for fragment in store.records)
    try:
        holder = lxml.html.fragment_fromstring(wrapped, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    items = []
    for record in holder:
        item = _read_entry(page, record, as_of)
        if item is not None:
            items.append(item)
    return items


# --- no list: what the page is instead -----------------------------------------------------------------
def _kind_without_list(page: Page, main_columns: list[Column], own_columns: list[Column]) -> ListingKind:
    main_text, link_text = _main_text_lengths(page)
    if main_columns and (main_text < _SUBSTANTIAL_TEXT or (len(main_columns) >= 3 and link_text >= 0.3 * main_text)):
        return "parent"
    if own_columns and main_text < _SUBSTANTIAL_TEXT:
        return "parent"
    if main_text >= PAGE_TEXT:
        return "page"
    if menus_of_this_level(page, comparable_url(page.url)):
        # the column page shows the menu of its level and nothing in its own place: what a
        # person reads as a column with nothing in it (no placeholder text, no list)
        return "list"
    return "unknown"


def main_own_text(page: Page) -> int:
    """Characters (white space removed) the page says in its main area outside its links."""
    body = page.root.find("body")
    if body is None:
        return 0
    said = page.text(body, skip=lambda e: e.tag == "a" or page.region(e) != "main")
    return len("".join(said.split()))


def _main_text_lengths(page: Page) -> tuple[int, int]:
    """(text that is not link text, link text) in the main area, white space removed."""
    body = page.root.find("body")
    if body is None:
        return 0, 0
    all_text = page.text(body, skip=lambda e: page.region(e) != "main")
    plain = main_own_text(page)
    return plain, len("".join(all_text.split())) - plain
