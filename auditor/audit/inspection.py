"""How the site stands against the veto lines (单项否决) of the national inspection index that a crawl
can judge, with an early warning before a line is crossed.

After 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号), 栏目不更新 vetoes a site when
- 5 or more columns are stale, counting dynamics columns with nothing in 2 weeks and notice/policy
  columns with nothing in 6 months;
- 10 or more columns that should be updated have gone without updates for long; or
- 5 or more columns are blank (a column that has published nothing at all).
Broken links are deductions, not vetoes; images and attachments count as links.
Commercial monitors warn earlier (e.g. more than 2 blank columns): so does this view.

Which columns count: the rows of the report's path table — mandated paths and the sub-columns their
rules require (``required_by``) — whose status is ``empty`` (空白栏目) or ``stale`` (栏目不更新), each once.
These are the columns the state tiles count as 空白 and 未更新, so the report shows one number for
each everywhere. A blank parent whose sub-columns are blank counts once, and each blank sub-column
once more: each is a column an inspector would open and find empty. A column with fewer items than
its rule asks (``below_min_items``, a warning) is not blank.

Pure: a function of the findings report only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from auditor.model.findings import MEDIA_FINDING_KINDS, Finding, FindingsReport, PathResult

LineState = Literal["crossed", "warning", "clear"]

#: the widest update window (days) that still counts toward the 5-stale-columns line: dynamics
#: columns (14 days) and notice/policy columns (6 months) do, yearly columns only count toward the
#: long-stale line
SHORT_WINDOW_MAX_DAYS = 183

BLANK_VETO_AT, BLANK_WARN_AT = 5, 3
STALE_VETO_AT, STALE_WARN_AT = 5, 3
LONG_STALE_VETO_AT, LONG_STALE_WARN_AT = 10, 6

#: broken-media finding kinds that inspections count as broken links
LINK_LIKE_KINDS = ("broken_image", "broken_attachment")


@dataclass(frozen=True)
class InspectionLine:
    """One veto line: how many columns count toward it and which."""

    id: str
    count: int
    veto_at: int
    warn_at: int
    #: the columns counted, as " > "-joined mandated paths
    columns: tuple[str, ...]

    @property
    def state(self) -> LineState:
        if self.count >= self.veto_at:
            return "crossed"
        if self.count >= self.warn_at:
            return "warning"
        return "clear"


@dataclass(frozen=True)
class InspectionView:
    lines: tuple[InspectionLine, ...]
    #: broken-media finding kind -> count, in MEDIA_FINDING_KINDS order
    broken: dict[str, int]
    #: False when the crawl did not finish: the counts are lower bounds
    complete: bool

    @property
    def broken_links(self) -> int:
        """Broken images and attachments: what an inspection counts as broken links."""
        return sum(self.broken.get(kind, 0) for kind in LINK_LIKE_KINDS)

    @property
    def broken_total(self) -> int:
        return sum(self.broken.values())

    @property
    def crossed(self) -> bool:
        return any(line.state == "crossed" for line in self.lines)

    @property
    def warned(self) -> bool:
        return any(line.state == "warning" for line in self.lines)


def inspect(report: FindingsReport) -> InspectionView:
    paths_by_id = {p.id: p for p in report.paths}

    blank = _ColumnSet(paths_by_id)
    for path in report.paths:
        if path.status == "empty":
            blank.add_path(path)
    for finding in report.findings:
        # a column of the report counts by its status, as the state tiles count it; a finding adds
        # only a column the report has no path for (an older or hand-made findings file)
        if finding.kind == "empty_section" and finding.path_id not in paths_by_id:
            if finding.evidence.get("why") != "below_min_items":  # a few items is not blank
                blank.add_finding(finding)

    stale_short = _ColumnSet(paths_by_id)
    stale_all = _ColumnSet(paths_by_id)
    stale_with_finding: set[str] = set()
    for finding in report.findings:
        if finding.kind != "stale_section":
            continue
        known = paths_by_id.get(finding.path_id) if finding.path_id else None
        if known is not None and known.status != "stale":
            continue  # the path's status decides, as in the state tiles
        stale_all.add_finding(finding)
        stale_with_finding.add(stale_all.key_of(finding))
        window = _int_or_none(finding.evidence.get("max_age_days"))
        if window is not None and window <= SHORT_WINDOW_MAX_DAYS:
            stale_short.add_finding(finding)
    for path in report.paths:
        # a stale path without a finding: its window is unknown, so it only counts as long-stale
        if path.status == "stale" and f"id:{path.id}" not in stale_with_finding:
            stale_all.add_path(path)

    broken = {kind: 0 for kind in MEDIA_FINDING_KINDS}
    for finding in report.findings:
        if finding.kind in broken:
            broken[finding.kind] += 1

    lines = (
        stale_short.line("stale_columns", STALE_VETO_AT, STALE_WARN_AT),
        stale_all.line("long_stale_columns", LONG_STALE_VETO_AT, LONG_STALE_WARN_AT),
        blank.line("blank_columns", BLANK_VETO_AT, BLANK_WARN_AT),
    )
    return InspectionView(lines=lines, broken=broken, complete=bool(report.complete))


class _ColumnSet:
    """Distinct columns counted toward a line, in the order first seen."""

    def __init__(self, paths_by_id: dict[str, PathResult]) -> None:
        self._paths_by_id = paths_by_id
        self._labels: dict[str, str] = {}

    def key_of(self, finding: Finding) -> str:
        if finding.path_id:
            return f"id:{finding.path_id}"
        return "path:" + ">".join(finding.path or ()) + "|" + (finding.url or "")

    def add_path(self, path: PathResult) -> None:
        self._labels.setdefault(f"id:{path.id}", " > ".join(path.path))

    def add_finding(self, finding: Finding) -> None:
        segments = finding.path
        if not segments and finding.path_id in self._paths_by_id:
            segments = self._paths_by_id[finding.path_id].path
        label = " > ".join(segments) if segments else (finding.url or finding.page or "?")
        self._labels.setdefault(self.key_of(finding), label)

    def line(self, line_id: str, veto_at: int, warn_at: int) -> InspectionLine:
        return InspectionLine(line_id, len(self._labels), veto_at, warn_at, tuple(self._labels.values()))


def _int_or_none(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
