"""The walker's page book: each page asked for once, handed to every party waiting for it.

The walk asks for the same page for several reasons at once (a column page is also a page searched
for a sibling's link). The book asks for a URL once while it is outstanding and, when the answer
comes, hands the page to every party in the order they asked. Pages are kept for parties that ask
later, up to ``capacity`` of them: the oldest are forgotten first, and a party asking for a
forgotten page has it fetched again, so memory stays bounded on a large portal without losing
anything. Deliveries run from one queue, never nested, so the walk's order does not depend on
whether a page was known already.

A page kept is not kept whole: its parsed tree (libxml2's nodes and the region of every element,
about ten times its text) is kept only while the page is among the last ``trees`` pages handed to
a party, for the party that reads it again soon after (a search reads a batch of pages together);
beyond that the tree is let go and the page's text, links and lists stay
(``FetchedPage.release_tree``), and a party that reads it later has the text parsed again. So the
trees in memory follow the pages in hand, not every page the walk has read, while which pages are
kept, and so which are asked for again, is what it would be with every tree kept: the crawl's
counts do not depend on when a tree was let go.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable

from auditor.page.answer import FetchedPage
from auditor.page.canonical import canonical_url

#: a party waiting for a page
Consumer = Callable[[FetchedPage], None]


class PageBook:
    def __init__(self, capacity: int = 2000, trees: int = 128) -> None:
        self.capacity = max(1, capacity)
        #: pages handed last whose parsed trees are kept (a party often reads a page again soon after)
        self.trees = max(0, trees)
        #: those pages, by identity, the oldest first
        self._parsed: OrderedDict[int, FetchedPage] = OrderedDict()
        self._pages: OrderedDict[str, FetchedPage] = OrderedDict()
        self._waiting: dict[str, list[Consumer]] = {}
        self._ready: deque[tuple[Consumer, FetchedPage]] = deque()
        self._asks: list[str] = []
        #: answers received (pages read)
        self.fetched = 0
        #: parsed trees let go (a page read again after that is parsed again)
        self.released = 0

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
        self._hold_tree(page)
        self._pages[page.requested_url] = page
        self._pages.move_to_end(page.requested_url)
        if page.ok:  # a soft 404 is one only for the URL asked for, not for where it landed
            self._pages.setdefault(canonical_url(page.url), page)
        while len(self._pages) > self.capacity:
            self._pages.popitem(last=False)
        for consumer in self._waiting.pop(page.requested_url, []):
            self._ready.append((consumer, page))

    def run(self) -> None:
        """Hand every queued page to its party, including those the parties ask for meanwhile;
        then let go of the trees of all but the last ``trees`` pages handed."""
        while self._ready:
            consumer, page = self._ready.popleft()
            self._hold_tree(page)
            consumer(page)
        while len(self._parsed) > self.trees:
            self.released += self._parsed.popitem(last=False)[1].release_tree()

    def _hold_tree(self, page: FetchedPage) -> None:
        self._parsed[id(page)] = page
        self._parsed.move_to_end(id(page))

    @property
    def outstanding(self) -> list[str]:
        """URLs asked for whose answers have not come."""
        return list(self._waiting)
