"""A draft as spec YAML: every value quoted from the document plain, every inferred one with a comment.

The YAML is written line by line rather than dumped, so each inferred value can carry its ``# why``
(the reviewer's checklist) and entries can be separated by the clause headings as a person writes them.
"""

from __future__ import annotations

import json
import re

import yaml

from auditor.specs.draft.clauses import Draft, DraftEntry
from auditor.specs.entries import ID_PATTERN


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    if text and "#" not in text and ": " not in text:
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def entry_ids(entries: list[DraftEntry]) -> list[str]:
    """Readable, unique ids from the clause numbers: 一（一）1 → c1-1-1, a second path → c1-1-1-b."""
    ids: list[str] = []
    used: set[str] = set()
    for entry in entries:
        base = "c" + "-".join(str(_number(part)) for part in re.findall(r"[一二三四五六七八九十]+|\d+", entry.clause))
        base = base if ID_PATTERN.fullmatch(base) and base != "c" else "entry"
        candidate, suffix = base, ord("b")
        while candidate in used:
            candidate = f"{base}-{chr(suffix)}"
            suffix += 1
        used.add(candidate)
        ids.append(candidate)
    return ids


def _number(part: str) -> int:
    if part.isdigit():
        return int(part)
    digits = "一二三四五六七八九"
    if part == "十":
        return 10
    if part.startswith("十"):
        return 10 + digits.index(part[1]) + 1
    if part.endswith("十"):
        return (digits.index(part[0]) + 1) * 10
    if "十" in part:
        tens, ones = part.split("十")
        return (digits.index(tens) + 1) * 10 + digits.index(ones) + 1
    return digits.index(part) + 1


def render_draft(draft: Draft, *, spec_id: str, source: str, id_given: bool = False) -> str:
    """The draft as a spec file that ``pathaudit spec check`` accepts."""
    meta = draft.meta
    lines = [
        f"# Drafted by `pathaudit spec draft` from {source}.",
        "# Values written in the document are plain; every value PathAudit inferred carries a comment",
        "# saying why: review those before auditing with this spec.",
    ]
    if draft.unplaced:
        lines.append("# Clauses with a checkable requirement the draft could not place on a column:")
        lines.extend(f"#   {item}" for item in draft.unplaced)
    lines += ["", "mandate:", f"  id: {scalar(spec_id)}" + ("" if id_given else "  # from the file name: rename at will")]
    lines.append(f"  title: {scalar(meta.title or spec_id)}" + ("" if meta.title else "  # no title found"))
    if meta.document_number:
        lines.append(f"  document_number: {scalar(meta.document_number)}")
    if meta.issued:
        lines.append(f"  issued: {meta.issued.isoformat()}  # the date under the issuer's name")
    if meta.issuer:
        lines.append(f"  issuer: {scalar(meta.issuer)}  # the name above the date")
    lines += ["", "entries:"]
    heading = ""
    for entry, entry_id in zip(draft.entries, entry_ids(draft.entries), strict=True):
        section = re.match(r"[一二三四五六七八九十]+(?:（[一二三四五六七八九十]+）)?", entry.clause)
        if section and section.group(0) != heading:
            heading = section.group(0)
            lines += [f"  # {heading} " + "-" * 60]
        lines += _entry_lines(entry, entry_id)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _entry_lines(entry: DraftEntry, entry_id: str) -> list[str]:
    notes = entry.notes
    lines = [f"  - id: {entry_id}"]
    lines.append(_with_note(f"    path: {scalar(entry.path)}", notes.get("path")))
    if entry.clause:
        lines.append(f"    clause: {scalar(entry.clause)}")
    if entry.quote:
        lines.append(f"    quote: {scalar(entry.quote)}")
    if entry.lead:
        lines.append(_with_note(f"    lead: {scalar('、'.join(entry.lead))}", notes.get("lead")))
    if entry.responsible:
        lines.append(
            _with_note(f"    responsible: {scalar('、'.join(entry.responsible))}", notes.get("responsible"))
        )
    if entry.children:
        lines.append(f"    children: [{', '.join(scalar(name) for name in entry.children)}]")
    if entry.required_fields:
        lines.append(
            _with_note(
                f"    required_fields: [{', '.join(scalar(name) for name in entry.required_fields)}]",
                notes.get("required_fields"),
            )
        )
    if entry.min_items is not None:
        lines.append(_with_note(f"    min_items: {entry.min_items}", notes.get("min_items")))
    if entry.kind:
        lines.append(_with_note(f"    kind: {entry.kind}", notes.get("kind")))
    if entry.deadline:
        lines.append(_with_note(f"    deadline: {entry.deadline.isoformat()}", notes.get("deadline")))
    for rule, value in entry.clause_rules.items():
        if rule == "min_per_year":
            count, what = value  # type: ignore[misc]
            shown = f"{{count: {count}" + (f", match: {scalar(what)}" if what else "") + "}"
        elif isinstance(value, bool):
            shown = "true" if value else "false"
        else:
            shown = json.dumps(value, ensure_ascii=False)
        lines.append(_with_note(f"    {rule}: {shown}", notes.get(rule)))
    for words in entry.deadline_words:
        lines.append(f"    # the clause says {words}: a period, not one date; no rule drafted for it")
    for count, what, words in entry.counts:
        lines.append(
            f"    # count: {count}{(' of ' + what) if what else ''} — {words}"
            + (f" ({notes['counts']})" if "counts" in notes else "")
        )
    return lines


def _with_note(line: str, note: str | None) -> str:
    return f"{line}  # {note}" if note else line
