"""``--resume DIR``: a crawl killed at any moment (even by SIGKILL) continues where it stopped.

The walk's state lives in memory, and its requests carry callbacks of helper objects (``PageBook``,
``MediaProbe``) that Scrapy's JOBDIR cannot serialise, so JOBDIR alone would resume nothing. What
is kept instead is every answer the site gave: Scrapy's HTTP cache in ``DIR/httpcache``. A resumed
run walks again from the home page; the walk is a function of the pages, so replaying the answers
already received rebuilds the same state in moments, and only the requests the killed run never
completed go to the site. Answers that say nothing lasting (5xx, 403/412/429 refusals, time-outs)
are not kept, so a resumed run asks again.

Two details make the replay faithful:

* media are checked by Range requests of one URL, so the cache key includes the ``Range`` header
  (``RangeAwareFingerprinter``); without it the box walk of a video would be fed its first bytes
  again and again;
* an entry counts only once all its files are on disk (``CommittedFilesystemCacheStorage``): Scrapy's
  storage writes the metadata before the body, so a kill between the two would replay an empty or
  half body as if the site had sent it.

``DIR/job.json`` says which start URL the directory belongs to and whether that crawl finished: a
finished crawl is not replayed (the site may have changed since); the next run starts afresh.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import Response
from scrapy.utils.request import fingerprint

CACHE_DIR = "httpcache"
JOB_FILE = "job.json"
#: written last into a cache entry: an entry without it was cut short and is fetched again
_COMMITTED = "committed"
#: answers that may be different next time: never replayed
TRANSIENT_STATUSES = (403, 408, 412, 429, *range(500, 600))


class RangeAwareFingerprinter:
    """Scrapy's request fingerprint, with the ``Range`` header: each byte range is its own answer."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> RangeAwareFingerprinter:
        return cls()

    def fingerprint(self, request: Request) -> bytes:
        return fingerprint(request, include_headers=("Range",))


class CommittedFilesystemCacheStorage(FilesystemCacheStorage):
    """Scrapy's filesystem cache, where an entry exists only once it was written whole."""

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        marker = Path(self._get_request_path(spider, request)) / _COMMITTED
        marker.unlink(missing_ok=True)
        super().store_response(spider, request, response)
        marker.touch()

    def _read_meta(self, spider: Spider, request: Request) -> dict[str, Any] | None:
        if not (Path(self._get_request_path(spider, request)) / _COMMITTED).exists():
            return None
        return super()._read_meta(spider, request)


def cache_settings(directory: Path) -> dict[str, Any]:
    """The Scrapy settings that keep (and replay) every lasting answer in ``directory``."""
    return {
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_DIR": str((directory / CACHE_DIR).resolve()),
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.DummyPolicy",
        "HTTPCACHE_STORAGE": f"{__name__}.CommittedFilesystemCacheStorage",
        "HTTPCACHE_EXPIRATION_SECS": 0,
        "HTTPCACHE_IGNORE_MISSING": False,
        "HTTPCACHE_IGNORE_HTTP_CODES": list(TRANSIENT_STATUSES),
        "REQUEST_FINGERPRINTER_CLASS": f"{__name__}.RangeAwareFingerprinter",
    }


class ResumeError(ValueError):
    """The resume directory cannot be used for this crawl (it holds another site's, or is no folder)."""


@dataclass
class ResumeJob:
    """``DIR/job.json``."""

    start_url: str
    finished: bool = False


@dataclass
class ResumeState:
    """What ``open_job`` found in the directory."""

    directory: Path
    #: answers kept from an earlier, unfinished run of this crawl (0 for a new crawl)
    cached: int
    #: an earlier run of the same crawl had finished: its answers were dropped
    restarted: bool


def open_job(directory: str | Path, start_url: str) -> ResumeState:
    """Prepare ``directory`` for a crawl of ``start_url``: resume an unfinished one, else start afresh."""
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ResumeError(f"--resume: not a folder: {directory}")
    job_path = folder / JOB_FILE
    previous = _read_job(job_path)
    if previous is not None and previous.start_url != start_url:
        raise ResumeError(
            f"--resume: {directory} holds a crawl of {previous.start_url}, not of {start_url}; "
            "give another folder"
        )
    restarted = previous is not None and previous.finished
    if restarted or previous is None:
        shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    _write_job(job_path, ResumeJob(start_url))
    cached = sum(1 for _ in (folder / CACHE_DIR).rglob(_COMMITTED)) if not restarted else 0
    return ResumeState(folder, cached, restarted)


def mark_finished(directory: str | Path) -> None:
    """The crawl kept in ``directory`` ran to its end: the next run starts afresh."""
    job_path = Path(directory) / JOB_FILE
    job = _read_job(job_path)
    if job is not None:
        job.finished = True
        _write_job(job_path, job)


def _read_job(path: Path) -> ResumeJob | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ResumeJob(start_url=str(data["start_url"]), finished=bool(data.get("finished")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ResumeError(f"--resume: {path} is unreadable ({err}); give another folder") from err


def _write_job(path: Path, job: ResumeJob) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
