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
from auditor.page.article import read_article
from auditor.page.links import clean_link_name
from auditor.page.tree import HOME_NAMES, LOCATION_PREFIXES, collapse, link_name
from auditor.page.urlshapes import is_article_url
from auditor.walk.matching import SIMILARITY_FLOOR, similarity

Verdict = Literal["confirmed", "unconfirmed", "contradicted"]

#: the last crumb of an article page: the page is an item, not a column
_ARTICLE_CRUMBS = frozenset({"正文", "详情", "内容", "文章", "浏览文章", "信息详情", "详细内容", "正文内容", "查看详情"})
_COLUMN_META = ("columnname", "column", "catalogname", "lmmc", "channelname")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|—|－|-|–|:|：)\s*")
_SEPARATORS = re.compile(r"[>＞»›→/|\\]+")
_TRUNCATED = re.compile(r"(…|\.\.\.|。。。)$")


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
        if not name or _TRUNCATED.search(raw.strip()):
            continue
        if name in wanted_forms or any(similarity(w, name) >= SIMILARITY_FLOOR for w in wanted_forms):
            return True
    return False


def check_step(page: FetchedPage, names: set[str], parent_names: set[str] | None, as_of: dt.date) -> StepCheck:
    """What ``page`` says it is, against the ``names`` of the segment looked for (mandated name,
    aliases, the link's own name) and ``parent_names`` of the previous segment (None: the previous
    step is the home page, which every breadcrumb starts from)."""
    doc = page.doc
    if doc is None:
        return StepCheck("unconfirmed")
    crumbs = breadcrumb(page)
    parent = _parent(crumbs, parent_names)
    if crumbs and clean_link_name(crumbs[-1]) in _ARTICLE_CRUMBS:
        return StepCheck("contradicted", parent=parent, own_name=crumbs[-1])
    strong: list[tuple[str, str]] = []
    if crumbs and clean_link_name(crumbs[-1]) not in {clean_link_name(h) for h in HOME_NAMES}:
        strong.append(("breadcrumb", crumbs[-1]))
    meta = column_meta(doc.root)
    if meta:
        strong.append(("meta", meta))
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


def breadcrumb(page: FetchedPage) -> list[str]:
    """The crumbs of the page's first breadcrumb, home first: its links' names and the text after
    the last link (the current column, often not a link)."""
    doc = page.doc
    assert doc is not None
    for element in doc.root.iter():
        if not isinstance(element.tag, str) or doc.region(element) != "breadcrumb":
            continue
        parent = element.getparent()
        if parent is not None and doc.region(parent) == "breadcrumb":
            continue
        return _crumbs(element)
    return []


def _crumbs(holder: HtmlElement) -> list[str]:
    crumbs: list[str] = []
    anchors = [a for a in holder.iter("a")]
    for anchor in anchors:
        name = collapse(link_name(anchor))
        if name:
            crumbs.append(name)
    tail = ""
    if anchors:
        last = anchors[-1]
        pieces = [last.tail or ""]
        node: HtmlElement | None = last
        while node is not None and node is not holder:
            for sibling in node.itersiblings():
                if isinstance(sibling.tag, str):
                    pieces.append(sibling.text_content())
                pieces.append(sibling.tail or "")
            node = node.getparent()
        tail = collapse(_SEPARATORS.sub(" ", "".join(pieces)))
    else:
        tail = collapse(holder.text_content())
        for prefix in LOCATION_PREFIXES:
            tail = tail.replace(prefix, "")
        parts = [p for p in (collapse(x) for x in _SEPARATORS.split(tail)) if p]
        return [p.strip("：: ") for p in parts if p.strip("：: ")]
    tail = tail.strip("：: ")
    if tail and len(tail) <= 30:
        crumbs.append(tail)
    return [c for c in crumbs if c.strip("：: ") and not c.startswith(LOCATION_PREFIXES)]


def _parent(crumbs: list[str], parent_names: set[str] | None) -> bool | None:
    if parent_names is None or len(crumbs) < 3:
        return None  # only home and the page itself: no parent shown
    return names_match([crumbs[-2]], parent_names)


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


def _is_article(page: FetchedPage, as_of: dt.date) -> bool:
    """An item page, not a column: an article's URL, or a body with a publication date."""
    if is_article_url(page.url):
        return True
    assert page.doc is not None
    if page.listing(as_of).kind != "page":
        return False  # a list, a parent of sub-columns: a column page
    article = read_article(page.doc, as_of)
    return bool(article.body_found and article.date is not None and (article.date_source or "").startswith(("label", "meta")))

