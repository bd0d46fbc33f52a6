"""``pathaudit crawl`` and ``pathaudit demo``: run the walk, write findings and reports, gate CI.

The crawl runs in this process through ``spiders.runtime.run_crawls`` (Scrapy's reactor runs once
per process, so tests drive this command in a subprocess). Settings come from ``spiders.settings``; ``--set``
overrides any of them as Scrapy's ``-s`` does.

Every input is checked before the first request (``pathaudit.cli.inputs``), and the output and
resume folders are proven writable and locked against a second crawl (``spiders.folders``).
The spider's pipeline writes findings.json only; the run is recorded in the history database
(``pathaudit.history``) and the reports are rendered here, once, from it.
``prepare_crawl`` / ``finish_crawl`` split a crawl around the runtime so that ``pathaudit run`` can
hand several sites to one call.
A portal whose home page cannot be read is its own outcome: one line, ``EXIT_UNREACHABLE``.

Nothing is lost: ``--resume DIR`` keeps every answer of the site in DIR, so a crawl killed at any
moment continues where it stopped when run again with the same DIR (``spiders.resume``). A crawl
stopped by Ctrl-C or SIGTERM leaves findings.json and the reports of what it saw, marked partial,
and exits with ``EXIT_INTERRUPTED``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathaudit.cli import EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_UNREACHABLE, EXIT_USAGE
from spiders.folders import FolderError, FolderLocked, crawl_folders
from pathaudit.cli.options import BASELINE_PREVIOUS, add_crawl_options
from pathaudit.cli.inputs import InputError, check_as_of, check_start_url, known_settings, parse_settings
from pathaudit.cli.log import today
from auditor.walk.scope import redact_url
from path_specs import spec_file
from spiders.runtime import Crawl, project_setting, run_crawls

if TYPE_CHECKING:
    from auditor.model.findings import FindingsReport

# The audit (its rules, the findings contract, the spec reader) and Scrapy are imported where they are
# first used: every ``crawl``, ``demo`` and ``run`` command line imports this module, ``--help``
# included (tests/pathaudit/cli/test_startup_imports.py holds what start-up may import).


def register(sub: Any) -> None:
    crawl = sub.add_parser(
        "crawl", help="audit a portal against a path spec", formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
               "  pathaudit crawl https://www.ljxq.gov.cn/ --spec liangjiang-2021\n"
               "  pathaudit crawl --local-dir public/ --spec specs/district.yaml --fail-on warning -q   (CI)\n"
               "  pathaudit crawl https://www.ljxq.gov.cn/ --spec liangjiang-2021 --baseline previous -v\n"
               "\nexit codes:\n"
               "  0  no finding at or above --fail-on\n"
               "  1  some finding is at or above --fail-on (with --baseline: some new finding)\n"
               "  2  bad input (URL, spec, date, --set), an output folder that cannot be written\n"
               "  3  the portal could not be audited: its home page could not be read\n"
               "  4  another crawl is writing to the output or --resume folder; nothing touched\n"
               "  130  stopped by Ctrl-C/SIGTERM; what was seen is written, marked partial\n")
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
    add_crawl_options(crawl, default_out="pathaudit-out", default_fail_on="error")
    crawl.set_defaults(handler=run_crawl)

    demo = sub.add_parser("demo", help="serve the bundled sample portal on 127.0.0.1 and audit it")
    add_crawl_options(demo, default_out="pathaudit-out/demo", default_fail_on="never")
    demo.set_defaults(handler=run_demo)


def _log_level(args: argparse.Namespace) -> str:
    """-q: errors only; default: warnings; -v: what the crawl does; -vv: every request."""
    if args.quiet:
        return "ERROR"
    verbose = getattr(args, "verbose", 0) or 0
    return "DEBUG" if verbose >= 2 else "INFO" if verbose else "WARNING"


def _settings(args: argparse.Namespace, as_of: str | None, chosen: dict[str, Any]) -> dict[str, Any]:
    """The crawl's settings chosen here, above the project's (``spiders.settings``) as ``-s`` is."""
    settings: dict[str, Any] = {
        "AUDITOR_OUT_DIR": str(Path(args.out)),
        "AUDITOR_REPORT_LANG": args.lang,
        "LOG_LEVEL": _log_level(args),
    }
    if args.quiet:
        settings["AUDITOR_PROGRESS"] = "off"
    if as_of:
        settings["AUDITOR_AS_OF"] = as_of
    if getattr(args, "ignore_robots", False):
        settings["ROBOTSTXT_OBEY"] = False
    settings.update(chosen)
    also = [host.strip() for host in getattr(args, "also_host", None) or [] if host.strip()]
    if also:
        listed = [h for h in str(settings.get("AUDITOR_ALLOWED_HOSTS") or "").split(",") if h.strip()]
        settings["AUDITOR_ALLOWED_HOSTS"] = ",".join([*listed, *also])
    if getattr(args, "render", None):
        settings["AUDITOR_RENDER"] = args.render
    return settings


class CrawlSetupError(Exception):
    """The crawl cannot start (bad spec, URL, baseline, setting, resume folder): ``lines`` say why,
    one problem a line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines


