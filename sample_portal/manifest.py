"""The ground truth of the sample portal: every planted defect with its path and exact URL.

Written from the defect plan and the site as built (never by hand), so that what the manifest says
is what the server serves. The crawler's tests compare their findings with it; the portal's own
tests check it over HTTP. Shape (keys are a contract; more may be added):

``{"portal", "spec", "as_of", "defects": [{"kind", "path", "url", "page", "reason", "note", …}],
"healthy_paths": [[…]], "behaviours": [{"kind", "url", "path", …}], "columns": [{"path", "url", …}]}``
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sample_portal.articles import PlantedMedium
from sample_portal.clauses import PlantedClause
from sample_portal.defects import CLAUSE_FLAWS, DefectPlan, Key
from pathaudit.loopback.model import Behaviour
from sample_portal.sitemap import Column
from auditor.specs import MandatedPath, Spec, normalise_name

PORTAL_ID = "liangjiang-sample"
MANIFEST_URL = "/__pathaudit__/manifest.json"


@dataclass(frozen=True)
class BuiltSite:
    """What the generator knows after the build, for the manifest."""

    spec: Spec
    plan: DefectPlan
    #: columns by spec key, as built (removed columns included: they keep their parent link)
    columns: dict[Key, Column]
    media: list[PlantedMedium]
    #: (spec key of the column, item page URL) for each planted missing field, in plan order
    missing_field_pages: list[tuple[Key, str]]
    behaviours: list[Behaviour]
    as_of: dt.date
    clauses: list[PlantedClause] = field(default_factory=list)


def mandated_path_of(spec: Spec, key: Key) -> MandatedPath | None:
    """The mandated path a column belongs to: its own, or the nearest one above it (图片 -> 政策解读)."""
    best: MandatedPath | None = None
    for path in spec.paths:
        if key[: len(path.segments)] == path.segments and (best is None or len(path.segments) > len(best.segments)):
            best = path
    return best


def _defect(kind: str, path: tuple[str, ...], url: str, note: str, page: str | None = None,
            reason: str | None = None, **more: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": kind, "path": list(path), "url": url, "page": page, "reason": reason, "note": note}
    entry.update(more)
    return entry


def _structure_defects(site: BuiltSite) -> list[dict[str, Any]]:
    spec, plan, columns = site.spec, site.plan, site.columns
    out: list[dict[str, Any]] = []
    for removal in plan.removals:
        parent = columns[removal.target].parent
        assert parent is not None
        stop = parent.url
        for path in spec.paths:
            if path.segments[: len(removal.target)] == removal.target:
                out.append(_defect("missing_column", path.segments, stop, removal.note, missing=list(removal.target)))
        name = removal.target[-1]
        for path in spec.paths:
            if path.segments == removal.target[:-1] and name in path.rules.children:
                out.append(_defect("missing_subcolumn", path.segments, stop, removal.note, subcolumn=name))
    for rename in plan.renames:
        column = columns[rename.target]
        # whether the spec lists the shown name as an alias (a legitimate other name) is stated, not judged
        is_alias = normalise_name(rename.shown_as) in {normalise_name(a) for a in spec.aliases_for(rename.target[-1])}
        out.append(_defect("renamed_column", rename.target, column.url, rename.note, site_name=rename.shown_as,
                           spec_alias=is_alias))
    for empty in plan.emptiness:
        column = columns[empty.target]
        path = mandated_path_of(spec, empty.target)
        more: dict[str, Any] = {"mode": empty.mode}
        if empty.mode == "js_empty":
            more["expected_without_js"] = "unverified"
        if empty.mode == "children_empty":
            more["subcolumns"] = {c.label: c.url for c in column.children}
        out.append(_defect("empty_section", path.segments if path else empty.target, column.url, empty.note, **more))
    for stale in plan.staleness:
        column = columns[stale.target]
        path = mandated_path_of(spec, stale.target)
        newest = max(a.date for a in column.articles)
        out.append(_defect("stale_section", path.segments if path else stale.target, column.url, stale.note,
                           newest=newest.isoformat()))
    return out


def _media_defects(site: BuiltSite) -> list[dict[str, Any]]:
    out = []
    for planted in site.media:
        path = mandated_path_of(site.spec, planted.flaw.target)
        out.append(_defect(planted.kind, path.segments if path else planted.flaw.target, planted.url, planted.flaw.note,
                           page=planted.page, reason=planted.reason, flaw=planted.flaw.flaw))
    for missing, (key, url) in zip(site.plan.fields, site.missing_field_pages, strict=True):
        path = mandated_path_of(site.spec, key)
        out.append(_defect("missing_field", path.segments if path else key, url, missing.note, field=missing.field))
    return out


def _clause_defects(site: BuiltSite) -> list[dict[str, Any]]:
    """The clauses of the task list broken on purpose: the finding each must give, on its page."""
    out = []
    for planted in site.clauses:
        defect = planted.defect
        kind, code = CLAUSE_FLAWS[defect.flaw]
        path = mandated_path_of(site.spec, defect.target)
        more: dict[str, Any] = {"flaw": defect.flaw, "code": code}
        if defect.flaw == "desktop_only":
            # whether a page fits a phone takes a browser (--render auto): without one, unverified
            more["expected_without_browser"] = "unverified"
        out.append(_defect(kind, path.segments if path else defect.target, planted.url, defect.note, **more))
    return out


def _columns(site: BuiltSite, defect_paths: set[tuple[str, ...]]) -> list[dict[str, Any]]:
    """Where each mandated path is on the site (for paths the site has)."""
    removed = {removal.target for removal in site.plan.removals}
    out = []
    for path in site.spec.paths:
        if any(path.segments[: len(r)] == r for r in removed):
            continue
        column = site.columns[path.segments]
        entry: dict[str, Any] = {
            "id": path.id,
            "path": list(path.segments),
            "url": column.url,
            "site_path": [c.label for c in column.trail],
            "style": column.style,
            "healthy": path.segments not in defect_paths,
        }
        if column.style == "json":
            entry["expected_without_js"] = "unverified"
        if column.articles:
            entry["items"] = len(column.articles)
            entry["newest"] = max(a.date for a in column.articles).isoformat()
        out.append(entry)
    return out


def build_manifest(site: BuiltSite) -> dict[str, Any]:
    defects = _structure_defects(site) + _media_defects(site) + _clause_defects(site)
    defect_paths = {tuple(d["path"]) for d in defects}
    return {
        "portal": PORTAL_ID,
        "spec": site.spec.meta.id,
        "as_of": site.as_of.isoformat(),
        "defects": defects,
        "healthy_paths": [list(p.segments) for p in site.spec.paths if p.segments not in defect_paths],
        "behaviours": [
            {"kind": b.kind, "url": b.url, "path": list(b.path), "note": b.note, "delay_seconds": b.delay_seconds}
            for b in site.behaviours
        ],
        "columns": _columns(site, defect_paths),
    }
