"""The site's own column map in findings.json, the veto lines counted over all of its columns, and
a mandated column found by its exact name at another place of the map (``misplaced_column``).

An inspector counts 空白栏目 and 栏目不更新 over every column of the site, not only the mandated
ones: the map (``auditor.walk.census``) is what the walk saw of them, and its coverage says how
much that is. A column the walk did not find where the mandate puts it, but whose exact name the
map shows under another parent, is not missing: it is misplaced, and both places are named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from auditor.model.findings import Finding
from auditor.model.observations import ColumnMap, ColumnObservation, MapColumn
from auditor.specs.names import normalise_name

#: a column whose newest item is older than this has not been updated for long (the widest refresh
#: window of the national index: a year, for plans, personnel, finance …)
LONG_STALE_DAYS = 365


def map_section(column_map: ColumnMap | None, as_of: dt.date) -> dict[str, Any] | None:
    """findings.json's ``column_map``: the columns, the coverage and the site-wide veto counts."""
    if column_map is None:
        return None
    blank = [c for c in column_map.columns if c.state == "empty"]
    horizon = (as_of - dt.timedelta(days=LONG_STALE_DAYS)).isoformat()
    long_stale = [c for c in column_map.columns if c.state == "list" and c.newest is not None and c.newest < horizon]
    undated = [c for c in column_map.columns if c.state == "list" and c.items and c.newest is None]
    return {
        "columns": [asdict(c) for c in column_map.columns],
        "coverage": {
            "read": len(column_map.columns),
            "listed_not_read": [{"name": n, "url": u} for n, u in column_map.listed_not_read],
            "refused": list(column_map.refused),
            "census_pages": column_map.census_pages,
            "budget": column_map.budget,
            "capped": list(column_map.capped),
        },
        "veto": {
            "blank": _line(blank),
            "long_stale": _line(long_stale),
            "undated": _line(undated),
        },
    }


def _line(columns: list[MapColumn]) -> dict[str, Any]:
    return {"count": len(columns), "columns": [{"name": c.name, "url": c.url} for c in columns]}


def elsewhere(column_map: ColumnMap | None, segment: str, parent_name: str | None, parent_url: str | None) -> MapColumn | None:
    """A column of the map named exactly ``segment`` that sits under another parent than the
    mandated one (``parent_name``, ``parent_url``: where the walk stood), if the map shows one."""
    if column_map is None:
        return None
    wanted = normalise_name(segment)
    for column in column_map.columns:
        if normalise_name(column.name) != wanted:
            continue
        if parent_url is not None and column.parent_url == parent_url:
            continue
        if parent_name is not None and column.parent_name is not None and normalise_name(column.parent_name) == normalise_name(parent_name):
            continue
        return column
    return None


def misplaced_evidence(column: MapColumn, obs: ColumnObservation, segment: str) -> dict[str, Any]:
    stopped = obs.trail[-1] if obs.trail else None
    return {
        "segment": segment,
        "mandated_parent": {"name": stopped.name, "url": stopped.url} if stopped else None,
        "found_at": {"url": column.url, "parent_name": column.parent_name, "parent_url": column.parent_url},
        "offered": obs.offered,
    }


__all__ = ["Finding", "LONG_STALE_DAYS", "elsewhere", "map_section", "misplaced_evidence"]
