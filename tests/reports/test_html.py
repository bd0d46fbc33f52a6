"""The HTML report as a document: self-contained, escaped, and showing the evidence an inspector needs.
(Its behaviour in a browser is tested in test_html_browser.py.)"""

from __future__ import annotations

import base64
import copy
import hashlib
import re

import lxml.html
import pytest

from auditor.model.findings import Finding
from reports import render

XSS = "<script>alert(1)</script>"


def parse(html: str):
    return lxml.html.document_fromstring(html)


@pytest.fixture
def html(findings_report) -> str:
    return render(findings_report, "html", "zh")


def test_is_one_self_contained_file(html):
    doc = parse(html)
    assert doc.xpath("//link") == []
    assert all(s.get("src") is None for s in doc.xpath("//script"))
    assert len(doc.xpath("//script")) == 1 and len(doc.xpath("//style")) == 1
    inline = doc.xpath("//script")[0].text + doc.xpath("//style")[0].text
    assert "http://" not in inline and "https://" not in inline and "@import" not in inline


def test_content_security_policy_allows_only_the_reports_own_script(html):
    doc = parse(html)
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    script = doc.xpath("//script")[0].text
    style = doc.xpath("//style")[0].text

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    from reports.html.writer import SNAPSHOT_CSS

    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == digest(script)
    assert directives["style-src"] == f"{digest(style)} {digest(SNAPSHOT_CSS)}"  # the report's, the snapshots'
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"  # nothing is loaded from the audited site
    assert "unsafe-inline" not in csp


def test_crawled_script_text_is_escaped(html):
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src=x onerror="alert(2)">' not in html
    doc = parse(html)
    assert len(doc.xpath("//script")) == 1
    for element in doc.iter():
        for name in element.attrib:
            assert not name.lower().startswith("on"), (element.tag, name)
    text = doc.text_content()
    assert XSS in text  # shown to the inspector as text


def test_only_http_urls_become_links_and_no_image_comes_from_the_site(html):
    doc = parse(html)
    hrefs = doc.xpath("//a/@href")
    assert hrefs
    for href in hrefs:
        assert href.startswith(("http://", "https://", "#")), href
    for src in doc.xpath("//img/@src"):
        assert src.startswith("data:image/"), src
    assert "javascript:alert(1)" in doc.text_content()  # shown, not linked


def test_every_mandated_path_is_in_the_tree_with_its_badges(html, findings_report):
    doc = parse(html)
    details = doc.xpath("//details[contains(concat(' ', @class, ' '), ' path ')]")
    assert len(details) == len(findings_report.paths)
    badges = {d.get("id"): d.get("data-badges") for d in details}
    assert badges["path-0"] == "renamed"
    assert badges["path-3"] == "missing"
    assert badges["path-4"] == "missing broken_media"
    assert badges["path-10"] == "unverified"
    states = {d.get("id"): (d.get("data-status"), d.get("data-state")) for d in details}
    assert states["path-0"] == ("ok", "flawed") and states["path-3"] == ("missing", "missing")
    assert states["path-11"] == ("ok", "ok") and states["path-10"] == ("unverified", "unverified")
    summary = details[0].xpath("./summary")[0].text_content()
    assert "规划信息" in summary and "规划计划" in summary and "办公室" in summary and "一、（一）4" in summary


def test_a_missing_path_shows_where_the_walk_stopped_and_what_was_offered(html):
    missing = parse(html).get_element_by_id("path-3")
    text = missing.text_content()
    assert "国土空间规划" in text and "规划自然资源局" in text
    assert "停止于" in text and "该页提供的栏目" in text
    for offered in ("国民经济和社会发展规划", "专项规划", "区域规划"):
        assert offered in text
    links = missing.xpath(".//a/@href")
    assert "http://ljxq.cq.gov.cn/zwgk/fdzdgknr/ghjh/index_1.html" in links  # searched pages
    trail = [a.text_content() for a in missing.xpath(".//ol[@class='trail']//a")]
    assert trail == ["首页", "政府信息公开", "法定主动公开内容", "规划计划"]


