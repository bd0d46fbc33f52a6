"""Finding a mandated column in the site: the link named as it on its parent page, else the bounded
search, a column under another name taken only when no exact one is found and its cues (name,
place, headlines: ``auditor.walk.renaming``) say so with margin — unverified when they are unsure —
and the verdict when nothing is found: missing only when the parent's own part of the site was read
whole, else unverified with what was not read (a page named as the column that the server refused,
pages left unread).

One job of the walk (``auditor.walk.walker`` coordinates them): a link found is followed by the
``Chooser`` (``auditor.walk.choosing``), whose pages decide; what the finder shares with the other
jobs is the ``WalkContext``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import partial

from auditor.model.observations import ColumnObservation, RenameEvidence, TrailStep
from auditor.model.reasons import Reason
from auditor.page.answer import FetchedPage
from auditor.page.canonical import canonical_url
from auditor.page.links import Link, clean_link_name
from auditor.page.tree import link_name
from auditor.walk.choosing import Chooser
from auditor.walk.confirm import check_step, has_document, is_article, own_name
from auditor.walk.context import WalkContext
from auditor.walk.matching import (
    PERIPHERAL_REGIONS, Match, char_ratio, find_column_link, similarity, simplified, simplified_names,
)
from auditor.walk.plan import PlanNode
from auditor.walk.renaming import name_cue, speaking_headlines, verdict, weigh
from auditor.walk.scope import redact_url
from auditor.walk.search import MORE_COLUMNS, Candidate, Search, Visit

#: link targets a browser follows but the crawl never does (the page, not the site, is left)
_FOREIGN_SCHEMES = ("file:", "ftp:", "smb:", "ftps:")


@dataclass
class Weighing:
    """The candidates for one column under another name, weighed as their pages come."""

    child: PlanNode
    candidates: list[Candidate]
    evidence: dict[int, RenameEvidence | None] = field(default_factory=dict)


def _ratio(mandated: str, shown: str) -> float:
    """How alike the two names are, for the finding (``similarity`` for a form of the name, else
    the plain share of characters in common)."""
    a, b = simplified(clean_link_name(mandated)), simplified(clean_link_name(shown))
    return similarity(a, b) or round(char_ratio(a, b), 3)


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


class ColumnFinder:
    """The walk's job of finding each mandated column below a page read: by its link, else by a
    search; the link found goes to the ``Chooser``."""

    def __init__(self, context: WalkContext, chooser: Chooser) -> None:
        self.context = context
        self.chooser = chooser

    def walk_children(self, node: PlanNode, page: FetchedPage, trail: list[TrailStep]) -> None:
        """Find every mandated column below ``node``, whose page is ``page``."""
        unlinked: dict[str, PlanNode] = {}
        for key, child in node.children.items():
            match = self._link_for(child, page)
            if match is not None:
                self.chooser.go(child, match, trail, page, partial(self._search_alone, node, child, page, trail))
                continue
            target = unfollowable_link(page, {child.name, *self.context.spec.aliases_for(child.name)})
            if target is not None:
                # the page shows the column's link, but to where the crawl may not go: not missing
                reason = Reason("column_link_unfollowable", url=redact_url(target[:80]))
                self.context.emit_subtree(child, ColumnObservation(child.segments, "unverified", trail=list(trail), reason=reason))
                continue
            unlinked[key] = child
        if unlinked:
            self._search(node, page, trail, unlinked)

    def _link_for(self, child: PlanNode, page: FetchedPage) -> Match | None:
        """The link on ``page`` named exactly as ``child`` (or by one of its aliases).

        A column link (navigation, tree, sub-column box, tab heading) first; else an undated link of
        the page's content named so, whatever its URL looks like (``/channel/101.html``,
        ``node_1101.htm``): a URL's shape only orders what is read, the page it leads to decides,
        so such a link is taken only when its page names itself the column (``Match.tentative``)."""
        aliases = self.context.spec.aliases_for(child.name)
        match = find_column_link(
            child.name, self._column_links(child, page), aliases=aliases, section_url=page.url, allow_similar=False
        )
        if match is not None:
            return match
        match = find_column_link(child.name, self._loose_links(child, page), aliases=aliases, section_url=page.url, allow_similar=False)
        return replace(match, tentative=True) if match is not None else None

    def _loose_links(self, child: PlanNode, page: FetchedPage) -> list[Link]:
        """Undated links of the page's content: no column by their role, maybe one by their page."""
        rejected = self.context.rejected.get(child.segments, set())
        return [
            link
            for link in page.links
            if link.role in ("content", "entry") and not link.date and link.url != page.url and link.url not in rejected
        ]

    def _column_links(self, child: PlanNode, page: FetchedPage) -> list[Link]:
        """The links of ``page`` a segment may be taken from: column links (navigation, tree,
        sub-column box, tab headings), never a dated list entry, a toolbar or the page itself."""
        rejected = self.context.rejected.get(child.segments, set())
        return [link for link in page.links if link.url != page.url and link.is_column and link.url not in rejected]

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
                budget=self.context.config.search_pages,
                max_depth=self.context.config.search_depth,
                family_pages=self.context.config.date_family_pages,
                own={url for _, url in page.listing(self.context.as_of).subcolumns} if has_document(page) else set(),
                section_pages=self.context.config.section_pages,
            )
            search.seen.add(page.url)
            for child in unlinked.values():
                self._remember_similar(search, child, page, trail)
            search.enqueue(page, 1, trail, self.context.allowed)
            self._pump(search)

    def _remember_similar(self, search: Search, child: PlanNode, page: FetchedPage, trail: list[TrailStep]) -> None:
        """Keep the links of ``page`` whose names are another form of ``child``'s, or akin to it
        (``auditor.walk.renaming.name_cue``): weighed with their pages when the search ends.
        Names mandated elsewhere in the spec (and their aliases) are never taken."""
        excluded = self._excluded_names(search, child)
        rejected = self.context.rejected.get(child.segments, set())
        for links, tentative in ((self._column_links(child, page), False), (self._loose_links(child, page), True)):
            for link in links:
                if link.region in PERIPHERAL_REGIONS or link.region == "header" or link.url in rejected:
                    continue
                names = simplified_names(link)
                if not names or names & excluded or not self.context.allowed(link.url):
                    continue
                cue = max((name_cue(child.name, n) for n in names), key=lambda c: c.weight)
                if cue.weight <= 0 or cue.form == "exact" or self._closer_to_another(child, names, cue.weight):
                    continue
                match = Match(link=link, kind="similar", similarity=_ratio(child.name, link.label), site_name=link.label,
                              tentative=tentative)
                search.remember(child.segments[-1], Candidate(match, cue, list(trail), page))

    @staticmethod
    def _closer_to_another(child: PlanNode, names: Collection[str], weight: float) -> bool:
        """Is a name of the link a closer form of a mandated sibling's name than of ``child``'s
        (政策文件解读 is 政策解读 with a word inserted, only akin to 政策文件)? Then it is that
        column's, under its other name."""
        siblings = [n.name for n in child.parent.children.values() if n is not child] if child.parent else []
        return any(name_cue(other, name).weight > weight for other in siblings for name in names)

    def _excluded_names(self, search: Search, child: PlanNode) -> set[str]:
        """Names that can never be a renamed form of ``child``: every other mandated name, with
        their aliases, and the names below it (worked out once per search and column)."""
        key = child.segments[-1]
        if key not in search.excluded:
            names = [n.name for n in search.parent.children.values()] + [d.name for d in child.descendants()]
            names += [name for name in self.context.column_names if name != child.name]
            names += [alias for name in names for alias in self.context.spec.aliases_for(name)]
            search.excluded[key] = {simplified(clean_link_name(n)) for n in names if n != child.name}
        return search.excluded[key]

    def _remember_by_headlines(self, search: Search, visit: Visit) -> None:
        """A page of the parent's own part the search read: for each column still looked for, a
        candidate by its headlines alone (the name the page gives itself may say nothing)."""
        page = visit.page
        if page is None or not page.ok or not has_document(page) or not search.owns(visit.link, visit.depth):
            return
        named = own_name(page)
        if named is None or is_article(page, self.context.as_of):
            return
        name = named[0]
        for key, child in search.pending.items():
            form = simplified(clean_link_name(name))
            cue = name_cue(child.name, name)
            if form in self._excluded_names(search, child) or self._closer_to_another(child, {form}, cue.weight):
                continue  # a name mandated elsewhere, or another form of a mandated sibling's
            share, _ = speaking_headlines(child.name, [item.title for item in page.listing(self.context.as_of).items], name)
            if not share:
                continue
            link = replace(visit.link, text=name) if not visit.link.label else visit.link
            match = Match(link=link, kind="similar", similarity=_ratio(child.name, name), site_name=name, tentative=True)
            search.remember(key, Candidate(match, cue, list(visit.trail[:-1]), search.parent_page, by_headlines=True))

    def _pump(self, search: Search) -> None:
        batch = search.next_batch()
        if not batch and search.pending and self.context.site_map and self.context.site_map not in search.seen:
            batch = search.site_map_batch(self.context.site_map)
        if not batch:
            self._end_search(search)
            return
        for visit in batch:
            self.context.want(visit.link.url, partial(self._on_search_page, search, visit))

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
                search.refused_more = search.refused_more or bool(MORE_COLUMNS.search(visit.link.label or ""))
            return
        for key, child in list(search.pending.items()):
            match = self._link_for(child, page)
            if match is not None:
                del search.pending[key]
                self.chooser.go(child, match, visit.trail, page, partial(self._search_again, search, key, child))
            else:
                self._remember_similar(search, child, page, visit.trail)
        self._remember_by_headlines(search, visit)
        search.enqueue(page, visit.depth + 1, visit.trail, self.context.allowed)

    def _search_again(self, search: Search, key: str, child: PlanNode) -> None:
        """A link found by the search was not the column: the search goes on for it, or, when it
        is over, the column is missing."""
        if search.over:
            if search.unread_holders() or (self.context.site_map and self.context.site_map not in search.seen):
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
        for key, child in pending.items():
            candidates = search.candidates(key)
            if not candidates:
                self._missing(search, child)
                continue
            weighing = Weighing(child, candidates)
            for index, candidate in enumerate(candidates):
                self.context.want(candidate.match.link.url, partial(self._on_candidate_page, search, weighing, index))

    def _on_candidate_page(self, search: Search, weighing: Weighing, index: int, page: FetchedPage) -> None:
        """One candidate's page came: weigh it; when every candidate's has, take the best (renamed),
        say unsure (unverified) or go on to missing."""
        weighing.evidence[index] = self._weigh(search, weighing.child, weighing.candidates[index], page)
        if len(weighing.evidence) < len(weighing.candidates):
            return
        ranked = sorted(weighing.evidence.items(), key=lambda pair: (-(pair[1].score if pair[1] else -1), pair[0]))
        index, evidence = ranked[0]
        child = weighing.child
        said = verdict(evidence) if evidence is not None else "no"
        candidate = weighing.candidates[index]
        if said == "unsure" and not self._not_read_whole(search, self._shows_columns(search)):
            # unsure of the name, with the parent's part read whole: say so, never guess (with the
            # part not read whole, what was not read is the reason: ``_conclude_missing``)
            reason = Reason("rename_unsure", site_name=candidate.match.site_name, score=evidence.score,
                            url=redact_url(candidate.match.link.url[:80]))
            self.context.emit_subtree(child, ColumnObservation(child.segments, "unverified", trail=list(candidate.trail),
                                                        reason=reason, url=candidate.match.link.url))
            return
        if said != "taken":
            self._missing(search, child)
            return
        match = replace(candidate.match, rename=evidence)
        self.chooser.go(child, match, candidate.trail, candidate.source, partial(self._missing, search, child))

    def _weigh(self, search: Search, child: PlanNode, candidate: Candidate, page: FetchedPage) -> RenameEvidence | None:
        """The candidate's cues weighed: its name, its place (its breadcrumb names the mandated
        parent) and its headlines; None when its page says it is something else (an article,
        another column, a column of another section)."""
        if not page.ok:
            # its page could not be read: its name alone, never taken on a kinship or headlines
            if page.refused and candidate.cue.form not in (None, "shared_word") and not candidate.by_headlines:
                return weigh(candidate.cue, False, None)
            return None
        parent_names = self.context.parent_names(child)
        names = {candidate.match.site_name, candidate.match.link.label} - {""}
        others = self.context.column_names - {child.name} - (parent_names or set())
        check = check_step(page, names, parent_names, self.context.as_of, others, child.segments[:-1])
        if check.verdict == "contradicted" or (candidate.match.tentative and check.verdict != "confirmed"):
            return None
        # at the mandated place: its breadcrumb names the mandated parent, or, shown no parent, the
        # parent page offers it among its own sub-columns, or links it from its own main area
        # (a drop-down or tiles the reader took for no sub-column box: not the site-wide menu)
        own = canonical_url(candidate.match.link.url) in {canonical_url(url) for url in search.own} or (
            candidate.source.url == search.parent_page.url and candidate.match.link.region == "main")
        at_place = check.parent is True or (check.parent is None and own)
        if candidate.by_headlines and not at_place and not search.owns(candidate.match.link, 1):
            return None  # headlines alone speak only at the mandated place
        listing = page.listing(self.context.as_of)
        share, headlines = speaking_headlines(child.name, [item.title for item in listing.items], candidate.match.site_name)
        return weigh(candidate.cue, at_place, share, headlines)

    def _missing(self, search: Search, child: PlanNode) -> None:
        """Not found by its name, nor under another: missing, unless the parent page links a page
        named as the column that the server refused (its page was the only proof it is not the
        column: nobody could tell)."""
        wanted = {clean_link_name(n) for n in (child.name, *self.context.spec.aliases_for(child.name))}
        rejected = self.context.rejected.get(child.segments, set())
        named = [link.url for link in search.parent_page.links if link.url in rejected and link.names() & wanted]
        if not named:
            self._conclude_missing(search, child)
            return
        self.context.want(named[0], partial(self._missing_unless_refused, search, child))

    def _missing_unless_refused(self, search: Search, child: PlanNode, page: FetchedPage) -> None:
        if page.ok or not (page.refused or page.soft_404):
            self._conclude_missing(search, child)
            return
        reason = Reason("column_link_refused", page.reason or Reason("unknown"), url=redact_url(page.requested_url[:80]))
        observation = ColumnObservation(child.segments, "unverified", url=page.requested_url, trail=list(search.trail),
                                        reason=reason, http_status=page.status, searched=[page.requested_url])
        self.context.emit_subtree(child, observation)

    def _conclude_missing(self, search: Search, child: PlanNode) -> None:
        """The column is not linked from the pages that would link it: missing.

        The pages that would link it are its parent page, with its sub-column box and column tree:
        when that page was read whole and shows columns, the column is missing, and pages of the
        search the server refused are only noted (``failed_pages``). When the parent page shows no
        columns at all, its siblings' pages are where the link would be: a refusal among those
        that could hold it leaves the column unverified. The evidence lists the columns the parent
        page offers instead: its column links, those whose pages were read kept only when they read
        as columns (``WalkContext.columns_offered``)."""
        shown = [link for link in search.parent_page.links if link.region in ("tree", "main", "nav") and link.is_column and link.label]
        offered = [link.label for link, column in zip(shown, self.context.columns_offered([link.url for link in shown])) if column]
        shows_columns = self._shows_columns(search)
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
        self.context.emit_subtree(child, observation)

    @staticmethod
    def _shows_columns(search: Search) -> bool:
        """The parent page shows columns of its own (a sub-column box, tab headings, a tree)."""
        return any(link.role in ("subcolumn", "tab", "tree") for link in search.parent_page.links)

    def _not_read_whole(self, search: Search, shows_columns: bool) -> Reason | None:
        """Why the parent's part of the site was not read whole, or None when it was: "not found"
        is "missing" only then; otherwise the column is unverified, saying what was not read.

        Not read whole: pages that could hold the link refused (when the parent page shows no
        columns of its own); pages of the parent's own part left unread when the search budget
        ended; frames of the parent page whose documents did not come; a parent page whose list
        is drawn by script."""
        if search.refused and (not shows_columns or search.site_map_refused or search.refused_more):
            # pages that could hold the link were refused: when the parent shows no columns of its
            # own, or the site map (the site's list of all its columns) or the parent's "more
            # columns" page (更多服务, 全部栏目) was among them
            return Reason("section_unreadable", tuple(search.refused_why[:5]))
        unread = search.unread_holders()
        if unread:
            return Reason("search_incomplete", read=len(search.searched), unread=len(unread), budget=self.context.config.search_pages)
        frames = self.context.frames.unread(search.parent_page)
        if frames:
            return Reason("frames_unread", count=len(frames), url=redact_url(frames[0][:80]))
        if has_document(search.parent_page) and search.parent_page.listing(self.context.as_of).kind == "js_only" and not shows_columns:
            return Reason("section_drawn_by_script")
        return None


