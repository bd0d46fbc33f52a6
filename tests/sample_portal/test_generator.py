"""The built portal (in memory): deterministic, derived from the spec, and its manifest complete."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import subprocess
import sys

import pytest
from PIL import Image

from sample_portal import build_portal
from sample_portal.defects import PLAN, Removal
from sample_portal.generator import SamplePortalError, load_default_spec
from sample_portal.manifest import MANIFEST_URL
from pathaudit.loopback.model import canonical_target
from waiting import HANG_GUARD


def test_two_builds_give_the_same_bytes_for_every_file(built_portal):
    again = build_portal()
    assert list(again.files) == list(built_portal.files)
    different = [url for url, resource in again.files.items() if resource != built_portal.files[url]]
    assert different == []
    assert again.manifest == built_portal.manifest


DIGEST_SCRIPT = """
import hashlib
from sample_portal import build_portal
digest = hashlib.sha256()
for url, resource in build_portal().files.items():
    digest.update(url.encode() + b"\\0" + resource.content_type.encode() + b"\\0" + resource.body)
print(digest.hexdigest())
"""


def test_a_build_in_another_process_with_another_hash_seed_is_identical(built_portal):
    digest = hashlib.sha256()
    for url, resource in built_portal.files.items():
        digest.update(url.encode() + b"\0" + resource.content_type.encode() + b"\0" + resource.body)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", DIGEST_SCRIPT], capture_output=True, text=True, env=env,
                           timeout=HANG_GUARD, check=True)
    assert other.stdout.strip() == digest.hexdigest()


def test_the_portal_is_a_real_size_with_some_heavy_pages(built_portal):
    pages = [r for url, r in built_portal.files.items() if r.content_type.startswith("text/html")]
    assert len(pages) > 300
    assert 3_000_000 < built_portal.total_bytes < 25_000_000
    assert max(len(p.body) for p in pages) > 200_000


def test_every_mandated_path_is_healthy_or_named_by_a_defect(built_portal):
    spec = load_default_spec()
    manifest = built_portal.manifest
    named = {tuple(d["path"]) for d in manifest["defects"]}
    healthy = {tuple(p) for p in manifest["healthy_paths"]}
    for path in spec.paths:
        assert (path.segments in healthy) != (path.segments in named), path.segments


def test_the_manifest_has_the_contracted_shape(built_portal):
    manifest = built_portal.manifest
    identity = (manifest["portal"], manifest["spec"], manifest["as_of"])
    assert identity == ("liangjiang-sample", "liangjiang-2021", "2021-12-01")
    kinds = {"missing_column", "renamed_column", "missing_subcolumn", "empty_section", "stale_section", "missing_field",
             "broken_image", "broken_video", "broken_audio", "broken_attachment",
             # the clause cases (sample_portal/clauses.py)
             "below_yearly_count", "unlinked_interpretation", "unanswered_message", "not_mobile_ready"}
    for defect in manifest["defects"]:
        assert defect["kind"] in kinds
        assert {"kind", "path", "url", "page", "reason", "note"} <= defect.keys()
        assert defect["url"].startswith("/")
        if defect["kind"].startswith("broken_"):
            assert defect["reason"] in {"http_status", "wrong_type", "truncated", "empty", "unplayable_format"}
            assert defect["page"].startswith("/")
    assert {b["kind"] for b in manifest["behaviours"]} == {"server_error_once", "slow", "gbk"}
    served = json.loads(built_portal.files[MANIFEST_URL].body)
    assert served == manifest


def test_every_kind_of_planted_defect_is_present(built_portal):
    defects = built_portal.manifest["defects"]
    media = {(d["kind"], d["reason"]) for d in defects if d["kind"].startswith("broken_")}
    assert {("broken_image", "http_status"), ("broken_image", "wrong_type"), ("broken_image", "truncated"),
            ("broken_image", "empty"), ("broken_video", "http_status"), ("broken_video", "truncated"),
            ("broken_video", "unplayable_format"), ("broken_attachment", "http_status")} <= media
    modes = {d.get("mode") for d in defects if d["kind"] == "empty_section"}
    assert modes == {"empty_list", "placeholder", "js_empty", "children_empty"}
    missing_depths = {len(d["missing"]) for d in defects if d["kind"] == "missing_column"}
    assert len(missing_depths) >= 2  # a whole branch and leaves
    assert [d["expected_without_js"] for d in defects if "expected_without_js" in d] == ["unverified"]


def test_behaviours_sit_on_healthy_paths(built_portal):
    healthy = {tuple(p) for p in built_portal.manifest["healthy_paths"]}
    for behaviour in built_portal.manifest["behaviours"]:
        assert tuple(behaviour["path"]) in healthy


def test_no_healthy_mandated_column_needs_javascript(built_portal):
    for column in built_portal.manifest["columns"]:
        if column["healthy"]:
            assert column["style"] != "json", column["path"]


def test_every_mandated_column_the_site_has_is_published(built_portal):
    for column in built_portal.manifest["columns"]:
        assert built_portal.resource(column["url"]) is not None, column["url"]


def test_every_healthy_looking_picture_decodes_and_only_planted_ones_do_not(built_portal):
    planted = {d["url"] for d in built_portal.manifest["defects"] if d["kind"] == "broken_image"}
    broken = set()
    for url, resource in built_portal.files.items():
        if not re.search(r"\.(jpg|png|gif|webp)$", url):
            continue
        try:
            Image.open(io.BytesIO(resource.body)).load()
        except Exception:
            broken.add(url)
    assert broken == planted - {u for u in planted if built_portal.resource(u) is None}


def test_endpoints_with_a_query_are_stored_in_canonical_form(built_portal):
    for key in built_portal.files:
        if "?" in key:
            path, _, query = key.partition("?")
            assert canonical_target(path, query) == key


def test_the_gbk_section_is_really_encoded_in_gbk(built_portal):
    gbk = [r for r in built_portal.files.values() if r.content_type == "text/html"]
    assert len(gbk) > 5
    for resource in gbk:
        assert b'<meta charset="gbk">' in resource.body
        resource.body.decode("gbk")


def test_a_plan_naming_a_column_the_spec_lacks_is_refused_clearly():
    plan = dataclasses.replace(PLAN, removals=(*PLAN.removals, Removal(("政府信息公开", "不存在的栏目"), "x")))
    with pytest.raises(SamplePortalError, match="不存在的栏目"):
        build_portal(plan=plan)
