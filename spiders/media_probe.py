"""Check each medium once per crawl, without downloading large files whole.

Images are fetched whole (up to ``AUDITOR_IMAGE_MAXSIZE``) because only a full decode proves they
display. Videos, audio and attachments are fetched by HTTP Range: the first bytes tell the format;
an MP4 is then walked box header by box header (``auditor.media.mp4``), one small Range request per
box, so a 2 GB video costs a few kilobytes. A server that ignores Range and sends the whole file is
cut off after the bytes asked for (``StopDownload`` on ``bytes_received``), never read to the end.
The verdicts themselves are ``auditor.media``'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from auditor.media.check import GONE_STATUSES, Verdict, judge
from auditor.media.mp4 import Mp4Walker
from auditor.model.observations import MediaObservation, MediaRef
from auditor.model.reasons import Reason
from spiders.pages import HANDLED_STATUSES, status_reason, failure_reason

_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


@dataclass
class MediaState:
    ref: MediaRef
    pages: list[str] = field(default_factory=list)
    status: int | None = None
    content_type: str | None = None
    total: int | None = None
    walker: Mp4Walker | None = None
    done: bool = False


def _content_range(response: Response) -> tuple[int, int, int | None] | None:
    raw = response.headers.get(b"Content-Range")
    if not raw:
        return None
    match = _CONTENT_RANGE.match(raw.decode("latin-1"))
    if not match:
        return None
    start, end, total = match.groups()
    return int(start), int(end), None if total == "*" else int(total)


class MediaProbe:
    """Issues the requests for media checks and turns responses into ``MediaObservation``s."""

    def __init__(self, settings: Any, allowed: Callable[[str], bool]) -> None:
        self.allowed = allowed
        self.range_bytes = settings.getint("AUDITOR_MEDIA_RANGE_BYTES", 65536)
        self.image_maxsize = settings.getint("AUDITOR_IMAGE_MAXSIZE", 16 * 1024 * 1024)
        self.states: dict[str, MediaState] = {}

    @property
    def checked(self) -> int:
        return sum(1 for s in self.states.values() if s.done)

    def check(self, ref: MediaRef, page_url: str) -> Iterator[Any]:
        state = self.states.get(ref.url)
        if state is not None:
            if page_url not in state.pages:
                state.pages.append(page_url)
            return
        state = MediaState(ref, [page_url])
        self.states[ref.url] = state
        if not self.allowed(ref.url):
            state.done = True
            yield MediaObservation(ref.url, ref.kind, state.pages, None, "off_site", detail="host not allowed; not checked")
            return
        if ref.kind == "image":
            yield self._request(state, None, self.image_maxsize)
        else:
            yield self._request(state, (0, self.range_bytes), self.range_bytes * 4)

    def on_bytes(self, data: bytes, request: Request, spider: Any = None) -> None:
        """``bytes_received`` receiver: stop reading a medium once enough bytes are in."""
        limit = request.meta.get("pa_stop_after")
        if limit is None:
            return
        seen = request.meta.get("pa_seen", 0) + len(data)
        request.meta["pa_seen"] = seen
        if seen >= limit:
            raise StopDownload(fail=False)

    def _request(self, state: MediaState, byte_range: tuple[int, int] | None, maxsize: int) -> scrapy.Request:
        # the bytes as stored: a medium is judged by its own bytes, and a compressed answer could
        # inflate without bound (a 16 KB "gzip, gzip" image to gigabytes); see MediaDecodeCap
        headers = {"Accept-Encoding": "identity"}
        if byte_range is not None:
            start, length = byte_range
            headers["Range"] = f"bytes={start}-{start + length - 1}"
        return scrapy.Request(
            state.ref.url,
            headers=headers,
            callback=self._arrived,
            errback=self._failed,
            dont_filter=True,
            priority=-10,
            meta={
                # every status reaches the probe except redirects, which Scrapy follows (guards permitting)
                "handle_httpstatus_list": HANDLED_STATUSES,
                # no size cap (a cap cancels the download, losing the bytes): stop after ``maxsize``
                "download_maxsize": 0,
                "pa_stop_after": maxsize,
                # a server that compresses anyway is decoded up to this many bytes, no further
                "pa_decoded_max": maxsize,
                "download_fail_on_dataloss": False,
                "pa_media": state.ref.url,
                "pa_range": byte_range,
                "dont_retry": False,
            },
        )

    def _arrived(self, response: Response) -> Iterator[Any]:
        state = self.states[response.meta["pa_media"]]
        byte_range = response.meta.get("pa_range")
        if state.walker is not None:
            yield from self._walk(state, response, byte_range)
            return
        state.status = response.status
        state.content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        body = response.body
        span = _content_range(response) if response.status == 206 else None
        if span is not None:
            total = span[2]
            complete = total is not None and span[0] == 0 and span[1] + 1 >= total
        else:
            total = int(response.headers.get(b"Content-Length") or len(body)) if response.status < 400 else None
            # a whole-file request cut short by the server (dataloss) is complete as far as it goes:
            # judge compares it with the declared size; one we stopped ourselves is not
            complete = "download_stopped" not in response.flags
        state.total = total
        verdict = judge(state.ref.kind, state.ref.url, response.status, state.content_type, body, total, complete)
        if verdict.ok is None and verdict.needs is not None and total is not None:
            state.walker = Mp4Walker(total)
            state.walker.feed(0, body)
            yield from self._next_box(state)
            return
        yield self._observe(state, verdict, len(body))

    def _walk(self, state: MediaState, response: Response, byte_range: tuple[int, int] | None) -> Iterator[Any]:
        walker = state.walker
        assert walker is not None
        if response.status == 416:  # the range lies past the end: the file is shorter than it says
            verdict = Verdict(ok=False, reason="truncated", detail="a box runs past the end of the file (416)")
            yield self._observe(state, verdict, state.total)
            return
        if response.status == 200:  # Range ignored: the rest is not worth downloading whole
            verdict = Verdict(ok=None, detail="the server ignores HTTP Range; the file was not read to its end")
            yield self._observe(state, verdict, state.total)
            return
        if response.status >= 400 or byte_range is None:
            gone = response.status in GONE_STATUSES
            verdict = Verdict(
                ok=False if gone else None, reason="http_status" if gone else "refused",
                detail=f"range request answered {response.status}",
            )
            yield self._observe(state, verdict, state.total, None if gone else status_reason(response.status, response.meta))
            return
        walker.feed(byte_range[0], response.body)
        yield from self._next_box(state)

    def _next_box(self, state: MediaState) -> Iterator[Any]:
        walker = state.walker
        assert walker is not None
        needed = walker.next_range()
        if needed is not None:
            yield self._request(state, needed, max(needed[1] * 2, 4096))
            return
        yield self._observe(state, walker.verdict(), state.total)

    def _failed(self, failure: Failure) -> Iterator[Any]:
        """A medium that never arrived proves nothing about itself: ``ok=None`` with the cause."""
        url = failure.request.meta.get("pa_media", failure.request.url)
        state = self.states[url]
        cause = failure_reason(failure, failure.request.meta)
        if cause.code == "decoded_too_large":
            verdict = Verdict(ok=None, reason="too_large_decoded", detail=cause.phrase())
        elif failure.check(IgnoreRequest):  # refused by us (a redirect off the site): not the medium's fault
            verdict = Verdict(ok=None, reason="off_site", detail=f"not checked: {cause.phrase()}")
            yield self._observe(state, verdict, None)
            return
        else:
            verdict = Verdict(ok=None, reason="timeout" if cause.code == "timeout" else "unreachable", detail=cause.phrase())
        yield self._observe(state, verdict, None, cause)

    def _observe(
        self, state: MediaState, verdict: Verdict, size: int | None, cause: Reason | None = None
    ) -> MediaObservation:
        """The observation; ``cause`` is why the server did not serve it (``ok=None`` only)."""
        state.done = True
        if cause is None and verdict.reason == "refused" and state.status is not None:
            cause = status_reason(state.status, {})
        return MediaObservation(
            url=state.ref.url,
            kind=state.ref.kind,
            pages=list(state.pages),
            ok=verdict.ok,
            reason=verdict.reason,
            http_status=state.status,
            content_type=state.content_type,
            size=size if size is not None else state.total,
            detail=verdict.detail,
            width=verdict.width,
            height=verdict.height,
            cause=Reason("media_refused", cause) if cause is not None else None,
        )
