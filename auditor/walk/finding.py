"""Finding a mandated column not linked from its parent page: the bounded search, the close name
taken only when no exact one is found, and the verdict when nothing is found — missing only when
the parent's own part of the site was read whole, else unverified with what was not read.

One job of the walk (``auditor.walk.walker`` holds the others): the ``Walker`` mixes this in.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from auditor.model.observations import ColumnObservation, TrailStep
from auditor.model.reasons import Reason
from auditor.page.answer import FetchedPage
from auditor.page.urlshapes import is_column_url
from auditor.walk.matching import find_column_link
from auditor.walk.plan import PlanNode
from auditor.walk.scope import redact_url
from auditor.walk.search import MORE_COLUMNS, Search, Visit


class ColumnFinder:
    """The walk's job of finding a column its parent page does not link (mixed into ``Walker``)."""

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

    def _remember_similar(self, search: Search, child: PlanNode, page: FetchedPage, trail: list[TrailStep]) -> None:
        # names mandated elsewhere in the spec are never a renamed form of this one
        excluded = [n.name for n in search.parent.children.values()] + [d.name for d in child.descendants()]
        excluded += [name for name in self._column_names if name != child.name]
        match = find_column_link(
            child.name, self._column_links(child, page), section_url=search.parent_page.url, exclude_names=excluded
        )
        if match is None or match.kind != "similar":
            # an undated content link of a close name: taken only if its page names itself so
            loose = find_column_link(
                child.name, self._loose_links(child, page), section_url=search.parent_page.url, exclude_names=excluded
            )
            if loose is None or loose.kind != "similar":
                return
            match = replace(loose, tentative=True)
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
                search.refused_more = search.refused_more or bool(MORE_COLUMNS.search(visit.link.label or ""))
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
        if search.refused and (not shows_columns or search.site_map_refused or search.refused_more):
            # pages that could hold the link were refused: when the parent shows no columns of its
            # own, or the site map (the site's list of all its columns) or the parent's "more
            # columns" page (更多服务, 全部栏目) was among them
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


