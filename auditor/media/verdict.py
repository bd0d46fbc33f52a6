"""The answer to "does this medium display or play?", shared by every check in ``auditor.media``."""

from __future__ import annotations

from dataclasses import dataclass

#: why a medium is broken (``Verdict.reason``); ``refused`` (an error status other than 404/410) and
#: the spider's transport reasons (``timeout``, ``unreachable``, ``too_large_decoded``, ``off_site``)
#: come with ``ok=None``: the file could not be checked, which proves nothing about it
REASONS = ("http_status", "wrong_type", "empty", "undecodable", "truncated", "unplayable_format")


@dataclass(frozen=True)
class Verdict:
    #: True displays/plays, False broken, None could not tell (yet)
    ok: bool | None
    #: one of ``REASONS`` when ok is False
    reason: str | None = None
    #: a short English explanation for the inspector
    detail: str = ""
    #: the format the bytes really are (``auditor.media.sniff`` names)
    format: str | None = None
    width: int | None = None
    height: int | None = None
    #: (offset, length): the check needs this byte range next (MP4 box walk; see ``auditor.media.mp4``)
    needs: tuple[int, int] | None = None
