"""What the image pipeline produces: widths, formats and encoder settings.

Only options that change the output bytes are in the fingerprint, which is
part of every derivative's cache key (changing a quality re-encodes; adding
a width does not touch the existing files, whose names carry their width).
The defaults were chosen by measurement: see scripts/bench_images.py and the
README's "Photos" section.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = (480, 960, 1600)  # WebP at each
    fallback_width: int = 960  # JPEG, for browsers without WebP, at this width only
    jpeg_quality: int = 78
    webp_quality: int = 76
    webp_method: int = 2  # 0 fastest .. 6 smallest; 4 is libwebp's default
    # Phones sold in China take 50-200 MP photos; beyond that no camera goes (a bomb).
    max_pixels: int = 200_000_000
    # A large image in a small file decodes to far more memory than it took to
    # send: a real photo has a few pixels per byte, a crafted one thousands.
    bomb_pixels_per_byte: int = 200
    bomb_check_above: int = 50_000_000  # pixels; small images cannot hurt
    publish_originals: bool = False

    def fingerprint(self) -> str:
        """The options that change output bytes, as stable text."""
        options = asdict(self)
        for key in ("widths", "max_pixels", "bomb_pixels_per_byte", "bomb_check_above", "publish_originals"):
            options.pop(key)
        options["pipeline"] = 1  # bump when the processing code changes its output
        return json.dumps(options, sort_keys=True)

    def widths_for(self, source_width: int) -> list[int]:
        """Output widths for a source: never upscaled, at least one; a source
        narrower than the largest width is also kept at its own width unless
        that is within 15% of the next smaller one."""
        widths = [w for w in sorted(self.widths) if w <= source_width]
        if not widths or (source_width < max(self.widths) and source_width > widths[-1] * 1.15):
            widths.append(source_width)
        if self.publish_originals and source_width > widths[-1]:
            widths.append(source_width)  # full size, still re-encoded without metadata
        return widths
