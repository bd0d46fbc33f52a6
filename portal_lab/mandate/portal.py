"""A small portal with the columns the clause rules judge, in a healthy and a defective build.

``build_portal(defective, as_of, style)`` gives URL path → HTML for a portal whose 政策解读, 政府信息公开年报,
联系我们 and 网民留言 columns either meet the clauses of the seed task list or break them in known
ways (``EXPECTED_DEFECTS``), dated relative to ``as_of`` so the build never ages. ``STYLES`` are two
ways portals mark the same things up: ``"blocks"`` (a 相关文件 heading over a list, a message as a
table with 受理日期/答复日期/答复内容, a phone in a paragraph) and ``"labels"`` (【原文链接】 before a
link and 相关解读 in a table cell, a message as label spans with 受理时间/回复时间/回复内容, a phone in
a table cell, reports titled …年度…). ``SPEC`` is the spec
that turns those clause rules on for these columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

SITE = "条款试验区人民政府"

#: the spec the tests audit this portal with: every clause rule on, each on its column
SPEC = """\
mandate:
  id: lab-clauses
  title: 条款规则试验
entries:
  - id: interpretation
    path: 政府网站>政务公开>政策解读
    clause: 二（二）5
    # 二（二）2: 每年通过新闻发布形式开展政策解读不少于4次
    min_per_year: {count: 4, match: 新闻发布会}
    policy_links: true
  - id: annual-report
    path: 政府网站>政府信息公开>政府信息公开年报
    clause: 五（三）7
    due_yearly: "01-31"
  - id: contact-us
    path: 政府网站>政府信息公开>机关简介>联系我们
    clause: 二（三）2
    kind: static
    contact_phone: true
  - id: disclosure-on-phones
    path: 政府网站>政府信息公开
    clause: 三（二）1（4）
    min_items: 0
    mobile: true
  - id: messages
    path: 政府网站>互动交流>网民留言
    clause: 二（三）1
    answered: true
    reply_within_days: 15
"""


@dataclass(frozen=True)
class Defect:
    """One planted defect: the finding code it must produce, on which path, about which page."""

    code: str
    path_id: str
    #: a part of the page URL (or column URL) the finding names
    where: str


def page(title: str, main: str, *, viewport: bool = True) -> str:
    """A portal page: header, menu, breadcrumb, main area, footer with the site's own phone (which
    must never count as a 联系我们 page's number)."""
    meta = '<meta name="viewport" content="width=device-width, initial-scale=1">' if viewport else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{meta}<title>{escape(title)}_{SITE}</title></head>\n'
        f'<body><div class="header"><div class="logo">{SITE}</div></div>\n'
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
        '<li><a href="/xxgk/">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>\n'
        f'<div class="position">当前位置：<a href="/">首页</a> &gt; {escape(title)}</div>\n'
        f'<div class="main">\n{main}\n</div>\n'
        f'<div class="footer">主办：{SITE}　网站标识码：5000000001　值班电话：023-60000000</div>\n</body></html>\n'
    )


def mobile_page(title: str, main: str) -> str:
    """A page of the 手机版: a mobile viewport, a title bar, the main area; no desktop menu."""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}_{SITE}手机版</title></head>\n'
        f'<body><header class="m-bar">{SITE}</header>\n<div class="m-main">\n{main}\n</div>\n'
        '<footer class="m-foot"><a href="/">电脑版</a></footer>\n</body></html>\n'
    )


def links(pairs: list[tuple[str, str]]) -> str:
    rows = "".join(f'<li><a href="{href}">{escape(name)}</a></li>\n' for name, href in pairs)
    return f'<div class="column-list"><ul>\n{rows}</ul></div>'


def listing(items: list[tuple[str, str, str]]) -> str:
    rows = "".join(
        f'<li><a href="{href}" title="{escape(title)}">{escape(title)}</a><span class="date">{date}</span></li>\n'
        for title, href, date in items
    )
    return f'<div class="list"><ul>\n{rows}</ul></div>'


def article(title: str, date: str, body: str) -> str:
    return (
        f'<div class="article"><h1>{escape(title)}</h1>\n<div class="info">发布日期：{date}　来源：{SITE}</div>\n'
        f'<div class="content">{body}</div></div>'
    )


def _slug(date: dt.date, n: int) -> str:
    return f"{date:%Y%m}/t{date:%Y%m%d}_{n}.html"


STYLES = ("blocks", "labels")


