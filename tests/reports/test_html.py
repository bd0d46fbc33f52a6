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

    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == digest(script)
    assert directives["style-src"] == digest(style)
    assert directives["default-src"] == "'none'"
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


def test_only_http_urls_become_links_or_images(html):
    doc = parse(html)
    hrefs = doc.xpath("//a/@href")
    assert hrefs
    for href in hrefs:
        assert href.startswith(("http://", "https://", "#")), href
    for src in doc.xpath("//img/@src"):
        assert src.startswith(("http://", "https://")), src
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


def test_broken_media_show_reason_status_and_type(html):
    video_path = parse(html).get_element_by_id("path-4")
    rows = video_path.xpath(".//table[@class='media']/tbody/tr")
    cells = [[c.text_content().strip() for c in row.xpath("./td")] for row in rows]
    assert cells[0][0].startswith("视频无法播放") and cells[0][1].endswith("W020210420_video.mp4")
    assert cells[0][2].startswith("文件不完整") and "mdat" in cells[0][2]
    assert cells[0][3] == "200" and cells[0][4] == "video/mp4"
    assert cells[1][2] == "格式无法播放" and cells[1][4] == "audio/x-ms-wma"
    image_path = parse(html).get_element_by_id("path-1")
    row = image_path.xpath(".//table[@class='media']/tbody/tr/td")
    assert [c.text_content().strip() for c in row][3:5] == ["404", "text/html"]


def test_thumbnails_of_images_that_loaded(html):
    path = parse(html).get_element_by_id("path-1")
    images = path.xpath(".//img")
    assert [i.get("src").rsplit("/", 1)[1] for i in images] == ["W020210315_001.png", "W020210315_002.jpg"]
    assert all(i.get("loading") == "lazy" for i in images)
    assert images[0].get("width") == "640" and images[0].get("height") == "400"


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
    sections = doc.xpath("//section[@class='unit']")
    names = [s.xpath("./h3")[0].text.strip() for s in sections]
    assert names[:3] == ["办公室", "经济运行局", "规划自然资源局"]
    assert names[-1] == "未指定牵头单位"
    assert all(s.xpath(".//button[contains(@class, 'print-unit')]") for s in sections)
    planning = sections[names.index("规划自然资源局")]
    assert "国土空间规划" in planning.text_content()


def test_english_report(findings_report):
    html = render(findings_report, "html", "en")
    doc = parse(html)
    assert doc.get("lang") == "en"
    text = doc.text_content()
    assert "Verdict: Fail" in text and "Remediation list" in text and "missing column" in text
    assert "栏目缺失" not in text  # kind labels are translated; messages stay as written
    assert "未找到栏目“国土空间规划”" in text


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
