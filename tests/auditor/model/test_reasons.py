"""Crawl reasons shown to the inspector in Chinese."""

import pytest

from auditor.model.reasons import explain_zh


@pytest.mark.parametrize(
    ("reason", "chinese"),
    [
        ("timeout after 2 retries", "访问超时（已重试 2 次）"),
        ("redirect to another host: localhost", "页面重定向到其他站点（localhost），未跟随"),
        ("anti-bot challenge (HTTP 521, JavaScript cookie)", "遇到反爬虫验证页面（HTTP 521），需人工核实"),
        ("soft 404: page says 您访问的页面不存在", "软 404：页面显示“您访问的页面不存在”"),
        ("maintenance page (HTTP 503): page says 网站维护中", "网站处于维护状态（页面显示“网站维护中”）"),
        ("home page: robots.txt disallows", "首页：网站 robots.txt 禁止抓取该页面"),
        ("page larger than 32 MB", "页面过大（超过 32 MB），未下载"),
    ],
)
def test_known_reasons_read_in_chinese(reason: str, chinese: str):
    assert explain_zh(reason) == chinese


def test_unknown_reason_is_shown_as_it_is():
    assert explain_zh("something new") == "something new"
    assert explain_zh(None) == "原因不明"
