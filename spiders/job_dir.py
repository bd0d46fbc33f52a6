"""Where a crawl writes its outputs: ``AUDITOR_OUT_DIR``, or one folder per Scrapyd job.

Scrapyd runs every job of a project with the same settings, so one output folder would be
overwritten by each job. A crawl that Scrapyd started (it passes the job id as the ``_job`` spider
argument) writes to ``AUDITOR_JOBS_DIR/<project>/<spider>/<job>/`` instead, unless
``AUDITOR_OUT_DIR`` was set for the job itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def decided_out_dir(crawler: Any) -> Path:
    """The crawl's output folder, decided once (when the spider exists) and kept on the crawler, so
    findings.json, its snapshots and the evidence archive all go to the one folder that was checked
    and locked, whatever changes later."""
    chosen = getattr(crawler, "pathaudit_out_dir", None)
    if chosen is None:
        chosen = out_dir_for(crawler.settings, getattr(crawler, "spider", None))
        crawler.pathaudit_out_dir = chosen
    return chosen


def out_dir_for(settings: Any, spider: Any) -> Path:
    job = getattr(spider, "_job", None) if spider is not None else None
    explicit = settings.getpriority("AUDITOR_OUT_DIR") or 0
    if job and explicit <= _PROJECT_PRIORITY:
        project = os.environ.get("SCRAPY_PROJECT") or settings.get("BOT_NAME") or "pathaudit"
        base = Path(settings.get("AUDITOR_JOBS_DIR") or "pathaudit-jobs")
        return base / _safe(project) / _safe(getattr(spider, "name", "spider")) / _safe(str(job))
    return Path(settings.get("AUDITOR_OUT_DIR") or "pathaudit-out")


#: Scrapy's priority of the project settings module (settings set above it were given for the job)
_PROJECT_PRIORITY = 20


def _safe(part: str) -> str:
    """A path segment from an id: no separators, no ``..``."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in part).strip(".")
    return cleaned or "_"
