"""The disjoint portals are what they claim: markup words outside the reader's vocabulary, a
manifest that says what the pages show, served over real HTTP, walked the same over HTTP by Scrapy
as in-process.
"""

from __future__ import annotations

import datetime as dt
import html as html_text
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from portal_lab.fetch import portal_fetch
from sample_portal.server import serve_portal
from portal_lab.disjoint import build_disjoint_portal
from portal_lab.disjoint.build import SPEC_FILE
from portal_lab.disjoint.scoring import score_paths, score_roles
from portal_lab.disjoint.vocabulary import clash, reader_words
from portal_lab.disjoint.walking import ORIGIN, walk_lab_portal
from waiting import HANG_GUARD

REPO = Path(__file__).resolve().parents[2]
SEEDS = range(6)
_ATTR = re.compile(r'\b(class|id|name|usemap)="([^"]*)"')
_URL = re.compile(r'\b(?:href|src|value)="(/[^"]*)"')
#: structure, not vocabulary: file extensions and the query's own punctuation
_EXTENSIONS = frozenset({"html", "htm", "png", "svg", "json"})


def _pages(seed: int) -> dict[str, str]:
    lab = build_disjoint_portal(seed)
    return {k: r.body.decode("utf-8") for k, r in lab.portal.files.items() if r.content_type.startswith("text/html")}


def test_the_vocabulary_check_catches_the_readers_own_words():
    """Without this the disjointness tests below could not fail."""
    words = reader_words()
    assert len(words) > 300
    for known in ("nav", "list", "breadcrumb", "index", "content"):
        assert clash(known) is not None, known
    assert clash("xojuvo") is None


@pytest.mark.parametrize("seed", SEEDS)
def test_every_class_id_and_url_word_is_outside_the_readers_vocabulary(seed: int):
    words = set()
    for html in _pages(seed).values():
        for attr, value in _ATTR.findall(html):
            words.update(value.lstrip("#").split())
        for url in _URL.findall(html):
            path, _, query = html_text.unescape(url).partition("?")
            for part in re.split(r"[/_\-.=&]", path + "&" + query):
                if part and not part.isdigit() and part not in _EXTENSIONS:
                    words.add(part)
    assert words, "no markup words found"
    clashes = {w: clash(w) for w in words if clash(w)}
    assert not clashes, f"seed {seed}: words the reader knows: {clashes}"


@pytest.mark.parametrize("seed", SEEDS)
def test_anything_hidden_is_hidden_by_a_style_rule_on_a_random_class(seed: int):
    lab = build_disjoint_portal(seed, hidden_block=True, truths={"finance": "stale"})
    hidden = lab.manifest["class_names"]
    page = lab.portal.resource(next(e["url"] for e in lab.manifest["expected_paths"] if e["id"] == "finance"))
    html = page.body.decode("utf-8")
    rules = re.findall(r"\.([a-z]+)\{display:none\}", html)
    assert rules and all(r in hidden and clash(r) is None for r in rules)
    assert "hidden" not in html and 'style="display' not in html


@pytest.mark.parametrize("seed", SEEDS)
def test_the_manifest_says_what_the_pages_show(seed: int):
    lab = build_disjoint_portal(seed)
    fetch = portal_fetch(lab.portal)
    as_of = dt.date.fromisoformat(lab.manifest["as_of"])
    windows = {p.id: p.rules.effective_max_age_days for p in lab.spec.paths}
    home = fetch(ORIGIN + "/", {}).body.decode("utf-8")
    for entry in lab.manifest["expected_paths"]:
        answer = fetch(ORIGIN + entry["url"], {})
        truth = entry["truth"]
        assert answer.status == (403 if truth == "unverifiable" else 200), entry
        if truth in ("ok", "renamed", "misplaced"):
            assert (as_of - dt.date.fromisoformat(entry["newest"])).days <= windows[entry["id"]]
        if truth == "stale":
            assert (as_of - dt.date.fromisoformat(entry["newest"])).days > windows[entry["id"]]
        if truth == "empty":
            assert entry["items"] == 0
        if truth == "missing":
            assert entry["path"][-1] not in home and all(entry["path"][-1] not in r.body.decode("utf-8", "replace")
                                                        for r in lab.portal.files.values()
                                                        if r.content_type.startswith("text/html"))
        if truth == "renamed":
            assert entry["site_name"] and entry["site_name"] != entry["path"][-1]
            assert entry["site_name"] in answer.body.decode("utf-8")


