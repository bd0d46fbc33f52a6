"""JUnit XML, so Jenkins, GitLab and GitHub show a crawl like a test run.

One test case per mandated path and one per broken medium. A path case fails when the path's state
(``reports.view``) is missing, empty, stale or flawed (type = the worst finding's kind, message = its
message, the text lists them all), is skipped when the state is unverified (it could not be checked),
and passes when ok (info-only findings are listed in the case's output). So the failed and skipped path
cases are the counts every other format prints; the root's properties carry those counts too. Class names are ``<spec id>.<top
segment>`` so CI groups cases by the top of the mandated tree. Site-wide findings become cases of
``<spec id>.site``. With a baseline, new findings are marked in the message and the resolved ones are
listed in the output of the case (or suite) they belonged to.

Given the CI gate's judgement (``gate``, :func:`auditor.audit.gate.judge`: what the CLI passes with
``--fail-on`` and ``--baseline``), a case fails only for a finding the gate fails: a finding known in
the baseline is skipped with the date it was first seen, a warning passes (listed in the output)
unless the gate fails warnings. The JUnit file and the exit code then tell CI the same thing. A
portal that could not be audited (verdict ``unreachable``) has every path case in error, never
skipped: nothing was checked, and a CI view must not show that as a quiet run.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from lxml import etree

from auditor.audit.baseline import finding_key, site_origin
from auditor.audit.gate import Judgement
from auditor.model.findings import MEDIA_FINDING_KINDS, SEVERITY_RANK, Finding, FindingsReport
from reports.wording import Words
from reports.view import PathView, ReportView, build_view, format_time, message, parse_time

#: characters XML 1.0 cannot carry (crawled text sometimes has them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_junit(report: FindingsReport, lang: str = "zh", baseline: FindingsReport | None = None,
                 gate: Judgement | None = None) -> bytes:
    t = Words(lang)
    view = build_view(report, baseline)
    cases = _Cases(view, t, gate, baseline)
    spec_id = _text(report.spec.get("id") or "pathaudit")
    resolved_by_path = _resolved_by_owner(view)

    suites: dict[str, etree._Element] = {}

    def suite(top: str) -> etree._Element:
        if top not in suites:
            suites[top] = etree.Element("testsuite", name=f"{spec_id}.{top}")
        return suites[top]

    names = Counter(p.label for p in view.paths)
    for path in view.paths:
        top = _classname_part(path.result.path[0] if path.result.path else t("junit.site"))
        classname = f"{spec_id}.{top}"
        suite(top).append(_path_case(path, classname, names[path.label] > 1, cases, resolved_by_path))
        for finding in path.media_findings:
            suite(top).append(_finding_case(finding, classname, cases))
    site_top = _classname_part(t("junit.site"))
    for finding in view.site_findings:
        suite(site_top).append(_finding_case(finding, f"{spec_id}.{site_top}", cases))
    site_resolved = resolved_by_path.get(None, [])
    if site_resolved:
        out = etree.SubElement(suite(site_top), "system-out")
        out.text = _text("\n".join(_resolved_line(f, t) for f in site_resolved))

    verdict = f" — {t('verdict.unreachable')}" if view.verdict == "unreachable" else ""
    root = etree.Element("testsuites", name=_text(f"PathAudit {report.spec.get('title') or spec_id}{verdict}"))
    timestamp = _timestamp(report.started_at)
    host = urlsplit(str(report.site.get("start_url") or "")).hostname or ""
    duration = view.duration_seconds or 0.0
    for element in suites.values():
        _count_suite(element)
        if timestamp:
            element.set("timestamp", timestamp)
        if host:
            element.set("hostname", host)
        element.set("time", "0")
        properties = etree.Element("properties")
        for name, value in (("site", report.site.get("start_url")), ("spec", report.spec.get("id")),
                            ("complete", str(bool(report.complete)).lower())):
            etree.SubElement(properties, "property", name=name, value=_text(value or ""))
        properties.extend(_count_properties(view))
        element.insert(0, properties)
        root.append(element)
    _count_all(root, list(suites.values()))
    root.set("time", f"{duration:.3f}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class _Cases:
    """How findings become case outcomes: by severity alone (no gate given), or as the gate judged."""

    def __init__(self, view: ReportView, t: Words, gate: Judgement | None, baseline: FindingsReport | None) -> None:
        self.view, self.t, self.gate = view, t, gate
        self._known_since: dict[tuple, str] = {}
        if gate is not None and baseline is not None:
            origin = site_origin(baseline)
            for old in baseline.findings:
                when = old.first_seen or baseline.finished_at or baseline.started_at
                self._known_since.setdefault(finding_key(old, origin), when)
        self._origin = site_origin(view.report)

    def failing(self, findings: list[Finding]) -> list[Finding]:
        """The findings that fail their case."""
        if self.gate is None:
            return [f for f in findings if SEVERITY_RANK.get(f.severity, 2) >= SEVERITY_RANK["warning"]]
        return [f for f in findings if self.gate.fails_finding(f)]

    def known(self, findings: list[Finding]) -> list[Finding]:
        """With a gate against a baseline: the findings at the gate's threshold it let pass as known."""
        if self.gate is None or not self.gate.against_baseline:
            return []
        threshold = SEVERITY_RANK.get(self.gate.fail_on, SEVERITY_RANK["error"])
        return [f for f in findings if not self.gate.fails_finding(f) and not self.view.is_new(f)
                and SEVERITY_RANK.get(f.severity, 2) >= threshold]

    def known_message(self, finding: Finding) -> str:
        since = finding.first_seen or self._known_since.get(finding_key(finding, self._origin))
        text = message(self.t, finding)
        if since:
            return self.t("junit.known_since", date=format_time(since)[:10], message=text)
        return f"{text} {self.t('junit.known')}"

    @property
    def unreachable(self) -> bool:
        return self.view.verdict == "unreachable"

    @property
    def gate_fails_unexplained(self) -> bool:
        """A state without a finding fails its case unless a gate says the run passes."""
        return self.gate is None or self.gate.fails


