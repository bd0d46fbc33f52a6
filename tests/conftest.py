"""Fixtures shared by every test package: where the repository and ../shared are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
#: CI and developers have ../shared beside the clone (seed document, real government pages)
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        # CI (.ci/run sets PATHAUDIT_REQUIRE_SHARED=1) must have it; a plain clone skips these tests
        if os.environ.get("PATHAUDIT_REQUIRE_SHARED") == "1":
            pytest.fail(f"../shared is missing beside the checkout ({SHARED}); CI provides it")
        pytest.skip(f"../shared is not beside the checkout ({SHARED}): real government pages unavailable")
    return SHARED


@pytest.fixture(scope="session")
def realgov_dir(shared_dir: Path) -> Path:
    return shared_dir / "realgov"
