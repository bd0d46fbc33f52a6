"""Column kinds give the national staleness windows (国办秘函〔2019〕19号) unless max_age_days is set."""

from __future__ import annotations

import pytest

from auditor.specs import KIND_MAX_AGE_DAYS, load_spec

# The windows of the national indicators: dynamics 2 weeks, notices and policy files 6 months,
# periodic columns a year, static pages none.
NATIONAL_WINDOWS = {"news": 14, "notice": 183, "policy": 183, "periodic": 365, "static": None}


def test_every_kind_has_its_national_window():
    assert KIND_MAX_AGE_DAYS == NATIONAL_WINDOWS


@pytest.mark.parametrize(("kind", "days"), NATIONAL_WINDOWS.items())
def test_a_kind_alone_sets_the_staleness_window(write_entries, kind, days):
    (column,) = load_spec(write_entries(f"  - path: 政府网站>A\n    kind: {kind}\n")).paths
    assert column.rules.kind == kind
    assert column.rules.max_age_days is None
    assert column.rules.effective_max_age_days == days


@pytest.mark.parametrize("kind", NATIONAL_WINDOWS)
def test_max_age_days_wins_over_the_kind(write_entries, kind):
    (column,) = load_spec(write_entries(f"  - path: 政府网站>A\n    kind: {kind}\n    max_age_days: 730\n")).paths
    assert column.rules.effective_max_age_days == 730


def test_no_kind_and_no_max_age_means_no_staleness_rule(write_entries):
    (column,) = load_spec(write_entries("  - path: 政府网站>A\n")).paths
    assert column.rules.effective_max_age_days is None
