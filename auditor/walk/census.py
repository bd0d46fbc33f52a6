"""The portal's own column map: every column page a person could reach by clicking, named by its
own words and placed under its parent.

Every page the walk reads whole (the home page, the pages a link led to, the pages a search read)
is looked at once: an article or a page that names itself nowhere is no column (the page's structure
says whether it is an article, ``auditor.walk.confirm.article_verdict``; that some column lists it
as an item only tips a page its structure left unsure); any other page is
one column of the map, named by its breadcrumb's last crumb, its ``ColumnName`` meta, its highlighted
tree node, its heading or its title (``auditor.walk.confirm.own_name``), under the column its
breadcrumb names before it, else under the column page whose own box lists it (the home page's
menu: the top). Its list gives the map its items, its newest date and its state.

Then the census reads pages of its own, once the walk has nothing outstanding: what a person could
still click from the home page and the column pages that the walk did not open. Whatever a person
clicks is a link of the page (``auditor.page.tree``: anchors, image-map areas, navigating
``<select>`` options, ``onclick`` handlers whose target the page's scripts spell, tiles named by
``title``/``alt``; frame documents are read into their page by ``auditor.walk.frames``), plus the
site map page (网站地图). Column links (menus, trees, sub-column boxes, tabs) come first, then
undated links shaped like columns, then other undated links of the menus; a dated list entry is an
article and never read. It stops at articles and media: their links are not followed. A page
budget bounds it (``WalkConfig.census_pages``), calendars (URLs that differ in a date) and facets
(one path, many queries) are capped, and what was left unread or refused is the map's coverage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from auditor.model.observations import ColumnMap, MapColumn, MapState
from auditor.page.answer import FetchedPage
from auditor.page.canonical import canonical_url
from auditor.page.links import Link
from auditor.page.urlshapes import is_column_url, media_kind_of
from auditor.walk.confirm import article_verdict, breadcrumb, own_name
from auditor.walk.matching import PERIPHERAL_REGIONS, ROLE_RANK
from auditor.walk.search import calendar_family

#: roles of a page's own box of its children (sub-column box, tabs, tree): a column listed there
#: sits under that page; the site's menu (``nav``) places nothing
_OWN_BOX = frozenset(role for role, rank in ROLE_RANK.items() if rank <= 1)
#: members of one path that differ only in their query (facets, filters) read at most
_FACET_PAGES = 3


@dataclass(frozen=True)
class Listed:
    """A link to a page that may be a column, as one page read offered it."""

    name: str
    #: the page that offered it
    source: str
    role: str
    #: 0 column link, 1 undated link shaped like a column, 2 other undated menu link, -1 site map
    tier: int
    order: int


class Census:
    """The column map of one walk, and the pages it still wants to read."""

    def __init__(self, as_of: dt.date, in_scope: Callable[[str], bool], budget: int = 120,
                 calendar_pages: int = 2) -> None:
        self.as_of = as_of
        self.in_scope = in_scope
        self.budget = budget
        self.calendar_pages = calendar_pages
        self.columns: dict[str, MapColumn] = {}
        #: every page looked at (requested and final URLs), each once
        self.looked: set[str] = set()
        #: links to pages that may be columns: canonical URL -> every offer of it, in the order seen
        self.listed: dict[str, list[Listed]] = {}
        self.refused: list[str] = []
        self.home: str | None = None
        #: pages the census asked for itself (beside the walk's)
        self.asked: set[str] = set()
        #: calendar and facet families: how many members were asked for
        self._families: dict[str, int] = {}
        #: pages not read for a cap (a calendar's further days, a facet's further queries)
        self.capped: list[str] = []
        #: the site map pages (网站地图) the home page links
        self.site_maps: set[str] = set()
        #: pages some column lists as its items: a cue that tips a page whose structure left it unsure
        self.item_urls: set[str] = set()
        #: pages whose structure says neither article nor column (``article_verdict``)
        self.unsure: set[str] = set()
        self._seq = 0

    # --- looking at pages -----------------------------------------------------------------------
    def read(self, page: FetchedPage) -> None:
        """Look at one page read whole (once)."""
        if page.requested_url in self.looked:
            return
        self.looked.add(page.requested_url)
        self.looked.add(canonical_url(page.url))
        if page.requested_url not in self.asked:
            self._count_family(page.requested_url)  # the walk's reads count against the caps too
        if not page.ok or page.doc is None:
            if page.refused:
                self.refused.append(page.requested_url)
            return
        if self.home is None:
            self.home = page.url
        if page.url != self.home:
            verdict = article_verdict(page, self.as_of)
            if verdict == "article":
                return  # an article: no column, and its links are not followed
            if verdict == "unsure":
                self.unsure.add(canonical_url(page.url))
        site_map = self._offered_as_site_map(page)
        named = own_name(page) if page.url != self.home and not site_map else None
        if page.url != self.home and named is None and not site_map:
            return  # a page that names itself nowhere is no column
        self._offers(page)
        if named is not None:
            self.columns[page.url] = self._column(page, *named)

    def _offered_as_site_map(self, page: FetchedPage) -> bool:
        return any(offer.tier < 0 for offer in self.listed.get(canonical_url(page.requested_url), ()))

    def _offers(self, page: FetchedPage) -> None:
        """Remember what ``page`` offers a person to click that may be a column: not the items its
        own list shows (articles, whatever their URLs look like)."""
        site_map = self._offered_as_site_map(page)
        items = {item.url for item in page.listing(self.as_of).items if item.url}
        self.item_urls.update(canonical_url(url) for url in items)
        for link in page.links:
            tier = _tier(link, site_map)
            if tier is None or not link.label or link.url == page.url or not self.in_scope(link.url):
                continue
            if link.url in items:
                continue
            self._seq += 1
            offer = Listed(link.label, page.url, link.role, tier, self._seq)
            self.listed.setdefault(canonical_url(link.url), []).append(offer)

    def offer_site_map(self, url: str, source: str) -> None:
        """The site map page (网站地图): read first, its links all offered as columns."""
        self._seq += 1
        self.site_maps.add(canonical_url(url))
        self.listed.setdefault(canonical_url(url), []).insert(0, Listed("网站地图", source, "toolbar", -1, self._seq))

    # --- reading pages of its own ---------------------------------------------------------------
    def next_batch(self) -> list[str]:
        """Pages the census wants to read now (the walk having nothing outstanding), within its
        budget: the best-placed unread offers first."""
        room = self.budget - len(self.asked)
        if room <= 0:
            return []
        waiting = [
            (min((o.tier, o.order) for o in offers), url)
            for url, offers in self.listed.items()
            if url not in self.looked and url not in self.asked
        ]
        batch: list[str] = []
        for _, url in sorted(waiting):
            if len(batch) >= room:
                break
            if not self._within_caps(url):
                self.asked.add(url)
                self.capped.append(url)
                continue
            self.asked.add(url)
            batch.append(url)
        return batch

    def _within_caps(self, url: str) -> bool:
        """May one more member of ``url``'s calendar or facet family be read (the walk's reads of
        the family counted)? A calendar links the next day forever; a facet every filter."""
        family = _family(url, self.calendar_pages)
        if family is None:
            return True
        if self._families.get(family[0], 0) >= family[1]:
            return False
        self._count_family(url)
        return True

    def _count_family(self, url: str) -> None:
        family = _family(url, self.calendar_pages)
        if family is not None:
            self._families[family[0]] = self._families.get(family[0], 0) + 1

    # --- the map -------------------------------------------------------------------------------
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
        else:
            parent_url = self._lister(page)
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

    def _lister(self, page: FetchedPage) -> str | None:
        """The page that lists ``page`` as one of its own children: a column page offering it in its
        own box (sub-columns, tabs, tree) before any other; None when the home page's menu offers it
        (a top column) or no column page does."""
        offers = self.listed.get(canonical_url(page.url), []) + self.listed.get(canonical_url(page.requested_url), [])
        if any(o.source == self.home for o in offers):
            return None
        # the site map lists every column: it places none
        lists = [o for o in offers if o.source != page.url and o.source not in self.site_maps]
        ranked = sorted((0 if o.role in _OWN_BOX else 1, o.order, o.source) for o in lists)
        return ranked[0][2] if ranked else None

    def column_map(self) -> ColumnMap:
        names = {url: column.name for url, column in self.columns.items()}
        # a text page its structure left unsure, which a column lists as one of its items: the list
        # tips it to an article (the cue weighs only where the page's own structure did not settle it)
        items = self.item_urls & self.unsure
        columns = []
        for column in sorted(self.columns.values(), key=lambda c: c.url):
            if column.state == "page" and canonical_url(column.url) in items:
                continue
            if column.parent_name is None and column.parent_url is not None:
                column = _with_parent_name(column, names.get(column.parent_url))
            columns.append(column)
        unread = tuple(
            (offers[0].name, url)
            for url, offers in sorted(self.listed.items())
            if url not in self.looked and url not in self.asked and min(o.tier for o in offers) <= 1
        )
        return ColumnMap(
            columns=tuple(columns),
            listed_not_read=unread[:500],
            refused=tuple(sorted(set(self.refused))),
            census_pages=len(self.asked) - len(self.capped),
            budget=self.budget,
            capped=tuple(self.capped[:100]),
        )


def _family(url: str, calendar_pages: int) -> tuple[str, int] | None:
    """The calendar (URLs differing in a date) or facet (one path, other queries) ``url`` belongs
    to, with how many of its members are read at most; None for a URL of neither."""
    family = calendar_family(url)
    if family is not None:
        return family, calendar_pages
    parts = urlsplit(url)
    if not parts.query:
        return None
    return parts._replace(query="").geturl(), _FACET_PAGES


def _with_parent_name(column: MapColumn, name: str | None) -> MapColumn:
    return replace(column, parent_name=name) if name else column


def _tier(link: Link, site_map: bool) -> int | None:
    """How soon a link is worth reading as a maybe-column: None never (a breadcrumb, a dated entry,
    a medium, a footer or friend link, a pager)."""
    if link.role == "breadcrumb" or link.date or media_kind_of(link.url) is not None:
        return None
    if link.is_column or site_map:
        return 0
    if link.role not in ("content", "entry"):
        return None
    if is_column_url(link.url):
        return 1
    # an undated link of the menus (hover menus, trees, headers), not of the page's content or chrome
    return 2 if link.region != "main" and link.region not in PERIPHERAL_REGIONS else None


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
