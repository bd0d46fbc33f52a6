"""The 整改台账 (remediation ledger) inspectors keep in Excel: one row per finding, with the columns
their ledgers use (序号, 栏目路径, 问题类型, 问题描述, 页面链接, 牵头单位, 责任单位, 发现时间, 整改状态),
a frozen header, an auto-filter, widths that read as opened, and a drop-down for 整改状态 so the sheet
can be used for 销号管理 as it is.

Extra columns after those: 依据条款 (the mandate's clause the column answers to), 严重程度, 问题标识 (a stable id of the finding across crawls, to match rows
between ledgers), 整改建议, 整改时限, 证据记录 (the saved copy behind it), 所在页面 (the page a broken
medium sits on), 备注, 整改日期, 发现次数 and, with a
baseline (or the previous run of the history), 对比上次. The ledger then also lists the findings fixed
since (整改状态 已整改, 整改日期 the date of this run). 发现时间 is the finding's first-seen time.
A second sheet, 概况, holds the counts of the view model; then one sheet per lead unit (牵头单位) with
that unit's rows (numbered as on the first sheet), so each unit's ledger can be sent on its own. The
first sheet stays the ledger of record: only its 整改状态/备注 are carried to the next run. When the
crawl drew the site's own column map, a last sheet, 网站栏目地图, lists every column of the site (its
place, state, items, newest date, the mandated path it is, the veto lines it counts on), and 概况
adds the veto lines counted over all of them.

A portal that could not be audited (its home page could not be read) adds no row: nothing was found
to rectify, and the rows of the previous ledger are kept as they were.

The ledger carries state across runs: given the previous ledger (``carried``, read by
:func:`read_ledger`), the inspector's 整改状态 and 备注 are kept for the findings that persist, and
its rows of findings fixed earlier are kept as they were.

Crawled text never becomes a formula: every value is written as a string cell.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from auditor.audit.baseline import finding_identities, site_origin
from auditor.audit.gate import unreachable_home
from auditor.model.findings import MEDIA_FINDING_KINDS, Finding, FindingsReport
from reports.wording import Words
from reports.view import MapNode, ReportView, SiteMapView, build_view, format_time, http_url, message, parse_time

#: ``fix_failed`` (整改未通过): marked 已整改 by the inspector, yet the finding is still present
STATES = ("open", "in_progress", "fixed", "closed", "fix_failed")

#: (i18n key, width in characters)
_COLUMNS = (
    ("xlsx.no", 6),
    ("xlsx.path", 46),
    ("xlsx.kind", 14),
    ("xlsx.message", 60),
    ("xlsx.url", 48),
    ("xlsx.lead", 16),
    ("xlsx.responsible", 22),
    ("xlsx.found", 17),
    ("xlsx.state", 11),
    ("xlsx.clause", 12),
    ("xlsx.severity", 9),
    ("xlsx.fingerprint", 14),
    ("xlsx.advice", 30),
    ("xlsx.deadline", 12),
    ("xlsx.record", 30),
    ("xlsx.page", 40),
    ("xlsx.note", 30),
    ("xlsx.fixed_on", 12),
    ("xlsx.runs_seen", 9),
)
_CHANGE_COLUMN = ("xlsx.change", 10)
#: the column map's sheet: (i18n key, width in characters)
_MAP_COLUMNS = (
    ("xlsx.map.depth", 6),
    ("xlsx.map.trail", 36),
    ("xlsx.map.name", 20),
    ("xlsx.map.state", 12),
    ("xlsx.map.items", 8),
    ("xlsx.map.newest", 12),
    ("xlsx.map.mandated", 40),
    ("xlsx.map.veto", 22),
    ("xlsx.url", 48),
)


@dataclass
class LedgerEntry:
    """What an inspector wrote on one row of a ledger: its state (a key of ``STATES``) and notes."""

    state: str
    note: str
    #: the row's cells as they were (kept for rows of findings fixed before the previous run)
    cells: list[object] = field(default_factory=list)


@dataclass
class CarriedLedger:
    """An earlier ledger, by 问题标识, in the order of its rows."""

    entries: dict[str, LedgerEntry]
    header: list[str]


def read_ledger(path: str | Path) -> CarriedLedger:
    """Read the 整改状态 and 备注 of an earlier ledger (either language), by 问题标识.

    Raises ``ValueError`` when the file is not a ledger (no 问题标识 column)."""
    try:
        book = load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValueError(f"{path}: not an Excel ledger ({err.__class__.__name__})") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(v) if v is not None else "" for v in next(rows, ())]
    names = {_label(key, lang): key for key in ("xlsx.fingerprint", "xlsx.state", "xlsx.note") for lang in ("zh", "en")}
    where = {names[h]: i for i, h in enumerate(header) if h in names}
    if "xlsx.fingerprint" not in where:
        raise ValueError(f"{path}: not a PathAudit ledger (no 问题标识 column)")
    states = {_label(f"xlsx.state.{s}", lang): s for s in STATES for lang in ("zh", "en")}
    entries: dict[str, LedgerEntry] = {}
    for row in rows:
        identity = _cell(row, where["xlsx.fingerprint"])
        if not identity:
            continue
        state = states.get(_cell(row, where.get("xlsx.state")), "open")
        entries[identity] = LedgerEntry(state, _cell(row, where.get("xlsx.note")), list(row))
    book.close()
    return CarriedLedger(entries, header)


def _state_now(kept: LedgerEntry | None) -> str:
    """A present finding's state: the inspector's, except that 已整改 on a finding this run still
    sees did not pass (整改未通过), so it is flagged rather than silently kept."""
    if kept is None:
        return "open"
    return "fix_failed" if kept.state == "fixed" else kept.state


def _cell(row: tuple, index: int | None) -> str:
    if index is None or index >= len(row) or row[index] is None:
        return ""
    return str(row[index]).strip()


def _label(key: str, lang: str) -> str:
    return Words(lang)(key)


def render_xlsx(report: FindingsReport, lang: str = "zh", baseline: FindingsReport | None = None,
                carried: CarriedLedger | None = None) -> bytes:
    t = Words(lang)
    view = build_view(report, baseline)
    columns = _COLUMNS + ((_CHANGE_COLUMN,) if view.comparison else ())
    sep = "、" if lang == "zh" else ", "

    found_now = format_time(report.finished_at)
    found_before = format_time(view.baseline.finished_at) if view.baseline is not None else found_now
    entries = carried.entries if carried else {}
    rows: list[_Row] = []
    current = report.findings if view.audited else []  # nothing audited: nothing to rectify
    for finding, identity in zip(current, finding_identities(current, site_origin(report))):
        found = format_time(finding.first_seen) if finding.first_seen else (
            found_now if view.comparison is None or view.is_new(finding) else found_before)
        change = "" if view.comparison is None else ("baseline.new" if view.is_new(finding) else "baseline.unchanged")
        kept = entries.get(identity)
        rows.append(_Row(finding, identity, found, _state_now(kept), change, kept.note if kept else "", ""))
    if view.audited and view.comparison and view.baseline is not None:
        resolved_ids = {id(f) for f in view.comparison.resolved}
        identities = finding_identities(view.baseline.findings, site_origin(view.baseline))
        for finding, identity in zip(view.baseline.findings, identities):
            if id(finding) in resolved_ids:
                kept = entries.get(identity)
                found = format_time(finding.first_seen) if finding.first_seen else found_before
                rows.append(_Row(finding, identity, found, "fixed", "baseline.resolved",
                                 kept.note if kept else "", found_now[:10]))
    shown = {row.identity for row in rows}
    earlier = [entry for identity, entry in entries.items() if identity not in shown]

    book = Workbook()
    header = [t(key) for key, _ in columns]
    numbered = list(enumerate(rows, start=1))
    sheet = book.active
    sheet.title = t("xlsx.sheet")
    _ledger_sheet(sheet, columns, numbered, view, t, sep)
    for offset, entry in enumerate(earlier, start=len(rows) + 1):
        # a finding fixed before the previous run: its row as the inspector left it, renumbered
        old = dict(zip(carried.header if carried else [], entry.cells))
        values = [offset, *[old.get(name, "") for name in header[1:]]]
        _write_row(sheet, offset + 1, values, _TOP_WRAP)
    _finish_sheet(sheet, columns, len(rows) + len(earlier), t)

    finished = parse_time(report.finished_at)
    if finished is not None:
        naive = finished.astimezone(dt.timezone.utc).replace(tzinfo=None)  # the file's properties are in UTC
        book.properties.created = naive
        book.properties.modified = naive
    book.properties.title = _safe(f"{t('xlsx.sheet')} {report.spec.get('title') or ''}".strip())
    if unreachable_home(report) is not None:  # nothing audited: say so where the ledger is named
        book.properties.title = _safe(f"{book.properties.title} — {t('verdict.unreachable')}")
        book.properties.subject = _safe(t("verdict.unreachable.why"))
    book.properties.creator = "pathaudit"

    _summary_sheet(book, view, t)
    for unit in [section.unit for section in view.units if section.unit]:  # as the 整改通知 go, by lead unit
        mine = [(n, row) for n, row in numbered if unit in _leads(row.finding, view)]
        if mine:
            unit_sheet = book.create_sheet(_sheet_name(unit, book.sheetnames))
            _ledger_sheet(unit_sheet, columns, mine, view, t, sep)
            _finish_sheet(unit_sheet, columns, len(mine), t)
    if view.site_map is not None:
        _map_sheet(book, view.site_map, t, sep)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
_LINK_FONT = Font(color="0B57D0", underline="single")
#: characters Excel refuses in a sheet name, and its length limit
_NOT_IN_SHEET_NAME = str.maketrans({c: "_" for c in "[]:*?/\\"})
_SHEET_NAME_MAX = 31


def _ledger_sheet(sheet, columns: tuple, numbered: list, view: ReportView, t: Words, sep: str) -> None:  # type: ignore[no-untyped-def]
    """The header and the rows (each with its number on the first sheet) of a ledger sheet."""
    _header(sheet, columns, t)
    for line, (number, row) in enumerate(numbered, start=2):
        values = _row(number, row, view, t, sep)
        if view.comparison:
            values.append(t(row.change))
        _write_row(sheet, line, values, _TOP_WRAP)
        link = http_url(_link_of(row.finding, view))
        if link:
            url_cell = sheet.cell(row=line, column=5)
            url_cell.hyperlink = link
            url_cell.font = _LINK_FONT


def _header(sheet, columns: tuple, t: Words) -> None:  # type: ignore[no-untyped-def]
    """A sheet's first row: the columns' names, bold on a fill, at the widths they read at."""
    sheet.append([t(key) for key, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_fill = PatternFill("solid", fgColor="DDE3EC")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _map_sheet(book: Workbook, site_map: SiteMapView, t: Words, sep: str) -> None:
    """网站栏目地图: every column of the site's own map, one row each, a parent before its children
    and its place written out, so the inspector can filter the site's columns (blank ones, ones not
    updated, ones no mandate names) in the same workbook as the ledger the mandate's findings fill."""
    sheet = book.create_sheet(_sheet_name(t("map.title"), book.sheetnames))
    _header(sheet, _MAP_COLUMNS, t)
    line = 1
    for depth, trail, node in _in_tree_order(site_map.roots):
        line += 1
        mandated = f"{node.path.label} · {t.state(node.path.state)}" if node.path is not None else ""
        values = [depth, " > ".join(trail), node.name, t(f"map.state.{node.state}"),
                  "" if node.items is None else node.items, node.newest or "", mandated,
                  sep.join(t(f"map.veto.{v}") for v in node.veto), node.url]
        _write_row(sheet, line, values, _TOP_WRAP)
        link = http_url(node.url)
        if link:
            cell = sheet.cell(row=line, column=len(_MAP_COLUMNS))
            cell.hyperlink = link
            cell.font = _LINK_FONT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_MAP_COLUMNS))}{line}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"


