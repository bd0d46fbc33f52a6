"""Pages the clause rules need beyond a column's own: the policy file a sampled 解读 links.

Kept out of the walker's body so that the walk's own logic stays as it was: the walker asks this
module which linked pages to read after each item page, and records them as ``role="linked"``.
"""

from __future__ import annotations

from auditor.page.canonical import same_page
from auditor.model.observations import PageFacts
from auditor.walk.plan import PlanNode


def related_to_follow(node: PlanNode, facts: PageFacts | None, page_url: str) -> list[str]:
    """The first related link of an item page of a column whose rule is ``policy_links`` (one per
    item: the file it interprets), so the audit can see whether that file links back."""
    if facts is None or not any(path.rules.policy_links for path in node.paths):
        return []
    for _, _, url in facts.related:
        if not same_page(url, page_url):
            return [url]
    return []
