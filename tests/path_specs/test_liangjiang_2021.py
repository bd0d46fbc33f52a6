"""liangjiang-2021.yaml against its source, the seed mandate 渝两江管办发﹝2021﹞44号."""

from __future__ import annotations

import datetime as dt
import re

from auditor.specs import Spec, normalise_name
from auditor.specs.paths import split_path

#: a 公开路径 as the seed writes it: 〔公开路径：（1）政府网站>…；（2）其他渠道〕 or （公开路径：政府网站>…）.
#: A path ends at "；", "〕" or "）"; the last also drops the stray bracket of 市政府规章）〕.
_PUBLICATION_PATH = re.compile(r"公开路径：(?:（\d）)?(政府网站>[^；〕）\n]+)")


def seed_paths(seed_text: str) -> list[str]:
    """Every distinct 公开路径 of the seed, in order."""
    found = [match.group(1).strip() for match in _PUBLICATION_PATH.finditer(seed_text)]
    return list(dict.fromkeys(found))


def _columns(spec: Spec) -> dict[tuple[str, ...], str]:
    return {tuple(normalise_name(s) for s in column.segments): column.id for column in spec.paths}


def test_the_seed_gives_seventeen_distinct_paths(seed_text):
    # the pattern finds every 公开路径 the seed marks, not only those it expects
    assert len(_PUBLICATION_PATH.findall(seed_text)) == seed_text.count("公开路径：")
    paths = seed_paths(seed_text)
    assert len(paths) == 17
    assert "政府网站>政府信息公开>法定主动公开内容>履职依据>市政府规章" in paths
    assert "政府网站>政府信息公开>法定主动公开内容>机关简介>联系我们" in paths


def test_every_publication_path_of_the_seed_is_in_the_spec(seed_text, liangjiang):
    columns = _columns(liangjiang)
    missing = [
        ">".join(segments)
        for raw in seed_paths(seed_text)
        for segments in split_path(raw).expanded()
        if tuple(normalise_name(s) for s in segments) not in columns
    ]
    assert missing == []


def test_every_path_is_kept_as_the_seed_writes_it(seed_text, liangjiang):
    written = {normalise_name(path) for path in seed_paths(seed_text)}
    raw_paths = {normalise_name(column.raw_path) for column in liangjiang.paths}
    assert written <= raw_paths


def test_quotes_and_units_come_from_the_seed(seed_text, liangjiang):
    text = normalise_name(seed_text)
    for column in liangjiang.paths:
        assert column.clause, column.id
        for quote in column.quote.split("；"):
            for part in quote.split("……"):
                assert normalise_name(part) in text, (column.id, part)
        for unit in (*column.lead, *column.responsible):
            assert unit in seed_text, (column.id, unit)


def test_the_metadata_is_the_seed_s(seed_text, liangjiang):
    assert liangjiang.meta.id == "liangjiang-2021"
    assert liangjiang.meta.document_number in seed_text
    assert liangjiang.meta.title in seed_text
    assert liangjiang.meta.issued == dt.date(2021, 6, 6)
    assert "2021年6月6日" in seed_text


def _column(spec: Spec, *segments: str):
    wanted = tuple(normalise_name(s) for s in segments)
    matches = [c for c in spec.paths if tuple(normalise_name(s) for s in c.segments) == wanted]
    assert len(matches) == 1, segments
    return matches[0]


def test_the_columns_mandated_in_prose(liangjiang):
    interpretation = _column(liangjiang, "政务公开", "政府信息公开目录", "政策解读")
    assert set(interpretation.rules.children) >= {"视频", "图片", "文字"}
    assert interpretation.rules.media is True
    assert interpretation.rules.kind == "policy"

    _column(liangjiang, "政务公开", "政府信息公开目录", '"六稳""六保"')

    report = _column(liangjiang, "政务公开", "政府信息公开目录", "法治政府建设年度报告")
    assert report.rules.deadline == dt.date(2021, 5, 31)

    normative = _column(liangjiang, "政府信息公开", "法定主动公开内容", "履职依据", "规范性文件")
    assert normative.rules.children == ("现行有效", "失效/废止")

    messages = _column(liangjiang, "互动交流", "网民留言")
    assert messages.rules.required_fields == ("留言摘要", "受理日期", "答复日期", "答复部门", "答复内容")

    contact = _column(liangjiang, "政府信息公开", "法定主动公开内容", "机关简介", "联系我们")
    assert contact.rules.kind == "static"
    assert contact.rules.effective_max_age_days is None


def test_the_eight_sector_clauses_merge_into_one_column(liangjiang):
    units = _column(liangjiang, "政务公开", "政府信息公开目录", "公共企事业单位信息公开")
    assert units.id == "public-institutions"
    assert units.clause.split("；") == [f"四（三）{n}" for n in range(1, 9)]
    assert set(units.rules.required_fields) >= {"名称", "办公地址", "办公时间", "联系电话"}
    assert set(units.lead) == {"教育局", "社会发展局", "城市管理局", "产业局", "生态环境分局", "社会保障局", "市场监管局"}


def test_units_follow_the_table(liangjiang):
    """Spot checks of the 牵头单位/责任单位 cells, including cells covering several items."""
    special = _column(liangjiang, "政府信息公开", "法定主动公开内容", "规划信息", "专项规划")
    assert (special.lead, special.responsible) == (("经济运行局",), ("经济运行局",))
    services = _column(liangjiang, "政府信息公开目录", "疫情防控", "防疫服务", "发热门诊")
    assert (services.lead, services.responsible) == (("社会发展局",), ("办公室", "宣传部"))
    six = _column(liangjiang, "政务公开", "政府信息公开目录", '"六稳""六保"', "政策解读")
    assert six.lead == ("经济运行局", "现代服务业局", "自贸办", "社会保障局", "市场监管局", "生态环境分局")
    assert six.responsible == ("各街道", "各部门", "各驻区机构")


def test_staleness_where_the_national_rules_imply_one(liangjiang):
    by_id = {column.id: column for column in liangjiang.paths}
    for plan in ("plan-national-economy", "plan-special", "plan-territorial", "plan-info"):
        assert by_id[plan].rules.kind == "periodic"
    assert by_id["budget-final-accounts-1"].rules.kind == "periodic"
    assert by_id["epidemic-services-2"].rules.effective_max_age_days == 14
    assert by_id["epidemic-policy-2"].rules.kind == "policy"
    assert by_id["market-access-negative-list"].rules.effective_max_age_days is not None


def test_ids_are_unique_and_each_column_appears_once(liangjiang):
    ids = [column.id for column in liangjiang.paths]
    assert len(ids) == len(set(ids))
    assert len(_columns(liangjiang)) == len(liangjiang.paths)
