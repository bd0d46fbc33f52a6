"""The links of a page as a person reads them: every name a link carries, and the page region it sits in.

A person reads a link's text; when the text is cut short (``规划信…``) the full name sits in ``title``;
an image link is named by its ``alt``. Names compare after ``normalise_name`` plus removal of the
decoration CMSes put around column links (【】, », "更多").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.page.roles import COLUMN_ROLES, LinkRole, role_of
from auditor.page.tree import Page as WebPage
from auditor.page.tree import BULLETS, TRUNCATION, Region, readable
from auditor.specs.names import normalise_name

_DECORATION = re.compile(r"^[【\[<《»›>·•|]+|[】\]>》»›·•|]+$|[(（]\d+[)）]$|(更多|more|MORE)$")


@dataclass(frozen=True)
class Link:
    """A link on a page, with every name a person could read for it, and what it is for."""

    url: str
    text: str
    title: str
    alt: str
    region: Region
    order: int
    #: what the link is for (``auditor.page.roles``): nav, tree, subcolumn, tab, entry, toolbar …
    role: LinkRole = "content"
    #: the column tree's level (1 = top) for a ``tree`` link
    level: int | None = None
    #: the node of the page itself (its URL, or marked current: ``class="on"``)
    current: bool = False
    #: the date an ``entry``'s row shows (ISO)
    date: str | None = None
    #: the heading that names a block's 更多> link (its text names nothing)
    heading: str = ""

    @property
    def label(self) -> str:
        """The name to show an inspector: the full title when the text is cut short, the block's
        heading for a 更多> link."""
        if self.heading:
            return self.heading
        if self.title and (not self.text or TRUNCATION.search(self.text)):
            return self.title
        return self.text or self.title or self.alt

    @property
    def is_column(self) -> bool:
        """A link that names a column (navigation, tree, sub-column box, tab heading,
        breadcrumb): the only kind a path segment is taken from."""
        return self.role in COLUMN_ROLES

    def names(self) -> frozenset[str]:
        """Comparison forms of every name the link carries."""
        return _names(self.text, self.title, self.alt, self.heading)


@lru_cache(maxsize=4096)
def _names(*raws: str) -> frozenset[str]:
    """``Link.names`` of a link carrying ``raws`` (text, title, alt, heading): a site repeats its
    menus on every page, so the same names come again and again and are worked out once."""
    return frozenset(name for raw in raws if (name := clean_link_name(raw)) and not TRUNCATION.search(raw.strip()))


@lru_cache(maxsize=4096)
def clean_link_name(raw: str) -> str:
    """Comparison form of a link's name: normalised, without CMS decoration around it (remembered
    for the last names asked: a pure function of its text, asked for the same texts page after page)."""
    name = normalise_name(raw)
    previous = None
    while name and name != previous:
        previous = name
        name = _DECORATION.sub("", name)
    return name


def extract_links(html: str | bytes, base_url: str) -> list[Link]:
    """``page_links`` of a page given as text (parses it: a caller holding the parsed page passes
    that to ``page_links`` instead)."""
    return page_links(WebPage.parse(html, base_url))


def page_links(page: WebPage) -> list[Link]:
    """All followable links of a parsed page, in document order, with their names and page region.

    ``<base href>`` is honoured; ``javascript:``/``mailto:`` and bare ``#`` links are skipped.
    Regions are ``auditor.page.tree``'s (the one place that reads CMS class names).
    """
    links: list[Link] = []
    for order, (element, url) in enumerate(page.link_elements()):
        role = role_of(page, element, url)
        alt = " ".join(readable(img.get("alt") or img.get("title")) for img in element.iter("img")).strip()
        if element.tag == "area":
            text = readable(element.get("alt"))
        elif element.tag == "option":
            text = readable(element.text_content())
        else:
            text = BULLETS.sub("", readable(page.text(element)))
        links.append(
            Link(
                url=url,
                text=text,
                title=readable(element.get("title")),
                alt=alt,
                region=page.region(element),
                order=order,
                role=role.role,
                level=role.level,
                current=role.current,
                date=role.date,
                heading=role.heading,
            )
        )
    return links
