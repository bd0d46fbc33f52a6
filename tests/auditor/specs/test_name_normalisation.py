"""Names compare after NFKC, without white space, with every quote form unified (normalise_name)."""

from __future__ import annotations

import pytest

from auditor.specs import load_spec, normalise_name


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("“六稳”“六保”", '"六稳""六保"'),
        ("“六稳”“六保”", "「六稳」「六保」"),
        ("“六稳”“六保”", "『六稳』『六保』"),
        ("‘六稳’", "'六稳'"),
        ("ＰＰＰ项目", "PPP项目"),
        ("政策 解读", "政策解读"),
        ("政策\n\t解读", "政策解读"),
        ("政策\u3000解读", "政策解读"),
        ("政策\u200b解读", "政策解读"),
        ("（一）", "(一)"),
    ],
)
def test_names_written_differently_compare_equal(one, other):
    assert normalise_name(one) == normalise_name(other)


@pytest.mark.parametrize(("one", "other"), [("政策解读", "政策文件"), ("预算", "决算"), ("六稳", "六保")])
def test_different_names_stay_different(one, other):
    assert normalise_name(one) != normalise_name(other)


def test_entries_whose_paths_differ_only_in_quote_form_are_one_column(write_entries):
    spec = load_spec(
        write_entries(
            """\
              - id: six
                path: 政府网站>政务公开>政府信息公开目录>“六稳”“六保”
                clause: 二（一）1
              - id: six-again
                path: '政府网站>政务公开>政府信息公开目录>"六稳""六保"'
                clause: 二（一）2
            """
        )
    )
    (column,) = spec.paths
    assert column.id == "six"
    assert column.segments[-1] == "“六稳”“六保”"
    assert column.clause == "二（一）1；二（一）2"


def test_aliases_are_found_under_any_form_of_the_name(write_entries):
    spec = load_spec(
        write_entries(
            """\
              - path: 政府网站>政务公开>“六稳”“六保”
                aliases:
                  '"六稳""六保"': [六稳六保专栏]
            """
        )
    )
    for form in ("“六稳”“六保”", '"六稳""六保"', "「六稳」 「六保」"):
        assert spec.aliases_for(form) == ("六稳六保专栏",)
    assert spec.aliases_for("六稳") == ()
