"""Fetch each walk page once, however many parts of the walk need it, and say honestly what came back.

The walk asks for the same page for several reasons at once (a column page is also a page searched
for a sibling's link). Scrapy's duplicate filter would silently drop the second request and its
callback would never run; instead every page request goes through ``PageBook``, which issues one
request per URL (session ids removed) and hands the parsed page to every party waiting for it.

Every answer becomes a ``Page`` with a readable reason when it is not the page asked for: HTTP
errors (after their retries), time-outs, dropped connections, redirect loops, robots.txt, pages over
the size cap, anti-bot challenges, maintenance pages and soft 404s. ``refused`` marks answers that
prove nothing about the column (the server or a guard stood in the way); ``soft_404`` marks a page
that says it does not exist, which the walk reports as unverified for a column page but which does
not stop a search from concluding that a column is missing.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.datatypes import SequenceExclude
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from auditor.page.links import Link, extract_links
from auditor.page.canonical import canonical_url
from auditor.page.charset import repair_decoding
from auditor.page.page_state import judge_page, redirect_soft_404

logger = logging.getLogger(__name__)

#: a party waiting for a page: gets the page, yields requests and observations
Consumer = Callable[["Page"], Iterable[Any]]

#: every status reaches the walk except redirects, which Scrapy follows (and guards may refuse)
HANDLED_STATUSES = SequenceExclude(range(300, 400))
#: statuses that say the server or a guard refused, not that the page is absent
REFUSING_STATUSES = frozenset({401, 403, 407, 408, 412, 429, 451, 521})
_STATUS_NOTES = {
    401: "login required",
    403: "access refused",
    407: "proxy login required",
    412: "refused, usually an anti-bot guard",
    429: "too many requests",
    451: "unavailable for legal reasons",
    521: "refused, usually an anti-bot guard",
}
_MAX_SIZE_MESSAGE = re.compile(r"max size \((\d+)\)")
_FAILURE_REASONS = {
    "DownloadTimeoutError": "timeout",
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "DownloadConnectionRefusedError": "connection refused",
    "ConnectionRefusedError": "connection refused",
    "ConnectError": "connection failed",
    "DownloadFailedError": "connection reset",
    "ResponseFailed": "connection reset",
    "ResponseNeverReceived": "connection reset",
    "ConnectionLost": "connection reset",
    "ConnectionDone": "connection reset",
    "ResponseDataLossError": "connection dropped mid-page",
    "CannotResolveHostError": "DNS lookup failed",
    "DNSLookupError": "DNS lookup failed",
}


@dataclass
class Page:
    """A fetched page as the walk sees it."""

    url: str
    requested_url: str
    ok: bool
    status: int | None = None
    text: str | None = None
    content_type: str | None = None
    #: why the page could not be used (HTTP 404, timeout, not HTML, anti-bot challenge, …)
    reason: str | None = None
    #: the server or a guard refused or failed (5xx, time-out, reset, challenge, maintenance,
    #: robots.txt, size cap): absence cannot be concluded from it
    refused: bool = False
    #: the page says it does not exist (or sent the crawler to the home page or the parent column)
    soft_404: bool = False
    _links: list[Link] | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = extract_links(self.text, self.url) if self.text else []
        return self._links


def page_from_response(response: Response, home_urls: Collection[str] = ()) -> Page:
    """Judge an answer: its status, its type, its text (charset repaired), and what it really is.
    ``home_urls`` are the walk's home page (as asked for and as landed on)."""
    requested = response.meta.get("pa_url", response.url)
    landed = canonical_url(response.url)
    status = response.status
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
    text = _text_of(response)

    def not_ok(reason: str, *, refused: bool = True, soft_404: bool = False) -> Page:
        return Page(landed, requested, False, status, None, content_type, reason, refused, soft_404)

    state = judge_page(text, status) if text else None
    if state is not None and state.kind in ("challenge", "maintenance"):
        return not_ok(state.reason or state.kind)
    if status >= 400:
        return not_ok(_status_reason(status, response.meta), refused=status >= 500 or status in REFUSING_STATUSES)
    if 300 <= status < 400:
        return not_ok(f"redirect (HTTP {status}) not followed")
    if text is None:
        return not_ok("not an HTML page", refused=False)
    if state is not None and state.kind == "soft_404":
        return not_ok(state.reason or "soft 404", refused=False, soft_404=True)
    if requested not in home_urls:
        reasons = response.meta.get("redirect_reasons") or []
        moved = redirect_soft_404(requested, landed, via_meta_refresh="meta refresh" in reasons, home_urls=home_urls)
        if moved is not None:
            return not_ok(moved, refused=False, soft_404=True)
    return Page(landed, requested, True, status, text, content_type)


