"""Fixtures of the walker's tests: the bundled sample portal fetched in-process (no sockets).

``portal_fetch`` (``pathaudit.sample_portal.fetch``) answers as the portal's loopback server does (``pathaudit.sample_portal.server``):
a directory's index.html, 301 for a directory without its slash (followed, as a client does), the
404 page, single byte ranges, and the planted behaviours that matter without a clock (a page that
answers 500 the first time). Delays are not played: the walk does not depend on time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditor.specs.loader import load_spec
from pathaudit.sample_portal.fetch import portal_fetch
from pathaudit.sample_portal.model import Portal
from pathaudit.sample_portal.server import default_portal

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
