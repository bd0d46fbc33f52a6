"""A portal whose 政府信息公开 platform is drawn by script, beside static pages, with its ground truth.

The platform is built the way current provincial 集约化 platforms are: ``/xxgk/index.html`` is a
shell (a mount point, an inline JSON config holding the directory tree, one script file); the script
draws the tree, and for ``index.html#<id>`` the column's list, fetched from a JSON API
(``/xxgk/api/list/<id>.json``). Read as static HTML the shell shows no column at all.

Planted, per column of the platform: a fresh list (规划信息), a stale one (财政资金), a really empty
one (政策文件: the API answers an empty list), one that never finishes loading (统计信息: the API never
answers), and a column the script data names differently (人事信息 shown as 人事资讯); the newest
plan's figure is missing (a broken image behind a script-drawn list). 新闻动态 is a
static column beside it, the same with or without a browser. Everything is generated from
``AS_OF``; the server is ``portal_lab.scripted.server``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

#: the date the audit judges against (tests pass ``--as-of``)
AS_OF = "2026-12-01"
SPEC = Path(__file__).resolve().parent / "spec.yaml"
#: the API path that never answers (the server holds the request open)
HANGING_PREFIX = "/xxgk/api/list/tjxx"


@dataclass(frozen=True)
class Column:
    """A column of the script-drawn platform: its id in the config, the name the site shows, its
    items' ages in days (None: the API never answers)."""

    id: str
    name: str
    ages: tuple[int, ...] | None


COLUMNS: tuple[Column, ...] = (
    Column("ghxx", "规划信息", (3, 20, 45, 90, 200)),
    Column("czzj", "财政资金", (500, 620, 700)),
    Column("zcwj", "政策文件", ()),
    Column("tjxx", "统计信息", None),
    Column("rsxx", "人事资讯", (10, 40)),
)
NEWS_AGES: tuple[int, ...] = (1, 5, 9, 14, 30, 41)
#: 通知公告: a static page whose list its own script loads from /tzgg/list.json (the data path's case)
NOTICE_AGES: tuple[int, ...] = (2, 16, 33, 70)

#: what a correct audit finds, by the mandated path's last segment: status, items, newest age
TRUTH: dict[str, dict[str, object]] = {
    "规划信息": {"status": "ok", "items": 5, "newest_days": 3, "broken_image": "/xxgk/art/ghxx/missing-figure.png"},
    "财政资金": {"status": "stale", "items": 3, "newest_days": 500},
    "政策文件": {"status": "empty", "items": 0},
    "统计信息": {"status": "unverified"},
    "人事信息": {"status": "renamed", "items": 2, "newest_days": 10, "site_name": "人事资讯"},
    "新闻动态": {"status": "ok", "items": 6, "newest_days": 1},
    "通知公告": {"status": "ok", "items": 4, "newest_days": 2},
}


def _day(age: int) -> str:
    return (dt.date.fromisoformat(AS_OF) - dt.timedelta(days=age)).isoformat()


def _page(title: str, body: str, head: str = "") -> bytes:
    return (
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)} - 实验区人民政府</title>{head}</head><body>"
        "<div class=\"header\"><div class=\"logo\">实验区人民政府</div>"
        "<ul class=\"nav\"><li><a href=\"/index.html\">首页</a></li>"
        "<li><a href=\"/xwdt/index.html\">新闻动态</a></li>"
        "<li><a href=\"/tzgg/index.html\">通知公告</a></li>"
        "<li><a href=\"/xxgk/index.html\">政府信息公开</a></li></ul></div>"
        f"{body}<div class=\"footer\">主办：实验区人民政府办公室</div></body></html>"
    ).encode("utf-8")


def _article(title: str, date: str, crumbs: str, image: str | None = None) -> bytes:
    figure = f"<p><img src=\"{image}\" alt=\"附图\"></p>" if image else ""
    body = (
        f"<div class=\"crumb\">当前位置：<a href=\"/index.html\">首页</a> &gt; {crumbs}</div>"
        f"<div class=\"article\"><h1>{escape(title)}</h1><div class=\"info\">发布日期：{date}</div>"
        f"<div class=\"content\"><p>{escape(title)}的正文。本文件自发布之日起施行，请各单位认真贯彻执行。</p>{figure}</div></div>"
    )
    return _page(title, body)


