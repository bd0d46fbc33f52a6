"""Walk the top-level boxes of an MP4/MOV (ISO-BMFF) file without downloading the video.

An MP4 is a chain of boxes: 4 bytes size, 4 bytes type, 8 more bytes of size when the size field is
1, size 0 meaning "to the end of the file". A playable file has ``ftyp``, ``moov`` (the index) and
``mdat`` (the media), and its box sizes add up exactly to the file's length. An interrupted upload
leaves an ``mdat`` that runs past the end, or no ``moov`` at all; ffprobe and friends accept many
such files, the box walk does not.

The walk needs only each box's header, so it runs over HTTP Range requests. ``Mp4Walker`` is a
pure state machine; the caller does the I/O::

    walker = Mp4Walker(total_size)            # the full size (Content-Range / Content-Length)
    walker.feed(0, first_bytes)               # whatever was downloaded from offset 0
    while (wanted := walker.next_range()) is not None:
        offset, length = wanted               # Range: bytes=offset-(offset+length-1)
        walker.feed(offset, fetch(offset, length))
    verdict = walker.verdict()                # an auditor.media.verdict.Verdict

A feed at the offset ``next_range`` asked for must hold the bytes asked for, unless the file ends
there: fewer bytes (or none) means the file is shorter than its size said, and that is a
truncation. The walk gives up (verdict ``ok=None``) after ``MAX_FEEDS`` feeds, e.g. for a
fragmented file with thousands of ``moof`` boxes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from auditor.media.verdict import Verdict

HEADER = 16
MAX_FEEDS = 64


@dataclass(frozen=True)
class Box:
    type: str
    offset: int
    size: int


@dataclass
class Mp4Walker:
    total_size: int
    #: the format name the verdict reports (``mp4``, ``mov``, ``m4a``)
    format: str = "mp4"
    #: QuickTime files from old cameras may start without ``ftyp``
    require_ftyp: bool = True
    position: int = 0
    boxes: list[Box] = field(default_factory=list)
    feeds: int = 0
    _problem: tuple[str, str] | None = field(default=None, init=False)

    @property
    def finished(self) -> bool:
        return self._problem is not None or self.position >= self.total_size

    def next_range(self) -> tuple[int, int] | None:
        """The byte range to fetch next, or None when the walk is over (or gave up)."""
        if self.finished or self.feeds >= MAX_FEEDS:
            return None
        return self.position, min(HEADER, self.total_size - self.position)

    def feed(self, offset: int, data: bytes) -> None:
        """Take bytes that start at ``offset`` and read every box header they hold."""
        self.feeds += 1
        at_request = offset == self.position
        while not self.finished:
            start = self.position - offset
            if start < 0 or start >= len(data):
                if at_request and start == len(data) == 0:
                    self._fail("truncated", f"no bytes at offset {self.position} of a {self.total_size}-byte file")
                return
            remaining = self.total_size - self.position
            if remaining < 8:
                self._fail("truncated", f"{remaining} stray byte(s) after the last box at offset {self.position}")
                return
            header = data[start : start + HEADER]
            size, kind, header_size = _parse_header(header)
            if size is None:  # the chunk ends inside the header
                if at_request and start == 0:
                    self._fail("truncated", f"the file ends inside the box header at offset {self.position}")
                return
            if not _is_box_type(kind):
                self._fail("truncated", f"no box header at offset {self.position}: the boxes do not add up")
                return
            name = kind.decode("latin-1")
            if size == 0:
                size = remaining
            if size < header_size:
                self._fail("undecodable", f"box {name!r} at offset {self.position} has an impossible size {size}")
                return
            self.boxes.append(Box(name, self.position, size))
            if size > remaining:
                self._fail(
                    "truncated",
                    f"box {name!r} at offset {self.position} needs {size} bytes but the file has {remaining} left",
                )
                return
            self.position += size

    def verdict(self) -> Verdict:
        """The walk's verdict; ``ok=None`` while it is unfinished (or after it gave up)."""
        if self._problem is not None:
            reason, detail = self._problem
            return self._verdict(False, reason, detail)
        if self.position < self.total_size:
            return self._verdict(None, None, f"walk stopped at offset {self.position} after {self.feeds} range(s)")
        kinds = [b.type for b in self.boxes]
        if "moov" not in kinds:
            return self._verdict(False, "truncated", "no moov box: the index is missing (cut upload?)")
        if "mdat" not in kinds:
            return self._verdict(False, "truncated", "no mdat box: the media data is missing")
        if self.require_ftyp and "ftyp" not in kinds:
            return self._verdict(False, "undecodable", "no ftyp box: not an MP4 file")
        layout = "fast start" if kinds.index("moov") < kinds.index("mdat") else "moov after mdat"
        return self._verdict(True, None, f"boxes {', '.join(kinds)} add up to {self.total_size} bytes ({layout})")

    def _verdict(self, ok: bool | None, reason: str | None, detail: str) -> Verdict:
        return Verdict(ok=ok, reason=reason, detail=detail, format=self.format)

    def _fail(self, reason: str, detail: str) -> None:
        self._problem = (reason, detail)


def _parse_header(header: bytes) -> tuple[int | None, bytes, int]:
    """(size, type, header length); size None when ``header`` is too short to tell."""
    if len(header) < 8:
        return None, b"", 0
    size, kind = struct.unpack(">I4s", header[:8])
    if size == 1:
        if len(header) < 16:
            return None, kind, 16
        return struct.unpack(">Q", header[8:16])[0], kind, 16
    return size, kind, 8


def _is_box_type(kind: bytes) -> bool:
    """Box types are four printable characters (QuickTime also uses ©)."""
    return len(kind) == 4 and all(0x20 <= b <= 0x7E or b == 0xA9 for b in kind)
