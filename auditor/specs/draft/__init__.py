"""``pathaudit spec draft``: a spec drafted from a task-list document (任务分工), for a person to review.

Each year every district issues a new 任务分工 as a Word table; this turns it into spec YAML instead
of a team retyping it. Layers: :mod:`readers` (file → :class:`TaskDocument`), :mod:`clauses` (rows →
entries, pure), :mod:`render` (entries → YAML with a comment on every inferred value),
:mod:`compare` (last year's spec → what changed).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from auditor.specs.draft.clauses import Draft, DraftEntry, draft_from_document
from auditor.specs.draft.compare import Change, compare_specs
from auditor.specs.draft.document import TaskDocument, TaskRow, rows_from_grid, rows_from_text
from auditor.specs.draft.readers import DocumentError, read_document
from auditor.specs.draft.render import render_draft
from auditor.specs.entries import ID_PATTERN
from auditor.specs.loader import load_spec
from auditor.specs.model import Spec

__all__ = [
    "Change",
    "DocumentError",
    "Draft",
    "DraftEntry",
    "DraftedSpec",
    "TaskDocument",
    "TaskRow",
    "compare_specs",
    "draft_document",
    "draft_file",
    "read_document",
    "rows_from_grid",
    "rows_from_text",
]


@dataclass(frozen=True)
class DraftedSpec:
    """The draft as YAML, and as the spec it loads into (proof that it passes ``spec check``)."""

    yaml: str
    spec: Spec
    draft: Draft


def default_id(path: Path, draft: Draft) -> str:
    """The spec id: the file's name when it is one word, else draft-<year of issue>."""
    stem = re.sub(r"\s+", "-", path.stem)
    if ID_PATTERN.fullmatch(stem):
        return stem
    year = draft.meta.issued.year if draft.meta.issued else None
    return f"draft-{year}" if year else "draft"


def draft_document(document: TaskDocument, *, spec_id: str, source: str, id_given: bool = True) -> DraftedSpec:
    """Draft, render and load back: a draft the spec loader refuses is a bug of the drafter, and
    raises :class:`auditor.specs.SpecError` rather than handing the user a file that will not load."""
    draft = draft_from_document(document)
    text = render_draft(draft, spec_id=spec_id, source=source, id_given=id_given)
    with tempfile.TemporaryDirectory(prefix="pathaudit-draft-") as folder:
        file = Path(folder) / f"{spec_id}.yaml"
        file.write_text(text, encoding="utf-8")
        spec = load_spec(file)
    return DraftedSpec(yaml=text, spec=spec, draft=draft)


def draft_file(path: str | Path, *, spec_id: str | None = None) -> DraftedSpec:
    """Read a task-list file (raises :class:`DocumentError`) and draft its spec."""
    path = Path(path)
    document = read_document(path)
    if not document.rows:
        raise DocumentError("no task table found: no row with a 牵头单位 or 责任单位 column")
    draft = draft_from_document(document)
    if not draft.entries:
        raise DocumentError("the task table names no 公开路径 and no column: nothing to draft")
    return draft_document(
        document, spec_id=spec_id or default_id(path, draft), source=path.name, id_given=spec_id is not None
    )
