"""What the spider saw: plain data handed from the crawl to the audit.

The spider only observes (which link it clicked, what a list page showed, what a media URL returned);
deciding whether that breaks a rule is the audit's job (``auditor.audit.rules``).

An observation is final once emitted: the records are frozen, so no later party (a driver, the
spider's renderer, the audit) changes what the walk saw; one that needs another form makes a new
one (``dataclasses.replace``). ``Listing`` and ``ListItem`` are the walk's working record of a
column's list while it reads further pages; they are final when their column is emitted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from auditor.model.reasons import Reason
from auditor.model.notes import Note

if TYPE_CHECKING:
    from auditor.specs import Spec

ListingKind = Literal["list", "parent", "placeholder", "js_only", "page", "unknown"]
MediaKind = Literal["image", "video", "audio", "attachment"]


@dataclass
class ListItem:
    """One entry of a column list."""

    title: str
    url: str | None
    #: ISO date (YYYY-MM-DD) or None when the entry shows none
    date: str | None = None
    #: where the date came from: "list", "url" (t20210601_…, /art/2021/6/1/), "page" (the article)
    date_source: str | None = None


@dataclass
class Listing:
    """What one column page shows, as parsed from its HTML (see ``auditor.page.listing``)."""

    kind: ListingKind
    items: list[ListItem] = field(default_factory=list)
    #: a total the page declares: 共 45 条, ``var countnum``, datastore ``totalrecord``
    declared_total: int | None = None
    #: a page count the page declares: createPageHTML(N, …), 共 3 页, ``var countPage``
    page_count: int | None = None
    #: absolute URLs of further static list pages (index_1.html …) the page links or implies
    next_pages: list[str] = field(default_factory=list)
    #: links that may lead to later pages of the list (a pager of arrows or words nobody named, by
    #: the shape of its URLs): read, and counted only when the page they lead to is the same column
    maybe_pages: list[str] = field(default_factory=list)
    #: the placeholder text shown instead of items (暂无信息 …), if any
    placeholder: str | None = None
    #: the list is drawn by JavaScript from an endpoint the crawler did not run
    js_source: str | None = None
    #: links that look like sub-columns of this column: (name, absolute URL)
    subcolumns: list[tuple[str, str]] = field(default_factory=list)
    #: records seen in a Hanweb ``<script type="text/xml">`` datastore
    datastore_records: int | None = None
    #: what reading the list left uncertain, for the inspector, as codes with facts
    #: (``auditor.model.notes``): later pages only served by a search endpoint, pagination cut at
    #: AUDITOR_MAX_LIST_PAGES, items read vs declared
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class PageFacts:
    """What a page says that the clause rules read (``auditor.audit.clause_rules``), taken from the
    page the walk already fetched (``auditor.page.facts``): no rule needs a page of its own."""

    #: contact phone numbers the page's own text shows (not the site footer's), as written
    phones: list[str] = field(default_factory=list)
    #: label -> the text right after it, for the labels of messages and replies
    #: (受理日期, 答复日期, 答复内容 …; ``auditor.page.facts.LABELS``)
    labelled: dict[str, str] = field(default_factory=dict)
    #: links in blocks that tie a page to another (相关解读, 原文, 相关文件 …): [marker, text, URL]
    related: list[list[str]] = field(default_factory=list)
    #: the page declares a mobile viewport (``<meta name="viewport" content="width=device-width">``)
    viewport: bool = False
    #: links the page offers to a mobile version (an ``m.`` host, 手机版, ``rel=alternate media``)
    mobile_links: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RenameEvidence:
    """Why a column under another name was taken for the mandated one (``auditor.walk.matching``):
    how the two names differ, the weighed score of every cue, the headlines that confirm it."""

    #: how the names differ (prefix, abbreviation, synonym, shared_first_word …); None when only the
    #: column's headlines name it
    form: str | None
    #: every cue weighed (name, place, headlines), 0..1
    score: float
    #: the column's item headlines that speak of the mandated topic
    headlines: tuple[str, ...] = ()
    #: its page places it under the mandated parent (its breadcrumb)
    at_place: bool = False
    #: the name alone (a form of the mandated name) was enough: place and headlines only added to it
    by_name: bool = False


#: how many CSS px a page may be wider than a phone's screen and still fit it
MOBILE_TOLERANCE_PX = 8


@dataclass(frozen=True)
class MobilePage:
    """One page as a phone showed it (a mobile user agent, a ``screen`` px wide viewport), measured in
    a browser (``spiders/mobile_view.py``): what the audit needs to say whether it fits the screen."""

    #: ``column`` (the column's own page), ``mobile_home`` (a mobile version's home: 手机版, an ``m.``
    #: site, or the home page as a phone is served it), ``mobile_column`` (the column reached from there)
    role: Literal["column", "mobile_home", "mobile_column"]
    #: the address the browser ended on (a server may redirect a phone to its ``m.`` site)
    url: str
    #: the rendered page declares ``<meta name="viewport" content="width=device-width">``
    viewport: bool
    #: the document's scroll width in CSS px (how wide the page is laid out on that screen)
    width: int
    screen: int

    def fits(self, tolerance: int = MOBILE_TOLERANCE_PX) -> bool:
        """Made for the screen: a device-wide viewport declared, and laid out no wider than the
        screen (a scrollbar's or a rounding's few pixels aside)."""
        return self.viewport and self.width <= self.screen + tolerance


@dataclass(frozen=True)
class MobileView:
    """How a column was seen on a phone; ``failure`` says why the browser could not tell."""

    pages: tuple[MobilePage, ...] = ()
    #: mobile homes tried (links to a 手机版, an ``m.`` site) when the column's page did not fit
    homes_tried: tuple[str, ...] = ()
    failure: str | None = None


@dataclass(frozen=True)
class TrailStep:
    name: str
    url: str
    #: what the page landed on said to confirm this step (``breadcrumb+parent``, ``meta``, ``title``,
    #: ``unconfirmed`` …; ``auditor.walk.confirm``); None for the home page and steps not checked
    confirmed_by: str | None = None


@dataclass(frozen=True)
class ColumnObservation:
    """Where the walk got for one node of the mandated-path tree."""

    segments: tuple[str, ...]
    status: Literal["found", "missing", "unverified"]
    url: str | None = None
    trail: list[TrailStep] = field(default_factory=list)
    #: the name the site shows for the column (may differ from the mandated one)
    site_name: str | None = None
    match: Literal["exact", "alias", "similar"] | None = None
    similarity: float | None = None
    #: for a column taken under another name: the cues that decided it
    rename: RenameEvidence | None = None
    #: other links that matched as well (URL), the walk took the best-placed one
    alternates: list[str] = field(default_factory=list)
    #: for a missing column: the deepest segment found and the pages searched for the next one
    searched: list[str] = field(default_factory=list)
    #: link texts the last page offered instead (for the inspector)
    offered: list[str] = field(default_factory=list)
    #: why the crawler could not tell (unverified)
    reason: Reason | None = None
    http_status: int | None = None
    listing: Listing | None = None
    #: listings of the sub-columns of a parent column (name -> listing), for "all sub-columns empty"
    subcolumn_listings: dict[str, Listing] = field(default_factory=dict)
    #: list pages that could not be fetched while counting
    failed_pages: list[str] = field(default_factory=list)
    #: what the column's own page says, for the clause rules (a 联系我们 page's phone number)
    facts: PageFacts | None = None
    #: how the column's page was read: ``static`` (as the server sent it), ``data`` (the JSON list its
    #: script loads, read directly) or ``rendered`` (in a browser); None when it was not read
    read: Literal["static", "data", "rendered"] | None = None
    #: the column on a phone, when a browser measured it (the ``mobile`` clause rule); None when not
    mobile: MobileView | None = None


@dataclass(frozen=True)
class MediaRef:
    """A medium an article page uses."""

    url: str
    kind: MediaKind
    #: how the page refers to it: img, srcset, data-src, video, source, poster, audio, embed, object,
    #: iframe, script, link
    via: str


@dataclass(frozen=True)
class ItemPageObservation:
    """An article (item) page of a mandated column."""

    column: tuple[str, ...]
    url: str
    status: Literal["ok", "unverified"] = "ok"
    title: str | None = None
    date: str | None = None
    #: the labels among the column's required fields that the page does show
    fields_present: list[str] = field(default_factory=list)
    media: list[MediaRef] = field(default_factory=list)
    reason: Reason | None = None
    #: what the page says, for the clause rules (a message's dates and reply, a 解读's 原文 link)
    facts: PageFacts | None = None
    #: "linked" for a page fetched only because a sampled item of ``column`` links it as related
    #: (the 政策文件 a 解读 explains); None for the column's own items
    role: str | None = None


@dataclass(frozen=True)
class MediaObservation:
    """The verdict on one media URL, checked once per crawl however many pages use it."""

    url: str
    kind: MediaKind
    pages: list[str]
    #: True playable/displayable, False broken, None could not tell
    ok: bool | None
    #: http_status, wrong_type, empty, undecodable, truncated, unplayable_format, timeout, …
    reason: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    size: int | None = None
    detail: str | None = None
    #: for images that loaded: width and height, so reports can show what did display
    width: int | None = None
    height: int | None = None
    #: why the medium could not be checked (``ok`` None because the server did not serve it:
    #: ``media_refused`` within the HTTP status or the transport failure)
    cause: Reason | None = None
    #: when the bytes the verdict rests on were answered (ISO, UTC): a re-crawl (``--cache``) that
    #: replays a medium of an unchanged page keeps the earlier answer's time, so a report can say
    #: the verdict is not from this run
    checked_at: str | None = None
    #: the verdict rests on kept answers replayed from ``--cache``, not on answers of this crawl
    replayed: bool = False


MapState = Literal["list", "empty", "parent", "script", "page", "unknown"]


@dataclass(frozen=True)
class MapColumn:
    """One column of the site's own column map, as its page names itself (``auditor.walk.census``)."""

    name: str
    url: str
    #: the column it sits under: by its breadcrumb, else the page that lists it (None: the top)
    parent_name: str | None = None
    parent_url: str | None = None
    #: items the list shows (read on its first page, or declared), None when not a list
    items: int | None = None
    #: the newest date the list shows (ISO)
    newest: str | None = None
    state: MapState = "unknown"
    #: what named it: breadcrumb, meta, tree, heading, title
    named_by: str = "title"


