"""JUnit XML: valid against the common schema, one case per mandated path and per broken medium."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from auditor.model.findings import MEDIA_FINDING_KINDS
from reports import render


@pytest.fixture
def schema(junit_xsd) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(junit_xsd)))


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def cases(root):
    return root.findall("testsuite/testcase")


def test_validates_against_the_junit_schema(findings_report, baseline_report, schema):
    for lang in ("zh", "en"):
        for baseline in (None, baseline_report):
            document = etree.fromstring(render(findings_report, "junit", lang, baseline))
            assert schema.validate(document), schema.error_log


def test_the_schema_rejects_what_ci_cannot_read(schema):
    bad = etree.fromstring(b'<testsuites><testsuite name="s" tests="1"><testcase name="x"/></testsuite></testsuites>')
    assert not schema.validate(bad)  # no classname
    bad = etree.fromstring(b'<testsuites><testsuite name="s" tests="one"/></testsuites>')
    assert not schema.validate(bad)


def test_one_case_per_path_and_per_broken_medium(findings_report):
    root = parse(render(findings_report, "junit"))
    media = [f for f in findings_report.findings if f.kind in MEDIA_FINDING_KINDS]
    site_other = [f for f in findings_report.findings if f.path_id is None and f.kind not in MEDIA_FINDING_KINDS]
    all_cases = cases(root)
    assert len(all_cases) == len(findings_report.paths) + len(media) + len(site_other)
    names = [c.get("name") for c in all_cases]
    for path in findings_report.paths:
        assert names.count(" > ".join(path.path)) == 1
    for finding in media:
        assert sum(1 for n in names if n.endswith(finding.url)) == 1
    assert int(root.get("tests")) == len(all_cases)
    assert sum(int(s.get("tests")) for s in root.findall("testsuite")) == len(all_cases)


def test_classname_is_spec_id_and_top_segment(findings_report):
    root = parse(render(findings_report, "junit"))
    by_name = {c.get("name"): c for c in cases(root)}
    assert by_name["新闻动态 > 两江要闻"].get("classname") == "liangjiang-2021.新闻动态"
    planning = by_name["政府信息公开 > 法定主动公开内容 > 规划信息 > 国土空间规划"]
    assert planning.get("classname") == "liangjiang-2021.政府信息公开"
    suites = [s.get("name") for s in root.findall("testsuite")]
    assert suites == [f"liangjiang-2021.{top}" for top in ("政府信息公开", "新闻动态", "互动交流", "站点")]


def test_failures_carry_the_finding(findings_report):
    root = parse(render(findings_report, "junit"))
    by_name = {c.get("name"): c for c in cases(root)}
    missing = by_name["政府信息公开 > 法定主动公开内容 > 规划信息 > 国土空间规划"].find("failure")
    assert missing.get("type") == "missing_column"
    assert missing.get("message") == ("「政府信息公开 > 法定主动公开内容 > 规划信息 > 国土空间规划」中的「国土空间规划」"
                                      "未找到；走查止于「规划计划」，已查找 2 个页面。")
    assert "整改建议：补建栏目并发布信息（整改时限 2021-07-20）" in missing.text
    assert missing.text.startswith("[错误] 栏目缺失：「")  # the kind once, then the sentence
    # several findings: the worst is the failure's type, all are in its text
    policy = by_name["政府信息公开 > 政策文件 > 政策解读"].find("failure")
    assert policy.get("type") == "missing_subcolumn"
    video = next(c for n, c in by_name.items() if n.endswith("W020210420_video.mp4")).find("failure")
    assert video.get("type") == "broken_video" and "不完整" in video.get("message")
    assert by_name["政府信息公开 > 法定主动公开内容 > 机构职能"].find("failure") is None
    # an unverified path was not checked: skipped, with the reason
    skipped = by_name["政府信息公开 > 法定主动公开内容 > 行政许可"].find("skipped")
    assert "JavaScript" in skipped.get("message")
    assert int(root.get("failures")) == sum(1 for c in cases(root) if c.find("failure") is not None)


def test_path_cases_fail_and_skip_as_the_path_states_count(findings_report):
    """The failed and skipped path cases are the counts of every other format (the view model's)."""
    from reports.view import build_view

    counts = build_view(findings_report).counts
    root = parse(render(findings_report, "junit"))
    labels = {" > ".join(p.path) for p in findings_report.paths}
    path_cases = [c for c in cases(root) if c.get("name") in labels]
    assert len(path_cases) == counts.paths == 14
    failed = sum(1 for c in path_cases if c.find("failure") is not None)
    skipped = sum(1 for c in path_cases if c.find("skipped") is not None)
    assert skipped == counts.states["unverified"] == 1
    assert failed == counts.paths - counts.states["ok"] - counts.states["unverified"] == 12
    for suite in root.findall("testsuite"):
        props = {p.get("name"): p.get("value") for p in suite.find("properties")}
        assert props["run.paths"] == "14" and props["run.paths.ok"] == "1" and props["run.paths.flawed"] == "5"
        assert props["run.findings"] == "18" and props["run.findings.error"] == "10"


def test_crawled_text_survives_as_text(findings_report):
    data = render(findings_report, "junit")
    root = parse(data)
    online = next(c for c in cases(root) if c.get("name") == "互动交流 > 在线访谈")
    assert "<script>alert(1)</script>" in online.find("failure").get("message")
    assert b"<script>" not in data


def test_control_characters_do_not_break_the_xml(findings_report, schema):
    report = copy.deepcopy(findings_report)
    report.findings[0].message = "栏目名称\x00\x08含控制字符\x1f"
    root = parse(render(report, "junit"))
    assert schema.validate(root)


def test_baseline_marks_new_findings_and_lists_resolved(findings_report, baseline_report):
    root = parse(render(findings_report, "junit", "zh", baseline_report))
    by_name = {c.get("name"): c for c in cases(root)}
    stale = by_name["政府信息公开 > 法定主动公开内容 > 规划信息 > 专项规划"].find("failure")
    assert stale.get("message").startswith("[新增]")
    missing = by_name["政府信息公开 > 法定主动公开内容 > 规划信息 > 国土空间规划"].find("failure")
    assert "基线中已有" in missing.get("message")
    jgzn = by_name["政府信息公开 > 法定主动公开内容 > 机构职能"]
    assert "[已解决]" in jgzn.find("system-out").text and "P020210105_zhineng.docx" in jgzn.find("system-out").text


def test_duplicate_paths_get_their_id_in_the_name(findings_report):
    report = copy.deepcopy(findings_report)
    twin = copy.deepcopy(report.paths[0])
    twin.id = "ghxx-again"
    report.paths.append(twin)
    names = [c.get("name") for c in cases(parse(render(report, "junit")))]
    assert "政府信息公开 > 法定主动公开内容 > 规划信息 [ghxx]" in names
    assert "政府信息公开 > 法定主动公开内容 > 规划信息 [ghxx-again]" in names


# --- JUnit says what the gate says ---------------------------------------------------------------------
from pathlib import Path  # noqa: E402

from auditor.audit.gate import judge  # noqa: E402
from auditor.model.findings import FindingsReport  # noqa: E402

DOWN = Path(__file__).parent / "data" / "down" / "findings.json"


def _failed(root) -> list:
    return [c for c in cases(root) if c.find("failure") is not None]


def test_with_a_baseline_junit_fails_only_what_the_gate_fails(findings_report, baseline_report, schema):
    gate = judge(findings_report, baseline_report, "error")
    assert gate.exit_code == 1 and gate.failing  # the stale 专项规划 and the 通知公告 attachment are new
    root = parse(render(findings_report, "junit", "zh", baseline_report, gate=gate))
    assert schema.validate(root), schema.error_log
    failed = _failed(root)
    failed_messages = " ".join(c.find("failure").get("message") for c in failed)
    # each failing finding fails its path's case (and a broken medium its own case too), nothing else
    assert failed and all("新增" in c.find("failure").get("message") for c in failed), failed_messages
    assert {c.find("failure").get("type") for c in failed} == {f.kind for f in gate.failing}
    known = [c for c in cases(root) if c.find("skipped") is not None and "已知问题" in c.find("skipped").get("message")]
    assert known, "known findings are skipped"
    assert all("2021-05-20 首次发现" in c.find("skipped").get("message") for c in known)
    # without the gate (severity alone), every known error and warning failed too
    assert len(_failed(parse(render(findings_report, "junit", "zh", baseline_report)))) > len(failed)


def test_warnings_fail_only_when_the_gate_fails_warnings(findings_report):
    by_error = parse(render(findings_report, "junit", "zh", gate=judge(findings_report, fail_on="error")))
    by_warning = parse(render(findings_report, "junit", "zh", gate=judge(findings_report, fail_on="warning")))
    kinds = lambda root: {c.find("failure").get("type") for c in _failed(root)}  # noqa: E731
    renamed_warning = "renamed_column"
    assert renamed_warning not in kinds(by_error)
    assert len(_failed(by_warning)) > len(_failed(by_error))
    assert all(f.severity == "error" for f in judge(findings_report, fail_on="error").failing)


def test_a_portal_not_audited_is_errors_not_skips(schema):
    down = FindingsReport.read(DOWN)
    root = parse(render(down, "junit", "zh", gate=judge(down)))
    assert schema.validate(root), schema.error_log
    assert int(root.get("errors")) == len(down.paths) and int(root.get("failures")) == 0
    assert not [c for c in cases(root) if c.find("skipped") is not None]
    assert all(c.find("error").get("message").startswith("无法核查：") for c in cases(root))
    # the same without a gate (a report rebuilt by the library)
    assert int(parse(render(down, "junit", "en")).get("errors")) == len(down.paths)
