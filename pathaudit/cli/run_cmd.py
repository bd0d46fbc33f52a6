"""``pathaudit run SITES.yaml``: audit many portals, each in its own worker process and dated folder.

A crawl is CPU-bound in Python (parsing, matching, decoding media), so one process holds a fleet to
one core; and a process that crawled fifty sites keeps their memory. So each site is crawled in a
worker process of its own (``--parallel``, default: the machine's cores), which writes the site's
findings, history and reports and exits, giving its memory back. Workers are forked from one warm
fork server that imported a crawl's code once (``run_worker.py``), not started as fresh
interpreters. Sites of one host wait for one another (one at a time per host), so a server never
sees more than one site's ``CONCURRENT_REQUESTS_PER_DOMAIN``; sites sharing a server or CDN address
under two host names are not known to share it.

As each site ends, this process points ``OUT/<site>/latest`` at its folder and rewrites its row of
``OUT/index.html`` / ``index.json`` (the other rows kept), so a run killed half-way keeps every site
it finished. One site failing (bad spec, down, blocked, a crash or a kill of its worker) never stops
the others: its row says why, and its folder holds ``FAILED.txt``.

A site another run is auditing (its ``OUT/<site>/`` lock is held) is refused and touched nowhere: no
folder, no history row, no ``latest``, its index row as the other run leaves it.

Exit codes: 0 every site audited and none at or above ``--fail-on``; 1 some site is; 2 SITES.yaml
or an option is invalid (nothing crawled); 3 some site could not be audited (its row says why);
4 some site was refused because another run holds it; 130 stopped by Ctrl-C/SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import multiprocessing
import os
import re
import shutil
import signal
import sys
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pathaudit.cli import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from spiders.folders import FolderError, FolderLocked, crawl_folders, locked
from pathaudit.cli.log import say

#: some site could not be audited (as ``crawl`` says of an unreachable portal)
EXIT_SITE_FAILED = EXIT_UNREACHABLE
LATEST = "latest"
#: the fork server's preload, the module that imports a site's whole crawl and reports: imported
#: once there, never in this process (which only schedules, and writes the index and history rows)
WORKER_MODULE = "pathaudit.cli.run_worker"


@dataclass
class SiteRun:
    """One site of the run: its crawl job (None if it could not be prepared) and how it ended."""

    name: str
    url: str
    schedule: str | None
    folder: Path
    job: Any = None
    problem: str | None = None
    started_at: str = ""
    finished_at: str = ""
    spec: str | None = None
    #: what the worker sent back (None: it sent nothing, or never ran)
    result: WorkerResult | None = None
    #: another run holds the site: nothing of it is touched
    refused: bool = False
    #: dated run folders kept for the site (None: all)
    keep: int | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or self.url


@dataclass
class WorkerResult:
    """What a worker sends back: small, so this process holds no site's findings."""

    exit_code: int
    problem: str | None
    audited: bool
    line: str
    finished_at: str
    pid: int
    verdict: str | None = None
    errors: int = 0
    #: errors not in the site's previous run (0 without a previous run: nothing to compare)
    new_errors: int = 0


