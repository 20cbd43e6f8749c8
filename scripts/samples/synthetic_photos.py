"""Illustrative landscape pictures and camera-like JPEG files, made with Pillow.

Real photos of the villages cannot be downloaded here. The sample content's
pictures (captioned 示意图), the image benchmark and the tests all use these:
deterministic for a seed, with the texture of a photo (so that encoders and
decoders work as hard as on a real one), and, for camera files, the EXIF a
phone writes: make, model, time, GPS position and orientation.
"""

from __future__ import annotations

import io
import random
from typing import Iterable

from PIL import Image, ImageDraw, ImageFilter

SCENES = ("terraces", "tea", "lotus", "village", "forest", "hall")

_PALETTES = {
    "terraces": [(118, 150, 72), (150, 170, 90), (96, 128, 60), (170, 160, 100)],
    "tea": [(62, 120, 58), (78, 138, 66), (54, 104, 50), (90, 146, 80)],
    "lotus": [(70, 120, 110), (84, 134, 96), (60, 110, 100), (96, 140, 90)],
    "village": [(120, 140, 90), (140, 150, 100), (110, 126, 80), (160, 150, 110)],
    "forest": [(40, 90, 50), (52, 104, 58), (34, 80, 44), (60, 112, 62)],
    "hall": [(130, 140, 100), (150, 150, 110), (120, 130, 90), (170, 160, 120)],
}


def landscape(width: int, height: int, seed: int, scene: str = "terraces", grain: float = 0.06) -> Image.Image:
    """An upright RGB picture of a hilly village scene; ``grain`` is the sensor noise."""
    rng = random.Random(seed)
    palette = _PALETTES[scene]
    image = _sky(width, height, rng)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.34, 0.46))

    # Distant to near ridges, each a fractal line, paler with distance.
    for layer in range(4):
        base = horizon + int(height * 0.08 * layer)
        rough = height * (0.16 - 0.03 * layer)
        ridge = _ridge(width, base, rough, rng)
        tint = 0.55 - 0.15 * layer
        colour = _mix(palette[layer % len(palette)], (170, 190, 210), max(tint, 0))
        draw.polygon([(0, height)] + ridge + [(width, height)], fill=colour)

    ground = horizon + int(height * 0.3)
    if scene in ("terraces", "tea"):
        _bands(draw, width, height, ground, palette, rng, rows=scene == "tea")
    elif scene == "lotus":
        _pond(draw, width, height, ground, rng)
    else:
        _bands(draw, width, height, ground, palette, rng, rows=False)
    if scene in ("village", "hall", "terraces", "lotus"):
        _houses(draw, width, height, ground, rng, hall=scene == "hall")
    if scene == "forest":
        _trees(draw, width, height, ground, rng)

    return _grain(image.filter(ImageFilter.GaussianBlur(0.6)), rng, grain)


