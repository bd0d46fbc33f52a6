"""``pathaudit spec draft`` on the seed task list (渝两江管办发﹝2021﹞44号), as text and as a Word table.

The bundled liangjiang-2021.yaml was written by hand from the same document; the draft must give every
path, unit, deadline, sub-column and field it has. The comparison is printed (``-s`` shows it).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from auditor.specs import Spec, load_spec
from auditor.specs.draft import compare_specs, draft_file
from path_specs import bundled_spec
from pathaudit.cli import main

SEED_FILE = "000_2038d99dbcf0fd1a.txt"


@pytest.fixture(scope="module")
def seed_file(shared_dir: Path) -> Path:
    return shared_dir / "seeds" / SEED_FILE


@pytest.fixture(scope="module")
def bundled() -> Spec:
    return load_spec(bundled_spec("liangjiang-2021"))


def seed_table(text: str) -> tuple[list[str], list[list[str]]]:
    """The seed's notice lines and table rows, read the way its export is laid out: a cell per line
    starting with a tab (further paragraphs on lines without one), a blank line between rows."""
    notice: list[str] = []
    rows: list[list[str]] = []
    row: list[str] = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            row.append(line[1:])
        elif not line.strip():
            if row:
                rows.append(row)
            row = []
        elif row:
            row[-1] += "\n" + line
        else:
            notice.append(line)
    if row:
        rows.append(row)
    return notice, rows


def build_docx(text: str, path: Path) -> Path:
    """The seed as Word issues such lists: the notice as paragraphs, then one five-column table
    (工作任务 spanning two columns in the header), the section cells and any empty unit cell merged
    down from the row above, each clause its own paragraph in the 贯彻举措 cell."""
    notice, rows = seed_table(text)
    document = docx.Document()
    for line in notice:
        document.add_paragraph(line.strip())
    header, body = rows[0], rows[1:]
    assert len(header) == 4 and all(len(r) == 5 for r in body), "the seed's table layout changed"
    table = document.add_table(rows=1 + len(body), cols=5)
    top = table.rows[0].cells
    top[0].merge(top[1]).text = header[0]
    for cell, value in zip(top[2:], header[1:], strict=True):
        cell.text = value
    for number, cells in enumerate(body, start=1):
        row = table.rows[number].cells
        for column, value in enumerate(cells):
            cell = row[column]
            if not value.strip() and column != 2:
                # an empty cell in the export is one merged down from the row above
                table.cell(number - 1, column).merge(cell)
                continue
            lines = [line for line in value.split("\n") if line.strip()]
            cell.text = lines[0] if lines else ""
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.save(str(path))
    return path


def compare(bundled: Spec, drafted: Spec) -> list[str]:
    """What the draft lacks of the bundled spec (the test fails on any), after printing every change."""
    changes = compare_specs(bundled, drafted)
    print(f"\ndraft vs path_specs/liangjiang-2021.yaml: {len(bundled.paths)} bundled columns, "
          f"{len(drafted.paths)} drafted, {len(changes)} difference(s)")
    for change in changes:
        print("  " + change.line())
    lacking: list[str] = []
    # the clause rules the bundled spec turns on are drafted too
    drafted_columns = {tuple(c.segments): c for c in drafted.paths}
    for column in bundled.paths:
        twin = drafted_columns.get(tuple(column.segments))
        for rule in ("due_yearly", "contact_phone", "answered", "policy_links", "min_per_year", "mobile"):
            wanted = getattr(column.rules, rule)
            if wanted and twin is not None and not getattr(twin.rules, rule):
                lacking.append(f"~ {'>'.join(column.segments)}: {rule} not drafted")
    for change in changes:
        if change.what in ("removed", "lead", "responsible", "deadline"):
            lacking.append(change.line())
        elif change.what in ("children", "required_fields"):
            old, new = set(filter(None, change.old.split("、"))), set(filter(None, change.new.split("、")))
            if not old <= new:
                lacking.append(change.line())
    return lacking


def test_the_text_draft_gives_everything_the_bundled_spec_has(seed_file, bundled):
    drafted = draft_file(seed_file, spec_id="liangjiang-2021")
    assert compare(bundled, drafted.spec) == []
    assert drafted.spec.meta.document_number == bundled.meta.document_number
    assert drafted.spec.meta.issued == bundled.meta.issued
    assert drafted.spec.meta.title == bundled.meta.title


def test_the_word_table_draft_gives_everything_the_bundled_spec_has(seed_file, bundled, tmp_path):
    table = build_docx(seed_file.read_text(encoding="utf-8"), tmp_path / "任务分工.docx")
    drafted = draft_file(table, spec_id="liangjiang-2021")
    assert compare(bundled, drafted.spec) == []


def test_the_clause_rules_are_drafted_from_the_clauses_words(seed_file):
    spec = draft_file(seed_file).spec
    by_last = {c.segments[-1]: c for c in spec.paths}
    interpretation = next(c for c in spec.paths if c.segments == ("政务公开", "政府信息公开目录", "政策解读"))
    assert interpretation.rules.policy_links is True  # 政策解读信息要与政策文件相互关联
    assert (interpretation.rules.min_per_year.count, interpretation.rules.min_per_year.match) == (4, "新闻发布")
    assert by_last["网民留言"].rules.answered is True  # 件件有落实、事事有回音
    assert by_last["联系我们"].rules.contact_phone is True  # 公开本机关的对外联系电话
    assert by_last["政府信息公开年报"].rules.due_yearly == "01-31"
    section = next(c for c in spec.paths if c.segments == ("政府信息公开",))
    assert (section.clause, section.rules.mobile) == ("三（二）1（4）", True)  # 推动…专栏在移动端展示
    # a rule the words do not imply is not drafted: 法治政府建设年度报告 has its own date, not 01-31
    assert by_last["法治政府建设年度报告"].rules.due_yearly is None


def test_every_inferred_value_carries_a_comment(seed_file):
    text = draft_file(seed_file).yaml
    lines = text.split("\n")
    # the columns the document names without a path, and the unit taken from the row above
    for inferred in ("政府网站>互动交流>网民留言", "政府网站>政府信息公开>政府信息公开年报"):
        line = next(line for line in lines if line.strip() == f"path: {inferred}" or f"path: {inferred}  #" in line)
        assert "  # " in line, line
    press = [line for line in lines if "path: 政府网站>政务公开>政府信息公开目录>政策解读" in line]
    assert any("# the clause names the column “政策解读” alone" in line for line in press)
    inferred = ("kind:", "min_items:", "answered:", "contact_phone:", "policy_links:", "due_yearly:", "min_per_year:")
    assert all("  # " in line for line in lines if line.strip().startswith(inferred))
    # the count of 二（二）2 is placed on the 政策解读 column with its reason
    assert any("min_per_year: {count: 4, match: 新闻发布}" in line and "二（二）2" in line for line in lines)


def test_the_command_writes_a_draft_that_spec_check_accepts(seed_file, tmp_path, capsys):
    out = tmp_path / "draft.yaml"
    assert main(["spec", "draft", str(seed_file), "--out", str(out)]) == 0
    assert main(["spec", "check", str(out)]) == 0
    # the bundled spec's 30 columns (the 政府信息公开 section 三（二）1（4） puts on phones among them)
    assert "30 mandated path(s)" in capsys.readouterr().out


def test_against_last_year_prints_paths_added_removed_and_units_changed(seed_file, tmp_path, capsys):
    old = tmp_path / "old.yaml"
    old.write_text(
        "mandate:\n  id: old\n  title: 去年\nentries:\n"
        "  - path: 政府网站>政府信息公开>法定主动公开内容>规划信息>专项规划\n    lead: 财政局\n"
        "    responsible: 经济运行局\n"
        "  - path: 政府网站>政务公开>去年的栏目\n",
        encoding="utf-8",
    )
    assert main(["spec", "draft", str(seed_file), "--against", str(old), "--out", str(tmp_path / "new.yaml")]) == 0
    report = capsys.readouterr().out
    assert "- 政府网站>政务公开>去年的栏目" in report
    assert "+ 政府网站>互动交流>网民留言  (二（三）1)" in report
    assert "~ 政府网站>政府信息公开>法定主动公开内容>规划信息>专项规划: lead 财政局 → 经济运行局" in report
    assert "responsible" not in report.split("专项规划: lead")[1].split("\n")[1]
