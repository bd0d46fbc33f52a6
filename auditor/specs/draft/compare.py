"""What changed between last year's spec and this year's draft, column by column.

Columns are matched by their expanded path (after name normalisation), not by id: a draft's ids are
made from clause numbers and last year's were chosen by hand, so ids say nothing about sameness.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.specs.model import MandatedPath, Spec
from auditor.specs.names import normalise_name

#: what a change is about, in the order they are printed
CHANGE_ORDER = ("added", "removed", "lead", "responsible", "deadline", "children", "required_fields")


@dataclass(frozen=True)
class Change:
    #: one of CHANGE_ORDER
    what: str
    #: the column's path, 政府网站>… as the newer spec writes it (the older one for a removal)
    path: str
    old: str = ""
    new: str = ""

    def line(self) -> str:
        if self.what == "added":
            return f"+ {self.path}" + (f"  ({self.new})" if self.new else "")
        if self.what == "removed":
            return f"- {self.path}" + (f"  ({self.old})" if self.old else "")
        return f"~ {self.path}: {self.what} {self.old or '-'} → {self.new or '-'}"


def _key(column: MandatedPath) -> tuple[str, ...]:
    return tuple(normalise_name(segment) for segment in column.segments)


def _shown(column: MandatedPath) -> str:
    return ">".join(("政府网站", *column.segments))


def _units(units: tuple[str, ...]) -> str:
    return "、".join(units)


def compare_specs(old: Spec, new: Spec) -> list[Change]:
    """Columns added and removed, and for the columns both mandate: units, deadline, sub-columns and
    fields that differ. Unit lists compare as sets (the order of a merged column's units is the order
    of its clauses, which moves from year to year)."""
    before = {_key(c): c for c in old.paths}
    after = {_key(c): c for c in new.paths}
    changes: list[Change] = []
    for key, column in after.items():
        if key not in before:
            changes.append(Change("added", _shown(column), new=column.clause))
    for key, column in before.items():
        if key not in after:
            changes.append(Change("removed", _shown(column), old=column.clause))
    for key, column in after.items():
        if key not in before:
            continue
        was = before[key]
        for what, old_units, new_units in (
            ("lead", was.lead, column.lead),
            ("responsible", was.responsible, column.responsible),
        ):
            if set(old_units) != set(new_units):
                changes.append(Change(what, _shown(column), _units(old_units), _units(new_units)))
        if was.rules.deadline != column.rules.deadline:
            changes.append(
                Change(
                    "deadline",
                    _shown(column),
                    was.rules.deadline.isoformat() if was.rules.deadline else "",
                    column.rules.deadline.isoformat() if column.rules.deadline else "",
                )
            )
        for what in ("children", "required_fields"):
            old_names, new_names = getattr(was.rules, what), getattr(column.rules, what)
            if {normalise_name(n) for n in old_names} != {normalise_name(n) for n in new_names}:
                changes.append(Change(what, _shown(column), "、".join(old_names), "、".join(new_names)))
    changes.sort(key=lambda change: CHANGE_ORDER.index(change.what))
    return changes
