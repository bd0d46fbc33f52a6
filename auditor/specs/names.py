"""How column names compare: the one normalisation every matcher uses.

Sites and mandates write the same name differently: full-width letters, stray spaces and line breaks
inside link texts, and every kind of quote (“六稳”“六保”, "六稳""六保", 「六稳」). Names compare after
Unicode NFKC, with all white space and invisible characters (zero-width, soft hyphen, controls)
removed and the quote forms unified.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({c: '"' for c in "“”„‟「」『』\"'‘’＂〝〞"})
_SPACE = re.compile(r"\s+", re.UNICODE)


@lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """Return the comparison form of a column name or link text.

    Remembered for the last names asked (a pure function of its text): a walk compares the same
    link texts, menus and mandated names thousands of times, page after page."""
    text = unicodedata.normalize("NFKC", name or "")
    text = text.translate(_QUOTES)
    text = _SPACE.sub("", text)
    # invisible characters that CMS editors paste in or sites hide in names: zero-width space and
    # joiners, soft hyphen, word joiner, BOM, direction marks (format, Cf) and control codes (Cc, NUL)
    return "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc"))