def register(sub: Any) -> None:
    from pathaudit.cli.options import add_crawl_options

    run = sub.add_parser(
        "run", help="audit every portal of a SITES.yaml, with history and an index page",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
               "  pathaudit run sites.yaml                     every site, one worker per core\n"
               "  pathaudit run sites.yaml --schedule nightly  the sites labelled nightly (other rows of the index kept)\n"
               "  pathaudit run sites.yaml --only yubei -v     one site, with each site's start and end logged\n"
               "\nexit codes:\n"
               "  0  every site audited, none at or above --fail-on\n"
               "  1  some site has findings at or above --fail-on\n"
               "  2  SITES.yaml or an option is invalid; nothing crawled\n"
               "  3  some site could not be audited (down, refused, crashed); its row says why\n"
               "  4  some site was refused: another run is auditing it (nothing of it touched)\n"
               "  130  stopped by Ctrl-C/SIGTERM; what was seen is written, marked partial\n")
    run.add_argument("sites_file", metavar="SITES.yaml", help="the sites to audit (format: docs/operations.md)")
    run.add_argument("--spec", help="path spec for every site (overrides SITES.yaml)")
    run.add_argument("--schedule", help="only the sites with this schedule label")
    run.add_argument("--only", action="append", metavar="NAME", help="only this site (repeatable)")
    run.add_argument("--parallel", type=int,
                     help="sites crawled at once, each in its own worker process (default: SITES.yaml, else "
                          "the machine's cores)")
    run.add_argument("--alert-command", metavar="CMD",
                     help="on new errors or a site down: run CMD (shell) with the run's JSON summary on stdin")
    run.add_argument("--alert-webhook", metavar="URL",
                     help="on new errors or a site down: POST the run's JSON summary there (企业微信/钉钉 robots)")
    run.add_argument("--scrapyd", metavar="URL[,URL…]",
                     help="run each site as a job on these Scrapyd nodes (the least busy first); the output "
                          "folder must be shared by every node at the same path (docs/operations.md)")
    run.add_argument("--scrapyd-project", default="pathaudit", metavar="NAME",
                     help="the project deployed on the nodes (default pathaudit)")
    run.add_argument("--keep", type=int, metavar="N",
                     help="keep the newest N dated run folders of each site, remove older ones (default: all)")
    add_crawl_options(run, default_out="pathaudit-out", default_fail_on="error")
    run.set_defaults(handler=run_sites)


def run_sites(args: argparse.Namespace) -> int:
    from pathaudit.cli.config_cmd import resolve_or_exit
    from pathaudit.sites import MAX_PARALLEL, SitesError, load_sites

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
    parallel = args.parallel if args.parallel is not None else (sites_file.parallel or os.cpu_count() or 1)
    if not 1 <= parallel <= MAX_PARALLEL:
        print(f"pathaudit: --parallel must be a whole number from 1 to {MAX_PARALLEL}, not {parallel}", file=sys.stderr)
        return EXIT_USAGE
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    runs: list[SiteRun] = []
    scrapyd: str | None = None
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
        scrapyd = site_args.scrapyd
        runs[-1].keep = site_args.keep
        if site_args.keep is not None and site_args.keep < 1:
            print("pathaudit: --keep must be at least 1", file=sys.stderr)
            return EXIT_USAGE
    assert root is not None
    say(f"auditing {len(runs)} site(s) into {root}/ ({parallel} worker process(es), one site at a time per host)")
    with contextlib.ExitStack() as locks:
        for run in runs:
            _claim(run, locks)
        claimed = [r for r in runs if not r.refused]
        if not claimed:
            return _report(runs, root, False)
        from pathaudit.index import IndexBook

        index = IndexBook(root, history, lang)
        def finished(run: SiteRun) -> None:
            _finish(run, history, index)

        if scrapyd:
            from pathaudit.cli.run_scrapyd import crawl_on_scrapyd, nodes_from

            nodes = nodes_from(scrapyd, args.scrapyd_project)
            interrupted = crawl_on_scrapyd(claimed, nodes, args.parallel or sites_file.parallel or 2 * len(nodes),
                                           args, finished)
        else:
            interrupted = _crawl_all(claimed, parallel, args, finished)
    code = _report(runs, root, interrupted)
    _alert(runs, root, stamp, code, site_args)
    return code


def _alert(runs: list[SiteRun], root: Path, stamp: str, code: int, settings: argparse.Namespace) -> None:
    """Hand the run's summary to the alert hook when a site was down or brought new errors."""
    from pathaudit.cli.alert import alerts, send

    command, webhook = getattr(settings, "alert_command", None), getattr(settings, "alert_webhook", None)
    if not command and not webhook:
        return
    sites = [{"name": r.name, "url": r.url, "folder": str(r.folder), "problem": r.problem,
              "verdict": r.result.verdict if r.result else None, "errors": r.result.errors if r.result else 0,
              "new_errors": r.result.new_errors if r.result else 0}
             for r in runs if not r.refused]
    found = alerts(sites)
    if found:
        send({"run": stamp, "at": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "exit_code": code, "index": str(root / "index.html"), "alerts": found,
              "sites": sites}, command, webhook)


