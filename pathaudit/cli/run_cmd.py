"""``pathaudit run SITES.yaml``: audit many portals in one process, each into its own dated folder.

Scrapy's ``CrawlerProcess`` runs several crawlers on one reactor; each site gets its own
``Crawler`` with its own settings (output folder, spec, politeness). Sites of different hosts are
crawled at once (at most ``parallel``); sites of one host one after the other, so a server never
sees more than one site's ``CONCURRENT_REQUESTS_PER_DOMAIN``.

Each site's outputs go to ``OUT/<site>/<YYYYMMDD-HHMMSS>/`` and ``OUT/<site>/latest`` points to the
newest; ``OUT/index.html`` (and ``index.json``) sums up every site. One site failing (bad spec,
down, blocked, a crash of its crawl) never stops the others: its row says why.

Exit codes: 0 every site audited and none at or above ``--fail-on``; 1 some site is; 2 SITES.yaml
or an option is invalid (nothing crawled); 3 some site could not be audited (its row says why);
130 stopped by Ctrl-C/SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pathaudit.cli import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from pathaudit.cli.folders import FolderError, crawl_folders

#: some site could not be audited (as ``crawl`` says of an unreachable portal)
EXIT_SITE_FAILED = EXIT_UNREACHABLE
LATEST = "latest"


@dataclass
class SiteRun:
    """One site of the run: its crawl job (None if it could not be prepared) and how it ended."""

    name: str
    url: str
    schedule: str | None
    folder: Path
    job: Any = None
    outcome: Any = None
    problem: str | None = None
    started_at: str = ""
    finished_at: str = ""
    spec: str | None = None


def register(sub: Any) -> None:
    from pathaudit.cli.options import add_crawl_options

    run = sub.add_parser("run", help="audit every portal of a SITES.yaml, with history and an index page")
    run.add_argument("sites_file", metavar="SITES.yaml", help="the sites to audit (format: docs/operations.md)")
    run.add_argument("--spec", help="path spec for every site (overrides SITES.yaml)")
    run.add_argument("--schedule", help="only the sites with this schedule label")
    run.add_argument("--only", action="append", metavar="NAME", help="only this site (repeatable)")
    run.add_argument("--parallel", type=int, help="sites crawled at once (default: SITES.yaml, else 4)")
    add_crawl_options(run, default_out="pathaudit-out", default_fail_on="error")
    run.set_defaults(handler=run_sites)


def run_sites(args: argparse.Namespace) -> int:
    from pathaudit.cli.config_cmd import resolve_or_exit
    from pathaudit.sites import SitesError, load_sites

    try:
        sites_file = load_sites(args.sites_file)
        chosen = sites_file.select(args.schedule, args.only)
    except SitesError as err:
        for problem in err.problems:
            print(f"pathaudit: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if not chosen:
        print(f"pathaudit: no site of {args.sites_file} has schedule {args.schedule!r}", file=sys.stderr)
        return EXIT_USAGE
    if args.baseline and args.baseline != "previous":
        print("pathaudit: with run, --baseline can only be 'previous' (each site's previous run)", file=sys.stderr)
        return EXIT_USAGE
    if args.ledger:
        print("pathaudit: with run, each site's ledger carries over from its previous run; --ledger is for crawl",
              file=sys.stderr)
        return EXIT_USAGE
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    runs: list[SiteRun] = []
    root: Path | None = None
    history: str | None = None
    lang = "zh"
    for site in chosen:
        site_args = argparse.Namespace(**vars(args))
        site_args.set = list(args.set)
        if resolve_or_exit(site_args, [sites_file.defaults, site.settings]) is None:
            return EXIT_USAGE
        root = Path(site_args.out)
        history = site_args.history
        lang = site_args.lang
        folder = root / site.name / stamp
        site_args.out = str(folder)
        site_args.site = site.name
        runs.append(_prepare(site, site_args, folder))
    assert root is not None
    parallel = args.parallel or sites_file.parallel
    if parallel < 1:
        print("pathaudit: --parallel must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    print(f"pathaudit: auditing {len(runs)} site(s) into {root}/ ({parallel} at once, one at a time per host)",
          file=sys.stderr)
    with contextlib.ExitStack() as locks:
        for run in runs:  # each site's folder checked and locked; a site whose folder is not is this site's problem
            if run.job is not None:
                try:
                    locks.enter_context(crawl_folders(run.job.folders()))
                except FolderError as err:
                    run.problem, run.job = str(err), None
        interrupted = _crawl_all(runs, parallel, quiet=args.quiet)
        for run in runs:
            _finish(run, history)
    _write_index(root, history, runs, lang)
    return _report(runs, root, interrupted)


def _prepare(site: Any, args: argparse.Namespace, folder: Path) -> SiteRun:
    from pathaudit.cli.crawl_cmd import CrawlSetupError, prepare_crawl

    run = SiteRun(site.name, site.url, site.schedule, folder, started_at=_now())
    if not args.spec:
        run.problem = "no spec: give spec for the site or in defaults"
        return run
    run.spec = args.spec
    try:
        run.job = prepare_crawl(site.url, args.spec, args, args.as_of)
    except CrawlSetupError as err:
        run.problem = "cannot start: " + "; ".join(err.lines)
        return run
    settings = run.job.settings
    settings.set("AUDITOR_PROGRESS_LABEL", site.name, priority="cmdline")
    if (settings.get("AUDITOR_PROGRESS") or "auto") == "auto":  # several sites: one line each, never \r
        settings.set("AUDITOR_PROGRESS", "lines", priority="cmdline")
    return run


def _crawl_all(runs: list[SiteRun], parallel: int, *, quiet: bool) -> bool:
    """Crawl every prepared site on one reactor; returns whether a stop was asked for."""
    jobs = [r for r in runs if r.job is not None]
    if not jobs:
        return False
    from scrapy.crawler import Crawler, CrawlerProcess
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    first = jobs[0].job.settings
    if not is_reactor_installed():
        install_reactor(first.get("TWISTED_REACTOR"), first.get("ASYNCIO_EVENT_LOOP"))
    from twisted.internet import defer, reactor

    from spiders.pathwalk import PathWalkSpider

    process = CrawlerProcess(_process_settings(first))
    state = {"stopping": False, "done": False}

    def stopping() -> None:
        state["stopping"] = not state["done"]  # a stop that is not ours: Ctrl-C or SIGTERM

    reactor.addSystemEventTrigger("before", "shutdown", stopping)

    def start(run: SiteRun) -> Any:
        if state["stopping"]:
            run.problem = "not started: the run was stopped"
            return None
        run.started_at = _now()
        if not quiet:
            print(f"pathaudit: {run.name}: crawling {run.url}", file=sys.stderr)
        try:
            run.job.crawler = Crawler(PathWalkSpider, run.job.settings)
            d = process.crawl(run.job.crawler, **run.job.spider_kwargs())
        except Exception as err:  # a crawler that cannot even be built is this site's problem only
            run.problem = f"the crawl could not start: {err}"
            return None

        def failed(failure: Any) -> None:
            run.problem = f"the crawl failed: {failure.getErrorMessage()}"

        def ended(_: Any) -> None:
            run.finished_at = _now()
            if not quiet:
                print(f"pathaudit: {run.name}: crawl ended", file=sys.stderr)

        d.addErrback(failed)
        d.addBoth(ended)
        return d

    by_host: dict[str, list[SiteRun]] = defaultdict(list)
    for run in jobs:
        by_host[urlsplit(run.url).hostname or run.url].append(run)
    semaphore = defer.DeferredSemaphore(parallel)

    @defer.inlineCallbacks
    def one_host(group: list[SiteRun]) -> Any:
        for run in group:
            yield start(run)

    everything = defer.DeferredList([semaphore.run(one_host, group) for group in by_host.values()],
                                    consumeErrors=True)

    def stop(_: Any) -> None:
        state["done"] = True
        if reactor.running:
            reactor.stop()

    everything.addBoth(stop)
    process.start(stop_after_crawl=False)
    return state["stopping"]


def _process_settings(first: Any) -> Any:
    """The process's own settings: the project's and the logging ones, nothing of a site.

    ``CrawlerProcess.crawl(crawler)`` updates each crawler's settings with the process's at their
    priorities, so per-site values (output folder, politeness) must not be in them."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    for name in ("LOG_LEVEL", "LOG_INSTALL_ROOT_HANDLER"):
        settings.set(name, first.get(name), priority="project")
    return settings


