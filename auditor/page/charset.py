"""Repair a page decoded with the wrong character set.

Browsers and Scrapy let the HTTP header's charset win over the page's own ``<meta charset>``. Chinese
government servers are often configured with one default charset for a site whose pages were made
by several editors and tools over the years: a GBK page is served as ``charset=utf-8`` (the text
fills with U+FFFD replacement characters), or a UTF-8 page as ``charset=gbk``/``iso-8859-1`` (the
text turns into plausible-looking nonsense: mojibake). Column names then never match. The bytes
tell which is right: GBK text with Chinese in it is practically never valid UTF-8, and text that
decodes with many replacement characters was decoded wrongly.

Repair never makes the text worse than the declared decoding: each candidate is scored by its
replacement characters and by how many of its Chinese characters are common ones (GB2312 level 1,
Big5 level 1: mojibake is mostly rare characters), and a page whose parts disagree (a UTF-8 page
with a GBK include) is decoded part by part rather than re-decoded whole.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, resolve_encoding

REPLACEMENT = "\ufffd"
_UTF8 = "utf-8"
#: what servers label pages with by default when nobody configured a charset
_WESTERN = frozenset({"cp1252", "latin-1", "iso8859-1", "iso-8859-1", "ascii", "us-ascii"})
#: labels that cannot describe an HTML page without NUL bytes
_WIDE = ("utf-16", "utf-32", "utf_16", "utf_32")
#: the Chinese charsets a mislabelled page is tried in
_CHINESE = ("gb18030", "big5")
#: a decoding with this many rare characters (or any replacement character) is compared with others
SUSPECT_BADNESS = 3
#: characters scored per candidate (enough to judge, cheap on a large page)
_SAMPLE = 4000
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")


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
    * A UTF-16/32 label on a body without NUL bytes is wrong: the page's own charset is used.
    * A body labelled with a Western single-byte charset (Tomcat's default ISO-8859-1) that
      declares another charset itself is read in its own charset.
    * A decoding with replacement characters, or whose Chinese is mostly rare characters, is
      compared with the page's declared charset, GB18030, Big5 and a part-by-part decoding (each
      non-ASCII run as UTF-8 where it is valid UTF-8, else in the page's charset); the best one
      is kept only when it scores strictly better than the decoding used.
    """
    used = normal_encoding(encoding) or encoding
    if used != _UTF8 and _is_utf8_text(body):
        return Decoded(body.decode(_UTF8), _UTF8, repaired_from=used)
    declared = normal_encoding(html_body_declared_encoding(body))
    if used.replace("_", "-").startswith(_WIDE) and not body.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in body[:4096]:
        own = declared if declared and not declared.replace("_", "-").startswith(_WIDE) else None
        best = _best(body, [own] if own else list(_CHINESE), fallback=None)
        if best is not None:
            return Decoded(best[1], best[0], repaired_from=used)
    if used in _WESTERN and declared and declared not in _WESTERN and not body.isascii():
        return Decoded(body.decode(declared, errors="replace"), declared, repaired_from=used)
    if body.isascii() or (REPLACEMENT not in text and badness(text) < SUSPECT_BADNESS):
        return Decoded(text, used)
    if REPLACEMENT in text and _decodes(body, used):
        return Decoded(text, used)  # the replacement characters are the page's own
    candidates = [c for c in dict.fromkeys((declared, *_CHINESE)) if c and c != used]
    best = _best(body, candidates, fallback=declared if declared and declared != _UTF8 else "gb18030")
    if best is not None and badness(best[1]) < badness(text):
        return Decoded(best[1], best[0], repaired_from=used)
    return Decoded(text, used)


def _best(body: bytes, encodings: list[str], fallback: str | None) -> tuple[str, str] | None:
    """(encoding, text) of the best-scoring decoding of ``body`` among ``encodings`` and, with a
    ``fallback`` charset, the part-by-part decoding (encoding named ``utf-8+<fallback>``)."""
    options: list[tuple[str, str]] = []
    for candidate in encodings:
        try:
            options.append((candidate, body.decode(candidate, errors="replace")))
        except LookupError:
            continue
    if fallback:
        options.append((f"{_UTF8}+{fallback}", decode_by_parts(body, fallback)))
    if not options:
        return None
    return min(options, key=lambda option: badness(option[1]))


def decode_by_parts(body: bytes, fallback: str) -> str:
    """Each run of non-ASCII bytes decoded as UTF-8 where it is valid UTF-8, else in ``fallback``:
    a UTF-8 page with a GBK fragment (a legacy include) reads right in both parts."""
    out: list[str] = []
    start = 0
    for match in _NON_ASCII_RUN.finditer(body):
        out.append(body[start:match.start()].decode("ascii"))
        run = match.group(0)
        try:
            out.append(run.decode(_UTF8))
        except UnicodeDecodeError:
            out.append(run.decode(fallback, errors="replace"))
        start = match.end()
    out.append(body[start:].decode("ascii"))
    return "".join(out)


def badness(text: str) -> int:
    """Replacement characters plus rare characters among the first non-ASCII ones: low for text a
    person can read, high for mojibake."""
    bad = 0
    seen = 0
    for char in text:
        if char < "\x80":
            continue
        seen += 1
        if seen > _SAMPLE:
            break
        if char == REPLACEMENT:
            bad += 2
        elif not _plausible(char):
            bad += 1
    return bad


@lru_cache(maxsize=65536)
def _plausible(char: str) -> bool:
    """A character a page plausibly holds: a common Chinese one, punctuation, a full-width form,
    a letter of a European language; never a private-use or rare one."""
    if _common(char):
        return True
    code = ord(char)
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F:
        return True
    if 0x00A0 <= code <= 0x00FF or 0x2100 <= code <= 0x2BFF:
        return True  # Latin-1 signs, arrows, ①, ※, ■: common in Chinese pages
    return False


@lru_cache(maxsize=65536)
def _common(char: str) -> bool:
    """In GB2312 level 1 (the 3 755 most used simplified characters) or Big5 level 1 (5 401 most
    used traditional characters)."""
    try:
        encoded = char.encode("gb2312")
        if len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        encoded = char.encode("big5")
        return len(encoded) == 2 and 0xA440 <= (encoded[0] << 8 | encoded[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


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
