"""Is a page an article? Its structure says, whatever its class names: one block of running text
under a dated title is an article even beside a list of related articles or attachments drawn as a
``<dl>``, a table or divs; a page whose list is its text is a column page; what fits neither is
unsure. Class names are drawn from ``portal_lab.disjoint.tokens`` (an alphabet the reader's
vocabulary does not use); the real pages are read in place from ../shared/realgov.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest

from auditor.page.answer import Answer, FetchedPage, judge_answer
from auditor.walk.confirm import article_verdict, is_article
from portal_lab.disjoint.tokens import TokenPool
from portal_lab.disjoint.vocabulary import clash
from portal_lab.metamorphic import roundtrip, swap_lists

AS_OF = dt.date(2023, 6, 1)
#: an address no URL-shape rule of the reader reads as an article's
URL = "http://www.example.gov.cn/kuxo/vozu/qojuxa"

SENTENCE = "为进一步做好相关工作，现将有关事项公布如下，请各单位认真贯彻落实，确保各项任务按期完成。"


def fetched(html: str, url: str = URL) -> FetchedPage:
    return judge_answer(Answer(url=url, status=200, headers={"content-type": "text/html; charset=utf-8"},
                               body=html.encode("utf-8")))


def _related(kind: str, names: TokenPool, count: int) -> str:
    """A block of ``count`` related articles (dated links) drawn as ``kind``, under its heading."""
    entries = [(f"/kuxo/{names.slug()}", f"关于做好第{n}季度有关工作的通知", f"2023-0{n % 9 + 1}-1{n % 9}")
               for n in range(count)]
    cls = names.take()
    if kind == "dl":
        rows = "".join(f"<dt><a href='{u}'>{t}</a></dt><dd>{d}</dd>" for u, t, d in entries)
        block = f"<dl class='{cls}'>{rows}</dl>"
    elif kind == "table":
        rows = "".join(f"<tr><td><a href='{u}'>{t}</a></td><td>{d}</td></tr>" for u, t, d in entries)
        block = f"<table class='{cls}'>{rows}</table>"
    else:
        rows = "".join(f"<div class='{names.take()}'><a href='{u}'>{t}</a><span>{d}</span></div>" for u, t, d in entries)
        block = f"<div class='{cls}'>{rows}</div>"
    return f"<div class='{names.take()}'><div class='{names.take()}'>相关文章</div>{block}</div>"


def _attachments(names: TokenPool) -> str:
    files = "".join(f"<p><a href='/kuxo/{names.slug()}.pdf'>附表{n}：有关事项明细</a></p>" for n in range(1, 3))
    return f"<div class='{names.take()}'>{files}</div>"


def article_page(seed: int, related: str, paragraphs: int = 6, heading: str = "h1", label: str = "发布时间：",
                 related_count: int = 5) -> str:
    """An article whose every class name is a random token: a heading, a date line, a body of
    ``paragraphs`` paragraphs, attachments and a block of related articles drawn as ``related``."""
    names = TokenPool(random.Random(seed))
    title = "关于进一步加强城乡社区治理工作的实施意见"
    head = f"<{heading} class='{names.take()}'>{title}</{heading}>"
    text = "".join(f"<p>{SENTENCE}</p>" for _ in range(paragraphs))
    menu = "".join(f"<li><a href='/{names.take()}/'>栏目{n}</a></li>" for n in range(6))
    return (
        f"<html><head><meta charset='utf-8'><title>{title}_示例市人民政府</title></head><body>"
        f"<div class='{names.take()}'><ul class='{names.take()}'>{menu}</ul></div>"
        f"<div class='{names.take()}'>{head}"
        f"<div class='{names.take()}'><span>{label}2023-05-11</span><span>来源：示例市民政局</span></div>"
        f"<div class='{names.take()}'>{text}</div>{_attachments(names)}"
        f"{_related(related, names, related_count)}</div>"
        f"<div class='{names.take()}'>版权所有：示例市人民政府 地址：示例路1号</div></body></html>"
    )


def column_page(seed: int, kind: str, summaries: bool = False) -> str:
    """A column page in the same markup: a heading and twelve dated entries (with a summary each)."""
    names = TokenPool(random.Random(seed))
    summary = f"<p>{SENTENCE}</p>" if summaries else ""
    entries = [(f"/kuxo/{names.slug()}", f"关于做好第{n}批有关工作的通知", f"2023-05-{n + 10}") for n in range(12)]
    if kind == "dl":
        rows = "".join(f"<dt><a href='{u}'>{t}</a><span>{d}</span></dt><dd>{summary}</dd>" for u, t, d in entries)
        body = f"<dl class='{names.take()}'>{rows}</dl>"
    elif kind == "table":
        rows = "".join(f"<tr><td><a href='{u}'>{t}</a>{summary}</td><td>{d}</td></tr>" for u, t, d in entries)
        body = f"<table class='{names.take()}'>{rows}</table>"
    else:
        rows = "".join(f"<div class='{names.take()}'><a href='{u}'>{t}</a><span>{d}</span>{summary}</div>"
                       for u, t, d in entries)
        body = f"<div class='{names.take()}'>{rows}</div>"
    return (
        f"<html><head><meta charset='utf-8'><title>通知公告_示例市人民政府</title></head><body>"
        f"<div class='{names.take()}'><h2 class='{names.take()}'>通知公告</h2>{body}</div></body></html>"
    )


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("related", ["dl", "table", "div"])
def test_an_article_beside_a_list_of_related_articles_is_an_article(related: str, seed: int):
    page = fetched(article_page(seed, related))
    assert page.listing(AS_OF).kind != "page", "the related articles read as a list or sub-columns"
    assert is_article(page, AS_OF)


@pytest.mark.parametrize("heading", ["h1", "div"])
def test_the_title_may_be_a_heading_or_only_the_pages_title(heading: str):
    assert is_article(fetched(article_page(7, "dl", heading=heading)), AS_OF)


def test_a_date_line_without_a_label_still_dates_the_article():
    assert is_article(fetched(article_page(8, "table", label="")), AS_OF)


@pytest.mark.parametrize("kind", ["dl", "table", "div"])
@pytest.mark.parametrize("summaries", [False, True])
def test_a_column_page_whose_list_is_its_text_is_no_article(kind: str, summaries: bool):
    page = fetched(column_page(3, kind, summaries))
    assert article_verdict(page, AS_OF) == "column"


def test_a_related_list_longer_than_the_text_leaves_the_page_unsure():
    """Two sentences beside twenty related articles: which block is the page's is not plain."""
    page = fetched(article_page(9, "dl", paragraphs=2, related_count=20))
    assert article_verdict(page, AS_OF) == "unsure"
    assert not is_article(page, AS_OF)


