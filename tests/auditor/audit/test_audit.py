"""The audit rules on plain observations: each rule proven on its own, no crawl needed."""

from __future__ import annotations

import datetime as dt

from auditor.audit.rules import Observations, audit
from auditor.model.reasons import Reason
from auditor.model.observations import (
    ColumnObservation,
    ItemPageObservation,
    Listing,
    ListItem,
    MediaObservation,
    MediaRef,
    TrailStep,
)
from auditor.specs.model import MandatedPath, Rules, Spec, SpecMeta

AS_OF = dt.date(2021, 12, 1)
HOME = "http://127.0.0.1:1/"


def spec(*paths: MandatedPath) -> Spec:
    return Spec(meta=SpecMeta(id="t", title="test"), paths=paths)


def mandated(segments: tuple[str, ...], **rules) -> MandatedPath:
    return MandatedPath(
        id="-".join(segments), segments=segments, raw_path=">".join(("政府网站",) + segments),
        clause="一（一）1", lead=("办公室",), responsible=("各部门",), rules=Rules(**rules),
    )


def found(segments, listing, url=None, **extra) -> ColumnObservation:
    url = url or HOME + "/".join(segments) + "/index.html"
    trail = [TrailStep("首页", HOME)] + [TrailStep(s, HOME + s) for s in segments[:-1]] + [TrailStep(segments[-1], url)]
    return ColumnObservation(segments, "found", url=url, trail=trail, listing=listing, **extra)


def items(*dates: str | None) -> list[ListItem]:
    return [ListItem(f"信息{i}", f"{HOME}a/{i}.html", d, "list" if d else None) for i, d in enumerate(dates)]


def run(s: Spec, *columns: ColumnObservation, pages=(), media=(), complete=True):
    seen = Observations(columns={c.segments: c for c in columns}, items=list(pages), media={m.url: m for m in media})
    return audit(s, seen, as_of=AS_OF, complete=complete)


def test_fresh_column_is_ok_with_count_and_latest_date():
    p = mandated(("政府信息公开", "规划信息"), kind="periodic")
    results, findings = run(spec(p), found(p.segments, Listing("list", items("2021-03-01", "2021-06-01"), declared_total=45)))
    assert results[0].status == "ok" and results[0].items == 45 and results[0].latest_date == "2021-06-01"
    assert findings == []


def test_stale_column_reports_age_and_threshold():
    p = mandated(("动态",), kind="news")
    results, findings = run(spec(p), found(p.segments, Listing("list", items("2019-05-01"))))
    assert results[0].status == "stale"
    assert findings[0].kind == "stale_section" and findings[0].evidence["max_age_days"] == 14
    assert findings[0].evidence["age_days"] == (AS_OF - dt.date(2019, 5, 1)).days


def test_items_without_any_date_count_as_not_updated():
    p = mandated(("通知公告",), kind="notice")
    results, findings = run(spec(p), found(p.segments, Listing("list", items(None, None))))
    assert results[0].status == "stale" and findings[0].evidence["why"] == "no_dates"


def test_placeholder_and_empty_lists_are_empty_sections():
    a, b = mandated(("甲",)), mandated(("乙",))
    results, findings = run(
        spec(a, b), found(a.segments, Listing("placeholder", placeholder="暂无信息")), found(b.segments, Listing("list"))
    )
    assert [r.status for r in results] == ["empty", "empty"]
    assert [f.evidence["why"] for f in findings] == ["placeholder", "no_items"]


def test_js_only_list_is_unverified_never_empty():
    p = mandated(("疫情防控",))
    results, findings = run(spec(p), found(p.segments, Listing("js_only", js_source=HOME + "api/list")))
    assert results[0].status == "unverified"
    assert [f.kind for f in findings] == ["unverified"] and findings[0].severity == "warning"


def test_parent_whose_subcolumns_are_all_empty_is_empty():
    p = mandated(("规范性文件",), children=("现行有效", "失效/废止"))
    results, findings = run(
        spec(p),
        found(p.segments, Listing("parent", subcolumns=[("现行有效", HOME + "x"), ("失效/废止", HOME + "y")])),
        found(p.segments + ("现行有效",), Listing("list")),
        found(p.segments + ("失效/废止",), Listing("placeholder", placeholder="暂无信息")),
    )
    assert results[0].status == "empty" and findings[0].evidence["why"] == "subcolumns_empty"


