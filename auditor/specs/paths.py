"""The syntax of a mandated path: ``政府网站>A>B>C/D``.

Mandates write a path from the portal's home page (``政府网站``, not a column) down to a column. A
last segment written ``C/D`` names sibling columns, each of them mandated. Only the last segment
splits: a ``/`` inside an earlier segment is part of that column's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.specs.names import normalise_name

#: what mandates write for the portal's home page
HOME_PAGE = "政府网站"
#: ">" and its full-width form, which Chinese input methods type
_SEGMENT_SEPARATOR = re.compile("[>＞]")
_SIBLING_SEPARATOR = re.compile("[/／]")


class PathSyntaxError(ValueError):
    """A path that names no column, or has an empty name in it."""


@dataclass(frozen=True)
class SplitPath:
    """A path cut into column names, before sibling expansion."""

    #: the columns above the last one, from the home page down (without 政府网站)
    parents: tuple[str, ...]
    #: the last column's names: one, or several siblings when written ``C/D``
    siblings: tuple[str, ...]

    def expanded(self) -> tuple[tuple[str, ...], ...]:
        """One full segment tuple per sibling, in the order written."""
        return tuple(self.parents + (name,) for name in self.siblings)


def split_path(text: str, *, expand_siblings: bool = True) -> SplitPath:
    """Cut ``政府网站>A>B/C`` into its columns; refuse empty paths and empty names."""
    if not text or not text.strip():
        raise PathSyntaxError("the path is empty")
    segments = [part.strip() for part in _SEGMENT_SEPARATOR.split(text)]
    for number, segment in enumerate(segments, start=1):
        if not segment:
            raise PathSyntaxError(
                f'segment {number} of "{text.strip()}" is empty (two ">" in a row, or one at an end?)'
            )
        if not normalise_name(segment):
            shown = segment.encode("unicode_escape").decode("ascii")
            raise PathSyntaxError(
                f'segment {number} of the path is only invisible characters ("{shown}"): no column can be named so'
            )
    if normalise_name(segments[0]) == normalise_name(HOME_PAGE):
        segments = segments[1:]
    if not segments:
        raise PathSyntaxError(
            f'the path names only the home page ({HOME_PAGE}): add the column below it, e.g. "{HOME_PAGE}>政务公开"'
        )
    last = segments[-1]
    if not expand_siblings:
        return SplitPath(tuple(segments[:-1]), (last,))
    siblings = [name.strip() for name in _SIBLING_SEPARATOR.split(last)]
    if any(not normalise_name(name) for name in siblings):
        raise PathSyntaxError(f'the last segment "{last}" has an empty name beside "/"')
    seen: set[str] = set()
    for name in siblings:
        key = normalise_name(name)
        if key in seen:
            raise PathSyntaxError(f'the last segment "{last}" names "{name}" twice')
        seen.add(key)
    return SplitPath(tuple(segments[:-1]), tuple(siblings))
