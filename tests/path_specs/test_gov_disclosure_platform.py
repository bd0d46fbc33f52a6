"""gov-disclosure-platform.yaml: the national 政府信息公开 platform (国办公开办函〔2019〕61号)."""

from __future__ import annotations

from auditor.specs import normalise_name

FOUR_PARTS = ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报")
#: the items of Article 20 of the disclosure regulations, as the platform names them
ARTICLE_20 = (
    "履职依据", "机构职能", "规划信息", "统计信息", "行政许可", "行政处罚", "行政强制", "财政信息",
    "行政事业性收费", "政府采购", "重大建设项目", "社会公益事业", "应急管理", "监督检查", "人事信息", "其他",
)


def _segments(spec) -> set[tuple[str, ...]]:
    return {column.segments for column in spec.paths}


def test_every_path_is_under_政府信息公开(national):
    assert all(column.segments[0] == "政府信息公开" for column in national.paths)
    assert all(column.raw_path.startswith("政府网站>政府信息公开>") for column in national.paths)


def test_the_four_parts_and_the_article_20_columns(national):
    segments = _segments(national)
    for part in FOUR_PARTS:
        assert ("政府信息公开", part) in segments
    for item in ARTICLE_20:
        assert ("政府信息公开", "法定主动公开内容", item) in segments


def test_penalty_and_enforcement_are_siblings_of_one_entry(national):
    siblings = [c for c in national.paths if c.segments[-1] in ("行政处罚", "行政强制")]
    assert [c.id for c in siblings] == ["penalty-enforcement-1", "penalty-enforcement-2"]
    assert siblings[0].raw_path == siblings[1].raw_path


def test_the_annual_report_is_periodic(national):
    (report,) = [c for c in national.paths if c.segments[-1] == "政府信息公开年报"]
    assert report.rules.kind == "periodic"


def test_the_usual_other_names_are_aliases(national):
    expected = {
        "规划信息": "规划计划",
        "履职依据": "法规文件",
        "财政信息": "财政预决算",
        "机构职能": "机构信息",
        "统计信息": "统计数据",
        "人事信息": "人事任免",
        "政府信息公开年报": "政府信息公开工作年度报告",
    }
    for name, alias in expected.items():
        assert alias in national.aliases_for(name), name
    assert "机关简介" in national.aliases_for("机构职能")
    # the platform's own name is mandated: no alias for it
    assert national.aliases_for("政府信息公开") == ()
    assert all(normalise_name(a) != key for key, aliases in national.aliases.items() for a in aliases)
