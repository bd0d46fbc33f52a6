"""``PerHostLimitMiddleware``: never more requests in flight to one host than the setting allows.

Scrapy's downloader alone does not hold ``CONCURRENT_REQUESTS_PER_DOMAIN`` under the asyncio
reactor when no download delay is set (AutoThrottle off): ``Downloader._process_queue`` hands
every queued request of a slot to a coroutine that only *later* marks it as transferring, so the
loop that checks for free transfer slots empties the whole queue at once (Scrapy 2.19: 63 requests
in flight to one host with a limit of 1). A small government server must not depend on that
accident, so the limit is enforced here, before a request reaches the slot queue: each host has a
gate of its concurrency, passed in ``process_request`` and given back when the transfer ends (the
downloader's ``request_left_downloader`` signal, sent whatever the outcome). Requests waiting at a
gate go through by their Scrapy priority (then in arrival order), as they would leave the scheduler:
the walk's pages before the media it found.

The concurrency of a host is the one Scrapy would give its slot: ``DOWNLOAD_SLOTS[key]
["concurrency"]``, else ``CONCURRENT_REQUESTS_PER_IP``, else ``CONCURRENT_REQUESTS_PER_DOMAIN``;
the key is the request's ``download_slot`` or its host name, as for Scrapy's slots. The middleware
sits after the HTTP cache, so an answer replayed from the cache takes no place.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from typing import Any

from scrapy import Request, signals
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from spiders.resolver import addresses_of, known_addresses

#: the request's meta key that says which host's place it holds while it is transferred
PERMIT_META = "_pathaudit_host_permit"


_ARRIVAL = itertools.count()


@dataclass
class HostGate:
    """One host's places: at most ``places`` requests pass at once; the others wait by priority."""

    places: int
    in_flight: int = 0
    max_in_flight: int = 0
    waiting: list[tuple[int, int, Deferred[None]]] = field(default_factory=list)

    def enter(self, priority: int) -> Deferred[None] | None:
        """None when a place is free (taken at once, nothing to wait for: most requests of a crawl
        find one, and a Deferred awaited from a coroutine costs a Future each); else the Deferred
        that fires when this request's turn comes."""
        if self.in_flight < self.places and not self.waiting:
            self._take()
            return None
        passed: Deferred[None] = Deferred()
        heapq.heappush(self.waiting, (-priority, next(_ARRIVAL), passed))
        return passed

    def leave(self) -> None:
        self.in_flight -= 1
        while self.waiting and self.in_flight < self.places:
            self._take()
            heapq.heappop(self.waiting)[2].callback(None)

    def _take(self) -> None:
        self.in_flight += 1
        if self.in_flight > self.max_in_flight:
            self.max_in_flight = self.in_flight


@dataclass
class PerHostLimitMiddleware:
    """A gate per download slot (host), holding its concurrency exactly."""

    default_concurrency: int
    slot_concurrency: dict[str, int] = field(default_factory=dict)
    stats: Any = None
    gates: dict[str, HostGate] = field(default_factory=dict)
    #: the most in flight at one gate told to the stats so far (told again only when it grows)
    _reported: int = field(default=0, init=False, repr=False)

    @classmethod
    def from_crawler(cls, crawler: Any) -> PerHostLimitMiddleware:
        settings = crawler.settings
        default = settings.getint("CONCURRENT_REQUESTS_PER_IP") or settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        slots = {
            key: int(value["concurrency"])
            for key, value in (settings.getdict("DOWNLOAD_SLOTS") or {}).items()
            if isinstance(value, dict) and "concurrency" in value
        }
        middleware = cls(default_concurrency=max(1, default), slot_concurrency=slots, stats=crawler.stats)
        crawler.signals.connect(middleware.request_left_downloader, signal=signals.request_left_downloader)
        return middleware

    @staticmethod
    def slot_key(request: Request) -> str:
        return request.meta.get("download_slot") or (urlparse_cached(request).hostname or "")

    async def process_request(self, request: Request) -> None:
        """Take a place at the host name's gate, then at the gate of the address it resolves to:
        a portal's names (``www.``, ``xxgk.``) on one server share that server's places. Gates are
        always taken in this order (name, then address), so two requests never wait on each other.
        Nothing is awaited when the address is known and a place is free (most requests)."""
        key = self.slot_key(request)
        keys = [key]
        if "download_slot" not in request.meta:
            host = (urlparse_cached(request).hostname or "").lower()
            addresses = known_addresses(host)
            if addresses is None:
                addresses = await maybe_deferred_to_future(addresses_of(host))
            if addresses:
                first = min(addresses)
                if first != host:
                    keys.append(f"@{first}")
        held: list[str] = []
        request.meta[PERMIT_META] = held  # the places held so far, given back when the request leaves
        for name in keys:
            gate = self.gate(name)
            turn = gate.enter(request.priority)
            if turn is not None:
                await maybe_deferred_to_future(turn)
            held.append(name)
            if self.stats is not None and gate.max_in_flight > self._reported:
                self._reported = gate.max_in_flight
                self.stats.max_value("pathaudit/host_max_in_flight", gate.max_in_flight)
        return None

    def gate(self, key: str) -> HostGate:
        if key not in self.gates:
            concurrency = self.slot_concurrency.get(key.removeprefix("@"), self.default_concurrency)
            self.gates[key] = HostGate(max(1, concurrency))
        return self.gates[key]

    def request_left_downloader(self, request: Request, spider: Any = None) -> None:
        keys = request.meta.pop(PERMIT_META, None)
        for key in [keys] if isinstance(keys, str) else keys or []:
            if key in self.gates:
                self.gates[key].leave()
