"""What a column holds, judged from its listing(s): how many items, how new, empty or not, or unknown.

Honest about uncertainty: a list drawn by JavaScript the crawler did not run, or a layout it does
not recognise, is "unknown" — never "empty".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from auditor.model.observations import Listing

ContentState = Literal["items", "empty", "unknown"]


@dataclass(frozen=True)
class Content:
    state: ContentState
    items: int | None = None
    latest_date: str | None = None
    #: how many of the items seen carry no date at all (counted as not updated)
    undated: int = 0
    #: empty: no_items | placeholder | subcolumns_empty | no_subcolumns; unknown: js_only | layout
    why: str | None = None
    placeholder: str | None = None
    js_source: str | None = None


def judge_listing(listing: Listing, sub_contents: Iterable[Content] = ()) -> Content:
    """The content of one column page; ``sub_contents`` are its sub-columns' (for parent columns)."""
    if listing.kind == "js_only":
        return Content("unknown", why="js_only", js_source=listing.js_source)
    if listing.kind == "placeholder":
        return Content("empty", items=0, why="placeholder", placeholder=listing.placeholder)
    if listing.kind == "parent":
        return _judge_parent(list(sub_contents))
    if listing.kind == "page":
        # a content page (联系我们, a guide): it is its own single item
        return Content("items", items=1)
    if listing.kind == "unknown" and not listing.items:
        return Content("unknown", why="layout")
    dates = [item.date for item in listing.items if item.date]
    seen = len(listing.items)
    total = listing.declared_total if listing.declared_total is not None else seen
    total = max(total, seen)
    if total == 0:
        return Content("empty", items=0, why="no_items")
    return Content("items", items=total, latest_date=max(dates) if dates else None, undated=seen - len(dates))


def _judge_parent(subs: list[Content]) -> Content:
    if not subs:
        return Content("empty", items=0, why="no_subcolumns")
    with_items = [c for c in subs if c.state == "items"]
    if with_items:
        dates = [c.latest_date for c in with_items if c.latest_date]
        return Content(
            "items",
            items=sum(c.items or 0 for c in with_items),
            latest_date=max(dates) if dates else None,
            undated=sum(c.undated for c in with_items),
        )
    if any(c.state == "unknown" for c in subs):
        return Content("unknown", why="subcolumns_unknown")
    return Content("empty", items=0, why="subcolumns_empty")
