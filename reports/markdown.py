"""A GitHub-flavoured Markdown summary for a CI job summary or a PR comment: the verdict, counts,
the veto lines (over the mandated paths, and over every column of the site's own map when the crawl
drew one), the failing paths, and (with a baseline) what is new and what was fixed.

Crawled text is escaped: a ``|`` cannot break a table and a ``<`` cannot open HTML. Only http(s)
URLs become links. Long tables are cut (GitHub limits a job summary to 1 MiB); the HTML report
has everything.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from auditor.model.findings import FindingsReport
from reports.wording import Words
from reports.view import ReportView, build_view, document_number, format_duration, format_size, format_time, http_url, message

MAX_ROWS = 100
_VERDICT_MARK = {"unreachable": "⛔", "fail": "❌", "warn": "⚠️", "incomplete": "⏸️", "pass": "✅"}
_STATE_MARK = {"crossed": "❌", "warning": "⚠️", "clear": "✅", "not_checked": "⛔"}
#: ASCII punctuation that Markdown or HTML could read as syntax in running text or a table cell
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")
_SPACE = re.compile(r"\s+")


def md_text(value: object) -> str:
    """Crawled text as inert Markdown: one line, every syntax character backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", str(value)).strip())


def md_link(url: object, text: object | None = None) -> str:
    """A link for http(s) URLs (percent-encoded so the URL cannot end the link early), else text."""
    label = md_text(text if text else url)
    safe = http_url(url)
    if not safe:
        return label
    return f"[{label}]({quote(safe, safe=':/?#@!$&*+,;=%-._~[]' + chr(39))})"


def render_markdown(report: FindingsReport, lang: str = "zh", baseline: FindingsReport | None = None) -> str:
    t = Words(lang)
    view = build_view(report, baseline)
    sep = "、" if lang == "zh" else ", "
    lines: list[str] = []
    add = lines.append

    spec = report.spec
    add(f"## {_VERDICT_MARK[view.verdict]} PathAudit · {md_text(spec.get('title') or spec.get('id') or '')}{t.colon}"
        f"{t('verdict.' + view.verdict)}")
    add("")
    add(f"{t('verdict.' + view.verdict + '.why')}")
    add("")
    doc = t.paren(md_text(document_number(spec["document_number"]))) if spec.get("document_number") else ""
    completeness = t("header.complete") if view.completeness == "complete" else f"**{t('header.' + view.completeness)}**"
    add(f"- **{t('header.site')}**{t.colon}{md_link(report.site.get('start_url'))}")
    add(f"- **{t('header.spec')}**{t.colon}{md_text(spec.get('title') or '')}{doc}")
    duration = t.paren(f"{t('header.duration')} {format_duration(view.duration_seconds, lang)}")
    add(f"- **{t('header.when')}**{t.colon}{format_time(report.started_at)} – {format_time(report.finished_at)}"
        f"{duration}{t.sep}{completeness}")
    archive = view.archive
    if archive:
        saved = t("archive.summary", records=archive.get("records", 0), size=format_size(archive.get("bytes")),
                  file=archive.get("file", ""))
        if archive.get("left_out"):
            saved += "; " + t("archive.left_out", n=archive.get("left_out"), cap=format_size(archive.get("cap_bytes")))
        if archive.get("failed"):
            saved += "; " + t("archive.failed")
        add(f"- **{t('archive.title')}**{t.colon}{md_text(saved)}")
    add(f"- **{t('header.paths')}**{t.colon}{view.counts.paths} · "
        + sep.join(f"{t.state(s)} {n}" for s, n in view.state_counts.items() if n))
    read = [p.result.read for p in view.paths]
    if "data" in read or "rendered" in read:  # only a portal with columns drawn by script says how
        add(f"- {md_text(t('read.summary', rendered=read.count('rendered'), data=read.count('data')))}")
    add("")

    # counts by severity and kind
    counts = view.severity_counts
    if view.comparison:
        new = view.new_severity_counts
        add(f"| {t('counts.severity')} | {t('counts.count')} | {t('counts.new')} |")
        add("| --- | ---: | ---: |")
        for sev, n in counts.items():
            add(f"| {t.severity(sev)} | {n} | {new[sev]} |")
    else:
        add(f"| {t('counts.severity')} | {t('counts.count')} |")
        add("| --- | ---: |")
        for sev, n in counts.items():
            add(f"| {t.severity(sev)} | {n} |")
    add("")
    if view.kind_counts:
        add(f"| {t('counts.kind')} | {t('counts.count')} |")
        add("| --- | ---: |")
        columns = view.counts.kind_columns
        for kind, n in view.kind_counts.items():
            shown = t("counts.kind_columns", n=n, columns=columns[kind]) if columns.get(kind, n) != n else n
            add(f"| {md_text(t.kind(kind))} | {shown} |")
        add("")

    # the veto lines
    add(f"### {t('insp.title')}")
    add("")
    add(f"| {t('insp.line')} | {t('insp.count')} | {t('insp.warn_at')} | {t('insp.veto_at')} | {t('insp.state')} |")
    add("| --- | ---: | ---: | ---: | --- |")
    for line in view.inspection.lines:
        state = view.line_state(line)
        count = line.count if view.audited else "—"
        add(f"| {t('insp.line.' + line.id)} | {count} | ≥ {line.warn_at} | ≥ {line.veto_at} | "
            f"{_STATE_MARK[state]} {t('insp.state.' + state)} |")
    broken = view.inspection.broken
    add("")
    add(f"{t('insp.broken')}{t.colon}" + sep.join(f"{t.kind(k)} {n}" for k, n in broken.items())
        + t.paren(f"{t('insp.broken.total')} {view.inspection.broken_total}"))
    add("")
    add(t("insp.counted"))
    if not view.inspection.complete:
        add("")
        add(f"> {t('insp.partial')}")
    add("")

    if view.site_map is not None:
        _site_map_section(view, t, sep, add)

    # failing paths
    failing = view.failing_paths
    add(f"### {t('md.failing_paths')}{t.paren(len(failing))}")
    add("")
    if failing:
        add(f"| {t('md.status')} | {t('md.path')} | {t('md.problems')} | {t('md.lead')} |")
        add("| --- | --- | --- | --- |")
        for path in failing[:MAX_ROWS]:
            shown = [f"`{t.badge(b)}`" for b in path.badges if b != "ok" and t.badge(b) != t.state(path.state)]
            badges = " ".join([f"**{t.state(path.state)}**", *shown])
            problems = "<br>".join(_finding_text(f, view, t) for f in path.findings)
            problems = problems or md_text(t.state(path.state))
            target = md_link(path.result.url, path.label) if path.result.url else md_text(path.label)
            add(f"| {badges} | {target} | {problems} | {md_text(sep.join(path.result.lead))} |")
        if len(failing) > MAX_ROWS:
            add("")
            add(t("md.more_rows", n=len(failing) - MAX_ROWS))
    else:
        add(t("md.all_paths_ok"))
    add("")

    if view.site_findings:
        add(f"### {t('md.site_findings')}{t.paren(len(view.site_findings))}")
        add("")
        for finding in view.site_findings[:MAX_ROWS]:
            add(f"- {_finding_text(finding, view, t)}")
        add("")

    if view.comparison:
        _baseline_section(view, t, add)
    return "\n".join(lines).rstrip() + "\n"


