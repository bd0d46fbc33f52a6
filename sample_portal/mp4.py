"""MP4 files written box by box around the H.264 stream of ``h264``.

A healthy file is laid out ``ftyp, moov, mdat`` ("fast start", as CMS transcoders publish); the broken
one is laid out ``ftyp, mdat, moov`` and cut inside ``mdat``, which is what an interrupted upload
leaves behind: the first bytes look fine, the index (``moov``) is gone and nothing can play.
"""

from __future__ import annotations

import struct

from sample_portal.h264 import EncodedVideo, Picture, encode

TIMESCALE = 12800
FPS = 25
_UNITY_MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def box(kind: bytes, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return struct.pack(">I4s", 8 + len(body), kind) + body


def full_box(kind: bytes, version: int, flags: int, *payload: bytes) -> bytes:
    return box(kind, struct.pack(">I", (version << 24) | flags), *payload)


def _avc_config(video: EncodedVideo) -> bytes:
    sps, pps = video.sps, video.pps
    return box(
        b"avcC",
        bytes([1, sps[1], sps[2], sps[3], 0xFF, 0xE1]),
        struct.pack(">H", len(sps)),
        sps,
        b"\x01",
        struct.pack(">H", len(pps)),
        pps,
    )


def _sample_entry(video: EncodedVideo) -> bytes:
    compressor = b"PathAudit I_PCM".ljust(31, b"\0")
    return box(
        b"avc1",
        b"\0" * 6,
        struct.pack(">H", 1),  # data_reference_index
        b"\0" * 16,
        struct.pack(">HH", video.width, video.height),
        struct.pack(">II", 0x00480000, 0x00480000),  # 72 dpi
        b"\0" * 4,
        struct.pack(">H", 1),  # frame_count
        bytes([len(b"PathAudit I_PCM")]) + compressor,
        struct.pack(">Hh", 0x0018, -1),
        _avc_config(video),
    )


def _samples(video: EncodedVideo) -> list[bytes]:
    """Each access unit as MP4 stores it: every NAL unit behind a 4-byte length."""
    return [b"".join(struct.pack(">I", len(nal)) + nal for nal in frame) for frame in video.frames]


def _moov(video: EncodedVideo, sizes: list[int], chunk_offset: int) -> bytes:
    count = len(sizes)
    delta = TIMESCALE // FPS
    duration_ms = count * 1000 // FPS
    mvhd = full_box(
        b"mvhd", 0, 0,
        struct.pack(">IIII", 0, 0, 1000, duration_ms),
        struct.pack(">IH", 0x00010000, 0x0100), b"\0" * 10, _UNITY_MATRIX, b"\0" * 24,
        struct.pack(">I", 2),
    )
    tkhd = full_box(
        b"tkhd", 0, 3,
        struct.pack(">IIII", 0, 0, 1, 0), struct.pack(">I", duration_ms), b"\0" * 8,
        struct.pack(">hhH", 0, 0, 0), b"\0\0", _UNITY_MATRIX,
        struct.pack(">II", video.width << 16, video.height << 16),
    )
    mdhd = full_box(b"mdhd", 0, 0, struct.pack(">IIII", 0, 0, TIMESCALE, count * delta), struct.pack(">HH", 0x55C4, 0))
    hdlr = full_box(b"hdlr", 0, 0, b"\0" * 4, b"vide", b"\0" * 12, b"VideoHandler\0")
    vmhd = full_box(b"vmhd", 0, 1, b"\0" * 8)
    dinf = box(b"dinf", full_box(b"dref", 0, 0, struct.pack(">I", 1), full_box(b"url ", 0, 1)))
    stbl = box(
        b"stbl",
        full_box(b"stsd", 0, 0, struct.pack(">I", 1), _sample_entry(video)),
        full_box(b"stts", 0, 0, struct.pack(">III", 1, count, delta)),
        full_box(b"stss", 0, 0, struct.pack(">I", len(video.key_frames)),
                 *(struct.pack(">I", k + 1) for k in video.key_frames)),
        full_box(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, count, 1)),
        full_box(b"stsz", 0, 0, struct.pack(">II", 0, count), *(struct.pack(">I", s) for s in sizes)),
        full_box(b"stco", 0, 0, struct.pack(">II", 1, chunk_offset)),
    )
    minf = box(b"minf", vmhd, dinf, stbl)
    trak = box(b"trak", tkhd, box(b"mdia", mdhd, hdlr, minf))
    return box(b"moov", mvhd, trak)


def _ftyp() -> bytes:
    return box(b"ftyp", b"isom", struct.pack(">I", 512), b"isom", b"iso2", b"avc1", b"mp41")


def mux(video: EncodedVideo) -> bytes:
    """A playable fast-start MP4: ftyp, moov, mdat."""
    samples = _samples(video)
    sizes = [len(s) for s in samples]
    ftyp = _ftyp()
    # moov's size does not depend on the offset value, so measure it once with a placeholder
    moov_size = len(_moov(video, sizes, 0))
    moov = _moov(video, sizes, len(ftyp) + moov_size + 8)
    return ftyp + moov + box(b"mdat", *samples)


def mux_moov_last(video: EncodedVideo) -> bytes:
    """The same file laid out ftyp, mdat, moov (as a non-fast-start encoder writes it)."""
    samples = _samples(video)
    ftyp = _ftyp()
    mdat = box(b"mdat", *samples)
    return ftyp + mdat + _moov(video, [len(s) for s in samples], len(ftyp) + 8)


def colour_pictures(width: int, height: int, count: int) -> list[Picture]:
    """Slides with colour bars and a moving block, so each key frame visibly differs."""
    bars_y = (180, 168, 145, 133, 63, 51, 28, 110)
    bars_cb = (128, 44, 156, 72, 184, 100, 212, 128)
    bars_cr = (128, 142, 44, 58, 198, 212, 114, 128)
    pictures = []
    cw, ch = width // 2, height // 2
    for index in range(count):
        block = (index * width // max(count, 1)) // 16 * 16
        y = bytearray()
        for row in range(height):
            for col in range(width):
                inside = block <= col < block + 32 and height // 3 <= row < height // 3 + 32
                y.append(235 if inside else bars_y[col * len(bars_y) // width])
        cb = bytes(bars_cb[col * len(bars_cb) // cw] for _ in range(ch) for col in range(cw))
        cr = bytes(bars_cr[col * len(bars_cr) // cw] for _ in range(ch) for col in range(cw))
        pictures.append(Picture(width, height, bytes(y), cb, cr))
    return pictures


def sample_video(width: int = 160, height: int = 96, seconds: int = 3) -> EncodedVideo:
    return encode(colour_pictures(width, height, seconds), frames_per_picture=FPS)


def healthy_mp4(width: int = 160, height: int = 96, seconds: int = 3) -> bytes:
    return mux(sample_video(width, height, seconds))


def truncated_mp4(width: int = 160, height: int = 96, seconds: int = 3) -> bytes:
    """An upload cut short: ftyp and part of mdat, no moov; mdat claims more bytes than there are."""
    whole = mux_moov_last(sample_video(width, height, seconds))
    return whole[: len(whole) * 3 // 5]

