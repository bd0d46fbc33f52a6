"""The walk, pure: given answers, it says which URLs it wants next and which observations are final.

From the home page, for each node of the walk plan, it follows the link whose name is the next
segment. A segment not linked from its parent page is searched for a bounded number of pages
further (``auditor.walk.search``) before it is called missing; only then is a close name (规划计划
for 规划信息) accepted, and reported as renamed. At each mandated column it reads the list across
pagination, the item pages of the first list page (required fields, media) and, for a parent
column, its sub-columns.

No Scrapy, no sockets: a driver (the spider, or ``auditor.walk.drive``) calls ``start``, fetches
every URL ``take_requests`` returns, hands each answer to ``feed`` and collects the observations
it returns, the media to check (``take_media``), until ``done``; ``finish`` names what was not
reached when a crawl stops early.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import count
from typing import Union
from urllib.parse import urlsplit

from auditor.model.reasons import REASON_NOT_REACHED, REASON_UNREACHED_COMPLETE, Reason
from auditor.walk.scope import Scope, origin_of, redact_url
from auditor.model.observations import (
    ColumnObservation,
    ItemPageObservation,
    Listing,
    ListItem,
    MediaRef,
    TrailStep,
)
from auditor.page.answer import Answer, FetchedPage, judge_answer
from auditor.page.article import has_labels, read_article
from auditor.page.canonical import canonical_url, page_key
from auditor.page.dates import date_from_url
from auditor.page.links import Link, clean_link_name
from auditor.page.listing import read_listing
from auditor.page.tree import link_name
from auditor.page.urlshapes import is_column_url
from auditor.specs import Spec
from auditor.walk.book import PageBook
from auditor.walk.census import Census
from auditor.walk.config import WalkConfig
from auditor.walk.frames import FrameReader, site_map_url
from auditor.walk.confirm import StepCheck, breadcrumb, check_step, is_article, names_match, own_name
from auditor.walk.matching import Match, find_column_link
from auditor.walk.plan import PlanNode, build_plan
from auditor.walk.search import Search, Visit

Observation = Union[ColumnObservation, ItemPageObservation]


@dataclass(frozen=True)
class MediaWant:
    """A medium an item page uses, to be checked (once per crawl) by the driver."""

    ref: MediaRef
    page_url: str


@dataclass
class ColumnVisit:
    """A column being read: its observation is final once every page it waits for has come."""

    node: PlanNode
    observation: ColumnObservation
    #: ids of the pages it still waits for (list pages, item pages, sub-column pages)
    waiting: set[int] = field(default_factory=set)
    done: bool = False
    #: URLs of the list pages asked for (the column page's among them), each asked once
    list_pages: set[str] = field(default_factory=set)
    #: list pages asked for, the column page included: at most max_list_pages
    pages_asked: int = 1
    #: pagination offered more pages than the walk may read
    capped: bool = False
    #: list pages whose items had their article pages read (item_list_pages)
    item_list_pages: int = 0
    #: article pages asked for (max_item_pages, 0 = no limit)
    items_asked: int = 0
    #: more items were listed than item pages read (the newest were)
    sampled: bool = False
    #: links offered as sub-columns whose pages turned out to be articles: items of the column
    article_links: list[ListItem] = field(default_factory=list)


@dataclass
class Choice:
    """The links that may be a segment's column, checked on the pages they lead to
    (``auditor.walk.confirm``) before one is taken."""

    node: PlanNode
    match: Match
    links: list[Link]
    trail: list[TrailStep]
    #: what to do when every candidate turns out not to be the column (an article, another name)
    on_reject: Callable[[], None]
    pages: dict[int, FetchedPage] = field(default_factory=dict)
    checks: dict[int, StepCheck] = field(default_factory=dict)
    decided: bool = False


#: link targets a browser follows but the crawl never does (the page, not the site, is left)
_FOREIGN_SCHEMES = ("file:", "ftp:", "smb:", "ftps:")


def unfollowable_link(page: FetchedPage, names: set[str]) -> str | None:
    """The target of a link named as the column that leads off the web portal (``file:``, ``ftp:``),
    which the page's links leave out, if the page shows one."""
    doc = page.doc
    if doc is None:
        return None
    wanted = {clean_link_name(n) for n in names}
    for anchor in doc.root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href.lower().startswith(_FOREIGN_SCHEMES) and clean_link_name(link_name(anchor)) in wanted:
            return href
    return None