def _path_case(path: PathView, classname: str, duplicate_name: bool, cases: _Cases,
               resolved_by_path: dict[str | None, list[Finding]]) -> etree._Element:
    view, t = cases.view, cases.t
    name = path.label + (f" [{path.id}]" if duplicate_name else "")
    case = etree.Element("testcase", name=_text(name), classname=_text(classname), time="0")
    failing = cases.failing(path.findings)
    if cases.unreachable:
        reason = next((f for f in path.findings if f.kind == "unverified"), None)
        why = message(t, reason) if reason is not None else t.state("unverified")
        error = etree.SubElement(case, "error", message=_text(t("junit.unreachable_case", why=why)),
                                 type="unreachable")
        error.text = _text(t("verdict.unreachable.why"))
        failing = []
    elif path.state == "unverified":
        reason = next((f for f in path.findings if f.kind == "unverified"), None)
        text = message(t, reason) if reason is not None else t.state("unverified")
        etree.SubElement(case, "skipped", message=_text(text))
    elif path.state != "ok" and failing:
        worst = max(failing, key=lambda f: SEVERITY_RANK.get(f.severity, 2))
        failure = etree.SubElement(case, "failure", message=_text(_marked(worst, view, t)), type=_text(worst.kind))
        failure.text = _text("\n".join(_finding_line(f, view, t) for f in failing))
    elif path.state != "ok" and cases.known(path.findings):
        known = cases.known(path.findings)
        etree.SubElement(case, "skipped", message=_text(cases.known_message(known[0])))
    elif path.state != "ok" and not path.findings and cases.gate_fails_unexplained:
        # a state the crawler did not explain with a finding: still a failure
        etree.SubElement(case, "failure", message=_text(t.state(path.state)), type=_text(path.result.status))
    out_lines = _path_facts(path, t)
    failing_ids = {id(f) for f in failing}
    out_lines += [_finding_line(f, view, t) for f in path.findings if id(f) not in failing_ids]
    out_lines += [_resolved_line(f, t) for f in resolved_by_path.get(path.id, [])]
    if out_lines:
        etree.SubElement(case, "system-out").text = _text("\n".join(out_lines))
    return case


def _finding_case(finding: Finding, classname: str, cases: _Cases) -> etree._Element:
    """A case for one finding that has no path case of its own: a broken medium or a site-wide one."""
    view, t = cases.view, cases.t
    if finding.kind in MEDIA_FINDING_KINDS:
        name = t("junit.media_case", kind=t.kind(finding.kind), url=finding.url or finding.page or "?")
    else:
        name = f"{t.kind(finding.kind)} {finding.url or finding.page or ''}".strip()
    case = etree.Element("testcase", name=_text(name), classname=_text(classname), time="0")
    if cases.failing([finding]):
        failure = etree.SubElement(case, "failure", message=_text(_marked(finding, view, t)), type=_text(finding.kind))
        failure.text = _text(_finding_line(finding, view, t))
    elif cases.known([finding]):
        etree.SubElement(case, "skipped", message=_text(cases.known_message(finding)))
        etree.SubElement(case, "system-out").text = _text(_finding_line(finding, view, t))
    else:
        etree.SubElement(case, "system-out").text = _text(_finding_line(finding, view, t))
    return case


