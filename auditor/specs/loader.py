"""``load_spec``: a spec file (see path_specs/README.md) in, a validated and expanded :class:`Spec` out.

The file is composed, not loaded, so that every problem can name its line; each entry is checked on
its own, so one run reports the first problem of every broken entry.
"""

from __future__ import annotations

import unicodedata

from pathlib import Path

from yaml.nodes import Node, SequenceNode

from auditor.specs.entries import SpecEntry, check_id, read_entry
from auditor.specs.errors import SpecError, raise_all
from auditor.specs.expand import entry_aliases, expand_entries
from auditor.model.findings import FINDING_KINDS
from auditor.specs.model import Spec, SpecMeta
from auditor.specs.overrides import layer_overrides, load_overrides
from auditor.specs.yaml_nodes import NodeReader, compose_file, describe, refuse_foreign_root

TOP_KEYS = ("mandate", "entries")
MANDATE_KEYS = ("id", "title", "document_number", "issued", "issuer", "remediation_days")


def load_spec(path: str | Path, overrides: str | Path | None = None) -> Spec:
    """Load, validate and expand a spec, with a site-overrides file layered on if given.

    ``path`` may also name a bundled spec (``liangjiang-2021``). Raises :class:`SpecError` (file,
    line, message; ``problems`` lists all that were found), also for a name that is no bundled spec.
    """
    from path_specs import spec_file

    try:
        path = spec_file(path)
    except LookupError as err:
        raise SpecError(str(path), None, f"is neither a spec file nor a bundled spec: {err.args[0]}") from None
    file = str(path)
    reader = NodeReader(file)
    root = compose_file(path)
    if root is None:
        raise SpecError(file, None, "is empty: a spec needs a mandate and its entries")
    refuse_foreign_root(root, file, TOP_KEYS, "a spec file")
    top = reader.fields(root, "the spec file", TOP_KEYS, required=TOP_KEYS)
    problems: list[SpecError] = []
    meta = None
    try:
        meta = _read_meta(reader, *top["mandate"])
    except SpecError as exc:
        problems.append(exc)

    entries = _read_entries(reader, top["entries"][1], problems)
    entries = _unique_ids(entries, file, problems)
    paths, expansion_problems = expand_entries(entries, file)
    problems.extend(expansion_problems)
    raise_all(sorted(problems, key=lambda problem: problem.line or 0))
    assert meta is not None

    spec = Spec(meta=meta, paths=paths, aliases=entry_aliases(entries), source_file=file)
    if overrides is not None:
        spec = layer_overrides(spec, load_overrides(overrides))
    return spec


def _read_meta(reader: NodeReader, key_node: Node, node: Node) -> SpecMeta:
    fields = reader.fields(node, '"mandate"', MANDATE_KEYS, required=("id", "title"), key_node=key_node)

    def text(key: str) -> str:
        return reader.text(fields[key][1], f'"{key}" of the mandate', required=False) if key in fields else ""

    issued = reader.date(fields["issued"][1], '"issued" of the mandate') if "issued" in fields else None
    days: dict[str, int] = {}
    if "remediation_days" in fields:  # 整改时限 by finding kind, instead of the defaults of the wording table
        where = '"remediation_days" of the mandate'
        for kind, (_, value) in reader.fields(fields["remediation_days"][1], where, FINDING_KINDS).items():
            days[kind] = reader.whole_number(value, f'"{kind}" of {where}', minimum=1)
    return SpecMeta(
        id=check_id(reader, fields["id"][1], '"id" of the mandate'),
        title=reader.text(fields["title"][1], '"title" of the mandate'),
        document_number=text("document_number"),
        issued=issued,
        issuer=text("issuer"),
        remediation_days=days,
    )


def _read_entries(reader: NodeReader, node: Node, problems: list[SpecError]) -> list[SpecEntry]:
    if not isinstance(node, SequenceNode):
        raise reader.error(node, f'"entries" must be a list of entries (lines starting "- "), not {describe(node)}')
    if not node.value:
        raise reader.error(node, '"entries" is empty: list at least one mandated path')
    entries: list[SpecEntry] = []
    for number, entry_node in enumerate(node.value, start=1):
        try:
            entries.append(read_entry(reader, entry_node, number))
        except SpecError as exc:
            problems.append(exc)
    return entries


def _unique_ids(entries: list[SpecEntry], file: str, problems: list[SpecError]) -> list[SpecEntry]:
    """The entries whose written id no earlier entry has; the others are problems."""
    first_with: dict[str, SpecEntry] = {}
    kept: list[SpecEntry] = []
    for entry in entries:
        # ids that only differ in full-width forms (ｇｈｘｘ, ghxx) are one id to every reader
        key = unicodedata.normalize("NFKC", entry.id).casefold() if entry.id is not None else None
        if key is not None and key in first_with:
            first = first_with[key]
            problems.append(
                SpecError(
                    file,
                    entry.id_line,
                    f'entry {entry.number} has the id "{entry.id}" of entry {first.number} (line {first.line})'
                    + (f', written "{first.id}" there' if first.id != entry.id else "")
                    + ": ids must be unique (ids are compared after Unicode NFKC)",
                )
            )
            continue
        if key is not None:
            first_with[key] = entry
        kept.append(entry)
    return kept
