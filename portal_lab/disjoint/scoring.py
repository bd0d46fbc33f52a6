"""How right a walk was on a disjoint portal, the way trafilatura scores its extractors: precision
and recall per class, not one accuracy figure.

Two views:

* **per status**: each mandated path's truth (ok, renamed, misplaced, missing, empty, stale,
  unverifiable) against what the walk said (its status, and its renamed/misplaced finding); besides
  precision and recall, the **false errors** (an error-severity finding that is not the path's
  truth: any error where the truth is ok or unverifiable) and the **hedges** (``unverified`` where
  the truth is known) are counted apart, since a false missing is worse than a hedge;
* **per role**: every link of every column page, its role as built (site menu, column list,
  breadcrumb, list entry, pager, other) against the role the page reader gives it
  (``auditor.page.links.extract_links``). A link the reader does not see at all (a ``<select>``
  option, a frame's content) counts against recall.

Works on findings-document dicts, so an in-process walk and a Scrapy crawl over HTTP score alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from pathaudit.loopback.model import Portal

#: the reader's link roles, grouped as the generator labels links
READER_ROLE_GROUPS = {"nav": "menu", "tree": "column", "subcolumn": "column", "tab": "column",
                      "breadcrumb": "crumb", "entry": "entry", "pager": "pager"}
ROLES = ("menu", "column", "crumb", "entry", "pager", "other")
LABEL_OF_STATUS = {"ok": "ok", "missing": "missing", "empty": "empty", "stale": "stale", "unverified": "unverifiable"}


def walked_label(row: dict[str, Any] | None, kinds: set[str]) -> str:
    """The truth a walk's path row and findings amount to."""
    if row is None:
        return "absent"
    if "misplaced_column" in kinds:
        return "misplaced"
    if row["status"] == "ok" and "renamed_column" in kinds:
        return "renamed"
    return LABEL_OF_STATUS.get(row["status"], row["status"])


@dataclass
class PathVerdict:
    id: str
    truth: str
    walked: str
    status: str | None
    reason: str | None
    tags: list[str]

    @property
    def right(self) -> bool:
        return self.truth == self.walked


@dataclass
class DisjointScore:
    portal: str
    seed: int
    verdicts: list[PathVerdict] = field(default_factory=list)
    #: (kind, path, message) of error findings that are not the truth
    false_errors: list[tuple[str, str, str]] = field(default_factory=list)
    #: role as built -> role the reader gave (``missing``: the reader did not see the link)
    roles: Counter = field(default_factory=Counter)

    @property
    def paths_right(self) -> int:
        return sum(v.right for v in self.verdicts)

    @property
    def hedges(self) -> list[PathVerdict]:
        return [v for v in self.verdicts if v.walked == "unverifiable" and v.truth != "unverifiable"]

    @property
    def perfect(self) -> bool:
        return self.paths_right == len(self.verdicts) and not self.false_errors

    def describe(self) -> str:
        lines = [f"{self.portal} (seed {self.seed}): paths {self.paths_right}/{len(self.verdicts)}, "
                 f"false errors {len(self.false_errors)}, hedges {len(self.hedges)}"]
        lines += [f"  {v.id}: truth {v.truth}, walked {v.walked} ({v.reason}) [{', '.join(v.tags)}]"
                  for v in self.verdicts if not v.right]
        lines += [f"  false {k} on {p}: {m}" for k, p, m in self.false_errors]
        return "\n".join(lines)


def score_paths(manifest: dict[str, Any], findings_doc: dict[str, Any]) -> DisjointScore:
    result = DisjointScore(manifest["portal"], manifest["seed"])
    rows = {tuple(p["path"]): p for p in findings_doc["paths"]}
    kinds: dict[tuple[str, ...], set[str]] = {}
    for finding in findings_doc["findings"]:
        kinds.setdefault(tuple(finding["path"] or ()), set()).add(finding["kind"])
    truths = {tuple(e["path"]): e for e in manifest["expected_paths"]}
    for key, entry in truths.items():
        row = rows.get(key)
        result.verdicts.append(PathVerdict(entry["id"], entry["truth"], walked_label(row, kinds.get(key, set())),
                                           row["status"] if row else None, row.get("reason") if row else None,
                                           entry.get("tags", [])))
    for finding in findings_doc["findings"]:
        if finding["severity"] != "error":
            continue
        entry = truths.get(tuple(finding["path"] or ()))
        if entry is None or entry["finding"] != finding["kind"]:
            result.false_errors.append((finding["kind"], ">".join(finding["path"] or ()), finding["message"]))
    return result


def score_roles(portal: Portal, manifest: dict[str, Any], base: str, into: Counter | None = None) -> Counter:
    """(role as built, role read) counts over every page the manifest labels."""
    from auditor.page.links import extract_links

    counts = into if into is not None else Counter()
    for page, labelled in manifest["link_roles"].items():
        resource = portal.resource(page)
        if resource is None:
            continue
        page_url = urljoin(base + "/", page)
        read = extract_links(portal.body_for(resource, base), page_url)
        unused = list(read)
        for url, text, role in labelled:
            if role == "hidden":
                continue
            target = urljoin(page_url, url)
            same_url = [k for k in unused if k.url == target]
            match = next((k for k in same_url if text in (k.text, k.title, k.alt)), same_url[0] if same_url else None)
            if match is None:
                counts[(role, "missing")] += 1
                continue
            unused.remove(match)
            counts[(role, READER_ROLE_GROUPS.get(match.role, "other"))] += 1
    return counts


def precision_recall(pairs: Counter, labels: tuple[str, ...]) -> dict[str, tuple[float, float, int]]:
    """label -> (precision, recall, support) from (truth, predicted) counts."""
    out = {}
    for label in labels:
        hit = pairs[(label, label)]
        predicted = sum(n for (t, p), n in pairs.items() if p == label)
        actual = sum(n for (t, p), n in pairs.items() if t == label)
        out[label] = (hit / predicted if predicted else float("nan"), hit / actual if actual else float("nan"), actual)
    return out
