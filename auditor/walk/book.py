"""The walker's page book: each page asked for once, handed to every party waiting for it.

The walk asks for the same page for several reasons at once (a column page is also a page searched
for a sibling's link). The book asks for a URL once while it is outstanding and, when the answer
comes, hands the page to every party in the order they asked. Pages are kept for parties that ask
later, up to ``capacity`` of them: the oldest are forgotten first, and a party asking for a
forgotten page has it fetched again, so memory stays bounded on a large portal without losing
anything. Deliveries run from one queue, never nested, so the walk's order does not depend on
whether a page was known already.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable

from auditor.page.answer import FetchedPage
from auditor.page.canonical import canonical_url

#: a party waiting for a page
Consumer = Callable[[FetchedPage], None]


class PageBook:
    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = max(1, capacity)
        self._pages: OrderedDict[str, FetchedPage] = OrderedDict()
        self._waiting: dict[str, list[Consumer]] = {}
        self._ready: deque[tuple[Consumer, FetchedPage]] = deque()
        self._asks: list[str] = []
        #: answers received (pages read)
        self.fetched = 0

    def want(self, url: str, consumer: Consumer) -> None:
        """Ask for ``url``: the consumer gets the page when it is known or comes."""
        url = canonical_url(url)
        page = self._pages.get(url)
        if page is not None:
            self._pages.move_to_end(url)
            self._ready.append((consumer, page))
            return
        if url in self._waiting:
            self._waiting[url].append(consumer)
            return
        self._waiting[url] = [consumer]
        self._asks.append(url)

    def take_asks(self) -> list[str]:
        """URLs to fetch now (each asked for once until its answer comes)."""
        asks, self._asks = self._asks, []
        return asks

    def arrived(self, page: FetchedPage) -> None:
        """A page came: remember it and queue it for everyone waiting for it."""
        self.fetched += 1
        self._pages[page.requested_url] = page
        self._pages.move_to_end(page.requested_url)
        if page.ok:  # a soft 404 is one only for the URL asked for, not for where it landed
            self._pages.setdefault(canonical_url(page.url), page)
        while len(self._pages) > self.capacity:
            self._pages.popitem(last=False)
        for consumer in self._waiting.pop(page.requested_url, []):
            self._ready.append((consumer, page))

    def run(self) -> None:
        """Hand every queued page to its party, including those the parties ask for meanwhile."""
        while self._ready:
            consumer, page = self._ready.popleft()
            consumer(page)

    @property
    def outstanding(self) -> list[str]:
        """URLs asked for whose answers have not come."""
        return list(self._waiting)
