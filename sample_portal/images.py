"""Pillow-made pictures for the sample portal: banners, charts, icons and an animated GIF.

Every picture is drawn from a seeded ``random.Random`` and saved with fixed parameters, so a build
gives the same bytes every time (no timestamps, no EXIF). The pictures are small but real: each one
decodes fully with ``Image.open(...).load()``, which is what the audit's image check relies on.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

#: colours of a typical government site palette (blue header, red accents, greys)
_PALETTE = [(16, 86, 160), (200, 32, 38), (238, 242, 247), (62, 130, 200), (240, 180, 40), (90, 160, 90)]


def _sky_scene(width: int, height: int, rng: random.Random) -> Image.Image:
    """A city skyline under a gradient sky: looks like the photo banners of a portal."""
    top = (rng.randint(60, 120), rng.randint(120, 170), rng.randint(190, 240))
    bottom = (235, 240, 248)
    gradient = Image.linear_gradient("L").resize((width, height))
    sky = Image.composite(Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), gradient)
    draw = ImageDraw.Draw(sky)
    x = 0
    while x < width:
        w = rng.randint(width // 40 + 4, width // 12 + 8)
        h = rng.randint(height // 6, height * 2 // 3)
        shade = rng.randint(50, 110)
        draw.rectangle([x, height - h, x + w, height], fill=(shade, shade + 10, shade + 25))
        for wy in range(height - h + 6, height - 6, 9):
            for wx in range(x + 3, x + w - 4, 7):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 3, wy + 4], fill=(250, 226, 140))
        x += w + rng.randint(0, 6)
    draw.ellipse([width - 90, 20, width - 40, 70], fill=(255, 244, 200))
    return sky


def _bar_chart(width: int, height: int, rng: random.Random) -> Image.Image:
    """A bar chart with axes and gridlines, like the 图解 of a policy interpretation."""
    img = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    left, bottom = 40, height - 30
    for gy in range(bottom, 20, -((bottom - 20) // 5)):
        draw.line([left, gy, width - 10, gy], fill=(225, 225, 225))
    draw.line([left, 20, left, bottom], fill=(80, 80, 80), width=2)
    draw.line([left, bottom, width - 10, bottom], fill=(80, 80, 80), width=2)
    bars = rng.randint(5, 9)
    slot = (width - left - 20) // bars
    for i in range(bars):
        h = rng.randint((bottom - 20) // 5, bottom - 30)
        colour = _PALETTE[i % len(_PALETTE)]
        draw.rectangle([left + 8 + i * slot, bottom - h, left + i * slot + slot - 4, bottom - 1], fill=colour)
        draw.text((left + 10 + i * slot, bottom + 6), str(2015 + i), fill=(60, 60, 60))
    draw.text((left + 6, 4), "LIANGJIANG 2021", fill=(16, 86, 160))
    return img


def _icon(size: int, rng: random.Random) -> Image.Image:
    """A flat service icon (rounded square and a glyph), as in the 政务服务 block."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    colour = _PALETTE[rng.randrange(len(_PALETTE))]
    draw.rounded_rectangle([2, 2, size - 3, size - 3], radius=size // 5, fill=(*colour, 255))
    inner = size // 4
    if rng.random() < 0.5:
        draw.ellipse([inner, inner, size - inner, size - inner], outline=(255, 255, 255, 255), width=3)
    else:
        draw.rectangle([inner, inner, size - inner, size - inner], outline=(255, 255, 255, 255), width=3)
    return img


def _save(img: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **params)
    return out.getvalue()


def photo_jpeg(seed: int, width: int = 640, height: int = 360) -> bytes:
    return _save(_sky_scene(width, height, random.Random(seed)), "JPEG", quality=85, optimize=False, subsampling=2)


def chart_png(seed: int, width: int = 560, height: int = 320) -> bytes:
    return _save(_bar_chart(width, height, random.Random(seed)), "PNG", compress_level=6)


def icon_png(seed: int, size: int = 48) -> bytes:
    return _save(_icon(size, random.Random(seed)), "PNG", compress_level=6)


def banner_webp(seed: int, width: int = 480, height: int = 200) -> bytes:
    return _save(_sky_scene(width, height, random.Random(seed)), "WEBP", quality=80, method=4)


def animated_gif(seed: int, width: int = 200, height: int = 120, frames: int = 3) -> bytes:
    """A small animated GIF (a 'new' badge that blinks), every frame complete."""
    rng = random.Random(seed)
    pictures = []
    for i in range(frames):
        img = Image.new("RGB", (width, height), (255, 255, 255))
        draw = ImageDraw.Draw(img)
        colour = _PALETTE[(i + rng.randrange(3)) % len(_PALETTE)]
        draw.rectangle([10 + i * 8, 10, width - 10 - i * 8, height - 10], fill=colour)
        draw.text((width // 2 - 12, height // 2 - 6), "NEW", fill=(255, 255, 255))
        pictures.append(img.convert("P", palette=Image.Palette.ADAPTIVE, colors=16))
    return _save(pictures[0], "GIF", save_all=True, append_images=pictures[1:], duration=400, loop=0)


def logo_png(width: int = 300, height: int = 90) -> bytes:
    """The site logo: an emblem-like disc and a band, on transparency."""
    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse([4, 4, height - 4, height - 4], fill=(200, 32, 38, 255), outline=(240, 200, 60, 255), width=4)
    draw.polygon([(height // 2, 18), (height // 2 + 9, 40), (height // 2 - 9, 40)], fill=(240, 200, 60, 255))
    draw.rectangle([height + 8, height // 2 - 4, width - 6, height // 2 + 4], fill=(255, 255, 255, 230))
    draw.text((height + 10, height // 2 + 10), "LIANGJIANG", fill=(255, 255, 255, 255))
    return _save(img, "PNG", compress_level=6)


def tiny_gif(colour: tuple[int, int, int], size: int = 4) -> bytes:
    """A list bullet or spacer, as old templates use."""
    return _save(Image.new("RGB", (size, size), colour).convert("P"), "GIF")


def favicon_ico() -> bytes:
    return _save(_icon(32, random.Random(7)), "ICO", sizes=[(32, 32)])
