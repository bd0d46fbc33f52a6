"""HTML pieces of a disjoint portal, each drawn in any of the ways a site builder might: lists as
``ul``/``div``/``table``/``dl``, sub-column offers as plain lists, hover menus, navigating
``<select>``s, image maps or tiles, breadcrumbs with any separator. Class names come from the
caller (random tokens); nothing here names a class itself.
"""

from __future__ import annotations

from html import escape


def esc(text: str) -> str:
    return escape(text, quote=True)


def link(url: str, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_")}="{esc(v)}"' for k, v in attrs.items())
    return f'<a href="{esc(url)}"{extra}>{esc(text)}</a>'


def container(kind: str, rows: list[list[str]], cls: str) -> str:
    """Rows of cells (HTML) as a list of ``kind``; extra cells of a one-line row sit in spans."""
    if kind == "table":
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        return f'<table class="{cls}">{body}</table>'
    if kind == "dl":
        body = "".join(f"<dt>{row[0]}</dt>" + "".join(f"<dd>{c}</dd>" for c in row[1:]) for row in rows)
        return f'<dl class="{cls}">{body}</dl>'
    outer, inner = ("ul", "li") if kind == "ul" else ("div", "div")
    body = "".join(f"<{inner}>{row[0]}" + "".join(f"<span>{c}</span>" for c in row[1:]) + f"</{inner}>"
                   for row in rows)
    return f'<{outer} class="{cls}">{body}</{outer}>'


def offer(kind: str, entries: list[tuple[str, str]], container_kind: str, cls: dict[str, str],
          frame_url: str = "", map_image: str = "") -> str:
    """A parent page's offer of its sub-columns (``entries``: URL, name) in the ``kind`` of markup."""
    if kind == "list":
        return container(container_kind, [[link(u, n)] for u, n in entries], cls["offer"])
    if kind == "hover":
        inner = container(container_kind, [[link(u, n)] for u, n in entries], cls["drop"])
        return f'<div class="{cls["menu"]}"><span>栏目导航</span>{inner}</div>'
    if kind == "select":
        options = "".join(f'<option value="{esc(u)}">{esc(n)}</option>' for u, n in entries)
        return (f'<select class="{cls["offer"]}" onchange="window.location.href=this.value">'
                f'<option value="">请选择栏目</option>{options}</select>')
    if kind == "iframe":
        return (f'<iframe class="{cls["offer"]}" src="{esc(frame_url)}" width="100%" height="240" '
                f'frameborder="0" scrolling="no"></iframe>')
    if kind == "imagemap":
        areas = "".join(f'<area shape="rect" coords="{i * 120},0,{i * 120 + 110},40" href="{esc(u)}" '
                        f'alt="{esc(n)}" title="{esc(n)}" />' for i, (u, n) in enumerate(entries))
        return (f'<img src="{esc(map_image)}" usemap="#{cls["map"]}" width="{120 * len(entries)}" height="40" '
                f'alt="" /><map name="{cls["map"]}">{areas}</map>')
    if kind == "tiles":
        tiles = "".join(f'<a href="{esc(u)}" title="{esc(n)}"><span class="{cls["tile"]}"><em>{esc(n)}</em></span></a>'
                        for u, n in entries)
        return f'<div class="{cls["offer"]}">{tiles}</div>'
    raise ValueError(f"unknown offer {kind!r}")


def offer_css(kind: str, cls: dict[str, str]) -> str:
    """What makes an offer behave: a hover menu hidden until the pointer is over it."""
    if kind == "hover":
        return f'.{cls["drop"]}{{display:none}}.{cls["menu"]}:hover .{cls["drop"]}{{display:block}}'
    return ""


def crumbs(trail: list[tuple[str, str | None]], separator: str, prefix: str, cls: str) -> str:
    """A breadcrumb: (name, URL or None for the current page) from the home page down."""
    parts = [link(u, n) if u else f"<span>{esc(n)}</span>" for n, u in trail]
    return f'<div class="{cls}">{esc(prefix)}{f" {esc(separator)} ".join(parts)}</div>'


def document(title: str, css: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8" /><title>{esc(title)}</title>'
            f"<style>{css}</style></head>\n<body>\n{body}\n</body></html>\n")
