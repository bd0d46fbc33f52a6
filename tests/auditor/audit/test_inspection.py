"""The national inspection view: veto lines, early warnings and broken-link counts."""

from __future__ import annotations

import copy

from auditor.audit.inspection import inspect


def lines(view):
    return {line.id: line for line in view.lines}


def test_liangjiang_stands_at_an_early_warning_for_blank_columns(findings_report):
    view = inspect(findings_report)
    got = lines(view)
    assert got["blank_columns"].count == 3
    assert got["blank_columns"].state == "warning"  # more than 2 blank columns: warn before the veto
    assert set(got["blank_columns"].columns) == {
        "政府信息公开 > 法定主动公开内容 > 财政信息 > 部门预决算",
        "政府信息公开 > 法定主动公开内容 > 统计信息",
        "政府信息公开 > 法定主动公开内容 > 重大建设项目",
    }
    # news (14 days) and notices (183 days) count toward the 5-column line; the yearly 专项规划 does not
    assert got["stale_columns"].count == 2 and got["stale_columns"].state == "clear"
    assert got["long_stale_columns"].count == 3
    assert not view.crossed and view.warned


def test_five_blank_columns_cross_the_veto_line(findings_report):
    report = copy.deepcopy(findings_report)
    for pid in ("jgzn", "gknb"):
        next(p for p in report.paths if p.id == pid).status = "empty"
    got = lines(inspect(report))
    assert got["blank_columns"].count == 5
    assert got["blank_columns"].state == "crossed"


def test_a_column_counts_once_whatever_says_it_is_blank(findings_report):
    report = copy.deepcopy(findings_report)
    report.findings += [copy.deepcopy(f) for f in report.findings if f.kind == "empty_section"]
    assert lines(inspect(report))["blank_columns"].count == 3


def test_stale_lines(findings_report):
    report = copy.deepcopy(findings_report)
    template = next(f for f in report.findings if f.kind == "stale_section" and f.path_id == "ljyw")
    for number in range(8):
        extra = copy.deepcopy(template)
        extra.path_id = f"news-{number}"
        extra.path = ["新闻动态", f"部门动态{number}"]
        extra.evidence["max_age_days"] = 14 if number < 3 else 365
        report.findings.append(extra)
    got = lines(inspect(report))
    assert got["stale_columns"].count == 5 and got["stale_columns"].state == "crossed"
    assert got["long_stale_columns"].count == 11 and got["long_stale_columns"].state == "crossed"


def test_a_stale_path_without_its_window_counts_as_long_stale_only(findings_report):
    report = copy.deepcopy(findings_report)
    report.findings = [f for f in report.findings if f.kind != "stale_section"]
    got = lines(inspect(report))
    assert got["stale_columns"].count == 0
    assert got["long_stale_columns"].count == 3  # the three paths whose status is stale


def test_broken_media_counts(findings_report):
    view = inspect(findings_report)
    assert view.broken == {"broken_image": 2, "broken_video": 1, "broken_audio": 1, "broken_attachment": 1}
    assert view.broken_links == 3  # images and attachments count as links
    assert view.broken_total == 5


def test_an_unfinished_crawl_is_flagged(findings_report):
    report = copy.deepcopy(findings_report)
    report.complete = False
    assert inspect(report).complete is False


def test_a_column_with_too_few_items_is_not_blank(findings_report):
    """``below_min_items`` is a warning on a column that published something: the state tiles do not
    call it 空白, so neither does the veto line (one count for the whole report)."""
    report = copy.deepcopy(findings_report)
    template = next(f for f in report.findings if f.kind == "empty_section")
    for path in report.paths:
        if path.status == "ok":
            extra = copy.deepcopy(template)
            extra.path_id, extra.path, extra.severity = path.id, path.path, "warning"
            extra.evidence = {"why": "below_min_items"}
            report.findings.append(extra)
    assert lines(inspect(report))["blank_columns"].count == 3