def _finish(run: SiteRun, history: str | None) -> None:
    from pathaudit.cli.crawl_cmd import finish_crawl
    from pathaudit.history.record import unreachable_reason

    if run.job is not None and run.problem is None:
        try:
            run.outcome = finish_crawl(run.job)
        except Exception as err:  # one site's broken output never loses the others'
            run.problem = f"its findings could not be processed: {err}"
        else:
            if run.outcome.report is None:
                run.problem = run.outcome.problem
            else:
                run.problem = unreachable_reason(run.outcome.report) or (
                    run.outcome.problem if run.outcome.exit_code == EXIT_USAGE else None)
    if run.outcome is None or run.outcome.report is None:
        run.finished_at = run.finished_at or _now()
        if history:
            from pathaudit.history.db import HistoryError
            from pathaudit.history.record import record_failure

            try:
                record_failure(history, run.name, run.url, run.spec, run.problem or "unknown", run.started_at,
                               run.finished_at, str(run.folder))
            except HistoryError as err:
                print(f"pathaudit: {err}", file=sys.stderr)
        run.folder.mkdir(parents=True, exist_ok=True)
        (run.folder / "FAILED.txt").write_text((run.problem or "unknown") + "\n", encoding="utf-8")
    _point_latest(run.folder)


def _point_latest(folder: Path) -> None:
    """``OUT/<site>/latest`` -> this run's folder (a symlink, swapped atomically)."""
    link = folder.parent / LATEST
    tmp = folder.parent / f".{LATEST}.tmp"
    try:
        tmp.unlink(missing_ok=True)
        os.symlink(folder.name, tmp, target_is_directory=True)
        os.replace(tmp, link)
    except OSError as err:  # a file system without symlinks: the dated folders are still there
        print(f"pathaudit: cannot point {link} at {folder.name}: {err}", file=sys.stderr)


