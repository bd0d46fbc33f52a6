"""The shared reading of findings: badges, verdict, tree, remediation units, URL safety."""

from __future__ import annotations

import copy

import pytest

from auditor.model.findings import FindingsReport
from reports.view import build_view, format_duration, http_url


def by_id(view):
    return {p.id: p for p in view.paths}


def test_badges_follow_status_and_findings(findings_report):
    paths = by_id(build_view(findings_report))
    assert paths["ghxx"].badges == ["renamed"]  # status ok + renamed_column
    assert paths["ghxx-gmjj"].badges == ["broken_media"]  # status ok + broken image
    assert paths["ghxx-zxgh"].badges == ["stale"]
    assert paths["ghxx-gtkj"].badges == ["missing"]
    assert paths["zcjd"].badges == ["missing", "broken_media"]  # missing sub-column 视频 + video/audio
    assert paths["tjxx"].badges == ["empty"]
    assert paths["tzgg"].badges == ["stale", "broken_media"]
    assert paths["xzxk"].badges == ["unverified"]
    assert paths["jgzn"].badges == ["ok"]
    assert paths["gknb"].badges == ["other"]  # deadline missed
    assert paths["ghxx"].site_name == "规划计划"


def test_findings_attach_to_paths_and_the_rest_is_site_wide(findings_report):
    view = build_view(findings_report)
    attached = sum(len(p.findings) for p in view.paths)
    assert attached + len(view.site_findings) == len(findings_report.findings)
    assert [f.kind for f in view.site_findings] == ["broken_image"]
    assert {f.kind for f in by_id(view)["zcjd"].media_findings} == {"broken_video", "broken_audio"}


def test_thumbnails_are_loaded_http_images_only(findings_report):
    view = build_view(findings_report)
    images = by_id(view)["ghxx-gmjj"].loaded_images
    assert [m["url"].rsplit("/", 1)[1] for m in images] == ["W020210315_001.png", "W020210315_002.jpg"]
    data = copy.deepcopy(findings_report)
    data.paths[1].checked_media.append({"url": "javascript:alert(1)", "kind": "image", "ok": True})
    data.paths[1].checked_media.append({"url": "data:image/png;base64,AAAA", "kind": "image", "ok": True})
    assert len(by_id(build_view(data))["ghxx-gmjj"].loaded_images) == 2


def test_tree_nests_paths_under_their_segments(findings_report):
    view = build_view(findings_report)
    roots = [n.name for n in view.tree]
    assert roots == ["政府信息公开", "新闻动态", "互动交流"]
    gk = view.tree[0]
    assert gk.paths == []  # 政府信息公开 itself is not mandated here
    fd = next(n for n in gk.children if n.name == "法定主动公开内容")
    ghxx = next(n for n in fd.children if n.name == "规划信息")
    assert [p.id for p in ghxx.paths] == ["ghxx"]
    assert [c.name for c in ghxx.children] == ["国民经济和社会发展规划", "专项规划", "国土空间规划"]


def test_remediation_is_grouped_by_lead_unit(findings_report):
    view = build_view(findings_report)
    units = {u.unit: u for u in view.units}
    # units appear in the order the mandate first names them
    named = ("经济运行局", "规划自然资源局", "办公室")
    assert [u for u in units if u in named] == ["办公室", "经济运行局", "规划自然资源局"]
    office = [(e.path.id, e.finding.kind) for e in units["办公室"].entries]
    assert ("ghxx", "renamed_column") in office and ("zcjd", "missing_subcolumn") in office
    assert ("gknb", "deadline_missed") in office
    assert [e.finding.kind for e in units["规划自然资源局"].entries] == ["missing_column"]
    # a site-wide finding has no lead unit: it goes last, unassigned
    assert view.units[-1].unit is None
    assert [e.finding.kind for e in view.units[-1].entries] == ["broken_image"]
    # within a path, errors come before warnings
    economy = [e.finding.severity for e in units["经济运行局"].entries if e.path.id == "ghxx-gmjj"]
    assert economy == ["error"]


@pytest.mark.parametrize(
    ("change", "verdict"),
    [
        ("as_is", "fail"),
        ("warnings_only", "warn"),
        ("nothing", "pass"),
        ("nothing_partial", "incomplete"),
        ("errors_partial", "fail"),
    ],
)
def test_verdict(findings_report, change, verdict):
    report = copy.deepcopy(findings_report)
    if change in ("warnings_only",):
        report.findings = [f for f in report.findings if f.severity != "error" and f.kind != "empty_section"]
        report.paths = [p for p in report.paths if p.status != "empty"]
    if change.startswith("nothing"):
        report.findings = []
        for path in report.paths:
            path.status = "ok"
    if change.endswith("partial"):
        report.complete = False
    assert build_view(report).verdict == verdict


def test_a_crossed_veto_line_fails_even_without_errors(findings_report):
    report = copy.deepcopy(findings_report)
    for finding in report.findings:
        finding.severity = "warning"
    for pid in ("jgzn", "gknb"):
        next(p for p in report.paths if p.id == pid).status = "empty"
    view = build_view(report)
    assert view.inspection.crossed
    assert view.verdict == "fail"


def test_counts(findings_report):
    view = build_view(findings_report)
    assert view.severity_counts == {"error": 10, "warning": 7, "info": 1}
    assert list(view.kind_counts)[:2] == ["missing_column", "renamed_column"]
    assert sum(view.kind_counts.values()) == len(findings_report.findings)
    assert view.duration_seconds == 452


