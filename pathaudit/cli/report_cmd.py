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
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from pathaudit.cli import EXIT_UNREACHABLE, EXIT_USAGE
from auditor.model.findings import SEVERITY_RANK, FindingsReport
from auditor.audit.gate import FAIL_ON_CHOICES, exit_code, unreachable_home

FORMAT_CHOICES = ("html", "junit", "md", "xlsx", "pdf", "all")
#: findings of a very large portal run to tens of MB; a file far larger is not one (never read whole)
MAX_FINDINGS_BYTES = 1024 * 1024 * 1024
LANG_CHOICES = ("zh", "en")


class FindingsFileError(Exception):
    """A findings file that cannot be read as ``pathaudit/findings/1``: the message says why."""


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
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from reports import DEFAULT_FORMATS, output_name, render, write

    try:
        report = load_findings(args.findings)
        baseline = load_findings(args.baseline, role="baseline") if args.baseline else None
    except FindingsFileError as err:
        return _usage_error(str(err))

    formats = list(DEFAULT_FORMATS) if args.format == "all" else [args.format]
    findings_dir = Path(args.findings).resolve().parent
    try:
        if args.out == "-":
            if len(formats) != 1 or formats[0] in ("xlsx", "pdf"):
                return _usage_error("--out - (standard output) takes one text format: html, junit or md")
            content = render(report, formats[0], args.lang, baseline, findings_dir)
            data = content.encode("utf-8") if isinstance(content, str) else content
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            for fmt, target in _targets(formats, args.out, findings_dir, args.lang, output_name):
                written = write(report, fmt, target, args.lang, baseline, findings_dir)
                print(f"pathaudit report: wrote {written}", file=sys.stderr)
    except OSError as err:
        return _usage_error(f"cannot write the report: {err.strerror or err} ({err.filename or args.out})")
    if unreachable_home(report) is not None:
        print("pathaudit report: the portal could not be reached when it was crawled: nothing was audited",
              file=sys.stderr)
        return EXIT_UNREACHABLE
    return exit_code(report, args.fail_on, baseline)


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


def load_findings(path: str | Path, role: str = "findings") -> FindingsReport:
    """Read and check a findings file; every way it can be wrong becomes one clear sentence."""
    where = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FINDINGS_BYTES:
            raise FindingsFileError(f"{role} file is {info.st_size // (1024 * 1024)} MB: too large for a findings.json: {where}")
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise FindingsFileError(f"{role} file is not a regular file (a device or a pipe): {where}")
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FindingsFileError(f"{role} file not found: {where}") from None
    except IsADirectoryError:
        raise FindingsFileError(f"{role} file is a directory, not a findings.json: {where}") from None
    except UnicodeDecodeError:
        raise FindingsFileError(f"{role} file is not UTF-8 text: {where}") from None
    except OSError as err:
        raise FindingsFileError(f"cannot read {role} file {where}: {err.strerror or err}") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise FindingsFileError(f"{role} file nests too deep to be a findings document: {where}") from None
    except json.JSONDecodeError as err:
        raise FindingsFileError(
            f"{role} file is not valid JSON ({err.msg} at line {err.lineno}, column {err.colno}): {where}"
        ) from None
    if not isinstance(data, dict):
        raise FindingsFileError(f"{role} file is not a findings document (expected a JSON object): {where}")
    problem = _shape_problem(data)
    if problem is None:
        try:
            return FindingsReport.from_dict(data)
        except ValueError as err:
            problem = str(err)
        except (KeyError, TypeError, AttributeError) as err:
            problem = f"malformed entry ({type(err).__name__}: {err})"
    raise FindingsFileError(f"{role} file is not a valid findings document: {problem}: {where}")


def _shape_problem(data: dict[str, Any]) -> str | None:
    """The first way ``data`` departs from the findings contract that the reports cannot cope with."""
    from auditor.model.findings import SCHEMA_ID

    if data.get("schema") != SCHEMA_ID:
        return f"schema is {data.get('schema')!r}, expected {SCHEMA_ID!r}"
    for key, kind in (("site", dict), ("spec", dict), ("stats", dict), ("paths", list), ("findings", list)):
        if not isinstance(data.get(key), kind):
            return f"{key!r} must be a JSON {'object' if kind is dict else 'array'}"
    for key in ("started_at", "finished_at"):
        if not isinstance(data.get(key), str):
            return f"{key!r} must be a string"
    if not isinstance(data.get("complete"), bool):
        return "'complete' must be true or false"
    for number, path in enumerate(data["paths"]):
        if not isinstance(path, dict):
            return f"paths[{number}] is not an object"
        for key in ("id", "status", "clause"):
            if not isinstance(path.get(key), str):
                return f"paths[{number}].{key} must be a string"
        for key in ("path", "lead", "responsible", "trail"):
            if not isinstance(path.get(key), list):
                return f"paths[{number}].{key} must be an array"
        if not all(isinstance(s, dict) and "name" in s and "url" in s for s in path["trail"]):
            return f"paths[{number}].trail entries need a name and a url"
        if not isinstance(path.get("checked_media", []), list):
            return f"paths[{number}].checked_media must be an array"
    for number, finding in enumerate(data["findings"]):
        if not isinstance(finding, dict):
            return f"findings[{number}] is not an object"
        if not isinstance(finding.get("kind"), str) or not isinstance(finding.get("message"), str):
            return f"findings[{number}] needs a kind and a message"
        if finding.get("severity") not in SEVERITY_RANK:
            return f"findings[{number}].severity is {finding.get('severity')!r}, expected error, warning or info"
        if finding.get("path") is not None and not isinstance(finding.get("path"), list):
            return f"findings[{number}].path must be an array or null"
        if not isinstance(finding.get("evidence", {}), dict):
            return f"findings[{number}].evidence must be an object"
    return None


def _usage_error(message: str) -> int:
    print(f"pathaudit report: error: {message}", file=sys.stderr)
    return EXIT_USAGE
