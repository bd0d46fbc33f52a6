"""The findings contract (findings.json) built from a walk's output: one function for every driver.

A walk is driven by Scrapy (``spiders.pathwalk`` + ``spiders.pipelines``) or in-process by a fetch
function (``auditor.inprocess``); both end with the same things — the spec, the start URL, the
hosts in scope, the observations, the date staleness was judged on, the pages read — and the
document written from them must not depend on which driver ran. So the audit is run and the
document's ``site``/``spec``/``stats`` blocks are shaped here, once; a driver adds only what its
transport alone knows (request counts, close reason, the evidence archive) as ``transport``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from auditor.audit.rules import audit
from auditor.audit.site_map import map_section
from auditor.model.findings import Finding, FindingsReport
from auditor.model.observations import WalkOutput
from auditor.specs import Spec


def spec_block(spec: Spec) -> dict[str, Any]:
    """The ``spec`` block of findings.json: which mandate the site was judged against."""
    meta = spec.meta
    return {
        "id": meta.id,
        "title": meta.title,
        "document_number": meta.document_number,
        "issued": meta.issued.isoformat() if meta.issued else None,
        **({"remediation_days": dict(meta.remediation_days)} if meta.remediation_days else {}),
    }


def findings_report(
    walk: WalkOutput,
    *,
    complete: bool,
    started_at: str,
    finished_at: str,
    transport: Mapping[str, Any] | None = None,
    evidence: Callable[[list[Finding]], Mapping[str, Any] | None] | None = None,
) -> FindingsReport:
    """Audit ``walk`` and shape findings.json. ``transport``: stats only the driver knows (they
    come after the walk's own in ``stats``); ``evidence``: given the findings, attaches their
    archived pages and returns the archive's summary (``stats.archive``), if the driver keeps one."""
    paths, findings = audit(walk.spec, walk.seen, as_of=walk.as_of, complete=complete)
    archive = evidence(findings) if evidence is not None else None
    stats: dict[str, Any] = {
        "pages": walk.pages,
        "media_checked": len(walk.seen.media),
        "item_pages": len(walk.seen.items),
        "columns_observed": len(walk.seen.columns),
        "as_of": walk.as_of.isoformat(),
        **dict(transport or {}),
        **({"archive": dict(archive)} if archive else {}),
    }
    return FindingsReport(
        site={"start_url": walk.start_url, "hosts": sorted(walk.hosts)},
        spec=spec_block(walk.spec),
        started_at=started_at,
        finished_at=finished_at,
        complete=complete,
        stats=stats,
        paths=paths,
        findings=findings,
        column_map=map_section(walk.seen.column_map, walk.as_of),
    )
