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