def _text_of(response: Response) -> str | None:
    """The response's text, decoded right even when the server names the wrong charset."""
    if not isinstance(response, TextResponse):
        return None
    decoded = repair_decoding(response.body, response.text, response.encoding)
    if decoded.repaired_from:
        logger.info(
            "%s: decoded as %s (the server said %s)", response.url, decoded.encoding, decoded.repaired_from
        )
    return decoded.text


def _status_reason(status: int, meta: dict[str, Any]) -> str:
    note = _STATUS_NOTES.get(status)
    reason = f"HTTP {status} ({note})" if note else f"HTTP {status}"
    return reason + _retries(meta)


def _retries(meta: dict[str, Any]) -> str:
    count = int(meta.get("retry_times") or 0)
    if not count:
        return ""
    return f" after {count} retr{'y' if count == 1 else 'ies'}"


def page_from_failure(failure: Failure, url: str, max_bytes: int | None = None) -> Page:
    """A page that never arrived: why, in words an inspector understands. Always ``refused``."""
    request = getattr(failure, "request", None)
    meta = request.meta if request is not None else {}
    error = failure.value
    if isinstance(error, HttpError):  # a 3xx Scrapy could not follow (no usable Location)
        reason = f"redirect (HTTP {error.response.status}) not followed"
    elif isinstance(error, IgnoreRequest):
        reason = _ignored_reason(error, meta)
    else:
        name = type(error).__name__
        if name == "DownloadCancelledError":
            reason = _size_reason(str(error), max_bytes)
        else:
            reason = _FAILURE_REASONS.get(name, name) + _retries(meta)
    return Page(url=url, requested_url=url, ok=False, reason=reason, refused=True)


def _ignored_reason(error: IgnoreRequest, meta: dict[str, Any]) -> str:
    """Scrapy's and our guards' refusals: robots.txt, redirect limits, another host (middlewares)."""
    message = str(error).strip()
    if "robots.txt" in message.lower():
        return "robots.txt disallows"
    if message == "max redirections reached":
        visited = [canonical_url(u) for u in meta.get("redirect_urls", [])]
        return "redirect loop" if len(set(visited)) < len(visited) else f"too many redirects ({len(visited)})"
    return message or "request refused by a crawl guard"


def _size_reason(message: str, max_bytes: int | None) -> str:
    found = _MAX_SIZE_MESSAGE.search(message)
    limit = int(found.group(1)) if found else max_bytes
    if not limit:
        return "download cancelled"
    megabytes = limit / (1024 * 1024)
    shown = f"{megabytes:.0f}" if megabytes >= 1 and megabytes == int(megabytes) else f"{megabytes:.2g}"
    return f"page larger than {shown} MB"


class PageBook:
    """One request per URL; every waiting party gets the page.

    Pages are kept for parties that ask later, up to ``capacity`` of them (AUDITOR_PAGE_MEMORY):
    the oldest are forgotten first, and a party asking for a forgotten page simply has it fetched
    again, so a crawl of a large portal keeps a bounded memory without losing anything.
    """

    def __init__(self, priority: int = 10, max_bytes: int | None = None, capacity: int = 2000) -> None:
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self.capacity = capacity
        self._waiting: dict[str, list[Consumer]] = {}
        self.priority = priority
        #: the walk's home page, as asked for and as landed on: a redirect there is a soft 404 for
        #: any other page
        self.home_urls: set[str] = set()
        #: DOWNLOAD_MAXSIZE, to name the cap when Scrapy cancels a download without saying it
        self.max_bytes = max_bytes
        self.fetched = 0

    def want(self, url: str, consumer: Consumer) -> Iterator[Any]:
        """Ask for ``url``: the consumer runs now if the page is known, else when it arrives."""
        url = canonical_url(url)
        page = self._pages.get(url)
        if page is not None:
            self._pages.move_to_end(url)
            yield from consumer(page)
            return
        if url in self._waiting:
            self._waiting[url].append(consumer)
            return
        self._waiting[url] = [consumer]
        yield scrapy.Request(
            url,
            callback=self._arrived,
            errback=self._failed,
            dont_filter=True,
            priority=self.priority,
            meta={"handle_httpstatus_list": HANDLED_STATUSES, "pa_url": url},
        )

    def _arrived(self, response: Response) -> Iterator[Any]:
        yield from self._deliver(page_from_response(response, self.home_urls))

    def _failed(self, failure: Failure) -> Iterator[Any]:
        url = failure.request.meta.get("pa_url", failure.request.url)
        yield from self._deliver(page_from_failure(failure, url, self.max_bytes))

    def _deliver(self, page: Page) -> Iterator[Any]:
        self.fetched += 1
        self._pages[page.requested_url] = page
        if page.ok:  # a soft 404 is one only for the URL asked for, not for where it landed
            self._pages.setdefault(canonical_url(page.url), page)
        while len(self._pages) > self.capacity:
            self._pages.popitem(last=False)
        for consumer in self._waiting.pop(page.requested_url, []):
            yield from consumer(page)