def test_baseline_marks_new_findings(findings_report, baseline_report):
    view = build_view(findings_report, baseline_report)
    new = [f for f in findings_report.findings if view.is_new(f)]
    assert {(f.kind, f.path_id) for f in new} == {("stale_section", "ghxx-zxgh"), ("broken_attachment", "tzgg")}
    assert [(f.kind, f.path_id) for f in view.comparison.resolved] == [("broken_attachment", "jgzn")]


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("http://ljxq.cq.gov.cn/zwgk/", True),
        ("https://ljxq.cq.gov.cn/a b.html", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//ljxq.cq.gov.cn/zwgk/", False),
        ("/zwgk/index.html", False),
        ('http://x/"onmouseover="alert(1)', False),
        ("http:///no-host", False),
        (None, False),
    ],
)
def test_only_absolute_http_urls_are_links(url, safe):
    assert (http_url(url) is not None) is safe


def test_duration_formats():
    assert format_duration(452, "zh") == "7 分 32 秒"
    assert format_duration(3725, "en") == "1h 2m 5s"
    assert format_duration(None, "zh") == "—"


def test_unknown_times_give_no_duration(liangjiang):
    data = liangjiang()
    data["finished_at"] = "not a time"
    assert build_view(FindingsReport.from_dict(data)).duration_seconds is None


# --- one state per path, counts computed once, missing parents ---------------------------------------


def test_each_path_has_one_state_and_the_states_add_up_to_the_paths(findings_report):
    view = build_view(findings_report)
    states = {p.id: p.state for p in view.paths}
    assert states["jgzn"] == "ok"
    assert states["ghxx"] == "flawed"  # status ok, but renamed
    assert states["zcjd"] == "flawed"  # status ok, a sub-column and media missing/broken
    assert states["ghxx-gtkj"] == "missing" and states["tjxx"] == "empty" and states["tzgg"] == "stale"
    assert states["xzxk"] == "unverified"
    assert sum(view.counts.states.values()) == view.counts.paths == len(findings_report.paths)
    assert view.counts.states == {"ok": 1, "missing": 1, "empty": 3, "stale": 3, "flawed": 5, "unverified": 1}
    # badges name every problem and may overlap: they are never summed as paths
    assert sum(view.counts.badges.values()) > view.counts.paths


def test_an_ok_status_with_only_info_findings_stays_ok(findings_report):
    report = copy.deepcopy(findings_report)
    report.findings = [f for f in report.findings if f.path_id != "gknb"]
    report.findings[0].severity = "info"  # the renamed_column of 规划信息
    paths = by_id(build_view(report))
    assert paths["ghxx"].state == "ok" and paths["gknb"].state == "ok"


def missing_parent_report(liangjiang):
    """机关简介 is not on the site: its mandated child 联系我们 cannot be reached."""
    data = liangjiang()
    segments = ["政府信息公开", "法定主动公开内容", "机关简介", "联系我们"]
    data["paths"].append({"id": "lxwm", "path": segments, "status": "missing", "url": None, "trail": [],
                          "items": None, "latest_date": None, "lead": ["办公室"], "responsible": ["办公室"],
                          "clause": "", "quote": "", "reason": None, "checked_media": []})
    data["findings"].append({"kind": "missing_column", "severity": "error", "path": segments, "path_id": "lxwm",
                             "url": "http://ljxq.cq.gov.cn/zwgk/fdzdgknr/", "page": None, "message": "栏目缺失",
                             "evidence": {"segment": "机关简介", "stopped_at": {"name": "法定主动公开内容",
                                                                            "url": "http://ljxq.cq.gov.cn/zwgk/fdzdgknr/"}}})
    return FindingsReport.from_dict(data)


def test_a_missing_parent_is_a_missing_node_with_its_children_unreachable(liangjiang):
    view = build_view(missing_parent_report(liangjiang))
    gk = view.tree[0]
    fd = next(n for n in gk.children if n.name == "法定主动公开内容")
    parent = next(n for n in fd.children if n.name == "机关简介")
    assert parent.paths == [] and parent.state == "missing" and not parent.unreachable
    child = parent.children[0]
    assert child.name == "联系我们" and child.unreachable and child.state == "missing"
    assert child.paths[0].missing_parent == ("政府信息公开", "法定主动公开内容", "机关简介")
    # a path missing at its own last segment has no missing parent
    assert by_id(view)["ghxx-gtkj"].missing_parent is None
    assert fd.state is None and fd.counts["missing"] == 2 and fd.total == 10


def test_remediation_deadlines_count_from_the_crawl_and_a_spec_may_set_its_own(liangjiang):
    view = build_view(FindingsReport.from_dict(liangjiang()))
    missing = next(f for f in view.findings if f.kind == "missing_column")
    assert (view.fix(missing).days, str(view.fix(missing).due)) == (30, "2021-07-20")
    assert not view.deadlines_from_spec
    data = liangjiang()
    data["spec"]["remediation_days"] = {"missing_column": 60}
    view = build_view(FindingsReport.from_dict(data))
    missing = next(f for f in view.findings if f.kind == "missing_column")
    assert str(view.fix(missing).due) == "2021-08-19" and view.deadlines_from_spec
    assert view.deadlines["broken_image"] == 7  # the kinds a spec does not name keep the default
