"""Fixtures for the sample portal's tests: the built portal, a running server, and an HTTP client.

``sample_portal`` is session-scoped and shared: a test that needs the server's fresh state (the page
that fails only once) starts its own ``serve_portal()``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from http_client import http
from pathaudit.loopback.model import Portal
from pathaudit.loopback.server import RunningPortal
from sample_portal.server import default_portal, serve_portal


@pytest.fixture(scope="session")
def built_portal() -> Portal:
    return default_portal()


@pytest.fixture(scope="session")
def sample_portal() -> Iterator[RunningPortal]:
    with serve_portal() as running:
        yield running


@pytest.fixture(scope="session")
def fetch():
    """``fetch(url, method="GET", headers=None) -> Answer`` over real HTTP."""
    return http
