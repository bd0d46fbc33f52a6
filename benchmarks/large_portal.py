"""A large portal built like the bundled one: the sample portal plus a news archive of N pages.

A real district portal holds a few hundred mandated pages and tens of thousands of news items no
mandate asks about. ``large_portal(pages)`` keeps the bundled portal whole (its planted defects and
ground truth unchanged) and hangs a news archive (往期回顾) under 新闻中心: one month column of
``ARTICLES_PER_MONTH`` items per month, going back in time, each a TRS list (index.html,
index_1.html …, 15 items a page) of article pages drawn with the portal's own templates. The
archive is linked from the 新闻中心 page only, as such archives are. The page bar of an archive list
is written out (as the browser draws it from ``createPageHTML``), so that a crawler that runs no
script reaches every page too.

Nothing is built ahead: list pages and articles are drawn when asked for (a month's column and its
lists are kept for the few months being read), so a 100 000-page portal starts in the time of the
bundled one and holds no more memory.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace

from sample_portal.defects import PLAN
from auditor.specs.model import Spec
from sample_portal.generator import AS_OF, _apply_structure, build_portal, load_default_spec
from pathaudit.loopback.model import CONTENT_TYPES, Portal, Resource
from sample_portal.pages import PAGE_SIZE as LIST_PAGE_SIZE
from sample_portal.pages import Renderer
from sample_portal.server import default_portal
from sample_portal.sitemap import Article, Column, Layout, assign_column_ids, build_tree
from sample_portal.text import Writer

ARCHIVE_NAME = "往期回顾"
ARCHIVE_SLUG = "wqhg"
#: items of one month's column (its list has ceil(n / 20) pages)
ARCHIVE_ITEMS_PER_MONTH = 200
_NEWS_DIR = "/xwzx/"
_ARCHIVE_DIR = f"{_NEWS_DIR}{ARCHIVE_SLUG}/"
_MONTH_PAGE = re.compile(r"^/xwzx/wqhg/(\d{6})/(index(?:_(\d+))?\.html)$")
_ARTICLE = re.compile(r"^/xwzx/wqhg/(\d{6})/t(\d{8})_(\d+)\.html$")


def html_pages(portal: Portal) -> int:
    return sum(1 for key, resource in portal.files.items() if resource.content_type.startswith("text/html"))


class Archive:
    """The archive's columns and pages, drawn on demand."""

    def __init__(self, items: int) -> None:
        spec = load_default_spec()
        root, columns = build_tree(spec)
        _apply_structure(PLAN, columns)  # the nav of an archive page is the bundled pages' nav
        assign_column_ids(root)
        news = next(c for c in root.children if c.name == "新闻中心")
        self.archive = Column(ARCHIVE_NAME, Layout(ARCHIVE_SLUG, "parent"), parent=news)
        news.children.append(self.archive)
        self.renderer = Renderer(root)
        self.items = items
        months = math.ceil(items / ARCHIVE_ITEMS_PER_MONTH)
        first = AS_OF.replace(day=1)
        self.months: list[dt.date] = []
        for index in range(months):
            year, month = divmod(first.year * 12 + first.month - 1 - (index + 1), 12)
            self.months.append(dt.date(year, month + 1, 1))
        for index, month in enumerate(self.months):
            count = min(ARCHIVE_ITEMS_PER_MONTH, items - index * ARCHIVE_ITEMS_PER_MONTH)
            column = Column(f"{month.year}年{month.month:02d}月要闻", Layout(f"{month:%Y%m}", "trs_list"),
                            parent=self.archive)
            column.articles = [None] * count  # type: ignore[list-item]  # drawn in month_column
            self.archive.children.append(column)
        self.by_slug = {c.layout.slug: i for i, c in enumerate(self.archive.children)}

    def page_count(self) -> int:
        lists = sum(math.ceil(len(c.articles) / LIST_PAGE_SIZE) for c in self.archive.children)
        return 1 + lists + self.items

    def urls(self) -> Iterator[str]:
        yield _ARCHIVE_DIR + "index.html"
        for index in range(len(self.months)):
            column = self.month_column(index)
            pages = math.ceil(len(column.articles) / LIST_PAGE_SIZE)
            for page in range(pages):
                yield column.directory + ("index.html" if page == 0 else f"index_{page}.html")
            for article in column.articles:
                yield article.url

    @functools.lru_cache(maxsize=8)  # noqa: B019  (one Archive per process)
    def month_column(self, index: int) -> Column:
        """A month's column with its items (titles, dates, URLs; the text is drawn per article)."""
        shell = self.archive.children[index]
        month = self.months[index]
        rng = random.Random(f"archive:{month:%Y%m}")
        writer = Writer(rng, topic="两江新区")
        days = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - month
        articles = []
        serial = 100000 + index * 1000 * ARCHIVE_ITEMS_PER_MONTH
        for number in range(len(shell.articles)):
            day = month + dt.timedelta(days=days.days - 1 - number * days.days // max(1, len(shell.articles)))
            serial += rng.randint(3, 97)
            articles.append(Article(
                column=shell, serial=serial, title=f"{writer.sentence()[:28]}（{number + 1}）", date=day,
                url=f"{shell.directory}t{day:%Y%m%d}_{serial}.html", publisher="重庆两江新区管委会办公室",
                index_no=writer.index_number(day.year, serial % 100000), doc_no="", paragraphs=[],
            ))
        shell.articles = articles
        return shell

    @functools.lru_cache(maxsize=8)  # noqa: B019
    def month_pages(self, index: int) -> dict[str, bytes]:
        column = self.month_column(index)
        pages = self.renderer.column_pages(column)
        bar = "".join(f'<a href="{name}">{number + 1}</a>' for number, (name, _) in enumerate(pages))
        return {name: html.replace('<div class="pagination" id="pageBar"></div>',
                                   f'<div class="pagination" id="pageBar">{bar}</div>', 1).encode("utf-8")
                for name, html in pages}

    @functools.lru_cache(maxsize=8)  # noqa: B019
    def month_articles(self, index: int) -> dict[str, Article]:
        return {a.url: a for a in self.month_column(index).articles}

    def exists(self, key: str) -> bool:
        if key == _ARCHIVE_DIR + "index.html":
            return True
        match = _MONTH_PAGE.match(key)
        if match and match.group(1) in self.by_slug:
            return match.group(2) in self.month_pages(self.by_slug[match.group(1)])
        match = _ARTICLE.match(key)
        if match and match.group(1) in self.by_slug:
            return key in self.month_articles(self.by_slug[match.group(1)])
        return False

    def body(self, key: str) -> bytes | None:
        if key == _ARCHIVE_DIR + "index.html":
            return self.renderer.column_pages(self.archive)[0][1].encode("utf-8")
        match = _MONTH_PAGE.match(key)
        if match and match.group(1) in self.by_slug:
            return self.month_pages(self.by_slug[match.group(1)]).get(match.group(2))
        match = _ARTICLE.match(key)
        if match and match.group(1) in self.by_slug:
            article = self.month_articles(self.by_slug[match.group(1)]).get(key)
            if article is None:
                return None
            writer = Writer(random.Random(f"article:{article.serial}"), topic="两江新区")
            full = replace(article, paragraphs=writer.paragraphs(4 + article.serial % 5))
            return self.renderer.article(full).encode("utf-8")
        return None


class LargeFiles(Mapping[str, Resource]):
    """The bundled portal's files, with the news page linking the archive, and the archive's pages."""

    def __init__(self, base: Mapping[str, Resource], archive: Archive | None) -> None:
        self.base = dict(base)
        self.archive = archive
        if archive is not None:
            news = self.base[_NEWS_DIR + "index.html"]
            link = f'<div class="more"><a href="{_ARCHIVE_DIR}">{ARCHIVE_NAME}</a></div>'.encode()
            self.base[_NEWS_DIR + "index.html"] = replace(news, body=news.body.replace(b"</body>", link + b"</body>", 1))

    def __getitem__(self, key: str) -> Resource:
        if key in self.base:
            return self.base[key]
        body = self.archive.body(key) if self.archive is not None and key.startswith(_ARCHIVE_DIR) else None
        if body is None:
            raise KeyError(key)
        return Resource(body, CONTENT_TYPES["html"])

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if key in self.base:
            return True
        if self.archive is None or not key.startswith(_ARCHIVE_DIR):
            return False
        return self.archive.exists(key)

    def __iter__(self) -> Iterator[str]:
        yield from self.base
        if self.archive is not None:
            yield from self.archive.urls()

    def html_keys(self) -> Iterator[str]:
        """The keys of the HTML pages, without drawing any archive page (they all are)."""
        yield from (key for key, resource in self.base.items() if resource.content_type.startswith("text/html"))
        if self.archive is not None:
            yield from self.archive.urls()

    def __len__(self) -> int:
        return len(self.base) + (self.archive.page_count() if self.archive is not None else 0)


def large_portal(pages: int, spec: Spec | None = None) -> tuple[Portal, int]:
    """The bundled portal grown to about ``pages`` HTML pages; returns it and its HTML page count.
    With ``spec`` (a grown mandate, benchmarks/mandate_growth.py) the portal is drawn for that spec."""
    bundled = build_portal(spec) if spec is not None else default_portal()
    own = html_pages(bundled)
    extra = max(0, pages - own)
    # each month adds its items and one list page per LIST_PAGE_SIZE of them
    items = math.floor(extra * LIST_PAGE_SIZE / (LIST_PAGE_SIZE + 1)) if extra > 1 else 0
    archive = Archive(items) if items else None
    files = LargeFiles(bundled.files, archive)
    portal = replace(bundled, files=files)  # type: ignore[arg-type]
    return portal, own + (archive.page_count() if archive else 0)
