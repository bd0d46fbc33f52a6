"""One site of ``pathaudit run`` in a worker process of its own, started from a warm fork server.

A fresh interpreter per site would import Scrapy, Twisted, lxml, openpyxl, Jinja and the audit
again for every site (over a second of CPU each on a loaded machine, fifty times for fifty
portals). So ``pathaudit run`` starts one *fork server* (``multiprocessing``'s ``forkserver``)
whose preload is this module: importing it imports everything a site's crawl and reports need,
once. Each site is then a child forked from that server: its own process (its memory given back
when it ends, a crash of it the site's alone), started from an imported image in milliseconds.

Why not fork the ``pathaudit run`` process itself: it holds the run's locks, its signal handlers
and the history database open, and a Twisted reactor runs once per process, so the image a site
starts from must be one that never ran a reactor and holds nothing of the run. The fork server is
that image: it imports, and never crawls (``spiders.runtime.run_crawls`` installs the reactor in
the child).

Everything imported here is at module level on purpose (that is the preload); the worker function
itself stays small.
"""

from __future__ import annotations

import os
import signal
from multiprocessing.connection import Connection
from typing import Any

# The preload: a site's crawl (Scrapy, Twisted without a reactor, lxml, parsel, the spider and its
# pipeline, and every component the settings name: spiders.preload), the audit, the history and
# every report writer (Jinja, openpyxl). Scrapy's HTTP download handler first, the cheap way
# (spiders.runtime.load_download_handler): spiders.preload would import it under Scrapy's
# source-reading ``inspect.stack()``.
import spiders.runtime

spiders.runtime.load_download_handler()

import reports.html
import reports.junit
import reports.markdown
import reports.pdf
import reports.xlsx
import pathaudit.history.db
import spiders.pathwalk
import spiders.pipelines
import spiders.preload
from pathaudit.cli import EXIT_USAGE
from pathaudit.cli.crawl_cmd import finish_crawl
from pathaudit.cli.outputs import write_reports
from pathaudit.cli.run_cmd import WorkerResult, now_stamp
from pathaudit.cli.summary import site_line
from pathaudit.history.record import unreachable_reason
from reports.view import build_view
from spiders.runtime import run_crawls

_PRELOADED = (reports.html, reports.junit, reports.markdown, reports.pdf, reports.xlsx, spiders.pathwalk,
              spiders.pipelines, spiders.preload, pathaudit.history.db, write_reports)


def work(job: Any, name: str, sender: Connection) -> None:
    """One site in its own process: crawl, record its history, write its reports, send a summary.

    Ctrl-C at a terminal reaches every process of the group; the worker ignores it (Scrapy then
    leaves SIGINT alone) and stops on the SIGTERM the parent forwards once, so one Ctrl-C is one
    graceful stop, not the forced second one."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        run_crawls([job.to_crawl(name)])
        result = result_of(name, job, finish_crawl(job))
    except Exception as err:  # one site's broken output never loses the others'
        result = WorkerResult(EXIT_USAGE, f"its findings could not be processed: {err}", False,
                              f"  {name}: FAILED — {err}", now_stamp(), os.getpid())
    sender.send(result)
    sender.close()


def result_of(name: str, job: Any, outcome: Any) -> WorkerResult:
    """The small summary of a finished site (by a worker, or by the Scrapyd driver)."""
    report = outcome.report
    problem = outcome.problem
    if report is not None:
        problem = unreachable_reason(report) or (outcome.problem if outcome.exit_code == EXIT_USAGE else None)
    result = WorkerResult(outcome.exit_code, problem, report is not None,
                          site_line(name, outcome, problem, job.out_dir), now_stamp(), os.getpid())
    if report is not None:
        result.verdict = build_view(report).verdict
        errors = [f for f in report.findings if f.severity == "error"]
        result.errors = len(errors)
        if (report.history or {}).get("previous_run"):
            result.new_errors = sum(1 for f in errors if f.in_previous_run is False)
    return result
