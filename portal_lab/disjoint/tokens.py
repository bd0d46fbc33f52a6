"""Random markup words from an alphabet the reader's vocabulary does not use.

Tokens alternate a consonant of ``CONSONANTS`` and a vowel of ``VOWELS`` (``qoxu``, ``zujovo``):
no English word, CMS abbreviation or pinyin initialism of the reader's tables has a three-letter run
of that shape (``portal_lab.disjoint.vocabulary.clash`` checks it; the tests assert it for every
token a portal uses). Drawing does not consult the reader, so a seed builds the same portal
whatever the reader's tables hold.
"""

from __future__ import annotations

import random

CONSONANTS = "qxzjvk"
VOWELS = "ou"


class TokenPool:
    """Distinct tokens drawn from one seeded stream; every token handed out is remembered."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.used: list[str] = []
        self._slugs: set[str] = set()

    def take(self, syllables: int | None = None) -> str:
        """A fresh token of 2-3 syllables (or ``syllables``)."""
        while True:
            token = self.word(syllables or self._rng.choice((2, 2, 3)))
            if token not in self.used:
                self.used.append(token)
                return token

    def slug(self) -> str:
        """An article slug of two long tokens (``zoqujo-vukoxu``); distinct, not kept in ``used``."""
        while True:
            slug = f"{self.word(3)}-{self.word(3)}"
            if slug not in self._slugs:
                self._slugs.add(slug)
                return slug

    def word(self, syllables: int) -> str:
        return "".join(self._rng.choice(CONSONANTS) + self._rng.choice(VOWELS) for _ in range(syllables))
