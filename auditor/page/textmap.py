"""A page's visible text laid out once, so every reader's question about text is a slice of it.

The readers ask of one page: the visible text of hundreds of elements (a link's name, a row's date),
the characters under every element (where the footer starts, which block is the article's body),
the text outside the site's chrome, the main area's text without its links. Each used to walk the
tree again in Python. Here the page is walked once (lxml's ``iterwalk``, hidden subtrees skipped):
the pieces a reader sees (a space where a block starts or ends, each text and tail) are joined in
document order into one string, and each visible element keeps where its own pieces start and end
(its tail excluded). An element's text is then the join of its slice; its characters a difference of
running sums; a text without some blocks the slice with theirs cut out (a skipped block's tail
stays, as a walk that skips a block still reads what follows it).

Only elements the walk reached are mapped: a question about any other (a hidden one, one inside a
``map``, one of another tree) gets None, and the caller walks as it always did.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Container
from itertools import accumulate

import lxml.etree
from lxml.html import HtmlElement

#: what a block contributes where it starts and ends: kept apart from the text beside it
_BREAK = " "


class TextMap:
    """The visible pieces of text under ``root``, and each visible element's run of them."""

    __slots__ = ("_text", "_offsets", "_sums", "_elements", "_starts", "_ends", "_after", "_index")

    def __init__(self, root: HtmlElement, hidden: Container[HtmlElement], invisible: Container[str],
                 blocks: Container[str]) -> None:
        """``hidden``: elements whose content is not seen (with what is inside them); ``invisible``:
        tags whose content is never seen; ``blocks``: tags a browser starts on a line of their own.
        Mirrors ``tree._walk``: what it skips is not mapped, and its answers are ``visible_text``'s."""
        pieces: list[str] = []
        elements: list[HtmlElement] = []
        starts: list[int] = []
        ends: list[int] = []
        after: list[int] = []
        index: dict[HtmlElement, int] = {}
        put, seen, start = pieces.append, elements.append, starts.append
        walker = lxml.etree.iterwalk(root, events=("start", "end"))
        skip_subtree = walker.skip_subtree
        for event, element in walker:
            if event == "start":
                tag = element.tag
                if not isinstance(tag, str) or tag in invisible or element in hidden:
                    skip_subtree()
                    continue
                index[element] = len(elements)
                seen(element)
                start(len(pieces))
                ends.append(0)
                after.append(0)
                if tag in blocks:
                    put(_BREAK)
                text = element.text
                if text:
                    put(text)
                continue
            at = index.get(element)
            if at is not None:
                if element.tag in blocks:
                    put(_BREAK)
                ends[at] = len(pieces)
                after[at] = len(elements)
            if element is not root:
                tail = element.tail
                if tail:
                    put(tail)
        #: the pieces as one string (a reader's text is a slice of it), where each piece starts in it,
        #: and the characters (white space not counted) of the pieces before each piece: compact
        #: arrays, not lists of numbers and strings, since a crawl keeps a few pages at a time
        self._text = "".join(pieces)
        self._offsets = array("l", accumulate(map(len, pieces), initial=0))
        self._sums = array("l", accumulate((0 if piece.isspace() else len("".join(piece.split())) for piece in pieces),
                                           initial=0))
        self._elements = elements
        self._starts = array("l", starts)
        self._ends = array("l", ends)
        #: the place (in ``_elements``) of the first element after each element's subtree
        self._after = array("l", after)
        self._index = index

    def __contains__(self, element: object) -> bool:
        return element in self._index

    def text(self, element: HtmlElement) -> str | None:
        """``visible_text(element)``; None when ``element`` is not mapped."""
        at = self._index.get(element)
        if at is None:
            return None
        offsets = self._offsets
        return " ".join(self._text[offsets[self._starts[at]]:offsets[self._ends[at]]].split())

    def lengths(self, element: HtmlElement) -> dict[HtmlElement, int] | None:
        """``text_lengths(element)``: visible characters (white space not counted) under each
        visible element of ``element``'s subtree; None when ``element`` is not mapped."""
        at = self._index.get(element)
        if at is None:
            return None
        sums, elements, starts, ends = self._sums, self._elements, self._starts, self._ends
        return {elements[i]: sums[ends[i]] - sums[starts[i]] for i in range(at, self._after[at])}

    def text_without(self, element: HtmlElement, skip: Callable[[HtmlElement], bool]) -> str | None:
        """``visible_text(element, skip)``: ``skip`` is asked of the same elements in the same order."""
        at = self._index.get(element)
        if at is None:
            return None
        _, cuts = self._cut(at, skip)
        text, offsets = self._text, self._offsets
        out: list[str] = []
        start = self._starts[at]
        for cut_start, cut_end in cuts:
            out.append(text[offsets[start]:offsets[cut_start]])
            start = cut_end
        out.append(text[offsets[start]:offsets[self._ends[at]]])
        return " ".join("".join(out).split())

    def lengths_without(self, element: HtmlElement,
                        skip: Callable[[HtmlElement], bool]) -> dict[HtmlElement, int] | None:
        """``text_lengths(element, skip)``: the elements a skipped one holds are not counted, nor
        are they keys."""
        at = self._index.get(element)
        if at is None:
            return None
        kept, cuts = self._cut(at, skip)
        sums, elements, starts, ends = self._sums, self._elements, self._starts, self._ends
        # the characters cut out before each piece: a kept element holds whole cuts or none of one
        # (a cut is a subtree; a kept element is none of its descendants), so what it loses is the
        # cuts that end within it
        removed_at = [0] * len(sums)
        for cut_start, cut_end in cuts:
            removed_at[cut_end] += sums[cut_end] - sums[cut_start]
        removed = list(accumulate(removed_at))
        return {
            elements[i]: sums[ends[i]] - sums[starts[i]] - (removed[ends[i]] - removed[starts[i]]) for i in kept
        }

    def _cut(self, at: int, skip: Callable[[HtmlElement], bool]) -> tuple[list[int], list[tuple[int, int]]]:
        """The elements under the element at ``at`` (itself included) that a walk skipping ``skip``
        reads, and the runs of pieces (start, end) of those it skips, in document order."""
        elements, after = self._elements, self._after
        kept: list[int] = []
        cuts: list[tuple[int, int]] = []
        i, stop = at, after[at]
        while i < stop:
            if skip(elements[i]):
                cuts.append((self._starts[i], self._ends[i]))
                i = after[i]
            else:
                kept.append(i)
                i += 1
        return kept, cuts
