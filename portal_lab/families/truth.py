"""The ground truth of a generated portal, written from the tree and the plan as built.

What a person reading the pages concludes, path by path: a column removed is missing (the walk
stops at its nearest existing ancestor); a list column is empty, stale or ok by its items; a parent
column holds what its sub-columns hold; a page is its own item. Findings follow from the statuses and
the planted media and fields. Shape (a superset of the bundled manifest's):

``{"portal", "family", "seed", "spec", "as_of", "features", "expected_paths": [{"id", "path",
"status", "url"}], "subcolumn_paths": [...], "defects": [{"kind", "path", "url", "page", …}],
"healthy_paths", "columns": [...]}``
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from portal_lab.families.content import FLAWS, ItemMaker
from portal_lab.families.layout import Plan
from portal_lab.families.site import SiteColumn
from auditor.specs import Spec

if TYPE_CHECKING:
    from portal_lab.families.base import Family


@dataclass(frozen=True)
class Holding:
    """What a column holds as a person reads it."""

    items: int
    newest: dt.date | None


def holding(column: SiteColumn) -> Holding:
    if column.kind == "page":
        return Holding(1, None)
    if column.kind == "leaf":
        dates = [it.date for it in column.items]
        return Holding(len(column.items), max(dates) if dates else None)
    subs = [holding(c) for c in column.visible_children]
    dates = [h.newest for h in subs if h.items and h.newest]
    return Holding(sum(h.items for h in subs), max(dates) if dates else None)


def _stop(column: SiteColumn) -> SiteColumn:
    """The existing column a walk looking for ``column`` stands on when it gives up."""
    node = column
    while node.is_gone():
        assert node.parent is not None
        node = node.parent
    return node


def _status(column: SiteColumn, window: int | None, as_of: dt.date) -> str:
    if column.is_gone():
        return "missing"
    held = holding(column)
    if held.items == 0:
        return "empty"
    if window is not None and column.kind != "page" and held.newest is not None and (as_of - held.newest).days > window:
        return "stale"
    return "ok"


def markup_tags(column: SiteColumn, plan: Plan, root: SiteColumn, status: str) -> list[str]:
    """The kinds of markup a walk meets on the way to this column and on its page, so a scorer can
    say which kind a wrong answer came from."""
    trail = [c for c in column.trail if not c.is_gone()]
    tags = {f"family:{plan.family}"}
    if column.kind == "leaf" and column.spec_key in plan.date_style:
        tags.add(f"date:{plan.date_style[column.spec_key]}")
    if column.parent is not None and column.parent.parent is not None:
        tags.add(f"linked_from:{column.parent.sub_region}")
    if column.kind == "parent":
        tags.add(f"parent_region:{column.sub_region}")
    names: dict[str, int] = {}
    for node in root.walk():
        names[node.name] = names.get(node.name, 0) + 1
    for node in trail:
        if node.only_in_sibling_trees:
            tags.add("sibling_tree_only")
        if node.renamed:
            tags.add("renamed")
        elif node.shown:
            tags.add("alias_name")
        if node.spec_key in plan.spaced:
            tags.add("spaced_name")
        if node.label in plan.ticker_decoys:
            tags.add("headline_decoy")
        if names.get(node.name, 0) > 1:
            tags.add("same_name_elsewhere")
    if plan.image_nav:
        tags.add("image_nav")
    if any(tuple(s.site_key) in plan.refused for node in trail if node.parent for s in node.parent.children):
        tags.add("refused_sibling")
    if plan.toolbar and status == "empty":
        tags.add("toolbar")
    if plan.hidden_blocks and status in ("empty", "stale"):
        tags.add("hidden_blocks")
    if column.kind == "leaf" and column.content in ("empty_list", "placeholder"):
        tags.add(f"content:{column.content}")
    return sorted(tags)


def _defect(kind: str, path: tuple[str, ...], url: str, note: str, page: str | None = None, **more: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": kind, "path": list(path), "url": url, "page": page, "note": note}
    entry.update(more)
    return entry


def build_truth(spec: Spec, plan: Plan, root: SiteColumn, columns: dict[tuple[str, ...], SiteColumn],
                maker: ItemMaker, family: Family, as_of: dt.date) -> dict[str, Any]:
    expected, defects, subpaths = [], [], []
    for path in spec.paths:
        column = columns[path.segments]
        status = _status(column, path.rules.effective_max_age_days, as_of)
        url = column.url if status != "missing" else _stop(column).url
        expected.append({"id": path.id, "path": list(path.segments), "status": status, "url": url,
                         "markup": markup_tags(column, plan, root, status)})
        if status == "missing":
            gone = next(c for c in column.trail if c.removed)
            # where the column would be if it existed: the site answers 404 there
            defects.append(_defect("missing_column", path.segments, url, "栏目不存在", missing=list(gone.site_key),
                                   absent_url=gone.url))
        elif status in ("empty", "stale"):
            kind = "empty_section" if status == "empty" else "stale_section"
            defects.append(_defect(kind, path.segments, url, f"栏目{ {'empty': '为空', 'stale': '未及时更新'}[status] }",
                                   newest=(holding(column).newest.isoformat() if holding(column).newest else None)))
        for name in path.rules.children:
            child = columns[(*path.segments, name)]
            child_status = _status(child, path.rules.effective_max_age_days, as_of)
            subpaths.append({"path": [*path.segments, name], "status": child_status,
                             "url": child.url if child_status != "missing" else _stop(child).url})
            if child.removed and not column.is_gone():
                defects.append(_defect("missing_subcolumn", path.segments, column.url, f"缺少子栏目“{name}”",
                                       subcolumn=name))
    for key, (shown, is_alias) in plan.renamed.items():
        column = columns[key]
        if not is_alias and any(p.segments == key for p in spec.paths) and not column.is_gone():
            defects.append(_defect("renamed_column", key, column.url, f"栏目名称为“{shown}”", site_name=shown))
    for planted in maker.planted:
        kind, reason, *_ = FLAWS[planted.flaw]
        defects.append(_defect(kind, planted.target, planted.url, planted.flaw, page=planted.page, reason=reason,
                               flaw=planted.flaw))
    for key, url, field_name in maker.missing_field_pages:
        defects.append(_defect("missing_field", key, url, f"缺少“{field_name}”", field=field_name))
    defect_paths = {tuple(d["path"]) for d in defects}
    return {
        "portal": f"{family.name}-{plan.seed}",
        "family": family.name,
        "seed": plan.seed,
        "spec": spec.meta.id,
        "as_of": as_of.isoformat(),
        "features": plan.features,
        "class_prefix": plan.class_prefix,
        "expected_paths": expected,
        "subcolumn_paths": subpaths,
        "defects": defects,
        "healthy_paths": [e["path"] for e in expected if e["status"] == "ok" and tuple(e["path"]) not in defect_paths],
        "behaviours": [],
        "columns": _columns(spec, plan, columns),
    }


def _columns(spec: Spec, plan: Plan, columns: dict[tuple[str, ...], SiteColumn]) -> list[dict[str, Any]]:
    out = []
    for key, column in columns.items():
        if column.is_gone():
            continue
        held = holding(column)
        out.append({
            "path": list(key), "url": column.url, "site_path": [c.label for c in column.trail],
            "kind": column.kind, "shown": column.label, "renamed": column.renamed,
            "only_in_sibling_trees": column.only_in_sibling_trees,
            "sub_region": column.sub_region if column.kind == "parent" else None,
            "date_style": plan.date_style.get(key), "items": held.items,
            "newest": held.newest.isoformat() if held.newest else None,
        })
    return out
