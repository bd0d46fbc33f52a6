"""A task-list document reduced to what drafting needs: its free text and its table rows.

任务分工 documents are issued as a Word table (工作任务 | 贯彻举措 | 牵头单位 | 责任单位), sometimes
printed to PDF or saved as text. Every reader (:mod:`auditor.specs.draft.readers`) turns its format
into a :class:`TaskDocument`, so the extraction (:mod:`auditor.specs.draft.clauses`) is one pure
function of text and cells, the same whatever the file was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Word's hidden bookmarks leak into text exports as "[bookmark: _GoBack]"
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


@dataclass(frozen=True)
class TaskRow:
    """One row of the task table, its cells mapped to what they mean."""

    #: the 工作任务 cells (一、… and （一）…), joined by a line break; may be empty (a merged cell)
    task: str
    #: the 贯彻举措 cell: the numbered clauses, one paragraph per line
    measures: str
    #: the 牵头单位 cell, as written ("" when the cell is empty)
    lead: str
    #: the 责任单位 cell
    responsible: str
    #: a 完成时限 column's cell, where the table has one
    due: str = ""


@dataclass(frozen=True)
class TaskDocument:
    """What a reader got out of a file: the text around the table (title, number, date) and the rows."""

    text: str
    rows: tuple[TaskRow, ...]


def clean_cell(text: str) -> str:
    """A cell's text without export artefacts and with paragraph ends normalised to one ``\\n``."""
    text = _BOOKMARK.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


#: header words -> the meaning of their column; the first header word a cell holds decides
_HEADER_WORDS: tuple[tuple[str, str], ...] = (
    ("牵头", "lead"),
    ("责任单位", "responsible"),
    ("配合单位", "responsible"),
    ("责任部门", "responsible"),
    ("时限", "due"),
    ("完成时间", "due"),
    ("举措", "measures"),
    ("措施", "measures"),
    ("具体任务", "measures"),
    ("任务内容", "measures"),
    ("工作任务", "task"),
    ("序号", "task"),
)


#: the longest header cell seen is 贯彻举措 / 牵头单位（部门）; clauses are far longer
_HEADER_CELL_MAX = 12


def header_roles(cells: Sequence[str]) -> list[str] | None:
    """The meaning of each column if ``cells`` is the table's header row, else None.

    A header names at least the lead or the responsible column; anything else it names is kept. Header
    cells are short: a long cell that mentions 牵头 is a clause, not a heading.
    """
    roles: list[str] = []
    for cell in cells:
        compact = re.sub(r"\s+", "", cell)
        if len(compact) > _HEADER_CELL_MAX:
            roles.append("")
            continue
        roles.append(next((role for word, role in _HEADER_WORDS if word in compact), ""))
    if "lead" not in roles and "responsible" not in roles:
        return None
    return roles


def rows_from_grid(grid: Iterable[Sequence[str]]) -> list[TaskRow]:
    """Table rows from a grid of cell texts (a Word or PDF table), mapped by the header row.

    A header with fewer cells than the rows (工作任务 spanning two columns, as text exports write it)
    is aligned to the right: the unit columns are the last ones in every layout seen. Rows before a
    header are not task rows; a grid with no header is read as 工作任务… | 举措 | 牵头 | 责任.
    """
    roles: list[str] | None = None
    rows: list[TaskRow] = []
    for raw in grid:
        cells = [clean_cell(cell or "") for cell in raw]
        if not any(cells):
            continue
        found = header_roles(cells)
        if found is not None:
            roles = found
            continue
        if len(cells) < 3:
            continue
        row_roles = _align(roles, len(cells))
        by_role: dict[str, list[str]] = {}
        for role, cell in zip(row_roles, cells, strict=True):
            by_role.setdefault(role, [])
            # a cell repeated by a horizontal merge (python-docx repeats it) counts once
            if cell and cell not in by_role[role]:
                by_role[role].append(cell)
        rows.append(
            TaskRow(
                task="\n".join(by_role.get("task", [])),
                measures="\n".join(by_role.get("measures", [])),
                lead="\n".join(by_role.get("lead", [])),
                responsible="\n".join(by_role.get("responsible", [])),
                due="\n".join(by_role.get("due", [])),
            )
        )
    return rows


def _align(roles: list[str] | None, width: int) -> list[str]:
    """The role of each of ``width`` cells: the header's roles aligned right, the rest 工作任务."""
    if roles is None:
        roles = ["task", "measures", "lead", "responsible"]
    # a header cell naming nothing known, between known ones, is read as part of the task
    named = [role or "task" for role in roles]
    if len(named) >= width:
        return named[len(named) - width :]
    return ["task"] * (width - len(named)) + named


def rows_from_text(text: str) -> TaskDocument:
    """A text export of a Word task list: each table cell on a line starting with a tab (its further
    paragraphs on lines without one), rows separated by an empty line; lines before the table are
    the notice around it."""
    grid: list[list[str]] = []
    free: list[str] = []
    row: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith("\t"):
            row.append(line[1:])
        elif not line.strip():
            if row:
                grid.append(row)
                row = []
        elif row:
            row[-1] += "\n" + line
        else:
            free.append(line)
    if row:
        grid.append(row)
    return TaskDocument(text="\n".join(free), rows=tuple(rows_from_grid(grid)))
