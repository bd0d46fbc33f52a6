"""The one reading of a findings report that every format renders: paths with their state, badges
and findings, the column tree, the verdict, the counts, the remediation list per lead unit (with
整改建议 and 整改时限), the saved evidence, and the baseline comparison.

Formats differ only in how they lay this out. Every count is computed here once (:class:`Counts`), so
the terminal, the HTML report, the Markdown summary, the JUnit file and the ledger say the same
numbers: each path has exactly one *state* (so the states add up to the paths), while its *badges*
name every kind of problem it has (a path may have several).

History hooks (new/resolved badges, first-seen dates, the trend chart) read fields a history-aware
crawl adds to findings (``first_seen``, ``runs_seen``) and to the report (``history``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from auditor.audit.baseline import Comparison, compare, recorded_baseline
from auditor.audit.gate import Verdict, judge
from auditor.audit.inspection import InspectionLine, InspectionView, inspect
from reports.clock import format_local, local_date
from reports.clock import parse as parse_time
from reports.wording import DEFAULT_DEADLINE_DAYS, Words, deadline_days
from auditor.model.findings import FINDING_KINDS, MEDIA_FINDING_KINDS, SEVERITY_RANK, Finding, FindingsReport, PathResult

#: every badge a path can show, in display order
BADGES: tuple[str, ...] = (
    "ok", "missing", "renamed", "empty", "stale", "missing_field", "broken_media", "unverified", "other",
)
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
#: the one state of a path, worst first: findings.json's status, except that an ``ok`` column with a
#: finding above info (renamed, a missing sub-column or field, broken media...) is ``flawed``
STATES: tuple[str, ...] = ("missing", "empty", "stale", "flawed", "unverified", "ok")
#: the order counts are shown in
STATE_ORDER: tuple[str, ...] = ("ok", "missing", "empty", "stale", "flawed", "unverified")

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

#: finding kinds whose count an inspector reads as a number of columns, and the state that counts them
_COLUMN_KINDS = {"empty_section": "empty", "stale_section": "stale"}

#: at most this many thumbnails of loaded images per path (a column may hold hundreds)
MAX_THUMBNAILS = 12
#: characters that keep a URL from becoming a link: controls, and those that end an attribute or a tag
_NOT_IN_LINKS = frozenset({chr(code) for code in range(0x20)} | set('"<>\\'))


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
    if not _NOT_IN_LINKS.isdisjoint(candidate):  # one pass in C, not a Python step per character
        return None
    return candidate


def path_state(result: PathResult, findings: list[Finding]) -> str:
    """The one state of a path (see :data:`STATES`)."""
    if result.status in STATES and result.status != "ok":
        return result.status
    if result.status != "ok" or any(SEVERITY_RANK.get(f.severity, 2) > 0 for f in findings):
        return "flawed"
    return "ok"


def message(words: Words, finding: Finding) -> str:
    """A finding's sentence in the report's language: from its code, else the Chinese ``message``
    (zh) or the kind's name (en: a finding written before codes has no English sentence)."""
    fallback = finding.message if words.lang == "zh" else words.kind(finding.kind)
    return words.message(finding.code, finding.params, fallback) or fallback


@dataclass
class PathView:
    result: PathResult
    findings: list[Finding]
    badges: list[str]
    #: the name the site uses, when it differs from the mandate (renamed_column evidence)
    site_name: str | None = None
    #: position in the report's paths (stable element ids in the HTML report)
    index: int = 0
    state: str = "ok"
    #: the segments of the missing column this path could not get past, when it is not the path's own
    #: last segment (a missing parent: this path is unreachable, not missing itself)
    missing_parent: tuple[str, ...] | None = None

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

    @cached_property
    def loaded_images(self) -> list[dict[str, Any]]:
        """Images that loaded (``ok`` true) and may be shown as thumbnails: http(s) URLs only. Kept
        once worked out: the HTML report asks for them twice (the archive's wanted records, the page)."""
        seen: set[str] = set()
        images = []
        for medium in self.result.checked_media:
            if medium.get("kind") != "image" or medium.get("ok") is not True:
                continue
            url = http_url(medium.get("url"))
            if url and url not in seen:
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
        """Anything but ok (unverified included: it must be checked by hand)."""
        return self.state != "ok"


@dataclass
class TreeNode:
    """A segment of the mandated-path tree; ``paths`` are the mandated paths that end here.

    ``state`` colours the node: the path's own state where one ends here, ``missing`` for a segment the
    walk found missing (a missing parent), else None (a plain group). ``counts`` are the states of the
    mandated paths at and below the node."""

    name: str
    segments: tuple[str, ...]
    paths: list[PathView] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)
    state: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    #: below a missing column: the walk could not reach this node
    unreachable: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def below(self) -> dict[str, int]:
        """States of the mandated paths strictly below the node."""
        below = dict(self.counts)
        for path in self.paths:
            below[path.state] -= 1
        return {state: n for state, n in below.items() if n}

    @property
    def worst(self) -> str:
        """The worst state at or below the node (its colour when it is a plain group)."""
        return next((s for s in STATES if self.counts.get(s)), "ok")


