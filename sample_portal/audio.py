"""An MP3 file built frame by frame: an ID3v2.3 tag, then MPEG-1 Layer III frames of silence.

A Layer III frame whose side information is all zero (no main data, no spectral values) decodes to
silence in every decoder, so the file is a real, playable recording of quiet, with an exact duration.
48 kHz at 128 kbit/s gives frames of exactly 384 bytes (144 * 128000 / 48000) with no padding slots.
"""

from __future__ import annotations

import struct

SAMPLE_RATE = 48_000
SAMPLES_PER_FRAME = 1152
FRAME_BYTES = 384
#: sync word, MPEG-1, Layer III, no CRC | 128 kbit/s, 48 kHz, no padding | mono, original
FRAME_HEADER = bytes([0xFF, 0xFB, 0x94, 0xC4])
_MONO_SIDE_INFO = 17


def _id3_frame(frame_id: str, text: str) -> bytes:
    payload = b"\x01" + text.encode("utf-16")  # encoding 1: UTF-16 with BOM
    return frame_id.encode("ascii") + struct.pack(">I", len(payload)) + b"\0\0" + payload


def _syncsafe(value: int) -> bytes:
    return bytes([(value >> 21) & 0x7F, (value >> 14) & 0x7F, (value >> 7) & 0x7F, value & 0x7F])


def id3_tag(title: str, artist: str) -> bytes:
    frames = _id3_frame("TIT2", title) + _id3_frame("TPE1", artist)
    return b"ID3" + bytes([3, 0, 0]) + _syncsafe(len(frames)) + frames


def silent_mp3(seconds: float, title: str = "政策解读音频", artist: str = "两江新区") -> bytes:
    frames = max(1, round(seconds * SAMPLE_RATE / SAMPLES_PER_FRAME))
    frame = FRAME_HEADER + b"\0" * _MONO_SIDE_INFO + b"\0" * (FRAME_BYTES - 4 - _MONO_SIDE_INFO)
    return id3_tag(title, artist) + frame * frames
