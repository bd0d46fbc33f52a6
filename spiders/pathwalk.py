"""The spider: walk a portal along its mandated paths, as a person clicks, and observe each column.

From the home page, for each node of the walk plan, it follows the link whose name is the next
segment. A segment not linked from its parent page is searched for a bounded number of pages further
(the column tree of a sibling page, the platform's own home) before it is called missing; only then
is a close name (规划计划 for 规划信息) accepted, and reported as renamed. At each mandated column it
reads the list across pagination, the item pages of the first list page (required fields, media) and,
for a parent column, its sub-columns. It yields observations; the pipeline hands them to the audit.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals

from auditor.page.article import has_labels, parse_article
from auditor.page.dates import date_from_url
from auditor.page.listing import parse_listing
from auditor.page.links import Link
from auditor.walk.matching import PERIPHERAL_REGIONS, Match, find_column_link
from auditor.model.observations import (
    ColumnObservation,
    ItemPageObservation,
    Listing,
    ListItem,
    TrailStep,
)
from auditor.specs import Spec
from auditor.specs.loader import load_spec
from auditor.page.canonical import canonical_url, date_family
from auditor.page.urlshapes import is_column_url
from spiders.media_probe import MediaProbe
from spiders.pages import Page, PageBook
from auditor.walk.plan import PlanNode, build_plan
from auditor.walk.scope import Scope, strip_credentials
from auditor.model.reasons import Reason


@dataclass
class WalkConfig:
    """The ``AUDITOR_*`` settings the walk reads."""

    as_of: dt.date
    search_pages: int = 15
    search_depth: int = 2
    max_list_pages: int = 20
    max_item_pages: int = 0
    item_list_pages: int = 1
    max_subcolumns: int = 12

    @classmethod
    def from_settings(cls, settings: Any) -> WalkConfig:
        raw = (settings.get("AUDITOR_AS_OF") or "").strip()
        as_of = dt.date.fromisoformat(raw) if raw else dt.datetime.now(dt.timezone.utc).date()
        return cls(
            as_of=as_of,
            search_pages=settings.getint("AUDITOR_SEARCH_PAGES", 15),
            search_depth=settings.getint("AUDITOR_SEARCH_DEPTH", 2),
            max_list_pages=settings.getint("AUDITOR_MAX_LIST_PAGES", 20),
            max_item_pages=settings.getint("AUDITOR_MAX_ITEM_PAGES", 0),
            item_list_pages=settings.getint("AUDITOR_ITEM_LIST_PAGES", 1),
            max_subcolumns=settings.getint("AUDITOR_MAX_SUBCOLUMNS", 12),
        )


#: members of a family of URLs that differ only in a date (a calendar) one search reads at most
DATE_FAMILY_PAGES = 2


@dataclass
class ColumnVisit:
    """A column being read: its observation is yielded once every page it waits for has come."""

    node: PlanNode
    observation: ColumnObservation
    pending: int = 0
    done: bool = False
    #: URLs of the list pages asked for (the column page's among them), each asked once
    list_pages: set[str] = field(default_factory=set)
    #: list pages asked for, the column page included: at most AUDITOR_MAX_LIST_PAGES
    pages_asked: int = 1
    #: pagination offered more pages than the walk may read
    capped: bool = False
    #: list pages whose items had their article pages read (AUDITOR_ITEM_LIST_PAGES)
    item_list_pages: int = 0
    #: article pages asked for (AUDITOR_MAX_ITEM_PAGES, 0 = no limit)
    items_asked: int = 0


@dataclass
class Search:
    """The bounded search for segments not linked from their parent page."""

    parent: PlanNode
    parent_page: Page
    trail: list[TrailStep]
    pending: dict[str, PlanNode]
    budget: int
    max_depth: int
    queue: deque[tuple[Link, int, list[TrailStep]]] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)
    searched: list[str] = field(default_factory=list)
    refused: list[Reason] = field(default_factory=list)
    outstanding: int = 0
    #: calendar-like URL families and how many of their members were queued
    families: dict[str, int] = field(default_factory=dict)
    #: best close-name candidate per pending segment: (match, trail to the page that had it)
    similar: dict[str, tuple[Match, list[TrailStep]]] = field(default_factory=dict)


class PathWalkSpider(scrapy.Spider):
    """``scrapy crawl pathwalk -a start_url=URL -a spec=FILE [-a overrides=FILE]``."""

    name = "pathwalk"

    def __init__(
        self,
        start_url: str | None = None,
        spec: str | None = None,
        overrides: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not start_url or not spec:
            raise ValueError("pathwalk needs -a start_url=URL and -a spec=FILE")
        self.start_url = canonical_url(strip_credentials(start_url))  # never sent, logged or reported
        self.spec: Spec = load_spec(spec, overrides)
        self.plan = build_plan(self.spec)
        #: the origins the crawl may fetch from: the portal's and those listed (site overrides,
        #: AUDITOR_ALLOWED_HOSTS; listed ones are trusted even when private)
        self.scope = Scope(self.start_url, self.spec.allowed_hosts)
        self.book = PageBook()
        self.book.home_urls.add(self.start_url)
        self.visits: dict[tuple[str, ...], ColumnVisit] = {}
        self.finished: dict[tuple[str, ...], ColumnObservation] = {}
        self.config = WalkConfig(as_of=dt.date.today())

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PathWalkSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.config = WalkConfig.from_settings(crawler.settings)
        extra = crawler.settings.get("AUDITOR_ALLOWED_HOSTS") or ""
        spider.scope = Scope(spider.start_url, [*spider.spec.allowed_hosts, *extra.split(",")])
        spider.book.max_bytes = crawler.settings.getint("DOWNLOAD_MAXSIZE") or None
        spider.book.capacity = crawler.settings.getint("AUDITOR_PAGE_MEMORY", 2000)
        spider.media = MediaProbe(crawler.settings, spider.allowed)
        crawler.signals.connect(spider.media.on_bytes, signal=signals.bytes_received)
        return spider

    # --- helpers ------------------------------------------------------------------------------
    def allowed(self, url: str) -> bool:
        """Only http(s) URLs of the portal's origins (and those allowed) are fetched."""
        return self.scope.in_scope(url)

    def _finish(self, observation: ColumnObservation) -> Iterator[ColumnObservation]:
        if observation.segments in self.finished:
            return
        self.finished[observation.segments] = observation
        yield observation

    def _finish_subtree(self, node: PlanNode, template: ColumnObservation) -> Iterator[Any]:
        """A column that is missing or unreadable takes every column below it along."""
        for target in [node, *node.descendants()]:
            yield from self._finish(
                ColumnObservation(
                    segments=target.segments,
                    status=template.status,
                    trail=list(template.trail),
                    searched=list(template.searched),
                    offered=list(template.offered),
                    reason=template.reason,
                    http_status=template.http_status,
                )
            )

    # --- the walk -----------------------------------------------------------------------------
    async def start(self) -> Any:
        for request in self.book.want(self.start_url, self._on_home):
            yield request

    def _on_home(self, page: Page) -> Iterator[Any]:
        if not page.ok:
            reason = Reason("home_unreachable", page.reason or Reason("unknown"))
            for child in self.plan.children.values():
                yield from self._finish_subtree(
                    child,
                    ColumnObservation(
                        child.segments, "unverified", reason=reason, http_status=page.status,
                        trail=[TrailStep("首页", page.url)],
                    ),
                )
            return
        self.scope.add(page.url)
        self.book.home_urls.add(page.url)
        yield from self._walk_children(self.plan, page, [TrailStep("首页", page.url)])

    def _link_for(self, child: PlanNode, page: Page) -> Match | None:
        """The link on ``page`` named exactly as ``child`` (or by one of its aliases)."""
        return find_column_link(
            child.name,
            [link for link in page.links if link.url != page.url],
            aliases=self.spec.aliases_for(child.name),
            section_url=page.url,
            allow_similar=False,
        )

    def _walk_children(self, node: PlanNode, page: Page, trail: list[TrailStep]) -> Iterator[Any]:
        unlinked: dict[str, PlanNode] = {}
        for key, child in node.children.items():
            match = self._link_for(child, page)
            if match is None:
                unlinked[key] = child
            else:
                yield from self._go(child, match, trail)
        if unlinked:
            search = Search(
                parent=node,
                parent_page=page,
                trail=trail,
                pending=unlinked,
                budget=self.config.search_pages,
                max_depth=self.config.search_depth,
            )
            search.seen.add(page.url)
            for child in unlinked.values():
                self._remember_similar(search, child, page, trail)
            self._enqueue(search, page, 1, trail)
            yield from self._pump(search)

    def _go(self, node: PlanNode, match: Match, trail: list[TrailStep]) -> Iterator[Any]:
        step_trail = trail + [TrailStep(match.site_name or match.link.label, match.link.url)]
        observation = ColumnObservation(
            segments=node.segments,
            status="found",
            url=match.link.url,
            trail=step_trail,
            site_name=match.link.label or match.site_name,
            match=match.kind,
            similarity=match.similarity,
            alternates=list(match.alternates),
        )
        if not self.allowed(match.link.url):
            observation.status = "unverified"
            observation.reason = Reason("column_offsite", host=urlsplit(match.link.url).netloc.rsplit("@", 1)[-1])
            yield from self._finish_subtree(node, observation)
            return
        yield from self.book.want(match.link.url, lambda page: self._on_column(node, observation, page))

    def _on_column(self, node: PlanNode, observation: ColumnObservation, page: Page) -> Iterator[Any]:
        if observation.segments in self.visits or observation.segments in self.finished:
            return
        if not page.ok:
            # a refusal, a challenge or a page that says it does not exist proves nothing about the
            # column; only a plain HTTP 404/410 (or no HTML at all) behind its link makes it missing
            observation.status = "unverified" if page.refused or page.soft_404 else "missing"
            observation.reason = page.reason
            observation.http_status = page.status
            observation.searched = [page.url]
            yield from self._finish_subtree(node, observation)
            return
        if not self.allowed(page.url):
            observation.status = "unverified"
            observation.reason = Reason("column_redirected_offsite", host=urlsplit(page.url).netloc)
            observation.http_status = page.status
            yield from self._finish_subtree(node, observation)
            return
        observation.url = page.url
        observation.http_status = page.status
        visit = ColumnVisit(node, observation, list_pages={page.url, page.requested_url})
        self.visits[node.segments] = visit
        listing = parse_listing(page.text or "", page.url, self.config.as_of)
        observation.listing = listing
        if node.mandated:
            yield from self._read_list_pages(visit, listing.next_pages)
            yield from self._read_items(visit, listing)
            if listing.kind == "parent":
                yield from self._read_subcolumns(visit, listing)
        yield from self._settle(visit)
        if node.children:
            yield from self._walk_children(node, page, observation.trail)

    # --- reading a column ---------------------------------------------------------------------
    def _read_list_pages(self, visit: ColumnVisit, urls: list[str]) -> Iterator[Any]:
        """Ask for the further list pages ``urls`` a list page offers, each once, and no more than
        AUDITOR_MAX_LIST_PAGES in all (endless pagination is a trap, not a list)."""
        for url in urls:
            url = canonical_url(url)
            if url in visit.list_pages or not self.allowed(url):
                continue
            if visit.pages_asked >= self.config.max_list_pages:
                visit.capped = True
                break
            visit.list_pages.add(url)
            visit.pages_asked += 1
            visit.pending += 1
            yield from self.book.want(url, lambda page, v=visit: self._on_list_page(v, page))

    def _on_list_page(self, visit: ColumnVisit, page: Page) -> Iterator[Any]:
        visit.pending -= 1
        listing = visit.observation.listing
        if page.ok and listing is not None:
            more = parse_listing(page.text or "", page.url, self.config.as_of)
            listing.items.extend(more.items)
            yield from self._read_list_pages(visit, more.next_pages)
            yield from self._read_items(visit, more)
        else:
            visit.observation.failed_pages.append(page.url)
        yield from self._settle(visit)

    def _read_items(self, visit: ColumnVisit, listing: Listing) -> Iterator[Any]:
        """Read the article pages of one list page's items (required fields, media, dates), for
        the first AUDITOR_ITEM_LIST_PAGES list pages of the column, at most AUDITOR_MAX_ITEM_PAGES."""
        if visit.item_list_pages >= self.config.item_list_pages:
            return
        visit.item_list_pages += 1
        paths = visit.node.paths
        fields = tuple(dict.fromkeys(f for p in paths for f in p.rules.required_fields))
        items = [item for item in listing.items if item.url and self.allowed(item.url)]
        if self.config.max_item_pages:
            items = items[: max(self.config.max_item_pages - visit.items_asked, 0)]
        visit.items_asked += len(items)
        for item in items:
            if not item.date:
                url_date = date_from_url(item.url or "")
                if url_date:
                    item.date, item.date_source = url_date.isoformat(), "url"
            visit.pending += 1
            yield from self.book.want(
                item.url, lambda page, v=visit, i=item: self._on_item(v, i, fields, page)
            )

    def _on_item(
        self, visit: ColumnVisit, item: ListItem, fields: tuple[str, ...], page: Page
    ) -> Iterator[Any]:
        visit.pending -= 1
        column = visit.node.segments
        if not page.ok:
            yield ItemPageObservation(column, page.requested_url, "unverified", reason=page.reason)
        else:
            article = parse_article(page.text or "", page.url, self.config.as_of)
            if not item.date and article.date:
                item.date, item.date_source = article.date.isoformat(), "page"
            yield ItemPageObservation(
                column=column,
                url=page.url,
                title=article.title,
                date=article.date.isoformat() if article.date else None,
                fields_present=has_labels(article.text, fields) if fields else [],
                media=list(article.media),
            )
            for ref in article.media:
                yield from self.media.check(ref, page.url)
        yield from self._settle(visit)

    def _read_subcolumns(self, visit: ColumnVisit, listing: Listing) -> Iterator[Any]:
        known = {child.segments[-1] for child in visit.node.children.values()}
        chosen = [(n, u) for n, u in listing.subcolumns if n not in known and self.allowed(u)]
        for name, url in chosen[: self.config.max_subcolumns]:
            visit.pending += 1
            yield from self.book.want(url, lambda page, v=visit, n=name: self._on_subcolumn(v, n, page))

    def _on_subcolumn(self, visit: ColumnVisit, name: str, page: Page) -> Iterator[Any]:
        visit.pending -= 1
        if page.ok:
            sub = parse_listing(page.text or "", page.url, self.config.as_of)
            visit.observation.subcolumn_listings[name] = sub
        else:
            visit.observation.failed_pages.append(page.url)
        yield from self._settle(visit)

    def _settle(self, visit: ColumnVisit) -> Iterator[Any]:
        if visit.pending == 0 and not visit.done:
            visit.done = True
            self._note_certainty(visit)
            yield from self._finish(visit.observation)

    def _note_certainty(self, visit: ColumnVisit) -> None:
        """Say what the count rests on when it is not all seen: items read vs declared, a cap."""
        listing = visit.observation.listing
        if listing is None or listing.kind != "list":
            return
        read = len(listing.items)
        if visit.capped:
            listing.notes.append(
                f"pagination goes on beyond {self.config.max_list_pages} list pages "
                f"(AUDITOR_MAX_LIST_PAGES); counted the {read} items read"
            )
            self.logger.warning(
                "%s: list pagination capped at %d pages", " > ".join(visit.node.segments), self.config.max_list_pages
            )
            stats = getattr(getattr(self, "crawler", None), "stats", None)
            if stats is not None:
                stats.inc_value("pathaudit/list_pagination_capped")
        if listing.declared_total is not None and listing.declared_total != read:
            listing.notes.append(f"items_certain {read} (read), declared {listing.declared_total}")

    # --- searching for a segment not linked from its parent -----------------------------------
    def _remember_similar(self, search: Search, child: PlanNode, page: Page, trail: list[TrailStep]) -> None:
        match = find_column_link(
            child.name,
            [link for link in page.links if link.url != page.url],
            section_url=search.parent_page.url,
            exclude_names=[n.name for n in search.parent.children.values()] + [
                d.name for d in child.descendants()
            ],
        )
        if match is None or match.kind != "similar":
            return
        key = child.segments[-1]
        best = search.similar.get(key)
        if best is None or match.similarity > best[0].similarity:
            search.similar[key] = (match, trail)

    def _enqueue(self, search: Search, page: Page, depth: int, trail: list[TrailStep]) -> None:
        if depth > search.max_depth:
            return
        base = search.parent_page.url.rsplit("/", 1)[0] + "/"
        candidates = [
            link
            for link in page.links
            if link.region not in PERIPHERAL_REGIONS
            and link.url not in search.seen
            and self.allowed(link.url)
            and is_column_url(link.url)
        ]
        candidates.sort(key=lambda l: (0 if l.url.startswith(base) else 1, l.region != "tree", l.order))
        for link in candidates:
            search.seen.add(link.url)
            family = date_family(link.url)
            if family is not None:
                # a calendar links the next day forever: read a few days, not the budget
                taken = search.families.get(family, 0)
                if taken >= DATE_FAMILY_PAGES:
                    continue
                search.families[family] = taken + 1
            search.queue.append((link, depth, trail))

    def _pump(self, search: Search) -> Iterator[Any]:
        while search.queue and search.budget > 0 and search.pending:
            link, depth, trail = search.queue.popleft()
            search.budget -= 1
            search.outstanding += 1
            via = trail + [TrailStep(link.label, link.url)]
            yield from self.book.want(
                link.url, lambda page, s=search, d=depth, v=via: self._on_search_page(s, d, v, page)
            )
        if search.outstanding == 0:
            yield from self._end_search(search)

    def _on_search_page(self, search: Search, depth: int, via: list[TrailStep], page: Page) -> Iterator[Any]:
        search.outstanding -= 1
        search.searched.append(page.url)
        if not page.ok:
            if page.refused and self._could_hold_link(search, depth, page):
                search.refused.append((page.reason or Reason("unknown")).with_facts(url=page.requested_url))
        else:
            for key, child in list(search.pending.items()):
                match = self._link_for(child, page)
                if match is not None:
                    del search.pending[key]
                    yield from self._go(child, match, via)
                else:
                    self._remember_similar(search, child, page, via)
            self._enqueue(search, page, depth + 1, via)
        yield from self._pump(search)

    @staticmethod
    def _could_hold_link(search: Search, depth: int, page: Page) -> bool:
        """Could a page the server refused have held the missing column's link? A page the section
        page links to, or one inside the section's folder, could; a page two clicks away in another
        part of the site (a 503 on an unrelated column) could not, and must not turn every missing
        column of the site into an unverified one."""
        base = search.parent_page.url.rsplit("/", 1)[0] + "/"
        return depth <= 1 or page.requested_url.startswith(base)

    def _end_search(self, search: Search) -> Iterator[Any]:
        pending, search.pending = search.pending, {}
        for child in pending.values():
            similar = search.similar.get(child.segments[-1])
            if similar is not None:
                match, trail = similar
                yield from self._go(child, match, trail)
                continue
            offered = [
                link.label
                for link in search.parent_page.links
                if link.region in ("tree", "main", "nav") and link.label and is_column_url(link.url)
            ]
            observation = ColumnObservation(
                segments=child.segments,
                status="unverified" if search.refused else "missing",
                trail=list(search.trail),
                searched=list(dict.fromkeys([search.parent_page.url] + search.searched)),
                offered=list(dict.fromkeys(offered))[:40],
                reason=Reason("section_unreadable", tuple(search.refused[:5])) if search.refused else None,
            )
            yield from self._finish_subtree(child, observation)
