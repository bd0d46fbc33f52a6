"""HTML of the sample portal, from the Jinja templates beside this module.

One ``Renderer`` per build turns columns and articles into page text (str); the generator encodes
it (UTF-8, or GBK for the planted section) and publishes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2

from sample_portal.sitemap import Article, Column
from sample_portal.text import SITE_NAME, Heading

PAGE_SIZE = 15
HANWEB_PER_PAGE = 15
HOME_LIST_LENGTH = 8
#: what an empty list shows instead of items
PLACEHOLDER = "暂无信息"


def _cut(text: str, width: int) -> str:
    """Cut a title as CMS list templates do: the first characters and an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def format_date(day: dt.date, style: str) -> str:
    if style == "bracket":
        return f"[{day:%Y-%m-%d}]"
    if style == "chinese":
        return f"{day.year}年{day.month:02d}月{day.day:02d}日"
    if style == "short":
        return f"{day:%m-%d}"
    return f"{day:%Y-%m-%d}"


def _relative(url: str, base: str) -> str:
    """TRS writes links inside its own column relative to it: ``./202106/t20210601_123.html``."""
    if base != "/" and url.startswith(base):
        return "./" + url[len(base):]
    return url


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sample_portal", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cut"] = _cut
    env.filters["datefmt"] = format_date
    env.filters["relative"] = _relative
    env.tests["heading"] = lambda text: isinstance(text, Heading)
    return env


def static_text(name: str) -> str:
    return resources.files("sample_portal").joinpath("static", name).read_text(encoding="utf-8")


def soft_error_page(url: str) -> bytes:
    """The HTML a misconfigured server answers with status 200 for a file it lost (here: an image)."""
    return _environment().get_template("errors/soft_error.html").render(url=url).encode("utf-8")


@dataclass
class Box:
    column: Column
    articles: list[Article]
    date_format: str = "iso"
    picture: dict[str, str] | None = None


def newest_articles(column: Column, count: int) -> list[Article]:
    """The newest articles of a column and all its sub-columns, newest first."""
    found = [a for c in column.walk() for a in c.articles]
    return sorted(found, key=lambda a: (a.date, a.serial), reverse=True)[:count]


