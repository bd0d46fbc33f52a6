"""Which findings are new since an earlier crawl, and which were fixed.

A release must not make the site worse: CI compares this crawl's findings with a baseline
``findings.json`` and fails only on the new ones. Findings are matched by *what* is wrong and
*where* (kind, mandated path, URL), never by their message, so rewording a message or a crawler
upgrade that improves the wording does not turn every known problem into a "new" one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from urllib.parse import urlsplit

from auditor.model.findings import Finding, FindingsReport

FindingKey = tuple[str, str, str]


def finding_key(finding: Finding, origin: str | None = None) -> FindingKey:
    """The identity of a finding across crawls: kind, the mandated path (its id, else its segments),
    and the URL the finding is about (the broken medium, the stale column page...).

    With ``origin`` (the site's ``scheme://host:port``), a URL on it is taken from its path on, so
    a build served on another port each time (``crawl --local-dir``) keeps its findings' identity."""
    if finding.path_id:
        where = f"id:{finding.path_id}"
    elif finding.path:
        where = "path:" + ">".join(finding.path)
    else:
        where = "site"
    url = finding.url or ""
    if origin and url.startswith(origin + "/"):
        url = url[len(origin):]
    return (finding.kind, where, url)


def site_origin(report: FindingsReport) -> str | None:
    """``scheme://host[:port]`` of the report's start URL (None if it has none)."""
    start = str(report.site.get("start_url") or "")
    parts = urlsplit(start)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def finding_fingerprint(finding: Finding, origin: str | None = None) -> str:
    """A short, stable text form of :func:`finding_key` (for ledgers that track a finding by id)."""
    digest = hashlib.sha256("\x1f".join(finding_key(finding, origin)).encode("utf-8")).hexdigest()
    return digest[:12]


def finding_identities(findings: list[Finding], origin: str | None = None) -> list[str]:
    """A stable id per finding, in order: its fingerprint, and for the second and later findings
    with the same key ``-2``, ``-3``… (the history database and the ledger match findings by it)."""
    counts: dict[str, int] = {}
    identities = []
    for finding in findings:
        fingerprint = finding_fingerprint(finding, origin)
        counts[fingerprint] = counts.get(fingerprint, 0) + 1
        n = counts[fingerprint]
        identities.append(fingerprint if n == 1 else f"{fingerprint}-{n}")
    return identities


def recorded_baseline(report: FindingsReport) -> FindingsReport | None:
    """The previous run of the site as the report's history recorded it (None without one): the
    findings it shares with this run plus the ones it had that were resolved since. Comparing with
    it gives the same new/resolved split the history database computed, so every report rebuilt
    from findings.json shows it."""
    history = report.history or {}
    previous = history.get("previous_run")
    if not isinstance(previous, dict):
        return None
    kept = [f for f in report.findings if f.in_previous_run]
    resolved = [Finding(**{k: v for k, v in item.items() if k in _FINDING_FIELDS})
                for item in history.get("resolved") or [] if isinstance(item, dict)]
    site = {"start_url": previous["start_url"]} if previous.get("start_url") else report.site
    return FindingsReport(
        site=site, spec=report.spec, started_at=str(previous.get("started_at") or ""),
        finished_at=str(previous.get("finished_at") or ""), complete=bool(previous.get("complete", True)),
        stats={}, paths=[], findings=kept + resolved,
    )


_FINDING_FIELDS = {f.name for f in fields(Finding)}


@dataclass
class Comparison:
    """This crawl against the baseline: ``new`` and ``unchanged`` are findings of the current
    report, ``resolved`` are findings of the baseline that this crawl no longer shows."""

    new: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    unchanged: list[Finding] = field(default_factory=list)

    def is_new(self, finding: Finding) -> bool:
        """Whether this finding (an object of the current report) is new since the baseline."""
        return id(finding) in {id(f) for f in self.new}


def compare(current: FindingsReport, baseline: FindingsReport) -> Comparison:
    """Split the findings of ``current`` into new and unchanged, and list the baseline's resolved ones.

    Keys are counted, not just collected: if the baseline had one finding with a key and the current
    crawl has two, one of them is new (the later one in the current report's order).
    """
    now, then = site_origin(current), site_origin(baseline)
    remaining: dict[FindingKey, int] = {}
    for old in baseline.findings:
        key = finding_key(old, then)
        remaining[key] = remaining.get(key, 0) + 1

    result = Comparison()
    for finding in current.findings:
        key = finding_key(finding, now)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
            result.unchanged.append(finding)
        else:
            result.new.append(finding)

    still_seen: dict[FindingKey, int] = {}
    for finding in current.findings:
        key = finding_key(finding, now)
        still_seen[key] = still_seen.get(key, 0) + 1
    for old in baseline.findings:
        key = finding_key(old, then)
        if still_seen.get(key, 0) > 0:
            still_seen[key] -= 1
        else:
            result.resolved.append(old)
    return result
