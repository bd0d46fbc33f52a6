"""``pathaudit crawl`` and ``pathaudit demo``: run the walk, write findings and reports, gate CI.

The crawl runs in this process with Scrapy's ``CrawlerProcess`` (which can run once per process, so
tests drive this command in a subprocess). Settings come from ``spiders.settings``; ``--set``
overrides any of them as Scrapy's ``-s`` does.

Every input is checked before the first request (``pathaudit.cli.inputs``), and the output and
resume folders are proven writable and locked against a second crawl (``pathaudit.cli.folders``).
The spider's pipeline writes findings.json only; the reports are rendered here, once, from it.
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
from dataclasses import dataclass
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


def register(sub: Any) -> None:
    crawl = sub.add_parser("crawl", help="audit a portal against a path spec")
    crawl.add_argument("url", nargs="?", help="the portal's home page (http or https)")
    crawl.add_argument("--spec", required=True, help="path spec (YAML)")
    crawl.add_argument(
        "--local-dir", metavar="BUILD_DIR", help="audit a site build folder, served on 127.0.0.1 for the crawl"
    )
    crawl.add_argument(
        "--resume", metavar="DIR",
        help="keep the crawl's state in DIR; run again with the same DIR to continue a crawl that was killed",
    )
    crawl.add_argument("--ignore-robots", action="store_true", help="do not obey the site's robots.txt")
    _common(crawl, default_out="pathaudit-out", default_fail_on="error")
    crawl.set_defaults(handler=run_crawl)

    demo = sub.add_parser("demo", help="serve the bundled sample portal on 127.0.0.1 and audit it")
    _common(demo, default_out="pathaudit-out/demo", default_fail_on="never")
    demo.set_defaults(handler=run_demo)


def _common(parser: argparse.ArgumentParser, *, default_out: str, default_fail_on: str) -> None:
    parser.add_argument("--overrides", help="site overrides (extra aliases, allowed hosts)")
    parser.add_argument("--out", default=default_out, help=f"output directory (default {default_out})")
    parser.add_argument("--as-of", help="judge staleness and deadlines as of this date (YYYY-MM-DD)")
    parser.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default=default_fail_on)
    parser.add_argument("--baseline", help="an earlier findings.json: only new findings fail the gate")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="report language")
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
    if not args.quiet and sys.stderr.isatty():
        settings.set("EXTENSIONS", {"spiders.progress.TerminalProgress": 500}, priority="cmdline")
    if as_of:
        settings.set("AUDITOR_AS_OF", as_of, priority="cmdline")
    if getattr(args, "ignore_robots", False):
        settings.set("ROBOTSTXT_OBEY", False, priority="cmdline")
    for name, value in chosen.items():
        settings.set(name, value, priority="cmdline")
    return settings


@dataclass
class CrawlInputs:
    """What the user asked for, every part checked before the first request."""

    url: str
    as_of: str | None
    settings: Any
    formats: list[str]
    baseline: FindingsReport | None


def _check_inputs(url: str, spec_path: str, args: argparse.Namespace, as_of: str | None) -> CrawlInputs:
    """Raise ``InputError``/``SpecError``/``FindingsFileError`` (one line each) for any bad input."""
    from reports import parse_formats

    start = check_start_url(url)
    as_of = check_as_of(as_of)
    chosen = parse_settings(args.set, known_settings())
    load_spec(spec_path, args.overrides)  # refuse a bad spec before any request is sent
    baseline = load_findings(args.baseline, role="baseline") if args.baseline else None
    settings = _settings(args, as_of, chosen)
    formats = parse_formats(settings.get("AUDITOR_REPORT_FORMATS") or "")
    if start.had_credentials:
        print("pathaudit: the user name and password in the start URL are not used, shown or kept", file=sys.stderr)
    return CrawlInputs(start.url, as_of, settings, formats, baseline)


def _crawl(url: str, spec_path: str, args: argparse.Namespace, as_of: str | None) -> int:
    """Check every input and the folders, run the crawl, write the reports, return the exit code."""
    try:
        inputs = _check_inputs(url, spec_path, args, as_of)
    except SpecError as err:
        for problem in err.problems or [err]:
            print(f"pathaudit: {redact_url(str(problem))}", file=sys.stderr)
        return EXIT_USAGE
    except (InputError, FindingsFileError, ValueError) as err:
        print(f"pathaudit: {redact_url(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    folders = [(Path(args.out), "output")]
    if getattr(args, "resume", None):
        folders.append((Path(args.resume), "resume"))
    try:
        with crawl_folders(folders):
            return _run(inputs, spec_path, args)
    except FolderError as err:
        print(f"pathaudit: {err}", file=sys.stderr)
        return EXIT_USAGE


def _run(inputs: CrawlInputs, spec_path: str, args: argparse.Namespace) -> int:
    url, settings, out = inputs.url, inputs.settings, Path(args.out)
    resume_dir = getattr(args, "resume", None)
    if resume_dir:
        from spiders.resume import ResumeError, cache_settings, open_job

        try:
            state = open_job(resume_dir, url)
        except (ResumeError, OSError) as err:
            print(f"pathaudit: {err}", file=sys.stderr)
            return EXIT_USAGE
        settings.setdict(cache_settings(state.directory), priority="cmdline")
        if state.cached:
            print(f"pathaudit: resuming the crawl kept in {resume_dir} ({state.cached} answers kept)", file=sys.stderr)
        elif state.restarted:
            print(f"pathaudit: the crawl kept in {resume_dir} had finished; starting afresh", file=sys.stderr)

    from scrapy.crawler import CrawlerProcess

    from spiders.pathwalk import PathWalkSpider
    from spiders.pipelines import WRITE_ERROR_STAT

    run_id = uuid.uuid4().hex
    settings.set("AUDITOR_RUN_ID", run_id, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", not args.quiet, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PathWalkSpider)
    process.crawl(crawler, start_url=url, spec=spec_path, overrides=args.overrides)
    process.start()
    write_error = crawler.stats.get_value(WRITE_ERROR_STAT) if crawler.stats else None
    if write_error:
        print(f"pathaudit: {write_error}; the crawl stopped, the files already written are kept", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = this_runs_findings(out, run_id)
    except OSError as err:
        print(f"pathaudit: cannot write {out / 'findings.json'}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    if report is None:
        print("pathaudit: the crawl wrote no findings (see the log above)", file=sys.stderr)
        return EXIT_USAGE
    from reports import write_all

    try:
        write_all(report, out, lang=args.lang, baseline=inputs.baseline, formats=inputs.formats)
    except (OSError, ValueError) as err:
        why = err.strerror if isinstance(err, OSError) and err.strerror else err
        print(f"pathaudit: the reports could not be written ({why}); findings.json is intact", file=sys.stderr)
        return EXIT_USAGE
    if resume_dir and report.complete:
        from spiders.resume import mark_finished

        mark_finished(resume_dir)
    from pathaudit.cli.summary import print_summary

    print_summary(report, out, baseline=inputs.baseline)
    home = unreachable_home(report)
    if home is not None:
        print(f"pathaudit: the portal could not be reached: {explain(home, 'en')} ({url})", file=sys.stderr)
        return EXIT_UNREACHABLE
    if not report.complete and (report.stats.get("snapshot") or report.stats.get("close_reason") == "shutdown"):
        return EXIT_INTERRUPTED
    return exit_code(report, args.fail_on, inputs.baseline)


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
    if bool(args.url) == bool(args.local_dir):
        print("pathaudit: give either a start URL or --local-dir BUILD_DIR", file=sys.stderr)
        return EXIT_USAGE
    if args.local_dir and args.resume:
        print("pathaudit: --resume is for crawls of a web site; a --local-dir build is served afresh", file=sys.stderr)
        return EXIT_USAGE
    if not args.local_dir:
        return _crawl(args.url, args.spec, args, args.as_of)
    from pathaudit.cli.local_dir import directory_portal
    from pathaudit.sample_portal.server import serve_portal

    try:
        portal = directory_portal(args.local_dir)
    except ValueError as err:
        print(f"pathaudit: {err}", file=sys.stderr)
        return EXIT_USAGE
    with serve_portal(portal) as running:
        print(f"pathaudit: serving {args.local_dir} at {running.base_url}", file=sys.stderr)
        return _crawl(running.base_url, args.spec, args, args.as_of)


def run_demo(args: argparse.Namespace) -> int:
    from pathaudit.sample_portal.server import serve_portal
    from path_specs import bundled_spec

    spec_path = str(bundled_spec("liangjiang-2021"))
    with serve_portal() as running:
        as_of = args.as_of or running.portal.manifest.get("as_of")
        print(f"pathaudit demo: sample portal at {running.base_url} (as of {as_of})", file=sys.stderr)
        return _crawl(running.base_url, spec_path, args, as_of)
