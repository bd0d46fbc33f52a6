"""Real media bytes for the media checks: Pillow-made pictures, MP4s built box by box, real headers.

Test files cannot import each other (``--import-mode=importlib``), so the builders are fixtures.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from dataclasses import dataclass

import pytest
from PIL import Image


def _noise(width: int, height: int, seed: int) -> Image.Image:
    """A picture with real detail, so encoders cannot shrink it to a few bytes."""
    rng = random.Random(seed)
    picture = Image.new("RGB", (width, height))
    picture.putdata([(rng.randrange(256), (x * 3) % 256, (y * 5) % 256) for y in range(height) for x in range(width)])
    return picture


def _save(picture: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    picture.save(out, fmt, **params)
    return out.getvalue()


def box(kind: bytes, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return struct.pack(">I4s", 8 + len(body), kind) + body


def full_box(kind: bytes, version: int, flags: int, *payload: bytes) -> bytes:
    return box(kind, struct.pack(">I", (version << 24) | flags), *payload)


@dataclass(frozen=True)
class Media:
    """Builders of real files."""

    def png(self, width: int = 64, height: int = 48) -> bytes:
        return _save(_noise(width, height, 1), "PNG")

    def jpeg(self, width: int = 64, height: int = 48) -> bytes:
        return _save(_noise(width, height, 2), "JPEG", quality=90)

    def bmp(self) -> bytes:
        return _save(_noise(20, 10, 3), "BMP")

    def gif(self, frames: int = 3) -> bytes:
        pictures = [_noise(60, 40, 10 + i).convert("P") for i in range(frames)]
        return _save(pictures[0], "GIF", save_all=True, append_images=pictures[1:], duration=100, loop=0)

    def webp(self, frames: int = 1) -> bytes:
        pictures = [_noise(50, 30, 20 + i) for i in range(frames)]
        if frames == 1:
            return _save(pictures[0], "WEBP")
        return _save(pictures[0], "WEBP", save_all=True, append_images=pictures[1:], duration=100)

    # --- MP4, box by box ------------------------------------------------------------------------
    def ftyp(self, brand: bytes = b"isom") -> bytes:
        return box(b"ftyp", brand, struct.pack(">I", 512), b"isom", b"iso2", b"avc1", b"mp41")

    def moov(self) -> bytes:
        matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
        mvhd = full_box(
            b"mvhd", 0, 0,
            struct.pack(">IIII", 0, 0, 1000, 3000),  # created, modified, timescale, duration
            struct.pack(">IH", 0x00010000, 0x0100), b"\0" * 10, matrix, b"\0" * 24, struct.pack(">I", 2),
        )
        tkhd = full_box(
            b"tkhd", 0, 3,
            struct.pack(">IIIII", 0, 0, 1, 0, 3000), b"\0" * 8, struct.pack(">hhhH", 0, 0, 0, 0), matrix,
            struct.pack(">II", 160 << 16, 96 << 16),
        )
        mdhd = full_box(b"mdhd", 0, 0, struct.pack(">IIIIHH", 0, 0, 12800, 38400, 0x55C4, 0))
        hdlr = full_box(b"hdlr", 0, 0, b"\0" * 4, b"vide", b"\0" * 12, b"VideoHandler\0")
        return box(b"moov", mvhd, box(b"trak", tkhd, box(b"mdia", mdhd, hdlr)))

    def mdat(self, size: int = 6000) -> bytes:
        rng = random.Random(size)
        # length-prefixed NAL units, as MP4 stores H.264
        payload = b"".join(struct.pack(">I", 96) + bytes([0x65]) + rng.randbytes(95) for _ in range(size // 100))
        return box(b"mdat", payload)

    def mp4(self, faststart: bool = False) -> bytes:
        parts = (self.ftyp(), self.moov(), self.mdat()) if faststart else (self.ftyp(), self.mdat(), self.moov())
        return b"".join(parts)

    # --- other real headers -------------------------------------------------------------------------
    def pdf(self) -> bytes:
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, obj in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
        return bytes(out)

    def docx(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            archive.writestr("word/document.xml", "<w:document>" + "示例段落。" * 200 + "</w:document>")
        return out.getvalue()

    def ole2(self) -> bytes:
        """A compound file header sector (the start of every .doc/.xls/.ppt/.wps)."""
        header = bytearray(512)
        header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)  # minor, major, byte order, sector shifts
        struct.pack_into("<I", header, 48, 0xFFFFFFFE)
        return bytes(header) + b"\xff" * 1536

    def mp3(self, frames: int = 20) -> bytes:
        tag_body = b"TIT2" + struct.pack(">I", 13) + b"\0\0" + b"\x03" + "政策解读".encode("utf-8")
        size = len(tag_body)
        syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
        tag = b"ID3\x03\x00\x00" + syncsafe + tag_body
        frame = b"\xff\xfb\x90\x64" + b"\0" * 413  # MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417 bytes
        return tag + frame * frames

    def swf(self) -> bytes:
        body = b"\x50\x00" + struct.pack("<HH", 0x1800, 1) + b"\x40\x00\x00\x00"
        return b"FWS\x0a" + struct.pack("<I", 8 + len(body)) + body

    def flv(self) -> bytes:
        return b"FLV\x01\x05\x00\x00\x00\x09" + b"\0\0\0\0" + b"\x12" + b"\0" * 40

    def webm(self, segment_size: int, payload: int) -> bytes:
        ebml = bytes.fromhex("1a45dfa3") + bytes([0x80 | 15]) + bytes.fromhex("4282") + b"\x84webm" + b"\0" * 8
        segment_header = bytes.fromhex("18538067") + b"\x01" + segment_size.to_bytes(7, "big")
        return ebml + segment_header + b"\xec" * payload

    def wav(self, declared_samples: int, real_samples: int) -> bytes:
        data_size = declared_samples * 2
        header = b"RIFF" + struct.pack("<I", 36 + data_size) + b"WAVE"
        fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
        return header + fmt + b"data" + struct.pack("<I", data_size) + b"\x01\x00" * real_samples

    def html_error_page(self) -> bytes:
        return (
            "\ufeff\r\n  <!DOCTYPE html><html><head><meta charset='utf-8'><title>404</title></head>"
            "<body><h1>您访问的页面不存在</h1></body></html>"
        ).encode("utf-8")


@pytest.fixture(scope="session")
def media() -> Media:
    return Media()


@pytest.fixture(scope="session")
def mp4_box():
    """The box writer, for tests that lay out their own MP4s."""
    return box
