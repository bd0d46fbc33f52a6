"""Paths into columns: 政府网站 stripping, sibling expansion, stable ids, merging duplicates."""

from __future__ import annotations

import re

import pytest

from auditor.specs import load_spec
from auditor.specs.paths import PathSyntaxError, split_path


@pytest.mark.parametrize(
    ("written", "segments"),
    [
        ("政府网站>政务公开>政策解读", ("政务公开", "政策解读")),
        ("政务公开>政策解读", ("政务公开", "政策解读")),
        (" 政府网站 > 政务公开 >政策解读 ", ("政务公开", "政策解读")),
        ("政 府 网 站>政务公开", ("政务公开",)),
        ("政府网站＞政务公开＞政策解读", ("政务公开", "政策解读")),
        # only a leading 政府网站 is the home page; elsewhere it is a column's name
        ("政府网站>专题>政府网站", ("专题", "政府网站")),
    ],
)
def test_a_leading_政府网站_is_the_home_page_not_a_column(written, segments):
    assert split_path(written).expanded() == (segments,)


def test_the_home_page_is_stripped_when_loading(write_entries):
    spec = load_spec(write_entries("  - path: 政府网站>政府信息公开>法定主动公开内容>规划信息\n"))
    (column,) = spec.paths
    assert column.segments == ("政府信息公开", "法定主动公开内容", "规划信息")
    assert column.raw_path == "政府网站>政府信息公开>法定主动公开内容>规划信息"


@pytest.mark.parametrize("written", ["", "  ", "政府网站", "政府网站>", ">A", "A>>B", "A> >B", "A>B/", "A>/B", "A>B/B"])
def test_paths_without_a_column_or_with_an_empty_name_are_refused(written):
    with pytest.raises(PathSyntaxError):
        split_path(written)


def test_a_last_segment_with_slashes_mandates_each_sibling(write_entries):
    spec = load_spec(
        write_entries(
            """\
              - id: epidemic-services
                path: 政府网站>政府信息公开目录>疫情防控>防疫服务>核酸检测点/发热门诊／疫苗接种点
                clause: 一（四）2
                lead: 社会发展局
                kind: news
            """
        )
    )
    assert [(column.id, column.segments) for column in spec.paths] == [
        ("epidemic-services-1", ("政府信息公开目录", "疫情防控", "防疫服务", "核酸检测点")),
        ("epidemic-services-2", ("政府信息公开目录", "疫情防控", "防疫服务", "发热门诊")),
        ("epidemic-services-3", ("政府信息公开目录", "疫情防控", "防疫服务", "疫苗接种点")),
    ]
    # every sibling carries the entry's source, units and rules
    for column in spec.paths:
        assert column.raw_path == "政府网站>政府信息公开目录>疫情防控>防疫服务>核酸检测点/发热门诊／疫苗接种点"
        assert column.clause == "一（四）2"
        assert column.lead == ("社会发展局",)
        assert column.rules.kind == "news"
        assert column.source_line == 5


def test_only_the_last_segment_splits_and_children_are_literal(write_entries):
    spec = load_spec(
        write_entries(
            """\
              - id: a
                path: 政府网站>行政处罚/行政强制>公示
                children: [现行有效, 失效/废止]
              - id: b
                path: 政府网站>规范性文件>失效/废止
                expand_siblings: false
            """
        )
    )
    assert [(column.id, column.segments) for column in spec.paths] == [
        ("a", ("行政处罚/行政强制", "公示")),
        ("b", ("规范性文件", "失效/废止")),
    ]
    assert spec.paths[0].rules.children == ("现行有效", "失效/废止")


ENTRIES = {
    "plans": "  - id: plans\n    path: 政府网站>规划信息>专项规划/区域规划\n",
    "budget": "  - id: budget\n    path: 政府网站>财政信息>预算/决算\n",
    "unnamed": "  - path: 政府网站>政策解读>视频/图片/文字\n",
    "news": "  - path: 政府网站>新闻动态\n",
}


