"""The media of one build, each distinct file made once and published at as many URLs as use it.

Real portals store the same picture many times under new names; making each picture once keeps a
build within a second while the site still holds hundreds of media URLs.
"""

from __future__ import annotations

from collections.abc import Callable

from sample_portal import audio, flash, images, mp4

PHOTO_VARIANTS = 6
CHART_VARIANTS = 4
GIF_VARIANTS = 2
WEBP_VARIANTS = 3
ICON_VARIANTS = 8


class MediaLibrary:
    def __init__(self) -> None:
        self._made: dict[tuple[str, int], bytes] = {}

    def _once(self, kind: str, variant: int, make: Callable[[int], bytes]) -> bytes:
        key = (kind, variant)
        if key not in self._made:
            self._made[key] = make(variant)
        return self._made[key]

    def photo(self, variant: int) -> bytes:
        return self._once("photo", variant % PHOTO_VARIANTS, lambda v: images.photo_jpeg(100 + v))

    def chart(self, variant: int) -> bytes:
        return self._once("chart", variant % CHART_VARIANTS, lambda v: images.chart_png(200 + v))

    def gif(self, variant: int) -> bytes:
        return self._once("gif", variant % GIF_VARIANTS, lambda v: images.animated_gif(300 + v))

    def webp(self, variant: int) -> bytes:
        return self._once("webp", variant % WEBP_VARIANTS, lambda v: images.banner_webp(400 + v))

    def icon(self, variant: int) -> bytes:
        return self._once("icon", variant % ICON_VARIANTS, lambda v: images.icon_png(500 + v))

    def banner(self, variant: int) -> bytes:
        """Wide home-page banners."""
        return self._once("banner", variant, lambda v: images.photo_jpeg(600 + v, 1200, 360))

    def video(self) -> bytes:
        return self._once("mp4", 0, lambda _: mp4.healthy_mp4())

    def truncated_video(self) -> bytes:
        return self._once("mp4-cut", 0, lambda _: mp4.truncated_mp4())

    def sound(self) -> bytes:
        return self._once("mp3", 0, lambda _: audio.silent_mp3(3.0))

    def flash_movie(self) -> bytes:
        return self._once("swf", 0, lambda _: flash.flash_movie())

    def truncated_photo(self) -> bytes:
        """A JPEG cut in the middle of its scan data: the header reads, the picture does not load."""
        whole = self.photo(0)
        return whole[: len(whole) // 2]
