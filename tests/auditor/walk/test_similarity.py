"""The renamed-column measure on a generated table of name pairs: abbreviations and reorderings of
one topic pass, other topics never do."""

from __future__ import annotations

import itertools
import random

import pytest

from auditor.walk.matching import SIMILARITY_FLOOR, similarity

#: two-character words column names are made of (topics, and the head words that end them)
TOPIC_WORDS = ["政府", "公共", "文化", "体育", "卫生", "教育", "交通", "环境", "社会", "财政", "民生", "安全", "农业", "科技"]
HEAD_WORDS = ["年度报告", "工作报告", "实施方案", "发展规划", "统计公报", "专项资金"]
OTHER_HEADS = {"年度报告": "管理办法", "工作报告": "考核结果", "实施方案": "验收结果", "发展规划": "执法检查",
               "统计公报": "行政许可", "专项资金": "人员招聘"}


def names(seed: int, count: int = 40) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        topic = tuple(rng.sample(TOPIC_WORDS, rng.randint(2, 3)))
        out.append(topic + (rng.choice(HEAD_WORDS),))
    return out


def abbreviate(words: tuple[str, ...], rng: random.Random) -> str:
    """Shorten the head words to their first characters (年度报告 → 年报), maybe drop 工作."""
    head = words[-1]
    short_head = head[0] + head[2]
    return "".join(words[:-1]) + rng.choice(["", "工作"]) + short_head


@pytest.mark.parametrize("seed", range(5))
def test_abbreviations_of_the_head_words_pass_with_their_score(seed):
    rng = random.Random(seed)
    for words in names(seed):
        full = "".join(words[:-1]) + "工作" + words[-1]
        short = abbreviate(words, rng)
        score = similarity(full, short)
        assert SIMILARITY_FLOOR <= score < 1, (full, short, score)
        assert similarity(short, full) == score  # an expanded site name is the same column


@pytest.mark.parametrize("seed", range(5))
def test_reordered_topic_words_pass(seed):
    rng = random.Random(seed)
    for words in names(seed):
        topic = list(words[:-1])
        shuffled = topic[:]
        while shuffled == topic:
            rng.shuffle(shuffled)
        assert similarity("".join(topic), "".join(shuffled)) >= SIMILARITY_FLOOR, (topic, shuffled)


@pytest.mark.parametrize("seed", range(5))
def test_another_topic_or_another_head_word_never_passes(seed):
    rng = random.Random(seed)
    for words in names(seed):
        name = "".join(words)
        other_topic = rng.choice([w for w in TOPIC_WORDS if w not in words])
        swapped = "".join((other_topic,) + words[1:])
        assert similarity(name, swapped) == 0.0, (name, swapped)
        other_head = "".join(words[:-1]) + OTHER_HEADS[words[-1]]
        assert similarity(name, other_head) == 0.0, (name, other_head)
        beheaded = "".join(words[:-1])  # the head word gone: another, wider column
        assert similarity(name, beheaded) == 0.0 and similarity(beheaded, name) == 0.0, (name, beheaded)


def test_the_issues_pairs():
    assert similarity("政府信息公开工作年度报告", "政府信息公开年报") >= SIMILARITY_FLOOR
    assert similarity("公共文化体育", "公共体育文化") >= SIMILARITY_FLOOR
    assert similarity("规划信息", "统计信息") == 0.0
    assert similarity("政府信息公开年报", "政府信息公开") == 0.0
    assert similarity("行政处罚", "行政许可") == 0.0


def test_no_two_mandated_names_of_the_bundled_specs_pass_for_each_other(repo_root):
    from auditor.specs.loader import load_spec

    mandated: set[str] = set()
    for spec_file in ("liangjiang-2021.yaml", "gov-disclosure-platform.yaml"):
        for path in load_spec(str(repo_root / "path_specs" / spec_file)).paths:
            mandated.update(path.segments)
            mandated.update(path.rules.children)
    # 政府信息公开目录 is the catalogue's name for the platform 政府信息公开 (a generic tail, 目录)
    allowed = {frozenset({"政府信息公开", "政府信息公开目录"})}
    passing = [
        (a, b) for a, b in itertools.combinations(sorted(mandated), 2)
        if similarity(a, b) > 0 and frozenset({a, b}) not in allowed
    ]
    assert passing == []
