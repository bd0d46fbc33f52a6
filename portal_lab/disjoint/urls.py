"""URL shapes of a disjoint portal: every folder and parameter word is a random token (or a word a
test names), so the reader's URL-shape rules cannot tell a column from an article."""

from __future__ import annotations

from dataclasses import dataclass

from portal_lab.disjoint.knobs import Knobs
from portal_lab.disjoint.tokens import TokenPool


@dataclass(frozen=True)
class UrlShapes:
    knobs: Knobs
    column_word: str
    page_word: str
    param: str
    item_word: str
    item_param: str
    frame_word: str

    @classmethod
    def draw(cls, knobs: Knobs, pool: TokenPool) -> UrlShapes:
        return cls(knobs, knobs.column_word or pool.take(), pool.take(), pool.take(), pool.take(), pool.take(),
                   pool.take())

    def column(self, number: int) -> str:
        shape, word = self.knobs.column_urls, self.column_word
        if shape == "channel":
            return f"/{word}/{number}.html"
        if shape == "node":
            return f"/{word}_{number}.htm"
        if shape == "query":
            return f"/{word}.html?{self.param}={number}"
        if shape == "folder":
            return f"/{word}/{self.page_word}{number}/"
        raise ValueError(shape)

    def list_page(self, number: int, index: int) -> str:
        """List page ``index`` (0: the column's own URL)."""
        if index == 0:
            return self.column(number)
        shape, word, more = self.knobs.column_urls, self.column_word, self.page_word
        if shape == "channel":
            return f"/{word}/{number}{more}{index + 1}.html"
        if shape == "node":
            return f"/{word}_{number}{more}{index + 1}.htm"
        if shape == "query":
            return f"/{word}.html?{self.param}={number}&{more}={index + 1}"
        return f"/{word}/{more}{number}/{more}{index + 1}.html"

    def item(self, number: int, serial: int, slug: str) -> str:
        shape = self.knobs.item_urls
        if shape == "slug":
            return f"/{self.item_word}/{slug}.html"
        if shape == "numeric":
            return f"/{self.item_word}/{number}{serial:04d}.html"
        if shape == "query":
            return f"/{self.item_word}.html?{self.item_param}={number}{serial:04d}"
        raise ValueError(shape)

    def frame(self, number: int) -> str:
        return f"/{self.frame_word}/{number}.html"
