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

import ipaddress
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from auditor.walk.scope import Origin, Scope, origin_of

logger = logging.getLogger(__name__)

_SCHEMES = ("http", "https")


def is_private_host(host: str) -> bool:
    """A loopback, private, link-local or otherwise non-public address (or ``localhost``)."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return not address.is_global


@dataclass
class HostPolicy:
    """Where the crawl may fetch from: the crawl's ``Scope`` (origins: scheme, host, port), and no
    private address unless the portal itself is on one or the user listed it."""

    scope: Scope
    start_url: str

    def refusal(self, url: str, redirected_from: str | None = None) -> str | None:
        """Why ``url`` must not be fetched, or None when it may be."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in _SCHEMES:
            what = "redirect to" if redirected_from else "URL with"
            return f"{what} a scheme other than http(s): {parts.scheme or '(none)'}:"
        origin = origin_of(url)
        if origin is None:
            return f"not a valid URL: {url[:80]}"
        start_host = (urlsplit(self.start_url).hostname or "").lower()
        listed = self.scope.is_listed(origin)
        if is_private_host(origin.host) and not is_private_host(start_host) and not listed:
            what = "redirect to" if redirected_from else "request for"
            return f"{what} a private address: {origin.host}"
        if redirected_from is not None:
            if self.scope.redirect_in_scope(url, redirected_from):
                return None
            return f"redirect to another host: {_shown(origin)}"
        if self.scope.in_scope(url):
            return None
        return f"host not allowed: {_shown(origin)}"


def _shown(origin: Origin) -> str:
    """The host, with its port when the port is what makes it another origin."""
    host = f"[{origin.host}]" if ":" in origin.host else origin.host
    return host if origin.on_default_port else f"{host}:{origin.port}"


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
        raise IgnoreRequest(reason)

    def policy(self) -> HostPolicy:
        """Built once the spider exists; it keeps the spider's live set of hosts."""
        if self._policy is None:
            spider = self.crawler.spider
            self._policy = HostPolicy(scope=spider.scope, start_url=spider.start_url)
        return self._policy
