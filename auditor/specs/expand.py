"""From entries to mandated columns: sibling expansion, stable ids, one column per path.

* A last segment ``C/D`` yields one column per sibling, with id ``<entry id>-1``, ``-2``... in the
  order written. An entry without an id gets ``p-`` + a hash of its path, so ids never depend on
  where an entry stands in the file.
* Several entries may name the same column (a mandate repeats 公共企事业单位信息公开 for 8 sectors
  with different units). They become one column, at the place and with the id of the first:
  clauses, quotes and units are joined; list rules (children, required_fields) are united; a scalar
  rule set by more than one of them must agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from auditor.specs.aliases import AliasTable, add_aliases
from auditor.specs.entries import RULE_KEYS, SpecEntry
from auditor.specs.errors import SpecError
from auditor.specs.model import MandatedPath, Rules
from auditor.specs.names import normalise_name

#: how merged clauses and quotes are joined
JOINER = "；"
_LIST_RULES = ("children", "required_fields")


def derived_id(entry: SpecEntry) -> str:
    """The id of an entry that gives none: stable across runs and reordering, from its path alone."""
    key = ">".join(normalise_name(part) for part in (*entry.path.parents, "/".join(entry.path.siblings)))
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


@dataclass
class _Column:
    """A column being built from the first entry naming it and any later duplicates."""

    path: MandatedPath
    entry: SpecEntry
    clauses: list[str]
    quotes: list[str]
    lead: list[str]
    responsible: list[str]
    rules: dict[str, Any]
    #: rule key -> the entry that set it
    set_by: dict[str, SpecEntry] = field(default_factory=dict)

    def finish(self) -> MandatedPath:
        return replace(
            self.path,
            clause=JOINER.join(self.clauses),
            quote=JOINER.join(self.quotes),
            lead=tuple(self.lead),
            responsible=tuple(self.responsible),
            rules=Rules(**self.rules),
        )


def expand_entries(entries: Sequence[SpecEntry], file: str) -> tuple[tuple[MandatedPath, ...], list[SpecError]]:
    """Every column the entries mandate, in file order, and the problems found on the way."""
    columns: dict[tuple[str, ...], _Column] = {}
    id_owner: dict[str, SpecEntry] = {}
    problems: list[SpecError] = []
    for entry in entries:
        base_id = entry.id or derived_id(entry)
        many = len(entry.path.siblings) > 1
        for index, segments in enumerate(entry.path.expanded(), start=1):
            key = tuple(normalise_name(segment) for segment in segments)
            if key in columns:
                problem = _merge(columns[key], entry, file)
                if problem is not None:
                    problems.append(problem)
                continue
            column_id = f"{base_id}-{index}" if many else base_id
            if column_id in id_owner:
                owner = id_owner[column_id]
                problems.append(
                    SpecError(
                        file,
                        entry.line,
                        f'entry {entry.number} yields the id "{column_id}", already used by entry {owner.number} '
                        f"(line {owner.line}); ids must stay unique after siblings get -1, -2...",
                    )
                )
                continue
            id_owner[column_id] = entry
            columns[key] = _new_column(entry, column_id, segments, file)
    return tuple(column.finish() for column in columns.values()), problems


def _new_column(entry: SpecEntry, column_id: str, segments: tuple[str, ...], file: str) -> _Column:
    path = MandatedPath(
        id=column_id,
        segments=segments,
        raw_path=entry.raw_path,
        clause=entry.clause,
        quote=entry.quote,
        lead=entry.lead,
        responsible=entry.responsible,
        rules=entry.rules,
        source_file=file,
        source_line=entry.line,
    )
    return _Column(
        path=path,
        entry=entry,
        clauses=[entry.clause] if entry.clause else [],
        quotes=[entry.quote] if entry.quote else [],
        lead=list(_unique(entry.lead)),
        responsible=list(_unique(entry.responsible)),
        rules={key: getattr(entry.rules, key) for key in RULE_KEYS},
        set_by={key: entry for key in entry.rule_lines},
    )


def _merge(column: _Column, entry: SpecEntry, file: str) -> SpecError | None:
    """Fold a later entry naming the same column into it; a conflicting scalar rule is a problem."""
    for key, line in entry.rule_lines.items():
        new = getattr(entry.rules, key)
        if key in _LIST_RULES:
            column.rules[key] = tuple(_unique((*column.rules[key], *new)))
        elif key in column.set_by and column.rules[key] != new:
            first = column.set_by[key]
            return SpecError(
                file,
                line,
                f"entry {entry.number} names the same column as entry {first.number} (line {first.line}), "
                f'"{">".join(column.path.segments)}", but sets "{key}" to {_show(new)} where entry {first.number} '
                f"sets {_show(column.rules[key])}: make them agree or give it once",
            )
        else:
            column.rules[key] = new
        column.set_by.setdefault(key, entry)
    if entry.clause and entry.clause not in column.clauses:
        column.clauses.append(entry.clause)
    if entry.quote and entry.quote not in column.quotes:
        column.quotes.append(entry.quote)
    column.lead = list(_unique((*column.lead, *entry.lead)))
    column.responsible = list(_unique((*column.responsible, *entry.responsible)))
    return None


def entry_aliases(entries: Iterable[SpecEntry]) -> AliasTable:
    """The alias table the entries declare."""
    table: AliasTable = {}
    for entry in entries:
        for name, alternatives in entry.aliases.items():
            add_aliases(table, name, alternatives)
    return table


def _unique(names: Iterable[str]) -> Iterable[str]:
    seen: set[str] = set()
    for name in names:
        key = normalise_name(name)
        if key not in seen:
            seen.add(key)
            yield name


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)