class Renderer:
    def __init__(self, root: Column, mobile_home: str | None = None) -> None:
        self.root = root
        #: where the header's 手机版 leads (None: nowhere, the link does nothing)
        self.mobile_home = mobile_home
        self.env = _environment()
        self.platform = next((c for c in root.children if c.skin == "xxgk"), None)

    # --- shared context -------------------------------------------------------------------------

    def _base(self, column: Column | None, charset: str, page_kind: str) -> dict[str, Any]:
        trail = column.trail if column is not None else []
        return {
            "site_name": SITE_NAME,
            "charset": charset,
            "nav": self.root.children,
            "active_nav": trail[0] if trail else None,
            "skin": column.skin if column is not None else "main",
            "inline_css": "",
            "column_id": column.column_id if column is not None else None,
            "page_kind": page_kind,
            "mobile_home": self.mobile_home,
        }

    @staticmethod
    def _crumbs(column: Column, leaf: str | None = None) -> list[tuple[str, str | None]]:
        crumbs: list[tuple[str, str | None]] = [("首页", "/")]
        crumbs += [(c.label, c.url) for c in column.trail]
        if leaf:
            crumbs.append((leaf, None))
        return crumbs

    @staticmethod
    def _crumb_style(column: Column) -> str:
        if column.skin == "xxgk":
            return "xxgk"
        return "hanweb" if column.style == "hanweb" else "main"

    # --- pages ----------------------------------------------------------------------------------

    def home(self, banners: list[dict[str, str]], services: list[dict[str, str]],
             external_links: list[tuple[str, str]]) -> str:
        news = next((c for c in self.root.children if c.name == "新闻中心"), None)
        rows = []
        if news is not None:
            boxes = []
            for child in news.children:
                articles = newest_articles(child, HOME_LIST_LENGTH)
                picture = next(({"url": a.url, "image": m.url, "title": a.title} for a in articles for m in a.media
                                if m.kind == "image"), None) if not boxes else None
                boxes.append(Box(child, articles, child.layout.date_format, picture))
            rows.append(boxes)
        messages = next((c for top in self.root.children for c in top.children if c.style == "messages"), None)
        context = self._base(None, "utf-8", "home") | {
            "inline_css": static_text("style.css"),
            "banners": banners,
            "news_rows": rows,
            "disclosure_links": self._disclosure_links(),
            "service_url": (self._top("政务服务") or self.root).url,
            "services": services,
            "messages": Box(messages, newest_articles(messages, HOME_LIST_LENGTH)) if messages else None,
            "external_links": external_links,
        }
        return self.env.get_template("home.html").render(context)

    def _top(self, name: str) -> Column | None:
        return next((c for c in self.root.children if c.name == name), None)

    def _disclosure_links(self) -> list[Column]:
        """The home page's 政务公开 block: the platform and 政务公开's own columns, but never
        政府信息公开目录, which the site offers only from the 政务公开 page."""
        links = [self.platform] if self.platform else []
        zwgk = self._top("政务公开")
        if zwgk is not None:
            links += [c for c in zwgk.children if c.spec_key is None]
        return links

    def column_pages(self, column: Column, extra: dict[str, Any] | None = None) -> list[tuple[str, str]]:
        """(file name in the column's directory, HTML) for each page of the column's list."""
        charset = column.encoding
        context = self._base(column, charset, "column") | {
            "column": column,
            "crumbs": self._crumbs(column),
            "crumb_style": self._crumb_style(column),
            "platform": self.platform,
            "mode": column.content,
            "placeholder": PLACEHOLDER,
            "date_format": column.layout.date_format,
            "base": column.directory,
            "items": [],
            "offset": 0,
            "page_index": 0,
            "page_count": 0,
            "total": 0,
        } | (extra or {})
        style = column.style
        if style == "hanweb":
            context["inline_css"] = static_text("style.css")
        if style in ("section", "boxes", "xxgk_home"):
            context["boxes"] = [Box(c, newest_articles(c, 6)) for c in column.children]
            context["latest"] = newest_articles(column, 12)
            template = "lists/xxgk_home.html" if style == "xxgk_home" else "lists/boxes.html"
            return [("index.html", self._render_column(template, context))]
        if style == "tabs":
            context["items"] = newest_articles(column, 20)
            return [("index.html", self._render_column("lists/tabs.html", context))]
        if style in ("parent", "page", "json"):
            return [("index.html", self._render_column(f"lists/{style}.html", context))]
        if style == "hanweb":
            items = column.articles
            context |= {"items": items, "total": len(items), "dataproxy_url": dataproxy_url(column),
                        "hanweb_pages": max(1, math.ceil(len(items) / HANWEB_PER_PAGE))}
            return [("index.html", self._render_column("lists/hanweb.html", context))]
        return self._paginated(column, context)

    def _paginated(self, column: Column, context: dict[str, Any]) -> list[tuple[str, str]]:
        items = column.articles
        template = f"lists/{column.style}.html"
        if not items:
            return [("index.html", self._render_column(template, context))]
        count = math.ceil(len(items) / PAGE_SIZE)
        out = []
        for index in range(count):
            page = items[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
            name = "index.html" if index == 0 else f"index_{index}.html"
            context |= {"items": page, "offset": index * PAGE_SIZE, "page_index": index, "page_count": count,
                        "total": len(items)}
            out.append((name, self._render_column(template, context)))
        return out

    def _render_column(self, list_template: str, context: dict[str, Any]) -> str:
        return self.env.get_template("column.html").render(context | {"list_template": list_template})

    def article(self, article: Article) -> str:
        column = article.column
        if column.style == "messages":
            layout = "message"
        elif column.style == "hanweb":
            layout = "hanweb"
        elif column.skin == "xxgk" or column.trail[0].name == "政务公开":
            layout = "disclosure"
        else:
            layout = "news"
        context = self._base(column, column.encoding, "article") | {
            "column": column,
            "article": article,
            "crumbs": self._crumbs(column, "正文"),
            "crumb_style": self._crumb_style(column),
            "layout": layout,
            "clock": f"{9 + article.serial % 9:02d}:{article.serial % 60:02d}",
            "hits": 100 + article.serial % 4000,
            "topic_class": "综合政务",
        }
        if layout == "hanweb":
            context["inline_css"] = static_text("style.css")
        return self.env.get_template("article.html").render(context)

    def not_found(self) -> str:
        return self.env.get_template("errors/404.html").render(site_name=SITE_NAME)

    def server_error(self) -> str:
        return self.env.get_template("errors/500.html").render()


def json_list(column: Column) -> bytes:
    """What ``/api/list?channel=…`` answers for a JavaScript-drawn list."""
    payload = {
        "channel": column.column_id,
        "total": len(column.articles),
        "pageSize": len(column.articles) or PAGE_SIZE,
        "list": [
            {"title": a.title, "url": a.url, "pubDate": f"{a.date:%Y-%m-%d} 09:30:00", "source": a.publisher}
            for a in column.articles
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def dataproxy_url(column: Column) -> str:
    """The URL Hanweb's list script asks for the column's records (the datastore's nextgroup)."""
    return (f"/module/web/jpage/dataproxy.jsp?columnid={column.column_id}&page=1&path=/"
            f"&permissiontype=0&unitid=2{column.column_id}&webid=1&webname=liangjiang")


def dataproxy_records(column: Column) -> bytes:
    """What Hanweb's ``dataproxy.jsp`` answers: the column's records in a datastore document."""
    records = "".join(
        f'<record><![CDATA[<li><a href="{a.url}" target="_blank" title="{a.title}">{_cut(a.title, 30)}</a>'
        f'<span class="date">{format_date(a.date, column.layout.date_format)}</span></li>]]></record>\n'
        for a in column.articles
    )
    text = (f"<datastore>\n<totalrecord>{len(column.articles)}</totalrecord>\n"
            f"<totalpage>{max(1, math.ceil(len(column.articles) / HANWEB_PER_PAGE))}</totalpage>\n"
            f"<recordset>\n{records}</recordset>\n</datastore>\n")
    return text.encode("utf-8")