def _write_index(root: Path, history: str | None, runs: list[SiteRun], lang: str) -> None:
    from pathaudit.index import write_index

    try:
        write_index(root, history, [_row_data(r) for r in runs], lang)
    except OSError as err:
        print(f"pathaudit: the index page could not be written: {err}", file=sys.stderr)


def _row_data(run: SiteRun) -> dict[str, Any]:
    outcome = run.outcome
    return {"name": run.name, "url": run.url, "schedule": run.schedule, "folder": run.folder,
            "report": outcome.report if outcome else None, "problem": run.problem}


def _report(runs: list[SiteRun], root: Path, interrupted: bool) -> int:
    from pathaudit.cli.summary import site_line

    failed = [r for r in runs if r.problem]
    gate_failed = [r for r in runs if r.outcome is not None and r.outcome.exit_code == EXIT_FINDINGS]
    for run in runs:
        print(site_line(run.name, run.outcome, run.problem, run.folder))
    if interrupted or any(r.outcome is not None and r.outcome.exit_code == EXIT_INTERRUPTED for r in runs):
        code, why = EXIT_INTERRUPTED, "the run was stopped; what was seen is written, marked partial"
    elif failed:
        code, why = EXIT_SITE_FAILED, f"{len(failed)} site(s) could not be audited: " + ", ".join(r.name for r in failed)
    elif gate_failed:
        code, why = EXIT_FINDINGS, f"{len(gate_failed)} site(s) with findings at or above --fail-on: " + ", ".join(
            r.name for r in gate_failed)
    else:
        code, why = EXIT_OK, "every site audited, none at or above --fail-on"
    print(f"{len(runs) - len(failed)}/{len(runs)} site(s) audited — exit {code}: {why} — index: {root / 'index.html'}")
    return code


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
