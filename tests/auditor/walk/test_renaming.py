"""The weighing of a column under another name (``auditor.walk.renaming``): forms of the name are
strong, kinships weak, headlines add what the name leaves open, and the unsure band is an answer."""

from __future__ import annotations

import pytest

from auditor.walk.renaming import ACCEPT, UNSURE, name_cue, speaking_headlines, topic_words, verdict, weigh


@pytest.mark.parametrize(("mandated", "shown", "form"), [
    ("财政预决算", "预决算公开", "reordering"),  # a word moved: the topic 预决算 kept, 财政 gone, 公开 put on
    ("国土空间规划", "国土规划", "abbreviation"),
    ("通知公告", "最新通知公告", "prefix"),
    ("人事信息", "人事任免", "shared_first_word"),
    ("通知公告", "公告公示", "synonym"),
    ("意见征集", "民意征集", "shared_word"),  # weak: its headlines (征求意见 …) must confirm it
    ("财政预决算", "財政預決算公開", "suffix"),  # a Big5 portal's traditional characters
])
def test_the_name_cue_says_how_the_names_differ(mandated: str, shown: str, form: str):
    assert name_cue(mandated, shown).form == form


@pytest.mark.parametrize(("mandated", "shown"), [
    ("规划信息", "统计信息"), ("人事信息", "机构职能"), ("意见征集", "在线访谈"),
])
def test_names_of_other_topics_have_no_name_cue(mandated: str, shown: str):
    assert name_cue(mandated, shown).weight == 0


def test_a_shared_first_word_of_another_head_is_never_taken_by_name_and_place():
    """行政许可 is no 行政处罚: one shared word is not enough without headlines on the topic."""
    cue = name_cue("行政处罚", "行政许可")
    assert verdict(weigh(cue, at_place=True, share=None)) == "no"
    share, _ = speaking_headlines("行政处罚", ["企业设立登记许可", "建设工程规划许可", "食品经营许可"], "行政许可")
    assert verdict(weigh(cue, at_place=True, share=share)) == "no"


def test_a_kinship_alone_is_taken_only_at_the_mandated_place():
    kin = name_cue("人事信息", "人事任免")
    assert verdict(weigh(kin, at_place=True, share=None)) == "taken"
    assert verdict(weigh(kin, at_place=False, share=None)) == "unsure"
    # away from the mandated place, headlines on the topic leave it unsure: another section's column
    assert verdict(weigh(kin, at_place=False, share=1.0, headlines=("关于张三同志人事任免的通知",))) == "unsure"
    assert verdict(weigh(name_cue("通知公告", "最新通知公告"), at_place=False, share=None)) == "taken"


def test_a_shared_word_needs_headlines_that_say_more_than_the_shared_word():
    cue = name_cue("财政预决算", "财政资金")
    assert verdict(weigh(cue, at_place=True, share=None)) == "no"
    titles = ["2024年度部门预算公开", "2023年度部门决算公开", "三公经费说明", "2022年度部门预算公开"]
    share, confirming = speaking_headlines("财政预决算", titles, "财政资金")
    assert share == 0.75 and "三公经费说明" not in confirming
    assert verdict(weigh(cue, at_place=True, share=share, headlines=confirming)) == "taken"
    # 专项规划 and 第一类规划 share 规划: headlines that say 规划 confirm nothing
    share, _ = speaking_headlines("专项规划", ["城市总体规划", "村庄规划公示", "详细规划批复"], "第一类规划")
    assert share == 0


def test_headlines_alone_decide_at_the_mandated_place():
    nothing = name_cue("意见征集", "群众之声")
    titles = ["关于城市更新公开征求意见的公告", "生态保护征求意见稿", "养老服务意见征集结果反馈"]
    share, confirming = speaking_headlines("意见征集", titles, "群众之声")
    evidence = weigh(nothing, at_place=True, share=share, headlines=confirming)
    assert verdict(evidence) == "taken" and evidence.form is None and len(evidence.headlines) == 3
    other = ["河洲县召开专题会议", "开展调研活动", "推进重点项目建设"]
    share, confirming = speaking_headlines("意见征集", other, "群众之声")
    assert verdict(weigh(nothing, at_place=True, share=share, headlines=confirming)) == "no"
    assert confirming == ()


def test_too_few_headlines_say_nothing_and_the_bands_are_ordered():
    assert speaking_headlines("意见征集", ["意见征集"]) == (None, ())
    assert 0 < UNSURE < ACCEPT < 1
    assert "意见" in topic_words("意见征集") and "信息" not in topic_words("人事信息")
    assert "政务" in topic_words("工作动态")  # 工作 says nothing, its synonym 政务 does


def test_a_column_of_the_same_kind_at_the_mandated_place_makes_a_missing_column_unsure():
    """政策文件 not offered, 规范性文件 in its place, whose headlines (关于印发…的通知) never say 政策: a
    person would open it before saying the column is missing. Unsure there (never taken without
    headlines on the topic), nothing away from the place; a vague shared tail (信息) is no kin."""
    cue = name_cue("政策文件", "规范性文件")
    assert cue.form == "shared_tail"
    assert verdict(weigh(cue, at_place=True, share=0.0)) == "unsure"
    assert verdict(weigh(cue, at_place=False, share=None)) == "no"
    assert verdict(weigh(cue, at_place=True, share=1.0, headlines=("关于印发政策文件的通知",))) == "taken"
    assert name_cue("规划信息", "统计信息").form is None
