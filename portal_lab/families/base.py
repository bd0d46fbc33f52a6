"""The build every family shares: tree, seeded plan, items, pages, manifest, ``Portal``.

A family (``families.trs`` …) subclasses ``Family`` and says how its CMS names URLs, writes lists,
frames a page and shows an item; the steps and the page parts (sub-column regions, tool bar,
ticker, hidden blocks) are drawn here once for all of them.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

from sample_portal import images
from portal_lab.families import blocks
from portal_lab.families.blocks import esc
from portal_lab.families.clauses import apply_clauses, clause_defects
from portal_lab.families.content import ItemMaker, UrlScheme, library
from portal_lab.families.layout import SPACED, TOOLBAR, FamilyTraits, Plan, choose_plan
from portal_lab.families.site import Item, SiteColumn, build_site_tree
from portal_lab.families.truth import build_truth
from sample_portal.manifest import MANIFEST_URL
from pathaudit.loopback.model import CONTENT_TYPES, Behaviour, Portal, Resource
from sample_portal.sitemap import LAYOUT
from sample_portal.text import SITE_NAME, Writer
from auditor.specs import Spec

AS_OF = dt.date(2021, 12, 1)
#: absolute links carry this origin; the server and ``portal_fetch`` put the real one in its place
ORIGIN_TOKEN = "http://origin.portal.invalid"
#: the folders of the tool bar's pages, in the order of ``layout.TOOLBAR``'s page links
TOOLBAR_SLUGS = ("wza", "zzms", "mobile", "rss")
_CSS = "body{font:14px/1.6 sans-serif;margin:0}a{color:#1a4d8f;text-decoration:none}.on{font-weight:bold}\n"


@dataclass
class Context:
    """What every page of one build needs to know."""

    root: SiteColumn
    columns: dict[tuple[str, ...], SiteColumn]
    plan: Plan
    rng: random.Random
    classes: dict[str, str]
    crumb_prefix: str = "当前位置："
    encoding: str = "utf-8"
    toolbar: list[tuple[str, str | None]] = field(default_factory=list)
    ticker: list[Item] = field(default_factory=list)
    news: list[Item] = field(default_factory=list)
    #: page-level clause flaws this build draws (``families.clauses``: ``no_phone``)
    clause_flags: set[str] = field(default_factory=set)


class Family:
    name = "base"
    traits = FamilyTraits("path", ("box",), ("span",))
    per_page = 15
    #: the breadcrumb's leading words this family's sites write (one is drawn per portal)
    crumb_prefixes: tuple[str, ...] = ("当前位置：", "您现在的位置：", "您当前所在位置：", "所在位置：")
    #: encodings this family's sites are served in (one drawn per portal); a GBK site declares it
    #: only in ``<meta charset>``, as older TRS sites do
    encodings: tuple[str, ...] = ("utf-8",)

    # --- URL shapes ----------------------------------------------------------------------------------
    def column_url(self, column: SiteColumn) -> str:
        raise NotImplementedError

    def list_page_url(self, column: SiteColumn, index: int) -> str:
        """The URL of list page ``index`` (0 is the column's own URL)."""
        raise NotImplementedError

    def item_url(self, column: SiteColumn, day: dt.date, serial: int, rng: random.Random) -> str:
        raise NotImplementedError

    def media_url(self, item: Item, ext: str, rng: random.Random) -> str:
        folder = item.url.rsplit("/", 1)[0]
        return f"{folder}/W0{item.date:%Y%m%d}{item.serial}{rng.randint(100, 999)}.{ext}"

    def toolbar_url(self, index: int) -> str:
        return f"/{TOOLBAR_SLUGS[index]}/index.html"

    def href(self, url: str) -> str:
        """How the family writes a link to one of its own URLs."""
        return url

    # --- page parts a family writes ------------------------------------------------------------------
    def list_html(self, ctx: Context, column: SiteColumn, items: list[Item], page: int, pages: int) -> str:
        raise NotImplementedError

    def frame(self, ctx: Context, column: SiteColumn | None, main: str, title: str) -> str:
        raise NotImplementedError

    def item_html(self, ctx: Context, item: Item) -> str:
        raise NotImplementedError

    def related_html(self, item: Item) -> str:
        """The blocks tying an item to others (a 解读's 相关文件, a file's 相关解读): a heading over a
        list, as TRS templates write them; families with other habits override this."""
        return "".join(
            f'<div class="xgwj"><h3>{esc(marker)}</h3><ul>'
            + "".join(f'<li><a href="{esc(self.href(url))}" target="_blank">{esc(title)}</a></li>' for title, url in links)
            + "</ul></div>"
            for marker, links in item.related.items()
        )

    def extra_files(self, ctx: Context, files: dict[str, Resource]) -> None:
        """Endpoints a family's lists need besides pages (Hanweb's dataproxy.jsp)."""

    # --- shared ----------------------------------------------------------------------------------------
    def label(self, ctx: Context, column: SiteColumn, menu: bool = False) -> str:
        """The name the site shows; menus may pad short names with full-width spaces."""
        if menu and column.spec_key in ctx.plan.spaced and not column.shown:
            return SPACED.get(column.name, column.label)
        return column.label

    def crumbs(self, ctx: Context, column: SiteColumn, leaf_link: bool = True) -> list[tuple[str, str | None]]:
        out: list[tuple[str, str | None]] = [("首页", self.href("/"))]
        for node in column.trail:
            out.append((node.label, self.href(node.url) if (node is not column or leaf_link) else None))
        return out

    def tree(self, ctx: Context, column: SiteColumn) -> str:
        return blocks.tree_html(column, self.traits.tree, lambda c: self.href(c.url),
                                lambda c: self.label(ctx, c, menu=True), ctx.classes["tree"])

    def nav(self, ctx: Context) -> str:
        cells = []
        for index, top in enumerate(c for c in ctx.root.children if not c.removed):
            href = esc(self.href(top.url))
            if ctx.plan.image_nav:
                cells.append(f'<li><a href="{href}"><img src="/images/nav/nav{index}.png" alt="{esc(top.label)}" '
                             f'width="120" height="40" /></a></li>')
            else:
                cells.append(f'<li><a href="{href}">{esc(self.label(ctx, top, menu=True))}</a></li>')
        home = '<li><a href="/">首　页</a></li>'
        return f'<div class="{ctx.classes["nav"]}"><ul>{home}{"".join(cells)}</ul></div>'

    def header(self, ctx: Context) -> str:
        parts = [f'<div class="{ctx.classes["header"]}"><a href="{esc(self.href("/"))}">'
                 f'<img src="/images/logo.png" alt="{SITE_NAME}" /></a>']
        if ctx.toolbar:
            parts.append(blocks.toolbar([(t, self.href(u) if u else None) for t, u in ctx.toolbar],
                                        ctx.classes["toolbar"]))
        parts.append("</div>")
        parts.append(self.nav(ctx))
        if ctx.ticker:
            parts.append(blocks.ticker(ctx.ticker, lambda it: self.href(it.url), ctx.classes["ticker"]))
        return "\n".join(parts)

    def footer(self, ctx: Context) -> str:
        friends = "".join(f'<a href="{u}" target="_blank">{t}</a>' for t, u in (
            ("中国政府网", "http://www.gov.cn/"), ("重庆市人民政府", "http://www.cq.gov.cn/")))
        return (f'<div class="{ctx.classes["links"]}">友情链接：{friends}</div>'
                f'<div class="{ctx.classes["footer"]}"><p>主办：{SITE_NAME}　承办：{SITE_NAME}办公室</p>'
                f"<p>网站标识码：5000000096　渝ICP备12000000号</p></div>")

    def item_href(self, item: Item) -> str:
        return self.href(item.url)

    def rows(self, ctx: Context, column: SiteColumn, items: list[Item]) -> str:
        """Rows of a box or tab block: the column's own date style where the row shows a date."""
        style = ctx.plan.date_style.get(column.spec_key or (), "span")
        if style == "page_only":
            style = "url_only"
        return blocks.list_rows(items, style, self.item_href, ctx.rng, ctx.classes["list"])

    def leaf_main(self, ctx: Context, column: SiteColumn, items: list[Item], page: int, pages: int) -> str:
        title = f'<div class="{ctx.classes["title"]}"><h2>{esc(column.label)}</h2></div>'
        if not column.items:
            body = self.empty_html(ctx, column)
        else:
            body = self.list_html(ctx, column, items, page, pages)
        hidden = self.hidden(ctx, column) if page == 0 else ""
        return title + "\n" + body + "\n" + hidden

    def empty_html(self, ctx: Context, column: SiteColumn) -> str:
        if column.content == "placeholder":
            return blocks.placeholder(column.placeholder, ctx.classes["list"])
        return f'<ul class="{ctx.classes["list"]}"></ul>'

    def hidden(self, ctx: Context, column: SiteColumn) -> str:
        """Hidden legacy blocks on columns whose visible list is empty or old (only there do they
        change what a careless reader would conclude)."""
        if not ctx.plan.hidden_blocks:
            return ""
        if column.kind == "leaf" and column.content == "items":
            return ""
        if column.kind == "parent" and any(c.items for c in column.walk()):
            return ""
        newer = [AS_OF - dt.timedelta(days=d) for d in (3, 9, 16)]
        return blocks.hidden_legacy(ctx.news[:4], self.item_href, newer)

    def parent_main(self, ctx: Context, column: SiteColumn) -> str:
        title = f'<div class="{ctx.classes["title"]}"><h2>{esc(column.label)}</h2></div>'
        shown = [c for c in column.visible_children if not c.only_in_sibling_trees]
        region = column.sub_region
        if region == "tree":
            latest = sorted((it for c in column.walk() if c.kind == "leaf" and not c.is_gone() for it in c.items),
                            key=lambda it: it.date, reverse=True)[:12]
            body = (blocks.list_rows(latest, "span", self.item_href, ctx.rng, ctx.classes["list"]) if latest
                    else blocks.placeholder("暂无信息", ctx.classes["list"]))
        elif region == "grid":
            cells = "".join(f'<li><a href="{esc(self.href(c.url))}">{esc(self.label(ctx, c, menu=True))}</a></li>'
                            for c in shown)
            body = f'<ul class="{ctx.classes["box"]}-grid">{cells}</ul>'
        else:
            body = "\n".join(self.sub_block(ctx, c, region) for c in shown)
        return title + "\n" + body + "\n" + self.hidden(ctx, column)

    def sub_block(self, ctx: Context, child: SiteColumn, region: str) -> str:
        """One sub-column's box or tab block: its name, its newest items (or its own sub-columns)."""
        href = self.href(child.url)
        if child.kind == "leaf":
            inner = self.rows(ctx, child, child.items[:5]) if child.items else self.empty_html(ctx, child)
        elif child.kind == "parent":
            inner = "<ul>" + "".join(f'<li><a href="{esc(self.href(g.url))}">{esc(g.label)}</a></li>'
                                     for g in child.visible_children if not g.only_in_sibling_trees) + "</ul>"
        else:
            inner = f"<p>{esc(child.label)}相关信息，请点击查看。</p>"
        if region == "tabs":
            heading = (f'<a href="{esc(href)}">{esc(child.label)}</a>' if ctx.rng.random() < 0.4
                       else f"<span>{esc(child.label)}</span>")
            return (f'<div class="tab-block"><div class="tabs_header"><h3>{heading}</h3>{blocks.more_link(href)}</div>'
                    f'<div class="tabs_body">{inner}</div></div>')
        return (f'<div class="{ctx.classes["box"]}"><div class="{ctx.classes["box"]}-hd">'
                f'<a class="name" href="{esc(href)}">{esc(child.label)}</a>{blocks.more_link(href)}</div>'
                f'<div class="{ctx.classes["box"]}-bd">{inner}</div></div>')

    def page_main(self, ctx: Context, column: SiteColumn) -> str:
        writer = Writer(random.Random(f"page:{ctx.plan.seed}:{column.name}"))
        body = blocks.paragraphs_html(writer.paragraphs(3))
        if column.name == "联系我们":
            rows = [("办公地址", writer.address()), ("联系电话", writer.phone()),
                    ("办公时间", "周一至周五 9:00—12:00，14:00—17:30")]
            body += blocks.facts_table([r for r in rows if not (r[0] == "联系电话" and "no_phone" in ctx.clause_flags)])
        return f'<div class="{ctx.classes["title"]}"><h2>{esc(column.label)}</h2></div><div class="article">{body}</div>'

    def home_main(self, ctx: Context) -> str:
        blocks_html = []
        news = next((c for c in ctx.root.children if c.name == "新闻中心"), None)
        for child in (news.visible_children if news else []):
            blocks_html.append(self.sub_block(ctx, child, "box"))
        banner = '<div class="banner"><img src="/images/banner.jpg" alt="两江新区风貌" /></div>'
        return banner + "\n".join(blocks_html)

    # --- the build -------------------------------------------------------------------------------------
    def assign_urls(self, root: SiteColumn) -> None:
        number = 4100
        for column in root.walk():
            if column.parent is None:
                column.url = "/"
                continue
            number += 1
            column.number = number
            layout = LAYOUT.get(column.spec_key or ()) or LAYOUT.get(column.site_key)
            column.slug = layout.slug if layout else f"lm{number}"
            column.per_page = self.per_page
        for column in root.walk():
            if column.parent is not None:
                column.url = self.column_url(column)

    def toolbar_entries(self) -> list[tuple[str, str | None]]:
        out, index = [], 0
        for text, is_page in TOOLBAR:
            out.append((text, self.toolbar_url(index) if is_page else None))
            index += is_page
        return out

    def build(self, spec: Spec, seed: int, as_of: dt.date = AS_OF, without: frozenset[str] = frozenset()) -> Portal:
        rng = random.Random(f"{self.name}:{seed}")
        root, columns = build_site_tree(spec)
        plan = choose_plan(rng, seed, self.name, self.traits, spec, columns, as_of, without)
        self.assign_urls(root)
        files: dict[str, Resource] = {}
        maker = ItemMaker(files, UrlScheme(self.item_url, self.media_url), rng, as_of)
        keys = {id(c): k for k, c in reversed(list(columns.items()))}
        for column in root.walk():
            if column.kind == "leaf" and not column.is_gone() and column.content in ("items", "stale"):
                maker.fill(column, spec, plan, keys.get(id(column)))
        # the clause cases draw from a stream of their own, so the rest of each seed's portal is unchanged
        cases, flags = apply_clauses(seed, root, columns, plan.date_style, self.item_url, as_of)
        ctx = Context(root, columns, plan, rng, blocks.pick_classes(rng, plan.class_prefix), clause_flags=flags)
        # later kinds of choice draw from streams of their own, so earlier seeds keep their portals
        ctx.crumb_prefix = random.Random(f"{self.name}:{seed}:crumb").choice(self.crumb_prefixes)
        ctx.encoding = random.Random(f"{self.name}:{seed}:encoding").choice(self.encodings)
        if "encoding" in without:
            ctx.encoding = "utf-8"
        if ctx.encoding != "utf-8":
            plan.features.append(ctx.encoding)
        ctx.news = sorted((it for c in root.walk() if c.trail and c.trail[0].name == "新闻中心" for it in c.items),
                          key=lambda it: it.date, reverse=True)
        self._decoys(ctx, maker)
        if plan.toolbar:
            ctx.toolbar = self.toolbar_entries()
        self._publish(ctx, files)
        behaviours = [Behaviour("refused", c.url, c.site_key, note="栏目页被网站防火墙拦截（403）")
                      for c in root.walk() if c.site_key in plan.refused]
        manifest = build_truth(spec, plan, root, columns, maker, self, as_of)
        manifest["defects"] += clause_defects(spec, cases)
        manifest["behaviours"] = [{"kind": b.kind, "url": b.url, "path": list(b.path), "note": b.note}
                                  for b in behaviours]
        files[MANIFEST_URL] = Resource(json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
                                       CONTENT_TYPES["json"])
        not_found = blocks.document("404 页面不存在", "<h1>404</h1><p>您访问的页面不存在或已被删除。</p>")
        error = blocks.document("500 服务器错误", "<h1>500</h1><p>服务器繁忙，请稍后再试。</p>")
        waf = blocks.document("访问被拒绝", "<h1>403 Forbidden</h1><p>您的访问已被网站安全防护拦截，请稍后再试。</p>")
        return Portal(files=dict(sorted(files.items())), behaviours=behaviours, manifest=manifest, as_of=as_of,
                      not_found=Resource(not_found.encode("utf-8"), CONTENT_TYPES["html"], 404),
                      server_error=Resource(error.encode("utf-8"), CONTENT_TYPES["html"], 500),
                      origin_token=ORIGIN_TOKEN, refused=Resource(waf.encode("utf-8"), CONTENT_TYPES["html"], 403))

    def _decoys(self, ctx: Context, maker: ItemMaker) -> None:
        """Headline decoys: items of the site's notices titled exactly like a column, shown first in
        the ticker above the column tree."""
        notices = next((c for c in ctx.root.walk() if c.name == "通知公告"), None)
        if notices is None or not notices.items:
            return
        decoys = []
        for index, name in enumerate(ctx.plan.ticker_decoys):
            template = notices.items[index]
            decoy = Item(column=notices, serial=template.serial + 1, title=name, date=template.date,
                         url=self.item_url(notices, template.date, template.serial + 1, ctx.rng),
                         publisher=template.publisher, index_no=template.index_no, doc_no="",
                         paragraphs=template.paragraphs)
            notices.items.insert(index, decoy)
            decoys.append(decoy)
        if (decoys or ctx.rng.random() < 0.5) and not ctx.plan.ticker_off:
            ctx.ticker = (decoys + [it for it in notices.items if it not in decoys])[:6]

    def _put_html(self, files: dict[str, Resource], url: str, html: str, encoding: str = "utf-8") -> None:
        key = url + "index.html" if url.endswith("/") else url
        if encoding == "utf-8":
            files[key] = Resource(html.encode("utf-8"), CONTENT_TYPES["html"])
            return
        # the header names no charset: only the page's own <meta charset> does
        html = html.replace('<meta charset="utf-8" />', f'<meta charset="{encoding}" />', 1)
        files[key] = Resource(html.encode(encoding, errors="xmlcharrefreplace"), "text/html")

    def _publish(self, ctx: Context, files: dict[str, Resource]) -> None:
        lib = library()
        files["/css/site.css"] = Resource(_CSS.encode("utf-8"), CONTENT_TYPES["css"])
        files["/images/logo.png"] = Resource(images.logo_png(), CONTENT_TYPES["png"])
        files["/images/loading.gif"] = Resource(lib.gif(0), CONTENT_TYPES["gif"])
        files["/images/banner.jpg"] = Resource(lib.banner(0), CONTENT_TYPES["jpg"])
        if ctx.plan.image_nav:
            for index, _ in enumerate(ctx.root.children):
                files[f"/images/nav/nav{index}.png"] = Resource(lib.icon(index), CONTENT_TYPES["png"])
        self._put_html(files, "/", self.frame(ctx, None, self.home_main(ctx), SITE_NAME), ctx.encoding)
        for column in ctx.root.walk():
            if column.parent is None or column.is_gone():
                continue
            if column.kind == "parent":
                self._put_html(files, column.url, self.frame(ctx, column, self.parent_main(ctx, column), column.label),
                               ctx.encoding)
            elif column.kind == "page":
                self._put_html(files, column.url, self.frame(ctx, column, self.page_main(ctx, column), column.label),
                               ctx.encoding)
            else:
                pages = max(1, -(-len(column.items) // column.per_page))
                for page in range(pages):
                    chunk = column.items[page * column.per_page:(page + 1) * column.per_page]
                    main = self.leaf_main(ctx, column, chunk, page, pages)
                    self._put_html(files, self.list_page_url(column, page), self.frame(ctx, column, main, column.label),
                                   ctx.encoding)
                for item in column.items:
                    self._put_html(files, item.url, self.item_html(ctx, item), ctx.encoding)
        for text, url in ctx.toolbar:
            if url:
                rows = blocks.list_rows(ctx.news[:8], "span", self.item_href, ctx.rng, ctx.classes["list"])
                main = f"<h2>{esc(text)}</h2>{rows}"
                self._put_html(files, url, blocks.document(f"{text}_{SITE_NAME}", main), ctx.encoding)
        self.extra_files(ctx, files)
