"""Hanweb (大汉) jcms: flat column URLs ``/col/col4123/index.html`` that say nothing of the
hierarchy, articles ``/art/2021/6/1/art_4123_1351234.html``, list records as CDATA inside a
``<script type="text/xml">`` datastore (``totalrecord``; further records from dataproxy.jsp),
image navigation, and a column tree that shows only the ancestors' children."""

from __future__ import annotations

import datetime as dt
import random

from portal_lab.families import blocks
from portal_lab.families.base import Context, Family
from portal_lab.families.blocks import esc
from portal_lab.families.layout import FamilyTraits
from portal_lab.families.site import Item, SiteColumn
from pathaudit.loopback.model import Resource, canonical_target
from sample_portal.text import SITE_NAME

#: records in the datastore of page 1 (the rest are served by dataproxy.jsp)
RECORDS_ON_PAGE = 45


class HanwebFamily(Family):
    name = "hanweb"
    traits = FamilyTraits("ancestors", ("box", "grid", "tabs"), ("span", "bracket", "chinese", "url_only", "next_cell"),
                          image_nav=0.7, separators=(">",))
    per_page = RECORDS_ON_PAGE
    crumb_prefixes = ("您现在的位置：", "当前位置：", "您的位置：")

    def column_url(self, column: SiteColumn) -> str:
        return f"/col/col{column.number}/index.html"

    def list_page_url(self, column: SiteColumn, index: int) -> str:
        return column.url

    def item_url(self, column: SiteColumn, day: dt.date, serial: int, rng: random.Random) -> str:
        return f"/art/{day.year}/{day.month}/{day.day}/art_{column.number}_{serial}.html"

    def media_url(self, item: Item, ext: str, rng: random.Random) -> str:
        hex_id = f"{rng.getrandbits(64):016x}"
        if ext in ("mp4", "swf"):
            return f"/video/{item.date:%Y%m}/{hex_id}.{ext}"
        if ext == "mp3":
            return f"/audio/{item.date:%Y%m}/{hex_id}.{ext}"
        folder = "attach" if ext in ("pdf", "doc", "docx", "xls") else "picture"
        return f"/{folder}/{item.column.number}/{hex_id}.{ext}"

    def toolbar_url(self, index: int) -> str:
        return f"/col/col{9001 + index}/index.html"

    def _records(self, ctx: Context, column: SiteColumn, items: list[Item]) -> str:
        style = ctx.plan.date_style.get(column.spec_key or (), "span")
        out = []
        for it in items:
            link = blocks.item_link(it, it.url, 30)
            if style == "next_cell":
                row = f'<table width="100%"><tr><td>{link}</td><td width="90">{it.date:%Y-%m-%d}</td></tr></table>'
            else:
                when = blocks.date_text(it.date, style, ctx.rng)
                date = f'<span class="bt-data-time">{esc(when)}</span>' if when else ""
                row = f"<li>{link}{date}</li>"
            out.append(f"<record><![CDATA[\n{row}\n]]></record>\n")
        return "".join(out)

    def _datastore(self, ctx: Context, column: SiteColumn, items: list[Item]) -> str:
        pages = max(1, -(-len(column.items) // 15))
        return (f'<div id="{column.number}"><script type="text/xml">\n<datastore>\n'
                f'<column id="{column.number}" name="{esc(column.label)}"></column>\n'
                f"<totalrecord>{len(column.items)}</totalrecord>\n<totalpage>{pages}</totalpage>\n"
                f'<nextgroup><![CDATA[<a href="{esc(self._proxy(column))}"></a>]]></nextgroup>\n'
                f"<recordset>\n{self._records(ctx, column, items)}</recordset>\n</datastore>\n</script></div>\n"
                f'<script src="/module/web/jpage/jpage.js"></script><script>showJpage("{column.number}", 15);</script>')

    @staticmethod
    def _proxy(column: SiteColumn) -> str:
        return (f"/module/web/jpage/dataproxy.jsp?columnid={column.number}&page=1&path=/&permissiontype=0"
                f"&unitid=2{column.number}&webid=1")

    def list_html(self, ctx: Context, column: SiteColumn, items: list[Item], page: int, pages: int) -> str:
        return self._datastore(ctx, column, items)

    def empty_html(self, ctx: Context, column: SiteColumn) -> str:
        store = self._datastore(ctx, column, [])
        if column.content == "placeholder":
            return store + blocks.placeholder(column.placeholder, ctx.classes["list"])
        return store

    def extra_files(self, ctx: Context, files: dict[str, Resource]) -> None:
        files["/module/web/jpage/jpage.js"] = Resource(b"function showJpage(id,n){/* renders the datastore */}\n",
                                                       "application/javascript; charset=utf-8")
        for column in ctx.root.walk():
            if column.kind == "leaf" and not column.is_gone():
                body = (f"<datastore>\n<totalrecord>{len(column.items)}</totalrecord>\n<recordset>\n"
                        f"{self._records(ctx, column, column.items)}</recordset>\n</datastore>\n")
                path, _, query = self._proxy(column).partition("?")
                files[canonical_target(path, query)] = Resource(body.encode("utf-8"), "text/xml; charset=utf-8")

    def frame(self, ctx: Context, column: SiteColumn | None, main: str, title: str) -> str:
        parts = [self.header(ctx)]
        if column is not None:
            parts.append(blocks.breadcrumb(ctx.crumb_prefix, ctx.plan.separator, self.crumbs(ctx, column, False),
                                           ctx.classes["crumb"]))
            parts.append(f'<table class="layout" width="1200"><tr><td class="lm" width="260">{self.tree(ctx, column)}</td>'
                         f'<td class="{ctx.classes["main"]}">{blocks.wrap(main, ctx.plan.nesting, "c")}</td></tr></table>')
        else:
            parts.append(main)
        parts.append(self.footer(ctx))
        return blocks.document(f"{title} {SITE_NAME}", "\n".join(parts))

    def related_html(self, item: Item) -> str:
        """Hanweb's 关联信息 table: 【相关文件】 in one cell, its links in the next."""
        rows = "".join(
            f"<tr><td class=\"bt\">【{esc(marker)}】</td><td>"
            + "<br />".join(f'<a href="{esc(self.href(url))}" target="_blank">{esc(title)}</a>' for title, url in links)
            + "</td></tr>"
            for marker, links in item.related.items()
        )
        return f'<table class="glxx"><tbody>{rows}</tbody></table>' if rows else ""

    def item_html(self, ctx: Context, item: Item) -> str:
        column = item.column
        facts = blocks.facts_table(item.fields) if item.fields else ""
        body = (f'<div class="main-txt"><h1 class="title">{esc(item.title)}</h1>'
                f'<div class="info">发布日期：{item.date:%Y-%m-%d}　信息来源：{esc(item.publisher)}　浏览次数：'
                f'<span id="c">0</span></div>{facts}<div id="zoom">{blocks.paragraphs_html(item.paragraphs)}'
                f"{blocks.media_html(item)}</div>{blocks.attachments_html(item)}{self.related_html(item)}</div>")
        crumb = blocks.breadcrumb(ctx.crumb_prefix, ctx.plan.separator, self.crumbs(ctx, column), ctx.classes["crumb"])
        return blocks.document(f"{item.title} {SITE_NAME}", "\n".join((self.header(ctx), crumb, body, self.footer(ctx))))
