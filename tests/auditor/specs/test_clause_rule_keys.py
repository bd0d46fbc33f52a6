"""The clause-rule keys of the spec language: what they load into and what ``spec check`` refuses."""

from __future__ import annotations

import pytest

from auditor.specs import SpecError, load_spec
from auditor.specs.model import PerYear

MANDATE = "mandate:\n  id: t\n  title: 条款\nentries:\n"


def _load(write_spec, entry: str):
    return load_spec(write_spec(MANDATE + entry))


def test_every_clause_rule_loads(write_spec):
    spec = _load(
        write_spec,
        "  - path: 政府网站>政府信息公开>政府信息公开年报\n    due_yearly: \"01-31\"\n"
        "  - path: 政府网站>政务公开>政策解读\n    min_per_year: {count: 4, match: 新闻发布会}\n    policy_links: true\n"
        "  - path: 政府网站>互动交流>网民留言\n    answered: true\n    reply_within_days: 15\n"
        "  - path: 政府网站>联系我们\n    contact_phone: true\n    mobile: true\n",
    )
    report, interpretation, messages, contact = (p.rules for p in spec.paths)
    assert report.due_yearly == "01-31"
    assert interpretation.min_per_year == PerYear(4, "新闻发布会") and interpretation.policy_links
    assert messages.answered and messages.reply_within_days == 15
    assert contact.contact_phone and contact.mobile


def test_a_bare_count_counts_every_item(write_spec):
    spec = _load(write_spec, "  - path: 政府网站>新闻发布会\n    min_per_year: 12\n")
    assert spec.paths[0].rules.min_per_year == PerYear(12, "")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('    due_yearly: "1-31"\n', 'must be a day of the year written "MM-DD"'),
        ('    due_yearly: "02-29"\n', "is not a day every year has"),
        ('    due_yearly: "13-01"\n', "is not a day every year has"),
        ("    min_per_year: {count: 0}\n", "must be at least 1"),
        ("    min_per_year: {match: 新闻发布会}\n", 'has no "count"'),
        ("    min_per_year: {count: 4, matches: 新闻}\n", 'unknown key "matches"'),
        ("    min_per_year: [4]\n", "must be a number or {count: 4, match: 新闻发布会}"),
        ("    reply_within_days: 0\n", "must be at least 1"),
        ("    answered: yes please\n", "must be true or false"),
        ("    contact_phon: true\n", 'did you mean "contact_phone"'),
    ],
)
def test_a_bad_clause_rule_is_refused_with_its_line(write_spec, entry, message):
    with pytest.raises(SpecError) as caught:
        _load(write_spec, "  - path: 政府网站>政务公开\n" + entry)
    assert message in str(caught.value)
    assert caught.value.line == 6


def test_entries_on_one_column_must_agree_on_a_clause_rule(write_spec):
    with pytest.raises(SpecError, match='sets "due_yearly"'):
        _load(
            write_spec,
            '  - path: 政府网站>年报\n    due_yearly: "01-31"\n  - path: 政府网站>年报\n    due_yearly: "03-31"\n',
        )
    merged = _load(write_spec, "  - path: 政府网站>解读\n    policy_links: true\n  - path: 政府网站>解读\n    min_per_year: 4\n")
    (column,) = merged.paths
    assert column.rules.policy_links and column.rules.min_per_year == PerYear(4)
