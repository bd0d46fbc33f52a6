"""A provincial 集约化 platform (as the Jiangxi county portals in realgov): every column a flat
folder of one site folder, ``/ljxqrmzf/zcjd/index.shtml``, links written absolute to the site's own
origin, ``ColumnName`` / ``PubDate`` meta, parents made of tab blocks (``div.tabs_header`` with
the sub-column's name and "更多>"), article ids without a day (``/202305/<hex>.shtml``)."""

from __future__ import annotations

import datetime as dt
import random

from portal_lab.families import blocks
from portal_lab.families.base import ORIGIN_TOKEN, Context, Family
from portal_lab.families.blocks import esc
from portal_lab.families.layout import FamilyTraits
from portal_lab.families.site import Item, SiteColumn
from sample_portal.text import SITE_NAME

SITE_FOLDER = "/ljxqrmzf"


class ProvincialFamily(Family):
    name = "provincial"
    traits = FamilyTraits("ancestors", ("tabs", "tabs", "box"), ("span", "chinese", "next_cell", "bracket", "page_only"),
                          image_nav=0.3, separators=(">", ">>"))
    per_page = 15
    crumb_prefixes = ("您当前所在位置：", "您当前的位置：", "当前位置：")

    def assign_urls(self, root: SiteColumn) -> None:
        taken: set[str] = set()
        super().assign_urls(root)
        for column in root.walk():
            if column.parent is None:
                continue
            slug = column.slug
            if slug in taken:
                slug = f"{column.parent.slug}{slug}"
            while slug in taken:
                slug += "1"
            taken.add(slug)
            column.slug = slug
            column.url = self.column_url(column)

    def column_url(self, column: SiteColumn) -> str:
        return f"{SITE_FOLDER}/{column.slug}/index.shtml"

    def list_page_url(self, column: SiteColumn, index: int) -> str:
        return column.url if index == 0 else f"{SITE_FOLDER}/{column.slug}/index_{index + 1}.shtml"

    def item_url(self, column: SiteColumn, day: dt.date, serial: int, rng: random.Random) -> str:
        return f"{SITE_FOLDER}/{column.slug}/{day:%Y%m}/{rng.getrandbits(128):032x}.shtml"

    def media_url(self, item: Item, ext: str, rng: random.Random) -> str:
        return f"{SITE_FOLDER}/uploadfiles/{item.date:%Y%m}/{rng.getrandbits(64):016x}.{ext}"

    def toolbar_url(self, index: int) -> str:
        return f"{SITE_FOLDER}/{('wza', 'zzms', 'sjb', 'rss')[index]}/index.shtml"

    def href(self, url: str) -> str:
        return ORIGIN_TOKEN + url

    def list_html(self, ctx: Context, column: SiteColumn, items: list[Item], page: int, pages: int) -> str:
        style = ctx.plan.date_style.get(column.spec_key or (), "span")
        rows = blocks.list_rows(items, style, self.item_href, ctx.rng, ctx.classes["list"])
        links = [f'<a href="{esc(self.href(self.list_page_url(column, n)))}">{n + 1}</a>' for n in range(pages) if n != page]
        pager = f'<div class="{ctx.classes["pager"]}">共{len(column.items)}条　{"".join(links)}</div>'
        return rows + pager

    def frame(self, ctx: Context, column: SiteColumn | None, main: str, title: str) -> str:
        head = f'<meta name="SiteName" content="{SITE_NAME}" />\n'
        parts = [self.header(ctx)]
        if column is not None:
            head += f'<meta name="ColumnName" content="{esc(column.label)}" />\n'
            parts.append(blocks.breadcrumb(ctx.crumb_prefix, ctx.plan.separator, self.crumbs(ctx, column),
                                           "xxgk-crumb " + ctx.classes["crumb"]))
            parts.append(f'<div class="xxgk-container clearfix"><div class="side">{self.tree(ctx, column)}</div>'
                         f'<div class="{ctx.classes["main"]}">{blocks.wrap(main, ctx.plan.nesting, "p")}</div></div>')
        else:
            parts.append(main)
        parts.append(self.footer(ctx))
        return blocks.document(f"{title} _ {SITE_NAME}", "\n".join(parts), head)

    #: how these sites label a 解读's file and a file's 解读, inline before the link
    _RELATED_WORDS = {"相关文件": "原文链接", "相关解读": "政策解读"}

    def related_html(self, item: Item) -> str:
        """A line per link: 原文链接：<a>…</a> on a 解读, 政策解读：<a>…</a> on its file."""
        return "".join(
            f'<p class="ywlj">{self._RELATED_WORDS.get(marker, marker)}：'
            f'<a href="{esc(self.href(url))}" target="_blank">{esc(title)}</a></p>'
            for marker, links in item.related.items() for title, url in links
        )

    def item_html(self, ctx: Context, item: Item) -> str:
        column = item.column
        head = (f'<meta name="ColumnName" content="{esc(column.label)}" />\n'
                f'<meta name="PubDate" content="{item.date:%Y-%m-%d} 09:30:00" />\n')
        attrs = blocks.facts_table([("索引号", item.index_no), ("生成日期", f"{item.date:%Y-%m-%d}"),
                                    ("公开方式", "主动公开"), ("责任部门", item.publisher)], "article-attr")
        facts = blocks.facts_table(item.fields) if item.fields else ""
        body = (f'<div class="xxgk-detail">{attrs}<h1 class="xxgk-title">{esc(item.title)}</h1>{facts}'
                f'<div class="article-content">{blocks.paragraphs_html(item.paragraphs)}{blocks.media_html(item)}'
                f"</div>{blocks.attachments_html(item)}{self.related_html(item)}</div>")
        crumb = blocks.breadcrumb(ctx.crumb_prefix, ctx.plan.separator, self.crumbs(ctx, column), "xxgk-crumb")
        return blocks.document(f"{item.title} _ {SITE_NAME}", "\n".join((self.header(ctx), crumb, body, self.footer(ctx))),
                               head)
