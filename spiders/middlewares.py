"""Downloader middlewares: nothing leaves the crawl for a place it was not sent to.

The spider only asks for http(s) URLs on the portal's own hosts (``PathWalkSpider.allowed``), but a
server decides where its redirects go, and Scrapy's RedirectMiddleware follows them with new
requests. ``SafeFetchMiddleware`` looks at every request before anything is sent, redirects
included, and refuses (``IgnoreRequest``, which the walk reports as "could not verify"):

* any scheme but http and https (``file:``, ``ftp:``, ``data:`` …);
* a private, loopback or link-local address, unless the start URL is itself such an address (an
  intranet portal, a test server) or the host is listed among the allowed hosts;
* a redirect into another host: only the crawl's hosts, and the same host with or without
  ``www.`` (``gov.cn`` → ``www.gov.cn``, which portals do on their home page), are followed;
* any other request for a host the crawl does not know.

Addresses are judged as written in the URL; a name is not resolved here.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest

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


def same_site(host: str, other: str) -> bool:
    """The same host, with or without a leading ``www.``."""
    return host.removeprefix("www.") == other.removeprefix("www.")


@dataclass
class HostPolicy:
    """Where the crawl may fetch from.

    ``hosts`` is the crawl's live set of hosts (the spider adds the home page's host once it knows
    it); ``allowed`` the hosts the user listed explicitly.
    """

    start_url: str
    hosts: Collection[str]
    allowed: Collection[str] = ()

    def refusal(self, url: str, redirected_from: str | None = None) -> str | None:
        """Why ``url`` must not be fetched, or None when it may be."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in _SCHEMES:
            what = "redirect to" if redirected_from else "URL with"
            return f"{what} a scheme other than http(s): {parts.scheme or '(none)'}:"
        host = (parts.hostname or "").lower()
        start_host = (urlsplit(self.start_url).hostname or "").lower()
        if is_private_host(host) and not is_private_host(start_host) and host not in self.allowed:
            what = "redirect to" if redirected_from else "request for"
            return f"{what} a private address: {host}"
        if host in self.hosts:
            return None
        if redirected_from is not None:
            source = (urlsplit(redirected_from).hostname or "").lower()
            if same_site(host, source):
                return None
            return f"redirect to another host: {host}"
        return f"host not allowed: {host}"


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
            self._policy = HostPolicy(start_url=spider.start_url, hosts=spider.hosts, allowed=spider.listed_hosts)
        return self._policy
