"""Column pages of a government portal in many markups, drawn from a seed, with what each link is.

Every rule of the page readers is tested on several of these: class names, nesting, block order and
date forms vary the way they vary between CMS templates, so a rule that only fits one template
fails. ``column_page(seed)`` returns the HTML and the planted truth (``Planted``). Loaded by path
from the tests (``load_variants`` in conftest.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

BASE = "http://www.portal.gov.cn/"
PAGE_URL = BASE + "zwgk/fdzdgknr/"
TOOLBAR_NAMES = ("无障碍浏览", "长者模式", "手机版", "设为首页", "RSS", "关怀版", "繁體", "English")
SECTIONS = (("首页", ""), ("政务公开", "zwgk/"), ("新闻中心", "xwzx/"), ("政务服务", "zwfw/"), ("互动交流", "hdjl/"))
TREE = (("机构职能", "zwgk/jgzn/"), ("法定主动公开内容", "zwgk/fdzdgknr/"), ("政府信息公开年报", "zwgk/ndbg/"))
SUBS = (("规划信息", "ghxx/"), ("统计信息", "tjxx/"), ("财政信息", "czxx/"), ("人事信息", "rsxx/"))


@dataclass
class Planted:
    """What a person reads on the page: each URL's role, the tree's levels and current node, the
    sub-column names and the list entries with their dates."""

    roles: dict[str, str] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)
    current: str = ""
    #: (name, url) of the current column's sub-columns as a person reads them
    subcolumns: list[tuple[str, str]] = field(default_factory=list)
    #: url -> ISO date of every visible list entry
    entries: dict[str, str] = field(default_factory=dict)
    #: urls of entries only in hidden or commented-out blocks
    hidden: list[str] = field(default_factory=list)
    tab_blocks: bool = False


def _date_text(rng: random.Random, iso: str) -> str:
    y, m, d = iso.split("-")
    return rng.choice((iso, f"[{iso}]", f"{y}年{m}月{d}日", f"{y}/{m}/{d}", f"({iso})", f"{y}.{m}.{d}"))


def _cls(rng: random.Random, *choices: str) -> str:
    return rng.choice(choices)


def column_page(seed: int, *, tabs: bool | None = None, hidden_only: bool = False) -> tuple[str, Planted]:
    rng = random.Random(seed)
    truth = Planted()
    tabs = rng.random() < 0.5 if tabs is None else tabs
    truth.tab_blocks = tabs and not hidden_only

    toolbar_names = rng.sample(TOOLBAR_NAMES, 4)
    tool_urls = [f"{BASE}{slug}/" for slug in rng.sample(["wza", "zzms", "m", "sy", "rss", "ghb", "ft", "en"], 4)]
    toolbar = "".join(f'<a href="{u}">{n}</a>' for n, u in zip(toolbar_names, tool_urls))
    for u in tool_urls:
        truth.roles[u] = "toolbar"
    top = f'<div class="{_cls(rng, "toolbar", "top-tools", "wza_bar", "topbar", "site-tools")}">{toolbar}</div>'

    nav_items = "".join(
        f'<li><a href="{BASE}{href}">{name}</a></li>' for name, href in SECTIONS
    )
    for _, href in SECTIONS:
        truth.roles.setdefault(BASE + href, "nav")
    nav = f'<div class="{_cls(rng, "nav", "mainNav", "menu", "daohang", "main-nav")}"><ul>{nav_items}</ul></div>'
    header = f'<div class="{_cls(rng, "header", "site-header", "head_top", "top")}">{top}<div class="logo">示例市人民政府</div></div>'

    crumb = (
        f'<div class="{_cls(rng, "position", "crumb", "dqwz", "location", "bread-nav")}">'
        f'{_cls(rng, "当前位置：", "您现在的位置：", "")}<a href="{BASE}">首页</a> &gt; '
        f'<a href="{BASE}zwgk/">政务公开</a> &gt; <a href="{PAGE_URL}">法定主动公开内容</a></div>'
    )
    truth.roles[BASE + "zwgk/"] = "nav"  # in the navigation first

    current_class = _cls(rng, "on", "cur", "active", "current")
    tree_rows = []
    for name, href in TREE:
        url = BASE + href
        if url == PAGE_URL:
            children = "".join(f'<li><a href="{PAGE_URL}{h}">{n}</a></li>' for n, h in SUBS)
            tree_rows.append(f'<li class="{current_class}"><a href="{url}">{name}</a><ul class="sub">{children}</ul></li>')
            for n, h in SUBS:
                truth.levels[PAGE_URL + h] = 2
        else:
            tree_rows.append(f"<li><a href=\"{url}\">{name}</a></li>")
        truth.levels[url] = 1
        truth.roles[url] = "tree"
    truth.current = PAGE_URL
    tree = (
        f'<div class="{_cls(rng, "left", "sideMenu", "leftnav", "side-bar", "lm-tree left")}">'
        f'<h2>{_cls(rng, "政府信息公开", "栏目导航")}</h2><ul>{"".join(tree_rows)}</ul></div>'
    )

    blocks: list[str] = []
    day = 28
    if tabs and not hidden_only:
        head_class = _cls(rng, "tabs_header", "box-hd", "tit", "lm-title", "panel-heading", "list-head")
        heading_tag = _cls(rng, "h3", "span", "strong", "div")
        for name, href in SUBS:
            url = PAGE_URL + href
            rows = []
            for k in range(rng.randint(2, 5)):
                item = f"{url}2026{rng.randint(1, 3):02d}/t2026030{k}_{seed}{k}.html"
                iso = f"2026-03-{day:02d}"
                day -= 1
                truth.entries[item] = iso
                truth.roles[item] = "entry"
                rows.append(f'<li><a href="{item}">{name}专项内容第{k + 1}期</a><span>{_date_text(rng, iso)}</span></li>')
            more = f'<a class="{_cls(rng, "more", "gd", "fr")}" href="{url}">{_cls(rng, "更多>", "更多>>", "more+", "更多")}</a>'
            label = f'<a href="{url}">{name}</a>' if rng.random() < 0.3 else name
            heading = f"<{heading_tag} class=\"t\">{label}</{heading_tag}>"
            parts = [heading, more] if rng.random() < 0.5 else [more, heading]
            body = f'<ul class="{_cls(rng, "list", "news-list", "lb")}">{"".join(rows)}</ul>'
            if rng.random() < 0.4:
                body = f'<div class="{_cls(rng, "tabs_body", "tab-bd", "box-body")}">{body}</div>'
            blocks.append(
                f'<div class="{_cls(rng, "box", "block", "col-item", "mod", "tab-block")}"><div class="{head_class}">{"".join(parts)}</div>'
                f"{body}</div>"
            )
            truth.roles[url] = "tab"
            truth.subcolumns.append((name, url))
    else:
        box = "".join(f'<li><a href="{PAGE_URL}{h}">{n}</a></li>' for n, h in SUBS)
        blocks.append(f'<div class="{_cls(rng, "sub-columns", "lmlb", "column-box", "zlm")}"><ul>{box}</ul></div>')
        for n, h in SUBS:
            truth.subcolumns.append((n, PAGE_URL + h))
        if not hidden_only:
            blocks.append(_dated_list(rng, truth, seed))
    hidden_items = [f"{BASE}old/2019{k:02d}/t2019010{k}_{seed}.html" for k in range(1, 4)]
    hidden_rows = "".join(f'<li><a href="{u}">旧模板信息{k}</a><span>2019-01-0{k + 1}</span></li>' for k, u in enumerate(hidden_items))
    truth.hidden = hidden_items
    how = rng.choice(("style", "attr", "class", "comment"))
    if how == "style":
        hidden = f'<div class="list" style="{_cls(rng, "display:none", "display: none;", "DISPLAY:NONE")}"><ul>{hidden_rows}</ul></div>'
    elif how == "attr":
        hidden = f"<div hidden><ul>{hidden_rows}</ul></div>"
    elif how == "class":
        hidden = f'<div class="oldlist {_cls(rng, "hide", "d-none", "hidden")}"><ul>{hidden_rows}</ul></div>'
    else:
        hidden = f"<!-- 旧模板 <div class=\"list\"><ul>{hidden_rows}</ul></div> -->"
    blocks.insert(rng.randint(0, len(blocks)), hidden)
    ticker_url = f"{BASE}xwzx/202603/t20260301_9{seed}.html"
    ticker_rows = (
        f'<li><a href="{ticker_url}">规划信息</a><span>2026-03-01</span></li>'
        f'<li><a href="{BASE}xwzx/202602/t20260220_8{seed}.html">一则通知</a><span>2026-02-20</span></li>'
    )
    if rng.random() < 0.25:
        ticker = f"<div class=\"zxxx\"><marquee><ul>{ticker_rows}</ul></marquee></div>"
    else:
        ticker = f'<div class="{_cls(rng, "ticker", "gundong", "marquee-box", "rolling_news")}"><ul>{ticker_rows}</ul></div>'

    truth.roles[ticker_url] = "entry"
    main = f'<div class="{_cls(rng, "main", "content", "right", "con-right")}">{"".join(blocks)}</div>'

    pager = ""
    if not tabs and not hidden_only:
        pages = [("首页", PAGE_URL + "index.html"), ("上一页", PAGE_URL + "index.html"), ("2", PAGE_URL + "index_1.html"),
                 ("下一页", PAGE_URL + "index_1.html"), ("尾页", PAGE_URL + "index_2.html")]
        pager = f'<div class="{_cls(rng, "page", "pagination", "fenye", "pager")}">' + "".join(
            f'<a href="{u}">{n}</a>' for n, u in pages) + "</div>"
        truth.roles[PAGE_URL + "index_1.html"] = "pager"
        truth.roles[PAGE_URL + "index_2.html"] = "pager"
    friend_url = "http://www.gov.cn/"
    truth.roles[friend_url] = "friend"
    friends = f'<div class="{_cls(rng, "yqlj", "friend-links", "flink")}"><a href="{friend_url}">中国政府网</a></div>'
    footer_url = BASE + "lxwm/"
    truth.roles[footer_url] = "footer"
    footer = f'<div class="{_cls(rng, "footer", "foot", "bottom", "copyright")}"><a href="{footer_url}">联系我们</a> 主办：示例市人民政府</div>'

    if rng.random() < 0.3:  # old templates lay the page out in a table
        layout = f'<table class="layout" width="1200"><tr><td class="lm">{tree}</td><td>{main}{pager}</td></tr></table>'
    else:
        layout = f'<div class="{_cls(rng, "wrap", "container", "w1200")}">{tree}{main}{pager}</div>'
    body_parts = [ticker, crumb, layout]
    if rng.random() < 0.5:
        body_parts[0], body_parts[1] = body_parts[1], body_parts[0]
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>法定主动公开内容_示例市人民政府</title>'
        '<meta name="ColumnName" content="法定主动公开内容"></head><body>'
        f"{header}{nav}{''.join(body_parts)}{friends}{footer}</body></html>"
    )
    return html, truth


def _dated_list(rng: random.Random, truth: Planted, seed: int) -> str:
    shape = rng.choice(("li", "dl", "table", "div"))
    rows = []
    for k in range(rng.randint(4, 8)):
        iso = f"2026-03-{20 - k:02d}"
        # a dated entry is an article even when its URL looks like a column
        item = (f"{PAGE_URL}2026/03/{20 - k}/" if k == 1 else f"{PAGE_URL}202603/t202603{20 - k:02d}_{seed}{k}.html")
        title = f"关于法定主动公开事项的第{k + 1}号通知"
        date = _date_text(rng, iso)
        truth.entries[item] = iso
        truth.roles[item] = "entry"
        if shape == "li":
            rows.append(f'<li><span class="date">{date}</span><a href="{item}" title="{title}">{title}</a></li>'
                        if rng.random() < 0.3 else f'<li><a href="{item}">{title}</a><span>{date}</span></li>')
        elif shape == "dl":
            rows.append(f'<dl><dd><a href="{item}">{title}</a></dd><dd class="{_cls(rng, "time", "rq", "date")}">{date}</dd></dl>')
        elif shape == "table":
            rows.append(f'<tr><td><a href="{item}">{title}</a></td><td>11130400/2026-0{k}</td><td>示例市</td><td>{date}</td></tr>')
        else:
            rows.append(f'<div class="item"><a href="{item}">{title}</a><em>{date}</em></div>')
    if shape == "li":
        return f'<div class="{_cls(rng, "list", "news-list", "xxgk-list")}"><ul>{"".join(rows)}</ul></div>'
    if shape == "dl":
        return f'<div class="{_cls(rng, "list", "listbox")}">{"".join(rows)}</div>'
    if shape == "table":
        head = "<tr><th>名称</th><th>索引号</th><th>发布机构</th><th>发布日期</th></tr>"
        return f'<table class="{_cls(rng, "gkml", "xxgk-table", "tb")}">{head}{"".join(rows)}</table>'
    return f'<div class="{_cls(rng, "items", "rows")}">{"".join(rows)}</div>'
