"""HTML building blocks every family draws with: list rows with dates in many forms and places,
column trees by policy, sub-column regions (boxes, tab blocks, grids), tool bars, tickers, hidden
legacy blocks, breadcrumbs, item pages' facts and media. A family picks and arranges them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from html import escape

from portal_lab.families.layout import DateStyle, TreePolicy
from portal_lab.families.site import Item, SiteColumn

#: class words per role; one is drawn per portal, so class names differ from portal to portal
CLASS_POOLS: dict[str, tuple[str, ...]] = {
    "header": ("top", "head", "site-top", "banner-top", "tou"),
    "toolbar": ("toolbar", "top-tools", "fzgn", "tools", "topbar"),
    "nav": ("nav", "menu", "daohang", "main-nav", "dh"),
    "ticker": ("scroll-news", "gundong", "marquee-box", "latest", "zxgk"),
    "crumb": ("position", "breadcrumb", "dqwz", "location", "crumbs"),
    "tree": ("left-nav", "lm_tree", "side-menu", "sidebar", "zuo", "leftnav", "column-tree"),
    "main": ("content", "right", "main-box", "con-right", "you"),
    "title": ("column-title", "lm-title", "tit", "bt", "ttl"),
    "list": ("list", "news-list", "lb", "info-list", "xxgk-list"),
    "box": ("box", "lm-box", "sub-box", "pane", "mod"),
    "pager": ("page", "pagination", "fy", "pages"),
    "footer": ("footer", "foot", "bottom", "di"),
    "links": ("links", "yqlj", "friend-links", "link-box"),
}


def pick_classes(rng: random.Random, prefix: str) -> dict[str, str]:
    return {role: prefix + rng.choice(pool) for role, pool in CLASS_POOLS.items()}


def esc(text: str) -> str:
    return escape(text, quote=True)


def date_text(day: dt.date, style: DateStyle, rng: random.Random) -> str:
    """How a list writes a date (empty for the styles that leave it to the URL or the item page)."""
    if style == "bracket":
        return f"[{day:%Y-%m-%d}]"
    if style == "chinese":
        return f"{day.year}年{day.month}月{day.day}日" if rng.random() < 0.5 else f"{day:%Y年%m月%d日}"
    if style == "slash":
        return f"{day:%Y/%m/%d}"
    if style == "short":
        return f"{day:%m-%d}"
    if style in ("url_only", "page_only"):
        return ""
    return f"{day:%Y-%m-%d}"


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def item_link(item: Item, href: str, width: int = 32) -> str:
    """A title link; a long title is cut in the text and whole in ``title``, as CMSes do."""
    return f'<a href="{esc(href)}" title="{esc(item.title)}" target="_blank">{esc(cut(item.title, width))}</a>'


def list_rows(items: Sequence[Item], style: DateStyle, href: Callable[[Item], str], rng: random.Random,
              cls: str, markup: str = "ul") -> str:
    """A column's list: ``ul`` rows with the date beside the link, or ``dl`` rows with the date in
    the next cell (``next_cell`` style always uses a cell of its own)."""
    if markup == "dl" or style == "next_cell":
        top = ' class="top"'
        rows = "".join(
            f'<dl{top if it.pinned else ""}><dd class="t">{item_link(it, href(it))}</dd>'
            f'<dd class="d">{it.date:%Y-%m-%d}</dd></dl>\n'
            for it in items
        )
        return f'<div class="{cls}">\n{rows}</div>'
    rows = []
    for it in items:
        when = date_text(it.date, style, rng)
        date = f'<span class="date">{esc(when)}</span>' if when else ""
        top = '<i class="zd">置顶</i>' if it.pinned else ""
        rows.append(f"<li>{top}{item_link(it, href(it))}{date}</li>\n")
    return f'<ul class="{cls}">\n{"".join(rows)}</ul>'


def table_rows(items: Sequence[Item], href: Callable[[Item], str], rng: random.Random, date_style: DateStyle,
               cls: str) -> str:
    """The 信息公开目录 table: 名称 / 索引号 / 发布机构 / 发布日期."""
    head = ('<tr><th width="47%">名称</th><th width="21%">索引号</th><th width="19%">发布机构</th>'
            '<th width="12%">发布日期</th></tr>\n')
    style: DateStyle = date_style if date_style in ("chinese", "slash", "span") else "span"
    rows = "".join(
        f"<tr><td>{item_link(it, href(it), 40)}</td><td>{esc(it.index_no)}</td><td>{esc(it.publisher)}</td>"
        f"<td>{esc(date_text(it.date, style, rng))}</td></tr>\n"
        for it in items
    )
    return f'<div class="{cls}"><table><tbody>\n{head}{rows}</tbody></table></div>'


def placeholder(text: str, cls: str) -> str:
    return f'<div class="{cls}"><p class="nodata">{esc(text)}</p></div>'


def hidden_legacy(items: Sequence[Item], href: Callable[[Item], str], dates: Sequence[dt.date]) -> str:
    """What an old template left behind: a list no visitor sees (``display:none``) and a commented
    out block with dates newer than anything visible. Neither is content a person reads."""
    shown = "".join(f'<li><a href="{esc(href(it))}">{esc(cut(it.title, 28))}</a><span>{it.date:%Y-%m-%d}</span></li>'
                    for it in items)
    comment = "".join(f'<li><a href="./{d:%Y%m}/t{d:%Y%m%d}_{1000 + i}.html">旧版栏目信息{i + 1}</a>'
                      f"<span>{d:%Y-%m-%d}</span></li>" for i, d in enumerate(dates))
    return (f'<div class="m-list" style="display:none"><ul>{shown}</ul></div>\n'
            f"<!-- 旧版模板\n<div class=\"list\"><ul>{comment}</ul></div>\n-->\n")


def toolbar(entries: Sequence[tuple[str, str | None]], cls: str) -> str:
    links = "".join(
        f'<a href="{esc(url)}">{esc(text)}</a>' if url else f'<a href="javascript:void(0);" onclick="return false;">{esc(text)}</a>'
        for text, url in entries
    )
    return f'<div class="{cls}">{links}</div>'


def ticker(items: Sequence[Item], href: Callable[[Item], str], cls: str, label: str = "最新公开") -> str:
    """A scrolling marquee of the newest items (one may be titled exactly like a column)."""
    rows = "".join(f'<li><a href="{esc(href(it))}" title="{esc(it.title)}">{esc(it.title)}</a>'
                   f"<span>[{it.date:%Y-%m-%d}]</span></li>" for it in items)
    return (f'<div class="{cls}"><strong>{esc(label)}：</strong><marquee behavior="scroll" scrollamount="3">'
            f"<ul>{rows}</ul></marquee></div>")


def breadcrumb(prefix: str, separator: str, crumbs: Sequence[tuple[str, str | None]], cls: str) -> str:
    parts = [f'<a href="{esc(url)}">{esc(text)}</a>' if url else f"<span>{esc(text)}</span>" for text, url in crumbs]
    return f'<div class="{cls}">{esc(prefix)}{f" {esc(separator)} ".join(parts)}</div>'


def tree_levels(current: SiteColumn, policy: TreePolicy) -> list[tuple[SiteColumn, list[SiteColumn]]]:
    """Which columns a column tree shows, as (column, its shown children) from the section down.

    section: every column of the top-level section, expanded; path: the section's columns with the
    current column's ancestors and the column itself expanded; ancestors: the siblings of the column
    and of each ancestor, never the column's own children."""
    trail = current.trail
    if not trail:
        return []
    top = trail[0]
    if policy == "section":
        return [(c, c.visible_children) for c in top.walk() if c.kind == "parent" and not c.is_gone()]
    if policy == "path":
        return [(c, c.visible_children) for c in trail if c.kind == "parent"]
    levels = []
    for node in trail:
        assert node.parent is not None
        levels.append((node.parent, node.parent.visible_children))
    return levels


