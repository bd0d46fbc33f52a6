"""The built portal as the server and the tests see it: files by URL path, behaviours and the manifest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode

BehaviourKind = Literal["server_error_once", "slow", "gbk", "refused"]

#: content types by file extension, for the media and attachments the portal serves
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "shtml": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "application/javascript; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "mp4": "video/mp4",
    "mp3": "audio/mpeg",
    "swf": "application/x-shockwave-flash",
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
}


def canonical_target(path: str, query: str) -> str:
    """``path?query`` with the query's parameters sorted, so that their order does not matter."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return f"{path}?{urlencode(pairs, safe='/')}" if pairs else path


@dataclass(frozen=True)
class Resource:
    """One URL's answer: the bytes and the Content-Type header (a GBK page's carries no charset)."""

    body: bytes
    content_type: str
    status: int = 200


@dataclass(frozen=True)
class Behaviour:
    """A URL the server treats specially: 500 on the first request, a delay, 403 every time (a web
    application firewall that blocks the page), or (informational) GBK."""

    kind: BehaviourKind
    url: str
    path: tuple[str, ...]
    delay_seconds: float = 0.0
    note: str = ""


@dataclass
class Portal:
    """Treat as read-only: one built portal may back several servers at once."""

    #: URL path (and query, for the JSON endpoints: ``/api/list?channel=4031``) -> resource;
    #: directory URLs are stored as ``…/index.html``
    files: dict[str, Resource]
    behaviours: list[Behaviour]
    manifest: dict[str, Any]
    as_of: dt.date
    #: the page answered for a URL the portal does not have (status 404)
    not_found: Resource = field(default=Resource(b"", "text/html; charset=utf-8", 404))
    #: the page answered for a planted server error (status 500)
    server_error: Resource = field(default=Resource(b"", "text/html; charset=utf-8", 500))
    #: pages that write absolute links to their own site carry this origin in their place; whoever
    #: serves the portal puts its own origin there (``body_for``)
    origin_token: str | None = None
    #: the page answered for a URL a planted firewall blocks (status 403)
    refused: Resource = field(default=Resource(b"", "text/html; charset=utf-8", 403))

    def key_for(self, target: str) -> str | None:
        """The ``files`` key that answers a request target (a path, maybe with a query), or None.

        A directory answers with its index.html; a query counts only for the endpoints stored with
        one (compared with its parameters sorted), elsewhere it is ignored, as a static server does.
        """
        path, _, query = target.partition("?")
        if query:
            with_query = canonical_target(path, query)
            if with_query in self.files:
                return with_query
        if path.endswith("/"):
            path += "index.html"
        return path if path in self.files else None

    def resource(self, target: str) -> Resource | None:
        key = self.key_for(target)
        return self.files[key] if key is not None else None

    def body_for(self, resource: Resource, origin: str) -> bytes:
        """The bytes to send for ``resource`` when the portal is served at ``origin`` (scheme://host:port)."""
        if self.origin_token is None or not resource.content_type.startswith(("text/", "application/json")):
            return resource.body
        return resource.body.replace(self.origin_token.encode("ascii"), origin.rstrip("/").encode("ascii"))

    @property
    def total_bytes(self) -> int:
        return sum(len(r.body) for r in self.files.values())
