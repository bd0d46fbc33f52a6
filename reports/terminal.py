"""The one-screen summary printed at the end of a crawl, in the report's language, from the same view
model (and so the same counts) as every report format."""

from __future__ import annotations

from pathlib import Path

from auditor.audit.gate import unreachable_home
from auditor.audit.wording import Words
from auditor.model.findings import SEVERITY_RANK, FindingsReport
from reports.view import build_view, message


def render_summary(report: FindingsReport, out_dir: Path, lang: str = "zh",
                   baseline: FindingsReport | None = None, limit: int = 12) -> str:
    t = Words(lang)
    view = build_view(report, baseline)
    counts = view.counts
    colon = "：" if lang == "zh" else ": "
    if unreachable_home(report) is not None:
        state = t("term.unreachable")
    else:
        state = t("term.complete") if report.complete else t("term.partial")
    lines = [
        f"PathAudit {report.spec.get('title') or report.spec.get('id')} — {report.site.get('start_url')}",
        "  " + t("term.crawl", state=state, pages=report.stats.get("pages", 0), media=report.stats.get("media_checked", 0)),
        f"  {t('term.paths')} {counts.paths}{colon}"
        + "  ".join(f"{t.state(s)} {n}" for s, n in counts.states.items()),
        f"  {t('term.findings')} {counts.findings}{colon}"
        + "  ".join(f"{t.severity(s)} {n}" for s, n in counts.severities.items()),
    ]
    if counts.kinds:
        lines.append("    " + t.sep.join(f"{t.kind(k)} {n}" for k, n in counts.kinds.items()))
    if view.comparison is not None:
        lines.append("  " + t("term.baseline", new=len(view.comparison.new), resolved=len(view.comparison.resolved)))
    ranked = sorted(report.findings, key=lambda f: -SEVERITY_RANK.get(f.severity, 0))
    for finding in ranked[:limit]:
        lines.append(f"  [{t.severity(finding.severity)}] {t.kind(finding.kind)}{colon}{message(t, finding)}")
    if len(ranked) > limit:
        lines.append("  " + t("term.more", n=len(ranked) - limit))
    lines.append("  " + t("term.outputs", out=out_dir))
    return "\n".join(lines)
