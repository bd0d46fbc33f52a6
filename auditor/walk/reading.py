"""Reading a column: its list across pagination, the article pages of its newest items (required
fields, media, dates) and, for a parent, its sub-columns — every page the column waits for.

One job of the walk (``auditor.walk.walker`` coordinates them): the ``ColumnReader`` opens a column
the finder found and reads it, sharing only the ``WalkContext`` with the other jobs; the
column is final (emitted) once every page it asked for has come. What a page is, the page decides:
a link offered as a sub-column whose page is an article is an item; a page guessed to be a later
list page counts only when it names itself as the column does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import count

from auditor.model.notes import Note
from auditor.model.observations import ColumnObservation, ItemPageObservation, Listing, ListItem, MediaRef
from auditor.model.reasons import Reason
from auditor.page.answer import FetchedPage
from auditor.page.article import has_labels, read_article
from auditor.page.canonical import canonical_url, page_key
from auditor.page.dates import date_from_url
from auditor.page.facts import read_facts
from auditor.page.listing import PAGE_TEXT, main_own_text
from auditor.walk.choosing import shown_host
from auditor.walk.confirm import breadcrumb, has_document, is_article, names_match, own_name
from auditor.walk.context import WalkContext
from auditor.walk.media_check import content_media
from auditor.walk.plan import PlanNode
from auditor.walk.related import related_to_follow


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
    #: sub-column pages asked for, and those that answered "not found" (404, 410): no column
    subcolumns_asked: int = 0
    subcolumns_gone: int = 0
    #: the column's list as read so far: its first page's items, then each later page's. The pages'
    #: own listings are never changed (a page is read once and its listing shared): what the walk
    #: learns is kept here and the column's listing is made from it when the column is final
    items: list[ListItem] = field(default_factory=list)
    #: dates learnt for undated items (by URL): from the item's URL or its page, with the source
    dates: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: what reading the list left uncertain (``auditor.model.notes``), beside the first page's notes
    notes: list[Note] = field(default_factory=list)
    #: the kind the pages the column led to decided (a "parent" of articles is a list), if changed
    kind: str | None = None
    #: the sub-columns left once links offered as sub-columns turned out to be articles
    subcolumns: list[tuple[str, str]] | None = None
    #: characters of text a "parent" page says in its own place outside its links (its own content)
    own_text: int = 0
    #: why the column's content could not be told once its pages came (the column is unverified)
    unreadable: Reason | None = None

    def dated(self, item: ListItem) -> ListItem:
        """``item`` with the date the walk learnt for it, when its list showed none."""
        known = self.dates.get(item.url or "")
        return replace(item, date=known[0], date_source=known[1]) if known and not item.date else item

    def final_listing(self) -> Listing | None:
        """The column's listing as the walk read it: a new record, the pages' own left as they were."""
        first = self.observation.listing
        if first is None:
            return None
        return replace(
            first,
            kind=self.kind or first.kind,  # type: ignore[arg-type]
            items=[self.dated(item) for item in self.items],
            subcolumns=list(first.subcolumns if self.subcolumns is None else self.subcolumns),
            notes=[*first.notes, *self.notes],
        )



def own_text(page: FetchedPage) -> int:
    """Characters of text (white space left out) the page says in its main area outside its links:
    its own content, beside what it only links (as the list reader weighs a page with no list)."""
    return main_own_text(page.doc) if page.doc is not None else 0


def newest(items: list[ListItem]) -> list[ListItem]:
    """Items newest first (by their listed or URL date); undated ones after, in list order."""
    dated = sorted((i for i in items if i.date), key=lambda i: i.date or "", reverse=True)
    return dated + [i for i in items if not i.date]



class ColumnReader:
    """The walk's job of reading the columns found: each one's list, items and sub-columns."""

    def __init__(self, context: WalkContext) -> None:
        self.context = context
        #: list pagination cut at max_list_pages, per column (for the crawl's stats)
        self.capped_columns: list[tuple[str, ...]] = []
        self._ids = count()

    def open(self, node: PlanNode, observation: ColumnObservation, page: FetchedPage) -> bool:
        """Read the column found at ``page``: True when it is read (its columns below are to be
        found on it), False when it was read already or its page is no column page to read."""
        context = self.context
        if observation.segments in context.visits or observation.segments in context.finished:
            return False
        if not page.ok:
            # a refusal, a challenge or a page that says it does not exist proves nothing about the
            # column; only a plain HTTP 404/410 (or no HTML at all) behind its link makes it missing
            status = "unverified" if page.refused or page.soft_404 else "missing"
            context.emit_subtree(node, replace(observation, status=status, reason=page.reason, http_status=page.status,
                                               searched=[page.url]))
            return False
        if not context.allowed(page.url):
            reason = Reason("column_redirected_offsite", host=shown_host(page.url))
            context.emit_subtree(node, replace(observation, status="unverified", reason=reason, http_status=page.status))
            return False
        listing = page.listing(context.as_of)
        observation = replace(observation, url=page.url, http_status=page.status, listing=listing,
                              facts=read_facts(page.doc) if page.doc is not None else None)
        visit = ColumnVisit(node, observation, list_pages={page_key(page.url), page_key(page.requested_url)},
                            items=list(listing.items))
        context.visits[node.segments] = visit
        if node.mandated:
            self._read_list_pages(visit, listing.next_pages)
            self._read_list_pages(visit, listing.maybe_pages, guessed=True, named=own_name(page))
            self._read_items(visit, listing)
            if listing.kind == "parent":
                visit.own_text = own_text(page)
                self._read_subcolumns(visit, listing)
        self._settle(visit)
        return True

    def _wait(self, visit: ColumnVisit, url: str, consumer: Callable[..., None], *args: object) -> None:
        """Ask for ``url`` on behalf of ``visit``, which is final only once it has come."""
        token = next(self._ids)
        visit.waiting.add(token)
        self.context.want_plain(url, partial(self._arrived_for, visit, token, consumer, args))

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
            if page_key(url) in visit.list_pages or not self.context.allowed(url):
                continue
            if visit.pages_asked >= self.context.config.max_list_pages:
                visit.capped = True
                break
            visit.list_pages.add(page_key(url))
            visit.pages_asked += 1
            self._wait(visit, url, self._on_list_page, guessed, named)

    def _on_list_page(self, visit: ColumnVisit, guessed: bool, named: tuple[str, str] | None, page: FetchedPage) -> None:
        listing = visit.observation.listing
        if guessed and not self._same_column(visit, named, page):
            return  # a guessed later page that is not one: another column, an article, nothing
        if page.ok and listing is not None and has_document(page):
            more = page.listing(self.context.as_of)
            visit.items.extend(more.items)
            self._read_list_pages(visit, more.next_pages)
            if guessed:
                self._read_list_pages(visit, more.maybe_pages, guessed=True, named=named)
            self._read_items(visit, more)
        else:
            visit.observation.failed_pages.append(page.url)

    def _same_column(self, visit: ColumnVisit, named: tuple[str, str] | None, page: FetchedPage) -> bool:
        """Is ``page`` a later page of the column ``visit`` reads, whose page named itself
        ``named``: it names itself by the same name and lists items the column's pages did not?"""
        if visit.observation.listing is None or named is None or not page.ok or not has_document(page):
            return False
        # the name, wherever the page says it: a later page's tree highlights the column page's
        # link, not its own, so it may name itself by its title where page 1 did by its tree
        if (own_name(page) or ("", ""))[0] != named[0]:
            return False
        seen = {item.url for item in visit.items}
        more = page.listing(self.context.as_of)
        return more.kind == "list" and any(item.url not in seen for item in more.items)

    def _read_items(self, visit: ColumnVisit, listing: Listing) -> None:
        """Read the article pages of one list page's items (required fields, media, dates), for
        the first item_list_pages list pages of the column, at most max_item_pages."""
        if visit.item_list_pages >= self.context.config.item_list_pages:
            return
        visit.item_list_pages += 1
        fields = tuple(dict.fromkeys(f for p in visit.node.paths for f in p.rules.required_fields))
        for item in listing.items:  # an undated item dated by its URL (t20210601_…, /art/2021/6/1/)
            url_date = date_from_url(item.url) if item.url and not item.date else None
            if url_date:
                visit.dates.setdefault(item.url or "", (url_date.isoformat(), "url"))
        items = [visit.dated(item) for item in listing.items if item.url and self.context.allowed(item.url)]
        limit = self.context.config.max_item_pages
        if limit and visit.items_asked + len(items) > limit:
            items = newest(items)[: max(limit - visit.items_asked, 0)]
            visit.sampled = True
        visit.items_asked += len(items)
        for item in items:
            assert item.url is not None
            self._wait(visit, item.url, self._on_item, item, fields)

    def _on_item(self, visit: ColumnVisit, item: ListItem, fields: tuple[str, ...], page: FetchedPage) -> None:
        column = visit.node.segments
        if not page.ok or page.doc is None:
            self.context.out.append(ItemPageObservation(column, page.requested_url, "unverified", reason=page.reason))
            return
        article = read_article(page.doc, self.context.as_of)
        if not item.date and article.date and item.url:
            visit.dates.setdefault(item.url, (article.date.isoformat(), "page"))
        facts = read_facts(page.doc)
        media = content_media(article.media, article.body_found, self.context.chrome_images)
        self.context.out.append(
            ItemPageObservation(
                column=column,
                url=page.url,
                title=article.title,
                date=article.date.isoformat() if article.date else None,
                fields_present=has_labels(article.text, fields) if fields else [],
                media=media,
                facts=facts,
            )
        )
        self.context.media.extend(MediaWant(ref, page.url) for ref in media)
        for url in related_to_follow(visit.node, facts, page.url):
            if self.context.allowed(url):
                self._wait(visit, url, self._on_linked)

    def _on_linked(self, visit: ColumnVisit, page: FetchedPage) -> None:
        """A page an item links as related (the 政策文件 of a 解读), read for the clause rules only."""
        column = visit.node.segments
        if not page.ok or page.doc is None:
            self.context.out.append(ItemPageObservation(column, page.requested_url, "unverified", reason=page.reason, role="linked"))
            return
        title = page.article_head(self.context.as_of).title  # its title only: its body and media are not read
        self.context.out.append(
            ItemPageObservation(column, page.requested_url, title=title, facts=read_facts(page.doc), role="linked")
        )

    def _read_subcolumns(self, visit: ColumnVisit, listing: Listing) -> None:
        known = {child.segments[-1] for child in visit.node.children.values()}
        chosen = [(n, u) for n, u in listing.subcolumns if n not in known and self.context.allowed(u)]
        for name, url in chosen[: self.context.config.max_subcolumns]:
            visit.subcolumns_asked += 1
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
            visit.observation.subcolumn_listings[name] = page.listing(self.context.as_of)  # shared, as the census reads it
        else:
            visit.observation.failed_pages.append(page.url)
            if page.status in (404, 410):
                visit.subcolumns_gone += 1

    def _settle(self, visit: ColumnVisit) -> None:
        if not visit.waiting and not visit.done:
            visit.done = True
            self._articles_as_items(visit)
            self._gone_subcolumns(visit)
            self._note_certainty(visit)
            visit.observation = replace(visit.observation, listing=visit.final_listing())
            if visit.unreadable is not None:
                visit.observation = replace(visit.observation, status="unverified", reason=visit.unreadable)
            self.context.emit(visit.observation)

    def _item_page(self, visit: ColumnVisit, page: FetchedPage) -> bool:
        """Is a page reached by a link offered as a sub-column an item of the column? An article
        by what it shows (``is_article``), or a page with a labelled publication date whose
        breadcrumb ends at the column itself (a sub-column's ends at its own name)."""
        if is_article(page, self.context.as_of):
            return True
        crumbs = breadcrumb(page)
        if not crumbs or page.doc is None:
            return False
        column_names = {visit.node.name, *(n for n in (visit.observation.site_name,) if n)}
        if not names_match([crumbs[-1]], column_names):
            return False
        head = page.article_head(self.context.as_of)  # read by is_article already: its date is all this asks
        return head.date is not None and (head.date_source or "").startswith(("label", "meta"))

    def _articles_as_items(self, visit: ColumnVisit) -> None:
        """A "parent" whose offered links led mostly to articles is a list of those articles: what
        the links' pages turned out to be decides, not how their addresses look. A few article
        links beside more sub-columns are a parent's featured items, and it stays a parent."""
        listing = visit.observation.listing
        if listing is None or listing.kind != "parent" or len(visit.article_links) < 2:
            return
        if len(visit.article_links) <= 2 * len(visit.observation.subcolumn_listings):
            return  # as many columns as articles, near enough: a parent with article links beside its sub-columns
        articles = {item.url for item in visit.article_links}
        visit.kind = "list"
        visit.items = list(visit.article_links)
        visit.subcolumns = [(n, u) for n, u in listing.subcolumns if canonical_url(u) not in articles and u not in articles]

    def _gone_subcolumns(self, visit: ColumnVisit) -> None:
        """A "parent" every one of whose offered sub-columns answered "not found" offers no column
        a person can open; the page decides what it is. With text of its own (a guide, a notice
        of the office) it is a page of links (its dead links stay in ``failed_pages``), not a blank
        parent, whether those links sit in a ``<select>`` or a list. With nothing of its own but
        those links, nothing of what the column holds was read: it is unverified, never taken for
        a page with content (which no rule on items or dates would then look at)."""
        listing = visit.observation.listing
        if listing is None or (visit.kind or listing.kind) != "parent" or visit.observation.subcolumn_listings or visit.node.children:
            return
        if not visit.subcolumns_asked or visit.subcolumns_gone != visit.subcolumns_asked or visit.article_links:
            return
        if visit.own_text >= PAGE_TEXT:
            visit.kind = "page"
        else:
            visit.unreadable = Reason("subcolumns_not_found", count=visit.subcolumns_gone)

    def _note_certainty(self, visit: ColumnVisit) -> None:
        """Say what the count rests on when it is not all seen: items read vs declared, a cap."""
        listing = visit.observation.listing
        if listing is not None and visit.sampled:
            visit.notes.append(Note("item_pages_sampled", {"asked": visit.items_asked}))
        if listing is None or (visit.kind or listing.kind) != "list":
            return
        read = len(visit.items)
        if visit.capped:
            visit.notes.append(Note("pagination_capped", {"max_pages": self.context.config.max_list_pages, "read": read}))
            self.capped_columns.append(visit.node.segments)
        if listing.declared_total is not None and listing.declared_total != read:
            visit.notes.append(Note("items_vs_declared", {"read": read, "declared": listing.declared_total}))
