"""The items of a generated portal's list columns, their media and attachments, and the planted
broken media and missing fields, made with the bundled portal's text, profiles and media makers.

A family gives the URL shapes (``UrlScheme``); everything a page shows about an item is decided
here once, so every page that lists or shows the item agrees with the manifest.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sample_portal.articles import (
    MESSAGE_FIELDS, UNIT_EXTRAS, attachment_bytes, distinct_title, fields_for, flawed_body, item_dates, item_title,
    newest_days_ago,
)
from sample_portal.assets import MediaLibrary
from portal_lab.families.layout import Plan
from portal_lab.families.site import Attachment, Item, MediaUse, SiteColumn
from pathaudit.loopback.model import CONTENT_TYPES, Resource
from sample_portal.profiles import profile_for
from sample_portal.text import DEPARTMENTS, OFFICE, Writer
from auditor.specs import Spec

#: flaw -> (finding kind, reason, file extension, medium, how the page refers to it)
FLAWS: dict[str, tuple[str, str, str, str, str]] = {
    "image_404": ("broken_image", "http_status", "jpg", "image", "img"),
    "image_html_200": ("broken_image", "wrong_type", "jpg", "image", "img"),
    "image_truncated_jpeg": ("broken_image", "truncated", "jpg", "image", "img"),
    "image_empty_png": ("broken_image", "empty", "png", "image", "img"),
    "video_404": ("broken_video", "http_status", "mp4", "video", "video"),
    "video_truncated_mp4": ("broken_video", "truncated", "mp4", "video", "source"),
    "video_flash": ("broken_video", "unplayable_format", "swf", "flash", "embed"),
    "audio_404": ("broken_audio", "http_status", "mp3", "audio", "audio"),
    "attachment_404": ("broken_attachment", "http_status", "pdf", "attachment", "a"),
}
#: most items of a generated portal carry no media: a few pictures and attachments keep pages real
MAX_ITEMS = 22


@dataclass(frozen=True)
class UrlScheme:
    """How a family names an item page and a medium."""

    item_url: Callable[[SiteColumn, dt.date, int, random.Random], str]
    media_url: Callable[[Item, str, random.Random], str]


@dataclass(frozen=True)
class PlantedMedium:
    target: tuple[str, ...]
    flaw: str
    url: str
    page: str


_LIBRARY = MediaLibrary()


def library() -> MediaLibrary:
    """One media library for every generated portal of a process: each file is made once."""
    return _LIBRARY


class ItemMaker:
    def __init__(self, files: dict[str, Resource], scheme: UrlScheme, rng: random.Random, as_of: dt.date) -> None:
        self.files, self.scheme, self.rng, self.as_of = files, scheme, rng, as_of
        self.serial = 1_350_000 + rng.randint(0, 90_000)
        self.planted: list[PlantedMedium] = []
        self.missing_field_pages: list[tuple[tuple[str, ...], str, str]] = []

    def fill(self, column: SiteColumn, spec: Spec, plan: Plan, key: tuple[str, ...] | None) -> None:
        """Make the column's items, newest first (a pinned older item may come first)."""
        rules = next((p.rules for p in spec.paths if key and p.segments == key), None)
        profile = profile_for(column.site_key)
        rng = self.rng
        writer = Writer(rng)
        window = rules.effective_max_age_days if rules else (14 if column.trail[0].name == "新闻中心" else None)
        newest = plan.stale.get(key) if key else None
        if newest is None:
            newest = self._fresh(window, profile.newest_days_ago)
        style = plan.date_style.get(key) if key else None
        dates = item_dates(rng, profile, newest, rules.deadline if rules else None, style == "short")
        dates = dates[: min(MAX_ITEMS, max(6, profile.count))]
        if rules and rules.deadline and not any(d <= rules.deadline for d in dates[: column.per_page]):
            dates[min(len(dates), column.per_page) - 1] = rules.deadline - dt.timedelta(days=rng.randint(1, 20))
            dates.sort(reverse=True)
        required = rules.required_fields if rules else ()
        titles: set[str] = set()
        for index, day in enumerate(dates):
            self.serial += rng.randint(3, 97)
            unit = profile.units[index % len(profile.units)] if profile.units else ""
            title = distinct_title(item_title(profile.titles[index % len(profile.titles)], writer, day, unit, index),
                                   day, self.serial, titles)
            item = Item(
                column=column, serial=self.serial, title=title, date=day,
                url=self.scheme.item_url(column, day, self.serial, rng),
                publisher=OFFICE if column.name == "网民留言" else f"重庆两江新区{writer.pick(DEPARTMENTS)}",
                index_no=writer.index_number(day.year, self.serial % 100000),
                doc_no=writer.document_number(day.year) if rng.random() < 0.5 else "",
                paragraphs=writer.paragraphs(rng.randint(2, 4)),
            )
            labels = list(dict.fromkeys((*MESSAGE_FIELDS, *required))) if column.name == "网民留言" else \
                (list(dict.fromkeys((*required, *UNIT_EXTRAS))) if required else [])
            if labels:
                item.fields = fields_for(labels, writer, rng, day, unit, title)
            self._healthy_media(item, index)
            column.items.append(item)
        for flaw in (f for f in plan.flaws if f.target == key):
            self._plant(column.items[flaw.nth], flaw.flaw, key)
        for missing in (m for m in plan.missing_fields if m.target == key):
            target = column.items[missing.nth]
            target.fields = [(label, value) for label, value in target.fields if label != missing.field]
            self.missing_field_pages.append((key, target.url, missing.field))
        if len(column.items) > 6 and rng.random() < 0.25:
            pinned = column.items.pop(rng.randint(3, min(len(column.items), column.per_page) - 1))
            pinned.pinned = True
            column.items.insert(0, pinned)

    def _fresh(self, window: int | None, days_ago: tuple[int, int] | None) -> dt.date:
        return self.as_of - dt.timedelta(days=newest_days_ago(self.rng, window, days_ago))

    def _publish(self, url: str, body: bytes, content_type: str | None = None) -> None:
        self.files[url] = Resource(body, content_type or CONTENT_TYPES[url.rsplit(".", 1)[1]])

    def _healthy_media(self, item: Item, index: int) -> None:
        roll = self.rng.random()
        lib = library()
        if roll < 0.18:
            url = self.scheme.media_url(item, "jpg", self.rng)
            self._publish(url, lib.photo(index))
            item.media.append(MediaUse("image", url, "lazy" if roll < 0.05 else "img", item.title[:16]))
        elif roll < 0.3:
            url = self.scheme.media_url(item, "pdf", self.rng)
            self._publish(url, attachment_bytes("pdf", item))  # type: ignore[arg-type]
            item.attachments.append(Attachment(f"{item.title[:24]}（全文）.pdf", url))

    def _plant(self, item: Item, flaw: str, key: tuple[str, ...] | None) -> None:
        lib = library()
        _kind, _reason, ext, medium, via = FLAWS[flaw]
        url = self.scheme.media_url(item, ext, self.rng)
        body = flawed_body(flaw, url, lib)
        if body is not None:
            self._publish(url, body, CONTENT_TYPES["html"] if flaw == "image_html_200" else None)
        if medium == "attachment":
            item.attachments.insert(0, Attachment(f"{item.title[:24]}（附件）.pdf", url))
        else:
            item.media.insert(0, MediaUse(medium, url, via, item.title[:16]))  # type: ignore[arg-type]
        assert key is not None
        self.planted.append(PlantedMedium(key, flaw, url, item.url))
