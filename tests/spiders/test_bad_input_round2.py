"""Round two of the bad-input corpus (issue 19, tests/spiders/badsite/round2_cases.py): answers that
gave a false ``missing`` or a wrong count, each over real HTTP on 127.0.0.1 in the corpus crawl."""

from __future__ import annotations

import pytest

UNVERIFIED = [
    pytest.param(("编码异常",), "content encoding not supported: x-snappy", id="content-encoding-x-snappy"),
    pytest.param(("数据链接",), "column link cannot be followed (data: URL)", id="data-link"),
    pytest.param(("脚本文件",), "column link cannot be followed (file: URL)", id="javascript-to-file"),
    pytest.param(("计算链接",), "column link cannot be followed (URL computed by a script)", id="computed-script-url"),
    pytest.param(("服务大厅", "办事指南"), "HTTP 503", id="only-link-on-a-refused-more-page"),
]


@pytest.mark.parametrize(("segments", "reason"), UNVERIFIED)
def test_an_answer_the_tool_cannot_follow_or_read_is_unverified_never_missing(badsite_crawl, segments, reason):
    assert badsite_crawl.path(*segments)["status"] == "unverified"
    assert reason in badsite_crawl.unverified_reason(*segments)


@pytest.mark.parametrize("segments", [("空白页面",), ("无内容",), ("服务大厅", "空白栏目"), ("服务大厅", "无内容栏目")],
                         ids=["200-empty", "204", "200-empty-sub", "204-sub"])
def test_an_empty_column_page_is_unverified_without_a_traceback(badsite_crawl, segments):
    assert badsite_crawl.path(*segments)["status"] == "unverified"
    assert "AssertionError" not in badsite_crawl.proc.stderr and "Traceback" not in badsite_crawl.proc.stderr


def test_a_column_linked_with_its_first_page_parameter_is_a_column(badsite_crawl):
    path = badsite_crawl.path("分页栏目")
    assert (path["status"], path["items"]) == ("ok", 6)
    assert badsite_crawl.targets("/r2/lbfy/list.jsp?page=1")


def test_a_comment_inside_the_link_text_keeps_the_name_whole(badsite_crawl):
    path = badsite_crawl.path("机构职能")
    assert (path["status"], path["items"]) == ("ok", 6)


def test_a_pager_spelling_its_one_page_several_ways_counts_the_list_once(badsite_crawl):
    path = badsite_crawl.path("多种分页")
    assert (path["status"], path["items"]) == ("ok", 10)
    assert badsite_crawl.targets("/r2/dzfy/?page=1") == []


def test_no_request_is_made_for_a_data_or_file_or_computed_link(badsite_crawl):
    assert "/r2/" not in [target for _, target, _, _ in badsite_crawl.requests]  # the computed URL's first part
    assert all(not t.startswith(("data:", "file:")) for _, t, _, _ in badsite_crawl.requests)
