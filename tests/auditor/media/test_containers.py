"""Sizes and end markers files declare about themselves."""

from __future__ import annotations

from auditor.media.containers import (
    ebml_declared_size,
    mp3_audio_follows_tag,
    pdf_has_end,
    riff_declared_size,
    zip_has_end,
)


def test_riff_sizes(media) -> None:
    whole = media.wav(declared_samples=500, real_samples=500)
    assert riff_declared_size(whole) == len(whole)
    cut = media.wav(declared_samples=500, real_samples=200)
    assert riff_declared_size(cut) == len(cut) + 600
    webp = media.webp()
    assert riff_declared_size(webp) == len(webp)
    assert riff_declared_size(b"ID3") is None


def test_ebml_segment_size(media) -> None:
    data = media.webm(segment_size=300, payload=300)
    assert ebml_declared_size(data) == len(data)
    assert ebml_declared_size(media.webm(segment_size=900, payload=300)) == len(data) + 600


def test_ebml_unknown_segment_size(media) -> None:
    live = media.webm(segment_size=(1 << 56) - 1, payload=10)  # 8-byte size, all 56 value bits set
    assert ebml_declared_size(live) is None
    assert ebml_declared_size(b"\x1a\x45") is None


def test_pdf_and_zip_ends(media) -> None:
    pdf = media.pdf()
    assert pdf_has_end(pdf) and not pdf_has_end(pdf[: len(pdf) // 2])
    docx = media.docx()
    assert zip_has_end(docx) and not zip_has_end(docx[:-40])


def test_mp3_frame_after_the_id3_tag(media) -> None:
    mp3 = media.mp3()
    assert mp3_audio_follows_tag(mp3) is True
    tag_end = mp3.index(b"\xff\xfb")
    assert mp3_audio_follows_tag(mp3[:tag_end] + b"<html>" + b"\0" * 100) is False
    assert mp3_audio_follows_tag(mp3[: tag_end - 3]) is None  # the download stops inside the tag
    assert mp3_audio_follows_tag(b"\xff\xfb\x90\x64") is None  # no tag at all
