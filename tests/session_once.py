"""Build something once per test session, however many xdist workers need it.

A session-scoped fixture runs once per *worker*: with ``-n 4`` a crawl that four workers' tests
read would run four times, on a CI machine of two cores. ``once_per_session`` lets the first worker
that needs it build a folder under a file lock, in the directory the session's workers share (the
parent of each worker's base temp, fresh for every session); the others wait for the lock and read
the same folder. The folder is renamed into place only once whole, so a build that failed leaves
nothing behind and the next worker builds it again (and fails with its own message).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from waiting import HANG_GUARD


def session_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory every worker of this session shares: the parent of the worker's base temp
    under xdist (``pytest-N/gwK``), the base temp itself without it (its parent outlives sessions)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once_per_session(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``build(folder)`` by the first worker that asks for it."""
    root = session_dir(tmp_path_factory)
    done = root / f"once-{name}"
    with FileLock(str(root / f"once-{name}.lock"), timeout=HANG_GUARD):
        if not done.is_dir():
            partial = root / f"once-{name}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            build(partial)
            partial.rename(done)
    return done
