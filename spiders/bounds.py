"""The bounds of the settings that keep a crawl polite and finite, in one place, applied whatever
gives a value: ``--set``, pathaudit.toml, a SITES.yaml (``pathaudit.cli.inputs``), and ``scrapy crawl
-s`` or a Scrapyd job's settings (``PathWalkSpider.from_crawler``)."""

from __future__ import annotations

from typing import Any

#: the range every bounded setting must lie in, whatever gives it (``--set``, pathaudit.toml, a
#: SITES.yaml, ``scrapy crawl -s``): a limit that keeps the crawl polite or bounded cannot be
#: switched off or set to a value that stops the crawl (a concurrency of 0 never sends a request,
#: a ``DOWNLOAD_MAXSIZE`` of 0 is Scrapy's "no limit", a million retries never end)
BOUNDS: dict[str, tuple[float, float]] = {
    "CONCURRENT_REQUESTS": (1, 64),
    "CONCURRENT_REQUESTS_PER_DOMAIN": (1, 16),
    "CONCURRENT_REQUESTS_PER_IP": (0, 16),
    "CONCURRENT_ITEMS": (1, 1000),
    "RETRY_TIMES": (0, 10),
    "REDIRECT_MAX_TIMES": (0, 30),
    "DOWNLOAD_TIMEOUT": (1, 600),
    "DOWNLOAD_DELAY": (0, 60),
    "DOWNLOAD_MAXSIZE": (1024, 1024**3),
    "DOWNLOAD_WARNSIZE": (0, 1024**3),
    "AUTOTHROTTLE_MAX_DELAY": (0, 600),
    "AUTOTHROTTLE_START_DELAY": (0, 600),
    "AUTOTHROTTLE_TARGET_CONCURRENCY": (0.1, 16),
    "AUDITOR_SEARCH_PAGES": (0, 1000),
    "AUDITOR_SEARCH_DEPTH": (0, 10),
    "AUDITOR_MAX_LIST_PAGES": (1, 1000),
    "AUDITOR_MAX_ITEM_PAGES": (0, 10000),
    "AUDITOR_ITEM_LIST_PAGES": (1, 1000),
    "AUDITOR_MAX_SUBCOLUMNS": (1, 1000),
    "AUDITOR_PAGE_MEMORY": (1, 100000),
    "AUDITOR_DATE_FAMILY_PAGES": (1, 100),
    "AUDITOR_MEDIA_RANGE_BYTES": (1024, 16 * 1024**2),
    "AUDITOR_IMAGE_MAXSIZE": (0, 256 * 1024**2),
    "AUDITOR_RETRY_BACKOFF": (0, 60),
    "AUDITOR_RETRY_BACKOFF_MAX": (0, 600),
    "AUDITOR_ARCHIVE_MAXSIZE": (0, 4 * 1024**3),
    "AUDITOR_ARCHIVE_RECORD_MAXSIZE": (0, 64 * 1024**2),
    "AUDITOR_SNAPSHOT_SECONDS": (0, 3600),
    "AUDITOR_PROGRESS_SECONDS": (0, 3600),
}
def out_of_bounds(name: str, value: Any) -> str | None:
    """Why ``value`` is refused for the bounded setting ``name``, or None."""
    bound = BOUNDS.get(name)
    if bound is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    low, high = bound
    if low <= value <= high:
        return None
    shown = lambda n: int(n) if float(n).is_integer() else n  # noqa: E731
    return f"{name} must be from {shown(low)} to {shown(high)}, not {value}"


def check_bounds(get: Any) -> None:
    """Raise ``ValueError`` (one line) for the first bounded setting ``get(NAME)`` gives out of bounds."""
    for name in BOUNDS:
        raw = get(name)
        if raw is None or isinstance(raw, bool):
            continue
        try:
            value = float(raw)
        except (TypeError, ValueError):
            continue
        problem = out_of_bounds(name, int(value) if value.is_integer() else value)
        if problem:
            raise ValueError(f"setting {problem}")
