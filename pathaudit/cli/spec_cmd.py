"""``pathaudit spec check FILE... [--overrides FILE]``: validate spec files and show what they mandate.

Prints each spec's expanded paths as a table (so an author sees exactly which columns a ``A/B``
segment or a merged duplicate turns into), or every problem as ``file:line: message``. Exit 0 when
every file is valid, 2 when any is not; all files are checked either way.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from auditor.specs import MandatedPath, Rules, Spec, SpecError, load_overrides, load_spec

EXIT_OK = 0
EXIT_INVALID = 2
_HEADERS = ("ID", "PATH", "CLAUSE", "LEAD", "RESPONSIBLE", "RULES")
_GAP = "  "


def register(subparsers: argparse._SubParsersAction) -> None:
    spec = subparsers.add_parser(
        "spec",
        help="check path-spec files",
        description="Work with path specs, the YAML files that list the columns a mandate requires.",
    )
    spec.set_defaults(handler=_missing_action, spec_parser=spec)
    actions = spec.add_subparsers(dest="spec_action", metavar="ACTION")
    check = actions.add_parser(
        "check",
        help="validate spec files and print their expanded paths",
        description="Validate spec files and print every mandated path after expansion. "
        "Exit status 0 if all are valid, 2 if any is not.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a spec file (YAML)")
    check.add_argument("--overrides", metavar="FILE", help="a site-overrides file to layer on each spec")
    check.set_defaults(handler=run_check)
    draft = actions.add_parser(
        "draft",
        help="draft a spec from a task-list document (.docx, .pdf, text)",
        description="Draft a spec from a 任务分工 document: every 公开路径 and column it names, with clause, "
        "quote, units, deadlines, sub-columns and fields. Inferred values carry a YAML comment. "
        "Exit status 0 on success, 2 if the document cannot be read.",
    )
    draft.add_argument("document", metavar="DOCUMENT", help="the task list: .docx, .pdf or a text export")
    draft.add_argument("--against", metavar="OLD.yaml", help="a previous spec: print the paths added and removed "
                       "and the units, deadlines, sub-columns and fields changed")
    draft.add_argument("--out", "-o", metavar="FILE", help="write the draft here (default: standard output)")
    draft.add_argument("--id", dest="spec_id", metavar="ID", help="the spec id (default: from the file name)")
    draft.set_defaults(handler=run_draft)


def _missing_action(args: argparse.Namespace) -> int:
    args.spec_parser.print_help(sys.stderr)
    return EXIT_INVALID


def run_check(args: argparse.Namespace) -> int:
    out, err = sys.stdout, sys.stderr
    if args.overrides is not None:
        try:
            load_overrides(args.overrides)
        except SpecError as exc:
            _print_problems(exc, err)
            return EXIT_INVALID
    failed = 0
    for number, file in enumerate(args.files):
        try:
            spec = load_spec(file, overrides=args.overrides)
        except SpecError as exc:
            _print_problems(exc, err)
            failed += 1
            continue
        if number:
            print(file=out)
        print_spec(spec, out)
    if failed:
        print(f"{failed} of {len(args.files)} spec file(s) invalid", file=err)
        return EXIT_INVALID
    return EXIT_OK


def run_draft(args: argparse.Namespace) -> int:
    """Draft, then write the YAML and, with ``--against``, the changes (to standard error when the
    YAML goes to standard output, so ``> new.yaml`` keeps a clean file)."""
    from auditor.specs.draft import DocumentError, compare_specs, draft_file

    err = sys.stderr
    old = None
    if args.against is not None:
        try:
            old = load_spec(args.against)
        except SpecError as exc:
            _print_problems(exc, err)
            return EXIT_INVALID
    try:
        drafted = draft_file(args.document, spec_id=args.spec_id)
    except DocumentError as exc:
        print(f"pathaudit spec draft: {args.document}: {exc}", file=err)
        return EXIT_INVALID
    except SpecError as exc:
        print(f"pathaudit spec draft: {args.document}: the draft does not load ({exc.message})", file=err)
        return EXIT_INVALID
    report = sys.stdout
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8") as stream:
                stream.write(drafted.yaml)
        except OSError as exc:
            print(f"pathaudit spec draft: cannot write {args.out}: {exc.strerror or exc}", file=err)
            return EXIT_INVALID
    else:
        sys.stdout.write(drafted.yaml)
        report = err
    if old is not None:
        changes = compare_specs(old, drafted.spec)
        print(f"changes since {args.against}: {len(changes) or 'none'}", file=report)
        for change in changes:
            print(change.line(), file=report)
    return EXIT_OK


def _print_problems(exc: SpecError, stream: TextIO) -> None:
    for problem in exc.problems:
        print(problem, file=stream)


def print_spec(spec: Spec, out: TextIO) -> None:
    meta = spec.meta
    details = ", ".join(part for part in (meta.document_number, meta.issued and meta.issued.isoformat()) if part)
    print(f"{spec.source_file}: {meta.id} — {meta.title}" + (f" ({details})" if details else ""), file=out)
    rows = [_row(path) for path in spec.paths]
    for line in render_table(_HEADERS, rows):
        print(line, file=out)
    print(f"{len(spec.paths)} mandated path(s)", file=out)
    if spec.aliases:
        pairs = "; ".join(f"{name} = {' | '.join(names)}" for name, names in spec.aliases.items())
        print(f"aliases: {pairs}", file=out)
    if spec.allowed_hosts:
        print(f"allowed hosts: {', '.join(spec.allowed_hosts)}", file=out)


def _row(path: MandatedPath) -> tuple[str, ...]:
    return (
        path.id,
        ">".join(path.segments),
        path.clause or "-",
        "、".join(path.lead) or "-",
        "、".join(path.responsible) or "-",
        describe_rules(path.rules),
    )


def describe_rules(rules: Rules) -> str:
    """The rules in the spec's own key names, defaults left out: ``kind=news; max_age_days=14``."""
    parts: list[str] = []
    if rules.kind:
        parts.append(f"kind={rules.kind}")
    if rules.effective_max_age_days is not None:
        parts.append(f"max_age_days={rules.effective_max_age_days}")
    if rules.min_items != Rules.min_items:
        parts.append(f"min_items={rules.min_items}")
    if rules.children:
        parts.append(f"children={'|'.join(rules.children)}")
    if rules.required_fields:
        parts.append(f"required_fields={'|'.join(rules.required_fields)}")
    if rules.media:
        parts.append("media")
    if rules.deadline:
        parts.append(f"deadline={rules.deadline.isoformat()}")
    if rules.due_yearly:
        parts.append(f"due_yearly={rules.due_yearly}")
    if rules.min_per_year:
        match = f" {rules.min_per_year.match}" if rules.min_per_year.match else ""
        parts.append(f"min_per_year={rules.min_per_year.count}{match}")
    for flag in ("contact_phone", "answered", "policy_links", "mobile"):
        if getattr(rules, flag):
            parts.append(flag)
    if rules.reply_within_days is not None:
        parts.append(f"reply_within_days={rules.reply_within_days}")
    return "; ".join(parts) or "-"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) and full-width characters take 2, combining marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a plain-text table whose columns line up on screen, CJK text included."""
    widths = [max(display_width(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths, strict=True)]
        return _GAP.join(padded).rstrip()

    return [line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)]
