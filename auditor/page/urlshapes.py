"""What a URL points at, judged from its shape alone: an article, a column, a list page, a medium.

Government CMSes name things predictably. Articles carry an id or a date: TRS ``t20210601_123456.html``,
Hanweb ``/art/2021/6/1/art_12_345.html``, ``content_5614684.htm``, a 32-digit hex id
(``9c059bf058ef4db8b3c8f920e22186fe.shtml``), a numeric file name, a date folder, or
``show.asp?id=12``. Columns are folders (``/zwgk/ghxx/``), their ``index.html``, Hanweb
``/col/col123/index.html`` or named pages (``zwgk.shtml``). Static list pages after the first are
``index_1.html`` … (TRS) or ``list_2.html``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from auditor.model.observations import MediaKind
from auditor.page.dialects import article_file_pattern, is_list_page_file

IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "jpe", "png", "gif", "webp", "bmp", "svg", "ico", "tif", "tiff", "avif", "heic"})
VIDEO_EXTENSIONS = frozenset(
    {"mp4", "m4v", "mov", "m3u8", "flv", "f4v", "webm", "ogv", "avi", "wmv", "asf", "rm", "rmvb", "mkv", "swf", "3gp", "mpg", "mpeg"}
)
AUDIO_EXTENSIONS = frozenset({"mp3", "m4a", "aac", "wav", "ogg", "oga", "flac", "wma", "amr"})
#: downloads an article offers (WPS: wps/et/dps; OFD: the national e-document format)
DOCUMENT_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "zip", "rar", "7z", "txt", "ofd", "csv"}
)
_PAGE_EXTENSIONS = frozenset({"html", "htm", "shtml", "shtm", "jhtml", "jsp", "asp", "aspx", "php", "do", "action", ""})

_ARTICLE_FILE = re.compile(
    rf"^(?:{article_file_pattern()}|content_\d+|\d{{3,}}|.*\d{{5,}}.*|.*_\d{{4,}})"
    r"(?:\.[a-z0-9]+)?$",
    re.IGNORECASE,
)
_DATE_FOLDER = re.compile(r"/(?:\d{6}|\d{8}|\d{4}-\d{2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}/\d{4})/")
_ARTICLE_STEMS = re.compile(r"^(?:show|detail|details|view|content|article|info|read|display|news_?view|art)\w*$", re.I)
_COLUMN_STEMS = re.compile(r"^(?:index|default|list|lists|main|more|column|channel|col|class|category)\w*$", re.I)
_ARTICLE_ID_PARAMS = frozenset({"id", "aid", "articleid", "newsid", "docid", "infoid", "contentid", "art_id", "detailid", "manuscriptid"})
_PAGINATION_FILE = re.compile(r"^(?:index|list|default|more|page|lists)[_-](\d+)\.(?:s?html?|jsp|php|aspx?)$", re.I)
_PAGINATION_PARAMS = frozenset({"page", "pageno", "pageindex", "currentpage", "pagenum", "pn", "curpage", "cur_page", "startrecord"})
_MULTI_LABEL_SUFFIXES = ("gov.cn", "com.cn", "org.cn", "edu.cn", "net.cn", "ac.cn")


def _path_parts(url: str) -> tuple[str, str, str]:
    """(path, file name, extension) of a URL; the extension lower-case without the dot."""
    try:
        path = urlsplit(url).path or "/"
    except ValueError:
        return "/", "", ""
    name = path.rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return path, name, ext


def extension(url: str) -> str:
    return _path_parts(url)[2]


def media_kind_of(url: str) -> MediaKind | None:
    """The kind of medium a URL names by its extension, or None for pages and unknown files."""
    ext = extension(url)
    if ext in IMAGE_EXTENSIONS:
        return "image"
    if ext in VIDEO_EXTENSIONS:
        return "video"
    if ext in AUDIO_EXTENSIONS:
        return "audio"
    if ext in DOCUMENT_EXTENSIONS:
        return "attachment"
    return None


def is_document(url: str) -> bool:
    return extension(url) in DOCUMENT_EXTENSIONS


def is_pagination_url(url: str) -> bool:
    """A further page of a list (``index_3.html``, ``?page=2``) rather than a column or an item."""
    _, name, _ = _path_parts(url)
    if _PAGINATION_FILE.match(name) or is_list_page_file(name):
        return True
    query = urlsplit(url).query
    return any(key.lower() in _PAGINATION_PARAMS for key, _ in parse_qsl(query))


def is_article_url(url: str) -> bool:
    """Shaped like one article (item) page of a CMS."""
    path, name, ext = _path_parts(url)
    if ext not in _PAGE_EXTENSIONS or not name:
        return False
    stem = name.rsplit(".", 1)[0]
    if _COLUMN_STEMS.match(stem) or _PAGINATION_FILE.match(name):
        return False
    if _ARTICLE_FILE.match(name) or _DATE_FOLDER.search(path):
        return True
    query = urlsplit(url).query
    has_id = any(k.lower() in _ARTICLE_ID_PARAMS and v.strip().isalnum() for k, v in parse_qsl(query))
    return bool(_ARTICLE_STEMS.match(stem)) or has_id


def is_column_url(url: str) -> bool:
    """Shaped like a column (a folder, its index page or a named page), not an item, a list page
    after the first, a medium or a download."""
    _, _, ext = _path_parts(url)
    if ext not in _PAGE_EXTENSIONS:
        return False
    return not is_article_url(url) and (not is_pagination_url(url) or is_first_page_url(url))


def is_first_page_url(url: str) -> bool:
    """A list's first page written with its page parameter (``list.jsp?page=1``): the column itself,
    as a person reads a column link, not a further page of it."""
    _, name, _ = _path_parts(url)
    if _PAGINATION_FILE.match(name) or is_list_page_file(name):
        return False
    pages = [value for key, value in parse_qsl(urlsplit(url).query) if key.lower() in _PAGINATION_PARAMS]
    return bool(pages) and all(value.strip() in ("1", "0") for value in pages)


def site_of(url: str) -> str:
    """The registrable part of a URL's host (``hd.gov.cn`` for ``hdzfxxgk.hd.gov.cn``)."""
    host = (urlsplit(url).hostname or "").lower()
    labels = host.split(".")
    keep = 3 if host.endswith(_MULTI_LABEL_SUFFIXES) else 2
    return ".".join(labels[-keep:])


def same_site(a: str, b: str) -> bool:
    return site_of(a) == site_of(b) != ""
