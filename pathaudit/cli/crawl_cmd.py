"""``pathaudit crawl`` and ``pathaudit demo``: run the walk, write findings and reports, gate CI.

The crawl runs in this process with Scrapy's ``CrawlerProcess`` (which can run once per process, so
tests drive this command in a subprocess). Settings come from ``spiders.settings``; ``--set``
overrides any of them as Scrapy's ``-s`` does.

Every input is checked before the first request (``pathaudit.cli.inputs``), and the output and
resume folders are proven writable and locked against a second crawl (``pathaudit.cli.folders``).
The spider's pipeline writes findings.json only; the run is recorded in the history database
(``pathaudit.history``) and the reports are rendered here, once, from it.
``prepare_crawl`` / ``finish_crawl`` split a crawl around the ``CrawlerProcess`` so that
``pathaudit run`` can hand several sites to one process.
A portal whose home page cannot be read is its own outcome: one line, ``EXIT_UNREACHABLE``.

Nothing is lost: ``--resume DIR`` keeps every answer of the site in DIR, so a crawl killed at any
moment continues where it stopped when run again with the same DIR (``spiders.resume``). A crawl
stopped by Ctrl-C or SIGTERM leaves findings.json and the reports of what it saw, marked partial,
and exits with ``EXIT_INTERRUPTED``.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathaudit.cli import EXIT_INTERRUPTED, EXIT_UNREACHABLE, EXIT_USAGE
from pathaudit.cli.folders import FolderError, crawl_folders
from pathaudit.cli.inputs import InputError, check_as_of, check_start_url, known_settings, parse_settings
from pathaudit.cli.report_cmd import FindingsFileError, load_findings
from auditor.audit.gate import FAIL_ON_CHOICES, exit_code, unreachable_home
from auditor.model.findings import FindingsReport
from auditor.model.reasons import explain
from auditor.specs.errors import SpecError
from auditor.specs.loader import load_spec
from auditor.walk.scope import redact_url
from path_specs import spec_file


#: ``--baseline previous``: the site's previous run in the history database
BASELINE_PREVIOUS = "previous"


def register(sub: Any) -> None:
    crawl = sub.add_parser("crawl", help="audit a portal against a path spec")
    crawl.add_argument("url", nargs="?", help="the portal's home page (http or https)")
    crawl.add_argument("--spec", help="path spec: a bundled name (liangjiang-2021) or a YAML file")
    crawl.add_argument(
        "--local-dir", metavar="BUILD_DIR", help="audit a site build folder, served on 127.0.0.1 for the crawl"
    )
    crawl.add_argument(
        "--resume", metavar="DIR",
        help="keep the crawl's state in DIR; run again with the same DIR to continue a crawl that was killed",
    )
    crawl.add_argument(
        "--cache", metavar="DIR",
        help="keep the site's answers in DIR; the next crawl with the same DIR asks only what changed (304)",
    )
    crawl.add_argument("--ignore-robots", action="store_true", help="do not obey the site's robots.txt")
    _common(crawl, default_out="pathaudit-out", default_fail_on="error")
    crawl.set_defaults(handler=run_crawl)

    demo = sub.add_parser("demo", help="serve the bundled sample portal on 127.0.0.1 and audit it")
    _common(demo, default_out="pathaudit-out/demo", default_fail_on="never")
    demo.set_defaults(handler=run_demo)


def _common(parser: argparse.ArgumentParser, *, default_out: str, default_fail_on: str) -> None:
    """The options of every crawl; their defaults are merged with a config file by
    ``pathaudit.cli.config_cmd.resolve`` (command line > config file > these defaults)."""
    parser.set_defaults(config_defaults={"out": default_out, "fail_on": default_fail_on, "lang": "zh",
                                         "as_of": "today"})
    parser.add_argument("--config", help="settings file (default ./pathaudit.toml if there is one)")
    parser.add_argument("--overrides", help="site overrides (extra aliases, allowed hosts)")
    parser.add_argument(
        "--also-host", action="append", default=[], metavar="HOST",
        help="a host of the portal outside its registrable domain (repeatable; trusted on any address)",
    )
    parser.add_argument("--out", help=f"output directory (default {default_out})")
    parser.add_argument("--as-of", help="judge staleness and deadlines as of this date (YYYY-MM-DD; default today)")
    parser.add_argument("--fail-on", choices=FAIL_ON_CHOICES, help=f"default {default_fail_on}")
    parser.add_argument(
        "--baseline", help=f"an earlier findings.json, or '{BASELINE_PREVIOUS}' (the site's previous run in the "
        "history): only new findings fail the gate",
    )
    parser.add_argument("--lang", choices=("zh", "en"), help="report language (default zh)")
    parser.add_argument("--history", help="the history database (default OUT/history.sqlite)")
    parser.add_argument("--no-history", action="store_true", help="keep no history of this run")
    parser.add_argument("--site", help="the site's name in the history (default: the start URL's host)")
    parser.add_argument("--ledger", help="a previous 整改台账.xlsx whose 整改状态/备注 carry over (default: "
                        "the previous run's, from the history)")
    parser.add_argument(
        "--set", "-s", action="append", default=[], metavar="NAME=VALUE", help="override a setting"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress, only the summary")


def _settings(args: argparse.Namespace, as_of: str | None, chosen: dict[str, Any]) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("AUDITOR_OUT_DIR", str(Path(args.out)), priority="cmdline")
    settings.set("AUDITOR_REPORT_LANG", args.lang, priority="cmdline")
    settings.set("LOG_LEVEL", "ERROR" if args.quiet else "WARNING", priority="cmdline")
    if args.quiet:
        settings.set("AUDITOR_PROGRESS", "off", priority="cmdline")
    if as_of:
        settings.set("AUDITOR_AS_OF", as_of, priority="cmdline")
    if getattr(args, "ignore_robots", False):
        settings.set("ROBOTSTXT_OBEY", False, priority="cmdline")
    for name, value in chosen.items():
        settings.set(name, value, priority="cmdline")
    also = [host.strip() for host in getattr(args, "also_host", None) or [] if host.strip()]
    if also:
        listed = [h for h in str(settings.get("AUDITOR_ALLOWED_HOSTS") or "").split(",") if h.strip()]
        settings.set("AUDITOR_ALLOWED_HOSTS", ",".join([*listed, *also]), priority="cmdline")
    return settings


class CrawlSetupError(Exception):
    """The crawl cannot start (bad spec, URL, baseline, setting, resume folder): ``lines`` say why,
    one problem a line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines


