"""Article pages: title, date, label checks and every medium in the body and its attachments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditor.page.article import Article, has_labels, parse_article

PAGES = Path(__file__).parent / "pages"
ARTICLE_URL = "http://www.example.gov.cn/zwgk/zcjd/202106/t20210603_555123.html"
HERE = "http://www.example.gov.cn/zwgk/zcjd/202106/"


@pytest.fixture(scope="module")
def article() -> Article:
    html = (PAGES / "article_media.html").read_text(encoding="utf-8")
    return parse_article(html, ARTICLE_URL, dt.date(2021, 6, 20))


def test_title_and_date_from_the_disclosure_table(article: Article) -> None:
    assert article.title == "图解：示例市2021年政府工作报告"
    # 发布日期 wins over 生成日期 (2021-06-02) and over the PubDate meta tag
    assert article.date == dt.date(2021, 6, 3)
    assert article.date_source == "label:发布日期"
    assert article.body_found


def test_every_medium_of_the_body_with_its_kind_and_reference(article: Article) -> None:
    found = [(m.url.removeprefix(HERE), m.kind, m.via) for m in article.media]
    assert found == [
        ("W020210603391250188888.jpg", "image", "img"),
        ("W020210603391250199999_small.png", "image", "img"),
        ("W020210603391250199999_big.png", "image", "srcset"),
        ("W020210603391250200000.jpg", "image", "data-src"),
        ("http://www.example.gov.cn/images/loading.gif", "image", "img"),
        ("W020210603391250211111.gif", "image", "data-original"),
        ("W020210603391250222222.jpg", "image", "poster"),
        ("W020210603391250233333.mp4", "video", "source"),
        ("W020210603391250233333.webm", "video", "source"),
        ("W020210603391250244444.mp3", "audio", "audio"),
        ("W020210603391250255555.swf", "video", "object"),
        ("W020210603391250266666.mp4", "video", "iframe"),
        ("W020210603391250277777.m3u8", "video", "script"),
        ("P020210603391250300001.pdf", "attachment", "link"),
        ("P020210603391250300002.docx", "attachment", "link"),
        ("P020210603391250300003.xls", "attachment", "link"),
        ("P020210603391250300004.ofd", "attachment", "link"),
    ]


def test_site_chrome_and_non_media_are_left_out(article: Article) -> None:
    urls = " ".join(m.url for m in article.media)
    for chrome in ("logo.png", "search_icon.png", "ga.png", "red.png", "share_wx.png", "share_wb.png"):
        assert chrome not in urls
    assert "data:" not in urls and "javascript:" not in urls
    assert "map.example.gov.cn" not in urls  # an iframe that shows no media file
    assert "t20210601_555001" not in urls  # a related article is no medium
    assert len({m.url for m in article.media}) == len(article.media)


def test_labels_in_the_page_text(article: Article) -> None:
    fields = ["索引号", "发布机构", "生成日期", "文号", "发布日期", "答复部门", "信息来源"]
    assert has_labels(article.text, fields) == ["索引号", "发布机构", "生成日期", "文号", "发布日期"]
    assert "网站地图" not in article.text  # footer text is not the article's


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("答复部门：市政府办公室", "答复部门"),
        ("答复部门:市政府办公室", "答复部门"),
        ("答复部门 ： 市政府办公室", "答复部门"),
        ("索 引 号：000014348/2020-35147", "索引号"),
        ("来信时间 答复部门 答复时间", "答复部门"),  # table header cells
        ("发布时间：2021-06-01信息来源：市政府", "信息来源"),  # inline spans, no space between
        ("【答复部门】示例局", "答复部门"),
        ("索引号：123", "索 引 号："),  # the label written with spaces and a colon
    ],
)
def test_a_label_counts_as_a_label(text: str, label: str) -> None:
    assert has_labels(text, [label]) == [label]


@pytest.mark.parametrize(
    ("text", "label"),
    [("本件由答复部门负责办理", "答复部门"), ("发布机构负责人", "发布机构"), ("", "答复部门")],
)
def test_a_word_inside_a_sentence_is_no_label(text: str, label: str) -> None:
    assert has_labels(text, [label]) == []


def test_has_labels_keeps_the_order_asked_and_ignores_blank_labels() -> None:
    assert has_labels("文号：无 索引号：1", ["索引号", " ", "文号"]) == ["索引号", "文号"]


def test_date_near_the_title_when_there_is_no_label_or_meta() -> None:
    html = """<html><head><title>示例新闻_示例市</title></head><body>
    <div class="header"><p>今天是2021年06月20日</p></div>
    <div class="news"><h1>全市防汛工作会议召开</h1><p class="info">2021-06-18 来源：示例日报</p>
    <div class="content"><p>会议要求，各地各部门要压实责任。2020年6月1日的教训不能忘。</p></div></div></body></html>"""
    article = parse_article(html, "http://www.example.gov.cn/xw/1.html", dt.date(2021, 6, 20))
    assert article.title == "全市防汛工作会议召开"
    assert (article.date, article.date_source) == (dt.date(2021, 6, 18), "title")


def test_meta_date_when_no_label() -> None:
    html = """<html><head><meta name="firstpublishedtime" content="2021-06-01-10:20:30"></head>
    <body><h1>国务院常务会议</h1><div class="pages_content"><p>正文内容。</p></div></body></html>"""
    article = parse_article(html, "http://www.gov.cn/zhengce/2021-06/01/content_1.htm", dt.date(2021, 6, 20))
    assert (article.date, article.date_source) == (dt.date(2021, 6, 1), "meta:firstpublishedtime")


def test_no_body_container_falls_back_to_the_page_without_its_chrome() -> None:
    html = """<html><body><div class="header"><img src="/images/logo.png"></div>
    <table><tr><td><img src="photo1.jpg"><p>说明文字</p><a href="/upload/report.pdf">附件下载</a></td></tr></table>
    <div class="footer"><img src="/images/gongan.png"></div></body></html>"""
    article = parse_article(html, "http://www.example.gov.cn/a/b.html", dt.date(2021, 6, 20))
    assert not article.body_found
    assert [(m.url, m.kind) for m in article.media] == [
        ("http://www.example.gov.cn/a/photo1.jpg", "image"),
        ("http://www.example.gov.cn/upload/report.pdf", "attachment"),
    ]


def test_flash_embed_and_flashvars() -> None:
    html = """<html><body><div class="TRS_Editor">
    <embed src="/flash/player.swf" flashvars="file=/video/2012/hui.flv&amp;autostart=false" type="application/x-shockwave-flash">
    <p>会议视频。</p></div></body></html>"""
    article = parse_article(html, "http://www.example.gov.cn/a/b.html", dt.date(2021, 6, 20))
    assert [(m.url, m.kind, m.via) for m in article.media] == [
        ("http://www.example.gov.cn/flash/player.swf", "video", "embed"),
        ("http://www.example.gov.cn/video/2012/hui.flv", "video", "embed"),
    ]


def test_empty_input_is_an_empty_article() -> None:
    article = parse_article("", "http://www.example.gov.cn/a.html", dt.date(2021, 6, 20))
    assert (article.title, article.date, article.media, article.text) == (None, None, [], "")


# --- real pages -----------------------------------------------------------------------------------------
WANZAI_2022 = "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml"


def read_real(realgov_dir: Path, *parts: str) -> str:
    return realgov_dir.joinpath(*parts).read_text(encoding="utf-8")


def test_real_wanzai_article_date_and_images(realgov_dir: Path) -> None:
    html = read_real(realgov_dir, "SimonXinw-job", "wanzai_tjsja_2022_article.html")
    article = parse_article(html, WANZAI_2022, dt.date(2023, 10, 1))
    assert article.title == "万载县2022年国民经济和社会发展统计公报"
    # the 生成日期 label, not the PubDate meta (2023-08-16, the page's generation time)
    assert (article.date, article.date_source) == (dt.date(2023, 5, 11), "label:生成日期")
    images = [m for m in article.media if m.kind == "image"]
    assert len(images) == 11 and len(article.media) == 11
    folder = "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/万载县2022年国民经济和社会发展统计公报 _ 万载县人民政府_files/"
    assert images[0].url == folder + "20230511102347160001.jpg"
    assert all(m.url.startswith(folder) and m.url.endswith(".jpg") for m in images)
    assert not any(name in m.url for m in images for name in ("xxgk_emblems", "red.png", "jiucuo", "jbzq"))
    assert has_labels(article.text, ["索引号", "生成日期", "公开方式", "责任部门", "发布机构"]) == [
        "索引号", "生成日期", "公开方式", "责任部门"
    ]


def test_real_older_template_with_a_date_label_and_no_media(realgov_dir: Path) -> None:
    html = read_real(realgov_dir, "SimonXinw-job", "wanzai_tjgb_2015_article.html")
    url = "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml"
    article = parse_article(html, url, dt.date(2023, 10, 1))
    assert (article.date, article.date_source) == (dt.date(2017, 5, 15), "label:发布日期")
    assert article.media == []  # its ten images are all logos and badges


def test_real_article_dated_by_its_meta_tag(realgov_dir: Path) -> None:
    html = read_real(realgov_dir, "SimonXinw-job", "yichun_tjgb_jiangxi2022_article.html")
    url = "https://www.yichun.gov.cn/ycsrmzf/tjgb/202304/3f093ec317ba4609b241d0c79175c7cd.shtml"
    article = parse_article(html, url, dt.date(2023, 10, 1))
    assert (article.date, article.date_source) == (dt.date(2023, 5, 16), "meta:pubdate")
    assert len(article.media) == 19 and {m.kind for m in article.media} == {"image"}


def test_real_disclosure_details_with_commented_out_fields(realgov_dir: Path) -> None:
    html = read_real(realgov_dir, "kevin3691-renmin", "hdzfxxgk_details.jsp")
    url = "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html"
    article = parse_article(html, url, dt.date(2020, 8, 12))
    assert article.title == "邯郸市教育局关于印发《全市教育系统安全专项整治三年行动实施方案》的通知"
    assert (article.date, article.date_source) == (dt.date(2020, 8, 2), "label:发布日期")
    # 成文日期 and 有效期 are in HTML comments: not shown, so not present
    assert has_labels(article.text, ["索引号", "发布机构", "文号", "主题分类", "成文日期", "有效期", "发布日期"]) == [
        "索引号", "发布机构", "文号", "主题分类", "发布日期"
    ]
    assert article.media == []  # the footer badge red.png is chrome


@pytest.mark.parametrize(
    ("srcset", "expected"),
    [
        ("a.jpg 1x, b.jpg 2x", ["a.jpg", "b.jpg"]),
        ("a.jpg 1x,b.jpg 2x", ["a.jpg", "b.jpg"]),
        ("a.jpg, b.jpg 2x", ["a.jpg", "b.jpg"]),
        ("/img/c.jpg 480w, /img/d.jpg 800w", ["/img/c.jpg", "/img/d.jpg"]),
    ],
)
def test_srcset_candidates(srcset: str, expected: list[str]) -> None:
    html = f'<html><body><div class="article-content"><p>图片说明文字。</p><img srcset="{srcset}"></div></body></html>'
    article = parse_article(html, "http://www.example.gov.cn/a/b.html", dt.date(2021, 6, 20))
    assert [m.url for m in article.media] == [
        "http://www.example.gov.cn" + (u if u.startswith("/") else "/a/" + u) for u in expected
    ]
    assert {m.via for m in article.media} == {"srcset"}