def _claim(run: SiteRun, locks: contextlib.ExitStack) -> None:
    """Hold the site's lock (``OUT/<site>/``) for the run, then check and lock its dated folder.

    A site another run holds is refused before anything of it is written; a dated folder that
    cannot be used is this site's problem (its row says why)."""
    site_dir = run.folder.parent
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        locks.enter_context(locked(site_dir, "site"))
    except FolderLocked as err:
        run.refused, run.problem, run.job = True, str(err), None
        return
    except (FolderError, OSError) as err:
        run.problem, run.job = str(err), None
        return
    if run.job is not None:
        try:
            locks.enter_context(crawl_folders(run.job.folders()))
        except FolderError as err:
            run.problem, run.job = str(err), None


def _prepare(site: Any, args: argparse.Namespace, folder: Path) -> SiteRun:
    from pathaudit.cli.crawl_cmd import CrawlSetupError, prepare_crawl
    from spiders.runtime import project_setting

    run = SiteRun(site.name, site.url, site.schedule, folder, started_at=now_stamp())
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
    settings["AUDITOR_PROGRESS_LABEL"] = site.name
    if (project_setting("AUDITOR_PROGRESS", settings) or "auto") == "auto":  # several sites: one line each
        settings["AUDITOR_PROGRESS"] = "lines"
    return run


def _crawl_all(runs: list[SiteRun], parallel: int, args: argparse.Namespace, finished: Any) -> bool:
    """Run each prepared site in a worker process, at most ``parallel`` at once and one per host;
    ``finished(run)`` as each ends (failed ones too). Returns whether a stop was asked for."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WORKER_MODULE])  # each site forks from an image that imported its crawl once
    waiting: dict[str, deque[SiteRun]] = {}
    for run in runs:
        if run.job is None:
            finished(run)
        else:
            waiting.setdefault(run.host, deque()).append(run)
    busy_hosts: set[str] = set()
    live: dict[Any, tuple[SiteRun, Any, Connection]] = {}
    state = {"stopping": False}

    def stop(signum: int, _frame: Any) -> None:
        state["stopping"] = True
        for _, process, _ in live.values():  # each worker stops gracefully and writes what it saw
            with contextlib.suppress(ProcessLookupError, OSError):
                if process.pid:
                    os.kill(process.pid, signal.SIGTERM)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        while True:
            if not state["stopping"]:
                for host in list(waiting):
                    if len(live) >= parallel:
                        break
                    if host in busy_hosts or not waiting[host]:
                        continue
                    run = waiting[host].popleft()
                    if not waiting[host]:
                        del waiting[host]
                    busy_hosts.add(host)
                    receiver, sender = context.Pipe(duplex=False)
                    process = context.Process(target=_site, args=(run.job, run.name, sender),
                                              name=f"pathaudit-{run.name}")
                    run.started_at = now_stamp()
                    process.start()
                    sender.close()
                    live[process.sentinel] = (run, process, receiver)
                    if args.verbose or not args.quiet:
                        say(f"{run.name}: crawling {run.url} (worker {process.pid})")
            if not live:
                break
            for sentinel in wait(list(live)):
                run, process, receiver = live.pop(sentinel)
                process.join()
                busy_hosts.discard(run.host)
                with contextlib.suppress(EOFError, OSError):
                    if receiver.poll():
                        run.result = receiver.recv()
                receiver.close()
                if run.result is None:
                    code = process.exitcode
                    why = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
                    run.problem = f"its worker process ended ({why}) before the site's findings were written"
                else:
                    run.problem = run.result.problem
                run.finished_at = run.result.finished_at if run.result else now_stamp()
                finished(run)
        for group in waiting.values():  # never started: the run was stopped
            for run in group:
                run.problem = "not started: the run was stopped"
                finished(run)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    return state["stopping"]


def _site(job: Any, name: str, sender: Connection) -> None:
    """A worker's entry point, light so that this process need not import a crawl to name it: the
    work is ``run_worker.work``, already imported in the fork server the worker was forked from."""
    from pathaudit.cli.run_worker import work

    work(job, name, sender)


def _finish(run: SiteRun, history: str | None, index: Any) -> None:
    """As soon as a site ends: its failure recorded (if it produced no findings), ``latest``
    pointed at its folder, its index row rewritten."""
    audited = run.result is not None and run.result.audited
    if not audited:
        run.finished_at = run.finished_at or now_stamp()
        if history:
            from pathaudit.history.db import HistoryError
            from pathaudit.history.record import record_failure

            try:
                record_failure(history, run.name, run.url, run.spec, run.problem or "unknown", run.started_at,
                               run.finished_at, str(run.folder))
            except HistoryError as err:
                say(str(err))
        run.folder.mkdir(parents=True, exist_ok=True)
        (run.folder / "FAILED.txt").write_text((run.problem or "unknown") + "\n", encoding="utf-8")
    _point_latest(run.folder)
    if run.keep:
        _prune(run.folder.parent, run.keep, run.folder)
    try:
        index.put({"name": run.name, "url": run.url, "schedule": run.schedule, "folder": run.folder,
                   "report": None, "problem": run.problem})
    except OSError as err:
        say(f"the index page could not be written: {err}")
    print(run.result.line if run.result else f"  {run.name}: FAILED — {run.problem or 'unknown'}", flush=True)


#: a dated run folder's name (``YYYYMMDD-HHMMSS``): the only folders pruning ever removes
_STAMP = re.compile(r"\d{8}-\d{6}")


def _prune(site_dir: Path, keep: int, current: Path) -> None:
    """Remove the site's dated run folders older than its newest ``keep`` (``keep:`` setting).

    Names sort as times, so the newest are the last; the folder ``latest`` points to and this run's
    are never removed, and a folder another process holds locked (a crawl writing it) is skipped.
    The history keeps every run's row; a pruned run's report is gone, its counts and trend stay."""
    try:
        dated = sorted(p for p in site_dir.iterdir() if p.is_dir() and not p.is_symlink() and _STAMP.fullmatch(p.name))
        latest = (site_dir / LATEST).resolve()
    except OSError as err:
        say(f"cannot prune {site_dir}: {err}")
        return
    for old in dated[:-keep]:
        if old.resolve() in (latest, current.resolve()):
            continue
        try:
            with locked(old, "run"):
                shutil.rmtree(old)
        except (FolderError, OSError) as err:
            say(f"{old} not pruned: {err}")


def _point_latest(folder: Path) -> None:
    """``OUT/<site>/latest`` -> this run's folder (a symlink, swapped atomically)."""
    link = folder.parent / LATEST
    tmp = folder.parent / f".{LATEST}.tmp"
    try:
        tmp.unlink(missing_ok=True)
        os.symlink(folder.name, tmp, target_is_directory=True)
        os.replace(tmp, link)
    except OSError as err:  # a file system without symlinks: the dated folders are still there
        say(f"cannot point {link} at {folder.name}: {err}")