@dataclass
class CrawlJob:
    """One site's crawl, every input checked, ready to be handed to a ``CrawlerProcess``
    (``pathaudit run`` hands several to one)."""

    url: str
    spec_path: str
    overrides: str | None
    out_dir: Path
    settings: Any
    baseline: FindingsReport | None
    resume_dir: str | None
    fail_on: str
    lang: str
    quiet: bool
    #: this run's id (``stats.run_id`` of its findings): an older run's files are never taken for it
    run_id: str = ""
    #: the site's name in the history database (``None``: the start URL's host)
    site: str | None = None
    #: the history database (``None``: no history kept)
    history: str | None = None
    #: a previous 整改台账 whose inspector edits are carried over
    ledger: str | None = None
    #: the report formats written after the crawl
    formats: list[str] = field(default_factory=list)
    #: ``--baseline previous``: the gate compares with the previous run in the history
    baseline_previous: bool = False
    #: ``--cache DIR``: checked and locked like the output folder
    cache_dir: str | None = None
    #: the Scrapy crawler, once started
    crawler: Any = None

    @property
    def findings_path(self) -> Path:
        return self.out_dir / "findings.json"

    def spider_kwargs(self) -> dict[str, Any]:
        return {"start_url": self.url, "spec": self.spec_path, "overrides": self.overrides}

    def folders(self) -> list[tuple[Path, str]]:
        """The folders to check and lock for the crawl (``pathaudit.cli.folders``)."""
        chosen = [(self.out_dir, "output")]
        if self.resume_dir:
            chosen.append((Path(self.resume_dir), "resume"))
        if self.cache_dir:  # a cache that cannot be written would make every answer look lost
            chosen.append((Path(self.cache_dir), "cache"))
        return chosen


@dataclass
class CrawlOutcome:
    """What a finished crawl left: the report (None if none was written), its exit code, and the
    baseline the gate compared with."""

    job: CrawlJob
    report: FindingsReport | None
    exit_code: int
    baseline: FindingsReport | None = None
    problem: str | None = None


