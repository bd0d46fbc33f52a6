"""``GuardedResolver``: the private-address check on the address a name resolves to, at connect time.

``SafeFetchMiddleware`` judges a URL as written: ``http://10.0.0.5/`` and ``http://localhost/`` are
refused there. A *name* is another matter: ``www.portal.gov.cn`` may resolve to 10.x, to
169.254.169.254 (a cloud's metadata service) or to 127.0.0.1, and a check that resolved the name
itself and then let the download resolve it again could be fooled by a DNS answer that changes in
between (DNS rebinding). So the check sits in the resolver the download uses: Twisted's
``HostnameEndpoint`` (Scrapy's HTTP/1.1 handler, through ``twisted.web.client.Agent``) asks
``reactor.nameResolver`` for the addresses and connects to exactly those it is given. This
resolver, installed as ``TWISTED_DNS_RESOLVER``, hands on only the addresses that pass; a name
whose every address is refused resolves to nothing, the connection fails with Twisted's
``DNSLookupError``, and ``refused_address(host)`` tells the walk why (``resolved_private``).

An address passes when it is global, when it is the start URL's own address (an intranet portal, a
test server on 127.0.0.1: its other names may share that address), or when the operator listed the
host (``AUDITOR_ALLOWED_HOSTS``, ``--also-host``). Any other private, loopback, link-local or
metadata address is refused, also for a portal that is itself on a private address. One resolver serves every crawl of a
process (Twisted has one per reactor), so crawls register their hosts (``register_crawl``).

``AUDITOR_RESOLVE`` maps names to addresses without asking DNS (``{"www.portal.gov.cn":
"127.0.0.1"}``, as ``curl --resolve`` does): for a portal reached by an address its DNS does not
give (a staging server), and for tests, which map portal names to 127.0.0.1 with no system file
edited. A mapped address is checked like any other.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IAddress, IHostnameResolver, IHostResolution, IResolutionReceiver
from zope.interface import implementer, provider

logger = logging.getLogger(__name__)

#: resolved addresses kept per name (the crawl asks a few host names, again and again)
_CACHE_SIZE = 10000


def is_public_address(text: str) -> bool:
    """A global unicast address: not private, loopback, link-local (169.254.169.254, the metadata
    service of most clouds), shared (100.64/10, Alibaba Cloud's 100.100.100.200), multicast or
    reserved."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass
class CrawlAddresses:
    """One crawl's say in what its names may resolve to."""

    start_host: str
    #: hosts listed by the operator: trusted on any address
    listed: set[str] = field(default_factory=set)
    #: the start URL's own addresses (its IP literal, or what its name resolved to): the portal's
    #: other names may resolve to them, private or not
    own: set[str] = field(default_factory=set)


_CRAWLS: list[CrawlAddresses] = []
#: name -> the address that was refused for it (the last one), for the walk's reason
_REFUSED: dict[str, str] = {}
#: name -> addresses handed on (the connection uses exactly these)
_RESOLVED: dict[str, list[str]] = {}


def register_crawl(start_host: str, listed: Sequence[str] = ()) -> CrawlAddresses:
    """A crawl of ``start_host`` begins; its start URL's own address (an IP
    literal or ``localhost`` at once, a name when it resolves)."""
    host = start_host.lower().strip("[]").rstrip(".")
    own = {host} if _is_address(host) else set()
    from auditor.walk.scope import parse_allowed

    names = {entry.host for entry in map(parse_allowed, listed) if entry is not None}
    crawl = CrawlAddresses(host, names, own)
    _CRAWLS.append(crawl)
    return crawl


def unregister_crawl(crawl: CrawlAddresses) -> None:
    if crawl in _CRAWLS:
        _CRAWLS.remove(crawl)


def refused_address(host: str) -> str | None:
    """The private address ``host`` resolved to and was refused for, if it was."""
    return _REFUSED.get(host.lower().rstrip("."))


def resolved_addresses(host: str) -> list[str]:
    """The addresses ``host`` was last resolved to (and allowed), for the per-address politeness cap."""
    return list(_RESOLVED.get(host.lower().rstrip("."), []))


def _may_use(host: str, address: str) -> bool:
    if is_public_address(address):
        return True
    name = host.lower().rstrip(".")
    if not _CRAWLS:
        return True  # not a crawl of ours (a tool resolving for itself): nothing to guard
    for crawl in _CRAWLS:
        if name == crawl.start_host:
            crawl.own.add(address)  # the start URL's own address, private or not
            return True
        if name in crawl.listed or address in crawl.own:
            return True
    return False


@functools.lru_cache(maxsize=1024)
def _is_address(text: str) -> bool:
    """Kept per name: every request of a crawl asks it of the same few hosts."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def cancel(self) -> None:  # pragma: no cover - Twisted never cancels a resolution it started
        pass


@provider(IResolutionReceiver)
class _Filter:
    """Collects what the system resolver found, hands on the addresses that pass."""

    def __init__(self, receiver: Any, host: str, port: int) -> None:
        self.receiver = receiver
        self.host = host
        self.port = port
        self.addresses: list[IAddress] = []

    def resolutionBegan(self, resolution: IHostResolution) -> None:  # noqa: N802 - Twisted's names
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address: IAddress) -> None:  # noqa: N802
        self.addresses.append(address)

    def resolutionComplete(self) -> None:  # noqa: N802
        _deliver(self.receiver, self.host, [getattr(a, "host", "") for a in self.addresses], self.port, began=True)


def _deliver(receiver: Any, host: str, addresses: list[str], port: int, *, began: bool) -> None:
    if not began:
        receiver.resolutionBegan(_Resolution(host))
    name = host.lower().rstrip(".")
    allowed = [a for a in dict.fromkeys(addresses) if a and _may_use(name, a)]
    refused = [a for a in addresses if a and a not in allowed]
    if refused:
        _REFUSED[name] = refused[0]
        logger.warning("PathAudit: %s resolves to %s, a private or local address: not connecting there",
                       host, ", ".join(refused[:3]))
    if allowed:
        if len(_RESOLVED) > _CACHE_SIZE:
            _RESOLVED.clear()
        _RESOLVED[name] = allowed
    for address in allowed:
        kind = IPv6Address if ":" in address else IPv4Address
        receiver.addressResolved(kind("TCP", address, port))
    receiver.resolutionComplete()


@implementer(IHostnameResolver)
class GuardedResolver:
    """The reactor's name resolver for a crawl: static names first, then the system's; every
    address checked before the connection may use it."""

    def __init__(self, reactor: Any, static: dict[str, str]) -> None:
        self.reactor = reactor
        self.original = reactor.nameResolver
        self.static = {name.lower().rstrip("."): address for name, address in static.items()}

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        return cls(reactor, static_names(crawler.settings.get("AUDITOR_RESOLVE")))

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def resolveHostName(  # noqa: N802 - Twisted's interface
        self,
        resolutionReceiver: Any,  # noqa: N803
        hostName: str,  # noqa: N803
        portNumber: int = 0,  # noqa: N803
        addressTypes: Sequence[type[IAddress]] | None = None,  # noqa: N803
        transportSemantics: str = "TCP",  # noqa: N803
    ) -> Any:
        name = hostName.lower().rstrip(".")
        if name in self.static:
            _deliver(resolutionReceiver, hostName, [self.static[name]], portNumber, began=False)
            return resolutionReceiver
        return self.original.resolveHostName(
            _Filter(resolutionReceiver, hostName, portNumber), hostName, portNumber, addressTypes, transportSemantics
        )


def static_names(raw: Any) -> dict[str, str]:
    """``AUDITOR_RESOLVE``: a dict, JSON text, or ``name=address,name=address``; each address checked."""
    if not raw:
        return {}
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("{"):
            raw = json.loads(text)
        else:
            raw = dict(part.split("=", 1) for part in text.split(",") if "=" in part)
    result = {}
    for name, address in dict(raw).items():
        ipaddress.ip_address(str(address).strip())  # raises ValueError for anything but an address
        result[str(name).strip()] = str(address).strip()
    return result


@provider(IResolutionReceiver)
class _Collect:
    """Receives a resolution's addresses into a Deferred (``addresses_of``)."""

    def __init__(self, done: Any) -> None:
        self.done = done
        self.found: list[str] = []

    def resolutionBegan(self, resolution: IHostResolution) -> None:  # noqa: N802
        pass

    def addressResolved(self, address: IAddress) -> None:  # noqa: N802
        self.found.append(getattr(address, "host", ""))

    def resolutionComplete(self) -> None:  # noqa: N802
        if not self.done.called:
            self.done.callback(self.found)


def known_addresses(host: str) -> list[str] | None:
    """The addresses ``host`` may be connected to when known without resolving (an address literal
    is its own; a name resolved before and allowed), else None: ``addresses_of`` without a Deferred."""
    name = host.lower().strip("[]").rstrip(".")
    if _is_address(name):
        return [name]
    known = _RESOLVED.get(name)
    return list(known) if known else None


def addresses_of(host: str) -> Any:
    """A Deferred of the addresses ``host`` may be connected to (through the reactor's resolver:
    this one, with its checks); an address literal is its own. For the per-address politeness cap
    (``spiders.host_limit``), which must know the address before the request takes a place."""
    from twisted.internet import defer, reactor

    known = known_addresses(host)
    if known is not None:
        return defer.succeed(known)
    name = host.lower().strip("[]").rstrip(".")
    done: Any = defer.Deferred()
    try:
        reactor.nameResolver.resolveHostName(_Collect(done), name, 0)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no address known: the download says why it cannot connect
        if not done.called:
            done.callback([])
    return done
