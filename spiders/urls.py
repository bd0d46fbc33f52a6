"""URL judgements the walk makes before it spends a request."""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urlsplit

_NOT_PAGES = re.compile(
    r"\.(jpe?g|png|gif|webp|bmp|svg|ico|mp4|m3u8|flv|webm|mov|avi|wmv|mp3|m4a|wav|ogg|swf|pdf|docx?|"
    r"xlsx?|pptx?|wps|ofd|zip|rar|7z|txt|xml|json|css|js)$",
    re.IGNORECASE,
)
#: article (item) pages of the big CMSes: TRS t20210601_123.html, Hanweb art_1_2.html, numeric ids
_ARTICLE = re.compile(r"(^|/)(t\d{8}_\d+|art_\d+_\d+|content_\d+|\d{5,}|[0-9a-f]{32})\.s?html?$", re.IGNORECASE)


def same_site(url: str, hosts: Collection[str]) -> bool:
    """Only http(s) URLs on the portal's own hosts (and those allowed) are fetched."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in hosts


def is_column_like(url: str) -> bool:
    """Could this URL be a column page (as opposed to an article, a medium or a download)?"""
    path = urlsplit(url).path or "/"
    if _NOT_PAGES.search(path):
        return False
    return not _ARTICLE.search(path)
