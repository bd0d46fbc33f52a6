"""A disjoint portal built with plain markup except what a test is about, walked in-process, and
its rows and findings by path id (the lab tests and the metamorphic tests share it).

``PLAIN`` is markup today's walk reads right on every path (asserted by
``test_the_plain_lab_portal_is_read_right``), so a test that changes one knob fails only on that kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.specs import Spec, load_spec
from portal_lab.disjoint import LabPortal, build_disjoint_portal
from portal_lab.disjoint.build import SPEC_FILE
from portal_lab.disjoint.walking import Fetch, walk_lab_portal

PLAIN: dict[str, Any] = dict(
    container="ul", offer="list", nav_dropdown=False, crumb_separator=">", crumb_prefix="当前位置：", crumb_short=False,
    column_urls="folder", item_urls="numeric", date_place="after", date_format="%Y-%m-%d", pager="numbers",
    per_page=10, sibling_menu=False, hidden_block=False, placeholder=True, logo=True, frameset=False,
)
PATH_IDS = ("policy-files", "policy-readings", "plan-land", "plan-special", "finance", "personnel", "work-news",
            "notices", "consultations")
ALL_OK = {path_id: "ok" for path_id in PATH_IDS}
SEED = 3


@dataclass
class LabWalk:
    lab: LabPortal
    doc: dict[str, Any]

    def row(self, path_id: str) -> dict[str, Any]:
        return next(p for p in self.doc["paths"] if p["id"] == path_id)

    def status(self, path_id: str) -> str:
        return self.row(path_id)["status"]

    def truth(self, path_id: str) -> dict[str, Any]:
        return next(e for e in self.lab.manifest["expected_paths"] if e["id"] == path_id)

    def findings(self, path_id: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        key = list(self.truth(path_id)["path"]) if path_id else None
        return [f for f in self.doc["findings"]
                if (key is None or f["path"] == key) and (kind is None or f["kind"] == kind)]

    def errors(self) -> list[str]:
        return [f"{f['kind']} {'>'.join(f['path'] or ())}: {f['message']}" for f in self.doc["findings"]
                if f["severity"] == "error"]

    def statuses(self) -> dict[str, str]:
        return {p["id"]: p["status"] for p in self.doc["paths"]}


def lab_walk(truths: dict[str, str] | None = None, *, seed: int = SEED, renames: dict[str, str] | None = None,
             spec: Spec | None = None, wrap: Any = None, **knobs: Any) -> LabWalk:
    """Walk the plain lab portal (every path ok unless ``truths`` says otherwise) with ``knobs`` set."""
    lab = build_disjoint_portal(seed, {**ALL_OK, **(truths or {})}, renames=renames, spec=spec, **{**PLAIN, **knobs})
    return LabWalk(lab, walk_lab_portal(lab, wrap))


def spec_with(tmp_path: Path, path_id: str, *lines: str) -> Spec:
    """The lab spec with ``lines`` (YAML, e.g. ``deadline: 2024-03-01``) added to one entry."""
    text = SPEC_FILE.read_text(encoding="utf-8")
    anchor = f"  - id: {path_id}\n"
    assert anchor in text
    extra = "".join(f"    {line}\n" for line in lines)
    head, tail = text.split(anchor)
    first, rest = tail.split("\n", 1)
    second, rest = rest.split("\n", 1)
    file = tmp_path / "lab-spec.yaml"
    file.write_text(head + anchor + first + "\n" + second + "\n" + extra + rest, encoding="utf-8")
    return load_spec(file)


__all__ = ["ALL_OK", "PATH_IDS", "PLAIN", "Fetch", "LabWalk", "lab_walk", "spec_with"]
