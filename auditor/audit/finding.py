"""One finding built from its code and parameters, worded once in Chinese for the ``message`` field:
the one builder the path rules (``rules``) and the clause rules (``clause_rules``) share."""

from __future__ import annotations

from auditor.audit.wording import Words
from auditor.model.findings import Finding
from auditor.specs import MandatedPath

_ZH = Words("zh")


def make_finding(
    kind: str, severity: str, path: MandatedPath, url: str | None, code: str, params: dict, evidence: dict
) -> Finding:
    """A finding with its message as a code and parameters, and the same message in Chinese."""
    return Finding(
        kind=kind,
        severity=severity,  # type: ignore[arg-type]
        path=list(path.segments),
        url=url,
        page=None,
        message=_ZH.message(code, params),
        evidence=evidence,
        path_id=path.id,
        code=code,
        params=params,
    )
