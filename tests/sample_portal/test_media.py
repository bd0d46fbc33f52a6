"""The media files the portal publishes are what their names say, checked with real decoders and
by walking their own structures (MP4 boxes, MP3 frames, OLE2 directory, PDF cross-references)."""

from __future__ import annotations

import io
import re
import struct
import zipfile

import pytest
from PIL import Image

from sample_portal import audio, documents, flash, images, mp4, ole2


def top_level_boxes(data: bytes) -> list[tuple[bytes, int]]:
    """(type, declared size) of each top-level MP4 box, as a player reads them."""
    out, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        out.append((kind, size))
        if size < 8:
            break
        offset += size
    return out


def child_boxes(data: bytes, path: list[bytes]) -> list[bytes]:
    """The types of the boxes inside the box at ``path`` (e.g. [b"moov", b"trak"])."""
    start, end = 0, len(data)
    for wanted in path:
        offset = start
        while offset + 8 <= end:
            size, kind = struct.unpack(">I4s", data[offset : offset + 8])
            if kind == wanted:
                start, end = offset + 8, offset + size
                break
            offset += size
        else:
            raise AssertionError(f"no {wanted!r} box")
    kinds, offset = [], start
    while offset + 8 <= end:
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        kinds.append(kind)
        offset += size
    return kinds


@pytest.mark.parametrize(
    "make, fmt",
    [
        (lambda: images.photo_jpeg(1), "JPEG"),
        (lambda: images.chart_png(2), "PNG"),
        (lambda: images.banner_webp(3), "WEBP"),
        (lambda: images.animated_gif(4), "GIF"),
        (lambda: images.icon_png(5), "PNG"),
        (images.logo_png, "PNG"),
    ],
)
def test_pictures_decode_completely(make, fmt):
    picture = Image.open(io.BytesIO(make()))
    assert picture.format == fmt
    for frame in range(getattr(picture, "n_frames", 1)):
        picture.seek(frame)
        picture.load()
    assert picture.size[0] > 0 and picture.size[1] > 0


def test_the_animated_gif_has_several_frames():
    assert Image.open(io.BytesIO(images.animated_gif(1))).n_frames == 3


def test_a_healthy_mp4_is_ftyp_moov_mdat_and_its_sizes_add_up():
    data = mp4.healthy_mp4()
    boxes = top_level_boxes(data)
    assert [kind for kind, _ in boxes] == [b"ftyp", b"moov", b"mdat"]
    assert sum(size for _, size in boxes) == len(data)
    assert child_boxes(data, [b"moov"]) == [b"mvhd", b"trak"]
    assert child_boxes(data, [b"moov", b"trak", b"mdia", b"minf", b"stbl"]) == [
        b"stsd", b"stts", b"stss", b"stsc", b"stsz", b"stco"
    ]


def test_the_mp4_index_points_at_the_frames_in_mdat():
    data = mp4.healthy_mp4()
    video = mp4.sample_video()
    stco_at = data.index(b"stco")
    chunk_offset = struct.unpack(">I", data[stco_at + 12 : stco_at + 16])[0]
    first_nal_length = struct.unpack(">I", data[chunk_offset : chunk_offset + 4])[0]
    first_frame = video.frames[0][0]
    assert first_nal_length == len(first_frame)
    assert data[chunk_offset + 4 : chunk_offset + 4 + first_nal_length] == first_frame
    assert first_frame[0] & 0x1F == 5  # an IDR slice opens the stream


def test_the_h264_parameter_sets_describe_a_baseline_stream_of_the_right_size():
    video = mp4.sample_video(width=160, height=96)
    assert video.sps[0] & 0x1F == 7 and video.sps[1] == 66
    assert video.pps[0] & 0x1F == 8
    assert (video.width, video.height) == (160, 96)
    assert len(video.frames) == 3 * mp4.FPS and video.key_frames == [0, 25, 50]


def test_a_truncated_mp4_has_no_moov_and_its_mdat_overruns_the_file():
    data = mp4.truncated_mp4()
    boxes = top_level_boxes(data)
    kinds = [kind for kind, _ in boxes]
    assert kinds[0] == b"ftyp" and b"moov" not in kinds and kinds[-1] == b"mdat"
    assert sum(size for _, size in boxes) > len(data)


