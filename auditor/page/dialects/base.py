"""What a CMS family may tell the generic readers: one ``Dialect`` per family, each registered in
``auditor.page.dialects.DIALECTS``.

A generic reader never names a family: it asks every registered dialect (``for dialect in
DIALECTS``) and takes what one of them recognises. Each method answers "nothing" by default, so a
family declares only what it renders differently, and a new family is one object added to the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement


@dataclass
class Datastore:
    """A column's list carried as data rather than markup (Hanweb's ``<datastore>``)."""

    #: each record's HTML fragment (usually one ``<li>``)
    records: list[str] = field(default_factory=list)
    total_records: int | None = None
    total_pages: int | None = None
    #: the address of the next group of records, as written (relative)
    next_group: str | None = None


@dataclass(frozen=True)
class ScriptPaging:
    """What a family's paging script declares about a list (every field may be unknown)."""

    page_count: int | None = None
    declared_total: int | None = None
    #: (file prefix, extension) of the static further pages: ("index", "html")
    static_pattern: tuple[str, str] | None = None
    per_page: int | None = None
    #: only the first pages are static: later ones come from a search API
    static_limit: int | None = None
    #: the script builds static page links (``"index" + "_" + n``) without naming a count
    builds_static_links: bool = False


def script_number(*names: str) -> re.Pattern[str]:
    """The number a page's script gives one of ``names`` (``countPage = 56``, ``prepage: '15'``)."""
    return re.compile(rf"\b(?:{'|'.join(names)})\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)


def first_number(pattern: re.Pattern[str], *texts: str) -> int | None:
    """The number of ``pattern``'s first match, looking through ``texts`` in order."""
    for text in texts:
        match = pattern.search(text)
        if match:
            return int(next(g for g in match.groups() if g is not None))
    return None


class Dialect:
    """A CMS family: what its pages say in its own way. Subclasses override what they know."""

    #: the family's name (trs, hanweb …)
    name: str = ""
    #: a regular-expression fragment matching the family's article file names (``t20210601_123456``)
    article_file: str = ""

    def url_date(self, path: str) -> tuple[str, str, str] | None:
        """(year, month, day) the family writes into an article URL's ``path``, or None."""
        return None

    def is_list_page_file(self, name: str) -> bool:
        """A file ``name`` the family gives a list's further pages (``column-index-2.shtml``)."""
        return False

    def chrome_region(self, token: str) -> str | None:
        """The page region (``auditor.page.tree.Region``) a class or id token of this family marks."""
        return None

    def datastores(self, scripts: list[str], page_source: str) -> list[Datastore]:
        """The lists the family carries as data in a page's inline ``scripts``."""
        return []

    def list_endpoint(self) -> str:
        """The address fragment the family's script fetches list pages from ("" when none)."""
        return ""

    def date_cell(self, row: HtmlElement) -> HtmlElement | None:
        """The cell of a list ``row`` the family puts the publication date in, or None."""
        return None

    def script_paging(self, script_text: str, page_extensions: tuple[str, ...]) -> ScriptPaging | None:
        """What the family's paging script in ``script_text`` declares, or None."""
        return None

    def __repr__(self) -> str:
        return f"<Dialect {self.name}>"
