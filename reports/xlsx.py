"""The 整改台账 (remediation ledger) inspectors keep in Excel: one row per finding, with the columns
their ledgers use (序号, 栏目路径, 问题类型, 问题描述, 页面链接, 牵头单位, 责任单位, 发现时间, 整改状态),
a frozen header, an auto-filter, widths that read as opened, and a drop-down for 整改状态 so the sheet
can be used for 销号管理 as it is.

Extra columns after those: 严重程度, 问题标识 (a stable id of the finding across crawls, to match rows
between ledgers) and, with a baseline, 对比上次. With a baseline the ledger also lists the findings
fixed since then (整改状态 已整改), and findings already in the baseline keep its 发现时间.

Crawled text never becomes a formula: every value is written as a string cell.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from auditor.audit.baseline import finding_fingerprint
from auditor.audit.gate import unreachable_home
from auditor.model.findings import Finding, FindingsReport
from auditor.audit.wording import Words
from reports.view import ReportView, build_view, format_time, http_url, message, parse_time

STATES = ("open", "in_progress", "fixed", "closed")

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
    ("xlsx.severity", 9),
    ("xlsx.fingerprint", 14),
    ("xlsx.advice", 30),
    ("xlsx.deadline", 12),
    ("xlsx.record", 30),
)
_CHANGE_COLUMN = ("xlsx.change", 10)


def render_xlsx(report: FindingsReport, lang: str = "zh", baseline: FindingsReport | None = None) -> bytes:
    t = Words(lang)
    view = build_view(report, baseline)
    columns = _COLUMNS + ((_CHANGE_COLUMN,) if view.comparison else ())
    sep = "、" if lang == "zh" else ", "

    book = Workbook()
    sheet = book.active
    sheet.title = t("xlsx.sheet")
    sheet.append([t(key) for key, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_fill = PatternFill("solid", fgColor="DDE3EC")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)

    found_now = format_time(report.finished_at)
    found_before = format_time(baseline.finished_at) if baseline is not None else found_now
    rows: list[tuple[Finding, str, str, str]] = []  # finding, found, state key, change key
    for finding in report.findings:
        if view.comparison is None:
            rows.append((finding, found_now, "open", ""))
        elif view.is_new(finding):
            rows.append((finding, found_now, "open", "baseline.new"))
        else:
            rows.append((finding, found_before, "open", "baseline.unchanged"))
    if view.comparison:
        rows += [(f, found_before, "fixed", "baseline.resolved") for f in view.comparison.resolved]

    top_wrap = Alignment(vertical="top", wrap_text=True)
    link_font = Font(color="0B57D0", underline="single")
    for number, (finding, found, state, change) in enumerate(rows, start=1):
        values = _row(number, finding, view, t, sep, found, state)
        if view.comparison:
            values.append(t(change))
        row_index = number + 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_index, column=column, value=_safe(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the crawled text starts with
            cell.alignment = top_wrap
        link = http_url(_link_of(finding, view))
        if link:
            url_cell = sheet.cell(row=row_index, column=5)
            url_cell.hyperlink = link
            url_cell.font = link_font

    last_row = len(rows) + 1
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

    finished = parse_time(report.finished_at)
    if finished is not None:
        naive = finished.replace(tzinfo=None)
        book.properties.created = naive
        book.properties.modified = naive
    book.properties.title = _safe(f"{t('xlsx.sheet')} {report.spec.get('title') or ''}".strip())
    if unreachable_home(report) is not None:  # nothing audited: say so where the ledger is named
        book.properties.title = _safe(f"{book.properties.title} — {t('verdict.unreachable')}")
        book.properties.subject = _safe(t("verdict.unreachable.why"))
    book.properties.creator = "pathaudit"

    _summary_sheet(book, view, t)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row(number: int, finding: Finding, view: ReportView, t: Words, sep: str, found: str, state: str) -> list:
    path = view.path_for(finding)
    segments = finding.path or (path.result.path if path else None)
    return [
        number,
        " > ".join(segments) if segments else t("xlsx.site"),
        t.kind(finding.kind),
        message(t, finding),
        _link_of(finding, view) or "",
        sep.join(path.result.lead) if path else "",
        sep.join(path.result.responsible) if path else "",
        found,
        t(f"xlsx.state.{state}"),
        t.severity(finding.severity),
        finding_fingerprint(finding),
        t.advice(finding.kind),
        _due(view, finding),
        _record(finding),
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
