"""The bad-input corpus: a portal on 127.0.0.1 that does what real government portals do wrong.

Every column of ``spec.yaml`` is one case: pages in GBK, GB2312 and GB18030 declared only in a meta
tag or mislabelled by the server, a UTF-8 BOM, broken markup, server errors, time-outs, reset
connections, redirect loops and redirects to another host, 403/412/521 answers and anti-bot
challenges, maintenance and soft-404 pages, lists whose later pages only a search endpoint serves,
endless pagination, a calendar of dates, session ids in URLs, a 500 MB page, a page that never ends,
and robots.txt. ``CASES`` says what the inspector must see for each.

Pages are written in UTF-8 here and encoded when served. The huge and endless pages are generated
as they are sent, never held in memory. Every request is logged with its status and the bytes sent.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import random
import re
import socket
import struct
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qs, unquote, urlsplit

from pathaudit.loopback.server import LoopbackServer

HOST = "127.0.0.1"
PAGES = Path(__file__).parent / "pages"
SPEC = Path(__file__).parent / "spec.yaml"
OWN_TEAM_SPEC = Path(__file__).parent / "spec_own_team.yaml"
AS_OF = "2021-12-01"
#: the huge page's declared size: 500 MB, never allocated
HUGE_BYTES = 500 * 1024 * 1024
#: the time-out page answers after this long (the test sets a DOWNLOAD_TIMEOUT far below it)
SLOW_SECONDS = 8.0
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
_ARTICLE = re.compile(r"^/(?P<column>.+?)/\d{6}/t(?P<date>\d{8})_(?P<n>\d+)\.html$")
_HANWEB_ARTICLE = re.compile(r"^/art/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/art_\d+_(?P<n>\d+)\.html$")


@dataclass(frozen=True)
class Case:
    """One column of the corpus and what the inspector must see for it."""

    path: tuple[str, ...]
    status: str
    #: a phrase the unverified finding's evidence.reason must contain
    reason: str | None = None
    #: the number of items the path must report
    items: int | None = None


#: the ground truth: every mandated path of spec.yaml, as the crawl with the test settings must end
CASES: tuple[Case, ...] = (
    Case(("政务公开", "规划信息"), "ok", items=6),
    Case(("政务公开", "财政预决算"), "missing"),  # the control: a column that really is absent
    Case(("新闻中心", "工作动态"), "ok", items=6),
    Case(("办事服务", "服务事项"), "ok", items=6),
    Case(("互动交流", "通知公告"), "ok", items=6),
    Case(("数据开放", "统计信息"), "ok", items=6),
    Case(("政策文件", "部门文件"), "ok", items=6),
    Case(("机构概况", "领导信息"), "ok", items=6),
    Case(("机构概况", "内设机构"), "ok", items=6),
    Case(("人事信息",), "unverified", "HTTP 503 after 2 retries"),
    Case(("财政信息",), "unverified", "timeout"),
    Case(("行政许可",), "unverified", "connection"),
    Case(("行政处罚",), "unverified", "redirect loop"),
    Case(("政府采购",), "unverified", "localhost"),
    Case(("重大项目",), "unverified", "HTTP 403"),
    Case(("应急管理",), "unverified", "anti-bot challenge (HTTP 412"),
    Case(("监督检查",), "unverified", "anti-bot challenge (HTTP 200, JavaScript cookie)"),
    Case(("社会公益",), "unverified", "anti-bot challenge (HTTP 521, JavaScript cookie)"),
    Case(("公共服务",), "unverified", "maintenance page: page says 系统维护中"),
    Case(("政民互动",), "unverified", "maintenance page (HTTP 503): page says 网站维护中"),
    Case(("专题专栏",), "unverified", "soft 404: page says 您访问的页面不存在"),
    Case(("在线访谈",), "unverified", "soft 404: redirected to the home page"),
    Case(("新闻发布", "发布会实录"), "unverified", "soft 404: meta refresh to the parent column"),
    Case(("人大建议",), "ok", items=4),
    Case(("政策解读",), "ok", items=95),
    Case(("公示公告",), "ok", items=57),
    Case(("图片新闻",), "ok", items=25),
    Case(("会议活动", "会议安排"), "ok", items=6),
    Case(("网上办事", "办件公示"), "ok", items=15),
    Case(("视频新闻",), "unverified", "page larger than 1 MB"),
    Case(("直播回放",), "unverified", "page larger than 1 MB"),
    Case(("内部资料",), "unverified", "robots.txt disallows"),
    # scope: another port of the portal's host is another site (link, redirect, meta refresh)
    Case(("对外合作",), "unverified", "column is on another host (127.0.0.1:"),
    Case(("招商引资",), "unverified", "redirect to another host: 127.0.0.1:"),
    Case(("友好城市",), "unverified", "redirect to another host: 127.0.0.1:"),
    # media the server refuses are unverified, not broken; a garbled status line is not a reset
    Case(("图文报道",), "ok", items=1),
    Case(("信息反馈",), "unverified", "malformed HTTP answer"),
    Case(("数据下载",), "unverified", "decompressed answer larger than 1 MB"),
)
#: the settings every crawl of the corpus runs with: small time-out, quick retries, 1 MB pages
CRAWL_SETTINGS: tuple[str, ...] = (
    "DOWNLOAD_TIMEOUT=1",
    "RETRY_TIMES=2",
    "AUDITOR_RETRY_BACKOFF=0.05",
    "DOWNLOAD_MAXSIZE=1048576",
    "DOWNLOAD_WARNSIZE=0",
    "AUDITOR_MAX_LIST_PAGES=5",
    "AUDITOR_REPORT_FORMATS=",
)

#: the home page's columns: (name, link)
SECTIONS: tuple[tuple[str, str], ...] = (
    ("政务公开", "/zwgk/"),
    ("新闻中心", "/xwzx/"),
    ("办事服务", "/bsfw/"),
    ("互动交流", "/hdjl/"),
    ("数据开放", "/sjkf/"),
    ("政策文件", "/zcwj/"),
    ("机构概况", "/jggk/"),
    ("人事信息", "/rsxx/"),
    ("财政信息", "/czxx/"),
    ("行政许可", "/xzxk/"),
    ("行政处罚", "/xzcf/"),
    ("政府采购", "/zfcg/"),
    ("重大项目", "/zdxm/"),
    ("应急管理", "/yjgl/"),
    ("监督检查", "/jdjc/"),
    ("社会公益", "/shgy/"),
    ("公共服务", "/ggfw/"),
    ("政民互动", "/zmhd/"),
    ("专题专栏", "/ztzl/"),
    ("在线访谈", "/zxft/"),
    ("新闻发布", "/xwfb/"),
    ("人大建议", "/rdjy/"),
    ("政策解读", "/zcjd/"),
    ("公示公告", "/col/col123/index.html"),
    ("图片新闻", "/tpxw/"),
    ("会议活动", "/cal/"),
    ("网上办事", "/sess/"),
    ("视频新闻", "/huge/"),
    ("直播回放", "/stream/"),
    ("内部资料", "/private/nbzl/"),
    ("对外合作", "{other}/dwhz/"),
    ("招商引资", "/zsyz/"),
    ("友好城市", "/yhcs/"),
    ("图文报道", "/twbd/"),
    ("信息反馈", "/xxfk/"),
    ("数据下载", "/sjxz/"),
)
#: 图文报道's article: its images, each answered its own way (``MEDIA_ANSWERS``)
MEDIA_ARTICLE = "/twbd/202111/t20211128_1.html"
#: the images the server refuses (an answer or a reset) and the one that is gone (404)
REFUSED_MEDIA = ("busy.png", "limit.png", "deny.png", "reset.png")
GONE_MEDIUM = "gone.png"
#: a 16 KB body sent as "Content-Encoding: gzip, gzip" whatever was asked: 64 MB of zeros inside
BOMB_MEDIUM = "bomb.png"
BOMB_DECODED_BYTES = 64 * 1024 * 1024


@dataclass
class Answer:
    """What the server sends for one request. ``act`` names a behaviour that is not a plain body."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: "" plain | "sleep" answer late | "reset" drop the connection | "huge" 500 MB announced and
    #: generated | "endless" no length, bytes until the client hangs up
    act: str = ""


