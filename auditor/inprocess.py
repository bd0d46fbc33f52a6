"""The in-process audit: the walk driven by a plain ``fetch`` function (``auditor.walk.drive``) and
its output built into findings.json by the contract's one builder (``auditor.audit.contract``), as
the crawl's pipeline builds it. It lives above both because the walk and the audit stand on the
model and neither imports the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from auditor.audit.contract import findings_report
from auditor.model.findings import FindingsReport
from auditor.page.answer import Answer
from auditor.specs import Spec
from auditor.walk.config import WalkConfig
from auditor.walk.drive import Fetch, walk


def audit_site(
    spec: Spec,
    start_url: str,
    fetch: Fetch,
    config: WalkConfig | None = None,
    *,
    allowed_hosts: Iterable[str] = (),
    retry_times: int = 2,
) -> FindingsReport:
    """The findings document of an in-process walk, built by the contract's one builder
    (``auditor.audit.contract``) exactly as the crawl's pipeline builds it; only the transport's
    counts the fetch function cannot tell (close reason, replays, archive) are absent."""
    counts = {"requests": 0, "responses": 0}

    def counted(url: str, headers: dict[str, str]) -> Answer:
        answer = fetch(url, headers)
        counts["requests"] += 1
        counts["responses"] += answer.error is None
        return answer

    started_at = _now()
    output = walk(spec, start_url, counted, config or WalkConfig(), allowed_hosts=allowed_hosts,
                  retry_times=retry_times)
    return findings_report(output, complete=True, started_at=started_at, finished_at=_now(), transport=counts)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
