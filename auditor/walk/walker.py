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

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import count
from typing import Union
from urllib.parse import urlsplit

from auditor.model.reasons import REASON_NOT_REACHED, REASON_UNREACHED_COMPLETE, Reason
from auditor.walk.scope import Scope, origin_of, redact_url
from auditor.model.observations import ColumnObservation, ItemPageObservation, TrailStep
from auditor.page.answer import Answer, FetchedPage, judge_answer
from auditor.page.canonical import canonical_url, page_key
from auditor.page.links import Link, clean_link_name
from auditor.page.facts import read_facts
from auditor.page.tree import UNFOLLOWABLE, link_name
from auditor.specs import Spec
from auditor.walk.book import PageBook
from auditor.walk.census import Census
from auditor.walk.config import WalkConfig
from auditor.walk.frames import FrameReader, site_map_url
from auditor.walk.confirm import StepCheck, check_step, own_name
from auditor.walk.matching import Match, find_column_link
from auditor.walk.media_check import image_names
from auditor.walk.plan import PlanNode, build_plan
from auditor.walk.finding import ColumnFinder
from auditor.walk.reading import ColumnReader, ColumnVisit, MediaWant

__all__ = ["MediaWant", "Walker", "unfollowable_link"]

Observation = Union[ColumnObservation, ItemPageObservation]


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



class Walker(ColumnFinder, ColumnReader):
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
        self.census = Census(self.as_of, self.allowed, config.census_pages, config.date_family_pages)
        #: file names of the images on the pages read whole (home, columns), and on how many pages
        self._image_pages: Counter[str] = Counter()
        self._imaged: set[str] = set()
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
        if not self.book.outstanding:
            self._census_round()
        out, self._out = self._out, []
        return out

    def _census_round(self) -> None:
        """The walk has nothing outstanding: the census reads the next pages of its own (the
        columns a person could click that the walk did not open), read whole into the map."""
        for url in self.census.next_batch():
            self._want(url, _ignore)

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

    @property
    def chrome_images(self) -> set[str]:
        """Images the site repeats: shown on two pages read whole or more (a logo, a badge)."""
        return {name for name, pages in self._image_pages.items() if pages >= 2}

    # --- the walk ---------------------------------------------------------------------------------
    def _want(self, url: str, consumer: Callable[[FetchedPage], None]) -> None:
        """Ask for a page the walk reads as a person sees it: with the documents of its frames and
        iframes, whose links are the page's links (``auditor.walk.frames``)."""
        self.book.want(url, partial(self.frames.whole, partial(self._looked_at, consumer)))

    def _looked_at(self, consumer: Callable[[FetchedPage], None], page: FetchedPage) -> None:
        """Every page read whole goes into the site's column map before its party reads it."""
        self.census.read(page)
        if page.requested_url not in self._imaged:
            self._imaged.add(page.requested_url)
            self._image_pages.update(image_names(page))
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
        if self.site_map is not None:
            self.census.offer_site_map(self.site_map, page.url)
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
        match = find_column_link(child.name, self._loose_links(child, page), aliases=aliases, section_url=page.url, allow_similar=False)
        return replace(match, tentative=True) if match is not None else None

    def _loose_links(self, child: PlanNode, page: FetchedPage) -> list[Link]:
        """Undated links of the page's content: no column by their role, maybe one by their page."""
        rejected = self.rejected.get(child.segments, set())
        return [
            link
            for link in page.links
            if link.role in ("content", "entry") and not link.date and link.url != page.url and link.url not in rejected
        ]

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
        return check_step(page, {n for n in names if n}, parent_names, self.as_of, others, node.segments[:-1])

    def _decide(self, choice: Choice) -> None:
        choice.decided = True
        ranked = sorted(choice.checks, key=lambda i: (choice.checks[i].rank, i))
        best = ranked[0]
        unsure = choice.match.tentative and choice.checks[best].verdict != "confirmed"
        if choice.checks[best].verdict == "contradicted" or unsure or self._in_another_section(choice, choice.checks[best]):
            self.rejected.setdefault(choice.node.segments, set()).update(link.url for link in choice.links)
            choice.on_reject()
            return
        self._take(choice, best, choice.pages.get(best))

    def _in_another_section(self, choice: Choice, check: StepCheck) -> bool:
        """Was the link found on the page of a mandated column of another top-level section (新闻中心
        for a column mandated under 政务公开), with nothing on its page placing it under its
        mandated parent? Then the column sits in that other section: misplaced, not found here
        (the site's map names both places)."""
        if check.parent is True or not choice.trail or len(choice.node.segments) < 2:
            return False
        source = choice.trail[-1].name
        top = self.plan.children.get(choice.node.segments[0])
        if top is None or source not in self._column_names:
            return False
        return source not in {n.name for n in [top, *top.descendants()]}

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
            rename=choice.match.rename,
            alternates=[other.url for i, other in enumerate(choice.links) if i != index],
        )
        if not self.allowed(link.url):
            if link.url.startswith(UNFOLLOWABLE):  # a data: or file: link, or a URL a script computes
                kind = link.url.removeprefix(UNFOLLOWABLE)
                reason = Reason("link_unfollowable", kind="URL computed by a script" if kind == "script" else f"{kind}: URL")
            else:
                reason = Reason("column_offsite", host=_shown_host(link.url))
            self._emit_subtree(node, replace(observation, status="unverified", reason=reason))
            return
        assert page is not None
        self._on_column(node, observation, page)

    def _on_column(self, node: PlanNode, observation: ColumnObservation, page: FetchedPage) -> None:
        if observation.segments in self.visits or observation.segments in self.finished:
            return
        if not page.ok:
            # a refusal, a challenge or a page that says it does not exist proves nothing about the
            # column; only a plain HTTP 404/410 (or no HTML at all) behind its link makes it missing
            status = "unverified" if page.refused or page.soft_404 else "missing"
            self._emit_subtree(node, replace(observation, status=status, reason=page.reason, http_status=page.status,
                                             searched=[page.url]))
            return
        if not self.allowed(page.url):
            reason = Reason("column_redirected_offsite", host=_shown_host(page.url))
            self._emit_subtree(node, replace(observation, status="unverified", reason=reason, http_status=page.status))
            return
        listing = page.listing(self.as_of)
        observation = replace(observation, url=page.url, http_status=page.status, listing=listing,
                              facts=read_facts(page.doc) if page.doc is not None else None)
        visit = ColumnVisit(node, observation, list_pages={page_key(page.url), page_key(page.requested_url)},
                            items=list(listing.items))
        self.visits[node.segments] = visit
        if node.mandated:
            self._read_list_pages(visit, listing.next_pages)
            self._read_list_pages(visit, listing.maybe_pages, guessed=True, named=own_name(page))
            self._read_items(visit, listing)
            if listing.kind == "parent":
                self._read_subcolumns(visit, listing)
        self._settle(visit)
        if node.children:
            self._walk_children(node, page, observation.trail)

def _ignore(page: FetchedPage) -> None:
    """A census page's party: the census reads every page read whole already."""


def _shown_host(url: str) -> str:
    """The host of ``url`` with its port when not the default (another port is another site)."""
    origin = origin_of(url)
    return origin.shown if origin is not None else urlsplit(url).netloc.rsplit("@", 1)[-1]
