"""The folders a crawl writes to (``--out``, ``--resume``, ``--cache``): checked and locked before the
first request, by ``pathaudit crawl``/``run`` and by the findings pipeline of a crawl Scrapy or
Scrapyd started (``spiders.pipelines``).

Two crawls into one folder would mix their outputs, and one would print the other's summary and
exit code; a folder that cannot be written would be found out only at the end of a long crawl. So
before anything is fetched, each folder is created if need be, proven writable by writing (and
removing) a probe file — permission bits say nothing when running as root, and nothing about a full
disk — and locked with ``flock`` for as long as the crawl runs. The lock belongs to the process: it
goes away with it, however it ends (SIGKILL included), so a stale lock file never blocks the next run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".pathaudit.lock"


class FolderError(Exception):
    """A folder the crawl cannot use; the message is the one line the user reads."""


class FolderLocked(FolderError):
    """Another crawl or run holds the folder: a conflict of schedules, not a broken folder (its
    own exit code, so a wrapper can retry later)."""


def describe_os_error(err: OSError) -> str:
    """``No space left on device``, ``Read-only file system`` …: the system's words, without errno noise."""
    return err.strerror or (errno.errorcode.get(err.errno or 0) if err.errno else None) or str(err)


def check_writable(folder: Path, role: str) -> None:
    """Create ``folder`` if needed and prove a file can be written in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FolderError(f"the {role} folder {folder} is a file, not a folder") from None
    except OSError as err:
        raise FolderError(f"cannot create the {role} folder {folder}: {describe_os_error(err)}") from None
    if not folder.is_dir():
        raise FolderError(f"the {role} folder {folder} is not a folder")
    probe = folder / f".pathaudit-probe-{os.getpid()}"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"pathaudit write probe\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as err:
        raise FolderError(f"cannot write in the {role} folder {folder}: {describe_os_error(err)}") from None
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()


@contextlib.contextmanager
def locked(folder: Path, role: str) -> Iterator[None]:
    """Hold the folder's lock while the block runs; refuse at once if another crawl holds it."""
    path = folder / LOCK_NAME
    try:
        handle = open(path, "a+", encoding="utf-8")
    except OSError as err:
        raise FolderError(f"cannot lock the {role} folder {folder}: {describe_os_error(err)}") from None
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise FolderLocked(
                f"another crawl ({holder}) is writing to the {role} folder {folder}; "
                "wait for it or choose another folder"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()


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