def _in_tree_order(roots: list[MapNode]) -> Iterator[tuple[int, list[str], MapNode]]:
    """(level from 1, the names above the column, the column), each parent before its children."""
    stack = [(1, [], node) for node in reversed(roots)]
    while stack:
        depth, trail, node = stack.pop()
        yield depth, trail, node
        stack.extend((depth + 1, [*trail, node.name], child) for child in reversed(node.children))


def _finish_sheet(sheet, columns: tuple, rows_written: int, t: Words) -> None:  # type: ignore[no-untyped-def]
    """Frozen header, auto-filter, the 整改状态 drop-down, printing on landscape pages."""
    last_row = rows_written + 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    states = DataValidation(type="list", formula1='"' + ",".join(t(f"xlsx.state.{s}") for s in STATES) + '"',
                            allow_blank=True)
    states.add(f"I2:I{max(last_row, 1000)}")
    sheet.add_data_validation(states)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _leads(finding: Finding, view: ReportView) -> list[str]:
    """The lead units (牵头单位) a row goes to: its path's."""
    path = view.path_for(finding)
    return list(path.result.lead) if path else []


def _sheet_name(unit: str, taken: list[str]) -> str:
    """A unit's name as Excel allows a sheet name: no []:*?/\\, at most 31 characters, unique."""
    base = unit.translate(_NOT_IN_SHEET_NAME).strip("'") or "_"
    name = base[:_SHEET_NAME_MAX]
    number = 2
    while name in taken:
        suffix = f"({number})"
        name = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
        number += 1
    return name