def prepare_crawl(url: str, spec_path: str, args: argparse.Namespace, as_of: str | None) -> CrawlJob:
    """Check every input before the first request; raises ``CrawlSetupError`` (one line each)."""
    from reports import parse_formats

    try:
        start = check_start_url(url)
        as_of = check_as_of(as_of)
        chosen = parse_settings(args.set, known_settings())
        spec_path = str(spec_file(spec_path))
        load_spec(spec_path, args.overrides)  # refuse a bad spec before any request is sent
        baseline_previous = getattr(args, "baseline", None) == BASELINE_PREVIOUS
        if baseline_previous and not getattr(args, "history", None):
            raise InputError(f"--baseline {BASELINE_PREVIOUS} needs the history database (not --no-history)")
        baseline = None
        if getattr(args, "baseline", None) and not baseline_previous:
            baseline = load_findings(args.baseline, role="baseline")
        settings = _settings(args, as_of, chosen)
        formats = parse_formats(settings.get("AUDITOR_REPORT_FORMATS") or "")
    except SpecError as err:
        raise CrawlSetupError([redact_url(str(p)) for p in (err.problems or [err])]) from None
    except (InputError, FindingsFileError, ValueError, LookupError, OSError) as err:
        raise CrawlSetupError([redact_url(str(err).strip('"'))]) from None
    if start.had_credentials:
        print("pathaudit: the user name and password in the start URL are not used, shown or kept", file=sys.stderr)
    resume_dir = getattr(args, "resume", None)
    if resume_dir:
        from spiders.resume import ResumeError, cache_settings, open_job

        try:
            state = open_job(resume_dir, start.url)
        except (ResumeError, OSError) as err:
            raise CrawlSetupError([str(err)]) from None
        settings.setdict(cache_settings(state.directory), priority="cmdline")
        if state.cached:
            print(f"pathaudit: resuming the crawl kept in {resume_dir} ({state.cached} answers kept)", file=sys.stderr)
        elif state.restarted:
            print(f"pathaudit: the crawl kept in {resume_dir} had finished; starting afresh", file=sys.stderr)

    cache_dir = getattr(args, "cache", None)
    if cache_dir:
        from spiders.recrawl import recrawl_settings

        if resume_dir:
            raise CrawlSetupError(["give either --cache or --resume, not both"])
        if Path(cache_dir).exists() and not Path(cache_dir).is_dir():
            raise CrawlSetupError([f"--cache: not a folder: {cache_dir}"])
        settings.setdict(recrawl_settings(Path(cache_dir)), priority="cmdline")
    run_id = uuid.uuid4().hex
    settings.set("AUDITOR_RUN_ID", run_id, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", not args.quiet, priority="cmdline")
    return CrawlJob(
        url=start.url, spec_path=spec_path, overrides=args.overrides, out_dir=Path(args.out), settings=settings,
        baseline=baseline, resume_dir=resume_dir, fail_on=args.fail_on, lang=args.lang, quiet=args.quiet,
        run_id=run_id, site=getattr(args, "site", None), history=getattr(args, "history", None),
        ledger=getattr(args, "ledger", None), formats=formats, baseline_previous=baseline_previous,
        cache_dir=cache_dir,
    )


def finish_crawl(job: CrawlJob) -> CrawlOutcome:
    """After the crawler closed: take this run's findings, record the run in the history, write the
    reports (once, here), decide the exit code."""
    from spiders.pipelines import WRITE_ERROR_STAT

    stats = job.crawler.stats if job.crawler is not None else None
    write_error = stats.get_value(WRITE_ERROR_STAT) if stats else None
    if write_error:
        return CrawlOutcome(job, None, EXIT_USAGE,
                            problem=f"{write_error}; the crawl stopped, the files already written are kept")
    try:
        report = this_runs_findings(job.out_dir, job.run_id)
    except OSError as err:
        return CrawlOutcome(job, None, EXIT_USAGE, problem=f"cannot write {job.findings_path}: {err.strerror or err}")
    if report is None:
        return CrawlOutcome(job, None, EXIT_USAGE, problem="the crawl wrote no findings")
    gate_baseline = job.baseline
    if job.history:
        from pathaudit.history.db import HistoryError
        from pathaudit.history.record import record_run

        try:
            previous = record_run(job, report)
        except HistoryError as err:
            print(f"pathaudit: {err}; findings.json is intact, the run is not in the history", file=sys.stderr)
            previous = None
        if job.baseline_previous:
            gate_baseline = previous or FindingsReport(report.site, report.spec, "", "", True, {}, [], [])
    from pathaudit.cli.outputs import write_reports

    try:
        write_reports(job, report, job.baseline)
    except (OSError, ValueError) as err:
        why = err.strerror if isinstance(err, OSError) and err.strerror else err
        return CrawlOutcome(job, report, EXIT_USAGE, gate_baseline,
                            problem=f"the reports could not be written ({why}); findings.json is intact")
    store_failed = stats.get_value("pathaudit/cache_store_failed") if stats else None
    if store_failed:  # the audit is whole; only what a resumed or re-crawl would replay is not
        role = "--resume" if job.resume_dir else "--cache"
        print(f"pathaudit: {role}: {store_failed}; the audit went on without keeping them", file=sys.stderr)
    if job.resume_dir and report.complete:
        from spiders.resume import mark_finished

        try:
            mark_finished(job.resume_dir)
        except OSError as err:  # a full disk: the findings and reports are written, the folder stays resumable
            print(f"pathaudit: cannot mark the crawl in {job.resume_dir} finished ({err.strerror or err}); "
                  "the next run with it resumes instead of starting afresh", file=sys.stderr)
    home = unreachable_home(report)
    if home is not None:
        return CrawlOutcome(job, report, EXIT_UNREACHABLE, gate_baseline,
                            problem=f"the portal could not be reached: {explain(home, 'en')}")
    if not report.complete and (report.stats.get("snapshot") or report.stats.get("close_reason") == "shutdown"):
        return CrawlOutcome(job, report, EXIT_INTERRUPTED, gate_baseline)
    return CrawlOutcome(job, report, exit_code(report, job.fail_on, gate_baseline), gate_baseline)


def _crawl(url: str, spec_path: str, args: argparse.Namespace, as_of: str | None) -> int:
    """Check every input and the folders, run the crawl, write the reports, return the exit code."""
    try:
        job = prepare_crawl(url, spec_path, args, as_of)
    except CrawlSetupError as err:
        for line in err.lines:
            print(f"pathaudit: {line}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with crawl_folders(job.folders()):
            outcome = _run(job)
    except FolderError as err:
        print(f"pathaudit: {err}", file=sys.stderr)
        return EXIT_USAGE
    if outcome.report is None:
        print(f"pathaudit: {outcome.problem} (see the log above)", file=sys.stderr)
        return outcome.exit_code
    from pathaudit.cli.summary import print_summary

    print_summary(outcome)
    if outcome.problem:
        print(f"pathaudit: {outcome.problem} ({job.url})", file=sys.stderr)
    return outcome.exit_code


def _run(job: CrawlJob) -> CrawlOutcome:
    from scrapy.crawler import CrawlerProcess

    from spiders.pathwalk import PathWalkSpider

    process = CrawlerProcess(job.settings)
    job.crawler = process.create_crawler(PathWalkSpider)
    process.crawl(job.crawler, **job.spider_kwargs())
    process.start()
    return finish_crawl(job)


def this_runs_findings(out: Path, run_id: str) -> FindingsReport | None:
    """This run's findings: findings.json if this run wrote it; else this run's last snapshot (a
    crawl forced to stop before closing), which then becomes findings.json, marked partial
    (``complete: false``, ``stats.snapshot``). An older run's files are never taken for this one's."""
    from spiders.pipelines import FINDINGS_NAME, SNAPSHOT_NAME

    final, snapshot = out / FINDINGS_NAME, out / SNAPSHOT_NAME
    for path in (final, snapshot):
        try:
            report = load_findings(path)
        except FindingsFileError:
            continue
        if report.stats.get("run_id") != run_id:
            continue
        if path == snapshot:
            snapshot.replace(final)
        return report
    return None


def run_crawl(args: argparse.Namespace) -> int:
    from pathaudit.cli.config_cmd import resolve_or_exit

    if resolve_or_exit(args) is None:
        return EXIT_USAGE
    if not args.spec:
        print("pathaudit: no spec: give --spec (a bundled name or a file) or spec in pathaudit.toml", file=sys.stderr)
        return EXIT_USAGE
    if bool(args.url) == bool(args.local_dir):
        print("pathaudit: give either a start URL or --local-dir BUILD_DIR", file=sys.stderr)
        return EXIT_USAGE
    if args.local_dir and args.resume:
        print("pathaudit: --resume is for crawls of a web site; a --local-dir build is served afresh", file=sys.stderr)
        return EXIT_USAGE
    if not args.local_dir:
        return _crawl(args.url, args.spec, args, args.as_of)
    from pathaudit.cli.local_dir import directory_portal
    from pathaudit.loopback.server import serve

    if not args.site:  # served on another port each time: the history knows the build by its folder
        args.site = f"local:{Path(args.local_dir).resolve()}"
    try:
        portal = directory_portal(args.local_dir)
    except ValueError as err:
        print(f"pathaudit: {err}", file=sys.stderr)
        return EXIT_USAGE
    with serve(portal) as running:
        print(f"pathaudit: serving {args.local_dir} at {running.base_url}", file=sys.stderr)
        return _crawl(running.base_url, args.spec, args, args.as_of)


def run_demo(args: argparse.Namespace) -> int:
    from pathaudit.cli.config_cmd import resolve_or_exit

    if resolve_or_exit(args) is None:
        return EXIT_USAGE
    # the demo portal is a package of its own, imported only when the demo runs
    from path_specs import bundled_spec
    from sample_portal.server import serve_portal

    spec_path = str(bundled_spec("liangjiang-2021"))
    with serve_portal() as running:
        as_of = args.as_of or running.portal.manifest.get("as_of")
        print(f"pathaudit demo: sample portal at {running.base_url} (as of {as_of})", file=sys.stderr)
        return _crawl(running.base_url, spec_path, args, as_of)