def evidence_of(item) -> dict[str, str]:
    dl = item.xpath("./dl[@class='evidence']")[0]
    return {dt.text_content().strip(): dt.getnext().text_content().strip() for dt in dl.xpath("./dt")}


def test_broken_media_show_reason_status_type_advice_and_deadline(html):
    video_path = parse(html).get_element_by_id("path-4")
    items = video_path.xpath(".//ul[contains(@class, 'media')]/li")
    assert [i.xpath(".//span[@class='kind']")[0].text for i in items] == ["视频无法播放", "音频无法播放"]
    video = evidence_of(items[0])
    assert video["原因"] == "文件不完整（被截断）" and video["HTTP 状态码"] == "200" and video["内容类型"] == "video/mp4"
    assert "详情" not in video  # the media checker's English diagnosis stays out of a Chinese report
    assert items[0].xpath(".//p[@class='message']")[0].text == "视频无法正常播放：文件不完整（被截断）。"
    advice = items[0].xpath(".//p[@class='advice']")[0].text_content()
    assert "替换可播放的视频文件" in advice and "2021-06-27前（7 天内）" in advice  # crawled 2021-06-20
    assert evidence_of(items[1])["原因"] == "格式已不被浏览器支持（如 Flash）"
    image = evidence_of(parse(html).get_element_by_id("path-1").xpath(".//ul[contains(@class, 'media')]/li")[0])
    assert (image["HTTP 状态码"], image["内容类型"]) == ("404", "text/html")


def test_without_an_archive_loaded_images_are_named_not_fetched(html):
    path = parse(html).get_element_by_id("path-1")
    assert path.xpath(".//img") == []
    names = [a.get("href").rsplit("/", 1)[1] for a in path.xpath(".//div[@class='thumbs']/a")]
    assert names == ["W020210315_001.png", "W020210315_002.jpg"]


def test_header_has_site_spec_time_duration_completeness_verdict(html):
    header = parse(html).get_element_by_id("summary").text_content()
    for expected in ("http://ljxq.cq.gov.cn/", "2021年两江新区政务公开工作要点任务分工", "渝两江管办发〔2021〕44号",
                     "2021-06-20 09:00", "7 分 32 秒", "完整抓取", "不合格"):
        assert expected in header, expected


def test_inspection_view_shows_the_early_warning(html):
    doc = parse(html)
    blank = doc.get_element_by_id("line-blank_columns")
    assert blank.get("data-state") == "warning"
    assert "3" in [td.text_content().strip() for td in blank.xpath("./td")]
    assert doc.get_element_by_id("broken-counts").xpath(".//tr[@class='total']/td")[0].text_content() == "5"


def test_remediation_list_has_a_printable_section_per_lead_unit(html):
    doc = parse(html)
    sections = doc.xpath("//section[@class='unit notice']")
    names = [s.xpath("./h3")[0].text.strip() for s in sections]
    assert names[:3] == ["致：办公室", "致：经济运行局", "致：规划自然资源局"]
    assert names[-1] == "致：未指定牵头单位"
    assert all(s.xpath(".//p[@class='notice-title']")[0].text == "整改通知" for s in sections)
    assert all(s.xpath(".//button[contains(@class, 'print-unit')]") for s in sections)
    planning = sections[names.index("致：规划自然资源局")]
    row = planning.xpath(".//tbody/tr")[0]
    cells = {td.get("data-label"): td.text_content().strip() for td in row.xpath("./td")}
    assert "国土空间规划" in cells["栏目路径"]
    assert cells["整改建议"] == "补建栏目并发布信息" and cells["整改时限"] == "2021-07-20"  # 30 days


def test_english_report(findings_report):
    html = render(findings_report, "html", "en")
    doc = parse(html)
    assert doc.get("lang") == "en"
    text = doc.text_content()
    assert "Verdict: Fail" in text and "Remediation list" in text and "missing column" in text
    assert "栏目缺失" not in text and "未找到" not in text  # kinds and messages are both in English
    assert '"国土空间规划" of 政府信息公开 > 法定主动公开内容 > 规划信息 > 国土空间规划 was not found' in text
    assert "Create the column and publish its information" in text


