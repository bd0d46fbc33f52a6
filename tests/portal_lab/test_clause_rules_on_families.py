"""The clause rules on every generated CMS family (portal_lab/families/clauses.py): each family marks
the clause cases up in its own way (a 相关文件 heading, a 【相关文件】 cell, 原文链接： inline, a 关联文件
row of the catalogue's table; its messages' facts tables; its 联系我们 page). Seeds 0–3 give each family
a healthy portal and seeds 4–7 a defective one. Each is walked with the in-process lab fetch and
audited with the bundled spec: healthy, no clause finding (the mobile rule, which needs a browser, is
``unverified``); defective, exactly the planted clause findings, each on its page or column.
"""

from __future__ import annotations

import pytest

from portal_lab.families import FAMILY_NAMES, build_family_portal, family_for_seed
from portal_lab.families.clauses import defective
from portal_lab.scoring import ORIGIN, walk_in_process
from sample_portal.defects import CLAUSE_FLAWS
from sample_portal.generator import load_default_spec

CLAUSE_KINDS = {kind for kind, _ in CLAUSE_FLAWS.values()}
#: every flaw a defective generated portal plants (the mobile one needs a browser, so none here)
FAMILY_FLAWS = set(CLAUSE_FLAWS) - {"desktop_only"}
SEEDS = range(8)


@pytest.fixture(scope="module")
def spec():
    return load_default_spec()


@pytest.fixture(scope="module", params=SEEDS, ids=lambda s: f"{family_for_seed(s)}-{s}")
def walked(request, spec):
    portal = build_family_portal(request.param)
    return request.param, portal, walk_in_process(portal, spec)


def test_the_seeds_give_each_family_a_healthy_and_a_defective_case():
    cases = {(family_for_seed(seed), defective(seed)) for seed in SEEDS}
    assert cases == {(family, broken) for family in FAMILY_NAMES for broken in (False, True)}


def test_each_portal_gives_exactly_its_planted_clause_findings(walked):
    seed, portal, report = walked
    planted = [d for d in portal.manifest["defects"] if d.get("flaw") in CLAUSE_FLAWS]
    expected = sorted((d["code"], d["url"]) for d in planted)
    got = sorted((f["code"], f["url"].removeprefix(ORIGIN)) for f in report["findings"] if f["kind"] in CLAUSE_KINDS)
    assert got == expected
    if defective(seed):
        assert {d["flaw"] for d in planted} == FAMILY_FLAWS, "a defective portal breaks every clause it can"
    else:
        assert planted == []


def test_the_healthy_cases_were_judged_not_skipped(walked):
    """A portal passes because its clauses are met, not because the rules saw nothing: the count of
    新闻发布会 解读 was made (no unverified line but the mobile rule's), and its 解读 pages carry the
    family's related blocks."""
    _, portal, report = walked
    left = [(f["params"].get("rule"), f["evidence"].get("reason_code")) for f in report["findings"]
            if f["code"] == "unverified_clause"]
    assert left == [("mobile", "clause_needs_browser")]
    markers = [word.encode(charset) for word in ("相关文件", "原文链接", "关联文件") for charset in ("utf-8", "gbk")]
    related = [url for url, resource in portal.files.items()
               if resource.content_type.startswith("text/html") and any(m in resource.body for m in markers)]
    assert len(related) >= 5