def _config() -> dict[str, object]:
    """The inline config the shell carries: the directory tree and the list API's address."""
    return {
        "site": "实验区政府信息公开",
        "listApi": "/xxgk/api/list/{id}.json",
        "tree": [
            {"id": "zn", "name": "政府信息公开指南", "children": []},
            {"id": "fdzdgknr", "name": "法定主动公开内容", "children": [{"id": c.id, "name": c.name} for c in COLUMNS]},
        ],
    }


#: the platform's script: draws the tree, the breadcrumb and, for #<id>, the column's list
APP_JS = r"""
(function () {
  var cfg = window.XXGK_CONFIG, app = document.getElementById('app');
  function find(nodes, id, trail) {
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i], t = trail.concat([n]);
      if (n.id === id) return t;
      var sub = find(n.children || [], id, t);
      if (sub) return sub;
    }
    return null;
  }
  function tree(nodes, current) {
    var html = '<ul>';
    nodes.forEach(function (n) {
      html += '<li><a href="index.html#' + n.id + '"' + (n.id === current ? ' class="on"' : '') + '>' + n.name + '</a>';
      if (n.children && n.children.length) html += tree(n.children, current);
      html += '</li>';
    });
    return html + '</ul>';
  }
  function draw() {
    var id = location.hash.replace('#', ''), trail = id ? find(cfg.tree, id, []) : null;
    var crumbs = '<a href="/index.html">首页</a> &gt; <a href="index.html">政府信息公开</a>';
    (trail || []).forEach(function (n) { crumbs += ' &gt; <a href="index.html#' + n.id + '">' + n.name + '</a>'; });
    var html = '<div class="crumb">当前位置：' + crumbs + '</div><div class="left tree">' + tree(cfg.tree, id) + '</div>';
    if (trail) {
      var node = trail[trail.length - 1];
      html += '<div class="main"><h2 class="column-title">' + node.name + '</h2>';
      if (node.children && node.children.length) {
        html += '<div class="subcolumns">';
        node.children.forEach(function (c) { html += '<div class="box"><h3><a href="index.html#' + c.id + '">' + c.name + '</a></h3></div>'; });
        html += '</div></div>';
        app.innerHTML = html;
        return;
      }
      html += '<ul class="list" id="list">加载中...</ul></div>';
      app.innerHTML = html;
      fetch(cfg.listApi.replace('{id}', node.id)).then(function (r) { return r.json(); }).then(function (data) {
        var ul = document.getElementById('list');
        if (!data.list.length) { ul.outerHTML = '<div class="empty">暂无信息</div>'; return; }
        ul.innerHTML = data.list.map(function (it) {
          return '<li><a href="' + it.url + '">' + it.title + '</a><span class="date">' + it.date + '</span></li>';
        }).join('');
      });
    } else {
      html += '<div class="main"><h2 class="column-title">政府信息公开</h2></div>';
      app.innerHTML = html;
    }
  }
  window.addEventListener('hashchange', draw);
  draw();
})();
"""


