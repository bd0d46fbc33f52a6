"""Is a fetched page the page it claims to be? Anti-bot challenges, maintenance and soft-404 pages.

Government portals answer many requests with something other than the column asked for, often with
HTTP 200: a web firewall's JavaScript challenge (加速乐 answers 521 with a script that sets a
clearance cookie and reloads; 瑞数 answers 412), a maintenance notice (系统维护, 网站维护中), an error
page in the site's template (您访问的页面不存在), or a redirect to the home page or, for a deleted
article, a meta refresh to its column. None of them says anything about the column, so none may be
read as a missing column or an empty list: the walk reports them as *unverified*, each with its own
reason.

The judgements are deliberately narrow. A phrase counts only where the page itself says it: in its
``<title>``, or in the non-link text of its main area when that text is short. A list whose item is
titled 关于系统维护的公告 is a list (item titles are links), and an article that quotes 页面不存在
at length is an article.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from auditor.page.error_pages import BrokenPage, broken_page, could_be_broken
from auditor.model.reasons import Reason
from auditor.page.canonical import INDEX_FILE
from auditor.page.tree import Page, collapse

PageKind = Literal["content", "challenge", "maintenance", "soft_404", "server_error", "cut_short"]
#: kinds that say the server failed: nothing about the column can be concluded from them
REFUSING_KINDS: frozenset[str] = frozenset({"challenge", "maintenance", "server_error", "cut_short"})

#: the main area's own text (links left out) is at most this long on an error or maintenance page
SHORT_TEXT = 300
#: a title that says 页面不存在 is a soft 404 only when it is this short (an article title is longer)
SHORT_TITLE = 40

#: what error pages say, the most specific first (the reason quotes the first one found)
NOT_FOUND_PHRASES: tuple[str, ...] = (
    "您访问的页面不存在",
    "您所访问的页面不存在",
    "访问的页面不存在",
    "您要访问的页面不存在",
    "页面不存在",
    "页面未找到",
    "找不到页面",
    "找不到您要访问的页面",
    "访问的资源不存在",
    "请求的页面不存在",
    "文章不存在",
    "信息不存在",
    "内容不存在",
    "该信息已被删除",
    "信息已删除",
    "已被删除",
    "页面已失效",
    "Page Not Found",
    "Not Found",
)
MAINTENANCE_PHRASES: tuple[str, ...] = (
    "网站维护中",
    "系统维护中",
    "系统正在维护",
    "网站正在维护",
    "正在升级维护",
    "升级维护",
    "系统升级",
    "网站升级",
    "系统维护",
    "网站维护",
    "维护中",
    "暂停访问",
    "暂停服务",
    "under maintenance",
)
#: names of anti-bot products' cookies and scripts, as they appear in the challenge page
CHALLENGE_MARKERS: tuple[str, ...] = (
    "__jsl_clearance",  # 加速乐 (知道创宇), e.g. www.mps.gov.cn
    "__jsluid",  # 加速乐
    "acw_sc__v2",  # 阿里云 WAF
    "yunsuo_session_verify",  # 云锁
    "security_session_verify",  # 云锁
    "$_ts",  # 瑞数 (412 answers)
    "_waf_bd8ce2ce37",  # 安全狗
)
_COOKIE_SET = re.compile(r"document\s*(?:\.\s*cookie|\[\s*['\"]cookie['\"]\s*\])\s*=")
#: the script sends the browser back to the same URL: a challenge, not a redirect elsewhere
_RELOAD = re.compile(
    r"location\s*\.\s*reload\s*\(|location\s*\.\s*(?:pathname|search)\b"
    r"|location(?:\s*\.\s*href)?\s*=\s*(?:window\s*\.\s*|document\s*\.\s*)?location(?:\s*\.\s*href)?\s*[;,)}\n]"
    r"|location\s*\.\s*replace\s*\(\s*(?:window\s*\.\s*|document\s*\.\s*)?location"
)
_TITLE_404 = re.compile(r"^\D{0,12}\b404\b(?!\s*号)|\b404\b.{0,12}(?:not\s*found|错误|error|页面|不存在)", re.IGNORECASE)
#: statuses web firewalls answer challenges and blocks with
CHALLENGE_STATUSES = frozenset({403, 412, 429, 503, 521})
_TRIGGER_WORDS = re.compile(
    "|".join(re.escape(p) for p in NOT_FOUND_PHRASES + MAINTENANCE_PHRASES + CHALLENGE_MARKERS) + r"|\b404\b",
    re.IGNORECASE,
)
#: a page this small may be a challenge whatever it contains (every portal page has scripts that
#: mention location and cookies, so only small pages are parsed for them)
_SMALL_PAGE = 20_000


@dataclass(frozen=True)
class PageState:
    kind: PageKind
    #: readable, for the inspector: "anti-bot challenge (HTTP 521, JavaScript cookie)", "soft 404:
    #: page says 页面不存在", "maintenance page: page says 系统维护中"
    reason: Reason | None = None

    @property
    def is_content(self) -> bool:
        return self.kind == "content"


CONTENT = PageState("content")


def judge_page(html: str, status: int) -> PageState:
    """``judge_document`` of a page given as text (parses it only when it could be anything but
    content)."""
    if not _could_be_other(html):
        return CONTENT
    return judge_document(Page.parse(html, "http://page.invalid/"), status)


def _could_be_other(html: str) -> bool:
    return bool(html) and (len(html) <= _SMALL_PAGE or bool(_TRIGGER_WORDS.search(html)))


def judge_document(page: Page, status: int) -> PageState:
    """What a fetched, parsed page (any status) really is: content, a challenge, maintenance or a
    soft 404."""
    html = page.source
    broken = broken_page(page) if status < 400 and could_be_broken(page) else None
    if not _could_be_other(html):
        return _broken_state(broken)
    title = collapse(_title(page.root))
    own_text = _own_main_text(page)  # None: longer than SHORT_TEXT, which no judgement below reads
    challenge = _challenge(page, html, own_text, status) if own_text is not None else None
    if challenge is not None:
        return PageState("challenge", challenge)
    said = _says(MAINTENANCE_PHRASES, title, own_text or "")
    if said is not None:
        where = "" if status == 200 else f" (HTTP {status})"
        return PageState("maintenance", Reason("maintenance", where=where, text=said, status=status))
    said = _says(NOT_FOUND_PHRASES, title, own_text or "")
    if said is None and len(title) <= SHORT_TITLE and _TITLE_404.search(title):
        said = title
    if said is not None and status < 400:
        return PageState("soft_404", Reason("soft_404", text=said))
    return _broken_state(broken)


def _broken_state(broken: BrokenPage | None) -> PageState:
    if broken is None:
        return CONTENT
    return PageState("cut_short" if broken.code == "page_cut_short" else "server_error", broken.reason())


def redirect_soft_404(
    requested_url: str, final_url: str, *, via_meta_refresh: bool, home_urls: Collection[str] = ()
) -> Reason | None:
    """The reason when a page was redirected to the home page or to a column above it, else None.

    Portals answer a deleted article with a meta refresh (or a redirect) to its column, and a
    retired column with a redirect to the home page. A redirect to the folder's own index, or into a
    deeper folder, is an ordinary redirect.
    """
    if requested_url == final_url:
        return None
    how = "meta refresh to" if via_meta_refresh else "redirected to"
    if final_url in home_urls:
        return Reason("soft_404_home", how=how)
    asked, landed = urlsplit(requested_url), urlsplit(final_url)
    folder = _index_folder(landed.path or "/")
    asked_path = asked.path or "/"
    if folder is None or landed.query or not asked_path.startswith(folder):
        return None
    if _index_folder(asked_path) == folder:
        return None
    if folder == "/":
        return Reason("soft_404_home", how=how)
    return Reason("soft_404_parent", how=how, url=final_url)


# --- the parts -----------------------------------------------------------------------------------
def _index_folder(path: str) -> str | None:
    """``/a/b/`` for ``/a/b/`` and ``/a/b/index.html``; None for any other file."""
    folder, _, name = path.rpartition("/")
    if name.lower().startswith("main."):
        name = "index" + name[4:]  # main.html: an index page too
    if not name or INDEX_FILE.search("/" + name):
        return folder + "/"
    return None


def _title(root: HtmlElement) -> str:
    title = root.find(".//title")
    return title.text_content() if title is not None else ""


class _Long(Exception):
    """The own text passed ``SHORT_TEXT`` characters: reading on would change no judgement."""


def _own_main_text(page: Page) -> str | None:
    """The main area's text without link texts: what the page says in its own words; None when it
    is longer than ``SHORT_TEXT`` characters (white space not counted), found without reading the
    rest of the page: a lower bound of the characters read so far (the text and tail of each element
    the walk reaches) is kept, and the walk stops once it passes."""
    body = page.root.find("body")
    if body is None:
        return ""
    seen = 0

    def skip(element: HtmlElement) -> bool:
        nonlocal seen
        skipped = element.tag == "a" or page.in_chrome(element)
        if element is not body:
            seen += _chars(element.tail)
        if not skipped:
            seen += _chars(element.text)
        if seen > SHORT_TEXT:
            raise _Long
        return skipped

    try:
        return page.text(body, skip=skip, by_markup=True)
    except _Long:
        return None


def _chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _says(phrases: tuple[str, ...], title: str, own_text: str) -> str | None:
    """The first phrase the page says in a short title or in its short own text."""
    lowered_title = title.lower() if len(title) <= SHORT_TITLE else ""
    lowered_text = own_text.lower() if len("".join(own_text.split())) <= SHORT_TEXT else ""
    for phrase in phrases:
        wanted = phrase.lower()
        if wanted in lowered_title or wanted in lowered_text:
            return phrase
    return None


def _challenge(page: Page, html: str, own_text: str, status: int) -> Reason | None:
    """The reason if the page is an anti-bot challenge: mostly script, little to read, and a script
    that sets a cookie and reloads the same URL, or a known firewall's marker."""
    scripts = "\n".join(text for _, text in page.inline_scripts())
    if not scripts or len("".join(own_text.split())) > SHORT_TEXT or _has_content_links(page):
        return None
    sets_cookie = bool(_COOKIE_SET.search(scripts))
    reloads = bool(_RELOAD.search(scripts))
    marked = any(marker in html for marker in CHALLENGE_MARKERS)
    if (sets_cookie and reloads) or marked or (status in CHALLENGE_STATUSES and reloads):
        how = "JavaScript cookie" if sets_cookie else "JavaScript"
        return Reason("challenge", status=status, how=how)
    return None


def _has_content_links(page: Page) -> bool:
    """A challenge page links nowhere; a real page (even a small one) offers a few links."""
    count = 0
    for anchor in page.root.iter("a"):
        if page.absolute(anchor.get("href")):
            count += 1
            if count > 3:
                return True
    return False