def test_the_generated_class_names_are_outside_the_readers_vocabulary():
    pages = [article_page(0, kind) for kind in ("dl", "table", "div")] + [column_page(3, "div")]
    classes = {token for html in pages for token in re.findall(r"class='([^']+)'", html)}
    assert classes and {token: clash(token) for token in classes if clash(token)} == {}


# --- real pages ---------------------------------------------------------------------------------
#: (file under realgov/, the URL it was saved from); the day they are read as of is AS_OF
REAL_ARTICLES = {
    "wanzai-2022": ("SimonXinw-job/wanzai_tjsja_2022_article.html",
                    "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml"),
    "wanzai-2015": ("SimonXinw-job/wanzai_tjgb_2015_article.html",
                    "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml"),
    "yichun-2022": ("SimonXinw-job/yichun_tjgb_2022_article.html",
                    "https://www.yichun.gov.cn/ycsrmzf/tjgb/202305/36796cdc82d04268913f2884cf2fe579.shtml"),
    "yichun-jiangxi-2022": ("SimonXinw-job/yichun_tjgb_jiangxi2022_article.html",
                            "https://www.yichun.gov.cn/ycsrmzf/tjgb/202304/3f093ec317ba4609b241d0c79175c7cd.shtml"),
}
REAL_COLUMNS = {
    "hd-index": ("kevin3691-renmin/hdzfxxgk_index.jsp", "http://hdzfxxgk.hd.gov.cn/"),
    "hd-list": ("kevin3691-renmin/hdzfxxgk_list.jsp", "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/"),
    "hd-guide": ("kevin3691-renmin/hdzfxxgk_gkzn.jsp", "http://hdzfxxgk.hd.gov.cn/gkzn/"),
}


@pytest.mark.parametrize("lists", [None, "div", "table", "dl"])
@pytest.mark.parametrize("name", sorted(REAL_ARTICLES))
def test_a_real_article_is_an_article_however_its_lists_are_drawn(name: str, lists: str | None, realgov_dir: Path):
    """The wanzai and yichun articles carry a related-article list (read as a list of one entry) or
    an empty list container: on main they were not articles."""
    file, url = REAL_ARTICLES[name]
    html = roundtrip((realgov_dir / file).read_text(encoding="utf-8"))
    if lists is not None:
        html = swap_lists(lists)(html)
    assert is_article(fetched(html, url), AS_OF)


@pytest.mark.parametrize("name", sorted(REAL_COLUMNS))
def test_a_real_column_page_is_no_article(name: str, realgov_dir: Path):
    file, url = REAL_COLUMNS[name]
    page = fetched((realgov_dir / file).read_text(encoding="utf-8"), url)
    assert not is_article(page, AS_OF)


# --- what a page is, worked out once --------------------------------------------------------------
def test_what_a_page_is_is_worked_out_once_and_shared():
    """The walk and the census both ask: the second asker gets the first one's reading."""
    page = fetched(article_page(1, "dl"))
    assert is_article(page, AS_OF)
    head, shape = page.article_head(AS_OF), page.article_shape(AS_OF)
    assert article_verdict(page, AS_OF) == "article"
    assert page.article_head(AS_OF) is head and page.article_shape(AS_OF) is shape


def test_a_pages_own_name_is_read_again_when_its_frames_add_links():
    from auditor.page.links import Link
    from auditor.walk.confirm import own_name

    html = "<html><head><title>栏目页</title></head><body><div class='qoxu'><p>欢迎访问</p></div></body></html>"
    page = fetched(html, "http://www.example.gov.cn/a/")
    first = own_name(page)
    assert first == ("栏目页", "title") and own_name(page) is first
    node = Link(url="http://www.example.gov.cn/a/", text="乙栏目", title="", alt="", region="tree", order=9,
                role="tree", current=True)
    page._links = [*page.links, node]  # what auditor.walk.frames does when a frame's links arrive
    assert own_name(page) == ("乙栏目", "tree")
