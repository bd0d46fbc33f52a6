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
from functools import cache
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
#: Python codec names of the charsets GB18030 extends
_GB_SUBSETS = frozenset({"gbk", "gb2312"})
#: a decoding with this many rare characters (or any replacement character) is compared with others
SUSPECT_BADNESS = 3
#: characters scored per candidate (enough to judge, cheap on a large page)
_SAMPLE = 4000
#: a run of non-ASCII characters (``_sample_end`` counts them run by run)
_NON_ASCII_TEXT_RUN = re.compile(r"[^\x00-\x7f]+")
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
    try:
        name = codecs.lookup(resolve_encoding(label) or label.strip().lower().removeprefix("x-")).name
    except LookupError:
        return None
    # GB2312 and GBK pages hold GB18030 characters in practice (as browsers decode them); said here,
    # not left to w3lib's table, which maps gbk to itself from its 2.6 on
    return "gb18030" if name in _GB_SUBSETS else name


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
    person can read, high for mojibake. Scored by the regex engine: a crawl scores every page it
    reads, several decodings each."""
    end = _sample_end(text)
    scored = text if end is None else text[:end]
    implausible = _implausible().findall(scored)
    return len(implausible) + implausible.count(REPLACEMENT)


def _sample_end(text: str) -> int | None:
    """Where ``text``'s ``_SAMPLE``-th non-ASCII character ends; None when it has fewer. Counted run by
    run, after a count of them all in C: a pattern repeated ``_SAMPLE`` times stepped through every
    character of every page (most pages have fewer, and are then scored whole without a look)."""
    need = _SAMPLE
    if len(text) - len(text.encode("ascii", "ignore")) < need:
        return None
    for run in _NON_ASCII_TEXT_RUN.finditer(text):
        length = run.end() - run.start()
        if length >= need:
            return run.start() + need
        need -= length
    return None  # not reached: the count above found enough


@cache
def _implausible() -> re.Pattern[str]:
    """A non-ASCII character a page does not plausibly hold: not a common Chinese character
    (GB2312 level 1, the 3 755 most used simplified ones; Big5 level 1, the 5 401 most used
    traditional ones), punctuation, a full-width form, Latin-1 or a common sign (①, ※, ■).
    Built once, on first use."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):  # GB2312 level 1
        for trail in range(0xA1, 0xFF):
            chars.update(_decoded(bytes((lead, trail)), "gb2312"))
    for code in range(0xA440, 0xC67F):  # Big5 level 1
        chars.update(_decoded(bytes((code >> 8, code & 0xFF)), "big5"))
    plausible = "".join(sorted(chars, key=ord))
    ranges = "\u3000-\u303f\uff00-\uffef\u2000-\u206f\u00a0-\u00ff\u2100-\u2bff"
    return re.compile("[^\x00-\x7f" + ranges + re.escape(plausible) + "]")


def _decoded(pair: bytes, encoding: str) -> str:
    """The character ``pair`` encodes, if it encodes one and only that character encodes to it."""
    try:
        char = pair.decode(encoding)
    except UnicodeDecodeError:
        return ""
    return char if len(char) == 1 and char.encode(encoding) == pair else ""


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
