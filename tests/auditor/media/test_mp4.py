"""The MP4 box walk over real box structures, driven range by range as the spider drives it."""

from __future__ import annotations

import struct
from collections.abc import Callable

from auditor.media.mp4 import MAX_FEEDS, Mp4Walker
from auditor.media.verdict import Verdict


def walk(data: bytes, first: int, total: int | None = None) -> tuple[Verdict, list[tuple[int, int]]]:
    """Drive the walker like an HTTP client: a leading range, then each range it asks for."""
    return walk_with(lambda offset, length: data[offset : offset + length], data[:first], total or len(data))


def walk_with(fetch: Callable[[int, int], bytes], head: bytes, total: int) -> tuple[Verdict, list[tuple[int, int]]]:
    walker = Mp4Walker(total)
    walker.feed(0, head)
    asked = []
    while (wanted := walker.next_range()) is not None:
        asked.append(wanted)
        walker.feed(wanted[0], fetch(*wanted))
    return walker.verdict(), asked


def test_whole_file_in_one_feed(media) -> None:
    verdict, asked = walk(media.mp4(), first=10**9)
    assert (verdict.ok, verdict.reason, asked) == (True, None, [])
    assert "ftyp, mdat, moov" in verdict.detail


def test_moov_at_the_end_walked_by_ranges(media) -> None:
    data = media.mp4()
    verdict, asked = walk(data, first=64)
    assert verdict.ok is True
    mdat_end = len(media.ftyp()) + len(media.mdat())
    assert asked == [(mdat_end, 16)]  # one small request to jump over mdat to moov


def test_faststart_file(media) -> None:
    data = media.mp4(faststart=True)
    verdict, asked = walk(data, first=len(media.ftyp()) + 20)
    assert verdict.ok is True and "fast start" in verdict.detail
    assert [offset for offset, _ in asked] == [len(media.ftyp()) + len(media.moov())]


def test_without_moov_is_truncated(media) -> None:
    verdict, _ = walk(media.ftyp() + media.mdat(), first=64)
    assert (verdict.ok, verdict.reason) == (False, "truncated")
    assert "moov" in verdict.detail


def test_cut_inside_mdat_is_truncated(media) -> None:
    whole = media.mp4()
    cut = whole[: len(media.ftyp()) + len(media.mdat()) // 2]
    verdict, asked = walk(cut, first=64)
    assert (verdict.ok, verdict.reason, asked) == (False, "truncated", [])
    assert "'mdat'" in verdict.detail


def test_a_server_that_claims_more_bytes_than_it_has(media) -> None:
    """Content-Range says 10 000 bytes more than exist: the range after the last box comes back empty."""
    data = media.mp4()
    verdict, asked = walk(data, first=64, total=len(data) + 10_000)
    assert (verdict.ok, verdict.reason) == (False, "truncated")
    assert asked[-1][0] == len(data)


def test_large_box_size_and_sparse_reads(media) -> None:
    """A 5 GB mdat (64-bit size) is skipped without reading it: only box headers are fetched."""
    head = media.ftyp() + media.moov()
    big = 5 * 1024**3
    mdat_header = struct.pack(">I4sQ", 1, b"mdat", big)
    total = len(head) + big
    served = []

    def fetch(offset: int, length: int) -> bytes:
        served.append(length)
        return (head + mdat_header)[offset : offset + length]

    verdict, asked = walk_with(fetch, head[:64], total)
    assert verdict.ok is True
    assert sum(served) <= 64  # a few header bytes, never the video


def test_size_zero_box_runs_to_the_end(media, mp4_box) -> None:
    payload = b"\x00" * 1000
    data = media.ftyp() + media.moov() + struct.pack(">I4s", 0, b"mdat") + payload
    verdict, _ = walk(data, first=len(data))
    assert verdict.ok is True


def test_stray_bytes_after_the_last_box(media) -> None:
    verdict, _ = walk(media.mp4() + b"\x00\x00\x00", first=10**9)
    assert (verdict.ok, verdict.reason) == (False, "truncated")
    assert "stray" in verdict.detail


def test_garbage_where_a_box_should_start(media) -> None:
    verdict, _ = walk(media.mp4() + b"\x00\x00\x00\x10\x01\x02\x03\x04" + b"\0" * 8, first=10**9)
    assert (verdict.ok, verdict.reason) == (False, "truncated")


def test_impossible_box_size(media) -> None:
    data = media.ftyp() + struct.pack(">I4s", 4, b"moov") + b"\0" * 40
    verdict, _ = walk(data, first=len(data))
    assert (verdict.ok, verdict.reason) == (False, "undecodable")


def test_quicktime_without_ftyp_when_allowed(media, mp4_box) -> None:
    data = mp4_box(b"wide") + media.mdat() + media.moov()
    strict = Mp4Walker(len(data))
    strict.feed(0, data)
    assert (strict.verdict().ok, strict.verdict().reason) == (False, "undecodable")
    lenient = Mp4Walker(len(data), format="mov", require_ftyp=False)
    lenient.feed(0, data)
    assert (lenient.verdict().ok, lenient.verdict().format) == (True, "mov")


def test_the_walk_gives_up_on_thousands_of_fragments(media, mp4_box) -> None:
    fragment = mp4_box(b"moof", b"\0" * 100) + mp4_box(b"mdat", b"\0" * 1000)
    data = media.ftyp() + media.moov() + fragment * 500
    verdict, asked = walk(data, first=64)
    assert verdict.ok is None
    assert len(asked) == MAX_FEEDS - 1


def test_a_short_answer_to_a_range_request_is_a_truncation(media) -> None:
    data = media.mp4()
    mdat_end = len(media.ftyp()) + len(media.mdat())
    walker = Mp4Walker(len(data))
    walker.feed(0, data[:64])
    assert walker.next_range() == (mdat_end, 16)
    walker.feed(mdat_end, data[mdat_end : mdat_end + 5])  # the file ends 5 bytes into the header
    assert (walker.verdict().ok, walker.verdict().reason) == (False, "truncated")
    assert walker.next_range() is None
