"""The data a path spec turns into: plain, frozen dataclasses that cross into the spider and the audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: Column kinds and their default staleness threshold in days, after the national
#: 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号): dynamics must move within 2 weeks, notices and
#: policy files within 6 months, periodic columns (plans, finance, personnel, statistics...) within a year.
#: ``static`` columns (guides, contact pages) have no staleness rule.
KIND_MAX_AGE_DAYS: dict[str, int | None] = {
    "news": 14,
    "notice": 183,
    "policy": 183,
    "periodic": 365,
    "static": None,
}


@dataclass(frozen=True)
class PerYear:
    """``min_per_year``: at least ``count`` items a year whose title holds ``match`` (every item when
    ``match`` is empty), e.g. 每年通过新闻发布形式开展政策解读不少于4次 → ``{count: 4, match: 新闻发布会}``."""

    count: int
    match: str = ""


@dataclass(frozen=True)
class Rules:
    """What a mandated column must satisfy. Every rule is optional; defaults make a plain entry mean
    "the column exists and holds at least one item"."""

    children: tuple[str, ...] = ()
    min_items: int = 1
    max_age_days: int | None = None
    kind: str | None = None
    required_fields: tuple[str, ...] = ()
    media: bool = False
    deadline: dt.date | None = None
    # --- clause rules (path_specs/README.md, *Clause rules*; judged in auditor/audit/clause_rules.py)
    #: "MM-DD": each year, by this day, the column must hold the item for the year before (the
    #: 政府信息公开工作年度报告 by 01-31)
    due_yearly: str | None = None
    #: at least so many matching items in the last full year
    min_per_year: PerYear | None = None
    #: the column's page (or each sampled item page) shows a contact phone number
    contact_phone: bool = False
    #: every sampled message page shows a reply, dated on or after the message's acceptance
    answered: bool = False
    #: and the reply came within this many days of the acceptance (implies ``answered``)
    reply_within_days: int | None = None
    #: each sampled 解读 links the policy file it explains, and that file's page links back
    policy_links: bool = False
    #: the column opens on a phone: a mobile viewport, reachable from the mobile site
    mobile: bool = False

    @property
    def effective_max_age_days(self) -> int | None:
        """``max_age_days`` if given, else the default of ``kind``, else no staleness rule."""
        if self.max_age_days is not None:
            return self.max_age_days
        if self.kind is not None:
            return KIND_MAX_AGE_DAYS.get(self.kind)
        return None


@dataclass(frozen=True)
class MandatedPath:
    """One column a site must have, after expansion: one per sibling of a ``A/B`` last segment."""

    id: str
    #: the column names from the home page down, without the leading 政府网站
    segments: tuple[str, ...]
    #: the path exactly as the mandate writes it (before expansion)
    raw_path: str
    clause: str = ""
    quote: str = ""
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    rules: Rules = field(default_factory=Rules)
    #: where the entry stands in its spec file, for messages
    source_file: str = ""
    source_line: int = 0


@dataclass(frozen=True)
class SpecMeta:
    id: str
    title: str
    document_number: str = ""
    issued: dt.date | None = None
    issuer: str = ""
    #: 整改时限 in days by finding kind, where the mandate sets its own (auditor/audit/wording.py has
    #: the defaults); copied into findings.json ``spec.remediation_days``
    remediation_days: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Spec:
    """A loaded, validated and expanded spec (with any site overrides already layered on)."""

    meta: SpecMeta
    paths: tuple[MandatedPath, ...]
    #: other names a site may legitimately use, keyed by the normalised segment name
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: hosts besides the start URL's that the crawl may fetch from
    allowed_hosts: tuple[str, ...] = ()
    source_file: str = ""

    def aliases_for(self, segment: str) -> tuple[str, ...]:
        from auditor.specs.names import normalise_name

        return self.aliases.get(normalise_name(segment), ())