@dataclass
class MapNode:
    """A column of the site's own column map (findings.json ``column_map``), with its children;
    ``path`` is the mandated path it is (None: a column no mandate names)."""

    name: str
    url: str
    items: int | None
    newest: str | None
    #: list, empty, parent, script, page, unknown (``auditor.model.observations.MapState``)
    state: str
    path: PathView | None = None
    children: list[MapNode] = field(default_factory=list)
    #: the site-wide veto lines this column counts on: ``blank``, ``long_stale``
    veto: tuple[str, ...] = ()


@dataclass
class SiteMapView:
    """The whole column map as a tree, the veto lines counted over all of its columns (as an
    inspector counts them, not only the mandated ones) and how much of the site it rests on."""

    roots: list[MapNode]
    columns: int
    mandated: int
    #: line -> the columns on it (name, URL): blank (空白栏目), long_stale (栏目不更新), undated
    veto: dict[str, list[tuple[str, str]]]
    census_pages: int
    budget: int
    not_read: list[tuple[str, str]]
    refused: list[str]

    @property
    def complete(self) -> bool:
        return not self.not_read and not self.refused


@dataclass
class FixEntry:
    """One finding to fix, with the path it belongs to (None for site-wide findings), and by when."""

    finding: Finding
    path: PathView | None
    #: 整改时限: days from the crawl and the date (None: no policy for this kind)
    days: int | None = None
    due: dt.date | None = None


