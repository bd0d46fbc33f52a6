"""Checking one medium without downloading it whole: which bytes to ask for, and the verdict.

Images are fetched whole (up to ``image_maxsize``) because only a full decode proves they display.
Videos, audio and attachments are fetched by HTTP Range: the first bytes tell the format; an MP4
is then walked box header by box header (``auditor.media.mp4``), one small Range request per box,
so a 2 GB video costs a few kilobytes. The reader stops after ``stop_after`` bytes when the server
ignores Range. The verdicts themselves are ``auditor.media``'s; this module only says which bytes
come next, so the spider's probe and the in-process driver check media the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from auditor.media.check import GONE_STATUSES, Verdict, judge
from auditor.media.mp4 import Mp4Walker
from auditor.model.observations import MediaObservation, MediaRef
from auditor.model.reasons import Reason
from auditor.page.answer import Answer, FetchedPage, error_reason, status_reason
from auditor.page.canonical import page_key

@dataclass(frozen=True)
class MediaAsk:
    """One request for a medium's bytes."""

    url: str
    #: (first byte, length) asked for by Range; None for the whole file
    byte_range: tuple[int, int] | None
    #: the reader stops after this many bytes (a server may ignore Range)
    stop_after: int

    @property
    def headers(self) -> dict[str, str]:
        # the bytes as stored: a medium is judged by its own bytes, and a compressed answer could
        # inflate without bound (a 16 KB "gzip, gzip" image to gigabytes)
        headers = {"Accept-Encoding": "identity"}
        if self.byte_range is not None:
            start, length = self.byte_range
            headers["Range"] = f"bytes={start}-{start + length - 1}"
        return headers


def content_range(value: str | None) -> tuple[int, int, int | None] | None:
    """``Content-Range: bytes 0-65535/1048576`` (RFC 9110 14.4) as (first, last, total or None)."""
    unit, _, spec = (value or "").strip().partition(" ")
    span, slash, total = spec.strip().partition("/")
    first, dash, last = span.partition("-")
    if unit != "bytes" or not slash or not dash or not (first.isdigit() and last.isdigit()):
        return None
    if total != "*" and not total.isdigit():
        return None
    return int(first), int(last), None if total == "*" else int(total)


