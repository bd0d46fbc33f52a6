"""The column tree of one generated portal: what exists, what the site calls it, what it holds.

The tree comes from the spec (every path prefix and required child, placed as the bundled portal
places them, with the same site-own columns), so that every family covers the whole spec. What a
family changes is only how the tree is drawn (``families.trs`` …); what the layout randomises
(names shown, hidden links, planted defects) is decided in ``families.layout`` and recorded here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from sample_portal.sitemap import NAV_ORDER, SITE_COLUMNS, placement, spec_nodes
from auditor.specs import Spec

#: leaf: a list of items; parent: sub-columns only; page: one content page (联系我们, a guide)
ColumnKind = Literal["leaf", "parent", "page"]
#: what a leaf holds: items, items all older than its window, an empty list, a placeholder text
Content = Literal["items", "stale", "empty_list", "placeholder"]
#: where a parent page shows its sub-columns: boxes with their latest items, tab blocks with
#: "更多>", a plain grid of links, or only the left column tree (main shows the merged latest items)
SubRegion = Literal["box", "tabs", "grid", "tree"]

#: columns that are single content pages (by the name the spec or the site uses)
PAGE_COLUMNS = frozenset({"联系我们", "走进两江", "政务服务", "政府信息公开指南"})


@dataclass(frozen=True)
class MediaUse:
    kind: Literal["image", "video", "audio", "flash"]
    url: str
    #: img, lazy (data-src), video, source, audio, embed
    via: str
    caption: str = ""


@dataclass(frozen=True)
class Attachment:
    name: str
    url: str


@dataclass(eq=False)
class Item:
    """One article of a list column."""

    column: SiteColumn
    serial: int
    title: str
    date: dt.date
    url: str
    publisher: str
    index_no: str
    doc_no: str
    paragraphs: list[str]
    #: (label, value) rows of the facts table (required fields and a few more)
    fields: list[tuple[str, str]] = field(default_factory=list)
    media: list[MediaUse] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    pinned: bool = False
    #: blocks tying the page to others: marker (相关文件, 相关解读) -> [(title, URL)] (families.clauses)
    related: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


@dataclass(eq=False)
class SiteColumn:
    #: the name the spec uses (the site's own columns: the name the site shows)
    name: str
    kind: ColumnKind
    parent: SiteColumn | None = None
    children: list[SiteColumn] = field(default_factory=list)
    #: the spec key when the spec mandates the column (or it is a required child)
    spec_key: tuple[str, ...] | None = None
    #: what the site shows instead of ``name`` (a renamed column, an alias, a name with spaces)
    shown: str | None = None
    #: the site shows a name the mandate does not (a rename a person reads as the same column)
    renamed: bool = False
    content: Content = "items"
    #: placeholder text for ``content == "placeholder"``
    placeholder: str = ""
    #: the parent page's sub-column box does not link it: only its siblings' column trees do
    only_in_sibling_trees: bool = False
    sub_region: SubRegion = "box"
    #: a removed column is not on the site at all (kept in the tree for the manifest)
    removed: bool = False
    #: a number the CMS gives the column (Hanweb col id, catalogue node id)
    number: int = 0
    slug: str = ""
    url: str = ""
    items: list[Item] = field(default_factory=list)
    #: list pages (page 1 first), as the family paginates the items
    per_page: int = 15

    @property
    def label(self) -> str:
        return self.shown or self.name

    @property
    def trail(self) -> list[SiteColumn]:
        chain: list[SiteColumn] = []
        node: SiteColumn | None = self
        while node is not None and node.parent is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @property
    def site_key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.trail)

    @property
    def depth(self) -> int:
        return len(self.trail)

    @property
    def visible_children(self) -> list[SiteColumn]:
        return [c for c in self.children if not c.removed]

    def walk(self) -> Iterator[SiteColumn]:
        yield self
        for child in self.children:
            yield from child.walk()

    def is_gone(self) -> bool:
        """Removed itself or under a removed column."""
        return any(c.removed for c in self.trail)


def build_site_tree(spec: Spec) -> tuple[SiteColumn, dict[tuple[str, ...], SiteColumn]]:
    """The column tree (root = home page) and the columns by spec key."""
    nodes = spec_nodes(spec)
    where = placement(nodes)
    site_keys = list(dict.fromkeys(where.values()))
    spec_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    for node, site in where.items():
        spec_of.setdefault(site, node)
    parents = {key[:-1] for key in site_keys}
    root = SiteColumn("首页", "parent")
    by_site: dict[tuple[str, ...], SiteColumn] = {(): root}
    for site in sorted(site_keys, key=len):
        kind: ColumnKind = "parent" if site in parents else ("page" if site[-1] in PAGE_COLUMNS else "leaf")
        column = SiteColumn(site[-1], kind, spec_key=spec_of[site])
        column.parent = by_site[site[:-1]]
        column.parent.children.append(column)
        by_site[site] = column
    for parent_key, name, index in SITE_COLUMNS:
        parent = by_site.get(parent_key)
        if parent is None or any(c.name == name for c in parent.children):
            continue
        column = SiteColumn(name, "page" if name in PAGE_COLUMNS else "leaf", parent=parent)
        parent.children.insert(len(parent.children) if index is None else index, column)
        by_site[(*parent_key, name)] = column
    root.children.sort(key=lambda c: NAV_ORDER.index(c.name) if c.name in NAV_ORDER else len(NAV_ORDER))
    for column in root.walk():
        if column.children:
            column.kind = "parent"
    return root, {node: by_site[site] for node, site in where.items()}
