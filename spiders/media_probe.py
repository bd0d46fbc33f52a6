"""Check each medium once per crawl with Scrapy requests, by the byte ranges ``MediaCheck`` asks for.

What to ask for and the verdicts are ``auditor.walk.media_check``'s (shared with the in-process
driver); this module turns its asks into requests and the answers back into ``Answer``s. A server
that ignores Range and sends the whole file is cut off after the bytes asked for (``StopDownload``
on ``bytes_received``), never read to the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import scrapy
from scrapy.exceptions import StopDownload
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from auditor.model.observations import MediaObservation, MediaRef
from auditor.page.answer import Answer
from auditor.walk.config import WalkConfig
from auditor.walk.media_check import MediaAsk, MediaCheck
from spiders.pages import HANDLED_STATUSES, answer_from_failure, headers_of


class MediaProbe:
    """Issues the requests for media checks and yields their ``MediaObservation``s."""

    def __init__(self, config: WalkConfig, allowed: Callable[[str], bool]) -> None:
        self.allowed = allowed
        self.config = config
        self.checks: dict[str, MediaCheck] = {}
        #: medium URL -> (when its oldest answer so far was answered, whether any was replayed)
        self.taken: dict[str, tuple[str, bool]] = {}

    @property
    def checked(self) -> int:
        return sum(1 for check in self.checks.values() if check.done)

    def check(self, ref: MediaRef, page_url: str) -> Iterator[Any]:
        known = self.checks.get(ref.url)
        if known is not None:
            if page_url not in known.pages:
                known.pages.append(page_url)
            return
        check = MediaCheck(ref, [page_url], self.config.media_range_bytes, self.config.image_maxsize)
        self.checks[ref.url] = check
        if not self.allowed(ref.url):
            yield check.off_site()
            return
        yield self._request(check.first())

    def on_bytes(self, data: bytes, request: Request, spider: Any = None) -> None:
        """``bytes_received`` receiver: stop reading a medium once enough bytes are in."""
        limit = request.meta.get("pa_stop_after")
        if limit is None:
            return
        seen = request.meta.get("pa_seen", 0) + len(data)
        request.meta["pa_seen"] = seen
        if seen >= limit:
            raise StopDownload(fail=False)

    def _request(self, ask: MediaAsk) -> scrapy.Request:
        return scrapy.Request(
            ask.url,
            headers=ask.headers,
            callback=self._arrived,
            errback=self._failed,
            dont_filter=True,
            priority=-10,
            meta={
                # every status reaches the probe except redirects, which Scrapy follows (guards permitting)
                "handle_httpstatus_list": HANDLED_STATUSES,
                # no size cap (a cap cancels the download, losing the bytes): stop after ``stop_after``
                "download_maxsize": 0,
                "pa_stop_after": ask.stop_after,
                # a server that compresses anyway is decoded up to this many bytes, no further
                # (spiders.middlewares.MediaDecodeCapMiddleware)
                "pa_decoded_max": ask.stop_after,
                "download_fail_on_dataloss": False,
                "pa_media": ask.url,
                # the page that named it: a re-crawl (``--cache``) keeps its verdict while that page is unchanged
                "pa_page": self.checks[ask.url].pages[0],
                "dont_retry": False,
            },
        )

    def _arrived(self, response: Response) -> Iterator[Any]:
        url = response.meta["pa_media"]
        replayed = "cached" in response.flags and response.status != 304
        stamp = response.meta.get("cache_timestamp") if replayed else None
        taken = _iso(stamp) if stamp else _iso(None)
        earlier = self.taken.get(url)
        # the verdict is as old as the oldest answer it rests on
        self.taken[url] = (min(earlier[0], taken), earlier[1] or replayed) if earlier else (taken, replayed)
        answer = Answer(
            url=url,
            status=response.status,
            headers=headers_of(response),
            body=response.body,
            final_url=response.url,
            cut_short="download_stopped" in response.flags,
        )
        yield from self._next(self.checks[url], answer)

    def _failed(self, failure: Failure) -> Iterator[Any]:
        url = failure.request.meta.get("pa_media", failure.request.url)
        yield from self._next(self.checks[url], answer_from_failure(failure, url))

    def _next(self, check: MediaCheck, answer: Answer) -> Iterator[Any]:
        step = check.answer(answer)
        if isinstance(step, MediaObservation):  # final once emitted: made whole here
            checked_at, replayed = self.taken.pop(answer.url, (_iso(None), False))
            step = replace(step, checked_at=checked_at, replayed=replayed)
        yield step if isinstance(step, MediaObservation) else self._request(step)


def _iso(stamp: float | None) -> str:
    """A time (seconds since the epoch; None: now) as ISO 8601 in UTC, to the second."""
    import datetime as dt

    moment = dt.datetime.fromtimestamp(stamp, dt.timezone.utc) if stamp else dt.datetime.now(dt.timezone.utc)
    return moment.isoformat(timespec="seconds")
