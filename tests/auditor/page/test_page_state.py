"""Challenge, maintenance and soft-404 pages are told from content, and content stays content."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.page.page_state import judge_page, redirect_soft_404

PAGES = Path(__file__).resolve().parent / "pages"
PORTAL_CHROME = (
    '<div class="header"><div class="logo">示例市人民政府</div></div>'
    '<div class="nav">' + "".join(f'<a href="/c{i}/">栏目{i}</a>' for i in range(12)) + "</div>"
)


def page(body: str, title: str = "示例市人民政府") -> str:
    return f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'


def test_the_real_jsl_521_challenge_is_a_javascript_cookie_challenge(realgov_dir: Path):
    script = (realgov_dir / "0rzOday-mps-jsl" / "challenge1_raw.js").read_text(encoding="utf-8")
    state = judge_page(f"<html><body><script>{script}</script></body></html>", 521)
    assert (state.kind, str(state.reason)) == ("challenge", "anti-bot challenge (HTTP 521, JavaScript cookie)")


def test_a_200_page_that_sets_a_cookie_and_reloads_is_a_challenge():
    script = '<script>document.cookie="v="+Math.random();location.href=location.pathname+location.search</script>'
    assert str(judge_page(page("<p>请稍候……</p>" + script), 200).reason) == "anti-bot challenge (HTTP 200, JavaScript cookie)"


def test_a_firewall_marker_with_no_content_is_a_challenge():
    html = '<html><head><script r="m">$_ts=window["$_ts"];$_ts.nsd=1;</script></head><body></body></html>'
    assert str(judge_page(html, 412).reason) == "anti-bot challenge (HTTP 412, JavaScript)"


def test_a_script_that_sends_the_reader_elsewhere_is_no_challenge():
    html = page('<script>document.cookie="lang=zh";location.href="/zh/index.html";</script>')
    assert judge_page(html, 200).kind == "content"


@pytest.mark.parametrize(
    ("html", "status", "reason"),
    [
        (page("<h1>系统维护中</h1><p>网站正在升级维护，请稍后访问。</p>", "系统维护中"), 200, "maintenance page: page says 系统维护中"),
        (page("<p>网站维护中，暂停访问</p>"), 503, "maintenance page (HTTP 503): page says 网站维护中"),
    ],
)
def test_maintenance_pages(html, status, reason):
    assert str(judge_page(html, status).reason) == reason


def test_a_soft_404_in_the_sites_template_is_told_by_its_own_words():
    html = page(PORTAL_CHROME + '<div class="main"><p>抱歉，您访问的页面不存在！</p><a href="/">返回首页</a></div>', "提示信息")
    assert str(judge_page(html, 200).reason) == "soft 404: page says 您访问的页面不存在"
    assert judge_page(page("<h1>Oops</h1>", "404 Not Found"), 200).kind == "soft_404"


def test_an_item_titled_like_a_notice_is_still_a_list():
    items = "".join(f'<li><a href="/t2021110{i}_{i}.html">关于网站系统维护的公告（{i}）页面不存在问题</a><span>2021-11-0{i}</span></li>' for i in range(1, 4))
    assert judge_page(page(PORTAL_CHROME + f'<div class="main"><ul>{items}</ul></div>'), 200).kind == "content"


def test_a_document_number_404_is_no_error_page():
    assert judge_page(page("<p>全文见附件。</p>", "关于印发〔2021〕404号文件的通知"), 200).kind == "content"


def test_real_pages_are_content(realgov_dir: Path):
    files = [*sorted(realgov_dir.glob("*/*.html")), *sorted(realgov_dir.glob("*/*.jsp")), *sorted(PAGES.glob("*.html"))]
    assert len(files) >= 10
    for file in files:
        assert judge_page(file.read_text(encoding="utf-8"), 200).kind == "content", file.name


@pytest.mark.parametrize(
    ("asked", "landed", "meta", "expected"),
    [
        ("http://h/zwgk/ghxx/202111/t20211101_1.html", "http://h/zwgk/ghxx/", True,
         "soft 404: meta refresh to the parent column (http://h/zwgk/ghxx/)"),
        ("http://h/zwgk/ghxx/t20211101_1.html", "http://h/zwgk/ghxx/index.html", False,
         "soft 404: redirected to the parent column (http://h/zwgk/ghxx/index.html)"),
        ("http://h/zxft/", "http://h/", False, "soft 404: redirected to the home page"),
        ("http://h/zxft/", "http://h/portal/index.html", False, "soft 404: redirected to the home page"),
        ("http://h/zwgk/", "http://h/zwgk/index.shtml", False, None),
        ("http://h/zwgk", "http://h/zwgk/", False, None),
        ("http://h/xxgk/", "http://h/xxgk/fdzdgknr/", True, None),
        ("http://h/index.html", "http://h/", False, None),
        ("http://h/col/col1/index.html", "http://h/col/col2/index.html", False, None),
    ],
)
def test_redirects_to_the_home_page_or_a_parent_column(asked, landed, meta, expected):
    home = {"http://h/portal/index.html"}
    moved = redirect_soft_404(asked, landed, via_meta_refresh=meta, home_urls=home)
    assert (None if moved is None else moved.phrase()) == expected