def camera_jpeg(
    image: Image.Image,
    orientation: int = 1,
    gps: tuple[float, float] | None = (30.78, 115.40),
    quality: int = 88,
    comment: bytes | None = b"village photo",
) -> bytes:
    """Encode ``image`` (upright) as a phone would: sensor pixels plus EXIF.

    With orientation 6 or 8 the stored pixels are rotated, as a phone held
    upright stores them; applying the orientation gives ``image`` back.
    """
    stored = {
        1: image,
        3: image.transpose(Image.Transpose.ROTATE_180),
        6: image.transpose(Image.Transpose.ROTATE_90),
        8: image.transpose(Image.Transpose.ROTATE_270),
    }[orientation]
    exif = Image.Exif()
    exif[0x010F] = "HuaweiPhone"  # Make
    exif[0x0110] = "Model X 2018"  # Model
    exif[0x0132] = "2018:06:18 09:30:00"  # DateTime
    exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {  # GPS IFD
            1: "N", 2: _dms(gps[0]), 3: "E", 4: _dms(gps[1]),
        }
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes(), "quality": quality}
    if comment:
        options["comment"] = comment
    stored.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def phone_sized(size: tuple[int, int], fmt: str = "JPEG") -> bytes:
    """A photo of a phone's full resolution (12000×9000 = 108 MP; 8064×6048 = 48 MP), noisy so that
    its file is photo-sized (about 20 MB at 108 MP), quick to make at any size."""
    gradient = Image.linear_gradient("L").resize(size)
    # HEVC takes minutes over pixel noise: for HEIC, softer noise (still photo-sized files).
    noise = Image.effect_noise(size, 20) if fmt != "HEIF" else Image.effect_noise((size[0] // 4, size[1] // 4), 40).resize(size)
    image = Image.merge("RGB", (noise, gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    # As iPhones store them: a grid of 512-pixel tiles (one HEVC frame of 48 MP is beyond the codec's levels).
    image.save(buffer, fmt, quality=85, **({"tile_size": 512} if fmt == "HEIF" else {}))
    return buffer.getvalue()


def camera_heic(image: Image.Image, orientation: int = 1, gps: tuple[float, float] | None = (30.78, 115.40)) -> bytes:
    """Encode ``image`` (upright) as an iPhone would: HEIC, with the same EXIF as ``camera_jpeg``."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    stored = Image.open(io.BytesIO(camera_jpeg(image, orientation, gps, quality=95)))
    buffer = io.BytesIO()
    stored.save(buffer, "HEIF", exif=stored.info["exif"], quality=80)
    return buffer.getvalue()


def scenes(count: int) -> Iterable[str]:
    for index in range(count):
        yield SCENES[index % len(SCENES)]


# -- pieces -------------------------------------------------------------------

def _sky(width: int, height: int, rng: random.Random) -> Image.Image:
    top = (rng.randint(90, 130), rng.randint(140, 170), rng.randint(200, 230))
    bottom = (rng.randint(200, 225), rng.randint(215, 235), rng.randint(225, 240))
    gradient = Image.linear_gradient("L").resize((width, height))
    return Image.composite(Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), gradient)


def _ridge(width: int, base: int, rough: float, rng: random.Random) -> list[tuple[int, int]]:
    """Midpoint displacement: a natural-looking skyline."""
    points = [base - rough * rng.random(), base - rough * rng.random()]
    spread = rough
    while len(points) < 129:
        refined = []
        for left, right in zip(points, points[1:]):
            refined += [left, (left + right) / 2 + rng.uniform(-spread, spread) / 2]
        points = refined + [points[-1]]
        spread *= 0.55
    step = width / (len(points) - 1)
    return [(round(i * step), round(y)) for i, y in enumerate(points)]


def _bands(draw, width, height, top, palette, rng, rows):
    y = top
    while y < height:
        thickness = rng.randint(height // 40, height // 14)
        colour = palette[rng.randrange(len(palette))]
        wobble = _ridge(width, y, thickness * 0.8, rng)
        lower = [(x, py + thickness) for x, py in reversed(wobble)]
        draw.polygon(wobble + lower, fill=colour)
        edge = _mix(colour, (60, 50, 30), 0.35)
        draw.line(wobble, fill=edge, width=max(1, height // 400))
        if rows:
            for row_y in range(y, y + thickness, max(3, thickness // 5)):
                draw.line([(x, py - y + row_y) for x, py in wobble], fill=_mix(colour, (20, 60, 20), 0.3), width=max(1, height // 500))
        y += thickness


def _pond(draw, width, height, top, rng):
    draw.rectangle([0, top, width, height], fill=(84, 124, 120))
    for _ in range(width // 6):
        x, y = rng.randrange(width), rng.randint(top, height)
        r = rng.randint(height // 90, height // 35)
        draw.ellipse([x - r, y - r // 2, x + r, y + r // 2], fill=(58, 118, 62))
        if rng.random() < 0.2:
            draw.ellipse([x - r // 3, y - r // 2, x + r // 3, y], fill=(232, 150, 170))


def _houses(draw, width, height, ground, rng, hall):
    count = 3 if hall else rng.randint(4, 9)
    for index in range(count):
        w = rng.randint(width // 18, width // 9) * (2 if hall and index == 1 else 1)
        h = int(w * rng.uniform(0.45, 0.7))
        x = rng.randint(0, width - w)
        y = ground - h + rng.randint(-height // 30, height // 12)
        draw.rectangle([x, y, x + w, y + h], fill=(236, 232, 222))
        draw.polygon([(x - w // 10, y), (x + w // 2, y - h // 2), (x + w + w // 10, y)], fill=(70, 70, 78))
        for wx in range(x + w // 8, x + w - w // 8, max(4, w // 5)):
            draw.rectangle([wx, y + h // 3, wx + w // 12, y + h // 3 + h // 4], fill=(90, 80, 70))
        if hall and index == 1:
            draw.rectangle([x + w // 4, y + h // 12, x + 3 * w // 4, y + h // 5], fill=(200, 30, 30))


def _trees(draw, width, height, ground, rng):
    for _ in range(width // 12):
        x = rng.randrange(width)
        y = rng.randint(ground, height)
        r = rng.randint(height // 60, height // 20)
        draw.ellipse([x - r, y - 2 * r, x + r, y], fill=_mix((40, 100, 50), (10, 40, 20), rng.random() * 0.6))


def _grain(image: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    """Sensor-like noise, so the picture compresses like a photo."""
    width, height = image.size
    small = (max(1, width // 2), max(1, height // 2))
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize((width, height), Image.Resampling.BILINEAR)
    noise_rgb = Image.merge("RGB", (noise, noise, noise))
    return Image.blend(image, noise_rgb, amount)


def _mix(a, b, t):
    return tuple(round(x * (1 - t) + y * t) for x, y in zip(a, b))


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    return (float(degrees), float(minutes), seconds)