def build_portal(defective: bool, as_of: dt.date, style: str = "blocks") -> dict[str, str]:
    """URL path → HTML of the whole portal, marked up in ``style`` (one of ``STYLES``)."""
    assert style in STYLES, style
    labels = style == "labels"
    files: dict[str, str] = {}
    last_year = as_of.year - 1
    home = [("政务公开", "/zwgk/"), ("政府信息公开", "/xxgk/"), ("互动交流", "/hdjl/")]
    files["/zwgk/"] = page("政务公开", links([("政策解读", "/zwgk/zcjd/"), ("政策文件", "/zwgk/zcwj/")]))
    # the 信息公开 column on a phone (a browser tells; without one both builds are unverified):
    # blocks: a page made for phones (healthy) or a desktop page without a mobile viewport (defective);
    # labels: a desktop page with a 手机版 whose 政府信息公开 fits (healthy), or a page that declares a
    # mobile viewport but holds a table wider than any phone, and no 手机版 (defective)
    column = links([("政府信息公开年报", "/xxgk/ndbg/"), ("机关简介", "/xxgk/jgjj/")])
    if not labels:
        files["/xxgk/"] = page("政府信息公开", column, viewport=not defective)
    elif defective:
        wide = '<table style="width:1000px"><tr><td>索引号</td><td>主题分类</td><td>发布机构</td></tr></table>'
        files["/xxgk/"] = page("政府信息公开", column + wide)
    else:
        files["/xxgk/"] = page("政府信息公开", column, viewport=False)
        home.append(("手机版", "/m/"))
        files["/m/"] = mobile_page("手机版", links([("政府信息公开", "/m/xxgk/"), ("互动交流", "/m/hdjl/")]))
        files["/m/xxgk/"] = mobile_page("政府信息公开", links([("政府信息公开年报", "/xxgk/ndbg/")]))
    files["/"] = page("首页", links(home))
    files["/xxgk/jgjj/"] = page("机关简介", links([("机构职能", "/xxgk/jgjj/jgzn/"), ("联系我们", "/xxgk/jgjj/lxwm/")]))
    files["/hdjl/"] = page("互动交流", links([("网民留言", "/hdjl/wsly/"), ("在线访谈", "/hdjl/zxft/")]))

    # 政策解读 and the 政策文件 they explain: press conferences last year, 4 (healthy) or 2 (defective)
    press = 2 if defective else 4
    interpretations: list[tuple[str, str, str]] = []
    documents: list[tuple[str, str, str]] = []
    for n in range(1, 7):
        date = dt.date(last_year, 2 * n, 10) if n <= 5 else as_of - dt.timedelta(days=20)
        is_press = n <= press
        title = (f"{SITE}{date.year}年第{n}场新闻发布会政策解读" if is_press else f"《关于促进产业发展的若干措施》政策解读之{n}")
        href = f"/zwgk/zcjd/{_slug(date, n)}"
        doc_title = f"关于促进产业发展的若干措施（第{n}号）"
        doc_href = f"/zwgk/zcwj/{_slug(date - dt.timedelta(days=3), n)}"
        interpretations.append((title, href, date.isoformat()))
        documents.append((doc_title, doc_href, (date - dt.timedelta(days=3)).isoformat()))
        # defective: item 5 links no document; item 6's document does not link back
        if defective and n == 5:
            related = ""
        elif labels:
            related = f'<p class="ywlj">【原文链接】<a href="{doc_href}" target="_blank">{doc_title}</a></p>'
        else:
            related = f'<div class="xgwj"><h3>相关文件</h3><ul><li><a href="{doc_href}">{doc_title}</a></li></ul></div>'

        files[href] = page(title, article(title, date.isoformat(), f"<p>{title}的正文。</p>{related}"))
        if defective and n == 6:
            back = ""
        elif labels:
            back = f'<table class="gl"><tr><td>相关解读</td><td><a href="{href}">{escape(title)}</a></td></tr></table>'
        else:
            back = f'<p class="xgjd">相关解读：<a href="{href}">{escape(title)}</a></p>'
        files[doc_href] = page(doc_title, article(doc_title, documents[-1][2], f"<p>{doc_title}全文。</p>{back}"))
    files["/zwgk/zcjd/"] = page("政策解读", listing(sorted(interpretations, key=lambda i: i[2], reverse=True)))
    files["/zwgk/zcwj/"] = page("政策文件", listing(sorted(documents, key=lambda i: i[2], reverse=True)))

    # 政府信息公开年报: healthy has last year's report, published before 31 January
    reports = []
    newest = last_year - 1 if defective else last_year
    for year in range(newest, newest - 4, -1):
        date = dt.date(year + 1, 1, 20)
        name = f"{SITE}{year}年度政府信息公开工作报告" if labels else f"{SITE}{year}年政府信息公开工作年度报告"
        reports.append((name, f"/xxgk/ndbg/{_slug(date, year)}", date.isoformat()))
    for title, href, date in reports:
        files[href] = page(title, article(title, date, f"<p>{title}全文。</p>"))
    files["/xxgk/ndbg/"] = page("政府信息公开年报", listing(reports))

    # 联系我们: a page with the office's phone (healthy), or only an address and links (defective)
    if defective:
        phone = ""
    elif labels:
        phone = '<table class="lx"><tr><th>联系电话</th><td>(023) 6789 0123</td></tr><tr><th>工作时间</th><td>工作日 9:00-17:00</td></tr></table>'
    else:
        phone = "<p>办公电话：023-67890123（工作日 9:00-17:00）</p>"
    files["/xxgk/jgjj/lxwm/"] = page(
        "联系我们",
        article("联系我们", f"{as_of.year}-01-05", f"<p>办公地址：试验区金开大道1号</p>{phone}"
                '<p>邮政编码：401120</p>'),
    )
    files["/xxgk/jgjj/jgzn/"] = page("机构职能", article("机构职能", f"{as_of.year}-01-05", "<p>主要职责。</p>"))

    # 网民留言: accepted and answered; defective: one unanswered, one answered before its acceptance,
    # one answered after 30 days
    messages = []
    for n in range(1, 6):
        accepted = as_of - dt.timedelta(days=10 * n + 30)
        replied: dt.date | None = accepted + dt.timedelta(days=5)
        reply = "您好，您反映的问题已转交有关部门办理，现答复如下：已于本周内完成整改。"
        if defective and n == 2:
            replied, reply = None, "暂无"
        elif defective and n == 3:
            replied = accepted - dt.timedelta(days=2)
        elif defective and n == 4:
            replied = accepted + dt.timedelta(days=30)
        title = f"关于小区道路照明的留言（第{n}件）"
        href = f"/hdjl/wsly/{_slug(accepted, n)}"
        if labels:
            body = (
                f'<div class="ly"><p><span class="bt">受理时间：</span>{accepted:%Y年%m月%d日}</p>'
                f'<p><span class="bt">回复时间：</span>{f"{replied:%Y年%m月%d日}" if replied else ""}</p>'
                f'<div class="hf"><b>回复内容：</b>{reply}</div><p><span class="bt">回复单位：</span>城市管理局</p></div>'
            )
            files[href] = page(title, article(title, accepted.isoformat(), body))
            messages.append((title, href, accepted.isoformat()))
            continue
        body = (
            '<table class="ly"><tr><td>留言标题</td><td>' + escape(title) + "</td></tr>"
            f"<tr><td>留言摘要</td><td>小区道路路灯损坏。</td></tr>"
            f"<tr><td>受理日期</td><td>{accepted.isoformat()}</td></tr>"
            f"<tr><td>答复日期</td><td>{replied.isoformat() if replied else ''}</td></tr>"
            "<tr><td>答复部门</td><td>城市管理局</td></tr>"
            f"<tr><td>答复内容</td><td>{reply}</td></tr></table>"
        )
        files[href] = page(title, article(title, accepted.isoformat(), body))
        messages.append((title, href, accepted.isoformat()))
    files["/hdjl/wsly/"] = page("网民留言", listing(messages))
    files["/hdjl/zxft/"] = page("在线访谈", listing([("在线访谈第1期", "/hdjl/zxft/1.html", f"{as_of.year}-01-08")]))
    files["/hdjl/zxft/1.html"] = page("在线访谈第1期", article("在线访谈第1期", f"{as_of.year}-01-08", "<p>访谈。</p>"))
    return files


