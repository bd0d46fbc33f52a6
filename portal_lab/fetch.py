"""``portal_fetch(portal)``: a fetch over a built portal's resources, in-process (no sockets), for
``auditor.walk.drive.walk_site``.

It answers as the loopback server does (``pathaudit.loopback.server``): a directory's
index.html, 301 for a directory without its slash (followed, as a client does: ``final_url``), the
404 page, single byte ranges (206/416), absolute self-links written with the origin asked for, and
the behaviours that matter without a clock (a page that answers 500 the first time, a page a
firewall refuses with 403). Delays are not
played: the walk does not depend on time.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from auditor.page.answer import Answer
from pathaudit.loopback.model import Portal, Resource
from pathaudit.loopback.server import RangeNotSatisfiable, parse_range

Fetch = Callable[[str, dict[str, str]], Answer]


def portal_fetch(portal: Portal, log: list[tuple[str, dict[str, str]]] | None = None) -> Fetch:
    """A ``fetch(url, headers) -> Answer`` over ``portal``; every call appends to ``log`` if given.

    Each fetch keeps its own state (which page already failed once), as each server does."""
    failed_once: set[str] = set()
    error_once = {portal.key_for(b.url) for b in portal.behaviours if b.kind == "server_error_once"}
    refused = {portal.key_for(b.url) for b in portal.behaviours if b.kind == "refused"}

    def answer(url: str, resource: Resource, ranged: bool, headers: dict[str, str], final: str) -> Answer:
        split = urlsplit(final)
        body = portal.body_for(resource, f"{split.scheme}://{split.netloc}")
        out = {"content-type": resource.content_type, "content-length": str(len(body))}
        if not ranged or resource.status != 200:
            return Answer(url, resource.status, out, body, final_url=final)
        wanted_header = next((v for k, v in headers.items() if k.lower() == "range"), "")
        try:
            wanted = parse_range(wanted_header, len(body))
        except RangeNotSatisfiable:
            return Answer(url, 416, {**out, "content-range": f"bytes */{len(body)}", "content-length": "0"}, b"",
                          final_url=final)
        if wanted is None:
            return Answer(url, 200, out, body, final_url=final)
        first, last = wanted
        part = body[first : last + 1]
        out.update({"content-range": f"bytes {first}-{last}/{len(body)}", "content-length": str(len(part))})
        return Answer(url, 206, out, part, final_url=final)

    def fetch(url: str, headers: dict[str, str]) -> Answer:
        if log is not None:
            log.append((url, dict(headers)))
        split = urlsplit(url)
        path = unquote(split.path) or "/"
        target = f"{path}?{split.query}" if split.query else path
        key = portal.key_for(target)
        final = url
        if key is None and not path.endswith("/") and portal.key_for(path + "/") is not None:
            final = f"{split.scheme}://{split.netloc}{path}/"
            key = portal.key_for(path + "/")
        if key is None:
            return answer(url, portal.not_found, False, headers, final)
        if key in refused:
            return answer(url, portal.refused, False, headers, final)
        if key in error_once and key not in failed_once:
            failed_once.add(key)
            return answer(url, portal.server_error, False, headers, final)
        return answer(url, portal.files[key], True, headers, final)

    return fetch