def test_parent_takes_count_and_date_from_its_subcolumns():
    p = mandated(("规划信息",), kind="periodic")
    results, _ = run(
        spec(p),
        found(p.segments, Listing("parent"), subcolumn_listings={"专项规划": Listing("list", items("2021-05-05"))}),
        found(p.segments + ("国土空间规划",), Listing("list", items("2021-07-07", "2021-01-01"))),
    )
    assert results[0].status == "ok" and results[0].items == 3 and results[0].latest_date == "2021-07-07"


def test_missing_column_says_where_the_walk_stopped():
    p = mandated(("政府信息公开", "机关简介", "联系我们"))
    obs = ColumnObservation(
        p.segments, "missing", trail=[TrailStep("首页", HOME), TrailStep("政府信息公开", HOME + "zwgk/")],
        searched=[HOME + "zwgk/", HOME + "zwgk/a/"], offered=["规划信息", "财政信息"],
    )
    results, findings = run(spec(p), obs)
    assert results[0].status == "missing"
    f = findings[0]
    assert f.kind == "missing_column" and f.url == HOME + "zwgk/"
    assert f.evidence["segment"] == "机关简介" and f.evidence["offered"] == ["规划信息", "财政信息"]


def test_unreached_column_of_an_interrupted_crawl_is_unverified_not_missing():
    p = mandated(("甲",))
    results, findings = run(spec(p), complete=False)
    assert results[0].status == "unverified" and findings[0].kind == "unverified"


def test_renamed_column_is_reported_once_with_both_names():
    p = mandated(("规划信息",), kind="periodic")
    obs = found(p.segments, Listing("list", items("2021-11-01")), site_name="规划计划", match="similar", similarity=0.5)
    results, findings = run(spec(p), obs)
    assert results[0].status == "ok"
    assert [(f.kind, f.evidence["site_name"]) for f in findings] == [("renamed_column", "规划计划")]


def test_missing_required_subcolumn():
    p = mandated(("政策解读",), children=("视频", "图片", "文字"))
    parent = found(p.segments, Listing("list", items("2021-11-20")))
    gone = ColumnObservation(p.segments + ("视频",), "missing", trail=parent.trail, offered=["图片", "文字"])
    paths, findings = run(spec(p), parent, gone, found(p.segments + ("图片",), Listing("list")))
    assert [(f.kind, f.evidence["subcolumn"]) for f in findings if f.severity == "error"] == [("missing_subcolumn", "视频")]
    # each required sub-column is a row of its own; 文字 was never observed: unverified, not silent
    assert [(r.path[-1], r.status) for r in paths if r.required_by] == [("视频", "missing"), ("图片", "empty"), ("文字", "unverified")]


def test_item_page_without_a_required_field():
    fields = ("留言摘要", "受理日期", "答复日期", "答复部门", "答复内容")
    p = mandated(("网民留言",), required_fields=fields)
    good = ItemPageObservation(p.segments, HOME + "a/0.html", fields_present=list(fields))
    bad = ItemPageObservation(p.segments, HOME + "a/1.html", fields_present=list(fields[:3]) + ["答复内容"])
    _, findings = run(spec(p), found(p.segments, Listing("list", items("2021-11-11", "2021-11-12"))), pages=[good, bad])
    assert [(f.kind, f.url, f.evidence["missing"]) for f in findings] == [("missing_field", HOME + "a/1.html", ["答复部门"])]


def test_deadline_missed_when_nothing_was_published_in_time():
    p = mandated(("法治政府建设年度报告",), deadline=dt.date(2021, 5, 31))
    _, late = run(spec(p), found(p.segments, Listing("list", items("2021-06-15"))))
    _, on_time = run(spec(p), found(p.segments, Listing("list", items("2021-05-20", "2021-06-15"))))
    assert [f.kind for f in late] == ["deadline_missed"] and on_time == []


