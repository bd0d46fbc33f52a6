"""Pictures decoded whole, every frame, with Pillow's truncation switch kept off."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFile

from auditor.media.image import decode_image, read_image_header


@pytest.mark.parametrize(
    ("builder", "fmt", "size", "frames"),
    [("png", "png", (64, 48), 1), ("jpeg", "jpeg", (64, 48), 1), ("bmp", "bmp", (20, 10), 1), ("gif", "gif", (60, 40), 3)],
)
def test_whole_pictures_decode(media, builder: str, fmt: str, size: tuple[int, int], frames: int) -> None:
    check = decode_image(getattr(media, builder)())
    assert (check.ok, check.reason, check.format, (check.width, check.height), check.frames) == (True, None, fmt, size, frames)


def test_animated_webp_decodes_every_frame(media) -> None:
    check = decode_image(media.webp(frames=3))
    assert (check.ok, check.format, check.frames) == (True, "webp", 3)


@pytest.mark.parametrize("builder", ["jpeg", "png", "gif", "webp", "bmp"])
def test_cut_pictures_are_truncated(media, builder: str) -> None:
    data = getattr(media, builder)()
    check = decode_image(data[: len(data) * 2 // 3])
    assert (check.ok, check.reason) == (False, "truncated")


def test_truncated_jpeg_fails_even_if_someone_switched_truncation_on(media) -> None:
    data = media.jpeg()
    ImageFile.LOAD_TRUNCATED_IMAGES = True  # what a careless library does process-wide
    try:
        check = decode_image(data[: len(data) // 2])
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = False
    assert (check.ok, check.reason) == (False, "truncated")


def test_a_gif_cut_in_its_last_frame_fails_although_its_first_frame_loads(media) -> None:
    data = media.gif(frames=3)
    cut = data[: len(data) - len(data) // 6]
    first_frame_only = Image.open(io.BytesIO(cut))
    first_frame_only.load()  # what a check of the first frame would accept
    check = decode_image(cut)
    assert (check.ok, check.reason) == (False, "truncated")


def test_garbage_is_undecodable() -> None:
    check = decode_image(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert (check.ok, check.reason) == (False, "undecodable")
    assert decode_image(b"").ok is False


def test_svg() -> None:
    good = decode_image(b'<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80"><rect width="1" height="1"/></svg>')
    assert (good.ok, good.format, good.width, good.height) == (True, "svg", 120, 80)
    bad = decode_image(b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>')
    assert (bad.ok, bad.reason) == (False, "undecodable")


def test_header_of_a_partly_downloaded_picture(media) -> None:
    data = media.jpeg(640, 480)
    header = read_image_header(data[:2000])
    assert (header.ok, header.format, header.width, header.height) == (True, "jpeg", 640, 480)
    assert read_image_header(b"<html>not found</html>").ok is False


def test_the_same_bytes_are_decoded_once_whatever_their_address(media) -> None:
    """A portal serves one picture under many addresses (the demo portal: 153 pictures, 21 different
    ones); a verdict depends on the bytes alone, so the same bytes are decoded once, and other bytes
    (the same picture cut short) are decoded for themselves."""
    from unittest import mock

    from auditor.media import image as module

    data = media.png()
    module._DECODED.clear()  # what earlier tests decoded
    with mock.patch.object(module, "_decode_image", wraps=module._decode_image) as decoded:
        first = decode_image(data)
        again = decode_image(bytes(data))  # other bytes objects, the same bytes
        cut = decode_image(data[: len(data) * 2 // 3])
    assert first == again and first.ok and (first.width, first.height) == (64, 48)
    assert cut.ok is False and cut.reason == "truncated"
    assert decoded.call_count == 2
    ImageFile.LOAD_TRUNCATED_IMAGES = True  # another library's switch: off again, known bytes or not
    decode_image(data)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