def test_the_mp3_is_an_id3_tag_then_whole_mpeg_frames():
    data = audio.silent_mp3(2.0)
    assert data[:3] == b"ID3"
    tag_size = sum(b << (7 * (3 - i)) for i, b in enumerate(data[6:10]))
    frames = data[10 + tag_size :]
    assert len(frames) % audio.FRAME_BYTES == 0
    starts = range(0, len(frames), audio.FRAME_BYTES)
    assert all(frames[i : i + 4] == audio.FRAME_HEADER for i in starts)
    seconds = len(starts) * audio.SAMPLES_PER_FRAME / audio.SAMPLE_RATE
    assert 1.9 < seconds < 2.1


def test_the_flash_movie_has_a_valid_header_and_length():
    data = flash.flash_movie()
    assert data[:3] == b"FWS"
    assert struct.unpack("<I", data[4:8])[0] == len(data)
    assert data.endswith(b"\x00\x00")  # the End tag


def test_the_pdf_cross_reference_table_points_at_its_objects():
    data = documents.pdf_document("两江新区预算公开说明", ["第一段。", "第二段。"])
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    assert data[startxref : startxref + 4] == b"xref"
    entries = re.findall(rb"(\d{10}) 00000 n ", data[startxref:])
    for number, offset in enumerate(entries, start=1):
        assert data[int(offset) :].startswith(b"%d 0 obj" % number)
    assert "两江新区".encode("utf-16-be").hex().upper().encode() in data


def test_the_docx_is_an_office_package_with_the_text():
    data = documents.docx_document("关于印发的通知", ["正文段落"])
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert "[Content_Types].xml" in names and "word/document.xml" in names
        assert "正文段落" in package.read("word/document.xml").decode("utf-8")
        assert "wordprocessingml.document.main+xml" in package.read("[Content_Types].xml").decode("utf-8")


def read_compound_file(data: bytes) -> dict[str, bytes]:
    """Streams of an OLE2 file, read through its header, FAT and directory (regular sectors only)."""
    assert data[:8] == ole2.SIGNATURE
    sector = 1 << struct.unpack("<H", data[30:32])[0]
    fat_count, dir_start = struct.unpack("<II", data[44:52])
    difat = struct.unpack("<109I", data[76:512])[:fat_count]

    def at(number: int) -> bytes:
        return data[512 + number * sector : 512 + (number + 1) * sector]

    fat = [entry for s in difat for entry in struct.unpack(f"<{sector // 4}I", at(s))]

    def chain(start: int) -> bytes:
        out, current = b"", start
        while current != ole2.ENDOFCHAIN:
            out += at(current)
            current = fat[current]
        return out

    directory = chain(dir_start)
    streams = {}
    for offset in range(0, len(directory), 128):
        entry = directory[offset : offset + 128]
        name_length, kind = struct.unpack("<HB", entry[64:67])
        if kind == 2:
            name = entry[: name_length - 2].decode("utf-16-le")
            start, size = struct.unpack("<IQ", entry[116:128])
            streams[name] = chain(start)[:size]
    return streams


def test_the_xls_is_a_compound_file_whose_workbook_stream_is_biff8():
    data = ole2.xls_document("预算", ["项目", "2020", "2021"], [("办公室支出", 1.5, 2.5)] * 10)
    streams = read_compound_file(data)
    workbook = streams["Workbook"]
    kind, _length, version, substream = struct.unpack("<HHHH", workbook[:8])
    assert (kind, version, substream) == (0x0809, 0x0600, 0x0005)
    assert "办公室支出".encode("utf-16-le") in workbook


def test_the_doc_is_a_compound_file_with_a_word_stream():
    data = ole2.doc_document("关于印发的通知", ["正文"])
    streams = read_compound_file(data)
    assert set(streams) == {"WordDocument", "1Table"}
    assert struct.unpack("<H", streams["WordDocument"][:2])[0] == 0xA5EC
    assert "关于印发的通知".encode("utf-16-le") in streams["WordDocument"]


def test_a_stream_too_small_for_regular_sectors_is_refused():
    with pytest.raises(ValueError, match="needs >= 4096"):
        ole2.compound_file([("Tiny", b"x" * 100)])