def render(name: str, **values: str) -> str:
    text = (PAGES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def html_page(title: str, main: str, meta_charset: str | None = "utf-8", crumbs: str = "") -> str:
    """A page in a plain portal template: header, nav, breadcrumb, main area, footer."""
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={meta_charset}">' if meta_charset else ""
    return (
        f"<!DOCTYPE html>\n<html>\n<head>\n{meta}\n<title>{title}_坏输入测试门户</title>\n</head>\n<body>\n"
        '<div class="header"><div class="logo">坏输入测试门户</div></div>\n'
        '<div class="nav"><a href="/">首页</a></div>\n'
        f'<div class="position">当前位置：<a href="/">首页</a> &gt; {crumbs}{title}</div>\n'
        f'<div class="main">\n{main}\n</div>\n'
        '<div class="footer">主办：坏输入测试门户</div>\n</body>\n</html>\n'
    )


def links_block(links: list[tuple[str, str]]) -> str:
    rows = "".join(f'<li><a href="{href}">{name}</a></li>\n' for name, href in links)
    return f'<div class="column-list"><ul>\n{rows}</ul></div>'


def list_block(items: list[tuple[str, str, str]], after: str = "") -> str:
    """A TRS-like list: ``items`` are (title, href, YYYY-MM-DD)."""
    rows = "".join(
        f'<li><a href="{href}" title="{title}" target="_blank">{title}</a><span class="date">{date}</span></li>\n'
        for title, href, date in items
    )
    return f'<div class="list"><ul>\n{rows}</ul></div>\n{after}'


def dated_items(column: str, name: str, count: int, start: int = 0, day: int = 28) -> list[tuple[str, str, str]]:
    """``count`` items of a TRS column (``./202111/t20211128_N.html``), newest first."""
    items = []
    for k in range(start, start + count):
        date = f"2021-11-{max(day - k % 27, 1):02d}"
        items.append((f"{name}信息第{k + 1}号", f"/{column}/202111/t{date.replace('-', '')}_{k + 1}.html", date))
    return items


def article_page(title: str, date: str) -> str:
    main = (
        f'<div class="article"><h1>{title}</h1>\n<div class="info">发布日期：{date}　来源：坏输入测试门户</div>\n'
        f'<div class="content"><p>{title}的正文。本文为坏输入测试门户的示例信息，内容完整，可供核查。</p></div></div>'
    )
    return html_page(title, main)


def tiny_png() -> bytes:
    """A valid 1x1 PNG, built by hand (no imaging library in the server)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@functools.cache
def gzip_bomb() -> bytes:
    """``BOMB_DECODED_BYTES`` of zeros, gzipped twice, built in 1 MB steps (never held whole)."""
    inner = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    once = b"".join(inner.compress(block) for _ in range(BOMB_DECODED_BYTES // len(block))) + inner.flush()
    outer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return outer.compress(once) + outer.flush()


class BadSite:
    """Routes of the corpus. ``challenge_js`` is the real 加速乐 script, read by the test at run time."""

    def __init__(self, challenge_js: str) -> None:
        self.challenge_js = challenge_js
        self.port = 0
        #: the other port of this host (a decoy server that must never be asked)
        self.other_base = ""
        self.exact: dict[str, Callable[[dict[str, list[str]]], Answer]] = {
            "/": self.home,
            "/index.html": self.home,
            "/robots.txt": lambda q: Answer(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
            # encodings
            "/zwgk/": lambda q: self.encoded_section("政务公开", "/zwgk/ghxx/", "规划信息", "gbk", header=None, meta="gbk"),
            "/zwgk/ghxx/": lambda q: self.encoded_list("规划信息", "zwgk/ghxx", "gbk", header=None, meta="gbk"),
            "/xwzx/": lambda q: self.encoded_section("新闻中心", "/xwzx/gzdt/", "工作动态", "gbk", header="utf-8", meta="gbk"),
            "/xwzx/gzdt/": lambda q: self.encoded_list("工作动态", "xwzx/gzdt", "gbk", header="utf-8", meta="gbk"),
            "/bsfw/": lambda q: self.encoded_section("办事服务", "/bsfw/fwsx/", "服务事项", "gb18030", header=None, meta="gb18030"),
            "/bsfw/fwsx/": lambda q: self.encoded_list(
                "服务事项", "bsfw/fwsx", "gb18030", header=None, meta="gb18030", rare="关于𠮷祥路改造的通知"
            ),
            "/hdjl/": lambda q: self.encoded_section("互动交流", "/hdjl/tzgg/", "通知公告", "utf-8-bom", header=None, meta="gb2312"),
            "/hdjl/tzgg/": lambda q: self.encoded_list("通知公告", "hdjl/tzgg", "utf-8-bom", header=None, meta=None),
            "/sjkf/": lambda q: self.encoded_section("数据开放", "/sjkf/tjxx/", "统计信息", "gbk", header=None, meta="gb2312"),
            "/sjkf/tjxx/": lambda q: self.encoded_list(
                "统计信息", "sjkf/tjxx", "gbk", header=None, meta="gb2312", rare="朱镕基同志视察纪实"
            ),
            "/zcwj/": lambda q: self.encoded_section("政策文件", "/zcwj/bmwj/", "部门文件", "utf-8", header="gbk", meta=None),
            "/zcwj/bmwj/": lambda q: self.encoded_list("部门文件", "zcwj/bmwj", "utf-8", header="gbk", meta=None),
            # broken markup
            "/jggk/": lambda q: self.html(render("broken_markup_section.html")),
            "/jggk/inner/ldxx/": lambda q: self.html(render("broken_markup_list.html", title="领导信息")),
            "/jggk/inner/nsjg/index.html": lambda q: self.html(render("broken_markup_list.html", title="内设机构")),
            # server faults
            "/rsxx/": lambda q: Answer(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>"),
            "/czxx/": lambda q: Answer(act="sleep", body=self.html(html_page("财政信息", "<p>太迟了</p>")).body),
            "/xzxk/": lambda q: Answer(act="reset"),
            "/xzcf/": lambda q: self.redirect("/xzcf/a/"),
            "/xzcf/a/": lambda q: self.redirect("/xzcf/b/"),
            "/xzcf/b/": lambda q: self.redirect("/xzcf/a/"),
            "/zfcg/": lambda q: self.redirect(f"http://localhost:{self.port}/zfcg/"),
            "/zdxm/": lambda q: Answer(403, "<html><body><h1>403 Forbidden</h1><p>您没有权限访问此页面。</p></body></html>".encode()),
            "/yjgl/": lambda q: Answer(412, render("challenge_412.html").encode()),
            "/jdjc/": lambda q: self.html(render("challenge_200.html")),
            "/shgy/": lambda q: Answer(
                521, f"<html><body><script>{self.challenge_js}</script></body></html>".encode(),
                headers={"Set-Cookie": "__jsluid_s=5e2b7c1f0a9d4e3b8c6f1a2d3e4f5a6b; max-age=31536000; path=/; HttpOnly"},
            ),
            "/ggfw/": lambda q: self.html(render("maintenance_200.html")),
            "/zmhd/": lambda q: Answer(503, render("maintenance_503.html").encode(), headers={"Retry-After": "0"}),
            "/ztzl/": lambda q: self.html(render("soft_404.html")),
            "/zxft/": lambda q: self.redirect("/"),
            "/xwfb/": lambda q: self.html(
                html_page("新闻发布", links_block([("发布会实录", "/xwfb/fbhsl/"), ("发布会预告", "/xwfb/fbhyg/")]))
            ),
            "/xwfb/fbhsl/": lambda q: self.html(self.meta_refresh("/xwfb/")),
            "/xwfb/fbhyg/": lambda q: self.html(html_page("发布会预告", list_block(dated_items("xwfb/fbhyg", "预告", 3)))),
            "/rdjy/": lambda q: self.html(html_page("人大建议", list_block(dated_items("rdjy", "建议", 4)))),
            # lists served partly by a search endpoint
            "/zcjd/": lambda q: self.trs_dynamic(0),
            "/zcjd/index_1.html": lambda q: self.trs_dynamic(1),
            "/zcjd/index_2.html": lambda q: self.trs_dynamic(2),
            "/col/col123/index.html": lambda q: self.hanweb(),
            # traps
            "/cal/": self.calendar,
            "/cal/more/": lambda q: self.html(html_page("更多栏目", links_block([("会议安排", "/cal/hyap/")]))),
            "/cal/hyap/": lambda q: self.html(html_page("会议安排", list_block(dated_items("cal/hyap", "会议", 6)))),
            "/sess/": lambda q: self.session_section(),
            "/sess/bjgs/index.html": lambda q: self.session_list(0),
            "/sess/bjgs/index_1.html": lambda q: self.session_list(1),
            "/sess/bjgs/index_2.html": lambda q: self.session_list(2),
            # size
            "/huge/": lambda q: Answer(act="huge"),
            "/stream/": lambda q: Answer(act="endless"),
            # robots.txt: disallowed, but a healthy column for a crawl that may ignore robots.txt
            "/private/nbzl/": lambda q: self.html(html_page("内部资料", list_block(dated_items("private/nbzl", "资料", 3)))),
            # scope by origin
            "/zsyz/": lambda q: self.redirect(f"{self.other_base}/zsyz/"),
            "/yhcs/": lambda q: self.html(self.meta_refresh(f"{self.other_base}/yhcs/")),
            # media refused, gone, compressed without bound; a garbled status line
            "/twbd/": lambda q: self.html(html_page("图文报道", list_block([("图文第1号", MEDIA_ARTICLE, "2021-11-28")]))),
            MEDIA_ARTICLE: lambda q: self.media_article(),
            "/twbd/img/ok.png": lambda q: Answer(body=tiny_png(), content_type="image/png"),
            "/twbd/img/busy.png": lambda q: Answer(503, b"busy", content_type="text/plain"),
            "/twbd/img/limit.png": lambda q: Answer(429, b"slow down", content_type="text/plain"),
            "/twbd/img/deny.png": lambda q: Answer(403, b"forbidden", content_type="text/plain"),
            "/twbd/img/reset.png": lambda q: Answer(act="reset"),
            "/twbd/img/gone.png": lambda q: Answer(404, b"not found", content_type="text/plain"),
            "/twbd/img/bomb.png": lambda q: Answer(
                body=gzip_bomb(), content_type="image/png", headers={"Content-Encoding": "gzip, gzip"}
            ),
            "/xxfk/": lambda q: Answer(act="garbage"),
            "/sjxz/": lambda q: Answer(body=gzip_bomb(), headers={"Content-Encoding": "gzip, gzip"}),
        }
        #: the deleted article: a meta refresh to its column
        self.deleted = {"/rdjy/202111/t20211126_3.html": "/rdjy/"}
        self.exact.update(PAGE_CASES.routes(self, sys.modules[__name__]))
        self.exact.update(ROUND2_CASES.routes(self, sys.modules[__name__]))

    # --- answers --------------------------------------------------------------------------------
    def answer(self, path: str, query: dict[str, list[str]]) -> Answer:
        handler = self.exact.get(path)
        if handler is not None:
            return handler(query)
        if path in self.deleted:
            return self.html(self.meta_refresh(self.deleted[path]))
        if path.startswith("/tpxw/"):
            return self.endless_pagination(path)
        article = _ARTICLE.match(path) or _HANWEB_ARTICLE.match(path)
        if article is not None:
            groups = article.groupdict()
            date = (
                f"{groups['date'][:4]}-{groups['date'][4:6]}-{groups['date'][6:]}"
                if "date" in groups
                else f"{groups['y']}-{int(groups['m']):02d}-{int(groups['d']):02d}"
            )
            return self.html(article_page(f"信息第{groups['n']}号", date))
        return Answer(404, render("soft_404.html").replace("提示信息", "404 Not Found").encode())

    @staticmethod
    def html(text: str) -> Answer:
        return Answer(body=text.encode("utf-8"))

    @staticmethod
    def redirect(location: str) -> Answer:
        return Answer(302, b"", headers={"Location": location})

    @staticmethod
    def meta_refresh(target: str) -> str:
        return (
            '<html><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0;url={target}"></head><body></body></html>'
        )

    def home(self, query: dict[str, list[str]]) -> Answer:
        main = links_block([(name, href.replace("{other}", self.other_base)) for name, href in SECTIONS])
        return self.html(html_page("首页", main).replace("当前位置：", "").replace('<div class="position">', '<div class="banner">'))

    @staticmethod
    def _encode(text: str, encoding: str, header: str | None) -> Answer:
        body = b"\xef\xbb\xbf" + text.encode("utf-8") if encoding == "utf-8-bom" else text.encode(encoding)
        content_type = f"text/html; charset={header}" if header else "text/html"
        return Answer(body=body, content_type=content_type)

    def encoded_section(self, title: str, href: str, name: str, encoding: str, *, header: str | None, meta: str | None) -> Answer:
        return self._encode(html_page(title, links_block([(name, href), ("返回首页", "/")]), meta), encoding, header)

    def encoded_list(
        self, title: str, column: str, encoding: str, *, header: str | None, meta: str | None, rare: str = ""
    ) -> Answer:
        items = dated_items(column, title, 6)
        if rare:
            items[0] = (rare, items[0][1], items[0][2])
        return self._encode(html_page(title, list_block(items), meta), encoding, header)

    def trs_dynamic(self, index: int) -> Answer:
        """政策解读: 95 items, 10 a page; only pages 1-3 are static files, the rest come from a search
        endpoint (the Fujian TRS "动静结合" template; /fjdzapp/search is POST only)."""
        items = dated_items("zcjd", "解读", 10, start=index * 10)
        script = (
            "<script>var pageChnlInfo = {quickMode:\"动静结合\", maxStaticIndex:3, recordCount:'95', "
            "prepage:10, classsql:\"chnlid=628\", searchUrl:\"/fjdzapp/search\"};</script>"
        )
        return self.html(html_page("政策解读", list_block(items, script)))

    def hanweb(self) -> Answer:
        """公示公告: a Hanweb datastore with the first 15 of 57 records; the rest only via dataproxy.jsp."""
        records = "".join(
            f'<record><![CDATA[<li><a href="/art/2021/11/{28 - k}/art_123_{1000 + k}.html" target="_blank">'
            f"公示第{k + 1}号</a><span>2021-11-{28 - k:02d}</span></li>]]></record>\n"
            for k in range(15)
        )
        store = (
            '<div id="456"><script type="text/xml"><datastore>\n'
            '<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=123'
            '&unitid=456&permissiontype=0"></a>]]></nextgroup>\n'
            f"<recordset>\n{records}</recordset>\n<totalrecord>57</totalrecord>\n<totalpage>4</totalpage>\n"
            '</datastore></script>\n<script src="/module/web/jpage/jpage.js"></script></div>'
        )
        return self.html(html_page("公示公告", store))

    def endless_pagination(self, path: str) -> Answer:
        """图片新闻: every page links the next one (index_1.html, index_2.html, … forever)."""
        name = path.rsplit("/", 1)[-1]
        match = re.fullmatch(r"index_(\d+)\.html", name)
        if name not in ("", "index.html") and match is None:
            return Answer(404, b"not found")
        page = int(match.group(1)) if match else 0
        items = dated_items("tpxw", "图片新闻", 5, start=page * 5)
        after = f'<div class="page"><a href="index_{page + 1}.html">下一页</a></div>'
        return self.html(html_page("图片新闻", list_block(items, after)))

    def calendar(self, query: dict[str, list[str]]) -> Answer:
        """会议活动: a calendar of days, each day a page with the next month's days: endless. The
        column 会议安排 is only linked from the 更多栏目 page, after the calendar."""
        day = (query.get("date") or ["2021-11-01"])[0]
        year, month = int(day[:4]), int(day[5:7])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        days = "".join(
            f'<td><a href="/cal/?date={year}-{month:02d}-{d:02d}">{d}</a></td>' for d in range(1, 29)
        )
        main = f'<table class="calendar"><tr>{days}</tr></table>\n' + links_block([("更多栏目", "/cal/more/")])
        return self.html(html_page("会议活动", main))

    @staticmethod
    def _sid() -> str:
        return "".join(random.choice("0123456789ABCDEF") for _ in range(32))

    def media_article(self) -> Answer:
        images = "".join(f'<img src="/twbd/img/{name}">' for name in ("ok.png", *REFUSED_MEDIA, GONE_MEDIUM, BOMB_MEDIUM))
        main = (
            '<div class="article"><h1>图文第1号</h1>\n<div class="info">发布日期：2021-11-28</div>\n'
            f'<div class="content"><p>图文第1号的正文。</p>{images}</div></div>'
        )
        return self.html(html_page("图文第1号", main))

    def session_section(self) -> Answer:
        links = [
            ("办件公示", f"/sess/bjgs/index.html;jsessionid={self._sid()}"),
            ("办件公示", f"/sess/bjgs/index.html?sid={self._sid()}"),
            ("返回首页", f"/;jsessionid={self._sid()}"),
        ]
        return self.html(html_page("网上办事", links_block(links)))

    def session_list(self, page: int) -> Answer:
        """办件公示: 3 pages of 5 items; every link carries a new session id, as URL-rewriting Java
        servers do."""
        items = [
            (title, f"{href};jsessionid={self._sid()}", date)
            for title, href, date in dated_items("sess/bjgs", "办件", 5, start=page * 5)
        ]
        pages = " ".join(
            f'<a href="{"index" if n == 0 else f"index_{n}"}.html;jsessionid={self._sid()}">{n + 1}</a>'
            for n in range(3)
        )
        return self.html(html_page("办件公示", list_block(items, f'<div class="page">{pages}</div>')))


class BadSiteServer(LoopbackServer):
    def __init__(self, site: BadSite) -> None:
        super().__init__((HOST, 0), BadSiteHandler)
        self.site = site
        site.port = self.server_port
        #: (method, raw request target, status, body bytes sent)
        self.log: list[tuple[str, str, int, int]] = []
        #: the Accept-Encoding each target was last asked with
        self.accept_encoding: dict[str, str] = {}
        self.stopping = threading.Event()
        self._lock = threading.Lock()

    def record(self, method: str, target: str, status: int, sent: int) -> None:
        with self._lock:
            self.log.append((method, target, status, sent))


class BadSiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 15
    server: BadSiteServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the server keeps its own log."""

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        path = _SESSION_IN_PATH.sub("", unquote(split.path)) or "/"
        answer = self.server.site.answer(path, parse_qs(split.query))
        sent = 0
        try:
            if answer.act == "reset":
                self._reset()
            elif answer.act == "garbage":  # a broken proxy: bytes that are no HTTP status line
                self.close_connection = True
                self.wfile.write(b"\x16\x03\x01 garbage from a broken proxy\r\n\r\n")
            elif answer.act == "sleep":
                self.server.stopping.wait(SLOW_SECONDS)
                sent = self._send(answer)
            elif answer.act in ("huge", "endless"):
                sent = self._stream(huge=answer.act == "huge")
            else:
                sent = self._send(answer)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
        self.server.record("GET", self.path, answer.status, sent)
        self.server.accept_encoding[self.path] = self.headers.get("Accept-Encoding", "")

    def _send(self, answer: Answer) -> int:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)
        return len(answer.body)

    def _reset(self) -> None:
        """Close with a TCP RST, as an overloaded firewall or a crashed worker does."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

    def _stream(self, huge: bool) -> int:
        """Send a page generated on the fly: 500 MB announced (``huge``), or no length at all."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if huge:
            self.send_header("Content-Length", str(HUGE_BYTES))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        chunk = ("<p>" + "大" * 20000 + "</p>\n").encode("utf-8")
        sent = 0
        with contextlib.suppress(OSError):
            self.wfile.write(b"<html><body>\n")
            while sent < HUGE_BYTES and not self.server.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
        self.close_connection = True
        return sent


