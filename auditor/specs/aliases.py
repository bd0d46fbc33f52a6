"""The alias table: other names a site may legitimately use for a column, keyed by normalised name.

Aliases belong to a name, not to one entry: declared once, they apply wherever that column name
appears. Spec entries and site overrides both add to the same table through :func:`add_aliases`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from auditor.specs.names import normalise_name

AliasTable = dict[str, tuple[str, ...]]


def add_aliases(table: AliasTable, name: str, alternatives: Iterable[str]) -> None:
    """Add ``alternatives`` for ``name`` in place, skipping repeats and the name itself."""
    key = normalise_name(name)
    current = list(table.get(key, ()))
    known = {key, *(normalise_name(alias) for alias in current)}
    for alias in alternatives:
        alias_key = normalise_name(alias)
        if alias_key not in known:
            known.add(alias_key)
            current.append(alias)
    if current:
        table[key] = tuple(current)


def merged_aliases(*tables: Mapping[str, Iterable[str]]) -> AliasTable:
    """One table holding every alias of ``tables``, earlier tables' aliases first."""
    result: AliasTable = {}
    for table in tables:
        for name, alternatives in table.items():
            add_aliases(result, name, alternatives)
    return result
