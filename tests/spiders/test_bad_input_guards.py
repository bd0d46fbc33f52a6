"""Answers that are not the page asked for: anti-bot challenges, maintenance, soft 404s, robots.txt."""

from __future__ import annotations

import pytest

CASES = [
    pytest.param(("应急管理",), "anti-bot challenge (HTTP 412, JavaScript)", id="412-ruishu-like"),
    pytest.param(("监督检查",), "anti-bot challenge (HTTP 200, JavaScript cookie)", id="200-challenge-script"),
    pytest.param(("社会公益",), "anti-bot challenge (HTTP 521, JavaScript cookie)", id="521-real-jsl-script"),
    pytest.param(("公共服务",), "maintenance page: page says 系统维护中", id="maintenance-200"),
    pytest.param(("政民互动",), "maintenance page (HTTP 503): page says 网站维护中", id="maintenance-503"),
    pytest.param(("专题专栏",), "soft 404: page says 您访问的页面不存在", id="soft-404-page"),
    pytest.param(("在线访谈",), "soft 404: redirected to the home page", id="redirect-to-home"),
    pytest.param(("新闻发布", "发布会实录"), "soft 404: meta refresh to the parent column", id="meta-refresh-to-parent"),
    pytest.param(("内部资料",), "robots.txt disallows", id="robots-txt"),
]


@pytest.mark.parametrize(("segments", "reason"), CASES)
def test_each_guard_is_unverified_with_its_own_reason(badsite_crawl, segments, reason):
    assert badsite_crawl.path(*segments)["status"] == "unverified"
    assert badsite_crawl.unverified_reason(*segments).startswith(reason)
    assert {f["kind"] for f in badsite_crawl.findings_for(*segments)} == {"unverified"}


def test_a_deleted_article_answered_by_a_meta_refresh_is_no_missing_field(badsite_crawl):
    """人大建议 lists four items; the third was deleted and refreshes to the column page, which has
    no 发布日期. Reading the column page as the article would report a missing field."""
    path = badsite_crawl.path("人大建议")
    assert (path["status"], path["items"]) == ("ok", 4)
    assert badsite_crawl.findings_for("人大建议") == []
    assert "/rdjy/202111/t20211126_3.html" in badsite_crawl.targets("/rdjy/202111/")


def test_robots_txt_is_obeyed_by_default(badsite_crawl):
    assert badsite_crawl.targets("/robots.txt")
    assert badsite_crawl.targets("/private/") == []


def test_a_sites_own_team_may_crawl_what_robots_txt_disallows(crawl_badsite, badsite_module):
    own = crawl_badsite(badsite_module.OWN_TEAM_SPEC, "ROBOTSTXT_OBEY=False")
    path = own.path("内部资料")
    assert (path["status"], path["items"]) == ("ok", 3), own.proc.stderr[-2000:]
    assert own.targets("/private/nbzl/")