@dataclass(frozen=True)
class Counts:
    """Every number the formats print, computed once from the findings."""

    paths: int
    #: state -> paths in that state (every state, in STATES order); adds up to ``paths``
    states: dict[str, int]
    #: badge -> paths showing it (a path may show several: these do not add up to ``paths``)
    badges: dict[str, int]
    findings: int
    severities: dict[str, int]
    kinds: dict[str, int]
    new_severities: dict[str, int]
    failing_paths: int
    #: finding kind -> the columns it stands for, where that is not one per finding: 空白栏目 and 栏目不更新
    #: count columns (the paths in state empty / stale, as the tiles and the veto lines count them),
    #: while one empty_section finding may cover a blank parent and its blank sub-columns
    kind_columns: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The counts as plain data (JUnit properties, the ledger's summary sheet, tests)."""
        return {"paths": self.paths, "states": dict(self.states), "findings": self.findings,
                "severities": dict(self.severities), "kinds": dict(self.kinds), "failing_paths": self.failing_paths}


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
    counts: Counts
    #: kind -> days of the 整改时限 in force (the spec's own, else the default policy)
    deadlines: dict[str, int]
    #: True when the spec set its own deadlines (findings.json ``spec.remediation_days``)
    deadlines_from_spec: bool
    #: the site's own column map, when findings.json holds one
    site_map: SiteMapView | None = None
    _new_ids: set[int] = field(default_factory=set, repr=False)
    _fix: dict[int, FixEntry] = field(default_factory=dict, repr=False)

    @property
    def audited(self) -> bool:
        """False when the portal could not be audited at all (its home page could not be read): the
        reports then say 无法核查 everywhere and send no 整改通知."""
        return self.verdict != "unreachable"

    @property
    def completeness(self) -> str:
        """``complete``, ``partial`` (the crawl was interrupted) or ``unreachable`` (nothing was crawled:
        never called a complete crawl, even though the crawler finished)."""
        if not self.audited:
            return "unreachable"
        return "complete" if self.report.complete else "partial"

    def line_state(self, line: InspectionLine) -> str:
        """A veto line's state as the reports show it: ``not_checked`` when nothing was audited (zero
        blank columns on a site never read is not 正常)."""
        return line.state if self.audited else "not_checked"

    def fix(self, finding: Finding) -> FixEntry | None:
        """The remediation entry of a finding (advice by kind, deadline)."""
        return self._fix.get(id(finding))

    @property
    def first_seen(self) -> dict[int, str]:
        """History hook: finding -> when it was first seen (``first_seen``, written by the history)."""
        return {id(f): format_time(f.first_seen) for f in self.findings if f.first_seen}

    @property
    def trend(self) -> list[dict[str, Any]]:
        """History hook: findings per run (``history.runs`` of findings.json, oldest first; else empty)."""
        runs = (self.report.history or {}).get("runs")
        return [r for r in runs if isinstance(r, dict)] if isinstance(runs, list) else []

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
        return self.counts.severities

    @property
    def new_severity_counts(self) -> dict[str, int]:
        return self.counts.new_severities

    @property
    def kind_counts(self) -> dict[str, int]:
        return self.counts.kinds

    @property
    def badge_counts(self) -> dict[str, int]:
        return self.counts.badges

    @property
    def state_counts(self) -> dict[str, int]:
        return self.counts.states

    @property
    def archive(self) -> dict[str, Any] | None:
        """What the crawl saved as evidence (``stats.archive``), or None when it kept no archive."""
        value = self.report.stats.get("archive") if isinstance(self.report.stats, dict) else None
        return value if isinstance(value, dict) else None

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
        view.state = path_state(view.result, view.findings)
        view.missing_parent = _missing_parent(view)

    if baseline is None:  # the history database's previous run, as findings.json recorded it
        baseline = recorded_baseline(report)
    comparison = compare(report, baseline) if baseline is not None else None
    inspection = inspect(report)
    overrides = report.spec.get("remediation_days") if isinstance(report.spec, dict) else None
    overrides = overrides if isinstance(overrides, dict) and overrides else None
    deadlines = {kind: deadline_days(kind, overrides) for kind in DEFAULT_DEADLINE_DAYS}
    start = local_date(report.finished_at) or local_date(report.started_at)  # the run's day where it ran
    fixes = _fix_entries(paths, site_findings, {k: v for k, v in deadlines.items() if v is not None}, start)
    verdict = judge(report, inspection=inspection).verdict
    units = _units(paths, site_findings, fixes) if verdict != "unreachable" else []  # no 整改通知: nothing audited
    return ReportView(
        report=report,
        paths=paths,
        tree=_tree(paths),
        site_findings=site_findings,
        inspection=inspection,
        verdict=verdict,
        comparison=comparison,
        baseline=baseline,
        units=units,
        counts=_counts(report, paths, comparison),
        deadlines={k: v for k, v in deadlines.items() if v is not None},
        deadlines_from_spec=overrides is not None,
        site_map=site_map_view(report.column_map, paths),
        _new_ids={id(f) for f in comparison.new} if comparison else set(),
        _fix=fixes,
    )


def site_map_view(column_map: object, paths: list[PathView]) -> SiteMapView | None:
    """The column map of findings.json drawn as a tree: each column under its parent (by URL; a
    column whose parent is not in the map, or that would sit under itself, is a top column), the
    mandated ones marked by the path they are."""
    if not isinstance(column_map, dict) or not isinstance(column_map.get("columns"), list):
        return None
    by_url = {_map_key(p.result.url): p for p in paths if p.result.url and p.result.status != "missing"}
    veto_raw = column_map.get("veto") if isinstance(column_map.get("veto"), dict) else {}
    veto = {
        line: [(str(c.get("name", "")), str(c.get("url", ""))) for c in (entry.get("columns") or []) if isinstance(c, dict)]
        for line, entry in veto_raw.items() if isinstance(entry, dict)
    }
    on_line: dict[str, list[str]] = {}
    for line, columns in veto.items():
        for _, url in columns:
            on_line.setdefault(url, []).append(line)
    nodes: dict[str, MapNode] = {}
    parents: dict[str, str | None] = {}
    for raw in column_map["columns"]:
        if not isinstance(raw, dict) or not raw.get("url"):
            continue
        url = str(raw["url"])
        nodes[url] = MapNode(
            name=str(raw.get("name") or url), url=url, items=raw.get("items"), newest=raw.get("newest"),
            state=str(raw.get("state") or "unknown"), path=by_url.get(_map_key(url)),
            veto=tuple(on_line.get(url, ())),
        )
        parents[url] = raw.get("parent_url")
    roots: list[MapNode] = []
    for url, node in nodes.items():
        parent = parents[url]
        if parent in nodes and not _loops(url, parents, nodes):
            nodes[parent].children.append(node)
        else:
            roots.append(node)
    coverage = column_map.get("coverage") if isinstance(column_map.get("coverage"), dict) else {}
    return SiteMapView(
        roots=roots,
        columns=len(nodes),
        mandated=sum(1 for node in nodes.values() if node.path is not None),
        veto=veto,
        census_pages=int(coverage.get("census_pages") or 0),
        budget=int(coverage.get("budget") or 0),
        not_read=[(str(e.get("name", "")), str(e.get("url", ""))) for e in coverage.get("listed_not_read") or []
                  if isinstance(e, dict)],
        refused=[str(u) for u in coverage.get("refused") or []],
    )


def _map_key(url: str) -> str:
    """A column's URL as the map and the paths may each write it (``/x/`` and ``/x/index.html``)."""
    for tail in ("index.html", "index.htm", "index.shtml", "index.jhtml"):
        if url.endswith("/" + tail):
            return url[: -len(tail)]
    return url


def _loops(url: str, parents: dict[str, str | None], nodes: dict[str, MapNode]) -> bool:
    seen = {url}
    parent = parents.get(url)
    while parent is not None and parent in nodes:
        if parent in seen:
            return True
        seen.add(parent)
        parent = parents.get(parent)
    return False


def _counts(report: FindingsReport, paths: list[PathView], comparison: Comparison | None) -> Counts:
    states = Counter(p.state for p in paths)
    badges = Counter(b for p in paths for b in p.badges)
    severities = Counter(f.severity for f in report.findings)
    new = Counter(f.severity for f in comparison.new) if comparison else Counter()
    kinds = Counter(f.kind for f in report.findings)
    ordered = [k for k in FINDING_KINDS if kinds.get(k)] + sorted(k for k in kinds if k not in FINDING_KINDS)
    return Counts(
        paths=len(paths),
        states={s: states.get(s, 0) for s in STATE_ORDER},
        badges={b: badges[b] for b in BADGES if badges.get(b)},
        findings=len(report.findings),
        severities={s: severities.get(s, 0) for s in SEVERITIES},
        kinds={k: kinds[k] for k in ordered},
        new_severities={s: new.get(s, 0) for s in SEVERITIES},
        failing_paths=sum(1 for p in paths if p.failing),
        kind_columns={kind: states.get(state, 0) for kind, state in _COLUMN_KINDS.items() if kinds.get(kind)},
    )


def _missing_parent(view: PathView) -> tuple[str, ...] | None:
    """The segments of the missing column a missing path stopped at, when it lies above the path's end."""
    segments = tuple(view.result.path)
    for finding in view.findings:
        if finding.kind != "missing_column" or not isinstance(finding.evidence, dict):
            continue
        segment = finding.evidence.get("segment")
        if segment in segments[:-1]:
            return segments[: segments.index(segment) + 1]
    return None


def _fix_entries(paths: list[PathView], site_findings: list[Finding], deadlines: dict[str, int],
                 start: dt.date | None) -> dict[int, FixEntry]:
    entries: dict[int, FixEntry] = {}
    owned = [(f, p) for p in paths for f in p.findings] + [(f, None) for f in site_findings]
    for finding, path in owned:
        days = deadlines.get(finding.kind)
        due = start + dt.timedelta(days=days) if start is not None and days is not None else None
        entries[id(finding)] = FixEntry(finding, path, days, due)
    return entries


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
    missing = {p.missing_parent for p in paths if p.missing_parent}
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
            node.counts[view.state] = node.counts.get(view.state, 0) + 1
            siblings = node.children
        index[segments].paths.append(view)
    for prefix, node in index.items():
        if node.paths:
            node.state = next(s for s in STATES if any(p.state == s for p in node.paths))
        elif prefix in missing:
            node.state = "missing"
        node.unreachable = any(prefix[:depth] in missing for depth in range(1, len(prefix)))
    return roots


def _units(paths: list[PathView], site_findings: list[Finding], fixes: dict[int, FixEntry]) -> list[UnitSection]:
    sections: dict[str | None, list[FixEntry]] = {}
    for view in paths:
        leads: list[str | None] = list(_unique(view.result.lead)) or [None]
        for finding in sorted(view.findings, key=lambda f: -SEVERITY_RANK.get(f.severity, 2)):
            for lead in leads:
                sections.setdefault(lead, []).append(fixes[id(finding)])
    for finding in site_findings:
        sections.setdefault(None, []).append(fixes[id(finding)])
    named = [UnitSection(unit, entries) for unit, entries in sections.items() if unit is not None]
    if None in sections:
        named.append(UnitSection(None, sections[None]))
    return named


#: small-form brackets (﹝﹞, U+FE5D/FE5E) typed into document numbers render as tiny marks that read as
#: （）; a document number's year is in 六角括号 〔〕 (GB/T 9704), which is what the reports show
_DOCUMENT_BRACKETS = str.maketrans({"﹝": "〔", "﹞": "〕"})


def document_number(text: object) -> str:
    """A 发文字号 as the reports print it: ``渝两江管办发﹝2021﹞44号`` → ``渝两江管办发〔2021〕44号``."""
    return str(text or "").translate(_DOCUMENT_BRACKETS)


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


def format_size(n: object) -> str:
    """Bytes for people: KB below a megabyte, else MB with one decimal."""
    value = float(n) if isinstance(n, (int, float)) and not isinstance(n, bool) else 0.0
    return f"{value / 1024 / 1024:.1f} MB" if value >= 1024 * 1024 else f"{value / 1024:.0f} KB"


def format_time(value: object) -> str:
    """An ISO timestamp for people: to the minute, in the configured zone, named (``reports.clock``)."""
    return format_local(value)


def _unique(items: Any) -> list:
    seen: dict = {}
    for item in items:
        if item is not None and item != "":
            seen.setdefault(item, None)
    return list(seen)