@dataclass(frozen=True)
class ColumnMap:
    """The portal's column map: every column page read (by the walk or the census), and what was
    not read: final once emitted, so it holds tuples."""

    columns: tuple[MapColumn, ...] = ()
    #: links a person could click that may be columns, never read (the budget ended): (name, URL)
    listed_not_read: tuple[tuple[str, str], ...] = ()
    #: column pages the server refused (URL)
    refused: tuple[str, ...] = ()
    #: pages the census read of its own, beside the walk's, and its budget
    census_pages: int = 0
    budget: int = 0
    #: pages left unread by a cap (a calendar's further days, a facet's further queries)
    capped: tuple[str, ...] = ()


@dataclass
class Observations:
    """Everything one crawl saw, as the pipeline collected it: the walk's output, the audit's input."""

    columns: dict[tuple[str, ...], ColumnObservation] = field(default_factory=dict)
    items: list[ItemPageObservation] = field(default_factory=list)
    media: dict[str, MediaObservation] = field(default_factory=dict)
    column_map: ColumnMap | None = None


@dataclass
class WalkOutput:
    """What one walk of a site leaves, whichever driver ran it (the spider or ``walk_site``): the
    audit's input, built into findings.json by ``auditor.audit.contract.findings_report``."""

    spec: Spec
    start_url: str
    hosts: Iterable[str]
    seen: Observations
    as_of: dt.date
    #: pages the walker read
    pages: int
