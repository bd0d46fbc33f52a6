"""What the walk's jobs share: the page book, the scope, the census, the observations made final.

The walk has three jobs beside the census: finding a mandated column (``auditor.walk.finding``),
choosing among the links that carry its name by the pages they lead to (``auditor.walk.choosing``)
and reading a column (``auditor.walk.reading``). Each is its own object; what they share is this
one context, so none of them reaches into another's state: they ask for pages through it
(``want``, ``want_plain``) and hand it what is final (``emit``, ``emit_subtree``, ``out``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Union

from auditor.model.observations import ColumnObservation, ItemPageObservation
from auditor.page.answer import FetchedPage
from auditor.page.canonical import canonical_url
from auditor.specs import Spec
from auditor.walk.book import PageBook
from auditor.walk.census import Census
from auditor.walk.config import WalkConfig
from auditor.walk.frames import FrameReader
from auditor.walk.media_check import image_names
from auditor.walk.plan import PlanNode
from auditor.walk.scope import Scope

if TYPE_CHECKING:
    import datetime as dt

    from auditor.walk.reading import ColumnVisit, MediaWant

Observation = Union[ColumnObservation, ItemPageObservation]


@dataclass
class WalkContext:
    """One walk's shared state: built by ``Walker``, used by its finder, chooser and reader."""

    spec: Spec
    config: WalkConfig
    #: the day the walk judges dates against (``WalkConfig.today``, fixed once per walk)
    as_of: dt.date
    plan: PlanNode
    scope: Scope
    book: PageBook
    #: frame documents read as part of their page
    frames: FrameReader
    #: the portal's own column map, from every page read whole
    census: Census
    #: columns being read or read, by segment path (the reader's; others read their names)
    visits: dict[tuple[str, ...], ColumnVisit] = field(default_factory=dict)
    #: the final observation of every column, once
    finished: dict[tuple[str, ...], ColumnObservation] = field(default_factory=dict)
    #: observations final since the driver last took them
    out: list[Observation] = field(default_factory=list)
    #: media to check since the driver last took them
    media: list[MediaWant] = field(default_factory=list)
    #: per segment path, the URLs that proved not to be its column (an article, another column)
    rejected: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    #: the site map page the home page links (网站地图), read by a search before it ends
    site_map: str | None = None
    #: file names of the images on the pages read whole (home, columns), and on how many pages
    image_pages: Counter[str] = field(default_factory=Counter)
    imaged: set[str] = field(default_factory=set)
    #: every mandated column's name: a breadcrumb parent among them is a section of its own
    column_names: set[str] = field(default_factory=set)
    #: pages read whole, by the URL asked (canonical): where each landed, None for one that proved
    #: absent (404, 410, a soft 404); a refused page is not here, as nothing of it was read
    landed: dict[str, str | None] = field(default_factory=dict)

    def allowed(self, url: str) -> bool:
        """The one scope check (``auditor.walk.scope``): http(s) URLs of the portal's origins and
        the allowed ones; another port of the portal's host is another site."""
        return self.scope.in_scope(url)

    @property
    def chrome_images(self) -> set[str]:
        """Images the site repeats: shown on two pages read whole or more (a logo, a badge)."""
        return {name for name, pages in self.image_pages.items() if pages >= 2}

    # --- asking for pages -------------------------------------------------------------------------
    def want(self, url: str, consumer: Callable[[FetchedPage], None]) -> None:
        """Ask for a page the walk reads as a person sees it: with the documents of its frames and
        iframes, whose links are the page's links (``auditor.walk.frames``)."""
        self.book.want(url, partial(self.frames.whole, partial(self._looked_at, consumer)))

    def _looked_at(self, consumer: Callable[[FetchedPage], None], page: FetchedPage) -> None:
        """Every page read whole goes into the site's column map before its party reads it."""
        self.census.read(page)
        if page.ok:
            self.landed[canonical_url(page.requested_url)] = canonical_url(page.url)
        elif not page.refused:
            self.landed[canonical_url(page.requested_url)] = None
        if page.requested_url not in self.imaged:
            self.imaged.add(page.requested_url)
            self.image_pages.update(image_names(page))
        consumer(page)

    def want_plain(self, url: str, consumer: Callable[[FetchedPage], None]) -> None:
        """Ask for a page read on its own (a list page, an item page): its frames are not fetched."""
        self.book.want(url, consumer)

    # --- what is final ----------------------------------------------------------------------------
    def emit(self, observation: ColumnObservation) -> None:
        if observation.segments in self.finished:
            return
        self.finished[observation.segments] = observation
        self.out.append(observation)

    def emit_subtree(self, node: PlanNode, template: ColumnObservation) -> None:
        """A column that is missing or unreadable takes every column below it along."""
        for target in [node, *node.descendants()]:
            self.emit(
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

    def columns_offered(self, urls: list[str]) -> list[bool]:
        """For each of ``urls`` (links a person reads as columns), may it be one of the site's
        columns? A page read whole says so itself: it is one when the census mapped it as a column
        (not an article, not a page naming itself nowhere, not a dead link). A page not read, or
        refused, is what its link says: a column. Its URL's shape never decides."""
        mapped = {canonical_url(column.url) for column in self.census.column_map().columns}
        out = []
        for url in urls:
            key = canonical_url(url)
            out.append(key not in self.landed or self.landed[key] in mapped)
        return out

    def parent_names(self, node: PlanNode) -> set[str] | None:
        """The names ``node``'s parent column goes by: mandated, its aliases, and the name the site
        gave it where the walk read it; None for a top column (its parent is the home page)."""
        parent = node.parent
        if parent is None or parent.parent is None:
            return None
        names = {parent.name, *self.spec.aliases_for(parent.name)}
        walked = self.visits.get(parent.segments)
        if walked is not None and walked.observation.site_name:
            names.add(walked.observation.site_name)
        return names
