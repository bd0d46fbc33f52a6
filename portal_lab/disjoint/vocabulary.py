"""The page reader's own vocabulary, read from its source, and the check that a token avoids it.

The reader (``auditor/page``, ``auditor/walk``) recognises markup by words: class names in word
tables, URL shapes and date places in regexes. A portal meant to test what the reader does on markup
nobody told it about must not use those words. This module reads every string literal of those
packages (word tables and regex sources alike: both are string literals in the source) and keeps the
ASCII words in them (docstrings left out); a token clashes when it shares any three-letter run with one of those words or
equals a two-letter one. It reads the ``auditor`` found on the import path, so the check follows the
reader as it changes.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

#: the packages whose words a disjoint portal must avoid
READER_PACKAGES = ("page", "walk")
_WORD = re.compile(r"[A-Za-z]{2,}")


def reader_root() -> Path:
    """Where the ``auditor`` package being tested lives."""
    import auditor

    return Path(auditor.__file__).resolve().parent


@functools.cache
def reader_words(root: Path | None = None) -> frozenset[str]:
    """Every ASCII word (two letters or more, lower-cased) in a string literal of the reader."""
    root = root or reader_root()
    words: set[str] = set()
    for package in READER_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            # docstrings (a string standing alone as a statement) say things; they decide nothing
            prose = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
                    words.update(w.lower() for w in _WORD.findall(node.value))
    return frozenset(words)


@functools.cache
def _trigrams(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[i : i + 3] for w in words for i in range(len(w) - 2))


def clash(token: str, words: frozenset[str] | None = None) -> str | None:
    """What in the reader's vocabulary ``token`` (its letters, digits ignored) shares, or None."""
    words = reader_words() if words is None else words
    grams = _trigrams(words)
    for part in _WORD.findall(token.lower()):
        if part in words:
            return part
        for i in range(len(part) - 2):
            if part[i : i + 3] in grams:
                return next(w for w in words if part[i : i + 3] in w)
    return None
