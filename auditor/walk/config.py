"""The walk's settings, with their defaults written once: ``spiders/settings.py`` takes its
``AUDITOR_*`` walk defaults from here, and ``config_from_settings`` reads them back for a crawl."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class WalkConfig:
    """How far the walk goes; each field is the setting ``AUDITOR_<FIELD NAME IN CAPITALS>``."""

    #: the date staleness and deadlines are judged against; None means today (UTC)
    as_of: dt.date | None = None
    #: pages beyond a column's parent page the walk may search for a segment not linked there
    search_pages: int = 15
    #: pages of a parent column's own part (its sub-columns, its folder) a search reads beside
    #: ``search_pages``: a column is missing only when its parent's part was read whole
    section_pages: int = 60
    #: pages the census reads of its own once the walk is done (the columns a person could click
    #: that the walk did not open), beside the walk's pages; 0 = the map holds the walk's pages only
    census_pages: int = 120
    #: link levels below the parent page that search goes
    search_depth: int = 2
    #: list pages read per column when counting items across pagination
    max_list_pages: int = 20
    #: item (article) pages read per column for required fields, media and dates: a bounded sample,
    #: the newest items listed (a list of 20 000 entries must not cost 20 000 requests); the
    #: column's notes say when it is a sample; 0 = every item of the list pages read
    max_item_pages: int = 20
    #: list pages whose items have their article pages read: 1 = the first list page only
    item_list_pages: int = 1
    #: sub-columns of a parent column read to tell whether it is empty
    max_subcolumns: int = 12
    #: pages the walk keeps for the parts of it that ask for them again (the oldest are forgotten
    #: first and fetched again if asked for): bounds memory on large portals
    page_memory: int = 2000
    #: members of a family of URLs that differ only in a date (a calendar) one search reads at most
    date_family_pages: int = 2
    #: bytes read of a video or audio at a time (Range); the rest is walked box by box
    media_range_bytes: int = 65536
    #: images are decoded whole up to this size; larger ones are judged by their header only
    image_maxsize: int = 16 * 1024 * 1024

    @property
    def today(self) -> dt.date:
        return self.as_of or dt.datetime.now(dt.timezone.utc).date()


def setting_name(field_name: str) -> str:
    return "AUDITOR_" + field_name.upper()


def default_settings() -> dict[str, Any]:
    """``AUDITOR_*`` names and defaults of every walk setting (``as_of``: "" for today)."""
    defaults = WalkConfig()
    return {
        setting_name(f.name): ("" if f.name == "as_of" else getattr(defaults, f.name))
        for f in fields(WalkConfig)
    }


def config_from_settings(get: Callable[[str], Any]) -> WalkConfig:
    """The walk's config from settings read by ``get(NAME)`` (Scrapy's ``settings.get``, a dict's
    ``get``): a missing or empty value keeps the default; an empty as-of date is today's."""
    values: dict[str, Any] = {"as_of": WalkConfig().today}
    for f in fields(WalkConfig):
        raw = get(setting_name(f.name))
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if f.name == "as_of":
            values["as_of"] = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw).strip())
        else:
            values[f.name] = int(raw)
    return WalkConfig(**values)
