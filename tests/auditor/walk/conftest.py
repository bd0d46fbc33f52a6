"""Fixtures of the walker's tests: the bundled sample portal fetched in-process (no sockets).

``portal_fetch`` (``portal_lab.fetch``) answers as the portal's loopback server does (``pathaudit.loopback.server``):
a directory's index.html, 301 for a directory without its slash (followed, as a client does), the
404 page, single byte ranges, and the planted behaviours that matter without a clock (a page that
answers 500 the first time). Delays are not played: the walk does not depend on time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from auditor.page.answer import Answer
from auditor.specs.loader import load_spec
from portal_lab.fetch import portal_fetch
from pathaudit.loopback.model import Portal
from sample_portal.server import default_portal

REPO = Path(__file__).resolve().parents[3]
LIANGJIANG = REPO / "path_specs" / "liangjiang-2021.yaml"
ORIGIN = "http://portal.test"


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


# --- small hand-written sites -------------------------------------------------------------------
SITE = "http://site.test"


def html_page(title: str, body: str, crumbs: str = "") -> str:
    """A portal page in a common shape: header, optional breadcrumb, the given body, footer."""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<div class='header'><a href='/'>首页</a></div>"
        f"{crumbs}<div class='main'>{body}</div>"
        f"<div class='footer'>版权所有</div></body></html>"
    )


def list_body(prefix: str, count: int, date: str = "2021-11-20") -> str:
    rows = "".join(
        f"<li><a href='{prefix}202111/t20211120_{prefix.strip('/').replace('/', '')}{n}.html'>第{n}条通知</a>"
        f"<span>{date}</span></li>"
        for n in range(count)
    )
    return f"<ul class='list'>{rows}</ul>"


class Site:
    """Pages by path, answered in-process; any other path is a 404. ``refuse`` paths answer 503."""

    def __init__(self, pages: dict[str, str], refuse: tuple[str, ...] = ()) -> None:
        self.pages = pages
        self.refuse = set(refuse)
        self.log: list[str] = []

    def __call__(self, url: str, headers: dict[str, str]) -> Answer:
        path = urlsplit(url).path or "/"
        self.log.append(path)
        if path in self.refuse:
            return Answer(url, 503, {"content-type": "text/html; charset=utf-8"}, b"<html><body>busy</body></html>")
        html = self.pages.get(path)
        if html is None:
            return Answer(url, 404, {"content-type": "text/html; charset=utf-8"}, b"<html><title>404</title></html>")
        return Answer(url, 200, {"content-type": "text/html; charset=utf-8"}, html.encode("utf-8"))


@pytest.fixture
def write_spec(tmp_path):
    """``write_spec(entries_yaml)``: a spec file with these entries, loaded."""

    def write(entries: str):
        text = "mandate:\n  id: t\n  title: 测试\nentries:\n" + entries
        path = tmp_path / "spec.yaml"
        path.write_text(text, encoding="utf-8")
        return load_spec(str(path))

    return write