def _ids(spec) -> dict[tuple[str, ...], str]:
    return {column.segments: column.id for column in spec.paths}


def test_ids_are_stable_across_runs_and_reordering(write_entries):
    forward = load_spec(write_entries("".join(ENTRIES.values()), "forward.yaml"))
    again = load_spec(write_entries("".join(ENTRIES.values()), "again.yaml"))
    backward = load_spec(write_entries("".join(reversed(ENTRIES.values())), "backward.yaml"))
    without_plans = load_spec(write_entries("".join(v for k, v in ENTRIES.items() if k != "plans"), "fewer.yaml"))

    assert _ids(forward) == _ids(again) == _ids(backward)
    assert set(_ids(without_plans).items()) < set(_ids(forward).items())
    assert _ids(forward)[("财政信息", "决算")] == "budget-2"
    # an entry without an id gets one from its path: p- and 8 hex digits, siblings numbered
    derived = [column.id for column in forward.paths if column.segments[0] == "政策解读"]
    assert len(derived) == 3 and len({re.sub(r"-\d$", "", i) for i in derived}) == 1
    assert all(re.fullmatch(r"p-[0-9a-f]{8}-[123]", i) for i in derived)
    assert re.fullmatch(r"p-[0-9a-f]{8}", _ids(forward)[("新闻动态",)])


def test_different_paths_get_different_derived_ids(write_entries):
    spec = load_spec(write_entries("  - path: 政府网站>A>B\n  - path: 政府网站>A>C\n  - path: 政府网站>A\n"))
    assert len({column.id for column in spec.paths}) == 3


def test_entries_naming_the_same_column_merge_into_the_first(write_entries):
    spec = load_spec(
        write_entries(
            """\
              - id: other
                path: 政府网站>动态
              - id: units
                path: 政府网站>政务公开>公共企事业单位信息公开
                clause: 四（三）1
                quote: 公开中小学校名称、办公地址
                lead: 教育局
                responsible: 教育局
                required_fields: [名称, 办公地址]
              - id: units-health
                path: 政府网站 > 政务公开 > 公共企事业单位信息公开
                clause: 四（三）2
                quote: 公开卫生健康领域公共企事业单位名称、联系电话
                lead: 社会发展局
                responsible: [社会发展局, 教育局]
                required_fields: [名称, 联系电话]
                kind: periodic
              - id: last
                path: 政府网站>互动交流
            """
        )
    )
    assert [column.id for column in spec.paths] == ["other", "units", "last"]
    merged = spec.paths[1]
    assert merged.segments == ("政务公开", "公共企事业单位信息公开")
    assert merged.clause == "四（三）1；四（三）2"
    assert merged.quote == "公开中小学校名称、办公地址；公开卫生健康领域公共企事业单位名称、联系电话"
    assert merged.lead == ("教育局", "社会发展局")
    assert merged.responsible == ("教育局", "社会发展局")
    assert merged.rules.required_fields == ("名称", "办公地址", "联系电话")
    # a rule only the later entry sets applies to the merged column
    assert merged.rules.kind == "periodic"
    assert merged.source_line == 7


def test_a_sibling_merges_with_an_entry_naming_it_alone(write_entries):
    spec = load_spec(
        write_entries(
            """\
              - id: accounts
                path: 政府网站>财政信息>预算/决算
                lead: 财政局
              - id: budget-alone
                path: 政府网站>财政信息>预算
                lead: 各部门
                media: true
            """
        )
    )
    assert [(column.id, column.segments[-1], column.lead, column.rules.media) for column in spec.paths] == [
        ("accounts-1", "预算", ("财政局", "各部门"), True),
        ("accounts-2", "决算", ("财政局",), False),
    ]


def test_merged_entries_that_agree_on_a_rule_are_accepted(write_entries):
    spec = load_spec(write_entries("  - path: 政府网站>A\n    kind: news\n  - path: 政府网站>A\n    kind: news\n"))
    assert len(spec.paths) == 1
    assert spec.paths[0].rules.kind == "news"
