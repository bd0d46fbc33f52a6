"""One entry of a spec file: its keys, their types and defaults, read from its YAML node.

An entry is one mandated path as the mandate writes it, before sibling expansion and before
entries naming the same column are merged (that is :mod:`auditor.specs.expand`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from auditor.specs.clause_rules import CLAUSE_RULE_KEYS, read_clause_rule
from auditor.specs.model import KIND_MAX_AGE_DAYS, Rules
from auditor.specs.names import normalise_name
from auditor.specs.paths import PathSyntaxError, SplitPath, split_path
from auditor.specs.yaml_nodes import NodeReader, describe, did_you_mean, line_of

#: the keys of the rules an entry may set (the fields of :class:`Rules`)
RULE_KEYS = (
    "children", "min_items", "max_age_days", "kind", "required_fields", "media", "deadline", *CLAUSE_RULE_KEYS
)
#: every key an entry may hold, in the order the README documents them
ENTRY_KEYS = ("id", "path", "expand_siblings", "clause", "quote", "lead", "responsible", *RULE_KEYS, "aliases")

#: ids are words: letters (Chinese too), digits, "-", "_" and "."; siblings append "-1", "-2"...
ID_PATTERN = re.compile(r"\w[\w.-]*")
#: how mandates separate unit names inside one table cell: 办公室、宣传部 / 各街道，各部门
_UNIT_SEPARATOR = re.compile("[、，,；;]")


@dataclass(frozen=True)
class SpecEntry:
    """An entry as written, validated, before expansion."""

    number: int
    line: int
    #: the id written, or None (the expansion derives one from the path)
    id: str | None
    raw_path: str
    path: SplitPath
    clause: str = ""
    quote: str = ""
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    rules: Rules = field(default_factory=Rules)
    #: the rule keys the entry wrote (the rest are defaults) and their lines, for merging duplicates
    rule_lines: dict[str, int] = field(default_factory=dict)
    #: the line of the id written (the entry's line if none)
    id_line: int = 0
    #: column name (as written) -> other names a site may use for it
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


def check_id(reader: NodeReader, node: Node, what: str) -> str:
    """An id (of an entry or of the mandate): one word, so reports and URLs can carry it."""
    value = reader.text(node, what)
    if not ID_PATTERN.fullmatch(value):
        raise reader.error(
            node, f'{what} "{value}" may hold only letters, digits, "-", "_" and "." (no spaces, no ">" or "/")'
        )
    return value


def read_entry(reader: NodeReader, node: Node, number: int) -> SpecEntry:
    """Validate one entry of ``entries``; raise :class:`SpecError` on its first problem."""
    where = f"entry {number}"
    fields = reader.fields(node, where, ENTRY_KEYS, required=("path",))

    def value(key: str) -> Node | None:
        return fields[key][1] if key in fields else None

    entry_id = None
    if (id_node := value("id")) is not None:
        entry_id = check_id(reader, id_node, f'"id" in {where}')

    expand_siblings = True
    if (siblings_node := value("expand_siblings")) is not None:
        expand_siblings = reader.boolean(siblings_node, f'"expand_siblings" in {where}')

    path_node = value("path")
    assert path_node is not None
    raw_path = reader.text(path_node, f'"path" in {where}')
    try:
        path = split_path(raw_path, expand_siblings=expand_siblings)
    except PathSyntaxError as exc:
        raise reader.error(path_node, f'"path" in {where}: {exc}') from None

    rules = _read_rules(reader, fields, where)
    names = (*path.parents, *path.siblings, *rules.children)
    aliases = _read_aliases(reader, fields["aliases"][1], where, names) if "aliases" in fields else {}

    return SpecEntry(
        number=number,
        line=line_of(node),
        id=entry_id,
        raw_path=raw_path,
        path=path,
        clause=_optional_text(reader, value("clause"), f'"clause" in {where}'),
        quote=_optional_text(reader, value("quote"), f'"quote" in {where}'),
        lead=_read_units(reader, value("lead"), f'"lead" in {where}'),
        responsible=_read_units(reader, value("responsible"), f'"responsible" in {where}'),
        rules=rules,
        rule_lines={key: line_of(fields[key][1]) for key in RULE_KEYS if key in fields},
        id_line=line_of(id_node) if id_node is not None else line_of(node),
        aliases=aliases,
    )


def _optional_text(reader: NodeReader, node: Node | None, what: str) -> str:
    return "" if node is None else reader.text(node, what, required=False)


def _read_units(reader: NodeReader, node: Node | None, what: str) -> tuple[str, ...]:
    """Units as the mandate names them: one text (split at 、，,；;) or a list of texts."""
    if node is None:
        return ()
    if isinstance(node, ScalarNode):
        cells = [reader.text(node, what, required=False)]
    elif isinstance(node, SequenceNode):
        cells = [reader.text(item, f"an item of {what}") for item in node.value]
    else:
        raise reader.error(node, f"{what} must be a unit name or a list of them, not {describe(node)}")
    units: list[str] = []
    for cell in cells:
        units.extend(part.strip() for part in _UNIT_SEPARATOR.split(cell) if part.strip())
    return tuple(units)


def _read_rules(reader: NodeReader, fields: dict[str, tuple[Node, Node]], where: str) -> Rules:
    values: dict[str, Any] = {}
    for key in RULE_KEYS:
        if key not in fields:
            continue
        node = fields[key][1]
        what = f'"{key}" in {where}'
        if key == "children":
            values[key] = _read_names(reader, node, what, example="[视频, 图片, 文字]", single_column=True)
        elif key == "required_fields":
            values[key] = _read_names(reader, node, what, example="[受理日期, 答复日期]", single_column=False)
        elif key == "min_items":
            values[key] = reader.whole_number(node, what, minimum=0)
        elif key == "max_age_days":
            values[key] = reader.whole_number(node, what, minimum=1)
        elif key == "kind":
            values[key] = _read_kind(reader, node, where)
        elif key == "media":
            values[key] = reader.boolean(node, what)
        elif key == "deadline":
            values[key] = reader.date(node, what)
        elif key in CLAUSE_RULE_KEYS:
            values[key] = read_clause_rule(reader, key, node, what)
    return Rules(**values)


def _read_kind(reader: NodeReader, node: Node, where: str) -> str:
    kind = reader.text(node, f'"kind" in {where}')
    if kind not in KIND_MAX_AGE_DAYS:
        known = list(KIND_MAX_AGE_DAYS)
        raise reader.error(
            node, f'unknown kind "{kind}" in {where}{did_you_mean(kind, known)}; the kinds are {", ".join(known)}'
        )
    return kind


def _read_names(reader: NodeReader, node: Node, what: str, *, example: str, single_column: bool) -> tuple[str, ...]:
    names = reader.text_list(node, what, example=example)
    seen: dict[str, str] = {}
    for item, name in zip(node.value, names, strict=True):
        if single_column and re.search("[>＞]", name):
            raise reader.error(
                item, f'"{name}" in {what} is a path: give one column name here (deeper columns get their own entry)'
            )
        key = normalise_name(name)
        if key in seen:
            raise reader.error(item, f'{what} lists "{name}" twice')
        seen[key] = name
    return names


def _read_aliases(reader: NodeReader, node: Node, where: str, names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    what = f'"aliases" in {where}'
    pairs = reader.fields(node, what, allowed=None)
    known = {normalise_name(name) for name in names}
    aliases: dict[str, tuple[str, ...]] = {}
    for name, (key_node, value_node) in pairs.items():
        if normalise_name(name) not in known:
            raise reader.error(
                key_node,
                f'{what} gives names for "{name}", which is not a column of this entry '
                f"(its columns: {', '.join(names)})",
            )
        aliases[name] = read_alias_names(reader, value_node, f'the aliases of "{name}" in {where}')
    return aliases


def read_alias_names(reader: NodeReader, node: Node, what: str) -> tuple[str, ...]:
    """The other names of one column: a list of single column names."""
    return _read_names(reader, node, what, example="[规划计划]", single_column=True)