def _site_map_section(view: ReportView, t: Words, sep: str, add) -> None:  # type: ignore[no-untyped-def]
    """The veto lines counted over every column of the site's own map, with the columns on them and
    how much of the site the map rests on; the tree itself is the HTML report's and the workbook's."""
    site_map = view.site_map
    assert site_map is not None
    add(f"### {t('map.title')}")
    add("")
    add(t("map.columns", n=site_map.columns, m=site_map.mandated))
    add("")
    add(f"| {t('map.veto')} | {t('insp.count')} | {t('insp.columns')} |")
    add("| --- | ---: | --- |")
    for line in ("blank", "long_stale", "undated"):
        if line in site_map.veto:
            columns = site_map.veto[line]
            shown = sep.join(md_link(url, name) for name, url in columns[:MAX_ROWS])
            more = " " + md_text(t("md.more_rows", n=len(columns) - MAX_ROWS)) if len(columns) > MAX_ROWS else ""
            add(f"| {t('map.veto.' + line)} | {len(columns)} | {shown}{more} |")
    add("")
    coverage = t("map.coverage", read=site_map.columns, census=site_map.census_pages, budget=site_map.budget)
    if site_map.complete:
        add(f"{coverage}{t('map.complete')}")
    else:
        add(coverage)
        if site_map.not_read:
            add(f"- {t('map.not_read', n=len(site_map.not_read))}{t.colon}"
                + sep.join(md_link(url, name) for name, url in site_map.not_read[:MAX_ROWS]))
        if site_map.refused:
            add(f"- {t('map.refused', n=len(site_map.refused))}{t.colon}"
                + sep.join(md_link(url) for url in site_map.refused[:MAX_ROWS]))
    add("")
    add(t("map.veto.counted"))
    add("")


def _baseline_section(view: ReportView, t: Words, add) -> None:
    comparison = view.comparison
    assert comparison is not None
    add(f"### {t('header.baseline')}{t.colon}{t('baseline.new')} {len(comparison.new)} · "
        f"{t('baseline.resolved')} {len(comparison.resolved)} · {t('baseline.unchanged')} {len(comparison.unchanged)}")
    add("")
    for title, findings in ((t("baseline.new"), comparison.new), (t("baseline.resolved"), comparison.resolved)):
        if not findings:
            continue
        add(f"#### {title}{t.paren(len(findings))}")
        add("")
        for finding in findings[:MAX_ROWS]:
            where = md_text(" > ".join(finding.path or [])) or md_text(t("junit.site"))
            url = f" · {md_link(finding.url)}" if finding.url else ""
            add(f"- **{md_text(t.kind(finding.kind))}** {where}{t.colon}{md_text(message(t, finding))}{url}")
        if len(findings) > MAX_ROWS:
            add(f"- {t('md.more_rows', n=len(findings) - MAX_ROWS)}")
        add("")


def _finding_text(finding, view: ReportView, t: Words) -> str:
    new = f" **{t('baseline.new')}**" if view.comparison and view.is_new(finding) else ""
    fix = view.fix(finding)
    due = t.paren(f"{t('fix.deadline')} {fix.due.isoformat()}") if fix and fix.due and view.audited else ""
    return (f"{t.severity(finding.severity)} · {md_text(t.kind(finding.kind))}{new}{t.colon}{md_text(message(t, finding))}"
            f" → {md_text(t.advice(finding.kind))}{due}")
