"""``--resume DIR``: a crawl killed at any moment (even by SIGKILL) continues where it stopped.

The walk's state lives in memory, and its requests carry callbacks of helper objects (``PageBook``,
``MediaProbe``) that Scrapy's JOBDIR cannot serialise, so JOBDIR alone would resume nothing. What
is kept instead is every answer the site gave: Scrapy's HTTP cache in ``DIR/httpcache``. A resumed
run walks again from the home page; the walk is a function of the pages, so replaying the answers
already received rebuilds the same state in moments, and only the requests the killed run never
completed go to the site. Answers that say nothing lasting (5xx, 403/412/429 refusals, time-outs)
are not kept, so a resumed run asks again.

Three details make the replay faithful and safe:

* media are checked by Range requests of one URL, so the cache key includes the ``Range`` header
  (``RangeAwareFingerprinter``); without it the box walk of a video would be fed its first bytes
  again and again;
* an entry counts only once all its files are on disk: ``JsonCacheStorage`` writes the body first
  and the metadata last, by rename, so a kill in between leaves no entry, never an empty or half
  body replayed as if the site had sent it;
* nothing in the folder can run code: Scrapy's own filesystem storage keeps pickles, which execute
  whatever a tampered file says when loaded. An entry here is ``meta.json`` (plain JSON: URL,
  status, headers, flags, body length) beside ``body`` (the raw bytes). An entry that does not
  parse, or whose body is not the length its metadata says, is refused with one warning line and
  fetched again. ``--cache DIR`` (``spiders.recrawl``) keeps its answers in the same storage.

``DIR/job.json`` says which start URL the directory belongs to and whether that crawl finished: a
finished crawl is not replayed (the site may have changed since); the next run starts afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.request import fingerprint

logger = logging.getLogger(__name__)

CACHE_DIR = "httpcache"
JOB_FILE = "job.json"
#: written last into a cache entry (by rename): an entry without it was cut short and is fetched again
META_FILE = "meta.json"
BODY_FILE = "body"
#: the version of the entry layout written into every meta.json (2: with the body's SHA-256)
ENTRY_FORMAT = 2
#: the crawl's stats key saying why answers stopped being kept (a full disk), for the command to print
STORE_FAILED_STAT = "pathaudit/cache_store_failed"
#: answers that may be different next time: never replayed
TRANSIENT_STATUSES = (403, 408, 412, 429, *range(500, 600))


class RangeAwareFingerprinter:
    """Scrapy's request fingerprint, with the ``Range`` header: each byte range is its own answer."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> RangeAwareFingerprinter:
        return cls()

    def fingerprint(self, request: Request) -> bytes:
        return fingerprint(request, include_headers=("Range",))


class CacheEntryError(ValueError):
    """A stored entry that is not a well-formed answer: refused, and the page is fetched again."""


class JsonCacheStorage:
    """Scrapy HTTP-cache storage whose entries are JSON metadata and the raw body, nothing executable.

    One folder per request fingerprint, ``DIR/<spider>/<fp[:2]>/<fp>/``, as Scrapy's filesystem
    storage lays them out.
    """

    def __init__(self, settings: Any) -> None:
        self.cachedir = Path(settings["HTTPCACHE_DIR"])
        #: a kept body larger than a page may be is not read (DOWNLOAD_MAXSIZE)
        self.max_body = settings.getint("DOWNLOAD_MAXSIZE") or 0
        #: why answers are no longer kept (the folder's disk is full), or None
        self.store_failed: str | None = None
        self.expiration_secs = settings.getint("HTTPCACHE_EXPIRATION_SECS")
        self._fingerprinter: Any = None

    def open_spider(self, spider: Spider) -> None:
        self._fingerprinter = spider.crawler.request_fingerprinter
        self._stats = spider.crawler.stats

    def close_spider(self, spider: Spider) -> None:
        pass

    def entry_path(self, spider: Spider, request: Request) -> Path:
        key = self._fingerprinter.fingerprint(request).hex()
        return self.cachedir / spider.name / key[:2] / key

    def retrieve_response(self, spider: Spider, request: Request) -> Response | None:
        folder = self.entry_path(spider, request)
        meta_path = folder / META_FILE
        if not meta_path.exists() and not meta_path.is_symlink():
            return None
        if 0 < self.expiration_secs < time.time() - meta_path.lstat().st_mtime:
            return None
        try:
            meta, body = read_entry(folder, self.max_body, self.cachedir)
        except CacheEntryError as err:
            logger.warning("cache entry %s refused (%s); the page is fetched again", folder, err)
            return None
        headers = Headers([(name.encode("latin-1"), value.encode("latin-1")) for name, value in meta["headers"]])
        url = meta["response_url"]
        cls = responsetypes.from_args(headers=headers, url=url, body=body)
        request.meta["cache_timestamp"] = meta["timestamp"]
        return cls(url=url, status=meta["status"], headers=headers, body=body, flags=meta["flags"])

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        """Keep an answer; when the folder cannot take it (a full disk), say so once and go on
        without keeping more: the audit is not lost for its cache, a resumed run asks again."""
        if self.store_failed:
            return
        try:
            self._store(spider, request, response)
        except OSError as err:
            self.store_failed = err.strerror or str(err)
            if getattr(self, "_stats", None) is not None:
                self._stats.set_value(STORE_FAILED_STAT, f"cannot keep answers in {self.cachedir}: {self.store_failed}")
            logger.warning("PathAudit: cannot keep answers in %s (%s); the crawl goes on without keeping them "
                           "(a resumed run asks for them again)", self.cachedir, self.store_failed)
            folder = self.entry_path(spider, request)
            for name in (META_FILE, BODY_FILE, META_FILE + ".tmp", BODY_FILE + ".tmp"):
                with contextlib.suppress(OSError):
                    (folder / name).unlink()

    def _store(self, spider: Spider, request: Request, response: Response) -> None:
        folder = self.entry_path(spider, request)
        folder.mkdir(parents=True, exist_ok=True)
        meta_path = folder / META_FILE
        meta_path.unlink(missing_ok=True)  # the entry does not exist while it is rewritten
        body = response.body
        _write_atomically(folder / BODY_FILE, body)
        meta = {
            "format": ENTRY_FORMAT,
            "url": request.url,
            "method": request.method,
            "status": response.status,
            "response_url": response.url,
            "timestamp": time.time(),
            "headers": [
                [name.decode("latin-1"), value.decode("latin-1")]
                for name, values in response.headers.items() for value in values
            ],
            "flags": [str(flag) for flag in response.flags if flag != "cached"],
            "body_bytes": len(body),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        _write_atomically(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))


