"""Downloader middlewares: nothing leaves the crawl for a place it was not sent to.

The spider only asks for http(s) URLs on the portal's own hosts (``PathWalkSpider.allowed``), but a
server decides where its redirects go, and Scrapy's RedirectMiddleware follows them with new
requests. ``SafeFetchMiddleware`` looks at every request before anything is sent, redirects
included, and refuses (``IgnoreRequest``, which the walk reports as "could not verify"):

* any scheme but http and https (``file:``, ``ftp:``, ``data:`` …);
* a private, loopback or link-local address, unless the start URL is itself such an address (an
  intranet portal, a test server) or the host is listed among the allowed hosts;
* a redirect out of the crawl's scope (``auditor.walk.scope``: origins, so another port of the
  portal's host is another site): only the crawl's origins, and the same host with or without
  ``www.`` (``gov.cn`` → ``www.gov.cn``, which portals do on their home page), are followed; a
  meta refresh is a redirect here too (Scrapy's MetaRefreshMiddleware issues it as one);
* any other request for an origin the crawl does not know.

Addresses are judged as written in the URL; a name is not resolved here.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from auditor.model.reasons import Reason
from auditor.walk.scope import Scope, origin_of, redact_url
from spiders.pages import error_reason

logger = logging.getLogger(__name__)


def _offline_public_suffixes() -> None:
    """Scrapy's cookie handling asks tldextract whether a cookie's domain is a public suffix; its
    default extractor downloads the public-suffix list from the internet on first use, so the first
    ``Set-Cookie`` of a portal made the crawl contact hosts that are not the portal. The crawl talks
    to the portal only: use the suffix snapshot tldextract bundles, with no download and no cache."""
    import scrapy.downloadermiddlewares.cookies as cookies
    from tldextract import TLDExtract

    if not hasattr(cookies, "_split_domain"):  # pragma: no cover - the guard test would tell
        logger.warning("PathAudit: Scrapy's cookie middleware changed; check it makes no internet lookups")
        return
    cookies._split_domain = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


class _OneLineRobotsError(logging.Filter):
    """Scrapy logs a robots.txt that could not be fetched with a 60-line traceback (for every
    unreachable site); the inspector needs one line saying why, the crawl goes on as if allowed."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and str(record.msg).startswith("Error downloading"):
            args = record.args if isinstance(record.args, dict) else {}
            error = args.get("f_exception")
            request = args.get("request")
            why = error_reason(error, {}).phrase() if isinstance(error, BaseException) else "unknown"
            where = redact_url(str(getattr(request, "url", request)))
            record.msg = "PathAudit: robots.txt for %s could not be read (%s); crawling as if it allowed everything"
            record.args = (where, why)
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


_offline_public_suffixes()
logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_OneLineRobotsError())

_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@functools.lru_cache(maxsize=1024)
def is_private_host(host: str) -> bool:
    """A loopback, private, link-local or otherwise non-public address (or ``localhost``); kept per
    host, since every request of a crawl asks it of the same few hosts."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return not address.is_global


def _origin_text(url: str) -> str:
    """``scheme://authority`` as written at the start of ``url`` (up to the first ``/``, ``?`` or
    ``#`` after ``://``): two URLs that share it share their scheme, host and port."""
    start = url.find("://")
    if start < 0:
        return url
    end = len(url)
    for mark in "/?#":
        found = url.find(mark, start + 3)
        if 0 <= found < end:
            end = found
    return url[:end]


@dataclass
class HostPolicy:
    """Where the crawl may fetch from: the crawl's ``Scope`` (origins: scheme, host, port), and no
    private address unless the portal itself is on one or the user listed it.

    Every request of a crawl asks this of a handful of origins, so an origin once allowed for a
    request that is no redirect is remembered (as written: ``_origin_text``): the answer depends on
    the origin only, and stays yes, since the scope only grows. Refusals and redirects are judged
    in full each time."""

    scope: Scope
    start_url: str
    _allowed: set[str] = field(default_factory=set, init=False, repr=False)
    _start_host: str | None = field(default=None, init=False, repr=False)

    def refusal(self, url: str, redirected_from: str | None = None) -> Reason | None:
        """Why ``url`` must not be fetched, or None when it may be."""
        if redirected_from is None:
            written = _origin_text(url)
            if written in self._allowed:
                return None
            reason = self._judge(url, None)
            if reason is None:
                self._allowed.add(written)
            return reason
        return self._judge(url, redirected_from)

    def _judge(self, url: str, redirected_from: str | None) -> Reason | None:
        redirect = redirected_from is not None
        found = _SCHEME.match(url)
        scheme = found.group(1).lower() if found else ""
        if scheme not in _SCHEMES:
            return Reason("redirect_scheme_refused" if redirect else "scheme_refused", scheme=scheme or "(none)")
        origin = origin_of(url)
        if origin is None:
            return Reason("invalid_url", url=redact_url(url)[:80])
        if self._start_host is None:
            self._start_host = (urlsplit(self.start_url).hostname or "").lower()
        start_host = self._start_host
        listed = self.scope.is_listed(origin)
        if is_private_host(origin.host) and not is_private_host(start_host) and not listed:
            return Reason("redirect_private" if redirect else "private_address", host=origin.host)
        if redirected_from is not None:
            if self.scope.redirect_in_scope(url, redirected_from):
                return None
            return Reason("redirect_offsite", host=origin.shown)
        if self.scope.in_scope(url):
            return None
        return Reason("host_not_allowed", host=origin.shown)


class RefusedRequest(IgnoreRequest):
    """A request a guard refused, with the reason's code (``spiders.pages`` reads it)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.phrase())
        self.reason = reason


class SafeFetchMiddleware:
    """Refuse every request of the path walk, redirects included, that ``HostPolicy`` does not allow."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self._policy: HostPolicy | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SafeFetchMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        redirects = request.meta.get("redirect_urls") or []
        reason = self.policy().refusal(request.url, redirects[-1] if redirects else None)
        if reason is None:
            return
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("pathaudit/refused_requests")
        logger.warning("PathAudit: not fetching %s: %s", request.url, reason)
        raise RefusedRequest(reason)

    def policy(self) -> HostPolicy:
        """Built once the spider exists; it keeps the spider's live set of hosts."""
        if self._policy is None:
            spider = self.crawler.spider
            self._policy = HostPolicy(scope=spider.scope, start_url=spider.start_url)
        return self._policy


class MediaDecodeCapMiddleware:
    """Cap the decoded size of a compressed medium as pages are capped.

    The media probe reads media with no download size cap (a cap cancels the download and loses
    the bytes read; the probe stops reading itself) and asks for ``identity`` encoding. A server
    that compresses anyway would have Scrapy's HttpCompressionMiddleware inflate the body with that
    same missing cap: a 16 KB ``gzip, gzip`` answer can inflate to gigabytes. Placed just after it
    (its ``process_response`` runs first), this sets the cap the compression middleware reads to
    the bytes the probe wants (``pa_decoded_max``); beyond it, decoding stops and the medium is
    ``unverified`` (``decoded_too_large``).
    """

    def process_response(self, request: Request, response: Any, spider: Any = None) -> Any:
        cap = request.meta.get("pa_decoded_max")
        if cap and response.headers.get(b"Content-Encoding"):
            request.meta["download_maxsize"] = cap
        return response
