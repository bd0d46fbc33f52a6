"""Pages in GBK, GB2312 and GB18030, mislabelled by the server, or with a BOM: names still match.

Each section page of these cases is a parent page in its own encoding, linking to its column by
name; the column is a list of six dated items. The home page is UTF-8, so the site mixes encodings.
"""

from __future__ import annotations

import pytest

ENCODED_COLUMNS = [
    pytest.param(("政务公开", "规划信息"), id="gbk-with-only-a-meta-charset"),
    pytest.param(("新闻中心", "工作动态"), id="gbk-served-as-utf-8"),
    pytest.param(("办事服务", "服务事项"), id="gb18030-with-a-character-outside-gbk"),
    pytest.param(("互动交流", "通知公告"), id="utf-8-bom-and-a-wrong-meta-charset"),
    pytest.param(("数据开放", "统计信息"), id="gb2312-label-on-gbk-text"),
    pytest.param(("政策文件", "部门文件"), id="utf-8-served-as-gbk"),
]


@pytest.mark.parametrize("segments", ENCODED_COLUMNS)
def test_the_column_is_found_by_name_and_its_list_counted(badsite_crawl, segments):
    path = badsite_crawl.path(*segments)
    assert (path["status"], path["items"]) == ("ok", 6), path
    assert [step["name"] for step in path["trail"][1:]] == list(segments)
    assert badsite_crawl.findings_for(*segments, kind="missing_column") == []


def test_a_column_absent_from_a_gbk_page_is_still_reported_missing(badsite_crawl):
    """The control: decoding right must not make the walk blind to a column that is not there."""
    path = badsite_crawl.path("政务公开", "财政预决算")
    assert path["status"] == "missing"
    [finding] = badsite_crawl.findings_for("政务公开", "财政预决算", kind="missing_column")
    assert "规划信息" in finding["evidence"]["offered"]
