"""The sample portal's clause cases (sample_portal/clauses.py): each clause rule of the bundled spec
has a healthy and a defective case. The default build breaks the item rules on some items and keeps
them on the others (policy_links, answered) and breaks min_per_year; ``mended`` meets every clause;
``lapsed`` breaks every one (a late 年度报告, a 联系我们 without a phone too). Each build is walked
with the in-process lab fetch and audited with the bundled spec: its clause findings are exactly the
manifest's clause defects. The mobile rule, which needs a browser, is ``unverified`` in every build
here; the phone itself opens the default and mended builds over real HTTP at the end.
"""

from __future__ import annotations

import os

import pytest

from auditor.audit import audit
from auditor.model.observations import ColumnObservation, Observations
from auditor.walk.config import WalkConfig
from auditor.walk.drive import walk_site
from portal_lab.fetch import portal_fetch
from sample_portal.defects import CLAUSE_FLAWS, LAPSED_PLAN, MENDED_PLAN, PLAN
from sample_portal.generator import AS_OF, build_portal, load_default_spec
from sample_portal.server import serve_portal

ORIGIN = "http://portal.test"
CLAUSE_KINDS = {kind for kind, _ in CLAUSE_FLAWS.values()}
PLANS = {"default": PLAN, "mended": MENDED_PLAN, "lapsed": LAPSED_PLAN}


@pytest.fixture(scope="module")
def spec():
    return load_default_spec()


@pytest.fixture(scope="module", params=list(PLANS))
def audited(request, spec):
    portal = build_portal(plan=PLANS[request.param])
    seen = walk_site(spec, ORIGIN + "/", portal_fetch(portal), WalkConfig(as_of=AS_OF))
    _, findings = audit(spec, seen, as_of=AS_OF, complete=True)
    return request.param, portal, findings


def _planted(portal) -> list[dict]:
    return [d for d in portal.manifest["defects"] if "flaw" in d and d["kind"] in CLAUSE_KINDS]


def test_each_build_is_reported_for_exactly_its_planted_clause_defects(audited):
    name, portal, findings = audited
    expected = sorted((d["code"], d["url"]) for d in _planted(portal) if d["flaw"] != "desktop_only")
    got = sorted((f.code, f.url.removeprefix(ORIGIN)) for f in findings if f.kind in CLAUSE_KINDS)
    assert got == expected, name


def test_every_clause_rule_has_a_healthy_and_a_defective_case():
    planted = {name: {d["flaw"] for d in _planted(build_portal(plan=plan))} for name, plan in PLANS.items()}
    assert planted["mended"] == set()
    assert planted["lapsed"] == set(CLAUSE_FLAWS)
    # the demo itself shows the item rules both ways: other 解读 and messages are healthy
    assert {"no_document", "no_backlink", "no_reply", "reply_before_acceptance", "few_press"} <= planted["default"]


def test_without_a_browser_the_mobile_rule_is_unverified_in_every_build(audited):
    _, _, findings = audited
    (mobile,) = [f for f in findings if f.path_id == "disclosure-on-phones"]
    assert (mobile.kind, mobile.code, mobile.evidence["reason_code"]) == (
        "unverified", "unverified_clause", "clause_needs_browser")


def test_the_healthy_items_beside_the_defective_ones_are_judged_and_pass(audited, spec):
    """The item rules did read the other items: the sampled 解读 and messages are many more than the
    defective ones, and no finding names them."""
    name, portal, findings = audited
    flagged = {f.url for f in findings if f.kind in ("unlinked_interpretation", "unanswered_message")}
    assert len(flagged) == (0 if name == "mended" else 4)
    documents = [u for u in portal.files if u.startswith("/zwgk/zcwj/") and u.endswith(".html")]
    linked = [u for u in documents if "相关解读".encode() in portal.files[u].body]
    assert len(linked) >= 10


@pytest.mark.skipif(not os.access("/usr/bin/chromium", os.X_OK), reason="needs Chromium at /usr/bin/chromium")
@pytest.mark.parametrize("plan, fits", [(PLAN, False), (MENDED_PLAN, True)], ids=["default", "mended"])
def test_a_phone_opens_the_disclosure_platform_over_http(plan, fits, spec):
    """Default: no 手机版, the platform's 1200 px page on a 390 px screen. Mended: its 手机版 (/m/)
    links 政府信息公开 to a page made for phones."""
    pytest.importorskip("playwright.sync_api")
    from spiders.mobile_view import measure, targets_of

    path = next(p for p in spec.paths if p.rules.mobile)
    with serve_portal(build_portal(plan=plan)) as running:
        seen = Observations(columns={path.segments: ColumnObservation(
            path.segments, "found", url=running.base_url + "xxgk/", site_name="政府信息公开")})
        (view,) = measure(list(targets_of(spec, seen).values()), running.base_url, "/usr/bin/chromium",
                          {"127.0.0.1"}, 15000).values()
    roles = {page.role: page for page in view.pages}
    assert view.failure is None
    assert not roles["column"].fits() and roles["column"].width >= 1200
    if fits:
        assert roles["mobile_home"].url.endswith("/m/") and roles["mobile_column"].fits()
    else:
        assert "mobile_home" not in roles