def _path_facts(path: PathView, t: Words) -> list[str]:
    r = path.result
    facts = [
        f"{t('filter.status')}{t.colon}{t.state(path.state)}",
        f"{t('tree.lead')}{t.colon}{t.sep.join(r.lead) or '-'}",
        f"{t('tree.responsible')}{t.colon}{t.sep.join(r.responsible) or '-'}",
    ]
    if r.clause:
        facts.append(f"{t('tree.clause')}{t.colon}{r.clause}")
    if r.url:
        facts.append(f"{t('tree.url')}{t.colon}{r.url}")
    if r.trail:
        facts.append(f"{t('tree.trail')}{t.colon}" + " > ".join(f"{s.name} <{s.url}>" for s in r.trail))
    if r.items is not None:
        facts.append(f"{t('tree.items')}{t.colon}{r.items}")
    if r.latest_date:
        facts.append(f"{t('tree.latest_date')}{t.colon}{r.latest_date}")
    return facts


def _finding_line(finding: Finding, view: ReportView, t: Words) -> str:
    where = f" <{finding.url}>" if finding.url else ""
    page = t.paren(f"{t('tree.media_page')} {finding.page}") if finding.page and finding.page != finding.url else ""
    fix = view.fix(finding)
    due = t.paren(f"{t('fix.deadline')} {fix.due.isoformat()}") if fix and fix.due else ""
    advice = f" {t('fix.advice')}{t.colon}{t.advice(finding.kind)}{due}"
    ref = finding.evidence.get("record") if isinstance(finding.evidence, dict) else None
    if isinstance(ref, dict) and ref.get("id"):
        advice += t.paren(f"{t('ev.record')} {ref.get('file') or ''} {ref['id']}")
    return f"[{t.severity(finding.severity)}] {t.kind(finding.kind)}{t.colon}{_marked(finding, view, t)}{where}{page}{advice}"


def _marked(finding: Finding, view: ReportView, t: Words) -> str:
    text = message(t, finding)
    if view.comparison is None:
        return text
    if view.is_new(finding):
        return f"[{t('baseline.new')}] {text}"
    return f"{text} {t('junit.known')}"


def _resolved_line(finding: Finding, t: Words) -> str:
    where = f" <{finding.url}>" if finding.url else ""
    return f"[{t('baseline.resolved')}] {t.kind(finding.kind)}{t.colon}{message(t, finding)}{where}"


def _resolved_by_owner(view: ReportView) -> dict[str | None, list[Finding]]:
    """Resolved baseline findings keyed by the id of the current path they belong to (None: site)."""
    if view.comparison is None:
        return {}
    owners: dict[str | None, list[Finding]] = {}
    for finding in view.comparison.resolved:
        owner = view.path_for(finding)
        owners.setdefault(owner.id if owner else None, []).append(finding)
    return owners


def _count_properties(view: ReportView) -> list[etree._Element]:
    """The counts of the whole run (the ones every format prints, from the view model), as properties
    ``run.paths``, ``run.paths.<state>``, ``run.findings``, ``run.findings.<severity>``, ``run.kind.<kind>``
    (repeated in each suite: the schema gives <testsuites> no properties)."""
    counts = view.counts
    rows = [("paths", counts.paths), *((f"paths.{s}", n) for s, n in counts.states.items()),
            ("findings", counts.findings), *((f"findings.{s}", n) for s, n in counts.severities.items()),
            *((f"kind.{k}", n) for k, n in counts.kinds.items())]
    return [etree.Element("property", name=f"run.{name}", value=str(value)) for name, value in rows]


def _count_suite(suite: etree._Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))


def _count_all(root: etree._Element, suites: list[etree._Element]) -> None:
    """Totals on <testsuites> (the common schema has no skipped count there)."""
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in suites)))
    root.set("errors", str(sum(int(s.get("errors", "0")) for s in suites)))


def _timestamp(value: str) -> str | None:
    parsed = parse_time(value)
    # JUnit's timestamp has no zone: the local (configured) time, as test runners write it
    return parsed.astimezone().replace(tzinfo=None, microsecond=0).isoformat() if parsed else None


def _classname_part(segment: str) -> str:
    """A top segment as a class name part: dots would split it into packages in Jenkins."""
    return segment.replace(".", "·")


def _text(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))

