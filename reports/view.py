"""The one reading of a findings report that every format renders: paths with their findings and
badges, the verdict, counts, the remediation list per lead unit, and the baseline comparison.

Formats differ only in how they lay this out, so an inspector sees the same verdict and the same
badges in the HTML report, the Markdown summary, the JUnit file and the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal
from urllib.parse import urlsplit

from auditor.audit.baseline import Comparison, compare, recorded_baseline
from auditor.audit.gate import unreachable_home
from auditor.model.findings import FINDING_KINDS, MEDIA_FINDING_KINDS, SEVERITY_RANK, Finding, FindingsReport, PathResult
from auditor.audit.inspection import InspectionView, inspect

Verdict = Literal["unreachable", "fail", "warn", "incomplete", "pass"]

#: every badge a path can show, in display order
BADGES: tuple[str, ...] = (
    "ok", "missing", "renamed", "empty", "stale", "missing_field", "broken_media", "unverified", "other",
)
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

#: finding kinds that a path status badge already tells
_KIND_BADGE = {
    "missing_column": "missing",
    "missing_subcolumn": "missing",
    "renamed_column": "renamed",
    "empty_section": "empty",
    "stale_section": "stale",
    "missing_field": "missing_field",
    "unverified": "unverified",
    **{kind: "broken_media" for kind in MEDIA_FINDING_KINDS},
}

#: at most this many thumbnails of loaded images per path (a column may hold hundreds)
MAX_THUMBNAILS = 12


def http_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL, else None: only those become links or image sources,
    so a crawled ``javascript:`` or ``data:`` URL is never clickable."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(ch) < 0x20 or ch in '"<>\\' for ch in candidate):
        return None
    return candidate


@dataclass
class PathView:
    result: PathResult
    findings: list[Finding]
    badges: list[str]
    #: the name the site uses, when it differs from the mandate (renamed_column evidence)
    site_name: str | None = None
    #: position in the report's paths (stable element ids in the HTML report)
    index: int = 0

    @property
    def id(self) -> str:
        return self.result.id

    @property
    def label(self) -> str:
        return " > ".join(self.result.path)

    @property
    def name(self) -> str:
        return self.result.path[-1] if self.result.path else self.result.id

    @property
    def units(self) -> list[str]:
        return _unique([*self.result.lead, *self.result.responsible])

    @property
    def kinds(self) -> list[str]:
        return _unique(f.kind for f in self.findings)

    @property
    def media_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in MEDIA_FINDING_KINDS]

    @property
    def other_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.kind not in MEDIA_FINDING_KINDS]

    @property
    def loaded_images(self) -> list[dict[str, Any]]:
        """Images that loaded (``ok`` true) and may be shown as thumbnails: http(s) URLs only."""
        seen: set[str] = set()
        images = []
        for medium in self.result.checked_media:
            url = http_url(medium.get("url"))
            if medium.get("kind") == "image" and medium.get("ok") is True and url and url not in seen:
                seen.add(url)
                images.append({**medium, "url": url})
        return images

    @property
    def worst_severity(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: SEVERITY_RANK.get(s, 2))

    @property
    def failing(self) -> bool:
        """Not simply ok: a badge other than ok, or any finding above info."""
        return self.badges != ["ok"] or any(SEVERITY_RANK.get(f.severity, 2) > 0 for f in self.findings)


@dataclass
class TreeNode:
    """A segment of the mandated-path tree; ``paths`` are the mandated paths that end here."""

    name: str
    segments: tuple[str, ...]
    paths: list[PathView] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class FixEntry:
    """One finding to fix, with the path it belongs to (None for site-wide findings)."""

    finding: Finding
    path: PathView | None


@dataclass
class UnitSection:
    """The 整改清单 of one lead unit (``unit`` None: no lead unit named)."""

    unit: str | None
    entries: list[FixEntry]


@dataclass
class ReportView:
    report: FindingsReport
    paths: list[PathView]
    tree: list[TreeNode]
    site_findings: list[Finding]
    inspection: InspectionView
    verdict: Verdict
    comparison: Comparison | None
    baseline: FindingsReport | None
    units: list[UnitSection]
    _new_ids: set[int] = field(default_factory=set, repr=False)

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings

    def is_new(self, finding: Finding) -> bool:
        return id(finding) in self._new_ids

    def count_new(self, findings: list[Finding]) -> int:
        return sum(1 for f in findings if id(f) in self._new_ids)

    def path_for(self, finding: Finding) -> PathView | None:
        """The mandated path a finding belongs to (also for baseline findings): by path id, else by
        its segments; None for site-wide findings."""
        return _owner(finding, self._paths_by_id, self._paths_by_segments)

    @cached_property
    def _paths_by_id(self) -> dict[str, PathView]:
        return {p.id: p for p in self.paths}

    @cached_property
    def _paths_by_segments(self) -> dict[tuple[str, ...], PathView]:
        return _by_segments(self.paths)

    @property
    def severity_counts(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    @property
    def new_severity_counts(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.comparison.new) if self.comparison else Counter()
        return {s: counts.get(s, 0) for s in SEVERITIES}

    @property
    def kind_counts(self) -> dict[str, int]:
        """Finding kind -> count, known kinds in contract order, then any newer kinds."""
        counts = Counter(f.kind for f in self.findings)
        ordered = [k for k in FINDING_KINDS if counts.get(k)] + sorted(k for k in counts if k not in FINDING_KINDS)
        return {k: counts[k] for k in ordered}

    @property
    def badge_counts(self) -> dict[str, int]:
        counts = Counter(b for p in self.paths for b in p.badges)
        return {b: counts[b] for b in BADGES if counts.get(b)}

    @property
    def all_units(self) -> list[str]:
        return _unique(u for p in self.paths for u in p.units)

    @property
    def all_kinds(self) -> list[str]:
        return list(self.kind_counts)

    @property
    def failing_paths(self) -> list[PathView]:
        return [p for p in self.paths if p.failing]

    @property
    def duration_seconds(self) -> float | None:
        start, end = parse_time(self.report.started_at), parse_time(self.report.finished_at)
        if start is None or end is None or (start.tzinfo is None) != (end.tzinfo is None):
            return None
        return max(0.0, (end - start).total_seconds())


def build_view(report: FindingsReport, baseline: FindingsReport | None = None) -> ReportView:
    paths = [PathView(result=p, findings=[], badges=[], index=i) for i, p in enumerate(report.paths)]
    by_id = {p.id: p for p in paths}
    by_segments = _by_segments(paths)

    site_findings: list[Finding] = []
    for finding in report.findings:
        owner = _owner(finding, by_id, by_segments)
        if owner is None:
            site_findings.append(finding)
        else:
            owner.findings.append(finding)
    for view in paths:
        view.badges = _badges(view)
        view.site_name = _site_name(view)

    if baseline is None:  # the history database's previous run, as findings.json recorded it
        baseline = recorded_baseline(report)
    comparison = compare(report, baseline) if baseline is not None else None
    inspection = inspect(report)
    return ReportView(
        report=report,
        paths=paths,
        tree=_tree(paths),
        site_findings=site_findings,
        inspection=inspection,
        verdict=_verdict(report, inspection),
        comparison=comparison,
        baseline=baseline,
        units=_units(paths, site_findings),
        _new_ids={id(f) for f in comparison.new} if comparison else set(),
    )


def _by_segments(paths: list[PathView]) -> dict[tuple[str, ...], PathView]:
    index: dict[tuple[str, ...], PathView] = {}
    for view in paths:
        index.setdefault(tuple(view.result.path), view)
    return index


def _owner(
    finding: Finding, by_id: dict[str, PathView], by_segments: dict[tuple[str, ...], PathView]
) -> PathView | None:
    if finding.path_id and finding.path_id in by_id:
        return by_id[finding.path_id]
    if finding.path:
        return by_segments.get(tuple(finding.path))
    return None


def _badges(view: PathView) -> list[str]:
    status = view.result.status
    badges: list[str] = [] if status == "ok" else [status if status in BADGES else "other"]
    for finding in view.findings:
        badge = _KIND_BADGE.get(finding.kind)
        if badge is None and SEVERITY_RANK.get(finding.severity, 2) > 0:
            badge = "other"
        if badge and badge not in badges:
            badges.append(badge)
    if not badges:
        badges = ["ok"]
    return sorted(badges, key=BADGES.index)


def _site_name(view: PathView) -> str | None:
    for finding in view.findings:
        if finding.kind == "renamed_column":
            name = finding.evidence.get("site_name")
            if isinstance(name, str) and name:
                return name
    return None


def _tree(paths: list[PathView]) -> list[TreeNode]:
    roots: list[TreeNode] = []
    index: dict[tuple[str, ...], TreeNode] = {}
    for view in paths:
        segments = tuple(view.result.path) or (view.id,)
        siblings = roots
        for depth in range(1, len(segments) + 1):
            prefix = segments[:depth]
            node = index.get(prefix)
            if node is None:
                node = TreeNode(name=prefix[-1], segments=prefix)
                index[prefix] = node
                siblings.append(node)
            siblings = node.children
        index[segments].paths.append(view)
    return roots


def _units(paths: list[PathView], site_findings: list[Finding]) -> list[UnitSection]:
    sections: dict[str | None, list[FixEntry]] = {}
    for view in paths:
        leads: list[str | None] = list(_unique(view.result.lead)) or [None]
        for finding in sorted(view.findings, key=lambda f: -SEVERITY_RANK.get(f.severity, 2)):
            for lead in leads:
                sections.setdefault(lead, []).append(FixEntry(finding, view))
    for finding in site_findings:
        sections.setdefault(None, []).append(FixEntry(finding, None))
    named = [UnitSection(unit, entries) for unit, entries in sections.items() if unit is not None]
    if None in sections:
        named.append(UnitSection(None, sections[None]))
    return named


def _verdict(report: FindingsReport, inspection: InspectionView) -> Verdict:
    if unreachable_home(report) is not None:  # nothing was audited: neither pass nor fail
        return "unreachable"
    severities = {f.severity for f in report.findings}
    if "error" in severities or inspection.crossed:
        return "fail"
    if not report.complete:
        return "incomplete"
    if "warning" in severities or inspection.warned:
        return "warn"
    return "pass"


def parse_time(value: object) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def format_duration(seconds: float | None, lang: str) -> str:
    if seconds is None:
        return "—"
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    units = ("小时", "分", "秒") if lang == "zh" else ("h", "m", "s")
    sep = " " if lang == "zh" else ""
    parts = [(hours, units[0]), (minutes, units[1]), (secs, units[2])]
    shown = [f"{n}{sep}{u}" for n, u in parts if n] or [f"0{sep}{units[2]}"]
    return " ".join(shown)


def format_time(value: object) -> str:
    """An ISO timestamp for people: date and time to the minute, in the zone it was written in."""
    parsed = parse_time(value)
    if parsed is None:
        return str(value) if value else "—"
    return parsed.strftime("%Y-%m-%d %H:%M")


def _unique(items: Any) -> list:
    seen: dict = {}
    for item in items:
        if item is not None and item != "":
            seen.setdefault(item, None)
    return list(seen)
