"""Walk a lab portal in-process and audit it: the findings document a crawl would write.

The same pure walker and audit the crawl runs (``auditor.walk.drive.walk_site``), over
``portal_fetch`` (the loopback server's answers without sockets) or any fetch a test wraps around
it: a site that answers some pages 503 every time is a fetch, not a mock of the walk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import asdict, replace
from typing import Any

from auditor.page.answer import Answer
from portal_lab.fetch import portal_fetch
from portal_lab.disjoint.build import LabPortal

#: the origin the in-process walk pretends the portal is served at
ORIGIN = "http://portal.test"
Fetch = Callable[[str, dict[str, str]], Answer]


def always_failing(fetch: Fetch, paths: Collection[str], status: int = 503) -> Fetch:
    """``fetch``, except that the URLs whose path (and query) is in ``paths`` answer ``status`` every
    time, as an overloaded server does for one page."""
    from urllib.parse import urlsplit

    def wrapped(url: str, headers: dict[str, str]) -> Answer:
        split = urlsplit(url)
        target = f"{split.path}?{split.query}" if split.query else split.path
        answer = fetch(url, headers)
        if target in paths:
            return replace(answer, status=status, body=b"<html><body>Service Unavailable</body></html>",
                           headers={"content-type": "text/html"})
        return answer

    return wrapped


def walk_lab_portal(lab: LabPortal, wrap: Callable[[Fetch], Fetch] | None = None) -> dict[str, Any]:
    """The findings document (``paths``, ``findings``) of an in-process walk of ``lab``."""
    from auditor.audit import audit
    from auditor.walk.config import WalkConfig
    from auditor.walk.drive import walk_site

    as_of = dt.date.fromisoformat(lab.manifest["as_of"])
    fetch = portal_fetch(lab.portal)
    if wrap is not None:
        fetch = wrap(fetch)
    seen = walk_site(lab.spec, ORIGIN + "/", fetch, WalkConfig(as_of=as_of))
    paths, findings = audit(lab.spec, seen, as_of=as_of, complete=True)
    return {"paths": [asdict(p) for p in paths], "findings": [asdict(f) for f in findings]}