#: a meta.json is a few kilobytes (URL, headers); one far larger is not ours
MAX_META_BYTES = 1024 * 1024


def _read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes that is no symbolic link: a
    link planted in the folder (to /etc/passwd, a private key) would be read as the site's answer
    and archived as evidence; a 1 GB file would stall the crawl."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CacheEntryError(f"{path.name} is not a regular file")
        if info.st_size > limit:
            raise CacheEntryError(f"{path.name} is {info.st_size} bytes, over the cap of {limit}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise CacheEntryError(f"{path.name} is over the cap of {limit} bytes")
    return data


def read_entry(folder: Path, max_body: int = 0, root: Path | None = None) -> tuple[dict[str, Any], bytes]:
    """An entry's metadata and body, checked: raises ``CacheEntryError`` for anything else. The
    entry's folder must lie inside ``root`` with no symbolic link on the way, its files be regular
    files within their caps (``max_body``: the crawl's DOWNLOAD_MAXSIZE), and the body match the
    SHA-256 its metadata records (an entry edited by hand is fetched again)."""
    if root is not None:
        try:
            inside = folder.resolve(strict=True).is_relative_to(root.resolve())
        except OSError:
            inside = False
        if not inside or any(part.is_symlink() for part in [folder, *folder.parents] if part != root and
                             part.is_relative_to(root)):
            raise CacheEntryError("the entry's folder is a symbolic link or lies outside the cache")
    try:
        meta = json.loads(_read_regular(folder / META_FILE, MAX_META_BYTES).decode("utf-8"))
        body = _read_regular(folder / BODY_FILE, max_body or 1024**3)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        if isinstance(err, CacheEntryError):
            raise
        raise CacheEntryError(f"{type(err).__name__}: {getattr(err, 'strerror', None) or err}"[:120]) from None
    if not isinstance(meta, dict) or meta.get("format") != ENTRY_FORMAT:
        raise CacheEntryError("not an entry of this format")
    if meta.get("sha256") != hashlib.sha256(body).hexdigest():
        raise CacheEntryError("its body does not match the digest kept with it")
    expected = {"url": str, "status": int, "response_url": str, "timestamp": (int, float), "headers": list,
                "flags": list, "body_bytes": int}
    for name, kind in expected.items():
        if not isinstance(meta.get(name), kind) or isinstance(meta.get(name), bool):
            raise CacheEntryError(f"bad {name}")
    if not 100 <= meta["status"] <= 599:
        raise CacheEntryError("bad status")
    if not all(isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
               for pair in meta["headers"]):
        raise CacheEntryError("bad headers")
    if not all(isinstance(flag, str) for flag in meta["flags"]):
        raise CacheEntryError("bad flags")
    if not meta["response_url"].startswith(("http://", "https://")):
        raise CacheEntryError("bad response_url")
    if len(body) != meta["body_bytes"]:
        raise CacheEntryError(f"body is {len(body)} bytes, not {meta['body_bytes']}")
    return meta, body


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def count_entries(directory: Path) -> int:
    return sum(1 for _ in directory.rglob(META_FILE)) if directory.is_dir() else 0


def cache_settings(directory: Path) -> dict[str, Any]:
    """The Scrapy settings that keep (and replay) every lasting answer in ``directory``."""
    return {
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_DIR": str((directory / CACHE_DIR).resolve()),
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.DummyPolicy",
        "HTTPCACHE_STORAGE": f"{__name__}.JsonCacheStorage",
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
    cached = count_entries(folder / CACHE_DIR) if not restarted else 0
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
