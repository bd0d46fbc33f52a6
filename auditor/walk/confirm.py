"""Is the page a click landed on the column the walk was looking for? What the page says it is.

A person who clicked 政策解读 checks where they stand: the breadcrumb's last crumb, the column name
the CMS writes in ``<meta name="ColumnName">``, the highlighted node of the column tree, the page's
heading or its ``<title>``. A page that names itself otherwise, or an article (its breadcrumb ends
in 正文, its URL is an article's, it carries a publication date), is not the column, however its
link was named: a headline titled like a column leads to an article. Where the breadcrumb shows the
crumb before this one, it must be the previous segment of the path; that is how two columns of the
same name in different sections (flat ``/col/colNNN/`` URLs say nothing) are told apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from lxml.html import HtmlElement

from auditor.page.answer import FetchedPage
from auditor.page.article import ShapeVerdict
from auditor.page.canonical import canonical_url
from auditor.page.crumbs import breadcrumb_names
from auditor.page.links import TRUNCATION, clean_link_name
from auditor.page.tree import HOME_NAMES, collapse
from auditor.page.urlshapes import is_article_url
from auditor.walk.matching import SIMILARITY_FLOOR, similarity

Verdict = Literal["confirmed", "unconfirmed", "contradicted"]

#: the last crumb of an article page: the page is an item, not a column
_ARTICLE_CRUMBS = frozenset({"正文", "详情", "内容", "文章", "浏览文章", "信息详情", "详细内容", "正文内容", "查看详情"})
_COLUMN_META = ("columnname", "column", "catalogname", "lmmc", "channelname")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|—|－|-|–|:|：)\s*")


@dataclass(frozen=True)
class StepCheck:
    verdict: Verdict
    #: what confirmed the step: ``breadcrumb``, ``meta``, ``tree``, ``heading``, ``title``
    by: str | None = None
    #: the breadcrumb's crumb before this one: the previous segment (True), another column (False),
    #: not shown (None)
    parent: bool | None = None
    #: the name the page gives itself, when it names itself otherwise
    own_name: str | None = None

    @property
    def evidence(self) -> str:
        """How the step was confirmed, for the trail: ``breadcrumb+parent``, ``title``, …"""
        if self.verdict == "contradicted":
            return "contradicted" + (f": {self.own_name}" if self.own_name else "")
        if self.by is None:
            return "unconfirmed"
        return self.by + ("+parent" if self.parent else "")

    @property
    def rank(self) -> tuple[int, int]:
        """Lower is better: confirmed with its parent, confirmed, unconfirmed, then another parent."""
        tier = {"confirmed": 0, "unconfirmed": 1, "contradicted": 9}[self.verdict]
        return tier, {True: 0, None: 1, False: 2}[self.parent]


def names_match(candidates: Iterable[str], wanted: Iterable[str]) -> bool:
    """Does one of ``candidates`` (names a page shows) name one of ``wanted``?"""
    wanted_forms = {clean_link_name(w) for w in wanted if w}
    for raw in candidates:
        name = clean_link_name(raw)
        if not name or TRUNCATION.search(raw.strip()):
            continue
        if name in wanted_forms or any(similarity(w, name) >= SIMILARITY_FLOOR for w in wanted_forms):
            return True
    return False


def check_step(
    page: FetchedPage,
    names: set[str],
    parent_names: set[str] | None,
    as_of: dt.date,
    other_columns: set[str] = frozenset(),  # type: ignore[assignment]
    path_names: Iterable[str] = (),
) -> StepCheck:
    """What ``page`` says it is, against the ``names`` of the segment looked for (mandated name,
    aliases, the link's own name) and ``parent_names`` of the previous segment (None: the previous
    step is the home page, which every breadcrumb starts from). ``other_columns`` are names of
    other mandated columns: a breadcrumb parent among them is another section. ``path_names`` are
    the segments above the column: a block heading naming one of them is the site skipping a level."""
    doc = page.doc
    if doc is None:
        return StepCheck("unconfirmed")
    crumbs = breadcrumb(page)
    parent = _parent(crumbs, parent_names, other_columns)
    if parent is None and parent_names is not None:
        # the breadcrumb shows no parent: the heading of the menu or tree block where the page
        # marks itself may (a drop-down under 政务公开, a sibling menu titled 政务公开)
        parent = _block_parent(page, parent_names, set(other_columns) - set(path_names))
    if crumbs and clean_link_name(crumbs[-1]) in _ARTICLE_CRUMBS:
        return StepCheck("contradicted", parent=parent, own_name=crumbs[-1])
    strong: list[tuple[str, str]] = []
    if crumbs and clean_link_name(crumbs[-1]) not in {clean_link_name(h) for h in HOME_NAMES}:
        strong.append(("breadcrumb", crumbs[-1]))
    meta = column_meta(doc.root)
    if meta:
        strong.append(("meta", meta))
    if parent is False:
        # its breadcrumb puts it in another section: a same-named column elsewhere
        return StepCheck("contradicted", parent=parent, own_name=" > ".join(crumbs[-2:]))
    for source, name in strong:
        if names_match([name], names):
            return StepCheck("confirmed", by=source, parent=parent)
    if strong:
        return StepCheck("contradicted", parent=parent, own_name=strong[0][1])
    article = _is_article(page, as_of)
    for source, shown in (("tree", _current_tree_nodes(page)), ("heading", _headings(page)), ("title", _title_parts(doc.root))):
        if names_match(shown, names):
            if article:
                return StepCheck("contradicted", parent=parent, own_name="article")
            return StepCheck("confirmed", by=source, parent=parent)
    if article:
        return StepCheck("contradicted", parent=parent, own_name="article")
    return StepCheck("unconfirmed", parent=parent)


def own_name(page: FetchedPage) -> tuple[str, str] | None:
    """The name a page gives itself, and where it says so: the breadcrumb's last crumb, the
    ``ColumnName`` meta, the highlighted node of its column tree, its heading, its title's first
    part; None when it names itself nowhere (or only as the home page)."""
    links = page.links
    cached = page.derived.get("own_name")
    if isinstance(cached, tuple) and cached[0] is links:
        return cached[1]  # worked out for the same links (a frame's links arriving replace the list)
    named = _own_name(page)
    page.derived["own_name"] = (links, named)
    return named


def _own_name(page: FetchedPage) -> tuple[str, str] | None:
    doc = page.doc
    if doc is None:
        return None
    homes = {clean_link_name(h) for h in HOME_NAMES}
    crumbs = breadcrumb(page)
    candidates = [
        ("breadcrumb", crumbs[-1:] if len(crumbs) >= 2 else []),
        ("meta", [column_meta(doc.root) or ""]),
        ("tree", _current_tree_nodes(page)),
        ("heading", _headings(page)),
        ("title", _title_parts(doc.root)[:1]),
    ]
    for source, names in candidates:
        for name in names:
            if name and clean_link_name(name) and clean_link_name(name) not in homes and not TRUNCATION.search(name):
                return name, source
    return None


def breadcrumb(page: FetchedPage) -> list[str]:
    """The crumbs of the page's first breadcrumb, home first (``auditor.page.crumbs``), read once
    per page."""
    crumbs = page.derived.get("breadcrumb")
    if not isinstance(crumbs, list):
        doc = page.doc
        assert doc is not None
        crumbs = page.derived["breadcrumb"] = breadcrumb_names(doc)
    return list(crumbs)


def has_document(page: FetchedPage) -> bool:
    """Does the page hold a document to read? Asked without parsing it: a page whose tree the page
    book let go (``auditor.walk.book``) keeps its text, and what the walk read of it (links, list,
    name, shape) is kept with it; only a reader of the tree itself has it parsed again."""
    return page.text is not None


def _parent(crumbs: list[str], parent_names: set[str] | None, other_columns: set[str]) -> bool | None:
    """True: the crumb before this one names the previous segment; None: no parent shown, or the
    previous segment further up with an unknown level between (the site has a level the path
    skips); False: it is not there, or the crumb before names another mandated column."""
    if parent_names is None or len(crumbs) < 3:
        return None  # only home and the page itself: no parent shown
    if names_match([crumbs[-2]], parent_names) or any(shortens(crumbs[-2], name) for name in parent_names):
        return True
    if other_columns and names_match([crumbs[-2]], other_columns):
        return False
    return None if names_match(crumbs[1:-2], parent_names) else False


def _block_parent(page: FetchedPage, parent_names: set[str], other_columns: set[str]) -> bool | None:
    """Where the blocks in which the page marks itself as current put it: under the previous
    segment (True), under another mandated column off the path (False), unsaid (None)."""
    headings = block_headings(page)
    if any(names_match([h], parent_names) or any(shortens(h, n) for n in parent_names) for h in headings):
        return True
    if other_columns and any(clean_link_name(h) in {clean_link_name(c) for c in other_columns} for h in headings):
        return False
    return None


def block_headings(page: FetchedPage) -> list[str]:
    """The headings of the menu and tree blocks in which the page marks its own node (a drop-down's
    group link, a sibling menu's title): what a person reads above the highlighted name. The own
    node is the one marked current or the link to the page itself, whatever role the reader gave it."""
    doc = page.doc
    if doc is None:
        return []
    own = canonical_url(page.url)
    current = [
        link for link in page.links
        if link.role != "breadcrumb"
        and ((link.current and link.role in ("tree", "nav", "subcolumn", "tab")) or canonical_url(link.url) == own)
    ]
    if not current:
        return []
    elements = list(doc.link_elements())
    out: list[str] = []
    for link in current:
        if link.order < len(elements) and elements[link.order][1] == link.url:
            heading = _group_heading(elements[link.order][0])
            if heading and heading not in out:
                out.append(heading)
    return out


def _group_heading(element: HtmlElement) -> str | None:
    """The heading of the group a link sits in: going up from the link, the first element before
    it that is not another item like it (the drop-down's own link, the list's title)."""
    node = element
    for _ in range(6):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        before = node.getprevious()
        while before is not None and not isinstance(before.tag, str):
            before = before.getprevious()  # comments, processing instructions
        if before is not None and not _same_shape(before, node):
            text = collapse(before.text_content())
            return text if 2 <= len(text) <= 20 else None
        node = parent
    return None


def _same_shape(a: HtmlElement, b: HtmlElement) -> bool:
    """Two items of one list: the same tag, each with a link or neither."""
    def linked(e: HtmlElement) -> bool:
        return e.tag == "a" or next(e.iter("a"), None) is not None

    return a.tag == b.tag and linked(a) == linked(b)


def shortens(crumb: str, name: str) -> bool:
    """Is ``crumb`` a shortened crumb of ``name``: two characters or more of it, kept in order
    (公开 for 政务公开, 信息公开 for 政府信息公开)? Breadcrumbs shorten the crumbs above the page."""
    short, whole = clean_link_name(crumb), clean_link_name(name)
    if len(short) < 2 or len(short) >= len(whole):
        return False
    rest = iter(whole)
    return all(char in rest for char in short)


def column_meta(root: HtmlElement) -> str | None:
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").strip().lower()
        if name in _COLUMN_META:
            content = collapse(meta.get("content"))
            if content:
                return content
    return None


def _current_tree_nodes(page: FetchedPage) -> list[str]:
    return [link.label for link in page.links if link.current and link.role in ("tree", "nav", "subcolumn", "tab")]


def _headings(page: FetchedPage) -> list[str]:
    doc = page.doc
    assert doc is not None
    out = []
    for element in doc.root.iter("h1", "h2", "h3"):
        if doc.region(element) in ("main", "tree") and doc.is_visible(element):
            text = collapse(element.text_content())
            if text and len(text) <= 30:
                out.append(text)
    return out


def _title_parts(root: HtmlElement) -> list[str]:
    title = root.find(".//title")
    if title is None:
        return []
    return [part for part in _TITLE_SPLIT.split(collapse(title.text_content())) if part]


def is_article(page: FetchedPage, as_of: dt.date) -> bool:
    """An item page, not a column (``_is_article``), or one whose breadcrumb ends in 正文."""
    crumbs = breadcrumb(page)
    if crumbs and clean_link_name(crumbs[-1]) in _ARTICLE_CRUMBS:
        return True
    return _is_article(page, as_of)


def _is_article(page: FetchedPage, as_of: dt.date) -> bool:
    return article_verdict(page, as_of) == "article"


def article_verdict(page: FetchedPage, as_of: dt.date) -> ShapeVerdict:
    """An item page (``article``), a column page (``column``), or ``unsure``. The page decides by
    its structure (``auditor.page.article.article_shape``): one body of running text under a dated
    title is an article even beside a list of related articles or attachments; a page whose list
    is its text is a column page whatever its URL looks like (``/channel/101.html``). Where the
    structure does not settle it, a page that reads as one text is an article when its body is
    recognised and dated or its URL is an article's; one that lists items or sub-columns is not."""
    assert has_document(page)
    shape = page.article_shape(as_of)
    if shape.verdict != "unsure":
        return shape.verdict
    if page.listing(as_of).kind != "page":
        return "unsure"  # a list, a parent of sub-columns the structure did not settle
    article = page.article(as_of)
    dated = article.date is not None and (article.date_source or "").startswith(("label", "meta"))
    return "article" if article.body_found and (dated or is_article_url(page.url)) else "unsure"

