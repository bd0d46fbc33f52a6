"""A 2 GB video is judged from a few header reads, never downloaded.

The videos are real MP4s (ftyp, an mdat holding H.264 samples, moov at the end, as non-fast-start
encoders write them) whose mdat is padded to 2 GB; the server computes the bytes of any range on the
fly, so the test holds no 2 GB in memory either. It counts every body byte it writes.
"""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterator
from functools import cache

from sample_portal.mp4 import mux_moov_last, sample_video
from waiting import HANG_GUARD

TWO_GB = 2 * 1024**3
CHUNK = 64 * 1024
_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


@cache
def _parts() -> tuple[bytes, bytes, bytes]:
    """ftyp, the mdat payload (H.264 samples) and moov of a small real MP4 laid out moov-last."""
    small = mux_moov_last(sample_video(seconds=1))
    boxes = {}
    offset = 0
    while offset < len(small):
        size, kind = struct.unpack(">I4s", small[offset : offset + 8])
        boxes[kind] = small[offset : offset + size]
        offset += size
    return boxes[b"ftyp"], boxes[b"mdat"][8:], boxes[b"moov"]


class LazyMp4:
    """A ``total``-byte MP4 whose mdat is padded with zeros; ``cut`` leaves moov out (an upload cut
    short: mdat's header still claims the room moov would take, so it runs past the end)."""

    def __init__(self, total: int = TWO_GB, cut: bool = False) -> None:
        ftyp, samples, moov = _parts()
        self.total = total
        self.tail = b"" if cut else moov
        mdat_size = total - len(ftyp) - len(self.tail) + (len(moov) if cut else 0)
        self.head = ftyp + struct.pack(">I4s", mdat_size, b"mdat") + samples
        self.tail_at = total - len(self.tail)

    def read(self, first: int, last: int) -> Iterator[bytes]:
        """Bytes ``first``..``last`` (inclusive), in chunks, computed as they are sent."""
        position = first
        while position <= last:
            end = min(last + 1, position + CHUNK)
            yield self._bytes(position, end)
            position = end

    def _bytes(self, start: int, end: int) -> bytes:
        out = bytearray(end - start)
        for offset, data in ((0, self.head), (self.tail_at, self.tail)):
            lo, hi = max(start, offset), min(end, offset + len(data))
            if lo < hi:
                out[lo - start : hi - start] = data[lo - offset : hi - offset]
        return bytes(out)


def video_route(video: LazyMp4, honour_range: bool = True):
    """Serve ``video``: single byte ranges (206, 416 past the end), or always all of it (200)."""

    def answer(asked):
        headers = {"Content-Type": "video/mp4", "Accept-Ranges": "bytes" if honour_range else "none"}
        match = _RANGE.match(asked.headers.get("Range", "")) if honour_range else None
        if match is None:
            headers["Content-Length"] = str(video.total)
            return 200, headers, video.read(0, video.total - 1)
        first = int(match.group(1))
        last = min(int(match.group(2)) if match.group(2) else video.total - 1, video.total - 1)
        if first >= video.total:
            return 416, {**headers, "Content-Range": f"bytes */{video.total}", "Content-Length": "0"}, b""
        headers["Content-Range"] = f"bytes {first}-{last}/{video.total}"
        headers["Content-Length"] = str(last - first + 1)
        return 206, headers, video.read(first, last)

    return answer


HOME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例区人民政府</title></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
</body></html>"""
SECTION = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务公开</title></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="left"><ul><li><a href="/zwgk/spxw/">视频新闻</a></li></ul></div></body></html>"""
VIDEOS = {"/video/whole.mp4": "完整视频", "/video/cut.mp4": "上传中断的视频", "/video/norange.mp4": "不支持分段的视频"}


def column() -> str:
    items = "".join(
        f'<li><a href="/art/{n}.html">{title}</a><span>2021-11-{20 - n}</span></li>'
        for n, title in enumerate(VIDEOS.values(), start=1)
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>视频新闻</title></head><body>
<div class="list"><ul>{items}</ul></div></body></html>"""


def article(n: int, title: str, video: str) -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="article"><h1>{title}</h1><p>发布日期：2021-11-{20 - n}</p>
<div class="content"><p>视频如下。</p><video src="{video}" controls></video></div></div></body></html>"""


SPEC = """mandate:
  id: media-size
  title: 大文件检查
entries:
  - path: 政府网站>政务公开>视频新闻
"""


def test_two_gigabyte_videos_are_judged_from_a_few_header_reads(tmp_path, serve_site, pathaudit):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    routes = {"/": HOME, "/zwgk/": SECTION, "/zwgk/spxw/": column()}
    for n, (video, title) in enumerate(VIDEOS.items(), start=1):
        routes[f"/art/{n}.html"] = article(n, title, video)
    routes["/video/whole.mp4"] = video_route(LazyMp4())
    routes["/video/cut.mp4"] = video_route(LazyMp4(cut=True))
    routes["/video/norange.mp4"] = video_route(LazyMp4(), honour_range=False)
    out = tmp_path / "out"
    with serve_site(routes) as site:
        proc = pathaudit("crawl", site.url("/"), "--spec", str(spec), "--out", str(out),
                         "--as-of", "2021-12-01", "-q", "--set", "AUDITOR_REPORT_FORMATS=", timeout=HANG_GUARD)
        sent = {video: site.sent_for(video) for video in VIDEOS}
        base = site.base_url

    assert proc.returncode == 1, proc.stderr[-3000:]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert findings["complete"] is True
    (path,) = findings["paths"]
    checked = {m["url"].removeprefix(base): m for m in path["checked_media"]}
    assert set(checked) == set(VIDEOS)

    # with Range: the first 64 KB and the 16-byte header of moov, 2 GB away
    assert checked["/video/whole.mp4"]["ok"] is True
    assert checked["/video/cut.mp4"]["ok"] is False and checked["/video/cut.mp4"]["reason"] == "truncated"
    assert sent["/video/whole.mp4"] < 300 * 1024
    assert sent["/video/cut.mp4"] < 300 * 1024
    broken = [(f["kind"], f["url"].removeprefix(base)) for f in findings["findings"] if f["severity"] == "error"]
    assert broken == [("broken_video", "/video/cut.mp4")]

    # without Range: the probe stops reading; the video is not called broken, only not told
    assert checked["/video/norange.mp4"]["ok"] is None
    # the probe reads 256 KB + 4 KB and drops the connection; the rest of what the server wrote is
    # what the loopback socket buffers took before that (a few MB), not the 2 GB it offered
    assert sent["/video/norange.mp4"] < 32 * 1024 * 1024

