"""``--cache DIR``: a scheduled re-crawl asks the portal only what may have changed.

Every lasting answer is kept in ``DIR/httpcache`` (``spiders.resume.JsonCacheStorage``: JSON and raw
bytes, nothing executable). On the next crawl each page is asked for again, conditionally
(``If-None-Match`` / ``If-Modified-Since`` from the kept ETag and Last-Modified): a ``304 Not
Modified`` answer costs a few hundred bytes, and the kept page is read as if it had come again.
Media are not asked for again when the page that shows them was answered 304 (their verdicts are
last run's, from their kept bytes); on a page that changed, they are revalidated like pages.

Why a policy of our own rather than Scrapy's ``RFC2616Policy``: that policy serves an entry it
deems fresh without asking the server at all (a changed page would go unseen for a year of
heuristic freshness), and it never skips a revalidation. And why ``NotModifiedHeadersMiddleware``:
Scrapy freshens a kept answer with *every* header of the 304 (RFC 9111 §3.2 excepts
``Content-Length``), so a 304 carrying ``Content-Length: 0`` turned each kept image into a
0-byte one and the media probe called 153 healthy images empty. A 304 has no content: its
content headers say nothing about the kept answer and are dropped before the cache sees them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.http import Response

from spiders.resume import CACHE_DIR, TRANSIENT_STATUSES

#: headers of a 304 that describe its own (absent) content, never the kept answer's
_CONTENT_HEADERS = (b"Content-Length", b"Content-Range", b"Content-Encoding", b"Transfer-Encoding", b"Content-Type")
#: meta keys of a media request (``spiders.media_probe``): the medium, and the page that named it
_MEDIA_META = "pa_media"
_PAGE_META = "pa_page"


class RevalidatePolicy:
    """Scrapy HTTP-cache policy: always ask again, conditionally; keep the answer when told 304.

    The media of a page answered 304 in this crawl are replayed without asking (the page that
    names them did not change, so neither did what it shows, as far as a re-crawl is concerned).
    """

    def __init__(self, settings: Any) -> None:
        self.ignore_statuses = {int(code) for code in settings.getlist("HTTPCACHE_IGNORE_HTTP_CODES")}
        #: URLs answered 304 (or replayed) in this crawl: their media are not asked for again
        self.unchanged: set[str] = set()

    def should_cache_request(self, request: Request) -> bool:
        return request.method in ("GET", "HEAD") and request.url.startswith(("http://", "https://"))

    def should_cache_response(self, response: Response, request: Request) -> bool:
        return response.status not in self.ignore_statuses and response.status != 304

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        page = request.meta.get(_PAGE_META) or (request.headers.get(b"Referer") or b"").decode("latin-1")
        if _MEDIA_META in request.meta and page in self.unchanged:
            self.unchanged.add(request.url)
            return True
        for header, validator in ((b"ETag", b"If-None-Match"), (b"Last-Modified", b"If-Modified-Since")):
            value = cachedresponse.headers.get(header)
            if value:
                request.headers[validator] = value
        return False

    def is_cached_response_valid(self, cachedresponse: Response, response: Response, request: Request) -> bool:
        if response.status == 304:
            kept, told = _etag(cachedresponse), _etag(response)
            if kept and told and kept != told:
                # "not modified" about another version than the one asked about: the kept answer is
                # not trusted (the walk reads the page as unverified, with this reason)
                request.meta[CONTRADICTED_META] = (kept, told)
                return False
            self.unchanged.add(request.url)
            return True
        return False


#: meta key of a request answered 304 with an ETag other than the kept one: (kept, told)
CONTRADICTED_META = "pa_304_contradicts"


def _etag(response: Response) -> str:
    """The entity tag, compared weakly (``W/"x"`` and ``"x"`` are one version, RFC 9110 §8.8.3.2)."""
    value = (response.headers.get(b"ETag") or b"").decode("latin-1").strip()
    return value.removeprefix("W/")


class NotModifiedHeadersMiddleware:
    """Drops the content headers of a 304 before the HTTP cache freshens the kept answer with them."""

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 304:
            for name in _CONTENT_HEADERS:
                response.headers.pop(name, None)
        return response


def recrawl_settings(directory: Path) -> dict[str, Any]:
    """The Scrapy settings of ``--cache DIR``."""
    return {
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_DIR": str((directory / CACHE_DIR).resolve()),
        "HTTPCACHE_POLICY": f"{__name__}.RevalidatePolicy",
        "HTTPCACHE_STORAGE": "spiders.resume.JsonCacheStorage",
        "HTTPCACHE_EXPIRATION_SECS": 0,
        "HTTPCACHE_IGNORE_MISSING": False,
        "HTTPCACHE_IGNORE_HTTP_CODES": list(TRANSIENT_STATUSES),
        "REQUEST_FINGERPRINTER_CLASS": "spiders.resume.RangeAwareFingerprinter",
    }
