"""Fixtures of the walker's tests: the bundled sample portal fetched in-process (no sockets).

``portal_fetch`` answers as the portal's loopback server does (``pathaudit.sample_portal.server``):
a directory's index.html, 301 for a directory without its slash (followed, as a client does), the
404 page, single byte ranges, and the planted behaviours that matter without a clock (a page that
answers 500 the first time). Delays are not played: the walk does not depend on time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from auditor.page.answer import Answer
from auditor.specs.loader import load_spec
from pathaudit.sample_portal.model import Portal, Resource
from pathaudit.sample_portal.server import RangeNotSatisfiable, default_portal, parse_range

REPO = Path(__file__).resolve().parents[3]
LIANGJIANG = REPO / "path_specs" / "liangjiang-2021.yaml"
ORIGIN = "http://portal.test"


def portal_fetch(portal: Portal, log: list[tuple[str, dict[str, str]]] | None = None) -> Callable[[str, dict[str, str]], Answer]:
    failed_once: set[str] = set()
    error_once = {portal.key_for(b.url) for b in portal.behaviours if b.kind == "server_error_once"}

    def answer(url: str, resource: Resource, key: str | None, headers: dict[str, str], final: str) -> Answer:
        body = resource.body
        out = {"content-type": resource.content_type, "content-length": str(len(body))}
        if key is None or resource.status != 200:
            return Answer(url, resource.status, out, body, final_url=final)
        try:
            wanted = parse_range(headers.get("Range", ""), len(body))
        except RangeNotSatisfiable:
            return Answer(url, 416, {**out, "content-range": f"bytes */{len(body)}", "content-length": "0"}, b"", final_url=final)
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
            return answer(url, portal.not_found, None, headers, final)
        if key in error_once and key not in failed_once:
            failed_once.add(key)
            return answer(url, portal.server_error, None, headers, final)
        return answer(url, portal.files[key], key, headers, final)

    return fetch


@pytest.fixture(scope="session")
def sample_portal() -> Portal:
    return default_portal()


@pytest.fixture(scope="session")
def liangjiang():
    return load_spec(str(LIANGJIANG))


@pytest.fixture
def fetch_sample(sample_portal: Portal):
    return portal_fetch(sample_portal)


@pytest.fixture(scope="session")
def sample_as_of(sample_portal: Portal) -> dt.date:
    return dt.date.fromisoformat(sample_portal.manifest["as_of"])


@pytest.fixture(scope="session")
def make_portal_fetch():
    return portal_fetch
