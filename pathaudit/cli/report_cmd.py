"""``pathaudit report FINDINGS_JSON``: rebuild reports from a findings file, and gate CI on it.

Reports are pure functions of ``findings.json``, so this command can run long after the crawl, on
another machine, in another language, against another baseline::

    pathaudit report out/findings.json --format all --out out/        # every format
    pathaudit report out/findings.json --format md --out - >> "$GITHUB_STEP_SUMMARY"
    pathaudit report out/findings.json --baseline main/findings.json --fail-on error

``--out`` takes a directory (formats get their standard names, see ``reports.output_name``) or, for
one format, a file; ``-`` writes html, junit or md to standard output. The default is the findings
file's directory. Exit: 0 nothing (new) at or above ``--fail-on``, 1 otherwise, 2 for a missing or
invalid findings file or an output that cannot be written (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pathaudit.cli import EXIT_USAGE
from auditor.model.findings import FindingsFileError, FindingsReport
from auditor.audit.gate import FAIL_ON_CHOICES, judge

FORMAT_CHOICES = ("html", "junit", "md", "xlsx", "pdf", "all")
LANG_CHOICES = ("zh", "en")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="build reports from a findings.json (html, junit, md, xlsx)",
        description="Build the HTML report, JUnit XML, Markdown summary or Excel ledger from a "
        "findings.json, and exit non-zero when findings reach --fail-on.",
    )
    parser.add_argument("findings", metavar="FINDINGS_JSON", help="the findings.json a crawl wrote")
    parser.add_argument("--format", choices=FORMAT_CHOICES, default="all", help="report format (default all)")
    parser.add_argument("--lang", choices=LANG_CHOICES, default="zh", help="report language (default zh)")
    parser.add_argument("--baseline", metavar="OLD_FINDINGS_JSON",
                        help="an earlier findings.json: reports mark new and resolved findings, "
                        "and only new findings count for --fail-on")
    parser.add_argument("--out", metavar="PATH_OR_DIR",
                        help="output directory, or a file for one format, or - for stdout "
                        "(default: the findings file's directory)")
    parser.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default="error",
                        help="exit 1 when a (new) finding is at or above this severity (default error)")
    parser.add_argument("--timezone", metavar="ZONE",
                        help="show times in this zone, e.g. Asia/Shanghai (default: the machine's)")
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from reports import DEFAULT_FORMATS, output_name, render, write

    if getattr(args, "timezone", None):  # the times of findings.json (UTC) shown in this zone
        from pathaudit.cli.log import use_timezone
        from pathaudit.config import ConfigError, check_timezone

        try:
            use_timezone(check_timezone(args.timezone, "--timezone"))
        except ConfigError as err:
            return _usage_error(str(err))

    try:
        report = FindingsReport.read(args.findings)
        baseline = FindingsReport.read(args.baseline, role="baseline") if args.baseline else None
    except FindingsFileError as err:
        return _usage_error(str(err))

    judgement = judge(report, baseline, args.fail_on)
    # JUnit fails what the gate fails; with --fail-on never there is no gate, so it fails by severity
    gate = judgement if args.fail_on != "never" else None
    formats = list(DEFAULT_FORMATS) if args.format == "all" else [args.format]
    findings_dir = Path(args.findings).resolve().parent
    try:
        if args.out == "-":
            if len(formats) != 1 or formats[0] in ("xlsx", "pdf"):
                return _usage_error("--out - (standard output) takes one text format: html, junit or md")
            content = render(report, formats[0], args.lang, baseline, findings_dir, gate)
            data = content.encode("utf-8") if isinstance(content, str) else content
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            for fmt, target in _targets(formats, args.out, findings_dir, args.lang, output_name):
                written = write(report, fmt, target, args.lang, baseline, findings_dir, gate)
                print(f"pathaudit report: wrote {written}", file=sys.stderr)
    except OSError as err:
        return _usage_error(f"cannot write the report: {err.strerror or err} ({err.filename or args.out})")
    if judgement.verdict == "unreachable":
        print("pathaudit report: the portal could not be reached when it was crawled: nothing was audited",
              file=sys.stderr)
    return judgement.exit_code


def _targets(
    formats: list[str], out: str | None, default_dir: Path, lang: str, output_name: Any
) -> list[tuple[str, Path]]:
    """Where each format goes: into a directory under its standard name, or to the one file named."""
    if out is None:
        return [(fmt, default_dir / output_name(fmt, lang)) for fmt in formats]
    target = Path(out)
    is_dir = target.is_dir() or out.endswith(("/", "\\")) or len(formats) > 1
    if is_dir:
        if target.exists() and not target.is_dir():
            raise NotADirectoryError(20, "not a directory", out)
        return [(fmt, target / output_name(fmt, lang)) for fmt in formats]
    return [(formats[0], target)]


def _usage_error(message: str) -> int:
    print(f"pathaudit report: error: {message}", file=sys.stderr)
    return EXIT_USAGE
