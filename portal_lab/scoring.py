"""How right a walk was on a generated portal: its path statuses and findings against the portal's
ground-truth manifest. Used by the tests (every seed must score 100 %) and by
``benchmarks/score_portals.py`` (accuracy per family and per kind of markup, on fresh seeds).

Works on the ``findings.json`` shapes (dicts), so an in-process walk and a real Scrapy crawl over
HTTP are scored the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pathaudit.loopback.model import Portal

#: the origin the in-process walk pretends the portal is served at
ORIGIN = "http://portal.test"


@dataclass
class Score:
    portal: str
    family: str
    seed: int
    features: list[str]
    paths: int = 0
    paths_right: int = 0
    #: (path, expected status, status walked, reason given)
    wrong_paths: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    defects: int = 0
    #: (kind, path, URL) of planted defects not reported
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    #: (kind, path, URL, message) of errors reported that were not planted
    false_errors: list[tuple[str, str, str | None, str]] = field(default_factory=list)

    @property
    def perfect(self) -> bool:
        return not (self.wrong_paths or self.missed or self.false_errors)

    def describe(self) -> str:
        """What differs, for a failing test or the scorer (replay: PATHAUDIT_SEED=<seed>)."""
        lines = [f"{self.portal} (family {self.family}, PATHAUDIT_SEED={self.seed}; features: {', '.join(self.features)})",
                 f"  paths {self.paths_right}/{self.paths}, defects found {self.defects - len(self.missed)}/{self.defects},"
                 f" false errors {len(self.false_errors)}"]
        lines += [f"  path {p}: expected {want}, walked {got} ({why})" for p, want, got, why in self.wrong_paths]
        lines += [f"  missed {kind} on {p} at {url}" for kind, p, url in self.missed]
        lines += [f"  false {kind} on {p} at {url}: {message}" for kind, p, url, message in self.false_errors]
        return "\n".join(lines)


def _absolute(base: str, url: str | None) -> str | None:
    if url is None:
        return None
    return url if url.startswith("http") else base.rstrip("/") + url


def _show(path: list[str] | tuple[str, ...] | None) -> str:
    return ">".join(path or ())


def score(manifest: dict[str, Any], findings_doc: dict[str, Any], base: str) -> Score:
    """Compare a findings document (``paths``, ``findings``) with the manifest of the portal walked."""
    result = Score(manifest["portal"], manifest.get("family", ""), manifest.get("seed", -1), manifest.get("features", []))
    walked = {tuple(p["path"]): p for p in findings_doc["paths"]}
    expected = list(manifest["expected_paths"])
    # the rows of required sub-columns count once the walk reports them
    expected += [e for e in manifest.get("subcolumn_paths", []) if tuple(e["path"]) in walked]
    for entry in expected:
        result.paths += 1
        row = walked.get(tuple(entry["path"]))
        got = row["status"] if row else "absent"
        if got == entry["status"]:
            result.paths_right += 1
        else:
            result.wrong_paths.append((_show(entry["path"]), entry["status"], got, row.get("reason") if row else None))
    reported = findings_doc["findings"]
    planted = set()
    for defect in manifest["defects"]:
        result.defects += 1
        url = _absolute(base, defect["url"])
        planted.add((defect["kind"], tuple(defect["path"]), url))
        hits = [f for f in reported if f["kind"] == defect["kind"] and tuple(f["path"] or ()) == tuple(defect["path"])
                and f["url"] == url]
        if defect.get("page"):
            page = _absolute(base, defect["page"])
            hits = [f for f in hits if page in f["evidence"].get("pages", [f["page"]])]
        if not hits:
            result.missed.append((defect["kind"], _show(defect["path"]), url or ""))
    for finding in reported:
        key = (finding["kind"], tuple(finding["path"] or ()), finding["url"])
        if finding["severity"] == "error" and key not in planted:
            result.false_errors.append((finding["kind"], _show(finding["path"]), finding["url"], finding["message"]))
    return result


def walk_in_process(portal: Portal, spec: Any, base: str = ORIGIN) -> dict[str, Any]:
    """Walk the portal with the pure walker over ``portal_fetch`` and audit it: the findings document
    as the crawl would write it, built by the contract's one builder (``auditor.inprocess``)."""
    from auditor.inprocess import audit_site
    from auditor.walk.config import WalkConfig
    from portal_lab.fetch import portal_fetch

    as_of = dt.date.fromisoformat(portal.manifest["as_of"])
    return audit_site(spec, base.rstrip("/") + "/", portal_fetch(portal), WalkConfig(as_of=as_of)).to_dict()