@dataclass
class CrawlJob:
    """One site's crawl, every input checked, ready to be handed to ``spiders.runtime.run_crawls``
    (``pathaudit run`` hands several to one call)."""

    url: str
    spec_path: str
    overrides: str | None
    out_dir: Path
    #: the settings chosen for this crawl (above the project's), plain values
    settings: dict[str, Any]
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
    #: the crawl as handed to the runtime; after it ran: its times, stats and failure
    crawl: Crawl | None = None

    @property
    def findings_path(self) -> Path:
        return self.out_dir / "findings.json"

    def to_crawl(self, name: str | None = None) -> Crawl:
        """The runtime's description of this crawl (kept as ``crawl`` for ``finish_crawl``)."""
        self.crawl = Crawl(name=name or self.site or self.url, start_url=self.url, spec=self.spec_path,
                           overrides=self.overrides, settings=self.settings)
        return self.crawl

    def folders(self) -> list[tuple[Path, str]]:
        """The folders to check and lock for the crawl (``spiders.folders``)."""
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
    from auditor.model.findings import FindingsFileError, FindingsReport
    from auditor.specs.errors import SpecError
    from auditor.specs.loader import load_spec
    from reports import parse_formats

    try:
        start = check_start_url(url)
        as_of = check_as_of(as_of) or today().isoformat()  # "today" in the zone of the timezone setting
        chosen = parse_settings(args.set, known_settings())
        spec_path = str(spec_file(spec_path))
        load_spec(spec_path, args.overrides)  # refuse a bad spec before any request is sent
        baseline_previous = getattr(args, "baseline", None) == BASELINE_PREVIOUS
        if baseline_previous and not getattr(args, "history", None):
            raise InputError(f"--baseline {BASELINE_PREVIOUS} needs the history database (not --no-history)")
        baseline = None
        if getattr(args, "baseline", None) and not baseline_previous:
            baseline = FindingsReport.read(args.baseline, role="baseline")
        settings = _settings(args, as_of, chosen)
        formats = parse_formats(project_setting("AUDITOR_REPORT_FORMATS", settings) or "")
        settings.setdefault("AUDITOR_PRELOAD_MODULES", ",".join(after_crawl_modules(formats, getattr(args, "history", None))))
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
        settings.update(cache_settings(state.directory))
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
        settings.update(recrawl_settings(Path(cache_dir)))
    import uuid

    run_id = uuid.uuid4().hex
    settings["AUDITOR_RUN_ID"] = run_id
    settings["LOG_INSTALL_ROOT_HANDLER"] = not args.quiet
    return CrawlJob(
        url=start.url, spec_path=spec_path, overrides=args.overrides, out_dir=Path(args.out), settings=settings,
        baseline=baseline, resume_dir=resume_dir, fail_on=args.fail_on, lang=args.lang, quiet=args.quiet,
        run_id=run_id, site=getattr(args, "site", None), history=getattr(args, "history", None),
        ledger=getattr(args, "ledger", None), formats=formats, baseline_previous=baseline_previous,
        cache_dir=cache_dir,
    )


