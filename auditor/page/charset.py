"""Repair a page decoded with the wrong character set.

Browsers and Scrapy let the HTTP header's charset win over the page's own ``<meta charset>``. Chinese
government servers are often configured with one default charset for a site whose pages were made
by several editors and tools over the years: a GBK page is served as ``charset=utf-8`` (the text
fills with U+FFFD replacement characters), or a UTF-8 page as ``charset=gbk``/``iso-8859-1`` (the
text turns into plausible-looking nonsense: mojibake). Column names then never match. The bytes
tell which is right: GBK text with Chinese in it is practically never valid UTF-8, and text that
decodes with many replacement characters was decoded wrongly.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, resolve_encoding

REPLACEMENT = "\ufffd"
_UTF8 = "utf-8"
#: what servers label pages with by default when nobody configured a charset
_WESTERN = frozenset({"cp1252", "latin-1", "iso8859-1", "iso-8859-1", "ascii", "us-ascii"})


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: why the text was decoded otherwise than the server said, for the log
    repaired_from: str | None = None


def normal_encoding(label: str | None) -> str | None:
    """The Python codec for a charset label (``gb2312``/``GBK`` → ``gb18030``, its superset), or None."""
    if not label:
        return None
    resolved = resolve_encoding(label)
    if resolved:
        return resolved
    try:
        return codecs.lookup(label.strip().lower().removeprefix("x-")).name
    except LookupError:
        return None


def repair_decoding(body: bytes, text: str, encoding: str) -> Decoded:
    """``text`` (``body`` decoded as ``encoding``), or a better decoding when that one is wrong.

    * A body that is valid UTF-8 with non-ASCII in it is UTF-8, whatever the header says.
    * A body labelled with a Western single-byte charset (Tomcat's default ISO-8859-1) that
      declares another charset itself is read in its own charset.
    * A body that does not decode in the charset used (the text holds replacement characters) is
      decoded again with the charset the page declares (``<meta charset>``), else with GB18030, the
      superset of GB2312 and GBK; the result is kept if it has fewer replacement characters.
    """
    used = normal_encoding(encoding) or encoding
    if used != _UTF8 and _is_utf8_text(body):
        return Decoded(body.decode(_UTF8), _UTF8, repaired_from=used)
    declared = normal_encoding(html_body_declared_encoding(body))
    if used in _WESTERN and declared and declared not in _WESTERN and not body.isascii():
        return Decoded(body.decode(declared, errors="replace"), declared, repaired_from=used)
    if REPLACEMENT not in text or _decodes(body, used):
        return Decoded(text, used)
    best = Decoded(text, used)
    for candidate in dict.fromkeys(c for c in (declared, "gb18030") if c and c != used):
        retry = body.decode(candidate, errors="replace")
        if retry.count(REPLACEMENT) < best.text.count(REPLACEMENT):
            best = Decoded(retry, candidate, repaired_from=used)
    return best


def _decodes(body: bytes, encoding: str) -> bool:
    """The body is valid in ``encoding``: its replacement characters are its own."""
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _is_utf8_text(body: bytes) -> bool:
    """Valid UTF-8 that is not plain ASCII (plain ASCII reads the same in every charset here)."""
    if body.isascii():
        return False
    try:
        body.decode(_UTF8)
    except UnicodeDecodeError:
        return False
    return True
