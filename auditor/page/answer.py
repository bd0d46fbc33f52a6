"""What a server answered, and the one judgment of it: is this the page asked for, and if not, why.

An ``Answer`` is plain data (status, headers, body bytes, where it landed, or the code of the error
that stopped it) so the same judgment serves the Scrapy spider, which converts its responses and
failures into answers, and the in-process driver, which gets them from a function. ``judge_answer``
decodes the text (charset repaired), parses it once into the ``auditor.page.tree.Page`` every reader
shares, and says what it is: a usable page, or one with a readable reason. ``refused`` marks answers
that prove nothing about the column (the server or a guard stood in the way); ``soft_404`` marks a
page that says it does not exist.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode, resolve_encoding

from auditor.page.article import Article, ArticleHead, ArticleShape, article_shape, read_article, read_head
from auditor.page.canonical import canonical_url
from auditor.page.charset import repair_decoding
from auditor.page.links import Link, page_links
from auditor.page.listing import read_listing
from auditor.model.observations import Listing
from auditor.model.reasons import Reason
from auditor.page.page_state import REFUSING_KINDS, judge_document, redirect_soft_404
from auditor.page.tree import Page as Document

#: error codes an answer that never came carries (``Answer.error``), and their reason codes
#: (``auditor.model.reasons``); these count the retries made before giving up
ERROR_CODES: dict[str, str] = {
    "timeout": "timeout",
    "connection_refused": "connection_refused",
    "connection_failed": "connection_failed",
    "connection_reset": "connection_reset",
    "dataloss": "connection_dropped",
    "dns": "dns_failed",
}

#: statuses that say the server or a guard refused, not that the page is absent
REFUSING_STATUSES = frozenset({401, 403, 407, 408, 412, 429, 451, 521})
_STATUS_NOTES = {
    401: "login required",
    403: "access refused",
    407: "proxy login required",
    412: "refused, usually an anti-bot guard",
    429: "too many requests",
    451: "unavailable for legal reasons",
    521: "refused, usually an anti-bot guard",
}
_TEXT_TYPES = frozenset(
    {"application/xhtml+xml", "application/vnd.wap.xhtml+xml", "application/xml", "application/json",
     "application/x-json", "application/javascript", "application/x-javascript", "application/atom+xml",
     "application/rss+xml", "application/rdf+xml"}
)


@dataclass(frozen=True)
class Answer:
    """One answer to a request for ``url``: what came back, or why nothing did."""

    #: the URL asked for (session ids removed: ``canonical_url``)
    url: str
    status: int | None = None
    #: response headers, names in lower case
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    #: where the request landed after redirects (None: where it was asked)
    final_url: str | None = None
    #: why no answer came: a key of ``ERROR_CODES``, or ``robots``, ``redirect_loop``,
    #: ``too_many_redirects``, ``redirect_not_followed``, ``size_cap``, ``refused`` (a crawl
    #: guard), ``failed`` (anything else); None when the server answered
    error: str | None = None
    #: what the error code leaves open: the guard's message, the redirect count, the size cap in
    #: bytes, the exception's name
    error_detail: str | None = None
    #: the reason itself when the fetcher knows it precisely (a guard's refusal, a garbled status
    #: line, a compressed answer that cannot be or may not be decoded)
    error_reason: Reason | None = None
    retries: int = 0
    #: the request reached ``final_url`` through a ``<meta http-equiv=refresh>``
    meta_refresh: bool = False
    #: the reader stopped the download after the bytes it wanted (the body is not the whole file)
    cut_short: bool = False

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass
class FetchedPage:
    """A fetched page as the walk sees it: judged, and parsed once (``doc``).

    The parsed tree is the heavy part of a page (libxml2's nodes, the regions of every element):
    a holder that no longer reads the page lets it go (``release_tree``) and keeps the text, the
    links and the lists read from it; a reader that asks for ``doc`` again has the text parsed
    again, into the same tree, so what is read does not depend on when a tree was let go."""

    url: str
    requested_url: str
    ok: bool
    status: int | None = None
    content_type: str | None = None
    #: why the page could not be used (HTTP 404, timeout, not HTML, anti-bot challenge, …)
    reason: Reason | None = None
    #: the server or a guard refused or failed (5xx, time-out, reset, challenge, maintenance,
    #: robots.txt, size cap): absence cannot be concluded from it
    refused: bool = False
    #: the page says it does not exist (or sent the crawler to the home page or the parent column)
    soft_404: bool = False
    #: the parsed document every reader shares (None when the page is not usable): ``doc``
    _doc: Document | None = field(default=None, repr=False)
    _links: list[Link] | None = field(default=None, repr=False)
    _listings: dict[object, Listing] = field(default_factory=dict, repr=False)
    _heads: dict[object, ArticleHead] = field(default_factory=dict, repr=False)
    _articles: dict[object, Article] = field(default_factory=dict, repr=False)
    _shapes: dict[object, ArticleShape] = field(default_factory=dict, repr=False)
    #: what walk-side readers derived from the page (its own name, its breadcrumb), by reader: the
    #: census looks again at every page the walk read, and reuses what the walk worked out
    derived: dict[object, object] = field(default_factory=dict, repr=False)
    #: the text of a page whose tree was let go, parsed again when ``doc`` is read
    _source: str | None = field(default=None, repr=False)

    @property
    def doc(self) -> Document | None:
        if self._doc is None and self._source is not None:
            self._doc = Document.parse(self._source, self.url)
        return self._doc

    def release_tree(self) -> bool:
        """Let the parsed tree go, keeping its text to parse again; True if a tree was held."""
        if self._doc is None:
            return False
        self._source, self._doc = self._doc.source, None
        return True

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def text(self) -> str | None:
        return self._doc.source if self._doc is not None else self._source

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = page_links(self.doc) if self.doc is not None else []
        return self._links

    def listing(self, as_of: object) -> Listing:
        """The column list the page shows (``auditor.page.listing``), read once per as-of date and
        shared by every reader: nobody changes it (the walk keeps what it learns of a column's list
        beside it, ``auditor.walk.reading.ColumnVisit``)."""
        if as_of not in self._listings:
            assert self.doc is not None
            self._listings[as_of] = read_listing(self.doc, as_of)  # type: ignore[arg-type]
        return self._listings[as_of]

    def article(self, as_of: object) -> Article:
        """The page read as an article (``auditor.page.article.read_article``), once per as-of date
        and shared like ``listing``: the walk and the census both ask what a page is, and the census
        reads many of the walk's pages again."""
        if as_of not in self._articles:
            assert self.doc is not None
            self._articles[as_of] = read_article(self.doc, as_of, self.article_head(as_of))  # type: ignore[arg-type]
        return self._articles[as_of]

    def article_head(self, as_of: object) -> ArticleHead:
        """The page's title, date and text (``auditor.page.article.read_head``), once per as-of date:
        all that weighing what the page is needs (its media are not read for it)."""
        if as_of not in self._heads:
            assert self.doc is not None
            self._heads[as_of] = read_head(self.doc, as_of)  # type: ignore[arg-type]
        return self._heads[as_of]

    def article_shape(self, as_of: object) -> ArticleShape:
        """What the page's structure says it is (``auditor.page.article.article_shape``), weighed
        once per as-of date with the page's own article reading and list."""
        if as_of not in self._shapes:
            assert self.doc is not None
            entries = [item.url for item in self.listing(as_of).items if item.url]
            self._shapes[as_of] = article_shape(self.doc, self.article_head(as_of), entries, as_of)  # type: ignore[arg-type]
        return self._shapes[as_of]


def judge_answer(answer: Answer, home_urls: Collection[str] = ()) -> FetchedPage:
    """Judge an answer: its status, its type, its text, and what it really is. ``home_urls`` are
    the walk's home page (as asked for and as landed on): a redirect there is a soft 404."""
    requested = answer.url
    if answer.error is not None:
        return FetchedPage(requested, requested, False, answer.status, reason=error_reason(answer), refused=True)
    landed = canonical_url(answer.final_url or answer.url)
    status = answer.status or 0
    content_type = answer.header("content-type") or None
    text = decoded_text(answer)

    def not_ok(reason: Reason, *, refused: bool = True, soft_404: bool = False) -> FetchedPage:
        return FetchedPage(landed, requested, False, status, content_type, reason, refused, soft_404)

    doc = Document.parse(text, landed) if text else None
    state = judge_document(doc, status) if doc is not None else None
    if state is not None and state.kind in REFUSING_KINDS:
        return not_ok(state.reason or Reason("unknown"))
    if status >= 400:
        return not_ok(status_reason(status, answer.retries), refused=status >= 500 or status in REFUSING_STATUSES)
    if 300 <= status < 400:
        return not_ok(Reason("redirect_not_followed", status=status))
    if status == 204 or not answer.body.strip():
        # nothing to read (204 No Content, or a 200 with an empty body): the page says nothing
        # about its columns, so none of them is missing because of it
        return not_ok(Reason("empty_answer", status=status))
    if text is None:
        return not_ok(Reason("not_html"), refused=False)
    if state is not None and state.kind == "soft_404":
        return not_ok(state.reason or Reason("soft_404"), refused=False, soft_404=True)
    if requested not in home_urls:
        moved = redirect_soft_404(requested, landed, via_meta_refresh=answer.meta_refresh, home_urls=home_urls)
        if moved is not None:
            return not_ok(moved, refused=False, soft_404=True)
    return FetchedPage(landed, requested, True, status, content_type, _doc=doc)


def status_reason(status: int, retries: int = 0) -> Reason:
    note = _STATUS_NOTES.get(status)
    if note:
        return Reason("http_refused", status=status, note=note, retries=retries or None)
    return Reason("http_error", status=status, retries=retries or None)


def error_reason(answer: Answer) -> Reason:
    """Why an answer never came, as a reason code (``auditor.model.reasons``)."""
    code, detail, retries = answer.error, answer.error_detail, answer.retries or None
    if answer.error_reason is not None:
        return answer.error_reason.with_facts(retries=retries) if retries else answer.error_reason
    if code in ERROR_CODES:
        return Reason(ERROR_CODES[code], retries=retries)
    if code == "robots":
        return Reason("robots_disallowed")
    if code == "redirect_loop":
        return Reason("redirect_loop")
    if code == "too_many_redirects":
        return Reason("too_many_redirects", count=int(detail) if detail and detail.isdigit() else None)
    if code == "redirect_not_followed":
        return Reason("redirect_not_followed", status=answer.status)
    if code == "size_cap":
        return size_reason(int(detail) if detail and detail.isdigit() else None)
    if code == "refused":
        return Reason("request_refused")
    return Reason("download_failed", name=detail or code or "failed", retries=retries)


def size_reason(limit: int | None) -> Reason:
    if not limit:
        return Reason("download_cancelled")
    return Reason("page_too_large", size=megabytes(limit))


def megabytes(limit: int) -> str:
    """``32 MB``, ``0.5 MB``: a byte cap as an inspector reads it."""
    size = limit / (1024 * 1024)
    shown = f"{size:.0f}" if size >= 1 and size == int(size) else f"{size:.2g}"
    return f"{shown} MB"


# --- text ----------------------------------------------------------------------------------------
def is_text(answer: Answer) -> bool:
    """Is the body text (a page, a script, a feed), as Scrapy's response types decide: by the
    Content-Type, else by the URL's extension, else by the bytes."""
    if answer.header("content-encoding"):
        return False
    content_type = (answer.header("content-type") or "").split(";")[0].strip().lower()
    if content_type:
        return content_type.startswith("text/") or content_type in _TEXT_TYPES
    guessed, encoding = mimetypes.guess_type(urlsplit(answer.final_url or answer.url).path)
    if guessed and not encoding:
        return guessed.startswith("text/") or guessed in _TEXT_TYPES
    chunk = answer.body[:5000]
    return not any(byte < 9 or 13 < byte < 32 for byte in chunk)


def decoded_text(answer: Answer) -> str | None:
    """The body's text, decoded right even when the server names the wrong charset; None for a
    body that is no text."""
    if not is_text(answer):
        return None
    content_type = answer.header("content-type") or ""
    encoding, text = html_to_unicode(content_type, answer.body, auto_detect_fun=_auto_detect, default_encoding="ascii")
    return repair_decoding(answer.body, text, encoding).text


def _auto_detect(body: bytes) -> str | None:
    """The charset of a body that declares none: ASCII, UTF-8, else the best statistical guess
    (as Scrapy's responses guess)."""
    for encoding in ("ascii", "utf-8"):
        try:
            body.decode(encoding)
        except UnicodeError:
            continue
        return resolve_encoding(encoding)
    match = from_bytes(body).best()
    return resolve_encoding(match.encoding) if match else None