def test_seeds_replay_and_differ():
    assert build_disjoint_portal(4).portal.files == build_disjoint_portal(4).portal.files
    assert build_disjoint_portal(4).manifest["class_names"] != build_disjoint_portal(5).manifest["class_names"]


def test_the_scorer_counts_a_perfect_walk_perfect_and_a_wrong_one_wrong():
    """Score the manifest's own truth as if walked, then one path turned into a false missing."""
    lab = build_disjoint_portal(2)
    status = {"ok": "ok", "renamed": "ok", "misplaced": "ok", "missing": "missing", "empty": "empty",
              "stale": "stale", "unverifiable": "unverified"}
    paths, findings = [], []
    for e in lab.manifest["expected_paths"]:
        paths.append({"id": e["id"], "path": e["path"], "status": status[e["truth"]]})
        if e["finding"]:
            findings.append({"kind": e["finding"], "severity": "warning" if e["truth"] in ("renamed", "unverifiable")
                             else "error", "path": e["path"], "message": ""})
    assert score_paths(lab.manifest, {"paths": paths, "findings": findings}).perfect
    ok = next(p for p, e in zip(paths, lab.manifest["expected_paths"]) if e["truth"] == "ok")
    ok["status"] = "missing"
    findings.append({"kind": "missing_column", "severity": "error", "path": ok["path"], "message": "x"})
    wrong = score_paths(lab.manifest, {"paths": paths, "findings": findings})
    assert wrong.paths_right == len(paths) - 1 and len(wrong.false_errors) == 1


def test_link_roles_are_scored_against_the_reader():
    lab = build_disjoint_portal(1)
    counts = score_roles(lab.portal, lab.manifest, ORIGIN)
    built = {role for role, _ in counts}
    assert {"menu", "entry", "crumb"} <= built and sum(counts.values()) > 100


def test_a_disjoint_portal_is_served_over_real_http():
    lab = build_disjoint_portal(0, truths={"finance": "unverifiable", "notices": "missing"})
    entries = {e["id"]: e for e in lab.manifest["expected_paths"]}
    with serve_portal(lab.portal) as running:
        base = running.base_url.rstrip("/")
        with urllib.request.urlopen(base + "/", timeout=10) as home:
            assert home.status == 200 and "首页" in home.read().decode("utf-8")
        with urllib.request.urlopen(base + entries["policy-files"]["url"], timeout=10) as column:
            assert column.status == 200
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + entries["finance"]["url"], timeout=10)
        assert refused.value.code == 403


def test_the_scrapy_crawl_over_http_judges_a_disjoint_portal_as_the_in_process_walk(tmp_path: Path):
    """One real crawl (Scrapy, loopback HTTP): the transport must not change what the walk concludes."""
    lab = build_disjoint_portal(7)
    with serve_portal(lab.portal) as running:
        proc = subprocess.run(
            [sys.executable, "-m", "pathaudit", "crawl", running.base_url, "--spec", str(SPEC_FILE), "--out",
             str(tmp_path), "--as-of", lab.manifest["as_of"], "--fail-on", "never", "-q",
             "--set", "AUDITOR_REPORT_FORMATS="],
            cwd=REPO, capture_output=True, text=True, timeout=HANG_GUARD, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    assert proc.returncode == 0, proc.stderr[-3000:]
    crawled = score_paths(lab.manifest, json.loads((tmp_path / "findings.json").read_text(encoding="utf-8")))
    walked = score_paths(lab.manifest, walk_lab_portal(lab))
    assert [(v.id, v.walked) for v in crawled.verdicts] == [(v.id, v.walked) for v in walked.verdicts]