@dataclass
class _Row:
    finding: Finding
    identity: str
    found: str
    state: str
    change: str
    note: str
    fixed_on: str


def _write_row(sheet, row_index: int, values: list, alignment: Alignment) -> None:  # type: ignore[no-untyped-def]
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row_index, column=column, value=_safe("" if value is None else value))
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever the crawled text starts with
        cell.alignment = alignment


def _row(number: int, row: _Row, view: ReportView, t: Words, sep: str) -> list:
    finding = row.finding
    path = view.path_for(finding)
    segments = finding.path or (path.result.path if path else None)
    on_page = finding.page if finding.kind in MEDIA_FINDING_KINDS and finding.page else ""
    return [
        number,
        " > ".join(segments) if segments else t("xlsx.site"),
        t.kind(finding.kind),
        message(t, finding),
        _link_of(finding, view) or "",
        sep.join(path.result.lead) if path else "",
        sep.join(path.result.responsible) if path else "",
        row.found,
        t(f"xlsx.state.{row.state}"),
        path.result.clause if path else "",
        t.severity(finding.severity),
        row.identity,
        t.advice(finding.kind),
        _due(view, finding),
        _record(finding),
        on_page,
        row.note,
        row.fixed_on,
        finding.runs_seen if finding.runs_seen is not None else "",
    ]


