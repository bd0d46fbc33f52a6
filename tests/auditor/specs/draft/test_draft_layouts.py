"""``spec draft`` on task lists laid out otherwise than the seed: other columns (序号, 完成时限, no
牵头单位), full-width ``＞``, 专栏 set up in prose, a PDF printed from the table."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from auditor.specs.draft import draft_file
from waiting import HANG_GUARD

NOTICE = ["示例区人民政府办公室关于印发2022年示例区政务公开工作要点任务分工的通知", "示例府办发〔2022〕7号",
          "示例区人民政府办公室", "2022年3月1日", "2022年示例区政务公开工作要点任务分工"]
HEADER = ["序号", "重点任务", "具体举措", "责任单位", "完成时限"]
ROWS = [
    ["1", "一、深化财政信息公开", "1.公开部门预决算信息〔公开路径：政府网站＞政务公开＞财政信息＞部门预算/部门决算〕",
     "财政局、各部门", "2022年6月底前"],
    ["2", "", "2.在政府网站“政务公开”中开设“乡村振兴”专栏，集中发布相关政策", "农业农村委", "2022年9月30日前"],
    ["3", "二、做好重大项目信息公开", "1.每季度公开重大建设项目批准和实施信息〔公开路径：（1）政府网站>政务公开>重大建设项目；（2）政务新媒体〕",
     "发展改革委，住房城乡建设委", "长期坚持"],
]


def build(path: Path) -> Path:
    document = docx.Document()
    for line in NOTICE:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for number, row in enumerate(ROWS, start=1):
        for column, text in enumerate(row):
            if not text:
                table.cell(number - 1, column).merge(table.cell(number, column))
            else:
                table.cell(number, column).text = text
    document.save(str(path))
    return path


@pytest.fixture
def drafted(tmp_path):
    return draft_file(build(tmp_path / "示例区任务分工.docx"), spec_id="example-2022")


def test_another_layout_gives_its_paths_units_and_deadlines(drafted):
    columns = {">".join(c.segments): c for c in drafted.spec.paths}
    assert sorted(columns) == [
        "政务公开>乡村振兴", "政务公开>财政信息>部门决算", "政务公开>财政信息>部门预算", "政务公开>重大建设项目",
    ]
    budget = columns["政务公开>财政信息>部门预算"]
    assert budget.lead == () and budget.responsible == ("财政局", "各部门")
    assert budget.rules.deadline == dt.date(2022, 6, 30)  # from the 完成时限 column
    assert columns["政务公开>乡村振兴"].rules.deadline == dt.date(2022, 9, 30)
    assert columns["政务公开>重大建设项目"].responsible == ("发展改革委", "住房城乡建设委")
    assert columns["政务公开>重大建设项目"].rules.deadline is None
    assert drafted.spec.meta.document_number == "示例府办发〔2022〕7号"
    assert drafted.spec.meta.issued == dt.date(2022, 3, 1)
    assert drafted.spec.meta.title == "2022年示例区政务公开工作要点任务分工"


def test_what_is_not_one_date_is_a_comment(drafted):
    assert "# the clause says 每季度" in drafted.yaml
    assert "# the clause says 长期坚持" not in drafted.yaml  # not a period: nothing to say
    assert "deadline: 2022-06-30  # from the row's 完成时限 cell" in drafted.yaml


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium to print the table to PDF")
def test_a_pdf_printed_from_the_table_drafts_the_same(tmp_path, drafted):
    cells = "".join(
        "<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>" for row in [HEADER, *ROWS]
    )
    notice = "".join(f"<p>{line}</p>" for line in NOTICE)
    html = tmp_path / "list.html"
    html.write_text(
        '<html><head><meta charset="utf-8"><style>table{border-collapse:collapse}td{border:1px solid #000;'
        f'padding:4px;font-size:12px}}</style></head><body>{notice}<table>{cells}</table></body></html>',
        encoding="utf-8",
    )
    pdf = tmp_path / "list.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=HANG_GUARD,
    )
    from_pdf = draft_file(pdf, spec_id="example-2022").spec
    assert {c.segments: (c.responsible, c.rules.deadline) for c in from_pdf.paths} == {
        c.segments: (c.responsible, c.rules.deadline) for c in drafted.spec.paths
    }
