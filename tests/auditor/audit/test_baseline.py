"""Finding identity across crawls and the new/resolved/unchanged split."""

from __future__ import annotations

from auditor.audit.baseline import compare, finding_fingerprint, finding_key
from auditor.model.findings import Finding, FindingsReport

SITE = "http://ljxq.cq.gov.cn"
GHXX = ["政府信息公开", "法定主动公开内容", "规划信息"]


def finding(kind: str, *, path_id: str | None = "ghxx-gtkj", path: list[str] | None = None, url: str | None = None,
            message: str = "问题", severity: str = "error", page: str | None = None) -> Finding:
    return Finding(kind=kind, severity=severity, path=path if path is not None else [*GHXX, "国土空间规划"],
                   url=url, page=page, message=message, evidence={}, path_id=path_id)


def report(*findings: Finding, when: str = "2021-06-20T09:00:00+08:00") -> FindingsReport:
    return FindingsReport(site={"start_url": f"{SITE}/", "hosts": ["ljxq.cq.gov.cn"]},
                          spec={"id": "liangjiang-2021", "title": "两江", "document_number": "", "issued": None},
                          started_at=when, finished_at=when, complete=True, stats={}, paths=[],
                          findings=list(findings))


def test_identity_ignores_the_message_severity_and_page():
    a = finding("missing_column", message="未找到栏目“国土空间规划”", severity="error", page=f"{SITE}/a")
    b = finding("missing_column", message="栏目缺失：国土空间规划", severity="warning", page=f"{SITE}/b")
    assert finding_key(a) == finding_key(b)
    assert finding_fingerprint(a) == finding_fingerprint(b)


def test_identity_tells_kind_path_and_url_apart():
    base = finding("broken_image", url=f"{SITE}/a.jpg")
    others = [
        finding("broken_attachment", url=f"{SITE}/a.jpg"),
        finding("broken_image", url=f"{SITE}/b.jpg"),
        finding("broken_image", url=f"{SITE}/a.jpg", path_id="ghxx-zxgh"),
    ]
    keys = {finding_key(f) for f in [base, *others]}
    assert len(keys) == 4
    assert len({finding_fingerprint(f) for f in [base, *others]}) == 4


def test_identity_falls_back_to_the_segments_then_the_site():
    by_path = finding("stale_section", path_id=None, path=["新闻动态", "两江要闻"])
    same_path = finding("stale_section", path_id=None, path=["新闻动态", "两江要闻"], message="另一种说法")
    site_wide = finding("broken_image", path_id=None, path=[], url=f"{SITE}/logo.png")
    site_wide.path = None
    assert finding_key(by_path) == finding_key(same_path)
    assert finding_key(site_wide) == ("broken_image", "site", f"{SITE}/logo.png")


def test_compare_splits_new_resolved_and_unchanged():
    known = finding("missing_column")
    fixed = finding("broken_attachment", path_id="jgzn", path=[*GHXX[:2], "机构职能"], url=f"{SITE}/old.docx")
    new = finding("stale_section", path_id="ghxx-zxgh", path=[*GHXX, "专项规划"], url=f"{SITE}/zxgh/")
    known_again = finding("missing_column", message="reworded by a newer crawler")

    result = compare(report(known_again, new), report(known, fixed))

    assert result.new == [new]
    assert result.unchanged == [known_again]
    assert result.resolved == [fixed]
    assert result.is_new(new) and not result.is_new(known_again)


def test_compare_counts_repeated_keys():
    """Two findings with one key where the baseline had one: one of them is new."""
    first = finding("broken_image", url=f"{SITE}/x.jpg", page=f"{SITE}/p1")
    second = finding("broken_image", url=f"{SITE}/x.jpg", page=f"{SITE}/p2")
    result = compare(report(first, second), report(finding("broken_image", url=f"{SITE}/x.jpg")))
    assert result.unchanged == [first]
    assert result.new == [second]
    assert result.resolved == []

    back = compare(report(finding("broken_image", url=f"{SITE}/x.jpg")), report(first, second))
    assert len(back.unchanged) == 1 and back.new == [] and back.resolved == [second]


def test_compare_with_itself_has_nothing_new_or_resolved():
    current = report(finding("missing_column"), finding("broken_image", url=f"{SITE}/x.jpg"))
    result = compare(current, current)
    assert result.new == [] and result.resolved == []
    assert len(result.unchanged) == 2


def test_compare_against_an_empty_baseline_makes_everything_new():
    current = report(finding("missing_column"), finding("empty_section", path_id="tjxx"))
    result = compare(current, report())
    assert result.new == current.findings and result.unchanged == [] and result.resolved == []
