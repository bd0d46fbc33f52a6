"""Fixtures shared by every test package: where the repository and ../shared are; and how the
suite's tests are shared out among xdist workers (``pytest_collection_modifyitems`` below)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
#: CI and developers have ../shared beside the clone (seed document, real government pages)
SHARED = REPO_ROOT.parent / "shared"


#: session fixtures that cost a crawl and whose one value tests in several modules read: every test
#: that uses one is run by the same xdist worker, so that the crawl is made once a run, not once a worker
SHARED_CRAWLS = ("badsite",)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the marks into the test ids
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Group the tests that share an expensive fixture onto one worker (``--dist loadgroup``).

    A module- or session-scoped fixture is built once per worker that runs a test needing it: under
    plain ``--dist load`` the tests of one module were dealt out to several workers, and each of them
    crawled the module's portal again. So a test that uses a module-scoped fixture (that needs another
    fixture: a server, a folder, a parameter) goes with the other tests using the same value of it, and one that uses a shared crawl (``SHARED_CRAWLS``) with the other readers of that
    crawl (a test needing both joins the two groups); every other test is dealt out alone. What each
    test runs and asserts is unchanged."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    keys_of: dict[int, list[str]] = {}
    for index, item in enumerate(items):
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        keys = [f"crawl:{name}" for name in SHARED_CRAWLS if name in info.names_closure]
        module = item.nodeid.split("::", 1)[0]
        indices = getattr(getattr(item, "callspec", None), "indices", {})
        for name, defs in info.name2fixturedefs.items():
            # a module fixture that asks for nothing only computes a value in-process (a spec loaded,
            # a page parsed): building it again costs less than holding its module to one worker
            if defs and defs[-1].scope == "module" and defs[-1].argnames:
                # one value per module, or per parameter of a parametrized module fixture
                # (xdist reads a group from after the last "@" only if no "]" follows it: no brackets)
                keys.append(f"module:{module}" + (f":{name}#{indices[name]}" if name in indices else ""))
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
        if keys:
            keys_of[index] = keys
    for index, keys in keys_of.items():
        items[index].add_marker(pytest.mark.xdist_group(root(keys[0]).split(":", 1)[1]))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        # CI (.ci/run sets PATHAUDIT_REQUIRE_SHARED=1) must have it; a plain clone skips these tests
        if os.environ.get("PATHAUDIT_REQUIRE_SHARED") == "1":
            pytest.fail(f"../shared is missing beside the checkout ({SHARED}); CI provides it")
        pytest.skip(f"../shared is not beside the checkout ({SHARED}): real government pages unavailable")
    return SHARED


@pytest.fixture(scope="session")
def realgov_dir(shared_dir: Path) -> Path:
    return shared_dir / "realgov"


#: the demo crawl's findings.json captured before the redesign (tests/data/golden/README.md)
GOLDEN_FINDINGS = REPO_ROOT / "tests" / "data" / "golden" / "findings.json"


def comparable_findings(findings: dict) -> dict:
    """A findings.json as it must stay from crawl to crawl of the sample portal.

    Left out, because they legitimately change: the start and finish times; the port of the
    loopback origin (replaced by ``ORIGIN``); Scrapy's own request counts (``requests``,
    ``responses``, ``replayed``: robots.txt, retries of the planted 500 and cache hits, which an
    in-process walk does not have); the ``run_id`` each ``pathaudit crawl`` gives its run; what the
    contract gained after the capture (each finding's message ``code``/``params``, its evidence
    ``record`` in the run's own archive, ``stats.archive``, the history's ``first_seen``/``last_seen``/
    ``runs_seen``/``in_previous_run`` and ``history``). The order of a search's ``searched`` pages is the order their
    answers came under concurrency, so it is compared as a set (its length is in the message)."""
    import json
    import re

    text = re.sub(r"http://127\.0\.0\.1:\d+", "ORIGIN", json.dumps(findings, ensure_ascii=False))
    data = json.loads(text)
    for key in ("started_at", "finished_at", "history"):
        data.pop(key, None)
    for path in data.get("paths", []):
        for medium in path.get("checked_media") or []:
            medium.pop("checked_at", None)
            medium.pop("replayed", None)
    for key in ("requests", "responses", "replayed", "run_id", "archive"):
        data.get("stats", {}).pop(key, None)
    for finding in data.get("findings", []):
        finding.pop("code", None)
        finding.pop("params", None)
        finding.get("evidence", {}).pop("record", None)
        for key in ("first_seen", "last_seen", "runs_seen", "in_previous_run"):  # the history's, per run
            finding.pop(key, None)
        for key in ("checked_at", "replayed"):  # when a medium's bytes were answered, per run
            finding.get("evidence", {}).pop(key, None)
        searched = finding.get("evidence", {}).get("searched")
        if isinstance(searched, list):
            finding["evidence"]["searched"] = sorted(searched)
    return data


@pytest.fixture(scope="session")
def golden_findings() -> dict:
    import json

    return comparable_findings(json.loads(GOLDEN_FINDINGS.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def comparable():
    """``comparable(findings)``: the findings without what legitimately changes (see above)."""
    return comparable_findings
