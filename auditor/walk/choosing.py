"""Following a link found for a mandated column: the page it leads to decides.

Where several links carry the column's name (one in the menu, one in the tree, to two URLs), each
candidate's page is checked (``auditor.walk.confirm``) before one is taken; a page that says it is
something else (an article, another column, a column of another section) rejects the link, and the
finder looks further (``on_reject``). A taken column is handed to ``on_found``; one whose link
leaves the portal is unverified, never read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from urllib.parse import urlsplit

from auditor.model.observations import ColumnObservation, TrailStep
from auditor.model.reasons import Reason
from auditor.page.answer import FetchedPage
from auditor.page.links import Link
from auditor.page.tree import UNFOLLOWABLE
from auditor.walk.confirm import StepCheck, check_step
from auditor.walk.context import WalkContext
from auditor.walk.matching import Match
from auditor.walk.plan import PlanNode
from auditor.walk.scope import origin_of

#: the party a taken column goes to: its plan node, its observation so far and its page
OnFound = Callable[[PlanNode, ColumnObservation, FetchedPage], None]


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


class Chooser:
    """The walk's job of taking the link found for a column, its page deciding."""

    def __init__(self, context: WalkContext, on_found: OnFound) -> None:
        self.context = context
        self.on_found = on_found

    def go(
        self, node: PlanNode, match: Match, trail: list[TrailStep], source: FetchedPage, on_reject: Callable[[], None]
    ) -> None:
        """Follow the link ``match`` found on ``source``; where other links carry the name too, the
        page each leads to decides which is the column."""
        allowed = self.context.allowed
        links = [match.link]
        for url in match.alternates:
            same_url = [link for link in source.links if link.url == url]
            named = [link for link in same_url if link.names() & match.link.names()]
            if named or same_url:
                links.append((named or same_url)[0])
        links = [link for link in links if allowed(link.url)] or links[:1]
        choice = Choice(node, match, links, trail, on_reject)
        if not allowed(links[0].url):
            self._take(choice, 0, None)
            return
        self.context.want(links[0].url, partial(self._on_candidate, choice, 0))

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
                self.context.want(choice.links[other].url, partial(self._on_candidate, choice, other))
            return
        if len(choice.checks) == len(choice.links):
            self._decide(choice)

    def _check(self, choice: Choice, page: FetchedPage) -> StepCheck:
        if not page.ok:
            return StepCheck("unconfirmed", parent=None)
        context, node = self.context, choice.node
        # the segment's names only: a candidate's own label may be another column's (one URL, two links)
        names = {node.name, *context.spec.aliases_for(node.name), choice.match.site_name, choice.match.link.label}
        # the previous segment as the site names it (a search's trail ends on the page searched)
        parent_names = context.parent_names(node)
        others = context.column_names - names - (parent_names or set())
        return check_step(page, {n for n in names if n}, parent_names, context.as_of, others, node.segments[:-1])

    def _decide(self, choice: Choice) -> None:
        choice.decided = True
        ranked = sorted(choice.checks, key=lambda i: (choice.checks[i].rank, i))
        best = ranked[0]
        unsure = choice.match.tentative and choice.checks[best].verdict != "confirmed"
        if choice.checks[best].verdict == "contradicted" or unsure or self._in_another_section(choice, choice.checks[best]):
            self.context.rejected.setdefault(choice.node.segments, set()).update(link.url for link in choice.links)
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
        top = self.context.plan.children.get(choice.node.segments[0])
        if top is None or source not in self.context.column_names:
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
        if not self.context.allowed(link.url):
            if link.url.startswith(UNFOLLOWABLE):  # a data: or file: link, or a URL a script computes
                kind = link.url.removeprefix(UNFOLLOWABLE)
                reason = Reason("link_unfollowable", kind="URL computed by a script" if kind == "script" else f"{kind}: URL")
            else:
                reason = Reason("column_offsite", host=shown_host(link.url))
            self.context.emit_subtree(node, replace(observation, status="unverified", reason=reason))
            return
        assert page is not None
        self.on_found(node, observation, page)


def shown_host(url: str) -> str:
    """The host of ``url`` with its port when not the default (another port is another site)."""
    origin = origin_of(url)
    return origin.shown if origin is not None else urlsplit(url).netloc.rsplit("@", 1)[-1]
