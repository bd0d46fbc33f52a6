"""信息公开目录 (disclosure catalogue) lists: tables of 名称 / 索引号 / 发布机构 / 发布日期.

Disclosure platforms (邯郸 hdzfxxgk.hd.gov.cn, many 集约化 catalogues) list items as table rows
with a header row naming the cells. A row may show several dates (成文日期 and 发布日期) and an
index number that looks half like a date (``000014348/2020-35428``); the publication date is the
cell under the 发布日期 heading (else 日期/时间, else the other date headings).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from auditor.page.date_labels import PUBLICATION_LABELS, WEAKER_LABELS
from auditor.page.dialects.base import Dialect

#: column headings that hold a date: 发布/公开 (publication) first, then the plain 日期/时间, then the others
DATE_HEADINGS: tuple[str, ...] = tuple(
    sorted(PUBLICATION_LABELS + WEAKER_LABELS, key=lambda h: (not h.startswith(("发布", "公开")), len(h) > 2))
)
#: headings that say a table is a disclosure catalogue list
CATALOGUE_HEADINGS = frozenset({"名称", "标题", "文件名称", "信息名称", "索引号", "发布机构", "文号", "发文字号"} | set(DATE_HEADINGS))


def date_cell(row: HtmlElement) -> HtmlElement | None:
    """The cell of ``row`` (a ``<tr>``) under its table's date heading, or None."""
    if row.tag != "tr":
        return None
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    if table is None:
        return None
    column = _date_column(table)
    if column is None:
        return None
    cells = [c for c in row if c.tag in ("td", "th")]
    return cells[column] if column < len(cells) else None


def _date_column(table: HtmlElement) -> int | None:
    for row in table.iter("tr"):
        cells = [" ".join(c.text_content().split()).replace(" ", "") for c in row if c.tag in ("td", "th")]
        if sum(1 for c in cells if c in CATALOGUE_HEADINGS) < 2:
            continue
        for heading in DATE_HEADINGS:
            if heading in cells:
                return cells.index(heading)
        return None
    return None


class Gkml(Dialect):
    name = "gkml"

    def date_cell(self, row: HtmlElement) -> HtmlElement | None:
        return date_cell(row)


GKML = Gkml()