def newest(items: list[ListItem]) -> list[ListItem]:
    """Items newest first (by their listed or URL date); undated ones after, in list order."""
    dated = sorted((i for i in items if i.date), key=lambda i: i.date or "", reverse=True)
    return dated + [i for i in items if not i.date]


class Walker:
    """One walk of one portal along a spec's mandated paths."""

    def __init__(
        self,
        spec: Spec,
        start_url: str,
        config: WalkConfig,
        *,
        allowed_hosts: set[str] | None = None,
    ) -> None:
        self.spec = spec
        self.config = config
        self.as_of = config.today
        self.plan = build_plan(spec)
        self.start_url = canonical_url(start_url)
        #: the origins the crawl may fetch from (scheme, host, port): the portal's and the listed ones
        self.scope = Scope(self.start_url, allowed_hosts or ())
        self.home_urls: set[str] = {self.start_url}
        self.book = PageBook(config.page_memory)
        self.visits: dict[tuple[str, ...], ColumnVisit] = {}
        self.finished: dict[tuple[str, ...], ColumnObservation] = {}
        #: pages judged: what the walk read, parsed once each
        self.pages_read = 0
        #: list pagination cut at max_list_pages, per column (for the crawl's stats)
        self.capped_columns: list[tuple[str, ...]] = []
        self._out: list[Observation] = []
        self._media: list[MediaWant] = []
        self._ids = count()
        self._started = False
        #: per segment path, the URLs that proved not to be its column (an article, another column)
        self.rejected: dict[tuple[str, ...], set[str]] = {}
        #: every mandated column's name: a breadcrumb parent among them is a section of its own
        self._column_names = {node.name for node in self.plan.descendants()}
        #: frame documents read as part of their page
        self.frames = FrameReader(self.book, self.allowed)
        #: the portal's own column map, from every page read whole
        self.census = Census(self.as_of, self.allowed)
        #: the site map page the home page links (网站地图), read by a search before it ends
        self.site_map: str | None = None

    # --- the driver's side ------------------------------------------------------------------------
    def start(self) -> None:
        if not self._started:
            self._started = True
            self._want(self.start_url, self._on_home)

    def take_requests(self) -> list[str]:
        """URLs to fetch now, each once (canonical; the answer's ``url`` must be this URL)."""
        return self.book.take_asks()

    def take_media(self) -> list[MediaWant]:
        media, self._media = self._media, []
        return media

    def feed(self, answer: Answer) -> list[Observation]:
        """An answer came: judge it, let every waiting party read it; the observations now final."""
        page = judge_answer(answer, self.home_urls)
        self.pages_read += 1
        self.book.arrived(page)
        self.book.run()
        out, self._out = self._out, []
        return out

    @property
    def done(self) -> bool:
        """Nothing asked for is outstanding."""
        return not self.book.outstanding

    def allowed(self, url: str) -> bool:
        """The one scope check (``auditor.walk.scope``): http(s) URLs of the portal's origins and
        the allowed ones; another port of the portal's host is another site."""
        return self.scope.in_scope(url)

    @property
    def hosts(self) -> set[str]:
        """Host names of the crawl's scope, for people reading findings."""
        return set(self.scope.hosts)

    def finish(self, complete: bool = False) -> list[ColumnObservation]:
        """The columns the walk did not finish, ``unverified``: the crawl stopped before them
        (``complete=False``) or they were never reached. A column read only in part (its list
        pages still coming) is not judged on what was read."""
        out: list[ColumnObservation] = []
        reason = REASON_UNREACHED_COMPLETE if complete else REASON_NOT_REACHED
        for node in self.plan.descendants():
            if node.segments in self.finished:
                continue
            visit = self.visits.get(node.segments)
            trail = list(visit.observation.trail) if visit else []
            observation = ColumnObservation(node.segments, "unverified", url=visit.observation.url if visit else None,
                                            trail=trail, reason=reason)
            self.finished[node.segments] = observation
            out.append(observation)
        return out

    # --- the walk ---------------------------------------------------------------------------------
    def _want(self, url: str, consumer: Callable[[FetchedPage], None]) -> None:
        """Ask for a page the walk reads as a person sees it: with the documents of its frames and
        iframes, whose links are the page's links (``auditor.walk.frames``)."""
        self.book.want(url, partial(self.frames.whole, partial(self._looked_at, consumer)))

    def _looked_at(self, consumer: Callable[[FetchedPage], None], page: FetchedPage) -> None:
        """Every page read whole goes into the site's column map before its party reads it."""
        self.census.read(page)
        consumer(page)

    def _want_plain(self, url: str, consumer: Callable[[FetchedPage], None]) -> None:
        """Ask for a page read on its own (a list page, an item page): its frames are not fetched."""
        self.book.want(url, consumer)

    def _emit(self, observation: ColumnObservation) -> None:
        if observation.segments in self.finished:
            return
        self.finished[observation.segments] = observation
        self._out.append(observation)

    def _emit_subtree(self, node: PlanNode, template: ColumnObservation) -> None:
        """A column that is missing or unreadable takes every column below it along."""
        for target in [node, *node.descendants()]:
            self._emit(
                ColumnObservation(
                    segments=target.segments,
                    status=template.status,
                    trail=list(template.trail),
                    searched=list(template.searched),
                    offered=list(template.offered),
                    reason=template.reason,
                    http_status=template.http_status,
                    failed_pages=list(template.failed_pages),
                )
            )

    def _on_home(self, page: FetchedPage) -> None:
        if not page.ok:
            reason = Reason("home_unreachable", page.reason or Reason("unknown"))
            for child in self.plan.children.values():
                self._emit_subtree(
                    child,
                    ColumnObservation(
                        child.segments, "unverified", reason=reason, http_status=page.status,
                        trail=[TrailStep("首页", page.url)],
                    ),
                )
            return
        self.scope.add(page.url)
        self.home_urls.add(page.url)
        found = site_map_url(page)
        self.site_map = found if found and self.allowed(found) else None
        self._walk_children(self.plan, page, [TrailStep("首页", page.url)])

    def _link_for(self, child: PlanNode, page: FetchedPage) -> Match | None:
        """The link on ``page`` named exactly as ``child`` (or by one of its aliases).

        A column link (navigation, tree, sub-column box, tab heading) first; else an undated link of
        the page's content named so, whatever its URL looks like (``/channel/101.html``,
        ``node_1101.htm``): a URL's shape only orders what is read, the page it leads to decides,
        so such a link is taken only when its page names itself the column (``Match.tentative``)."""
        aliases = self.spec.aliases_for(child.name)
        match = find_column_link(
            child.name, self._column_links(child, page), aliases=aliases, section_url=page.url, allow_similar=False
        )
        if match is not None:
            return match
        rejected = self.rejected.get(child.segments, set())
        loose = [
            link
            for link in page.links
            if link.role in ("content", "entry") and not link.date and link.url != page.url and link.url not in rejected
        ]
        match = find_column_link(child.name, loose, aliases=aliases, section_url=page.url, allow_similar=False)
        return replace(match, tentative=True) if match is not None else None

    def _column_links(self, child: PlanNode, page: FetchedPage) -> list[Link]:
        """The links of ``page`` a segment may be taken from: column links (navigation, tree,
        sub-column box, tab headings), never a dated list entry, a toolbar or the page itself."""
        rejected = self.rejected.get(child.segments, set())
        return [link for link in page.links if link.url != page.url and link.is_column and link.url not in rejected]

    def _walk_children(self, node: PlanNode, page: FetchedPage, trail: list[TrailStep]) -> None:
        unlinked: dict[str, PlanNode] = {}
        for key, child in node.children.items():
            match = self._link_for(child, page)
            if match is not None:
                self._go(child, match, trail, page, partial(self._search_alone, node, child, page, trail))
                continue
            target = unfollowable_link(page, {child.name, *self.spec.aliases_for(child.name)})
            if target is not None:
                # the page shows the column's link, but to where the crawl may not go: not missing
                reason = Reason("column_link_unfollowable", url=redact_url(target[:80]))
                self._emit_subtree(child, ColumnObservation(child.segments, "unverified", trail=list(trail), reason=reason))
                continue
            unlinked[key] = child
        if unlinked:
            self._search(node, page, trail, unlinked)

    def _search_alone(self, parent: PlanNode, child: PlanNode, page: FetchedPage, trail: list[TrailStep]) -> None:
        """The link the parent page offered was not the column: search for it as for one not linked."""
        self._search(parent, page, trail, {child.segments[-1]: child})

    def _search(self, node: PlanNode, page: FetchedPage, trail: list[TrailStep], unlinked: dict[str, PlanNode]) -> None:
        if unlinked:
            search = Search(
                parent=node,
                parent_page=page,
                trail=trail,
                pending=unlinked,
                budget=self.config.search_pages,
                max_depth=self.config.search_depth,
                family_pages=self.config.date_family_pages,
                own={url for _, url in page.listing(self.as_of).subcolumns} if page.doc is not None else set(),
                section_pages=self.config.section_pages,
            )
            search.seen.add(page.url)
            for child in unlinked.values():
                self._remember_similar(search, child, page, trail)
            search.enqueue(page, 1, trail, self.allowed)
            self._pump(search)

    def _go(
        self, node: PlanNode, match: Match, trail: list[TrailStep], source: FetchedPage, on_reject: Callable[[], None]
    ) -> None:
        """Follow the link ``match`` found on ``source``; where other links carry the name too, the
        page each leads to decides which is the column."""
        links = [match.link]
        for url in match.alternates:
            same_url = [link for link in source.links if link.url == url]
            named = [link for link in same_url if link.names() & match.link.names()]
            if named or same_url:
                links.append((named or same_url)[0])
        links = [link for link in links if self.allowed(link.url)] or links[:1]
        choice = Choice(node, match, links, trail, on_reject)
        if not self.allowed(links[0].url):
            self._take(choice, 0, None)
            return
        self._want(links[0].url, partial(self._on_candidate, choice, 0))

    def _on_candidate(self, choice: Choice, index: int, page: FetchedPage) -> None:
        if choice.decided:
            return
        choice.pages[index] = page
        choice.checks[index] = self._check(choice, page)
        first = choice.checks[index]
        if index == 0 and (len(choice.links) == 1 or (first.verdict == "confirmed" and first.parent is True)):
            self._decide(choice)
            return
        if index == 0:
            for other in range(1, len(choice.links)):
                self._want(choice.links[other].url, partial(self._on_candidate, choice, other))
            return
        if len(choice.checks) == len(choice.links):
            self._decide(choice)

    def _check(self, choice: Choice, page: FetchedPage) -> StepCheck:
        if not page.ok:
            return StepCheck("unconfirmed", parent=None)
        node = choice.node
        # the segment's names only: a candidate's own label may be another column's (one URL, two links)
        names = {node.name, *self.spec.aliases_for(node.name), choice.match.site_name, choice.match.link.label}
        parent = node.parent
        parent_names: set[str] | None = None
        if parent is not None and parent.parent is not None:
            # the previous segment as the site names it (a search's trail ends on the page searched)
            parent_names = {parent.name, *self.spec.aliases_for(parent.name)}
            walked = self.visits.get(parent.segments)
            if walked is not None and walked.observation.site_name:
                parent_names.add(walked.observation.site_name)
        others = self._column_names - names - (parent_names or set())
        return check_step(page, {n for n in names if n}, parent_names, self.as_of, others)

    def _decide(self, choice: Choice) -> None:
        choice.decided = True
        ranked = sorted(choice.checks, key=lambda i: (choice.checks[i].rank, i))
        best = ranked[0]
        unsure = choice.match.tentative and choice.checks[best].verdict != "confirmed"
        if choice.checks[best].verdict == "contradicted" or unsure:
            self.rejected.setdefault(choice.node.segments, set()).update(link.url for link in choice.links)
            choice.on_reject()
            return
        self._take(choice, best, choice.pages.get(best))

    def _take(self, choice: Choice, index: int, page: FetchedPage | None) -> None:
        node, link = choice.node, choice.links[index]
        check = choice.checks.get(index)
        name = choice.match.site_name if index == 0 else link.label
        step = TrailStep(name or link.label, link.url, confirmed_by=check.evidence if check else None)
        observation = ColumnObservation(
            segments=node.segments,
            status="found",
            url=link.url,
            trail=choice.trail + [step],
            site_name=link.label or choice.match.site_name,
            match=choice.match.kind,
            similarity=choice.match.similarity,
            alternates=[other.url for i, other in enumerate(choice.links) if i != index],
        )
        if not self.allowed(link.url):
            observation.status = "unverified"
            observation.reason = Reason("column_offsite", host=_shown_host(link.url))
            self._emit_subtree(node, observation)
            return
        assert page is not None
        self._on_column(node, observation, page)

    def _on_column(self, node: PlanNode, observation: ColumnObservation, page: FetchedPage) -> None:
        if observation.segments in self.visits or observation.segments in self.finished:
            return
        if not page.ok:
            # a refusal, a challenge or a page that says it does not exist proves nothing about the
            # column; only a plain HTTP 404/410 (or no HTML at all) behind its link makes it missing
            observation.status = "unverified" if page.refused or page.soft_404 else "missing"
            observation.reason = page.reason
            observation.http_status = page.status
            observation.searched = [page.url]
            self._emit_subtree(node, observation)
            return
        if not self.allowed(page.url):
            observation.status = "unverified"
            observation.reason = Reason("column_redirected_offsite", host=_shown_host(page.url))
            observation.http_status = page.status
            self._emit_subtree(node, observation)
            return
        observation.url = page.url
        observation.http_status = page.status
        visit = ColumnVisit(node, observation, list_pages={page_key(page.url), page_key(page.requested_url)})
        self.visits[node.segments] = visit
        listing = page.listing(self.as_of)
        observation.listing = listing
        if node.mandated:
            self._read_list_pages(visit, listing.next_pages)
            self._read_list_pages(visit, listing.maybe_pages, guessed=True, named=own_name(page))
            self._read_items(visit, listing)
            if listing.kind == "parent":
                self._read_subcolumns(visit, listing)
        self._settle(visit)
        if node.children:
            self._walk_children(node, page, observation.trail)

    # --- reading a column -------------------------------------------------------------------------
    def _wait(self, visit: ColumnVisit, url: str, consumer: Callable[..., None], *args: object) -> None:
        """Ask for ``url`` on behalf of ``visit``, which is final only once it has come."""
        token = next(self._ids)
        visit.waiting.add(token)
        self._want_plain(url, partial(self._arrived_for, visit, token, consumer, args))

    def _arrived_for(
        self, visit: ColumnVisit, token: int, consumer: Callable[..., None], args: tuple[object, ...], page: FetchedPage
    ) -> None:
        visit.waiting.discard(token)
        consumer(visit, *args, page)
        self._settle(visit)

    def _read_list_pages(
        self, visit: ColumnVisit, urls: list[str], *, guessed: bool = False, named: tuple[str, str] | None = None
    ) -> None:
        """Ask for the further list pages ``urls`` a list page offers, each once, and no more than
        max_list_pages in all (endless pagination is a trap, not a list). ``guessed``: the URLs
        are only guessed (``Listing.maybe_pages``): a page counts only if it names itself ``named``
        (the column page's own name) and lists items not seen yet."""
        for url in urls:
            url = canonical_url(url)
            if page_key(url) in visit.list_pages or not self.allowed(url):
                continue
            if visit.pages_asked >= self.config.max_list_pages:
                visit.capped = True
                break
            visit.list_pages.add(page_key(url))
            visit.pages_asked += 1
            self._wait(visit, url, self._on_list_page, guessed, named)

    def _on_list_page(self, visit: ColumnVisit, guessed: bool, named: tuple[str, str] | None, page: FetchedPage) -> None:
        listing = visit.observation.listing
        if guessed and not self._same_column(listing, named, page):
            return  # a guessed later page that is not one: another column, an article, nothing
        if page.ok and listing is not None and page.doc is not None:
            more = read_listing(page.doc, self.as_of)
            listing.items.extend(more.items)
            self._read_list_pages(visit, more.next_pages)
            if guessed:
                self._read_list_pages(visit, more.maybe_pages, guessed=True, named=named)
            self._read_items(visit, more)
        else:
            visit.observation.failed_pages.append(page.url)

    def _same_column(self, listing: Listing | None, named: tuple[str, str] | None, page: FetchedPage) -> bool:
        """Is ``page`` a later page of the column whose list is ``listing`` and whose page named
        itself ``named``: it names itself the same and lists items the column page did not?"""
        if listing is None or named is None or not page.ok or page.doc is None or own_name(page) != named:
            return False
        seen = {item.url for item in listing.items}
        more = page.listing(self.as_of)
        return more.kind == "list" and any(item.url not in seen for item in more.items)

    def _read_items(self, visit: ColumnVisit, listing: Listing) -> None:
        """Read the article pages of one list page's items (required fields, media, dates), for
        the first item_list_pages list pages of the column, at most max_item_pages."""
        if visit.item_list_pages >= self.config.item_list_pages:
            return
        visit.item_list_pages += 1
        fields = tuple(dict.fromkeys(f for p in visit.node.paths for f in p.rules.required_fields))
        items = [item for item in listing.items if item.url and self.allowed(item.url)]
        limit = self.config.max_item_pages
        if limit and visit.items_asked + len(items) > limit:
            items = newest(items)[: max(limit - visit.items_asked, 0)]
            visit.sampled = True
        visit.items_asked += len(items)
        for item in items:
            assert item.url is not None
            if not item.date:
                url_date = date_from_url(item.url)
                if url_date:
                    item.date, item.date_source = url_date.isoformat(), "url"
            self._wait(visit, item.url, self._on_item, item, fields)

    def _on_item(self, visit: ColumnVisit, item: ListItem, fields: tuple[str, ...], page: FetchedPage) -> None:
        column = visit.node.segments
        if not page.ok or page.doc is None:
            self._out.append(ItemPageObservation(column, page.requested_url, "unverified", reason=page.reason))
            return
        article = read_article(page.doc, self.as_of)
        if not item.date and article.date:
            item.date, item.date_source = article.date.isoformat(), "page"
        self._out.append(
            ItemPageObservation(
                column=column,
                url=page.url,
                title=article.title,
                date=article.date.isoformat() if article.date else None,
                fields_present=has_labels(article.text, fields) if fields else [],
                media=list(article.media),
            )
        )
        self._media.extend(MediaWant(ref, page.url) for ref in article.media)

    def _read_subcolumns(self, visit: ColumnVisit, listing: Listing) -> None:
        known = {child.segments[-1] for child in visit.node.children.values()}
        chosen = [(n, u) for n, u in listing.subcolumns if n not in known and self.allowed(u)]
        for name, url in chosen[: self.config.max_subcolumns]:
            self._wait(visit, url, self._on_subcolumn, name)

    def _on_subcolumn(self, visit: ColumnVisit, name: str, page: FetchedPage) -> None:
        if page.ok and page.doc is not None:
            if self._item_page(visit, page):
                # the page decides: a link offered as a sub-column that leads to an article is an
                # item of the column (an undated list of slug-named articles), not a sub-column
                item = ListItem(title=name, url=page.url)
                visit.article_links.append(item)
                fields = tuple(dict.fromkeys(f for p in visit.node.paths for f in p.rules.required_fields))
                self._on_item(visit, item, fields, page)
                return
            visit.observation.subcolumn_listings[name] = read_listing(page.doc, self.as_of)
        else:
            visit.observation.failed_pages.append(page.url)

    def _settle(self, visit: ColumnVisit) -> None:
        if not visit.waiting and not visit.done:
            visit.done = True
            self._articles_as_items(visit)
            self._note_certainty(visit)
            self._emit(visit.observation)

    def _item_page(self, visit: ColumnVisit, page: FetchedPage) -> bool:
        """Is a page reached by a link offered as a sub-column an item of the column? An article
        by what it shows (``is_article``), or a page with a labelled publication date whose
        breadcrumb ends at the column itself (a sub-column's ends at its own name)."""
        if is_article(page, self.as_of):
            return True
        crumbs = breadcrumb(page)
        if not crumbs or page.doc is None:
            return False
        column_names = {visit.node.name, *(n for n in (visit.observation.site_name,) if n)}
        if not names_match([crumbs[-1]], column_names):
            return False
        article = read_article(page.doc, self.as_of)
        return article.date is not None and (article.date_source or "").startswith(("label", "meta"))

    def _articles_as_items(self, visit: ColumnVisit) -> None:
        """A "parent" whose offered sub-columns all led to articles is a list of those articles."""
        listing = visit.observation.listing
        if listing is None or listing.kind != "parent" or len(visit.article_links) < 2:
            return
        if visit.observation.subcolumn_listings:
            return  # some were columns: a parent with a few article links beside its sub-columns
        articles = {item.url for item in visit.article_links}
        listing.kind = "list"
        listing.items = list(visit.article_links)
        listing.subcolumns = [(n, u) for n, u in listing.subcolumns if canonical_url(u) not in articles and u not in articles]

    def _note_certainty(self, visit: ColumnVisit) -> None:
        """Say what the count rests on when it is not all seen: items read vs declared, a cap."""
        listing = visit.observation.listing
        if listing is not None and visit.sampled:
            listing.notes.append(
                f"item pages read: the newest {visit.items_asked} listed (AUDITOR_MAX_ITEM_PAGES); "
                "required fields and media were checked on those"
            )
        if listing is None or listing.kind != "list":
            return
        read = len(listing.items)
        if visit.capped:
            listing.notes.append(
                f"pagination goes on beyond {self.config.max_list_pages} list pages "
                f"(AUDITOR_MAX_LIST_PAGES); counted the {read} items read"
            )
            self.capped_columns.append(visit.node.segments)
        if listing.declared_total is not None and listing.declared_total != read:
            listing.notes.append(f"items_certain {read} (read), declared {listing.declared_total}")

    # --- searching for a segment not linked from its parent ---------------------------------------
    def _remember_similar(self, search: Search, child: PlanNode, page: FetchedPage, trail: list[TrailStep]) -> None:
        match = find_column_link(
            child.name,
            self._column_links(child, page),
            section_url=search.parent_page.url,
            exclude_names=[n.name for n in search.parent.children.values()] + [d.name for d in child.descendants()],
        )
        if match is None or match.kind != "similar":
            return
        key = child.segments[-1]
        best = search.similar.get(key)
        if best is None or match.similarity > best[0].similarity:
            search.similar[key] = (match, trail, page)

    def _pump(self, search: Search) -> None:
        batch = search.next_batch()
        if not batch and search.pending and self.site_map and self.site_map not in search.seen:
            batch = search.site_map_batch(self.site_map)
        if not batch:
            self._end_search(search)
            return
        for visit in batch:
            self._want(visit.link.url, partial(self._on_search_page, search, visit))

    def _on_search_page(self, search: Search, visit: Visit, page: FetchedPage) -> None:
        visit.page = page
        if not search.batch_complete:
            return
        for done in search.batch:  # in the order asked, whichever answer came first
            self._judge_search_page(search, done)
        self._pump(search)

    def _judge_search_page(self, search: Search, visit: Visit) -> None:
        page = visit.page
        assert page is not None
        search.searched.append(page.url)
        if not page.ok:
            if page.refused and search.could_hold_link(visit):
                search.refused.append(f"{page.requested_url} ({page.reason})")
                search.refused_why.append((page.reason or Reason("unknown")).with_facts(url=page.requested_url))
            return
        for key, child in list(search.pending.items()):
            match = self._link_for(child, page)
            if match is not None:
                del search.pending[key]
                self._go(child, match, visit.trail, page, partial(self._search_again, search, key, child))
            else:
                self._remember_similar(search, child, page, visit.trail)
        search.enqueue(page, visit.depth + 1, visit.trail, self.allowed)

    def _search_again(self, search: Search, key: str, child: PlanNode) -> None:
        """A link found by the search was not the column: the search goes on for it, or, when it
        is over, the column is missing."""
        if search.over:
            if search.unread_holders() or (self.site_map and self.site_map not in search.seen):
                # it ended while the link was checked, with pages that could hold the column unread
                search.over = False
                search.pending[key] = child
                self._pump(search)
                return
            self._missing(search, child)
            return
        search.pending[key] = child

    def _end_search(self, search: Search) -> None:
        pending, search.pending = search.pending, {}
        search.over = True
        for child in pending.values():
            similar = search.similar.get(child.segments[-1])
            if similar is not None:
                match, trail, page = similar
                self._go(child, match, trail, page, partial(self._missing, search, child))
                continue
            self._missing(search, child)

    def _missing(self, search: Search, child: PlanNode) -> None:
        """The column is not linked from the pages that would link it: missing.

        The pages that would link it are its parent page, with its sub-column box and column tree:
        when that page was read whole and shows columns, the column is missing, and pages of the
        search the server refused are only noted (``failed_pages``). When the parent page shows no
        columns at all, its siblings' pages are where the link would be: a refusal among those
        that could hold it leaves the column unverified."""
        offered = [
            link.label
            for link in search.parent_page.links
            if link.region in ("tree", "main", "nav") and link.is_column and link.label and is_column_url(link.url)
        ]
        shows_columns = any(link.role in ("subcolumn", "tab", "tree") for link in search.parent_page.links)
        reason = self._not_read_whole(search, shows_columns)
        observation = ColumnObservation(
            segments=child.segments,
            status="unverified" if reason else "missing",
            trail=list(search.trail),
            searched=list(dict.fromkeys([search.parent_page.url] + search.searched)),
            offered=list(dict.fromkeys(offered))[:40],
            reason=reason,
            failed_pages=list(search.refused) if not reason else [],
        )
        self._emit_subtree(child, observation)

    def _not_read_whole(self, search: Search, shows_columns: bool) -> Reason | None:
        """Why the parent's part of the site was not read whole, or None when it was: "not found"
        is "missing" only then; otherwise the column is unverified, saying what was not read.

        Not read whole: pages that could hold the link refused (when the parent page shows no
        columns of its own); pages of the parent's own part left unread when the search budget
        ended; frames of the parent page whose documents did not come; a parent page whose list
        is drawn by script."""
        if search.refused and (not shows_columns or search.site_map_refused):
            # pages that could hold the link were refused: when the parent shows no columns of its
            # own, or the site map (the site's list of all its columns) was among them
            return Reason("section_unreadable", tuple(search.refused_why[:5]))
        unread = search.unread_holders()
        if unread:
            return Reason("search_incomplete", read=len(search.searched), unread=len(unread), budget=self.config.search_pages)
        frames = self.frames.unread(search.parent_page)
        if frames:
            return Reason("frames_unread", count=len(frames), url=redact_url(frames[0][:80]))
        if search.parent_page.doc is not None and search.parent_page.listing(self.as_of).kind == "js_only" and not shows_columns:
            return Reason("section_drawn_by_script")
        return None


def _shown_host(url: str) -> str:
    """The host of ``url`` with its port when not the default (another port is another site)."""
    origin = origin_of(url)
    return origin.shown if origin is not None else urlsplit(url).netloc.rsplit("@", 1)[-1]
