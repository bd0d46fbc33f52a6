"""The portal's own column map, kept as the walk reads: every column page named by its own words
and placed under its parent.

Every page the walk reads whole (the home page, the pages a link led to, the pages a search read)
is looked at once: an article or a page that names itself nowhere is no column; any other page is
one column of the map, named by its breadcrumb's last crumb, its ``ColumnName`` meta, its highlighted
tree node, its heading or its title (``auditor.walk.confirm.own_name``), under the column its
breadcrumb names before it, else under the page that listed it. Its list gives the map its items,
its newest date and its state. Column links seen on those pages but never read are the map's
coverage: what a person could click that the walk did not open; refused pages are kept apart.

Bounded by the walk: the census reads no page of its own, so it costs nothing; it says how much of
the site it saw rather than pretending to have seen it all.
"""

from __future__ import annotations

import datetime as dt

from auditor.model.observations import ColumnMap, MapColumn, MapState
from auditor.page.answer import FetchedPage
from auditor.page.canonical import canonical_url
from auditor.walk.confirm import breadcrumb, is_article, own_name



class Census:
    """The column map of one walk."""

    def __init__(self, as_of: dt.date, in_scope) -> None:  # noqa: ANN001
        self.as_of = as_of
        self.in_scope = in_scope
        self.columns: dict[str, MapColumn] = {}
        #: every page looked at (requested URLs), each once
        self.looked: set[str] = set()
        #: column links seen: URL -> (name, URL of the page listing it)
        self.listed: dict[str, tuple[str, str]] = {}
        self.refused: list[str] = []
        self.home: str | None = None

    def read(self, page: FetchedPage) -> None:
        """Look at one page the walk read whole (once)."""
        if page.requested_url in self.looked:
            return
        self.looked.add(page.requested_url)
        self.looked.add(page.url)
        if not page.ok or page.doc is None:
            if page.refused:
                self.refused.append(page.requested_url)
            return
        if self.home is None:
            self.home = page.url
        for link in page.links:
            if link.is_column and link.role != "breadcrumb" and link.label and self.in_scope(link.url):
                self.listed.setdefault(canonical_url(link.url), (link.label, page.url))
        if page.url == self.home or is_article(page, self.as_of):
            return
        named = own_name(page)
        if named is None:
            return
        name, source = named
        self.columns[page.url] = self._column(page, name, source)

    def _column(self, page: FetchedPage, name: str, source: str) -> MapColumn:
        listing = page.listing(self.as_of)
        dates = [item.date for item in listing.items if item.date]
        count = len(listing.items) or listing.declared_total or 0
        state = _state(listing.kind, count)
        crumbs = breadcrumb(page)
        parent_name = crumbs[-2] if len(crumbs) >= 3 else None
        parent_url = None
        if parent_name is not None:
            parent_url = next((link.url for link in page.links if link.role == "breadcrumb" and link.label == parent_name), None)
        listed = self.listed.get(canonical_url(page.url)) or self.listed.get(canonical_url(page.requested_url))
        if parent_name is None and listed is not None and listed[1] != self.home:
            parent_url = listed[1]
            parent_name = self.columns[parent_url].name if parent_url in self.columns else None
        return MapColumn(
            name=name,
            url=page.url,
            parent_name=parent_name,
            parent_url=parent_url,
            items=count if state in ("list", "empty") else None,
            newest=max(dates) if dates else None,
            state=state,
            named_by=source,
        )

    def column_map(self) -> ColumnMap:
        read = set(self.columns) | self.looked
        unread = [(name, url) for url, (name, _) in self.listed.items() if url not in read]
        return ColumnMap(
            columns=sorted(self.columns.values(), key=lambda c: c.url),
            listed_not_read=sorted(unread, key=lambda p: p[1])[:500],
            refused=sorted(set(self.refused)),
        )


def _state(kind: str, count: int) -> MapState:
    """How a list's kind reads in the map: a list with items, an empty one (no item, or a
    placeholder), a parent, a list drawn by script, a text page, unknown."""
    if kind == "list":
        return "list" if count else "empty"
    if kind == "placeholder":
        return "empty"
    if kind == "js_only":
        return "script"
    return kind if kind in ("parent", "page") else "unknown"  # type: ignore[return-value]
