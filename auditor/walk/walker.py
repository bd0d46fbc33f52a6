"""The walk, pure: given answers, it says which URLs it wants next and which observations are final.

From the home page, for each node of the walk plan, it follows the link whose name is the next
segment. A segment not linked from its parent page is searched for a bounded number of pages
further (``auditor.walk.search``) before it is called missing; only then is a close name (规划计划
for 规划信息) accepted, and reported as renamed. At each mandated column it reads the list across
pagination, the item pages of the first list page (required fields, media) and, for a parent
column, its sub-columns.

Its jobs are objects of their own, sharing one ``WalkContext`` (``auditor.walk.context``): the
census (``auditor.walk.census``) maps the site's columns, the finder (``auditor.walk.finding``)
finds each mandated column, the chooser (``auditor.walk.choosing``) lets the pages of the links
found decide, the reader (``auditor.walk.reading``) reads a column. The walker coordinates them.

No Scrapy, no sockets: a driver (the spider, or ``auditor.walk.drive``) calls ``start``, fetches
every URL ``take_requests`` returns, hands each answer to ``feed`` and collects the observations
it returns, the media to check (``take_media``), until ``done``; ``finish`` names what was not
reached when a crawl stops early.
"""

from __future__ import annotations

from auditor.model.observations import ColumnObservation, TrailStep
from auditor.model.reasons import REASON_NOT_REACHED, REASON_UNREACHED_COMPLETE, Reason
from auditor.page.answer import Answer, FetchedPage, judge_answer
from auditor.page.canonical import canonical_url
from auditor.specs import Spec
from auditor.walk.book import PageBook
from auditor.walk.census import Census
from auditor.walk.choosing import Chooser
from auditor.walk.config import WalkConfig
from auditor.walk.context import Observation, WalkContext
from auditor.walk.finding import ColumnFinder, unfollowable_link
from auditor.walk.frames import FrameReader, site_map_url
from auditor.walk.plan import PlanNode, build_plan
from auditor.walk.reading import ColumnReader, ColumnVisit, MediaWant
from auditor.walk.scope import Scope

__all__ = ["MediaWant", "Walker", "unfollowable_link"]


class Walker:
    """One walk of one portal along a spec's mandated paths: the coordinator of its jobs."""

    def __init__(
        self,
        spec: Spec,
        start_url: str,
        config: WalkConfig,
        *,
        allowed_hosts: set[str] | None = None,
    ) -> None:
        self.start_url = canonical_url(start_url)
        #: the origins the crawl may fetch from (scheme, host, port): the portal's and the listed ones
        scope = Scope(self.start_url, allowed_hosts or ())
        plan = build_plan(spec)
        book = PageBook(config.page_memory)
        as_of = config.today
        self.context = WalkContext(
            spec=spec,
            config=config,
            as_of=as_of,
            plan=plan,
            scope=scope,
            book=book,
            frames=FrameReader(book, scope.in_scope),
            census=Census(as_of, scope.in_scope, config.census_pages, config.date_family_pages),
            column_names={node.name for node in plan.descendants()},
        )
        self.home_urls: set[str] = {self.start_url}
        #: pages judged: what the walk read, parsed once each
        self.pages_read = 0
        self.reader = ColumnReader(self.context)
        self.finder = ColumnFinder(self.context, Chooser(self.context, self._on_column))
        self._started = False

    # --- what the walk's parties share, for the driver -------------------------------------------
    @property
    def config(self) -> WalkConfig:
        return self.context.config

    @property
    def scope(self) -> Scope:
        return self.context.scope

    @property
    def book(self) -> PageBook:
        return self.context.book

    @property
    def census(self) -> Census:
        """The portal's own column map, from every page read whole."""
        return self.context.census

    @property
    def capped_columns(self) -> list[tuple[str, ...]]:
        """List pagination cut at max_list_pages, per column (for the crawl's stats)."""
        return self.reader.capped_columns

    @property
    def hosts(self) -> set[str]:
        """Host names of the crawl's scope, for people reading findings."""
        return set(self.context.scope.hosts)

    def allowed(self, url: str) -> bool:
        """The one scope check (``auditor.walk.scope``)."""
        return self.context.allowed(url)

    # --- the driver's side ------------------------------------------------------------------------
    def start(self) -> None:
        if not self._started:
            self._started = True
            self.context.want(self.start_url, self._on_home)

    def take_requests(self) -> list[str]:
        """URLs to fetch now, each once (canonical; the answer's ``url`` must be this URL)."""
        return self.context.book.take_asks()

    def take_media(self) -> list[MediaWant]:
        media, self.context.media = self.context.media, []
        return media

    def feed(self, answer: Answer) -> list[Observation]:
        """An answer came: judge it, let every waiting party read it; the observations now final."""
        page = judge_answer(answer, self.home_urls)
        self.pages_read += 1
        book = self.context.book
        book.arrived(page)
        book.run()
        if not book.outstanding:
            self._census_round()
        out, self.context.out = self.context.out, []
        return out

    def _census_round(self) -> None:
        """The walk has nothing outstanding: the census reads the next pages of its own (the
        columns a person could click that the walk did not open), read whole into the map."""
        for url in self.context.census.next_batch():
            self.context.want(url, _ignore)

    @property
    def done(self) -> bool:
        """Nothing asked for is outstanding."""
        return not self.context.book.outstanding

    def finish(self, complete: bool = False) -> list[ColumnObservation]:
        """The columns the walk did not finish, ``unverified``: the crawl stopped before them
        (``complete=False``) or they were never reached. A column read only in part (its list
        pages still coming) is not judged on what was read."""
        out: list[ColumnObservation] = []
        reason = REASON_UNREACHED_COMPLETE if complete else REASON_NOT_REACHED
        finished, visits = self.context.finished, self.context.visits
        for node in self.context.plan.descendants():
            if node.segments in finished:
                continue
            visit: ColumnVisit | None = visits.get(node.segments)
            trail = list(visit.observation.trail) if visit else []
            observation = ColumnObservation(node.segments, "unverified", url=visit.observation.url if visit else None,
                                            trail=trail, reason=reason)
            finished[node.segments] = observation
            out.append(observation)
        return out

    # --- the walk ---------------------------------------------------------------------------------
    def _on_home(self, page: FetchedPage) -> None:
        context = self.context
        if not page.ok:
            reason = Reason("home_unreachable", page.reason or Reason("unknown"))
            for child in context.plan.children.values():
                context.emit_subtree(
                    child,
                    ColumnObservation(
                        child.segments, "unverified", reason=reason, http_status=page.status,
                        trail=[TrailStep("首页", page.url)],
                    ),
                )
            return
        context.scope.add(page.url)
        self.home_urls.add(page.url)
        found = site_map_url(page)
        context.site_map = found if found and context.allowed(found) else None
        if context.site_map is not None:
            context.census.offer_site_map(context.site_map, page.url)
        self.finder.walk_children(context.plan, page, [TrailStep("首页", page.url)])

    def _on_column(self, node: PlanNode, observation: ColumnObservation, page: FetchedPage) -> None:
        """A column was found: the reader reads it, then the finder finds the columns below it."""
        if self.reader.open(node, observation, page) and node.children:
            self.finder.walk_children(node, page, observation.trail)


def _ignore(page: FetchedPage) -> None:
    """A census page's party: the census reads every page read whole already."""
