"""Which URLs belong to the audited portal: origins (scheme, host, port), never host names alone.

A browser keeps ``http://gov.example:8080/`` apart from ``http://gov.example/``: another port of the
portal's host is another server (an admin console, a test build, a different site). The crawl may
fetch from the portal's origin, the origins it lands on when its home page redirects, and the
origins the user lists; everything else is out of scope. This module is the one place that decides
it (the walk, the media probe and the fetch guards ask ``Scope.in_scope``).

Two facts a person takes for granted are kept: ``http://host/`` and ``https://host/`` (each on its
scheme's default port) are the same portal, upgraded or not; and a redirect from ``host`` to
``www.host`` (or back) stays on the portal, on the same port rule. A portal also spans the host
names of its registrable domain (``www.ljxq.gov.cn``, ``xxgk.ljxq.gov.cn``, ``m.ljxq.gov.cn`` are one
site to a person; ``gov.cn`` is a public suffix, so ``www.ybq.gov.cn`` is another portal), on the
same port rule; any other host is in scope only when the operator lists it. Which *address* a name
may resolve to is checked where the connection is made (``spiders.resolver``).

An allowed entry is a host (``static.example.cn``: its default ports), a host with a port
(``static.example.cn:8080``, ``[::1]:8443``: that port, either scheme), or an origin
(``https://static.example.cn:8443``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int

    @property
    def on_default_port(self) -> bool:
        return _DEFAULT_PORTS.get(self.scheme) == self.port

    @property
    def shown(self) -> str:
        """The host, with its port when the port is not its scheme's default (``127.0.0.1:9000``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.on_default_port else f"{host}:{self.port}"

    def __str__(self) -> str:
        return f"{self.scheme}://{self.shown}"


@lru_cache(maxsize=2048)
def origin_of(url: str) -> Origin | None:
    """The origin of an http(s) URL; None for another scheme, no host, or a port that cannot be
    (remembered for the last URLs asked: the walk asks of every link of every page it reads)."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:  # "http://[::1/", "http://host:99999/"
        return None
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    return Origin(scheme, host, port if port is not None else _DEFAULT_PORTS[scheme])


@dataclass(frozen=True)
class _Allowed:
    """One allowed entry: a host, with a port or on the default ports, with a scheme or either."""

    host: str
    port: int | None
    scheme: str | None

    def admits(self, origin: Origin) -> bool:
        if origin.host != self.host or (self.scheme and origin.scheme != self.scheme):
            return False
        return origin.on_default_port if self.port is None else origin.port == self.port


def parse_allowed(entry: str) -> _Allowed | None:
    """``host``, ``host:port``, ``[v6]:port`` or ``scheme://host[:port]``; None when it is none of them."""
    text = entry.strip().lower().rstrip("/")
    if not text:
        return None
    if "://" in text:
        origin = origin_of(text + "/")
        if origin is None:
            return None
        explicit = urlsplit(text).port is not None
        return _Allowed(origin.host, origin.port if explicit else None, origin.scheme)
    try:
        parts = urlsplit("//" + text)
        host, port = (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return None
    if not host or parts.path or parts.query:
        return None
    return _Allowed(host, port, None)


def _www_twin(host: str, other: str) -> bool:
    return host.removeprefix("www.") == other.removeprefix("www.")


_EXTRACT: Any = None


def registrable_domain(host: str) -> str:
    """``ljxq.gov.cn`` for ``xxgk.ljxq.gov.cn`` (the public-suffix list tldextract bundles, read
    offline); "" for an address, ``localhost`` or a name under no known public suffix."""
    global _EXTRACT
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return ""
    if _EXTRACT is None:
        from tldextract import TLDExtract

        _EXTRACT = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)
    parts = _EXTRACT(host)
    return f"{parts.domain}.{parts.suffix}".lower() if parts.domain and parts.suffix else ""


def same_site(origin: Origin, other: Origin) -> bool:
    """Two host names of one registrable domain, on the same port rule as ``same_portal``."""
    if origin.host == other.host:
        return same_portal(origin, other)
    domain = registrable_domain(origin.host)
    if not domain or domain != registrable_domain(other.host):
        return False
    if origin.port == other.port and origin.scheme == other.scheme:
        return True
    return origin.on_default_port and other.on_default_port


def same_portal(origin: Origin, other: Origin, *, www_twin: bool = False) -> bool:
    """The same origin, or the same host on both schemes' default ports (and, with ``www_twin``,
    the host with or without ``www.``)."""
    if origin.host != other.host and not (www_twin and _www_twin(origin.host, other.host)):
        return False
    if origin.port == other.port and origin.scheme == other.scheme:
        return True
    return origin.on_default_port and other.on_default_port


class Scope:
    """The portal's origins and the allowed ones; grows when the home page lands elsewhere."""

    def __init__(self, start_url: str, allowed: Iterable[str] = ()) -> None:
        start = origin_of(start_url)
        self.origins: list[Origin] = [start] if start is not None else []
        self.allowed: list[_Allowed] = [a for a in map(parse_allowed, allowed) if a is not None]
        #: what ``in_scope`` said of each origin asked, until the portal's origins change
        self._verdicts: dict[Origin, bool] = {}

    def add(self, url: str) -> None:
        """The portal also lives at ``url``'s origin (where its home page landed)."""
        origin = origin_of(url)
        if origin is not None and origin not in self.origins:
            self.origins.append(origin)
            self._verdicts.clear()

    def in_scope(self, url: str) -> bool:
        """May the crawl fetch ``url``?"""
        origin = origin_of(url)
        if origin is None:
            return False
        verdict = self._verdicts.get(origin)
        if verdict is None:
            verdict = self._verdicts[origin] = self.is_portal(origin) or self.is_listed(origin)
        return verdict

    def is_portal(self, origin: Origin) -> bool:
        return any(same_portal(origin, own) or same_site(origin, own) for own in self.origins)

    def is_listed(self, origin: Origin) -> bool:
        """Listed by the user: trusted even on a private address."""
        return any(entry.admits(origin) for entry in self.allowed)

    def redirect_in_scope(self, url: str, source: str) -> bool:
        """A redirect may go where a link may, or to the source's ``www.`` twin on the same port rule."""
        if self.in_scope(url):
            return True
        target, origin = origin_of(url), origin_of(source)
        return target is not None and origin is not None and same_portal(target, origin, www_twin=True)

    @property
    def hosts(self) -> list[str]:
        """Host names of the portal's origins and the allowed entries, for people reading findings."""
        return sorted({o.host for o in self.origins} | {a.host for a in self.allowed})


def strip_credentials(url: str) -> str:
    """``url`` without ``user:password@``: credentials are never sent on, logged or reported."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


def redact_url(text: str) -> str:
    """Any ``scheme://user:password@`` in ``text`` shown as ``scheme://***@`` (logs, errors, reports)."""
    return _CREDENTIALS.sub(r"\1***@", text)


_CREDENTIALS = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s?#]*@")
