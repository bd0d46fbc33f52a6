"""TRS WCM static portal, the style of the bundled demo: folder URLs by pinyin slug, list pages
``index.html`` / ``index_1.html`` with ``createPageHTML``, articles ``./202106/t20210601_123.html``
and bodies in ``div.trs_editor_view``; the left tree expands the current column's branch."""

from __future__ import annotations

import datetime as dt
import random

from portal_lab.families import blocks
from portal_lab.families.base import Context, Family
from portal_lab.families.blocks import esc
from portal_lab.families.layout import FamilyTraits
from portal_lab.families.site import Item, SiteColumn
from sample_portal.text import SITE_NAME


class TrsFamily(Family):
    name = "trs"
    traits = FamilyTraits("path", ("box", "grid", "tree", "tabs"),
                          ("span", "bracket", "chinese", "short", "url_only", "next_cell"), image_nav=0.2,
                          separators=(">", "»", "/"))
    per_page = 12
    encodings = ("utf-8", "utf-8", "gbk")

    def column_url(self, column: SiteColumn) -> str:
        assert column.parent is not None
        return f"{column.parent.url}{column.slug}/"

    def list_page_url(self, column: SiteColumn, index: int) -> str:
        return column.url if index == 0 else f"{column.url}index_{index}.html"

    def item_url(self, column: SiteColumn, day: dt.date, serial: int, rng: random.Random) -> str:
        return f"{column.url}{day:%Y%m}/t{day:%Y%m%d}_{serial}.html"

    def list_html(self, ctx: Context, column: SiteColumn, items: list[Item], page: int, pages: int) -> str:
        style = ctx.plan.date_style.get(column.spec_key or (), "span")
        rows = blocks.list_rows(items, style, lambda it: "./" + it.url[len(column.url):], ctx.rng, ctx.classes["list"])
        links = []
        if page > 0:
            links.append(f'<a href="{"index.html" if page == 1 else f"index_{page - 1}.html"}">上一页</a>')
        if page + 1 < pages:
            links.append(f'<a href="index_{page + 1}.html">下一页</a>')
        pager = (f'<div class="{ctx.classes["pager"]}"><script>createPageHTML({pages}, {page}, "index", "html");'
                 f'</script>{"".join(links)}</div>')
        return rows + "\n" + pager

    def frame(self, ctx: Context, column: SiteColumn | None, main: str, title: str) -> str:
        parts = [self.header(ctx)]
        if column is not None:
            parts.append(blocks.breadcrumb(ctx.crumb_prefix, ctx.plan.separator, self.crumbs(ctx, column),
                                           ctx.classes["crumb"]))
            tree = self.tree(ctx, column)
            parts.append(f'<div class="container"><div class="l">{tree}</div>'
                         f'<div class="{ctx.classes["main"]}">{blocks.wrap(main, ctx.plan.nesting, "m")}</div></div>')
        else:
            parts.append(f'<div class="{ctx.classes["main"]}">{main}</div>')
        parts.append(self.footer(ctx))
        return blocks.document(f"{title}_{SITE_NAME}", "\n".join(parts))

    def item_html(self, ctx: Context, item: Item) -> str:
        column = item.column
        meta = (f'<div class="info"><span>发布日期：{item.date:%Y-%m-%d}</span><span>来源：{esc(item.publisher)}</span>'
                + (f"<span>文号：{esc(item.doc_no)}</span>" if item.doc_no else "") + "</div>")
        facts = blocks.facts_table(item.fields) if item.fields else ""
        body = (f'<div class="article"><h1>{esc(item.title)}</h1>{meta}{facts}<div class="trs_editor_view">'
                f"{blocks.paragraphs_html(item.paragraphs)}{blocks.media_html(item)}</div>"
                f"{blocks.attachments_html(item)}{self.related_html(item)}</div>")
        crumb = blocks.breadcrumb(ctx.crumb_prefix, ctx.plan.separator, self.crumbs(ctx, column) + [("正文", None)],
                                  ctx.classes["crumb"])
        return blocks.document(f"{item.title}_{SITE_NAME}", "\n".join((self.header(ctx), crumb, body, self.footer(ctx))))
