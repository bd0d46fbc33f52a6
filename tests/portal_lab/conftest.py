"""Fixtures for the generated test portals' own tests."""

from __future__ import annotations

import pytest

from http_client import http


@pytest.fixture(scope="session")
def fetch():
    """``fetch(url, method="GET", headers=None) -> Answer`` over real HTTP."""
    return http
