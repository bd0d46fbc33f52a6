"""A 政府信息公开目录 platform (as 邯郸's hdzfxxgk in realgov, TRS underneath): the catalogue tree
fully expanded on the left, lists as tables of 名称 / 索引号 / 发布机构 / 发布日期, a breadcrumb
written ``首页->政府文件->…``, absolute links, and article pages headed by an 索引号 … 发布日期 table."""

from __future__ import annotations

import datetime as dt
import random

from portal_lab.families import blocks
from portal_lab.families.base import ORIGIN_TOKEN, Context, Family
from portal_lab.families.blocks import esc
from portal_lab.families.layout import FamilyTraits
from portal_lab.families.site import Item, SiteColumn
from sample_portal.text import SITE_NAME


class CatalogueFamily(Family):
    name = "catalogue"
    traits = FamilyTraits("section", ("tree", "grid", "box"), ("span", "chinese", "slash"), separators=("->",))
    per_page = 15
    crumb_prefixes = ("",)
    encodings = ("utf-8", "gbk")

    def column_url(self, column: SiteColumn) -> str:
        assert column.parent is not None
        return f"{column.parent.url}{column.slug}/"

    def list_page_url(self, column: SiteColumn, index: int) -> str:
        return column.url if index == 0 else f"{column.url}index_{index}.html"

    def item_url(self, column: SiteColumn, day: dt.date, serial: int, rng: random.Random) -> str:
        return f"{column.url}{day:%Y%m}/t{day:%Y%m%d}_{serial}.html"

    def href(self, url: str) -> str:
        return ORIGIN_TOKEN + url

    def list_html(self, ctx: Context, column: SiteColumn, items: list[Item], page: int, pages: int) -> str:
        style = ctx.plan.date_style.get(column.spec_key or (), "span")
        table = blocks.table_rows(items, self.item_href, ctx.rng, style, "szbmtclb")
        pager = (f'<div class="news-list"><div class="page">共有 {len(column.items)} 条信息　'
                 + "".join(f'<a class="pnum" href="{esc(self.href(self.list_page_url(column, n)))}">{n + 1}</a>'
                           for n in range(pages) if n != page) + "</div></div>")
        return table + pager

    def empty_html(self, ctx: Context, column: SiteColumn) -> str:
        head = blocks.table_rows([], self.item_href, ctx.rng, "span", "szbmtclb")
        if column.content == "placeholder":
            return head + blocks.placeholder(column.placeholder, "nodata")
        return head + '<div class="news-list"><div class="page">共有 0 条信息</div></div>'

    def tree(self, ctx: Context, column: SiteColumn) -> str:
        return blocks.tree_html(column, "section", lambda c: self.href(c.url), lambda c: self.label(ctx, c, menu=True),
                                "sx-c1-left1 " + ctx.classes["tree"], heading="信息公开目录")

    def frame(self, ctx: Context, column: SiteColumn | None, main: str, title: str) -> str:
        parts = [self.header(ctx)]
        if column is not None:
            crumb = blocks.breadcrumb("", "->", self.crumbs(ctx, column), "sx-more1")
            parts.append(f'<div class="sx-c1"><div class="sx-c1-left">{self.tree(ctx, column)}</div>'
                         f'<div class="sx-c2-right1"><div class="sx-c1-title clearFix"><img src="/images/loading.gif" alt="" />'
                         f"<h1>{esc(column.label)}</h1>{crumb}</div>{blocks.wrap(main, ctx.plan.nesting, 'sx')}</div></div>")
        else:
            parts.append(main)
        parts.append(self.footer(ctx))
        return blocks.document(f"{SITE_NAME}政府信息公开 {title}", "\n".join(parts))

    def related_html(self, item: Item) -> str:
        """A row of the catalogue's own facts table: 关联文件 / 关联解读, then the links."""
        words = {"相关文件": "关联文件", "相关解读": "关联解读"}
        rows = "".join(
            f"<tr><th>{words.get(marker, marker)}</th><td>"
            + "".join(f'<a href="{esc(self.href(url))}">{esc(title)}</a>' for title, url in links) + "</td></tr>"
            for marker, links in item.related.items()
        )
        return f'<table class="xxgk_table glxx"><tbody>{rows}</tbody></table>' if rows else ""

    def item_html(self, ctx: Context, item: Item) -> str:
        column = item.column
        table = blocks.facts_table([("索引号", item.index_no), ("发布机构", item.publisher), ("文号", item.doc_no or "无"),
                                    ("主题分类", column.label), ("成文日期", f"{item.date:%Y-%m-%d}"),
                                    ("发布日期", f"{item.date:%Y-%m-%d}")], "xxgk_table")
        facts = blocks.facts_table(item.fields) if item.fields else ""
        body = (f'<div class="detail">{table}<h1>{esc(item.title)}</h1>{facts}<div class="TRS_Editor">'
                f"{blocks.paragraphs_html(item.paragraphs)}{blocks.media_html(item)}</div>"
                f"{blocks.attachments_html(item)}{self.related_html(item)}</div>")
        crumb = blocks.breadcrumb("", "->", self.crumbs(ctx, column), "sx-more1")
        return blocks.document(f"{item.title}", "\n".join((self.header(ctx), crumb, body, self.footer(ctx))))
