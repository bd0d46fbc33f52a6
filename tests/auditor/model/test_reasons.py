"""Every failure reason is a stable code with facts, worded once in English and once in Chinese."""

from __future__ import annotations

import re

import pytest

from auditor.model.reasons import WORDING, Reason, explain


@pytest.mark.parametrize(
    ("reason", "phrase", "chinese"),
    [
        (Reason("timeout", retries=2), "timeout after 2 retries", "访问超时（已重试 2 次）"),
        (Reason("redirect_offsite", host="localhost"), "redirect to another host: localhost", "页面重定向到其他站点（localhost），未跟随"),
        (Reason("challenge", status=521, how="JavaScript cookie"), "anti-bot challenge (HTTP 521, JavaScript cookie)",
         "遇到反爬虫验证页面（HTTP 521），需人工核实"),
        (Reason("soft_404", text="您访问的页面不存在"), "soft 404: page says 您访问的页面不存在", "软 404：页面显示“您访问的页面不存在”"),
        (Reason("maintenance", where=" (HTTP 503)", text="网站维护中", status=503),
         "maintenance page (HTTP 503): page says 网站维护中", "网站处于维护状态（页面显示“网站维护中”）"),
        (Reason("home_unreachable", Reason("robots_disallowed")), "home page: robots.txt disallows", "首页无法访问：网站 robots.txt 禁止抓取该页面"),
        (Reason("page_too_large", size="32 MB"), "page larger than 32 MB", "页面过大（超过 32 MB），未下载"),
        (Reason("http_refused", status=403, note="access refused"), "HTTP 403 (access refused)", "服务器拒绝访问（HTTP 403，禁止访问）"),
    ],
)
def test_a_reason_has_its_english_phrase_and_its_chinese_sentence(reason, phrase, chinese):
    assert reason.phrase() == phrase
    assert reason.sentence("zh") == chinese
    assert Reason.from_json(reason.to_json()) == reason  # findings.json keeps every fact


def test_a_host_with_a_parenthesis_is_shown_whole():
    reason = Reason("column_offsite", host="evil)x.example:8080")
    assert "evil)x.example:8080" in reason.sentence("zh") and "evil)x.example:8080" in reason.sentence("en")


def test_nested_reasons_are_worded_in_the_same_language():
    inner = (Reason("http_error", status=503, retries=2, url="http://h/a/"), Reason("timeout", url="http://h/b/"))
    reason = Reason("section_unreadable", inner)
    assert reason.phrase() == "pages of the section could not be read: http://h/a/ (HTTP 503 after 2 retries); http://h/b/ (timeout)"
    zh = reason.sentence("zh")
    assert "服务器返回 HTTP 503（已重试 2 次）" in zh and "访问超时" in zh and "timeout" not in zh


@pytest.mark.parametrize("code", sorted(WORDING))
def test_every_code_reads_in_chinese_without_english_words_and_in_english_without_chinese(code):
    reason = Reason(code)
    zh, en = reason.sentence("zh"), reason.sentence("en")
    assert zh and en
    assert not re.search(r"[\u4e00-\u9fff]", en), en
    # HTTP, TLS, DNS, JavaScript, robots.txt, MB are names, not English words to translate
    words = set(re.findall(r"[A-Za-z]{3,}", zh)) - {"HTTP", "TLS", "DNS", "JavaScript", "robots", "txt", "http", "ETag"}
    assert not words, (code, zh)


def test_an_unknown_code_is_refused_where_it_is_built_and_read_as_unknown_from_a_file():
    with pytest.raises(ValueError):
        Reason("something new")
    assert explain({"code": "something new"}) == "原因不明"
    assert explain(None, "en") == "unknown reason"