def _report(runs: list[SiteRun], root: Path, interrupted: bool) -> int:
    refused = [r for r in runs if r.refused]
    failed = [r for r in runs if r.problem and not r.refused]
    gate_failed = [r for r in runs if r.result is not None and r.result.exit_code == EXIT_FINDINGS]
    for run in refused:
        print(f"  {run.name}: REFUSED — {run.problem}")
    if interrupted or any(r.result is not None and r.result.exit_code == EXIT_INTERRUPTED for r in runs):
        code, why = EXIT_INTERRUPTED, "the run was stopped; what was seen is written, marked partial"
    elif failed:
        code, why = EXIT_SITE_FAILED, f"{len(failed)} site(s) could not be audited: " + ", ".join(r.name for r in failed)
    elif refused:
        code, why = EXIT_LOCKED, f"{len(refused)} site(s) refused, another run holds them: " + ", ".join(
            r.name for r in refused)
    elif gate_failed:
        code, why = EXIT_FINDINGS, f"{len(gate_failed)} site(s) with findings at or above --fail-on: " + ", ".join(
            r.name for r in gate_failed)
    else:
        code, why = EXIT_OK, "every site audited, none at or above --fail-on"
    audited = len(runs) - len(failed) - len(refused)
    print(f"{audited}/{len(runs)} site(s) audited — exit {code}: {why} — index: {root / 'index.html'}")
    return code


def now_stamp() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
