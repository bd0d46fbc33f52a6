"""Fetch each walk page once, however many parts of the walk need it.

The walk asks for the same page for several reasons at once (a column page is also a page searched
for a sibling's link). Scrapy's duplicate filter would silently drop the second request and its
callback would never run; instead every page request goes through ``PageBook``, which issues one
request and hands the parsed page to every party waiting for it, now or later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from auditor.matching import Link, extract_links

#: a party waiting for a page: gets the page, yields requests and observations
Consumer = Callable[["Page"], Iterable[Any]]


@dataclass
class Page:
    """A fetched page as the walk sees it."""

    url: str
    requested_url: str
    ok: bool
    status: int | None = None
    text: str | None = None
    content_type: str | None = None
    #: why the page could not be used (HTTP 404, timeout, not HTML, …)
    reason: str | None = None
    #: the server refused or failed (5xx, time-out, reset): absence cannot be concluded from it
    refused: bool = False
    _links: list[Link] | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = extract_links(self.text, self.url) if self.text else []
        return self._links


def page_from_response(response: Response) -> Page:
    requested = response.meta.get("pa_url", response.url)
    status = response.status
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
    if status >= 400:
        return Page(
            url=response.url,
            requested_url=requested,
            ok=False,
            status=status,
            content_type=content_type,
            reason=f"HTTP {status}",
            refused=status >= 500 or status in (403, 412, 429, 521),
        )
    if not isinstance(response, TextResponse):
        return Page(response.url, requested, False, status, None, content_type, "not an HTML page")
    return Page(response.url, requested, True, status, response.text, content_type)


def page_from_failure(failure: Failure, url: str) -> Page:
    name = type(failure.value).__name__
    reason = {
        "TimeoutError": "timeout",
        "TCPTimedOutError": "timeout",
        "ConnectionRefusedError": "connection refused",
        "ConnectionLost": "connection lost",
        "ResponseNeverReceived": "no response",
        "DNSLookupError": "DNS lookup failed",
    }.get(name, name)
    return Page(url=url, requested_url=url, ok=False, reason=reason, refused=True)


class PageBook:
    """One request per URL; every waiting party gets the page."""

    def __init__(self, priority: int = 10) -> None:
        self._pages: dict[str, Page] = {}
        self._waiting: dict[str, list[Consumer]] = {}
        self.priority = priority
        self.fetched = 0

    def want(self, url: str, consumer: Consumer) -> Iterator[Any]:
        """Ask for ``url``: the consumer runs now if the page is known, else when it arrives."""
        page = self._pages.get(url)
        if page is not None:
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
            meta={"handle_httpstatus_all": True, "pa_url": url},
        )

    def _arrived(self, response: Response) -> Iterator[Any]:
        yield from self._deliver(page_from_response(response))

    def _failed(self, failure: Failure) -> Iterator[Any]:
        url = failure.request.meta.get("pa_url", failure.request.url)
        yield from self._deliver(page_from_failure(failure, url))

    def _deliver(self, page: Page) -> Iterator[Any]:
        self.fetched += 1
        self._pages[page.requested_url] = page
        self._pages.setdefault(page.url, page)
        for consumer in self._waiting.pop(page.requested_url, []):
            yield from consumer(page)
