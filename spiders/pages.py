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
from auditor.model.reasons import Reason

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
#: exception names of a download that failed -> reason codes
_FAILURE_REASONS = {
    "DownloadTimeoutError": "timeout",
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "DownloadConnectionRefusedError": "connection_refused",
    "ConnectionRefusedError": "connection_refused",
    "ConnectError": "connection_failed",
    "NoRouteError": "connection_failed",
    "DownloadFailedError": "connection_reset",
    "ResponseFailed": "connection_reset",
    "ResponseNeverReceived": "connection_reset",
    "ConnectionLost": "connection_reset",
    "ConnectionDone": "connection_reset",
    "ResponseDataLossError": "connection_dropped",
    "_DataLoss": "connection_dropped",
    "CannotResolveHostError": "dns_failed",
    "DNSLookupError": "dns_failed",
    "SSLError": "tls_failed",
    "BadGzipFile": "bad_compression",
    "DecompressionMaxSizeExceeded": "decoded_too_large",
}
#: twisted's causes inside a ResponseFailed/ResponseNeverReceived that say the answer was not HTTP
_MALFORMED = ("ParseError", "BadResponseVersion", "BadHeaders", "_WrapperException")


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
    reason: Reason | None = None
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

    def not_ok(reason: Reason, *, refused: bool = True, soft_404: bool = False) -> Page:
        return Page(landed, requested, False, status, None, content_type, reason, refused, soft_404)

    state = judge_page(text, status) if text else None
    if state is not None and state.kind in ("challenge", "maintenance"):
        return not_ok(state.reason or Reason(state.kind, status=status))
    if status >= 400:
        return not_ok(status_reason(status, response.meta), refused=status >= 500 or status in REFUSING_STATUSES)
    if 300 <= status < 400:
        return not_ok(Reason("redirect_not_followed", status=status))
    if text is None:
        return not_ok(Reason("not_html"), refused=False)
    if state is not None and state.kind == "soft_404":
        return not_ok(state.reason or Reason("soft_404"), refused=False, soft_404=True)
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


def status_reason(status: int, meta: dict[str, Any]) -> Reason:
    note = _STATUS_NOTES.get(status)
    retries = _retries(meta)
    if note:
        return Reason("http_refused", status=status, note=note, retries=retries)
    return Reason("http_error", status=status, retries=retries)


def _retries(meta: dict[str, Any]) -> int | None:
    return int(meta.get("retry_times") or 0) or None


def page_from_failure(failure: Failure, url: str, max_bytes: int | None = None) -> Page:
    """A page that never arrived: why, as a reason code. Always ``refused``."""
    request = getattr(failure, "request", None)
    meta = request.meta if request is not None else {}
    return Page(url=url, requested_url=url, ok=False, reason=failure_reason(failure, meta, max_bytes), refused=True)


def failure_reason(failure: Failure, meta: dict[str, Any], max_bytes: int | None = None) -> Reason:
    """The reason code of a download that failed (time-out, reset, guard, size cap …)."""
    return error_reason(failure.value, meta, max_bytes)


def error_reason(error: BaseException, meta: dict[str, Any], max_bytes: int | None = None) -> Reason:
    """The reason code of one exception of a download (``failure_reason`` for a Failure)."""
    if error.__cause__ is not None and type(error.__cause__).__name__ == "_DecompressionMaxSizeExceeded":
        # Scrapy's "Ignored response … exceeded DOWNLOAD_MAXSIZE … during decompression"
        limit = meta.get("pa_decoded_max") or meta.get("download_maxsize") or max_bytes
        return Reason("decoded_too_large", size=megabytes(limit) if limit else None)
    if isinstance(error, HttpError):  # a 3xx Scrapy could not follow (no usable Location)
        return Reason("redirect_not_followed", status=error.response.status)
    if isinstance(error, IgnoreRequest):
        return _ignored_reason(error, meta)
    name = type(error).__name__
    if name == "DownloadCancelledError":
        return _size_reason(str(error), max_bytes)
    if name in ("ResponseFailed", "ResponseNeverReceived", "DownloadFailedError") and _malformed(error):
        return Reason("bad_response", retries=_retries(meta))
    code = _FAILURE_REASONS.get(name)
    if code is None:
        return Reason("download_failed", name=name, retries=_retries(meta))
    return Reason(code, retries=_retries(meta))


def _malformed(error: BaseException) -> bool:
    """A twisted failure whose causes say the bytes were not an HTTP answer (garbled status line)."""
    # Scrapy wraps twisted's ResponseFailed (whose ``reasons`` are the causes) in DownloadFailedError
    inner = error if getattr(error, "reasons", None) else error.__cause__
    causes = getattr(inner, "reasons", None) or []
    names = {type(getattr(c, "value", c)).__name__ for c in causes}
    return any(name in _MALFORMED for name in names)


def _ignored_reason(error: IgnoreRequest, meta: dict[str, Any]) -> Reason:
    """Scrapy's and our guards' refusals: robots.txt, redirect limits, another host (middlewares)."""
    own = getattr(error, "reason", None)
    if isinstance(own, Reason):
        return own
    message = str(error).strip()
    if "robots.txt" in message.lower():
        return Reason("robots_disallowed")
    if message == "max redirections reached":
        visited = [canonical_url(u) for u in meta.get("redirect_urls", [])]
        if len(set(visited)) < len(visited):
            return Reason("redirect_loop")
        return Reason("too_many_redirects", count=len(visited))
    return Reason("request_refused")


def _size_reason(message: str, max_bytes: int | None) -> Reason:
    found = _MAX_SIZE_MESSAGE.search(message)
    limit = int(found.group(1)) if found else max_bytes
    if not limit:
        return Reason("download_cancelled")
    return Reason("page_too_large", size=megabytes(limit))


def megabytes(limit: int) -> str:
    """``32 MB``, ``0.5 MB``: a byte cap as an inspector reads it."""
    size = limit / (1024 * 1024)
    shown = f"{size:.0f}" if size >= 1 and size == int(size) else f"{size:.2g}"
    return f"{shown} MB"


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
