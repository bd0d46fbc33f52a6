"""A page as a person sees it: with the documents of its frames and iframes, and its site map.

A browser draws a frameset's frames and a page's iframes as one page: the menu in the left frame
and the sub-column list in an iframe are links of the page a person reads. The walk reads them the
same way: before a page is handed to the party that asked for it, the documents of its frames are
fetched (once, in scope, pages only, a few per page) and their links are added to the page's own.
A frame whose document did not come (refused) is remembered, so a search that needed it says so
instead of calling a column missing.

The site map (网站地图) is the portal's own list of its columns: found on the home page by its
name, it is the last page a search reads before it gives up on a column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from auditor.page.answer import FetchedPage
from auditor.page.canonical import canonical_url
from auditor.page.links import clean_link_name
from auditor.page.urlshapes import media_kind_of
from auditor.walk.book import PageBook

#: frames read per page at most: a page of twenty embedded players is not a frameset
MAX_FRAMES = 4
#: the names a portal gives its site map link
SITE_MAP_NAMES = frozenset({"网站地图", "站点地图"})

Consumer = Callable[[FetchedPage], None]


@dataclass
class _Framed:
    """A page whose frames are being read, and the parties waiting for it whole."""

    page: FetchedPage
    waiting: list[Consumer]
    frames: dict[str, FetchedPage | None] = field(default_factory=dict)
    #: frame URLs whose answers came
    came: set[str] = field(default_factory=set)


def frame_sources(page: FetchedPage) -> list[str]:
    """The absolute URLs of the documents of ``page``'s frames and iframes, in document order."""
    doc = page.doc
    if doc is None:
        return []
    out: list[str] = []
    for element in doc.root.iter("frame", "iframe"):
        url = doc.absolute(element.get("src"))
        if url and url != page.url and media_kind_of(url) is None and url not in out:
            out.append(url)
    return out[:MAX_FRAMES]


def site_map_url(page: FetchedPage) -> str | None:
    """The page's link to the site's map (网站地图), if it shows one."""
    for link in page.links:
        if clean_link_name(link.label) in SITE_MAP_NAMES and link.url != page.url:
            return link.url
    return None


class FrameReader:
    """Hands each page to its parties with its frames' links added (each page's frames read once)."""

    def __init__(self, book: PageBook, allowed: Callable[[str], bool]) -> None:
        self.book = book
        self.allowed = allowed
        #: pages whose frames have been read: page URL -> frame URL -> frame page (None: not usable)
        self.read: dict[str, dict[str, FetchedPage | None]] = {}
        self._pending: dict[str, _Framed] = {}

    def whole(self, consumer: Consumer, page: FetchedPage) -> None:
        """Give ``page`` to ``consumer`` once its frames' documents are read into it."""
        if not page.ok or page.url in self.read or page.doc is None:  # known frames: no tree needed
            consumer(page)
            return
        framed = self._pending.get(page.url)
        if framed is not None:
            framed.waiting.append(consumer)
            return
        sources = [canonical_url(u) for u in frame_sources(page) if self.allowed(u)]
        if not sources:
            self.read[page.url] = {}
            consumer(page)
            return
        framed = _Framed(page, [consumer])
        self._pending[page.url] = framed
        for url in sources:
            framed.frames[url] = None
        for url in sources:
            self.book.want(url, partial(self._arrived, framed, url))

    def unread(self, page: FetchedPage) -> list[str]:
        """Frames of ``page`` whose documents could not be read."""
        return [url for url, frame in self.read.get(page.url, {}).items() if frame is None]

    def frame_pages(self, page: FetchedPage) -> list[FetchedPage]:
        return [frame for frame in self.read.get(page.url, {}).values() if frame is not None]

    def _arrived(self, framed: _Framed, url: str, frame: FetchedPage) -> None:
        framed.frames[url] = frame if frame.ok and frame.doc is not None else None
        framed.came.add(url)
        if len(framed.came) < len(framed.frames):
            return
        page = framed.page
        links = list(page.links)
        for frame_page in (f for f in framed.frames.values() if f is not None):
            base = len(links)
            links.extend(replace(link, order=base + link.order) for link in frame_page.links if link.url != page.url)
        page._links = links
        self.read[page.url] = dict(framed.frames)
        del self._pending[page.url]
        for consumer in framed.waiting:
            consumer(page)