def after_crawl_modules(formats: list[str], history: str | None) -> list[str]:
    """What ``finish_crawl`` imports once the crawler has closed: the spider imports them while it
    waits on the portal's answers (``spiders.warm_up.start_preload``), so the reports are written as
    soon as the last answer is read rather than after ~0.15 s of imports (0.25 s on a busy machine)."""
    from reports import renderer_modules

    modules = ["auditor.audit.gate", "pathaudit.cli.outputs", "pathaudit.cli.summary", *renderer_modules(formats)]
    return [*modules, "pathaudit.history.record"] if history else modules


def finish_crawl(job: CrawlJob) -> CrawlOutcome:
    """After the crawler closed: take this run's findings, record the run in the history, write the
    reports (once, here), decide the exit code."""
    from auditor.audit.gate import judge, unreachable_home
    from auditor.model.findings import FindingsReport
    from auditor.model.reasons import explain

    write_error = job.crawl.write_error if job.crawl is not None else None
    if write_error:
        return CrawlOutcome(job, None, EXIT_USAGE,
                            problem=f"{write_error}; the crawl stopped, the files already written are kept")
    try:
        report = this_runs_findings(job.out_dir, job.run_id)
    except OSError as err:
        return CrawlOutcome(job, None, EXIT_USAGE, problem=f"cannot write {job.findings_path}: {err.strerror or err}")
    if report is None:
        failure = job.crawl.failure if job.crawl is not None else None
        return CrawlOutcome(job, None, EXIT_USAGE, problem=failure or "the crawl wrote no findings")
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

    judgement = judge(report, gate_baseline, job.fail_on)
    try:
        # JUnit fails what the gate fails (with --fail-on never there is no gate: by severity)
        write_reports(job, report, job.baseline, judgement if job.fail_on != "never" else None)
    except (OSError, ValueError) as err:
        why = err.strerror if isinstance(err, OSError) and err.strerror else err
        return CrawlOutcome(job, report, EXIT_USAGE, gate_baseline,
                            problem=f"the reports could not be written ({why}); findings.json is intact")
    store_failed = job.crawl.stats.get("pathaudit/cache_store_failed") if job.crawl is not None else None
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
    return CrawlOutcome(job, report, judgement.exit_code, gate_baseline)


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
        return EXIT_LOCKED if isinstance(err, FolderLocked) else EXIT_USAGE
    if outcome.report is None:
        print(f"pathaudit: {outcome.problem} (see the log above)", file=sys.stderr)
        return outcome.exit_code
    from pathaudit.cli.summary import print_summary

    print_summary(outcome)
    if outcome.problem:
        print(f"pathaudit: {outcome.problem} ({job.url})", file=sys.stderr)
    return outcome.exit_code


def _run(job: CrawlJob) -> CrawlOutcome:
    run_crawls([job.to_crawl()])
    return finish_crawl(job)


def this_runs_findings(out: Path, run_id: str) -> FindingsReport | None:
    """This run's findings: findings.json if this run wrote it; else this run's last snapshot (a
    crawl forced to stop before closing), which then becomes findings.json, marked partial
    (``complete: false``, ``stats.snapshot``). An older run's files are never taken for this one's."""
    from auditor.model.findings import FindingsFileError, FindingsReport
    from spiders.pipelines import FINDINGS_NAME, SNAPSHOT_NAME

    final, snapshot = out / FINDINGS_NAME, out / SNAPSHOT_NAME
    for path in (final, snapshot):
        try:
            report = FindingsReport.read(path)
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
