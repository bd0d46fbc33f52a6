"""The Markdown summary: verdict, counts, failing paths, baseline changes; crawled text escaped."""

from __future__ import annotations

import copy
import re

from reports import render
from reports.markdown import md_link, md_text


def table_rows(markdown: str, header_start: str) -> list[str]:
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header_start}"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def cells(row: str) -> list[str]:
    """Split a table row on unescaped pipes, as GitHub does."""
    out, current, escaped = [], "", False
    for ch in row.strip()[1:-1]:
        if ch == "|" and not escaped:
            out.append(current.strip())
            current = ""
        else:
            current += ch
        escaped = ch == "\\" and not escaped
    out.append(current.strip())
    return out


def test_summary_has_verdict_counts_and_failing_paths(findings_report):
    md = render(findings_report, "md")
    assert md.splitlines()[0] == "## ❌ PathAudit · 2021年两江新区政务公开工作要点任务分工：不合格"
    severity = {cells(r)[0]: cells(r)[1] for r in table_rows(md, "按严重程度")}
    assert severity == {"错误": "10", "警告": "7", "提示": "1"}
    failing = table_rows(md, "状态")
    assert len(failing) == 13  # every path but 机构职能
    assert all(len(cells(r)) == 4 for r in failing)
    missing = next(r for r in failing if "国土空间规划" in r)
    assert cells(missing)[0] == "**缺失**" and cells(missing)[3] == "规划自然资源局"
    policy = next(r for r in failing if "政策解读" in r)
    assert cells(policy)[0] == "**存在问题** `缺失` `媒体损坏`"  # its state, then what is wrong
    assert "→ 补建子栏目并发布信息（整改时限 2021-07-20）" in cells(policy)[2]
    assert "- **规定栏目路径**：14 · 正常 1、缺失 1、空白 3、未更新 3、存在问题 5、无法核实 1" in md
    assert "机构职能" not in "\n".join(failing)
    assert "空白栏目 | 3 | ≥ 3 | ≥ 5 | ⚠️ 预警" in md


def test_crawled_text_is_escaped(findings_report):
    md = render(findings_report, "md")
    # every "<" is escaped, except the line breaks the summary puts in table cells itself
    assert re.search(r"(?<!\\)<(?!br>)", md) is None
    row = next(r for r in table_rows(md, "状态") if "在线访谈" in r)
    assert len(cells(row)) == 4
    assert r"\<script\>alert\(1\)\</script\>" in row
    assert "javascript:" not in md.replace(r"javascript:alert\(1\)", "")  # never as a link target


def test_a_pipe_in_crawled_text_cannot_break_the_table(findings_report):
    report = copy.deepcopy(findings_report)
    report.findings[0].message = "名称 | 含竖线 | 的栏目"
    row = next(r for r in table_rows(render(report, "md"), "状态") if "规划计划" in r or "竖线" in r)
    assert len(cells(row)) == 4


def test_links_are_http_only_and_cannot_be_broken_out_of():
    assert md_link("javascript:alert(1)", "点我") == "点我"
    assert md_link("http://ljxq.cq.gov.cn/a (1).html", "附件") == "[附件](http://ljxq.cq.gov.cn/a%20%281%29.html)"
    assert md_link("http://ljxq.cq.gov.cn/规划/", "规划").endswith("(http://ljxq.cq.gov.cn/%E8%A7%84%E5%88%92/)")
    assert md_text("a|b<c>\n*d*") == r"a\|b\<c\> \*d\*"


def test_baseline_section_lists_new_and_resolved(findings_report, baseline_report):
    md = render(findings_report, "md", "zh", baseline_report)
    assert "### 与基线比较：新增 2 · 已解决 1 · 未变 16" in md
    new_block = md.split("#### 新增（2）")[1].split("####")[0]
    assert "专项规划" in new_block and "P020201201\\_fujian.pdf" in new_block
    resolved_block = md.split("#### 已解决（1）")[1]
    assert "机构职能" in resolved_block
    severity = {cells(r)[0]: cells(r)[2] for r in table_rows(md, "按严重程度")}
    assert severity == {"错误": "1", "警告": "1", "提示": "0"}
    assert "**新增**" in next(r for r in table_rows(md, "状态") if "专项规划" in r)


def test_english_and_a_clean_site(liangjiang):
    from auditor.model.findings import FindingsReport

    data = liangjiang()
    data["findings"] = []
    for path in data["paths"]:
        path["status"] = "ok"
    md = render(FindingsReport.from_dict(data), "md", "en")
    assert md.splitlines()[0].endswith(": Pass")
    assert "Every mandated path passes." in md


def test_long_tables_are_cut(findings_report):
    report = copy.deepcopy(findings_report)
    template = report.paths[3]
    for number in range(150):
        extra = copy.deepcopy(template)
        extra.id = f"extra-{number}"
        extra.path = [*template.path[:-1], f"专题{number}"]
        report.paths.append(extra)
    md = render(report, "md")
    assert len(table_rows(md, "状态")) == 100
    assert "另有 63 行未列出" in md


def test_chinese_sentences_use_full_width_punctuation(findings_report):
    """No half-width colon or parenthesis right after a Chinese word in the summary's Chinese text
    (URLs, code spans and English names aside)."""
    md = render(findings_report, "md", "zh")
    prose = re.sub(r"\]\([^)]*\)|`[^`]*`|https?://\S+", "", md)
    slips = re.findall(r"[\u4e00-\u9fff][:(]|[\u4e00-\u9fff] \(", prose)
    assert not slips, slips
