"""Scrapy's side of fetching walk pages: requests for what the walker wants, and every response or
failure turned into an ``auditor.page.answer.Answer`` for the one judgment of it.

The walker's own book (``auditor.walk.book``) asks for each URL once while it is outstanding and
hands the page to every party waiting for it, so Scrapy's duplicate filter is bypassed
(``dont_filter``): it would silently drop the second request for a page asked again after it was
forgotten. Failures get an error code (``Answer.error``), never a phrase: the judgment words it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.datatypes import SequenceExclude
from twisted.python.failure import Failure

from auditor.model.reasons import Reason
from auditor.page.answer import Answer, FetchedPage, judge_answer, megabytes
from auditor.page.answer import error_reason as judge_error
from auditor.page.canonical import canonical_url

#: the walk's page, as ``judge_answer`` makes it
Page = FetchedPage

#: every status reaches the walk except redirects, which Scrapy follows (and guards may refuse)
HANDLED_STATUSES = SequenceExclude(range(300, 400))
_MAX_SIZE_MESSAGE = re.compile(r"max size \((\d+)\)")
#: modules whose exceptions mean a compressed answer could not be decompressed
_DECOMPRESSORS = frozenset({"zlib", "gzip", "brotli", "_brotli", "brotlicffi", "zstandard", "backports.zstd"})
#: twisted's causes inside a ResponseFailed that say the answer was not HTTP
_MALFORMED = ("ParseError", "BadResponseVersion", "BadHeaders", "_WrapperException")
#: Twisted's and Scrapy's exception names, by the error code they stand for
_ERROR_CODES = {
    "DownloadTimeoutError": "timeout",
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "DownloadConnectionRefusedError": "connection_refused",
    "ConnectionRefusedError": "connection_refused",
    "ConnectError": "connection_failed",
    "DownloadFailedError": "connection_reset",
    "ResponseFailed": "connection_reset",
    "ResponseNeverReceived": "connection_reset",
    "ConnectionLost": "connection_reset",
    "ConnectionDone": "connection_reset",
    "ResponseDataLossError": "dataloss",
    "CannotResolveHostError": "dns",
    "DNSLookupError": "dns",
}


def page_request(url: str, callback: Callable[..., Any], errback: Callable[..., Any], priority: int = 10) -> scrapy.Request:
    """The request for a walk page; ``pa_url`` keeps the URL the walker asked for."""
    return scrapy.Request(
        url,
        callback=callback,
        errback=errback,
        dont_filter=True,
        priority=priority,
        meta={"handle_httpstatus_list": HANDLED_STATUSES, "pa_url": url},
    )


def headers_of(response: Response) -> dict[str, str]:
    """Header names in lower case; a repeated header's last value (as Scrapy's ``headers.get``)."""
    return {
        key.decode("latin-1").lower(): values[-1].decode("latin-1")
        for key, values in response.headers.items()
        if values
    }


#: content codings that mean "as is"
_IDENTITY = frozenset({"", "identity", "none"})


def undecoded_encoding(response: Response) -> str | None:
    """The ``Content-Encoding`` still on an answer after Scrapy's HttpCompressionMiddleware, which
    decodes gzip, deflate, br and zstd and leaves an encoding it does not know in place: the body is
    then bytes the tool cannot read (``x-snappy``, ``compress``), or None."""
    values = [v.decode("latin-1") for v in response.headers.getlist(b"Content-Encoding")]
    tokens = [t.strip().lower() for v in values for t in v.split(",")]
    unknown = [t for t in tokens if t not in _IDENTITY]
    return ", ".join(unknown)[:40] if unknown else None


def answer_from_response(response: Response) -> Answer:
    encoding = undecoded_encoding(response)
    if encoding is not None:  # an answer the tool cannot decode says nothing about the column
        return Answer(url=response.meta.get("pa_url", response.url), status=response.status, error="failed",
                      error_detail="ContentEncoding", error_reason=Reason("encoding_unsupported", encoding=encoding),
                      final_url=response.url, retries=int(response.meta.get("retry_times") or 0))
    return Answer(
        url=response.meta.get("pa_url", response.url),
        status=response.status,
        headers=headers_of(response),
        body=response.body,
        final_url=response.url,
        retries=int(response.meta.get("retry_times") or 0),
        meta_refresh="meta refresh" in (response.meta.get("redirect_reasons") or []),
    )


def answer_from_failure(
    failure: Failure, url: str, max_bytes: int | None = None, meta: dict[str, Any] | None = None
) -> Answer:
    """A page that never arrived, with the code of why."""
    request = getattr(failure, "request", None)
    meta = meta if meta is not None else (request.meta if request is not None else {})
    retries = int(meta.get("retry_times") or 0)
    error = failure.value
    if isinstance(error, HttpError) and error.response.status == 304:  # "not modified" is no redirect
        contradicted = meta.get("pa_304_contradicts")
        if contradicted:
            reason = Reason("not_modified_contradicts", kept=contradicted[0][:60], told=contradicted[1][:60])
        else:
            reason = Reason("not_modified_unasked")
        return Answer(url=url, status=304, error="failed", error_detail="NotModified", error_reason=reason)
    if isinstance(error, HttpError):  # a 3xx Scrapy could not follow (no usable Location)
        return Answer(url=url, status=error.response.status, error="redirect_not_followed")
    if isinstance(error, IgnoreRequest):
        known = exception_reason(error, meta, max_bytes)
        if known is not None:  # Scrapy's decompression cap raises IgnoreRequest too
            return Answer(url=url, error="failed", error_detail=type(error).__name__, error_reason=known)
        code, detail = _ignored(error, meta)
        own = getattr(error, "reason", None)  # a guard's refusal carries its reason (RefusedRequest)
        return Answer(url=url, error=code, error_detail=detail, error_reason=own if isinstance(own, Reason) else None)
    name = type(error).__name__
    if name == "DownloadCancelledError":
        found = _MAX_SIZE_MESSAGE.search(str(error))
        limit = int(found.group(1)) if found else max_bytes
        return Answer(url=url, error="size_cap", error_detail=str(limit) if limit else None)
    known = exception_reason(error, meta, max_bytes)
    if known is not None:
        return Answer(url=url, error="failed", error_detail=name, error_reason=known, retries=retries)
    code = _ERROR_CODES.get(name)
    if code == "dns":
        from urllib.parse import urlsplit

        from spiders.resolver import refused_address

        host = urlsplit(getattr(request, "url", None) or url).hostname or ""
        address = refused_address(host)
        if address is not None:  # the name resolved, to an address the crawl may not connect to
            return Answer(url=url, error="failed", error_detail=name, retries=retries,
                          error_reason=Reason("resolved_private", host=host, address=address))
    return Answer(url=url, error=code or "failed", error_detail=None if code else name, retries=retries)


def exception_reason(error: BaseException, meta: dict[str, Any], max_bytes: int | None = None) -> Reason | None:
    """The reason of an exception the error codes do not tell apart: a garbled status line (not a
    reset), a compressed answer that cannot be decoded (zlib's exception is called just "error"),
    one that inflates past the cap (Scrapy's "Ignored response … exceeded DOWNLOAD_MAXSIZE")."""
    if error.__cause__ is not None and type(error.__cause__).__name__ == "_DecompressionMaxSizeExceeded":
        limit = meta.get("pa_decoded_max") or meta.get("download_maxsize") or max_bytes
        return Reason("decoded_too_large", size=megabytes(limit) if limit else None)
    name = type(error).__name__
    if name in ("ResponseFailed", "ResponseNeverReceived", "DownloadFailedError") and _malformed(error):
        return Reason("bad_response")
    if type(error).__module__ in _DECOMPRESSORS or name in ("BadGzipFile", "EOFError"):
        return Reason("bad_compression")
    return None


def _malformed(error: BaseException) -> bool:
    """A twisted failure whose causes say the bytes were not an HTTP answer (garbled status line);
    Scrapy wraps twisted's ResponseFailed (whose ``reasons`` are the causes) in DownloadFailedError."""
    inner = error if getattr(error, "reasons", None) else error.__cause__
    causes = getattr(inner, "reasons", None) or []
    names = {type(getattr(c, "value", c)).__name__ for c in causes}
    return any(name in _MALFORMED for name in names)


def error_reason(error: BaseException, meta: dict[str, Any]) -> Reason:
    """The reason of one exception of a download, as the walk would word it (robots.txt's log)."""
    return judge_error(answer_from_failure(Failure(error), "", None, meta))


def _ignored(error: IgnoreRequest, meta: dict[str, Any]) -> tuple[str, str | None]:
    """Scrapy's and our guards' refusals: robots.txt, redirect limits, another host (middlewares)."""
    message = str(error).strip()
    if "robots.txt" in message.lower():
        return "robots", None
    if message == "max redirections reached":
        visited = [canonical_url(u) for u in meta.get("redirect_urls", [])]
        if len(set(visited)) < len(visited):
            return "redirect_loop", None
        return "too_many_redirects", str(len(visited))
    return "refused", message or None


def page_from_response(response: Response, home_urls: Collection[str] = ()) -> FetchedPage:
    """The walk's judgment of a response (``home_urls``: the walk's home page, asked and landed)."""
    return judge_answer(answer_from_response(response), home_urls)


def page_from_failure(failure: Failure, url: str, max_bytes: int | None = None) -> FetchedPage:
    """The walk's judgment of a page that never arrived: always ``refused``."""
    return judge_answer(answer_from_failure(failure, url, max_bytes))
