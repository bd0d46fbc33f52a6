"""One URL per page: session ids dropped; calendar URLs that differ only in their date grouped.

Java and ASP portals that track sessions in the URL (``;jsessionid=…``, ``?sid=…``,
``/(S(…))/``) give every visit new URLs for the same pages, so a crawl that keys pages by URL reads
them again and again. Calendars (``?date=2021-06-01`` linking to the next day, forever) and
a page of dates is the same trap in another form: each URL is a new page to a crawler, but all of
them are one page to a reader. ``canonical_url`` removes session ids; ``date_family`` names the
family of URLs that differ only in a date, so that a bounded search reads only a few of them.
Other query values (``list.jsp?catid=12``, ``catid=13``) name different columns and are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urldefrag, urlsplit, urlunsplit

#: query parameters that only ever carry a session
SESSION_PARAMS = frozenset(
    {"jsessionid", "phpsessid", "aspsessionid", "sessionid", "session_id", "sessid", "cfid", "cftoken", "zjsessionid"}
)
#: query parameters that carry a session when their value looks like a token (``sid=12`` is often a
#: site or section id, ``sid=3f9a…`` a session)
MAYBE_SESSION_PARAMS = frozenset({"sid", "ssid"})
_TOKEN = re.compile(r"^[0-9A-Za-z_\-.!]{16,}$")
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/?#;]*", re.IGNORECASE)
#: ASP.NET cookieless sessions: /(S(lit3py55t21z5v55vlm25s55))/page.aspx
_ASPNET_SESSION = re.compile(r"/\((?:[A-Z]\([0-9A-Za-z]+\))+\)(?=/)")
#: 2021-06-01, 2021/6/1, 20210601, 2021-06, 202106, 2021年6月1日
_DATE_VALUE = re.compile(
    r"^(?:19|20)\d{2}(?:[-/.年](?:0?[1-9]|1[0-2])(?:[-/.月](?:0?[1-9]|[12]\d|3[01])日?)?"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?)$"
)


def is_session_param(name: str, value: str) -> bool:
    key = name.lower()
    if key in SESSION_PARAMS or key.startswith("aspsessionid"):
        return True
    return key in MAYBE_SESSION_PARAMS and bool(_TOKEN.match(value))


def canonical_url(url: str) -> str:
    """``url`` without session ids in its path or query; the rest is kept byte for byte (a query may
    be percent-encoded GBK, which decoding and re-encoding would garble)."""
    if ";" not in url and "(" not in url and "?" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = _ASPNET_SESSION.sub("", _PATH_SESSION.sub("", parts.path))
    query = parts.query
    if query:
        pieces = [p for p in query.split("&") if p]
        kept = [p for p in pieces if not _is_session_piece(p)]
        if len(kept) != len(pieces):
            query = "&".join(kept)
    if path == parts.path and query == parts.query:
        return url
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment))


def date_family(url: str) -> str | None:
    """``/rl.jsp?date=*`` for ``/rl.jsp?date=2021-06-01`` and every other day; None for a URL whose
    query holds no date."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.query:
        return None
    pieces = []
    dated = False
    for piece in parts.query.split("&"):
        name, sep, value = piece.partition("=")
        if sep and _DATE_VALUE.match(unquote(value)):
            dated = True
            value = "*"
        pieces.append(f"{name}{sep}{value}")
    if not dated:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(pieces), ""))


def _is_session_piece(piece: str) -> bool:
    name, _, value = piece.partition("=")
    return is_session_param(unquote(name), unquote(value))


#: a folder's index page at the end of a path: ``/a/index.html`` is the folder ``/a/``
INDEX_FILE = re.compile(r"/(?:index|default)\.(?:s?html?|jsp|php|aspx?)$", re.IGNORECASE)
#: query parameters that only bust caches or carry a one-time token: the same page whatever they say
VOLATILE_PARAMS = frozenset(
    {"t", "_", "_t", "ts", "tm", "time", "timestamp", "rnd", "rand", "random", "r", "v", "ver", "nocache", "cache",
     "cb", "token", "sign", "signature", "nonce", "_dc"}
)


@lru_cache(maxsize=16384)
def page_key(url: str) -> str:
    """One key per page of a list: a folder and its index page alike, host and path compared in lower case (IIS and most Windows
    hosted portals serve ``INDEX_1.HTML`` and ``index_1.html`` alike), cache-busters and tokens
    (``?t=1700000000``, ``?token=…``) left out, the other query parameters in order. Kept per URL: a
    list's links are keyed again by every reader of the page, and a site's pages repeat them."""
    try:
        parts = urlsplit(canonical_url(url))
    except ValueError:
        return url
    kept = sorted(
        piece for piece in parts.query.split("&")
        if piece and unquote(piece.partition("=")[0]).lower() not in VOLATILE_PARAMS
    )
    path = INDEX_FILE.sub("/", (parts.path or "/").lower())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "&".join(kept), ""))


def same_page(a: str | None, b: str | None) -> bool:
    """Two links to one page: fragments, a trailing index.html and the scheme do not count."""
    if not a or not b:
        return False

    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(urldefrag(url)[0])
        path = re.sub(r"/index\.s?html?$", "/", parts.path)
        return parts.netloc.lower(), path, parts.query

    return key(a) == key(b)
