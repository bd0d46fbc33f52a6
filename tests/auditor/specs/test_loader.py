"""load_spec: what a valid spec turns into, and every refusal with its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditor.specs import MandatedPath, Rules, SpecError, load_spec


def test_a_full_entry_loads_into_the_model(write_spec, line_of):
    path = write_spec(
        """\
        mandate:
          id: demo-2021
          title: 示例任务分工
          document_number: 示政办发〔2021〕1号
          issued: 2021-06-06
          issuer: 示例区政府办公室
        entries:
          - id: messages
            path: 政府网站>互动交流>网民留言
            clause: 二（三）1
            quote: 定期梳理并公开有一定代表性的网民留言
            lead: 办公室
            responsible: 各街道，各部门、各驻区机构
            children: [留言选登]
            min_items: 3
            max_age_days: 30
            kind: notice
            required_fields: [留言摘要, 受理日期]
            media: yes
            deadline: "2021-12-31"
        """
    )
    spec = load_spec(path)

    assert spec.meta.id == "demo-2021"
    assert spec.meta.title == "示例任务分工"
    assert spec.meta.document_number == "示政办发〔2021〕1号"
    assert spec.meta.issued == dt.date(2021, 6, 6)
    assert spec.meta.issuer == "示例区政府办公室"
    assert spec.source_file == str(path)
    assert spec.allowed_hosts == ()
    assert spec.paths == (
        MandatedPath(
            id="messages",
            segments=("互动交流", "网民留言"),
            raw_path="政府网站>互动交流>网民留言",
            clause="二（三）1",
            quote="定期梳理并公开有一定代表性的网民留言",
            lead=("办公室",),
            responsible=("各街道", "各部门", "各驻区机构"),
            rules=Rules(
                children=("留言选登",),
                min_items=3,
                max_age_days=30,
                kind="notice",
                required_fields=("留言摘要", "受理日期"),
                media=True,
                deadline=dt.date(2021, 12, 31),
            ),
            source_file=str(path),
            source_line=line_of(path, "- id: messages"),
        ),
    )


def test_a_bare_entry_gets_the_default_rules(write_entries):
    spec = load_spec(write_entries("  - path: 政府网站>政务公开\n"))
    (column,) = spec.paths
    assert column.rules == Rules()
    assert column.rules.min_items == 1
    assert column.rules.effective_max_age_days is None
    assert (column.clause, column.quote, column.lead, column.responsible) == ("", "", (), ())


def test_units_may_be_a_list_each_item_split_like_a_cell(write_entries):
    spec = load_spec(
        write_entries(
            """\
              - path: 政府网站>政务公开
                lead: [经济运行局、现代服务业局, 自贸办]
                responsible: []
            """
        )
    )
    assert spec.paths[0].lead == ("经济运行局", "现代服务业局", "自贸办")
    assert spec.paths[0].responsible == ()


# Each case: the file's text, the snippet on the line the error must name, words the message must hold.
REFUSALS = {
    "bad YAML syntax": ("entries:\n  - path: [政府网站>A\n  - path: B\n", "- path: B", "YAML syntax error"),
    "unclosed bracket at the end": ("mandate: {id: x, title: y}\nentries:\n  - path: [政府网站>A\n", "[政府网站", "YAML syntax error"),
    "unclosed quote": ("mandate: {id: x, title: y}\nentries:\n  - path: '政府网站>A\n", "'政府网站", "YAML syntax error"),
    "mapping value in a wrong place": ("mandate: {id: x, title: y}\nentries:\n  - path: a: b\n", "a: b", "YAML syntax error"),
    "control character": ("mandate:\n  id: x\n  title: a\x07b\nentries: []\n", "title:", "holds a character YAML does not allow"),
    "tab indentation": ("mandate:\n  id: x\n\ttitle: y\nentries: []\n", "\ttitle", "tab"),
    "second document": ("mandate: {id: x, title: y}\n---\nentries: []\n", "---", "more than one document"),
    "unknown top-level key": ("mandate: {id: x, title: y}\nentry: []\n", "entry:", 'unknown key "entry"'),
    "missing entries": ("mandate: {id: x, title: y}\n", "mandate:", 'has no "entries"'),
    "entries not a list": ("mandate: {id: x, title: y}\nentries: 政府网站>A\n", "entries:", '"entries" must be a list'),
    "entries empty": ("mandate: {id: x, title: y}\nentries: []\n", "entries:", '"entries" is empty'),
    "mandate without title": ("mandate:\n  id: x\nentries:\n  - path: A\n", "mandate:", '"mandate" has no "title"'),
    "mandate id with a space": ("mandate:\n  id: my spec\n  title: t\nentries:\n  - path: A\n", "id: my spec", "no spaces"),
    "bad issued date": ("mandate:\n  id: x\n  title: t\n  issued: 2021-13-01\nentries:\n  - path: A\n", "issued:", "not a real date"),
}

ENTRY_REFUSALS = {
    "unknown key with a suggestion": ("  - path: 政府网站>A\n    max_age: 14\n", "max_age:", 'unknown key "max_age" in entry 1 (did you mean "max_age_days"?)'),
    "key given twice": ("  - path: 政府网站>A\n    clause: 1\n    clause: 2\n", "clause: 2", '"clause" is given twice in entry 1 (first on line'),
    "entry is not a mapping": ("  - 政府网站>A\n", "- 政府网站>A", "entry 1 must be a mapping"),
    "missing path": ("  - id: a\n    clause: 一\n", "- id: a", 'entry 1 has no "path"'),
    "empty path": ('  - path: ""\n', "path:", '"path" in entry 1 is empty'),
    "blank path": ('  - path: " "\n', "path:", '"path" in entry 1 is empty'),
    "null path": ("  - path:\n", "path:", '"path" in entry 1 is empty'),
    "path as a list": ("  - path: [政府网站, A]\n", "path:", '"path" in entry 1 must be text, not a list'),
    "empty segment": ("  - path: 政府网站>政务公开>>规划\n", "path:", 'segment 3 of "政府网站>政务公开>>规划" is empty'),
    "trailing separator": ("  - path: 政府网站>政务公开>\n", "path:", "segment 3"),
    "only the home page": ("  - path: 政府网站\n", "path:", "names only the home page"),
    "empty sibling": ("  - path: 政府网站>预算/\n", "path:", "empty name beside"),
    "sibling named twice": ("  - path: 政府网站>预算/ 预算\n", "path:", 'names "预算" twice'),
    "children as text": ("  - path: 政府网站>A\n    children: 视频、图片\n", "children:", '"children" in entry 1 must be a list'),
    "child naming a path": ("  - path: 政府网站>A\n    children: [B>C]\n", "[B>C]", "is a path: give one column name here"),
    "child named twice": ("  - path: 政府网站>A\n    children: [视频, 视频]\n", "children:", 'lists "视频" twice'),
    "min_items as a word": ("  - path: 政府网站>A\n    min_items: many\n", "min_items:", "must be a whole number"),
    "min_items as a fraction": ("  - path: 政府网站>A\n    min_items: 1.5\n", "min_items:", "must be a whole number"),
    "min_items as true": ("  - path: 政府网站>A\n    min_items: true\n", "min_items:", "must be a whole number"),
    "negative min_items": ("  - path: 政府网站>A\n    min_items: -1\n", "min_items:", "cannot be negative (-1)"),
    "negative max_age_days": ("  - path: 政府网站>A\n    max_age_days: -14\n", "max_age_days:", "cannot be negative"),
    "zero max_age_days": ("  - path: 政府网站>A\n    max_age_days: 0\n", "max_age_days:", "must be at least 1"),
    "unknown kind with a suggestion": ("  - path: 政府网站>A\n    kind: periodical\n", "kind:", 'unknown kind "periodical" in entry 1 (did you mean "periodic"?)'),
    "unknown kind": ("  - path: 政府网站>A\n    kind: 动态\n", "kind:", "the kinds are news, notice, policy, periodic, static"),
    "media as a word": ("  - path: 政府网站>A\n    media: 是\n", "media:", "must be true or false"),
    "impossible date": ("  - path: 政府网站>A\n    deadline: 2021-02-30\n", "deadline:", 'is not a real date ("2021-02-30")'),
    "date in another form": ("  - path: 政府网站>A\n    deadline: 2021年5月31日\n", "deadline:", "must be a date written YYYY-MM-DD"),
    "date with a time": ("  - path: 政府网站>A\n    deadline: 2021-05-31 12:00:00\n", "deadline:", "YYYY-MM-DD"),
    "required_fields not a list": ("  - path: 政府网站>A\n    required_fields: {a: b}\n", "required_fields:", "must be a list"),
    "lead as a mapping": ("  - path: 政府网站>A\n    lead: {办公室: 1}\n", "lead:", '"lead" in entry 1 must be a unit name or a list'),
    "entry id not one word": ("  - id: a b\n    path: 政府网站>A\n", "id: a b", "no spaces"),
    "alias for a name not in the entry": ("  - path: 政府网站>A>B\n    aliases:\n      C: [D]\n", "C: [D]", '"C", which is not a column of this entry'),
    "alias names as text": ("  - path: 政府网站>A\n    aliases:\n      A: 甲\n", "A: 甲", "must be a list"),
    "expand_siblings as text": ("  - path: 政府网站>A\n    expand_siblings: maybe\n", "expand_siblings:", "must be true or false"),
    "duplicate id": ("  - id: a\n    path: 政府网站>A\n  - path: 政府网站>B\n    id: a\n", "  id: a", 'entry 2 has the id "a" of entry 1 (line 5)'),
    "duplicate id after expansion": ("  - id: a\n    path: 政府网站>A/B\n  - id: a-2\n    path: 政府网站>C\n", "id: a-2", 'yields the id "a-2", already used by entry 1 (line 5)'),
    "merged entries disagreeing": ("  - path: 政府网站>A\n    kind: news\n  - path: 政府网站>A\n    kind: policy\n", "kind: policy", 'sets "kind" to "policy" where entry 1 sets "news"'),
}


def _refusal(path: Path) -> SpecError:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    return caught.value


@pytest.mark.parametrize(("text", "snippet", "words"), REFUSALS.values(), ids=REFUSALS.keys())
def test_a_broken_file_is_refused_with_its_line(write_spec, line_of, text, snippet, words):
    path = write_spec(text)
    error = _refusal(path)
    assert words in error.message
    assert error.file == str(path)
    assert error.line == line_of(path, snippet)
    assert str(error) == f"{path}:{error.line}: {error.message}"


@pytest.mark.parametrize(("entries", "snippet", "words"), ENTRY_REFUSALS.values(), ids=ENTRY_REFUSALS.keys())
def test_a_broken_entry_is_refused_with_its_line(write_entries, line_of, entries, snippet, words):
    path = write_entries(entries)
    error = _refusal(path)
    assert words in error.message
    expected_line = line_of(path, snippet)
    # the entry's own line for problems of the entry as a whole, the value's line otherwise
    assert error.line == expected_line, f"{error} (expected line {expected_line})"


def test_every_broken_entry_is_reported_in_one_run(write_entries, line_of):
    path = write_entries(
        """\
          - path: 政府网站>A
            kind: daily
          - path: 政府网站>B
          - path: 政府网站>>C
          - path: 政府网站>D
            min_items: -2
        """
    )
    error = _refusal(path)
    lines = [problem.line for problem in error.problems]
    assert lines == [line_of(path, "kind: daily"), line_of(path, ">>C"), line_of(path, "min_items: -2")]
    assert error.problems[0].message == error.message
    assert all(problem.file == str(path) for problem in error.problems)


def test_file_level_problems_have_no_line(tmp_path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(SpecError) as caught:
        load_spec(missing)
    assert caught.value.line is None
    assert str(caught.value) == f"{missing}: no such file"

    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing but a comment\n", encoding="utf-8")
    with pytest.raises(SpecError, match="is empty"):
        load_spec(empty)


def test_a_file_that_is_not_utf8_is_refused_at_the_line_that_breaks(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("mandate:\n  id: x\n  title: 规划\n".encode("gbk"))
    with pytest.raises(SpecError, match="not UTF-8") as caught:
        load_spec(path)
    assert caught.value.line == 3


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("mandate: {id: x, title: 规划}\nentries:\n  - path: 政府网站>规划信息\n".encode("utf-8-sig"))
    assert load_spec(path).paths[0].segments == ("规划信息",)
