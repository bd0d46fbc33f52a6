"""The bounded search for segments not linked from their parent page: its state and its choices.

When a parent page does not link a mandated sub-column, a person looks around: the column tree of
a sibling page, the platform's own home. The search reads at most ``budget`` such pages, at most
``max_depth`` clicks from the parent, pages inside the parent's folder and tree links first, and
at most a few members of a calendar (URLs that differ only in a date, by query or by path), which
would otherwise link the next day forever. Pages are read a batch at a time and judged in the order
they were asked for, so what the search finds does not depend on which answer came first.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from auditor.model.observations import TrailStep
from auditor.model.reasons import Reason
from auditor.page.answer import FetchedPage
from auditor.page.canonical import canonical_url, date_family
from auditor.page.links import Link
from auditor.page.urlshapes import is_column_url
from auditor.walk.matching import PERIPHERAL_REGIONS, ROLE_RANK, Match
from auditor.walk.plan import PlanNode
from auditor.walk.renaming import NameCue

#: candidates under another name weighed per column when the search ends (their pages are read)
MAX_CANDIDATES = 5


#: a run of path segments that spell a date: /2021/12/01/, /2021/12/, /20211201/, /2021-12-01/
_DATE_PATH = re.compile(
    r"/(?:19|20)\d{2}(?:(?:/(?:0?[1-9]|1[0-2]))(?:/(?:0?[1-9]|[12]\d|3[01]))?"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?"
    r"|-(?:0?[1-9]|1[0-2])(?:-(?:0?[1-9]|[12]\d|3[01]))?)(?=/|$)"
)


#: the name of a link to a page that continues a section's offer of columns
MORE_COLUMNS = re.compile(r"^(?:更多|全部|所有|其他|其它)|更多$|(?:栏目|服务|专题)导航$|^more\b", re.IGNORECASE)


def calendar_family(url: str) -> str | None:
    """The family of URLs that differ from ``url`` only in a date, by query (``?date=2021-12-01``)
    or by path (``/hd/2021/12/01/``); None for a URL that holds no date."""
    by_query = date_family(url)
    if by_query is not None:
        return by_query
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    path, dated = _DATE_PATH.subn("/*", parts.path)
    if not dated:
        return None
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))




@dataclass
class Candidate:
    """A column that may be a pending one under another name: the link, its name cue, the trail
    to the page that offered it, that page; ``by_headlines``: its name says nothing, its
    headlines may."""

    match: Match
    cue: NameCue
    trail: list[TrailStep]
    source: FetchedPage
    by_headlines: bool = False


@dataclass
class Visit:
    """One page the search asked for: the link that led there, its depth, the trail to it."""

    link: Link
    depth: int
    trail: list[TrailStep]
    page: FetchedPage | None = None


@dataclass
class Search:
    """The bounded search below one parent page for the children it does not link."""

    parent: PlanNode
    parent_page: FetchedPage
    trail: list[TrailStep]
    pending: dict[str, PlanNode]
    budget: int
    max_depth: int
    family_pages: int
    queue: deque[tuple[Link, int, list[TrailStep]]] = field(default_factory=deque)
    #: the parent's own sub-columns (URLs): read whole, up to ``section_pages``, beside the budget
    own: set[str] = field(default_factory=set)
    section_pages: int = 0
    #: column links whose URLs are shaped like articles': read when the queue is empty
    late: deque[tuple[Link, int, list[TrailStep]]] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)
    #: pages read, in the order they were asked for
    searched: list[str] = field(default_factory=list)
    #: pages that could have held a missing link but were refused: "url (reason)"
    refused: list[str] = field(default_factory=list)
    #: the same pages' reasons (``url`` among their facts), for the unverified column's reason
    refused_why: list[Reason] = field(default_factory=list)
    #: one of the refused pages continues the parent's offer of columns (更多服务, 全部栏目)
    refused_more: bool = False
    #: calendar-like URL families and how many of their members were queued
    families: dict[str, int] = field(default_factory=dict)
    #: candidates under another name per pending segment, by canonical URL
    similar: dict[str, dict[str, Candidate]] = field(default_factory=dict)
    #: names never taken for a pending segment under another name (``ColumnFinder._excluded_names``)
    excluded: dict[str, set[str]] = field(default_factory=dict)
    #: the batch being read
    batch: list[Visit] = field(default_factory=list)
    #: the search has ended (its pending children were settled)
    over: bool = False
    #: the site map's URL once the search read it (its last page)
    site_map: str | None = None

    def remember(self, key: str, candidate: Candidate) -> None:
        """Keep ``candidate`` for the segment ``key``: one per page, the best-named."""
        url = canonical_url(candidate.match.link.url)
        kept = self.similar.setdefault(key, {})
        old = kept.get(url)
        if old is None or candidate.cue.weight > old.cue.weight or (old.by_headlines and not candidate.by_headlines
                                                                   and candidate.cue.weight >= old.cue.weight):
            kept[url] = candidate

    def candidates(self, key: str) -> list[Candidate]:
        """The segment's candidates to weigh: the best-named first, at most ``MAX_CANDIDATES``."""
        kept = list(self.similar.get(key, {}).values())
        kept.sort(key=lambda c: (-c.cue.weight, c.by_headlines, ROLE_RANK.get(c.match.link.role, 3), c.match.link.order))
        return kept[:MAX_CANDIDATES]

    @property
    def base(self) -> str:
        """The parent page's folder: pages inside it come first and could hold its children."""
        return self.parent_page.url.rsplit("/", 1)[0] + "/"

    def enqueue(self, page: FetchedPage, depth: int, trail: list[TrailStep], allowed) -> None:  # noqa: ANN001
        """Queue the column links of ``page`` worth reading at ``depth``."""
        if depth > self.max_depth:
            return
        base = self.base
        candidates = [
            link
            for link in page.links
            if link.is_column
            and link.role != "breadcrumb"
            and link.region not in PERIPHERAL_REGIONS
            and link.url not in self.seen
            and allowed(link.url)
        ]
        # inside the parent's folder first; then the page's own sub-column box and tab headings (the
        # missing column's siblings, whose trees may list it), the column tree, the navigation
        candidates.sort(key=lambda l: (0 if l.url.startswith(base) else 1, ROLE_RANK.get(l.role, 3), l.order))
        for link in candidates:
            if link.url in self.seen:
                continue  # a page linked twice is read once
            self.seen.add(link.url)
            family = calendar_family(link.url)
            if family is not None:
                # a calendar links the next day forever: read a few days, not the budget
                taken = self.families.get(family, 0)
                if taken >= self.family_pages:
                    continue
                self.families[family] = taken + 1
            # a URL shaped like an article's only orders the reading: such column links are read
            # after every other, never left out (``/channel/101.html`` may be the column)
            (self.queue if is_column_url(link.url) else self.late).append((link, depth, trail))

    def next_batch(self) -> list[Visit]:
        """The pages to read next, within the budget; empty when the search is over."""
        batch: list[Visit] = []
        if not self.queue and self.late:
            self.queue, self.late = self.late, deque()
        while self.queue and self.pending and self.budget > 0:
            link, depth, trail = self.queue.popleft()
            self.budget -= 1
            batch.append(Visit(link, depth, trail + [TrailStep(link.label, link.url)]))
        if not batch and self.pending:
            # the budget is spent: only the parent's own part is read on, whole (up to section_pages)
            for queue in (self.queue, self.late):
                for entry in [e for e in queue if self._free(e[0], e[1])]:
                    if self.section_pages <= 0:
                        break
                    queue.remove(entry)
                    self.section_pages -= 1
                    link, depth, trail = entry
                    batch.append(Visit(link, depth, trail + [TrailStep(link.label, link.url)]))
        self.batch = batch
        return batch

    def _free(self, link: Link, depth: int) -> bool:
        return self.section_pages > 0 and depth <= 1 and self.owns(link, depth)

    def site_map_batch(self, url: str) -> list[Visit]:
        """The site map (网站地图) as the search's last page, beyond its budget: the portal's own
        list of its columns, read before a column is given up; its links are not followed further."""
        self.seen.add(url)
        self.site_map = url
        link = Link(url=url, text="网站地图", title="", alt="", region="nav", order=0, role="nav")
        self.batch = [Visit(link, self.max_depth, self.trail + [TrailStep(link.text, url)])]
        return self.batch

    @property
    def batch_complete(self) -> bool:
        return all(visit.page is not None for visit in self.batch)

    def could_hold_link(self, visit: Visit) -> bool:
        """Could a page the server refused have held the missing column's link? A page the section
        page links to, or one inside the section's folder, could; a page two clicks away in another
        part of the site (a 503 on an unrelated column) could not, and must not turn every missing
        column of the site into an unverified one."""
        assert visit.page is not None
        if self.site_map is not None and canonical_url(visit.link.url) == canonical_url(self.site_map):
            return True  # the site's own list of its columns: it could hold any of them
        return visit.depth <= 1 or visit.page.requested_url.startswith(self.base)

    @property
    def site_map_refused(self) -> bool:
        if self.site_map is None:
            return False
        mark = canonical_url(self.site_map) + " "
        return any(url.startswith(mark) for url in self.refused)

    def unread_holders(self) -> list[str]:
        """Pages of the parent's own part of the site the search did not read (its budget ended
        first): the parent's sub-column box, tab headings and tree links, and any page inside its
        folder. While one is unread the column may sit under it: the parent's part is not read
        whole, and a column not found is not proven missing."""
        out = []
        for link, depth, _ in [*self.queue, *self.late]:
            if self.owns(link, depth):
                out.append(link.url)
        return out

    def owns(self, link: Link, depth: int) -> bool:
        """Is the page ``link`` leads to part of the parent's own part of the site: one click from
        the parent page, inside its folder or among the sub-columns it offers (its sub-column box,
        its own section of the column tree)? Those pages are where a sub-column's link would be
        (the parent's box, a sibling's tree); pages further away only may hold it."""
        return depth <= 1 and (link.url.startswith(self.base) or link.url in self.own)

