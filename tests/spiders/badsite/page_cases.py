"""The page readers' cases of the bad-input corpus (issue 11): pages a browser reads right that a
naive reader gets wrong.

* 信息公开: sub-columns reached only by click scripts (``onclick="location.href='…'"``,
  ``javascript:window.open('…')``, ``<li onclick>``);
* 部门信息: a UTF-8 page with one GBK include; 专项工作: a GBK page served as ``charset=utf-16``;
  港澳專欄: a Big5 page served as ``charset=gbk``;
* 深层页面: 300 unclosed tags before the navigation (past libxml2's depth limit);
* 公报文件: names with a soft hyphen, a zero-width joiner, a word joiner, a NUL, a hidden ``<span>``,
  and a name given only by ``<img title>``;
* 接口错误 / 服务异常 / 数据服务 / 半截页面 / 截断页面: HTTP 200 error pages (PHP, Tomcat,
  数据库连接失败), a render that died after ``<ul>``, a body cut short (as a too small
  ``Content-Length`` leaves it) before its list: unverified, never a column with one item;
* 通报批评: list pages linked with cache-busters and tokens, and in upper case (served alike, as
  IIS does): every item counted once.

``SECTIONS`` joins the home page, ``cases(Case)`` the ground truth, ``routes(site, m)`` the server
(``m`` is the corpus server module, for its page helpers).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

SECTIONS: tuple[tuple[str, str], ...] = (
    ("信息公开", "/click/"),
    ("部门信息", "/mix/"),
    ("专项工作", "/u16/"),
    ("港澳專欄", "/big5/"),
    ("深层页面", "/deep/"),
    ("公报文件", "/names/"),
    ("接口错误", "/err/php/"),
    ("服务异常", "/err/tomcat/"),
    ("数据服务", "/err/db/"),
    ("半截页面", "/err/died/"),
    ("截断页面", "/err/cut/"),
    ("通报批评", "/tbpp/"),
)

#: the sub-columns of 公报文件 and how each is named on the page
_NAMED = (
    ("政府公报", "/names/zfgb/", "政府\u00ad公报"),
    ("政策问答", "/names/zcwd/", "政策\u200d问答"),
    ("人事任免", "/names/rsrm/", "人事\u2060任免"),
    ("工作报告", "/names/gzbg/", "工作\u0000报告"),
    ("规范文件", "/names/gfwj/", '规范<span style="display:none">（旧）</span>文件'),
    ("图片报道", "/names/tpbd/", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" title="图片报道">'),
)


def cases(case: Callable[..., Any]) -> tuple[Any, ...]:
    return (
        case(("信息公开", "公开指南"), "ok", items=6),
        case(("信息公开", "公开制度"), "ok", items=6),
        case(("信息公开", "公开年报"), "ok", items=6),
        case(("部门信息", "部门动态"), "ok", items=6),
        case(("专项工作", "专项规划"), "ok", items=6),
        case(("港澳專欄", "政務動態"), "ok", items=6),
        case(("深层页面", "会议纪要"), "ok", items=6),
        *(case(("公报文件", name), "ok", items=3) for name, _, _ in _NAMED),
        case(("接口错误",), "unverified", "server error page (HTTP 200): page says Fatal error"),
        case(("服务异常",), "unverified", "server error page (HTTP 200): page says HTTP Status 500"),
        case(("数据服务",), "unverified", "server error page (HTTP 200): page says 数据库连接失败"),
        case(("半截页面",), "unverified", "page cut short"),
        case(("截断页面",), "unverified", "page cut short"),
        case(("通报批评",), "ok", items=15),
    )


def routes(site: Any, m: Any) -> dict[str, Callable[[dict[str, list[str]]], Any]]:
    """Path → handler for every page of these cases."""

    def page(title: str, main: str, meta: str | None = "utf-8") -> str:
        return m.html_page(title, main, meta)

    def items(column: str, name: str, count: int = 6) -> str:
        return m.list_block(m.dated_items(column, name, count))

    def encoded(text: str, encoding: str, header: str | None) -> Any:
        content_type = f"text/html; charset={header}" if header else "text/html"
        return m.Answer(body=text.encode(encoding), content_type=content_type)

    out: dict[str, Callable[[dict[str, list[str]]], Any]] = {}

    # click scripts
    click = (
        "<ul class=\"column-list\">"
        "<li><a href=\"javascript:void(0)\" onclick=\"location.href='/click/gkzn/'\">公开指南</a></li>"
        "<li><a href=\"javascript:window.open('/click/gkzd/','_blank')\">公开制度</a></li>"
        "<li onclick=\"window.location.href='/click/gknb/'\"><span>公开年报</span></li></ul>"
    )
    out["/click/"] = lambda q: m.BadSite.html(page("信息公开", click))
    for name, slug in (("公开指南", "gkzn"), ("公开制度", "gkzd"), ("公开年报", "gknb")):
        out[f"/click/{slug}/"] = lambda q, n=name, s=slug: m.BadSite.html(page(n, items(f"click/{s}", n)))

    # charsets
    mixed_top = page("部门信息", m.links_block([("部门动态", "/mix/bmdt/"), ("返回首页", "/")])).split('<div class="footer">')[0]
    mixed = (
        mixed_top.encode("utf-8")
        + '<div class="footer">主办：坏输入测试门户 承办：信息中心（旧版页脚）</div>'.encode("gbk")
        + "\n</body>\n</html>\n".encode("utf-8")
    )
    out["/mix/"] = lambda q: m.Answer(body=mixed, content_type="text/html; charset=utf-8")
    out["/mix/bmdt/"] = lambda q: m.BadSite.html(page("部门动态", items("mix/bmdt", "部门动态")))
    out["/u16/"] = lambda q: encoded(page("专项工作", m.links_block([("专项规划", "/u16/zxgh/")]), "gbk"), "gbk", "utf-16")
    out["/u16/zxgh/"] = lambda q: encoded(page("专项规划", items("u16/zxgh", "专项规划"), "gbk"), "gbk", "utf-16")
    def big5_page(title: str, main: str) -> str:
        # written in traditional characters only: the whole page must exist in Big5
        return (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">'
            f"<title>{title}_測試門戶</title></head><body>"
            '<div class="header"><div class="logo">測試門戶</div></div><div class="nav"><a href="/">首頁</a></div>'
            f'<div class="position">當前位置：<a href="/">首頁</a> &gt; {title}</div>'
            f'<div class="main">{main}</div><div class="footer">主辦：測試門戶</div></body></html>'
        )

    big5_items = "".join(
        f'<li><a href="/big5/zwdt/202111/t202111{28 - k}_{k + 1}.html">政務動態資訊第{k + 1}則</a>'
        f'<span class="date">2021-11-{28 - k}</span></li>'
        for k in range(6)
    )
    out["/big5/"] = lambda q: encoded(
        big5_page("港澳專欄", m.links_block([("政務動態", "/big5/zwdt/"), ("聯繫我們", "/big5/lxwm/")]) + "<p>本專欄發佈港澳事務相關資訊。</p>"),
        "big5", "gbk",
    )
    out["/big5/zwdt/"] = lambda q: encoded(big5_page("政務動態", f'<div class="list"><ul>{big5_items}</ul></div>'), "big5", "gbk")

    # 300 unclosed tags before the navigation
    rng = random.Random(300)
    junk = "".join(rng.choice(("<font size=2>", "<div class=\"w\">", "<span>", "<b>")) for _ in range(300))
    deep = page("深层页面", junk + "<p>本栏目汇总会议材料。</p>" + m.links_block([("会议纪要", "/deep/hyjy/")]))
    out["/deep/"] = lambda q: m.BadSite.html(deep)
    out["/deep/hyjy/"] = lambda q: m.BadSite.html(page("会议纪要", items("deep/hyjy", "会议纪要")))

    # invisible characters and image names
    named = "".join(f'<li><a href="{href}">{shown}</a></li>' for _, href, shown in _NAMED)
    out["/names/"] = lambda q: m.BadSite.html(page("公报文件", f'<div class="column-list"><ul>{named}</ul></div>'))
    for name, href, _ in _NAMED:
        out[href] = lambda q, n=name, h=href: m.BadSite.html(page(n, items(h.strip("/"), n, 3)))

    # HTTP 200 error pages
    top = page("接口错误", '<ul class="list">\n<li><a href="/err/php/202111/t20211128_1.html">接口信息第1号</a><span>2021-11-28</span></li>\n')
    top = top.split('</ul>')[0]
    php = top.split("<ul")[0] + (
        "<br />\n<b>Fatal error</b>:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in "
        "/www/wwwroot/site/list.php:23\nStack trace:\n#0 {main}\n  thrown in <b>/www/wwwroot/site/list.php</b> on line <b>23</b><br />\n"
    )
    out["/err/php/"] = lambda q: m.BadSite.html(php)
    tomcat = (
        "<!doctype html><html lang=\"en\"><head><title>HTTP Status 500 – Internal Server Error</title></head><body>"
        "<h1>HTTP Status 500 – Internal Server Error</h1><hr class=\"line\" /><p><b>Type</b> Exception Report</p>"
        "<p><b>Message</b> Request processing failed</p><pre>org.springframework.web.util.NestedServletException: "
        "Request processing failed; nested exception is java.lang.NullPointerException\n\tat com.portal.web.ListController.list"
        "(ListController.java:57)</pre><hr class=\"line\" /><h3>Apache Tomcat/8.5.51</h3></body></html>"
    )
    out["/err/tomcat/"] = lambda q: m.BadSite.html(tomcat)
    out["/err/db/"] = lambda q: m.BadSite.html(page("数据服务", '<div class="list"><p class="err">数据库连接失败，请稍后访问。</p></div>'))
    died = page("半截页面", items("err/died", "半截", 6)).split("</li>")[0] + "</li>\n"
    out["/err/died/"] = lambda q: m.BadSite.html(died)
    whole = page("截断页面", items("err/cut", "截断", 6))
    cut = whole[: whole.index('<div class="main">') + len('<div class="main">\n<div class="li')]
    out["/err/cut/"] = lambda q: m.BadSite.html(cut)

    # pagination with cache-busters, tokens and upper-case spellings
    def tbpp(number: int) -> Any:
        stamp = random.randint(10**9, 10**10)
        pager = (
            f'<a href="index.html?t={stamp}">1</a> <a href="index_1.html?t={stamp}">2</a> '
            f'<a href="INDEX_1.HTML?t={stamp + 1}">下一页</a> <a href="index_2.html?token=tk{stamp}&amp;t={stamp}">3</a> '
            f'<a href="Index_2.html">尾页</a>'
        )
        rows = m.dated_items("tbpp", "通报", 5, start=number * 5)
        return m.BadSite.html(page("通报批评", m.list_block(rows, f'<div class="page">{pager}</div>')))

    out["/tbpp/"] = lambda q: tbpp(0)
    for number in (1, 2):
        for spelling in (f"index_{number}.html", f"INDEX_{number}.HTML", f"Index_{number}.html"):
            out[f"/tbpp/{spelling}"] = lambda q, n=number: tbpp(n)
    out["/tbpp/index.html"] = lambda q: tbpp(0)
    return out
