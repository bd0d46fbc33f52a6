"""What an article (item) page says and uses: its title, its date, its text and every medium in it.

The date comes, in this order, from the labels disclosure pages print (发布日期, 发布时间, 生成日期,
成文日期), then from the CMS's ``<meta name="PubDate">``/``firstpublishedtime`` (which is often the
time the page was last generated, so it yields to a label), then from other labels (发文日期, 日期,
时间) and last from the first date written just after the title.

Media are judged in the article body and its attachments block only: the header logo, the footer's
police-registration badge and the share buttons are the site's chrome, the same on every page. The
body is the element with a body-like class or id (``TRS_Editor``, ``trs_editor_view``, ``zoomcon``,
``article-content`` …) that holds most of the page's own text; when none is found the whole page
minus its chrome is used. Every reference counts: ``src``, ``srcset`` candidates, lazy-load
attributes, ``<video>``/``<audio>`` sources and posters, Flash ``<embed>``/``<object>``, iframes that
point to a media file, player configurations in scripts (``new Player({url: "/x.mp4"})``) and links
to downloads (.pdf .doc .xls … .ofd).

Whether a page *is* an article is read from its structure, whatever its class names
(``article_shape``): one block holding most of the main area's running text (text that is no link),
a title above it and a date beside the title. A list of related articles or of attachments beside
that block (``<ul>``, ``<dl>``, a table, divs) is a secondary block: it does not make the page a
column page. A column page is the other way round: its list's entries sit inside its biggest text
block (their summaries, numbers and publishers are its text) or their link text outweighs its
running text. What fits neither (one entry inside the block, no date beside the title, a short
text) is ``unsure``, for the caller to weigh with what else it knows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

from lxml.html import HtmlElement

from auditor.page.dates import find_date
from auditor.model.observations import MediaKind, MediaRef
from auditor.page.date_labels import PUBLICATION_LABELS, WEAKER_LABELS
from auditor.page.nfkc import nfkc
from auditor.page.tree import TEXT_CHROME, Page, class_tokens, collapse, name_tokens
from auditor.page.urlshapes import AUDIO_EXTENSIONS, extension, media_kind_of

_META_DATES = ("pubdate", "firstpublishedtime", "publishdate", "article:published_time", "dc.date")

_BODY_EXACT = frozenset(
    {"zw", "nr", "con", "cont", "txt", "text", "wzzw", "view", "detail", "details", "zhengwen", "neirong", "body",
     "article", "content", "editor", "ueditor", "zoom", "zoomcon", "main"}
)
_BODY_PREFIXES = ("content", "article", "editor", "zoom", "detail", "zhengwen", "neirong", "ueditor")
_BODY_TAGS = frozenset({"article", "ucapcontent"})
#: a narrower body candidate is taken when it holds this share of the best one's content
_NARROWING = 0.6
_ATTACHMENT_TOKENS = ("fj", "fujian", "attach", "appendix", "xgfj", "download", "files", "file")
_ATTACHMENT_HEADINGS = ("附件", "相关附件", "附件下载", "相关文件")
_LAZY_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "lazy-src", "data-url", "original")
_OBJECT_PARAMS = frozenset({"movie", "src", "url", "filename", "file", "flashvars"})
_SCRIPT_MEDIA = re.compile(
    r"(?:https?:)?[\w\-./%:~@]*?\.(?:mp4|m4v|m3u8|flv|f4v|mp3|m4a|aac|swf|webm|ogg|ogv|mov|wav)\b"
    r"(?:\?[\w\-./%=&:~]*)?",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|—|－|\s-\s)\s*")
#: running text (characters, white space not counted) a body block holds at least: a notice of two
#: short sentences; less is a caption or a column's introduction
_BODY_TEXT = 60
#: the body block holds more than this share of the main area's running text
_BODY_SHARE = 0.5
#: the shortest run of text (between two tags) that counts as running text: a sentence, not a date,
#: a publisher's name or a label
_RUN = 20

ShapeVerdict = Literal["article", "column", "unsure"]


@dataclass
class Article:
    title: str | None
    date: dt.date | None
    #: the visible text (navigation and footer left out), white space collapsed, for label checks
    text: str
    media: list[MediaRef] = field(default_factory=list)
    #: where the date came from: "label:发布日期", "meta:pubdate", "title"
    date_source: str | None = None
    #: False when no body container was recognised and the whole page was searched for media
    body_found: bool = False


def parse_article(html: str, url: str, as_of: dt.date) -> Article:
    """``read_article`` of an article page given as text (parses it)."""
    return read_article(Page.parse(html or "", url), as_of)


@dataclass(frozen=True)
class ArticleHead:
    """What an article says of itself above its body: its title, its date and its visible text.
    Cheaper than the whole ``Article`` (no body search, no media): enough to weigh whether a page
    is an article at all (``article_shape``)."""

    title: str | None
    date: dt.date | None
    date_source: str | None
    text: str


def read_head(page: Page, as_of: dt.date) -> ArticleHead:
    """The title, date and visible text of one parsed page. Never raises on bad HTML."""
    text = page.text_outside(TEXT_CHROME)
    title = _title(page)
    date, source = _date(page, text, title, as_of)
    return ArticleHead(title, date, source, text)


def read_article(page: Page, as_of: dt.date, head: ArticleHead | None = None) -> Article:
    """Read one parsed article page (``head``: its ``read_head``, when already read). Never raises
    on bad HTML."""
    head = head if head is not None else read_head(page, as_of)
    body = _body(page)
    media = list(_dedupe(_media(page, body)))
    return Article(title=head.title, date=head.date, text=head.text, media=media, date_source=head.date_source,
                   body_found=body is not None)


@dataclass(frozen=True)
class ArticleShape:
    """What the structure of a page says it is: an article, a column page, or unsure, and the
    measures the verdict weighed (characters, white space not counted)."""

    verdict: ShapeVerdict
    #: running text of the block that holds most of the main area's
    body_text: int = 0
    #: link text of the main area outside that block (related lists, attachments, a column's list)
    links_beside: int = 0
    #: list entries inside that block: links the list reader took for entries, or links alone in
    #: a row with a date
    entries_inside: int = 0
    #: a title stands on the page (heading, ``ArticleTitle`` meta, ``<title>``) and a date beside it
    titled: bool = False
    dated: bool = False


def article_shape(page: Page, article: ArticleHead | Article, entry_urls: Collection[str], as_of: dt.date) -> ArticleShape:
    """Weigh the page's structure (see the module's note). ``article`` is the page's title, date
    and text (``read_head``), ``entry_urls`` the URLs of the entries its list reader found.

    Running text is text that is no link and stands as a sentence (``_RUN`` characters or more
    between two tags): a date or a publisher in its own cell is not, so a list of related
    articles adds nothing to it whatever its rows are drawn with."""
    body = page.root.find("body")
    if body is None:
        return ArticleShape("unsure")
    running, links = _running_text(page, body)
    total = running.get(body, 0)
    block = _text_block(running, total)
    body_text = running.get(block, 0) if block is not None else 0
    links_inside = links.get(block, 0) if block is not None else 0
    wanted = set(entry_urls)
    inside = _entries(page, block if block is not None else body, wanted, as_of)
    titled = bool(article.title) and article.title in article.text
    shape = ArticleShape("unsure", body_text, links.get(body, 0) - links_inside, inside, titled, article.date is not None)
    if inside >= 2 or (body_text < _BODY_TEXT and len(wanted) >= 2):
        return replace(shape, verdict="column")  # the text is the list's (summaries), or there is none but it
    if titled and shape.dated and not inside and body_text >= _BODY_TEXT and body_text >= max(links_inside, shape.links_beside):
        return replace(shape, verdict="article")
    return shape


def _running_text(page: Page, body: HtmlElement) -> tuple[dict[HtmlElement, int], dict[HtmlElement, int]]:
    """(running text, link text) under every element of the main area, in one pass."""
    out: dict[HtmlElement, bool] = {}
    in_link: dict[HtmlElement, bool] = {}
    own: dict[HtmlElement, int] = {}
    linked: dict[HtmlElement, int] = {}
    order: list[HtmlElement] = []
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        left_out = out.get(parent, False) or page.region(element) != "main" or not page.is_visible(element)
        out[element] = left_out
        if left_out:
            continue
        order.append(element)
        in_link[element] = element.tag == "a" or in_link.get(parent, False)
        # a child's tail is its parent's text: inside a link when the parent is in one
        runs = [_chars(element.text)] + [_chars(child.tail) for child in element]
        if in_link[element]:
            own[element], linked[element] = 0, sum(runs)
        else:
            own[element], linked[element] = sum(n for n in runs if n >= _RUN), 0
    running = dict(own)
    links = dict(linked)
    for element in reversed(order):
        parent = element.getparent()
        if parent in running:
            running[parent] += running[element]
            links[parent] += links[element]
    return running, links


def _chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _text_block(running: dict[HtmlElement, int], total: int) -> HtmlElement | None:
    """The narrowest element holding more than ``_BODY_SHARE`` of the running text: such elements
    form one chain of ancestors, whose deepest member is the body block."""
    if total <= 0:
        return None
    chain = [el for el, length in running.items() if length > _BODY_SHARE * total]
    return max(chain, key=_depth) if chain else None


def _entries(page: Page, block: HtmlElement, wanted: set[str], as_of: dt.date) -> int:
    """List entries inside ``block``: links to entries the list reader found, and links that stand
    alone in a row (their nearest container holding no other link) beside a date."""
    count = 0
    for element, url in page.link_elements(block):
        if url in wanted:
            count += 1
            continue
        row = element.getparent()
        for _ in range(3):
            if row is None or row is block or sum(1 for _ in row.iter("a")) > 1:
                break
            if find_date(collapse(row.text_content()), as_of):
                count += 1
                break
            row = row.getparent()
    return count


# --- labels -------------------------------------------------------------------------------------------
def has_labels(text: str, labels: Iterable[str]) -> list[str]:
    """Which of ``labels`` the text shows as labels, in the order given.

    A label counts when a colon follows it (``答复部门：``, full- or half-width) or when it stands on
    its own between cells (``答复部门`` as a table header); white space inside a label is ignored
    (``索 引 号：``). A word inside a sentence (由答复部门负责) does not count.
    """
    normalised = nfkc(text or "")
    found = []
    for label in labels:
        pattern = _label_pattern(label)
        if pattern is not None and pattern.search(normalised):
            found.append(label)
    return found


@lru_cache(maxsize=1024)
def _label_pattern(label: str) -> re.Pattern[str] | None:
    chars = [c for c in unicodedata.normalize("NFKC", label) if not c.isspace() and c != ":"]
    if not chars:
        return None
    core = r"\s*".join(re.escape(c) for c in chars)
    return re.compile(rf"{core}\s*:|(?<!\w){core}(?!\w)")


# --- title and date -----------------------------------------------------------------------------------
def _meta(page: Page, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for meta in page.root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        if name in wanted:
            content = collapse(meta.get("content"))
            if content:
                return content
    return None


def _title(page: Page) -> str | None:
    meta = _meta(page, "ArticleTitle")
    if meta:
        return meta
    headings = [h for h in page.root.iter("h1", "h2", "h3") if not page.in_chrome(h)]
    titled = [h for h in headings if any("title" in t or t == "bt" for t in class_tokens(h))]
    h1s = [h for h in headings if h.tag == "h1"]
    ordered = [h for h in titled if h.tag == "h1"] + h1s + [h for h in titled if h.tag != "h1"]
    for heading in ordered:
        text = collapse(heading.text_content())
        if len(text) >= 4:
            return text
    title_el = page.root.find(".//title")
    if title_el is not None:
        text = collapse(title_el.text_content())
        first = _TITLE_SEPARATORS.split(text)[0] if text else ""
        return first or text or None
    return None


def _date(page: Page, text: str, title: str | None, as_of: dt.date) -> tuple[dt.date | None, str | None]:
    for label in PUBLICATION_LABELS:
        found = _labelled_date(text, label, as_of)
        if found:
            return found, f"label:{label}"
    for name in _META_DATES:
        content = _meta(page, name)
        found = find_date(content or "", as_of)
        if found:
            return found, f"meta:{name}"
    for label in WEAKER_LABELS:
        found = _labelled_date(text, label, as_of)
        if found:
            return found, f"label:{label}"
    if title:
        at = text.find(title)
        if at >= 0:
            found = find_date(text[at + len(title) : at + len(title) + 160], as_of)
            if found:
                return found, "title"
    return None, None


def _labelled_date(text: str, label: str, as_of: dt.date) -> dt.date | None:
    core = r"\s*".join(re.escape(c) for c in label)
    for match in re.finditer(rf"{core}\s*[:：]?", text):
        found = find_date(text[match.end() : match.end() + 40], as_of)
        if found:
            return found
    return None


# --- body -----------------------------------------------------------------------------------------------
def _body(page: Page) -> HtmlElement | None:
    candidates = [
        el
        for el in page.root.iter()
        if isinstance(el.tag, str) and _body_like(el) and not page.in_chrome(el) and el.tag not in ("body", "html")
    ]
    if not candidates:
        return None
    lengths = page.text_lengths(skip=page.in_chrome, by_markup=True)
    scored = [(_content_score(lengths, el), el) for el in candidates]
    best = max(score for score, _ in scored)
    if best <= 0:
        return None
    keep = [(score, el) for score, el in scored if score >= _NARROWING * best]
    # the narrowest element still holding most of the content: the body itself, not its wrapper
    return min(keep, key=lambda pair: (pair[0], -_depth(pair[1])))[1]


def _body_like(element: HtmlElement) -> bool:
    if element.tag in _BODY_TAGS:
        return True
    names, ident = element.get("class"), element.get("id")
    return bool(names or ident) and _names_a_body(names or "", ident or "")


@lru_cache(maxsize=4096)
def _names_a_body(names: str, ident: str) -> bool:
    """Class or id names that call a block the body (kept per pair: a site repeats them)."""
    return any(t in _BODY_EXACT or t.startswith(_BODY_PREFIXES) for t in name_tokens(names, ident))


def _content_score(lengths: dict[HtmlElement, int], element: HtmlElement) -> int:
    media = sum(1 for _ in element.iter("img", "video", "audio", "embed", "object", "iframe"))
    return lengths.get(element, 0) + 200 * media


def _depth(element: HtmlElement) -> int:
    return sum(1 for _ in element.iterancestors())


# --- media ----------------------------------------------------------------------------------------------
def _media(page: Page, body: HtmlElement | None) -> Iterator[MediaRef]:
    scope = body if body is not None else page.root
    yield from _media_in(page, scope)
    ids = {el.get("id") for el in scope.iter() if isinstance(el.tag, str) and el.get("id")}
    for script in page.root.iter("script"):
        if not script.text or page.in_chrome(script) or (body is not None and _inside(script, body)):
            continue
        if body is None or any(f"'{i}'" in script.text or f'"{i}"' in script.text or f"#{i}" in script.text for i in ids):
            yield from _script_media(page, script.text)
    for block in _attachment_blocks(page, body):
        for anchor in block.iter("a"):
            ref = _link_media(page, anchor)
            if ref:
                yield ref


def _media_in(page: Page, scope: HtmlElement) -> Iterator[MediaRef]:
    for el in scope.iter():
        tag = el.tag
        if not isinstance(tag, str) or page.in_chrome(el):
            continue
        if tag == "img":
            yield from _ref(page, el.get("src"), "image", "img")
            yield from _srcset(page, el.get("srcset"))
            for attribute in _LAZY_ATTRIBUTES:
                yield from _ref(page, el.get(attribute), "image", attribute)
        elif tag == "source":
            holder = next((a.tag for a in el.iterancestors("video", "audio", "picture")), None)
            if holder == "picture":
                yield from _srcset(page, el.get("srcset"))
            elif holder in ("video", "audio"):
                yield from _ref(page, el.get("src"), holder, "source")
        elif tag in ("video", "audio"):
            yield from _ref(page, el.get("src"), tag, tag)
            yield from _ref(page, el.get("poster"), "image", "poster")
        elif tag == "embed":
            yield from _player_ref(page, el.get("src"), "embed")
            yield from _flashvars(page, el.get("flashvars"), "embed")
        elif tag == "object":
            yield from _player_ref(page, el.get("data"), "object")
            for param in el.iter("param"):
                name = (param.get("name") or "").lower()
                if name == "flashvars":
                    yield from _flashvars(page, param.get("value"), "object")
                elif name in _OBJECT_PARAMS:
                    yield from _player_ref(page, param.get("value"), "object")
        elif tag == "iframe":
            yield from _iframe_ref(page, el.get("src"))
        elif tag == "script" and el.text:
            yield from _script_media(page, el.text)
        elif tag == "a":
            ref = _link_media(page, el)
            if ref:
                yield ref


def _ref(page: Page, raw: str | None, kind: MediaKind, via: str) -> Iterator[MediaRef]:
    url = page.absolute(raw)
    if url and url != page.url:
        yield MediaRef(url=url, kind=kind, via=via)


def _srcset(page: Page, srcset: str | None) -> Iterator[MediaRef]:
    """Each candidate URL of ``srcset="a.jpg 1x, b.jpg 2x"``, read as the HTML standard does: a URL
    runs to white space (trailing commas end the candidate), then descriptors run to a comma."""
    text = srcset or ""
    pos, end = 0, len(text)
    while pos < end:
        while pos < end and (text[pos].isspace() or text[pos] == ","):
            pos += 1
        start = pos
        while pos < end and not text[pos].isspace():
            pos += 1
        url = text[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while pos < end and (text[pos] != "," or depth):
                depth += {"(": 1, ")": -1}.get(text[pos], 0)
                pos += 1
        if url:
            yield from _ref(page, url, "image", "srcset")


def _kind_by_extension(url: str) -> MediaKind | None:
    """Players: Flash and video files are video, audio files audio."""
    kind = media_kind_of(url)
    return kind if kind in ("image", "video", "audio", "attachment") else None


def _player_ref(page: Page, raw: str | None, via: str) -> Iterator[MediaRef]:
    url = page.absolute(raw)
    if not url:
        return
    kind = _kind_by_extension(url)
    if kind:
        yield MediaRef(url=url, kind=kind, via=via)
    else:
        yield from _query_media(page, url, via)


def _iframe_ref(page: Page, raw: str | None) -> Iterator[MediaRef]:
    """An iframe counts when it shows a media file itself or a player page given one in its query."""
    url = page.absolute(raw)
    if not url:
        return
    kind = _kind_by_extension(url)
    if kind in ("video", "audio"):
        yield MediaRef(url=url, kind=kind, via="iframe")
    elif kind is None:
        yield from _query_media(page, url, "iframe")


def _query_media(page: Page, url: str, via: str) -> Iterator[MediaRef]:
    for _, value in parse_qsl(urlsplit(url).query):
        target = page.absolute(value) if value else None
        kind = _kind_by_extension(target) if target else None
        if target and kind in ("video", "audio"):
            yield MediaRef(url=target, kind=kind, via=via)


def _flashvars(page: Page, value: str | None, via: str) -> Iterator[MediaRef]:
    for _, raw in parse_qsl(value or ""):
        url = page.absolute(raw)
        kind = _kind_by_extension(url) if url else None
        if url and kind in ("video", "audio"):
            yield MediaRef(url=url, kind=kind, via=via)


def _script_media(page: Page, script: str) -> Iterator[MediaRef]:
    for match in _SCRIPT_MEDIA.finditer(script):
        url = page.absolute(match.group(0))
        if not url:
            continue
        kind: MediaKind = "audio" if extension(url) in AUDIO_EXTENSIONS else "video"
        yield MediaRef(url=url, kind=kind, via="script")


def _link_media(page: Page, anchor: HtmlElement) -> MediaRef | None:
    """A link to a download (attachment) or to a video/audio file; links to pictures are not media
    the page shows."""
    url = page.absolute(anchor.get("href"))
    if not url:
        return None
    kind = media_kind_of(url)
    if kind in ("attachment", "video", "audio"):
        return MediaRef(url=url, kind=kind, via="link")
    return None


def _attachment_blocks(page: Page, body: HtmlElement | None) -> Iterator[HtmlElement]:
    """Elements outside the body that hold the article's attachments (附件)."""
    if body is None:
        return
    within = set(body.iter())
    around = set(body.iterancestors())
    for el in page.root.iter():
        if not isinstance(el.tag, str) or el in within or el in around or page.in_chrome(el):
            continue
        names, ident = el.get("class"), el.get("id")
        if (names or ident) and _names_attachments(names or "", ident or ""):
            yield el
        elif el.text and collapse(el.text).startswith(_ATTACHMENT_HEADINGS):
            parent = el.getparent()
            yield parent if parent is not None and parent not in around else el


@lru_cache(maxsize=4096)
def _names_attachments(names: str, ident: str) -> bool:
    """Class or id names that call a block the attachments (kept per pair: a site repeats them)."""
    return any(t.startswith(_ATTACHMENT_TOKENS) for t in name_tokens(names, ident))


def _inside(element: HtmlElement, container: HtmlElement) -> bool:
    return element is container or any(a is container for a in element.iterancestors())


def _dedupe(refs: Iterable[MediaRef]) -> Iterator[MediaRef]:
    seen: set[str] = set()
    for ref in refs:
        if ref.url not in seen:
            seen.add(ref.url)
            yield ref