def tree_html(current: SiteColumn, policy: TreePolicy, url: Callable[[SiteColumn], str], label: Callable[[SiteColumn], str],
              cls: str, heading: str | None = None) -> str:
    levels = dict((id(parent), children) for parent, children in tree_levels(current, policy))
    trail = current.trail
    if not trail:
        return ""
    start = trail[0] if policy != "ancestors" else trail[0].parent
    assert start is not None

    def branch(node: SiteColumn) -> str:
        children = levels.get(id(node))
        if not children:
            return ""
        rows = []
        for child in children:
            on = ' class="on"' if child is current else ""
            rows.append(f'<li{on}><a href="{esc(url(child))}"{on}>{esc(label(child))}</a>{branch(child)}</li>')
        return "<ul>" + "".join(rows) + "</ul>"

    title = heading if heading is not None else (label(trail[0]) if policy != "ancestors" else "栏目导航")
    return f'<div class="{cls}"><h3>{esc(title)}</h3>{branch(start)}</div>'


def more_link(href: str) -> str:
    return f'<a class="more" href="{esc(href)}">更多&gt;</a>'


def facts_table(rows: Sequence[tuple[str, str]], cls: str = "facts") -> str:
    body = "".join(f"<tr><th>{esc(label)}</th><td>{esc(value)}</td></tr>" for label, value in rows)
    return f'<table class="{cls}"><tbody>{body}</tbody></table>'


def media_html(item: Item) -> str:
    out = []
    for medium in item.media:
        url = esc(medium.url)
        if medium.kind == "image":
            attr = f'data-src="{url}" src="/images/loading.gif"' if medium.via == "lazy" else f'src="{url}"'
            out.append(f'<p style="text-align:center"><img {attr} alt="{esc(medium.caption)}" /></p>')
        elif medium.kind == "video":
            if medium.via == "source":
                out.append(f'<video controls width="640"><source src="{url}" type="video/mp4" /></video>')
            else:
                out.append(f'<video controls width="640" src="{url}"></video>')
        elif medium.kind == "audio":
            out.append(f'<audio controls src="{url}"></audio>')
        elif medium.kind == "flash":
            out.append(f'<embed src="{url}" type="application/x-shockwave-flash" width="640" height="400" />')
    return "\n".join(out)


def attachments_html(item: Item) -> str:
    if not item.attachments:
        return ""
    rows = "".join(f'<li><a href="{esc(a.url)}">{esc(a.name)}</a></li>' for a in item.attachments)
    return f'<div class="fj"><p>附件：</p><ul>{rows}</ul></div>'


def paragraphs_html(paragraphs: Sequence[str]) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in paragraphs)


def wrap(html: str, depth: int, cls: str) -> str:
    """Random nesting: the same region inside one to three anonymous wrappers."""
    for level in range(depth - 1):
        html = f'<div class="{cls}-w{level}">{html}</div>'
    return html


def document(title: str, body: str, head_extra: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{charset}" />\n'
            f"<title>{esc(title)}</title>\n{head_extra}"
            f'<link rel="stylesheet" href="/css/site.css" />\n</head>\n<body>\n{body}\n</body>\n</html>\n')
