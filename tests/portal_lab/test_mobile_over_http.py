"""The mobile clause rule with the real browser: ``pathaudit crawl --render auto`` on the clause-rule
portal (portal_lab/mandate) opens its 信息公开 column in Chromium as a phone (a mobile user agent,
a 390 px screen), over real HTTP. A page made for phones, or a desktop page whose 手机版 links the
column to a page that fits, is no finding; a desktop page without a mobile viewport, or one that
declares it but is wider than the screen, is ``not_mobile_ready`` with what was measured.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from portal_lab.mandate.portal import MOBILE_DEFECTS, SPEC, STYLES, build_portal
from portal_lab.mandate.server import serve

from mandate_crawl import AS_OF, crawl_both_builds
from spiders.render import DEFAULT_BROWSER, extra_installed


pytestmark = pytest.mark.skipif(
    not (extra_installed() and os.access(DEFAULT_BROWSER, os.X_OK)),
    reason=f"needs the browser extra (scrapy-playwright) and Chromium at {DEFAULT_BROWSER}",
)


def _findings(out: Path) -> dict:
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=STYLES)
def crawls(request, tmp_path_factory) -> tuple[str, dict, dict]:
    folder = tmp_path_factory.mktemp(f"mobile-{request.param}")
    healthy, defective = crawl_both_builds(request.param, folder, "--render", "auto")
    return request.param, _findings(healthy), _findings(defective)


def _mobile(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["path_id"] == "disclosure-on-phones"]


def test_a_column_that_opens_on_a_phone_is_no_finding(crawls):
    _, healthy, _ = crawls
    assert _mobile(healthy) == []
    # every other clause is met too: nothing at all is left, not even an unverified line
    assert healthy["findings"] == []


def test_a_column_that_does_not_fit_a_phone_is_reported_with_its_measured_width(crawls):
    style, _, defective = crawls
    (finding,) = _mobile(defective)
    expected = MOBILE_DEFECTS[style]
    assert (finding["kind"], finding["severity"], finding["code"]) == ("not_mobile_ready", "error", expected.code)
    assert finding["url"].endswith(expected.where)
    (column,) = [p for p in finding["evidence"]["pages"] if p["role"] == "column"]
    assert column["width"] > 390 + finding["evidence"]["tolerance"]
    assert column["viewport"] is (style == "labels")
    assert str(390) in finding["message"] and str(column["width"]) in finding["message"]


def test_the_healthy_mobile_version_was_really_measured(crawls, tmp_path):
    """The labels build's desktop page does not fit: its 手机版 is what makes it healthy, so the
    phone's visit must have gone there (the evidence is on a crawl whose finding is absent: run the
    measurement directly against the same portal)."""
    style, _, _ = crawls
    from auditor.model.observations import Observations, ColumnObservation
    from auditor.specs import load_spec
    from spiders.mobile_view import measure, targets_of

    spec_file = tmp_path / "spec.yaml"
    spec_file.write_text(SPEC, encoding="utf-8")
    spec = load_spec(str(spec_file))
    key = next(p.segments for p in spec.paths if p.id == "disclosure-on-phones")
    with serve(build_portal(False, AS_OF, style)) as base:
        seen = Observations(columns={key: ColumnObservation(key, "found", url=base + "xxgk/", site_name="政府信息公开")})
        targets = targets_of(spec, seen)
        (view,) = measure(list(targets.values()), base, DEFAULT_BROWSER, {"127.0.0.1"}, 15000).values()
    roles = {page.role: page for page in view.pages}
    assert view.failure is None
    if style == "blocks":
        assert list(roles) == ["column"] and roles["column"].fits()
    else:
        assert not roles["column"].fits() and roles["column"].width >= 900
        assert roles["mobile_home"].url.endswith("/m/") and roles["mobile_column"].url.endswith("/m/xxgk/")
        assert roles["mobile_column"].fits()