@dataclass
class MediaCheck:
    """The check of one medium: ``first()``, then ``answer()`` each reply until it returns the
    observation."""

    ref: MediaRef
    pages: list[str]
    range_bytes: int = 65536
    image_maxsize: int = 16 * 1024 * 1024
    status: int | None = None
    content_type: str | None = None
    total: int | None = None
    walker: Mp4Walker | None = None
    done: bool = False
    _asked: MediaAsk | None = field(default=None, repr=False)

    def first(self) -> MediaAsk:
        if self.ref.kind == "image":
            return self._ask(None, self.image_maxsize)
        return self._ask((0, self.range_bytes), self.range_bytes * 4)

    def off_site(self) -> MediaObservation:
        """A medium on a host the crawl may not fetch from: not checked."""
        return self._observe(Verdict(ok=None, reason="off_site", detail="host not allowed; not checked"), None)

    def answer(self, answer: Answer) -> MediaAsk | MediaObservation:
        """The next bytes to ask for, or the verdict. ``answer.cut_short``: the reader stopped it."""
        if answer.error is not None:
            return self._failed(answer)
        if self.walker is not None:
            return self._walk(answer)
        self.status = answer.status
        self.content_type = answer.header("content-type") or None
        status = answer.status or 0
        body = answer.body
        span = content_range(answer.header("content-range")) if status == 206 else None
        if span is not None:
            total = span[2]
            complete = total is not None and span[0] == 0 and span[1] + 1 >= total
        else:
            length = answer.header("content-length")
            total = int(length or len(body)) if status < 400 else None
            # a whole-file request cut short by the server (dataloss) is complete as far as it goes:
            # judge compares it with the declared size; one we stopped ourselves is not
            complete = not answer.cut_short
        self.total = total
        verdict = judge(self.ref.kind, self.ref.url, status, self.content_type, body, total, complete)
        if verdict.ok is None and verdict.needs is not None and total is not None:
            self.walker = Mp4Walker(total)
            self.walker.feed(0, body)
            return self._next_box()
        return self._observe(verdict, len(body))

    def _walk(self, answer: Answer) -> MediaAsk | MediaObservation:
        walker = self.walker
        assert walker is not None
        byte_range = self._asked.byte_range if self._asked else None
        status = answer.status or 0
        if status == 416:  # the range lies past the end: the file is shorter than it says
            return self._observe(Verdict(ok=False, reason="truncated", detail="a box runs past the end of the file (416)"), self.total)
        if status == 200:  # Range ignored: the rest is not worth downloading whole
            verdict = Verdict(ok=None, detail="the server ignores HTTP Range; the file was not read to its end")
            return self._observe(verdict, self.total)
        if status >= 400 or byte_range is None:
            gone = status in GONE_STATUSES
            verdict = Verdict(ok=False if gone else None, reason="http_status" if gone else "refused",
                              detail=f"range request answered {status}")
            return self._observe(verdict, self.total, None if gone else status_reason(status))
        walker.feed(byte_range[0], answer.body)
        return self._next_box()

    def _next_box(self) -> MediaAsk | MediaObservation:
        walker = self.walker
        assert walker is not None
        needed = walker.next_range()
        if needed is not None:
            return self._ask(needed, max(needed[1] * 2, 4096))
        return self._observe(walker.verdict(), self.total)

    def _failed(self, answer: Answer) -> MediaObservation:
        """A medium that never arrived proves nothing about itself: ``ok=None``, with the cause."""
        cause = error_reason(answer)
        if cause.code == "decoded_too_large":
            return self._observe(Verdict(ok=None, reason="too_large_decoded", detail=cause.phrase()), None, cause)
        if answer.error == "refused":  # refused by us (a redirect off the site): not the medium's fault
            return self._observe(Verdict(ok=None, reason="off_site", detail=f"not checked: {cause.phrase()}"), None)
        reason = "timeout" if answer.error == "timeout" else "unreachable"
        return self._observe(Verdict(ok=None, reason=reason, detail=cause.phrase()), None, cause)

    def _ask(self, byte_range: tuple[int, int] | None, stop_after: int) -> MediaAsk:
        self._asked = MediaAsk(self.ref.url, byte_range, stop_after)
        return self._asked

    def _observe(self, verdict: Verdict, size: int | None, cause: Reason | None = None) -> MediaObservation:
        """The observation; ``cause``: why the server did not serve the medium (``ok=None``)."""
        self.done = True
        if cause is None and verdict.reason == "refused" and self.status is not None:
            cause = status_reason(self.status)
        return MediaObservation(
            url=self.ref.url,
            kind=self.ref.kind,
            pages=list(self.pages),
            ok=verdict.ok,
            reason=verdict.reason,
            http_status=self.status,
            content_type=self.content_type,
            size=size if size is not None else self.total,
            detail=verdict.detail,
            width=verdict.width,
            height=verdict.height,
            cause=Reason("media_refused", cause) if cause is not None else None,
        )


# --- which media are the page's own ------------------------------------------------------------
def image_names(page: FetchedPage) -> set[str]:
    """The file names of the images ``page`` shows as the site's own (``logo1.png``): the site's
    chrome repeats them on every page, under whatever folder each page's relative paths resolve to.
    An image inside a link to another page than the home page is a picture of that page (an
    article's thumbnail in a list, a tile), not chrome: the list pages and overviews that show it
    are read in whatever order their answers come, so counting it would make an article's own
    image chrome or not by that order."""
    doc = page.doc
    if doc is None:
        return set()
    home = page_key(urljoin(page.url, "/"))
    names = set()
    for element in doc.root.iter("img"):
        link = next(element.iterancestors("a"), None)
        target = doc.absolute(link.get("href")) if link is not None else None
        if target and page_key(target) != home:
            continue
        url = doc.absolute(element.get("src"))
        if url:
            names.add(file_name(url))
    names.discard("")
    return names


def file_name(url: str) -> str:
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]).lower()


def content_media(refs: Iterable[MediaRef], body_found: bool, chrome: set[str]) -> list[MediaRef]:
    """The media an article page shows as its own content: when its text's container was not
    recognised (``body_found`` False: the whole page was searched), an image whose file name the
    site's other pages show too (the header's logo, the footer's badge; ``chrome``: the names on
    the home page and the column pages read) is the site's chrome, not the article's, and a broken
    one is not the column's broken image. Within a recognised container every medium is content."""
    refs = list(refs)
    if body_found:
        return refs
    return [ref for ref in refs if ref.kind != "image" or file_name(ref.url) not in chrome]