def _record(finding: Finding) -> str:
    """The saved copy behind the finding (``evidence.record``): archive file and record id."""
    ref = finding.evidence.get("record") if isinstance(finding.evidence, dict) else None
    if not isinstance(ref, dict) or not ref.get("id"):
        return ""
    return f"{ref.get('file') or ''} {ref['id']}".strip()


def _due(view: ReportView, finding: Finding) -> str:
    fix = view.fix(finding)
    return fix.due.isoformat() if fix is not None and fix.due is not None else ""


def _summary_sheet(book: Workbook, view: ReportView, t: Words) -> None:
    """概况: the counts of the view model, the same numbers as every other format."""
    sheet = book.create_sheet(t("xlsx.summary_sheet"))
    sheet.append([t("xlsx.item"), t("xlsx.count")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    counts = view.counts
    sheet.append([t("counts.paths"), counts.paths])
    for state, n in counts.states.items():
        sheet.append([f"{t('counts.paths')} · {t.state(state)}", n])
    sheet.append([t("counts.findings"), counts.findings])
    for severity, n in counts.severities.items():
        sheet.append([f"{t('counts.findings')} · {t.severity(severity)}", n])
    for kind, n in counts.kinds.items():
        sheet.append([f"{t('counts.findings')} · {t.kind(kind)}", n])
        if counts.kind_columns.get(kind, n) != n:  # 空白栏目/栏目不更新: the columns, as the veto lines count
            sheet.append([t("xlsx.kind_columns", kind=t.kind(kind)), counts.kind_columns[kind]])
    site_map = view.site_map
    if site_map is not None:  # the veto lines over every column of the site, as an inspector counts them
        sheet.append([t("xlsx.map.columns"), site_map.columns])
        sheet.append([t("xlsx.map.mandated_count"), site_map.mandated])
        for line in ("blank", "long_stale", "undated"):
            if line in site_map.veto:
                sheet.append([t("xlsx.map.line", line=t(f"map.veto.{line}")), len(site_map.veto[line])])
        sheet.append([t("xlsx.map.not_read"), len(site_map.not_read)])
        sheet.append([t("xlsx.map.refused"), len(site_map.refused)])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 10


def _link_of(finding: Finding, view: ReportView) -> str | None:
    """The page an inspector opens to see the problem: the finding's URL, else its page, else the
    column page of its path, else the page where a missing walk stopped."""
    if finding.url:
        return finding.url
    if finding.page:
        return finding.page
    path = view.path_for(finding)
    if path is not None and path.result.url:
        return path.result.url
    stopped = finding.evidence.get("stopped_at") if isinstance(finding.evidence, dict) else None
    if isinstance(stopped, dict) and isinstance(stopped.get("url"), str):
        return stopped["url"]
    return None


def _safe(value: object) -> object:
    """Strip the control characters a worksheet cannot hold (openpyxl refuses them)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