def test_broken_medium_is_reported_once_with_every_page_using_it():
    p = mandated(("政策解读",), media=True)
    img = HOME + "img/x.jpg"
    pages = [
        ItemPageObservation(p.segments, HOME + f"a/{i}.html", media=[MediaRef(img, "image", "img")]) for i in range(2)
    ]
    verdict = MediaObservation(img, "image", [HOME + "a/0.html"], False, "wrong_type", 200, "text/html")
    results, findings = run(spec(p), found(p.segments, Listing("list", items("2021-11-30"))), pages=pages, media=[verdict])
    assert [(f.kind, f.url, f.page) for f in findings] == [("broken_image", img, HOME + "a/0.html")]
    assert findings[0].evidence["pages"] == [HOME + "a/0.html", HOME + "a/1.html"]
    assert results[0].checked_media[0]["ok"] is False


def test_unverified_reason_is_kept_as_its_code_and_facts_and_worded_in_both_languages():
    p = mandated(("甲",))
    obs = ColumnObservation(p.segments, "unverified", url=HOME + "a/", reason=Reason("http_error", status=503, retries=2))
    _, findings = run(spec(p), obs)
    assert findings[0].evidence["reason"] == "HTTP 503 after 2 retries"
    assert findings[0].evidence["reason_code"] == "http_error"
    assert findings[0].evidence["reason_data"] == {"code": "http_error", "status": 503, "retries": 2}
    assert findings[0].evidence["reason_zh"] == "服务器返回 HTTP 503（已重试 2 次）"
    assert findings[0].evidence["reason_en"] == "the server answered HTTP 503 after 2 retries"
    assert "服务器返回 HTTP 503" in findings[0].message


def test_listing_notes_reach_the_path_result():
    from auditor.model.notes import Note

    p = mandated(("政府文件",))
    note = Note("search_endpoint_only", {"first": 4, "last": 10, "limit": 3})
    listing = Listing("list", items("2021-11-01"), declared_total=95, notes=[note])
    results, _ = run(spec(p), found(p.segments, listing))
    assert results[0].items == 95
    assert results[0].notes == ["pages 4–10 come only from the site's search endpoint (maxStaticIndex 3); not read"]
    assert results[0].notes_data == [{"code": "search_endpoint_only", "first": 4, "last": 10, "limit": 3}]


def test_a_partial_crawl_does_not_call_a_parent_empty_for_want_of_its_children():
    """The parent's page was read, its mandated sub-column not yet: it cannot be judged, and is
    unverified — never empty (``no_subcolumns``); a finished crawl judges it."""
    parent_path = mandated(("政府信息公开", "规划信息"))
    child_path = mandated(("政府信息公开", "规划信息", "专项规划"))
    parent = found(parent_path.segments, Listing("parent", subcolumns=[("专项规划", HOME + "ghxx/zxgh/")]))
    results, findings = run(spec(parent_path, child_path), parent, complete=False)
    status = {tuple(r.path): r.status for r in results}
    assert status == {parent_path.segments: "unverified", child_path.segments: "unverified"}
    assert not [f for f in findings if f.kind == "empty_section"]
    assert any("读取其子栏目之前中止" in f.message for f in findings)


def test_a_broken_medium_is_reported_on_the_deepest_path_whose_item_pages_use_it():
    """A parent column listing its sub-columns' newest items reads their articles too: the broken
    image is the sub-column's finding, not the parent's, whichever path the spec names first."""
    parent = mandated(("六稳六保",))
    child = mandated(("六稳六保", "政策解读"))
    image = MediaRef(HOME + "p/1.jpg", "image", "img")
    article = HOME + "zcjd/1.html"
    pages = [ItemPageObservation(parent.segments, article, media=[image]), ItemPageObservation(child.segments, article, media=[image])]
    broken = MediaObservation(image.url, "image", [article], False, "truncated")
    _, findings = run(spec(parent, child), found(parent.segments, Listing("list", items("2021-11-20"))),
                      found(child.segments, Listing("list", items("2021-11-20"))), pages=pages, media=[broken])
    assert [(f.kind, tuple(f.path)) for f in findings] == [("broken_image", child.segments)]
