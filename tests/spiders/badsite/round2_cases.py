"""Round two of the bad-input corpus (issue 19): answers a false ``missing`` or a wrong count came from.

* 编码异常: a column page sent with a ``Content-Encoding`` no client decodes (``x-snappy``): the tool
  cannot read it, so the column is ``unverified`` with that reason, never ``missing``;
* 分页栏目: a column linked as ``list.jsp?page=1`` (a page parameter in the column's own URL);
* 数据链接 / 脚本文件 / 计算链接: a column whose only link is a ``data:`` URL, a ``javascript:`` URL
  leading to ``file:``, or a URL computed by script: links that cannot be followed, ``unverified``;
* 机构职能: a comment inside the link text (``机构<!-- x -->职能``);
* 多种分页: a list of 10 items whose pager spells its one page several ways (``./``, ``index.html``,
  ``?page=1``, ``index.html?page=1``, ``#top``): 10 items, not one list per spelling;
* 空白页面 / 无内容: a column page answered 200 with an empty body, and 204 No Content: no traceback,
  ``unverified``;
* 服务大厅 > 办事指南: the column is linked only from a page the server refuses (503 every time) that
  the search passes through: ``unverified``, not ``missing``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SECTIONS: tuple[tuple[str, str], ...] = (
    ("编码异常", "/r2/enc/"),
    ("分页栏目", "/r2/lbfy/list.jsp?page=1"),
    ("数据链接", "data:text/html;base64,PGgxPuaVsOaNrjwvaDE+"),
    ("脚本文件", "javascript:location.href='file:///etc/passwd'"),
    ("机构<!-- x -->职能", "/r2/jgzn/"),
    ("多种分页", "/r2/dzfy/"),
    ("空白页面", "/r2/empty/"),
    ("无内容", "/r2/nocontent/"),
    ("服务大厅", "/r2/fwdt/"),
    # the link is written into the home page as href="…": this one closes the href and adds a click
    # script that computes the URL from a variable
    ("计算链接", "javascript:void(0)\" onclick=\"location.href='/r2/'+colId+'/'"),
)


def cases(case: Callable[..., Any]) -> tuple[Any, ...]:
    return (
        case(("编码异常",), "unverified", "encoding"),
        case(("分页栏目",), "ok", items=6),
        case(("数据链接",), "unverified"),
        case(("脚本文件",), "unverified"),
        case(("计算链接",), "unverified"),
        case(("机构职能",), "ok", items=6),
        case(("多种分页",), "ok", items=10),
        case(("空白页面",), "unverified", "empty answer (HTTP 200)"),
        case(("无内容",), "unverified", "empty answer (HTTP 204)"),
        case(("服务大厅", "办事指南"), "unverified", "HTTP 503"),
        case(("服务大厅", "空白栏目"), "unverified", "empty answer (HTTP 200)"),
        case(("服务大厅", "无内容栏目"), "unverified", "empty answer (HTTP 204)"),
    )


def routes(site: Any, m: Any) -> dict[str, Callable[[dict[str, list[str]]], Any]]:
    out: dict[str, Callable[[dict[str, list[str]]], Any]] = {}

    def listing(title: str, column: str, count: int = 6, after: str = "") -> Any:
        return m.BadSite.html(m.html_page(title, m.list_block(m.dated_items(column, title, count), after)))

    # snappy-framed bytes: a coding no HTTP client here decodes (a browser shows an error too)
    body = b"\xff\x06\x00\x00sNaPpY\x01\x0f\x00\x00" + bytes(range(256)) * 4
    out["/r2/enc/"] = lambda q: m.Answer(body=body, headers={"Content-Encoding": "x-snappy"})
    out["/r2/lbfy/list.jsp"] = lambda q: listing("分页栏目", "r2/lbfy")
    out["/r2/jgzn/"] = lambda q: listing("机构职能", "r2/jgzn")
    pager = ('<div class="page"><a href="./">1</a> <a href="index.html">首页</a> <a href="?page=1">1</a> '
             '<a href="index.html?page=1">上一页</a> <a href="./?page=1#top">下一页</a> '
             '<a href="/r2/dzfy/index.html">尾页</a> 共1页</div>')
    out["/r2/dzfy/"] = lambda q: listing("多种分页", "r2/dzfy", 10, pager)
    out["/r2/dzfy/index.html"] = out["/r2/dzfy/"]
    out["/r2/empty/"] = lambda q: m.Answer(body=b"")
    out["/r2/nocontent/"] = lambda q: m.Answer(status=204, body=b"")
    # 服务大厅: its page links 更多服务, which the server refuses every time; 办事指南 is only there
    out["/r2/fwdt/"] = lambda q: m.BadSite.html(m.html_page("服务大厅", m.links_block([
        ("更多服务", "/r2/fwdt/more/"), ("空白栏目", "/r2/fwdt/kb/"), ("无内容栏目", "/r2/fwdt/wnr/")])))
    out["/r2/fwdt/kb/"] = lambda q: m.Answer(body=b"")
    out["/r2/fwdt/wnr/"] = lambda q: m.Answer(status=204, body=b"")
    out["/r2/fwdt/more/"] = lambda q: m.Answer(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>")
    return out