@dataclass
class RunningBadSite:
    base_url: str
    port: int
    #: (method, raw request target, status, body bytes sent) of every request, in order
    log: list[tuple[str, str, int, int]]
    #: (method, raw request target, status, body bytes sent) of every request the other port (a decoy
    #: of another site) was asked; live, so a test reads it while the servers still run
    other_requests: list[tuple[str, str, int, int]] = field(default_factory=list)
    #: the Accept-Encoding each target was last asked with
    accept_encoding: dict[str, str] = field(default_factory=dict)

    @property
    def other_log(self) -> list[str]:
        """Request targets the other port was asked for: must stay empty."""
        return [target for _, target, _, _ in self.other_requests]

    def requests_for(self, prefix: str) -> list[str]:
        """Request targets that start with ``prefix``."""
        return [target for _, target, _, _ in self.log if target.startswith(prefix)]


@contextmanager
def serve_badsite(challenge_js: str) -> Iterator[RunningBadSite]:
    site = BadSite(challenge_js)
    other = BadSiteServer(BadSite(challenge_js))  # the same pages, on another port: another site
    site.other_base = f"http://{HOST}:{other.server_port}"
    server = BadSiteServer(site)
    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True) for s in (server, other)]
    for thread in threads:
        thread.start()
    try:
        yield RunningBadSite(
            f"http://{HOST}:{server.server_port}/", server.server_port, server.log, other.log, server.accept_encoding
        )
    finally:
        for running in (server, other):
            running.stopping.set()
            running.shutdown()
            running.server_close()
        for thread in threads:
            thread.join(timeout=5)


def _load_cases(name: str) -> ModuleType:
    """A module of further cases beside this file (loaded by path, as conftest.py loads this one)."""
    spec = importlib.util.spec_from_file_location(f"{__name__}_{name}", Path(__file__).parent / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: the page readers' cases (page_cases.py)
PAGE_CASES = _load_cases("page_cases")
SECTIONS += PAGE_CASES.SECTIONS
CASES += PAGE_CASES.cases(Case)
#: round two (issue 19): false answers and wrong counts (round2_cases.py)
ROUND2_CASES = _load_cases("round2_cases")
SECTIONS += ROUND2_CASES.SECTIONS
CASES += ROUND2_CASES.cases(Case)