#: what the defective build must be reported for (and the healthy one must not)
EXPECTED_DEFECTS: tuple[Defect, ...] = (
    Defect("below_yearly_count", "interpretation", "/zwgk/zcjd/"),
    Defect("unlinked_interpretation.no_document", "interpretation", "_5.html"),
    Defect("unlinked_interpretation.no_backlink", "interpretation", "_6.html"),
    Defect("missing_yearly_item", "annual-report", "/xxgk/ndbg/"),
    Defect("missing_phone", "contact-us", "/xxgk/jgjj/lxwm/"),
    Defect("unanswered_message.no_reply", "messages", "_2.html"),
    Defect("unanswered_message.before_acceptance", "messages", "_3.html"),
    Defect("unanswered_message.late", "messages", "_4.html"),
)
#: what both builds are reported for when the crawl runs no browser (``--render never``): whether
#: the 信息公开 column opens on a phone takes one
UNVERIFIED_WITHOUT_A_BROWSER = Defect("unverified_clause", "disclosure-on-phones", "/xxgk/")
#: what the defective build is reported for when a browser opens it as a phone, by style
MOBILE_DEFECTS: dict[str, Defect] = {
    "blocks": Defect("not_mobile_ready.no_viewport", "disclosure-on-phones", "/xxgk/"),
    "labels": Defect("not_mobile_ready", "disclosure-on-phones", "/xxgk/"),
}