def test_baseline_marks_new_and_resolved(findings_report, baseline_report):
    doc = parse(render(findings_report, "html", "zh", baseline_report))
    summary = doc.get_element_by_id("baseline-summary").text_content()
    assert "新增 2" in summary and "已解决 1" in summary and "未变 16" in summary
    stale = doc.get_element_by_id("path-2")
    assert stale.xpath(".//summary//span[contains(@class, 'b-new')]")
    resolved = doc.get_element_by_id("resolved").getnext().text_content()
    assert "P020210105_zhineng.docx" in resolved
    assert not doc.get_element_by_id("path-3").xpath(".//span[contains(@class, 'b-new')]")


def test_unknown_kinds_and_evidence_render_generically(findings_report):
    report = copy.deepcopy(findings_report)
    report.findings.append(Finding(kind="broken_map", severity="warning", path=["新闻动态", "两江要闻"],
                                   url="http://ljxq.cq.gov.cn/map.html", page=None, message="地图无法加载",
                                   evidence={"tiles": ["http://ljxq.cq.gov.cn/t/1.png"], "nested": {"a": 1}},
                                   path_id="ljyw"))
    doc = parse(render(report, "html", "zh"))
    path = doc.get_element_by_id("path-8")
    text = path.text_content()
    assert "broken_map" in text and "地图无法加载" in text and "tiles" in text and '{"a": 1}' in text
    assert "http://ljxq.cq.gov.cn/t/1.png" in path.xpath(".//a/@href")
    assert "other" in path.get("data-badges")


def test_spec_and_site_fields_are_escaped_too(liangjiang):
    from auditor.model.findings import FindingsReport

    data = liangjiang()
    data["spec"]["title"] = XSS
    data["site"]["start_url"] = "javascript:alert(3)//"
    html = render(FindingsReport.from_dict(data), "html", "zh")
    assert XSS not in html
    assert not re.search(r'href="javascript:', html, re.I)


def test_count_notes_are_worded_in_the_reports_language(liangjiang):
    """``notes_data`` (codes with facts) are shown in the report's language; the English phrase of
    ``notes`` only in an English report or a file older than the codes."""
    import lxml.html as lh

    from auditor.model.findings import FindingsReport
    from reports import render

    data = liangjiang()
    data["paths"][0]["notes"] = ["pages 4–10 come only from the site's search endpoint (maxStaticIndex 3); not read"]
    data["paths"][0]["notes_data"] = [{"code": "search_endpoint_only", "first": 4, "last": 10, "limit": 3}]
    report = FindingsReport.from_dict(data)
    zh = lh.fromstring(render(report, "html", "zh")).cssselect("dd.count-notes")
    assert [dd.text_content() for dd in zh] == ["第 4–10 页只由网站的检索接口提供（maxStaticIndex 3），未读取"]
    en = lh.fromstring(render(report, "html", "en")).cssselect("dd.count-notes")
    assert [dd.text_content() for dd in en] == [data["paths"][0]["notes"][0]]


@pytest.mark.parametrize("lang, words", [("zh", "本次沿用缓存"), ("en", "replayed it from the cache")])
def test_a_media_verdict_replayed_from_the_cache_says_so_and_when(findings_report, lang, words):
    """A re-crawl (--cache) keeps the verdicts of unchanged pages' media: the report says which, and
    when the bytes they rest on were answered (issue 19)."""
    report = copy.deepcopy(findings_report)
    medium = next(f for f in report.findings if f.kind.startswith("broken_"))
    medium.evidence = {**(medium.evidence or {}), "replayed": True, "checked_at": "2021-06-13T08:00:00+00:00"}
    notes = parse(render(report, "html", lang)).xpath("//p[@class='replayed']")
    assert len(notes) == 1 and words in notes[0].text_content() and "2021-06-13" in notes[0].text_content()
    assert not parse(render(findings_report, "html", lang)).xpath("//p[@class='replayed']")