def build_site(tracker: str | None = None) -> dict[str, tuple[str, bytes]]:
    """Every resource of the portal: path -> (content type, bytes). The hanging API is the server's.
    ``tracker``: an origin (``http://127.0.0.1:PORT``) whose statistics script the shell loads, as
    portals load a third party's; a crawl's browser must never ask it."""
    html, js, data = "text/html; charset=utf-8", "application/javascript; charset=utf-8", "application/json; charset=utf-8"
    site: dict[str, tuple[str, bytes]] = {}
    home = (
        "<div class=\"main\"><div class=\"box\"><h3>新闻动态</h3><ul>"
        + "".join(f"<li><a href=\"/xwdt/{i}.html\">实验区新闻第{i}期</a><span>{_day(a)}</span></li>" for i, a in enumerate(NEWS_AGES, 1))
        + "</ul><a href=\"/xwdt/index.html\">更多</a></div></div>"
    )
    site["/index.html"] = (html, _page("首页", home))
    news = (
        "<div class=\"crumb\">当前位置：<a href=\"/index.html\">首页</a> &gt; <a href=\"/xwdt/index.html\">新闻动态</a></div>"
        "<div class=\"main\"><h2>新闻动态</h2><ul class=\"list\">"
        + "".join(f"<li><a href=\"/xwdt/{i}.html\">实验区新闻第{i}期</a><span>{_day(a)}</span></li>" for i, a in enumerate(NEWS_AGES, 1))
        + "</ul></div>"
    )
    site["/xwdt/index.html"] = (html, _page("新闻动态", news))
    for i, age in enumerate(NEWS_AGES, 1):
        crumbs = "<a href=\"/xwdt/index.html\">新闻动态</a>"
        site[f"/xwdt/{i}.html"] = (html, _article(f"实验区新闻第{i}期", _day(age), crumbs))
    notices = [
        {"title": f"实验区通知公告（{n}）", "url": f"/tzgg/{n}.html", "pubDate": f"{_day(age)} 09:30:00"}
        for n, age in enumerate(NOTICE_AGES, 1)
    ]
    for n, age in enumerate(NOTICE_AGES, 1):
        site[f"/tzgg/{n}.html"] = (html, _article(f"实验区通知公告（{n}）", _day(age), "<a href=\"/tzgg/index.html\">通知公告</a>"))
    site["/tzgg/list.json"] = (data, json.dumps({"total": len(notices), "list": notices}, ensure_ascii=False).encode("utf-8"))
    notice_page = (
        "<div class=\"crumb\">当前位置：<a href=\"/index.html\">首页</a> &gt; <a href=\"/tzgg/index.html\">通知公告</a></div>"
        "<div class=\"main\"><h2>通知公告</h2><ul class=\"news-list\" id=\"docList\"></ul></div>"
        "<script>(function () { var channel = \"list\"; var ul = document.getElementById('docList');"
        " fetch('/tzgg/' + channel + '.json').then(function (r) { return r.json(); }).then(function (d) {"
        " ul.innerHTML = d.list.map(function (it) { return '<li><a href=\"' + it.url + '\">' + it.title +"
        " '</a><span class=\"date\">' + it.pubDate.substring(0, 10) + '</span></li>'; }).join(''); }); })();</script>"
    )
    site["/tzgg/index.html"] = (html, _page("通知公告", notice_page))
    config = json.dumps(_config(), ensure_ascii=False)
    shell_head = "<noscript>请启用JavaScript以浏览政府信息公开平台</noscript>"
    third_party = f"<script async src=\"{tracker}/stat.js\"></script>" if tracker else ""
    shell = f"<div id=\"app\"></div>{third_party}<script>window.XXGK_CONFIG = {config};</script><script src=\"/xxgk/app.js\"></script>"
    site["/xxgk/index.html"] = (html, _page("政府信息公开", shell, shell_head))
    site["/xxgk/app.js"] = (js, APP_JS.encode("utf-8"))
    for column in COLUMNS:
        if column.ages is None:
            continue
        items = []
        for n, age in enumerate(column.ages, 1):
            url = f"/xxgk/art/{column.id}/{n}.html"
            title = f"{column.name}公告（第{n}号）"
            items.append({"title": title, "url": url, "date": _day(age)})
            crumbs = f"<a href=\"/xxgk/index.html\">政府信息公开</a> &gt; <a href=\"/xxgk/index.html#{column.id}\">{column.name}</a>"
            # the newest plan's figure is gone from the server: a broken image behind a script-drawn list
            image = f"/xxgk/art/{column.id}/missing-figure.png" if column.id == "ghxx" and n == 1 else None
            site[url] = (html, _article(title, _day(age), crumbs, image))
        body = json.dumps({"total": len(items), "list": items}, ensure_ascii=False).encode("utf-8")
        site[f"/xxgk/api/list/{column.id}.json"] = (data, body)
    return site
