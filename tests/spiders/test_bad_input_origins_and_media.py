"""Scope by origin, media the server refuses, and a garbled answer, in the corpus crawl."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("segments", [("对外合作",), ("招商引资",), ("友好城市",)], ids=["link", "redirect", "meta-refresh"])
def test_another_port_of_the_portals_host_is_another_site(badsite_crawl, segments):
    path = badsite_crawl.path(*segments)
    assert path["status"] == "unverified"
    assert path["reason_code"] in ("column_offsite", "redirect_offsite")
    host = path["reason_data"]["host"]
    assert host.startswith("127.0.0.1:") and host != f"127.0.0.1:{badsite_crawl.port}"


def test_the_other_port_is_never_asked_for_anything(badsite_crawl):
    assert badsite_crawl.findings  # the crawl ran
    assert badsite_crawl.other_log == []


def findings_on(badsite_crawl, name: str) -> list[dict]:
    return [f for f in badsite_crawl.findings["findings"] if (f["url"] or "").endswith(f"/twbd/img/{name}")]


def test_media_the_server_refused_are_unverified_warnings_never_broken(badsite_crawl, badsite_module):
    for name in badsite_module.REFUSED_MEDIA:
        (finding,) = findings_on(badsite_crawl, name)
        assert (finding["kind"], finding["severity"]) == ("unverified", "warning"), name
        assert finding["evidence"]["reason_code"] == "media_refused"
        assert "图片无法核实" in finding["message"] and "不计为损坏" in finding["message"]
    within = {name: findings_on(badsite_crawl, name)[0]["evidence"]["reason_data"]["within"][0]["code"]
              for name in badsite_module.REFUSED_MEDIA}
    assert within == {"busy.png": "http_error", "limit.png": "http_refused", "deny.png": "http_refused",
                      "reset.png": "connection_reset"}


def test_only_a_medium_that_is_gone_is_broken(badsite_crawl, badsite_module):
    (finding,) = findings_on(badsite_crawl, badsite_module.GONE_MEDIUM)
    assert (finding["kind"], finding["severity"], finding["evidence"]["http_status"]) == ("broken_image", "error", 404)
    broken = [f for f in badsite_crawl.findings["findings"] if f["kind"].startswith("broken_")]
    assert broken == [finding]
    media = {m["url"].rsplit("/", 1)[-1]: m for m in badsite_crawl.path("图文报道")["checked_media"]}
    assert media["ok.png"]["ok"] is True


def test_media_are_asked_for_as_stored_and_a_compression_bomb_is_not_inflated(badsite_crawl, badsite_module):
    asked = {target.rsplit("/", 1)[-1]: value for target, value in badsite_crawl.accept_encoding.items() if "/twbd/img/" in target}
    assert asked and set(asked.values()) == {"identity"}
    (finding,) = findings_on(badsite_crawl, badsite_module.BOMB_MEDIUM)
    assert finding["kind"] == "unverified"
    assert finding["evidence"]["reason_data"]["within"][0]["code"] == "decoded_too_large"
    assert "Ignored response" not in finding["message"] and "DOWNLOAD_MAXSIZE" not in str(finding)


def test_a_garbled_status_line_is_a_malformed_answer_not_a_reset(badsite_crawl):
    assert badsite_crawl.path("信息反馈")["reason_code"] == "bad_response"


def test_a_page_that_inflates_past_the_cap_is_named_so_not_by_scrapys_message(badsite_crawl):
    path = badsite_crawl.path("数据下载")
    assert path["reason_code"] == "decoded_too_large"
    (finding,) = badsite_crawl.findings_for("数据下载", kind="unverified")
    assert "Ignored response" not in str(finding) and "DOWNLOAD_MAXSIZE" not in str(finding)
    assert finding["evidence"]["reason_zh"] == "内容解压后超过 1 MB，未读取"
