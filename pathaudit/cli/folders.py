"""The folders a crawl writes to (``--out``, ``--resume``): checked and locked before the first request.

Two crawls into one folder would mix their outputs, and one would print the other's summary and
exit code; a folder that cannot be written would be found out only at the end of a long crawl. So
before anything is fetched, each folder is created if need be, proven writable by writing (and
removing) a probe file — permission bits say nothing when running as root, and nothing about a full
disk — and locked with ``flock`` for as long as the crawl runs. The lock belongs to the process: it
goes away with it, however it ends (SIGKILL included), so a stale lock file never blocks the next run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

# the checks and the lock live with the crawl (a Scrapyd job's pipeline uses them too)
from spiders.folders import LOCK_NAME, FolderError, check_writable, describe_os_error, locked

__all__ = ["LOCK_NAME", "FolderError", "check_writable", "crawl_folders", "describe_os_error", "locked"]


@contextlib.contextmanager
def crawl_folders(folders: list[tuple[Path, str]]) -> Iterator[None]:
    """Check and lock every ``(folder, role)`` before the crawl, in order; release them after."""
    with contextlib.ExitStack() as stack:
        seen: set[Path] = set()
        for folder, role in folders:
            check_writable(folder, role)
            resolved = folder.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            stack.enter_context(locked(folder, role))
        yield
