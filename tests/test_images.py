"""The photo pipeline, without MkDocs: sizes, formats, orientation, privacy, cache, bad files."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image
from publisher.images.pipeline import ImageCache, process_photos
from publisher.images.settings import ImageSettings
from samples.synthetic_photos import camera_jpeg, landscape

SETTINGS = ImageSettings()


def _two_colour(width: int, height: int) -> Image.Image:
    """Left half red, right half blue: shows which way a picture was turned."""
    image = Image.new("RGB", (width, height), (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    return image


def _run(paths, tmp_path, settings=SETTINGS):
    cache = ImageCache(tmp_path / "cache")
    return process_photos(paths, settings, cache, workers=2), cache


def _open(cache: ImageCache, name: str) -> Image.Image:
    return Image.open(cache.path(name))


def test_sizes_and_formats(tmp_path):
    photo = tmp_path / "a.jpg"
    photo.write_bytes(camera_jpeg(landscape(4000, 3000, seed=1)))
    report, cache = _run([photo], tmp_path)

    result = report.photos[photo]
    assert [(d.width, d.height) for d in result.derivatives] == [(480, 360), (960, 720), (1600, 1200)]
    assert [sorted(d.files) for d in result.derivatives] == [["webp"], ["jpg", "webp"], ["webp"]]
    for derivative in result.derivatives:
        for fmt, name in derivative.files.items():
            with _open(cache, name) as im:
                assert im.format == {"webp": "WEBP", "jpg": "JPEG"}[fmt]
                assert im.size == (derivative.width, derivative.height)
                assert im.mode == "RGB"


def test_small_photos_are_never_upscaled(tmp_path):
    photo = tmp_path / "small.png"
    landscape(300, 200, seed=2).save(photo)
    report, _ = _run([photo], tmp_path)
    assert [(d.width, d.height) for d in report.photos[photo].derivatives] == [(300, 200)]


@pytest.mark.parametrize("orientation", [6, 8, 3])
def test_orientation_is_applied_to_the_pixels(tmp_path, orientation):
    upright = _two_colour(1200, 1600)  # portrait, red on the left
    photo = tmp_path / f"o{orientation}.jpg"
    photo.write_bytes(camera_jpeg(upright, orientation=orientation))
    assert Image.open(photo).size != upright.size or orientation == 3  # stored turned

    report, cache = _run([photo], tmp_path)
    derivative = report.photos[photo].derivatives[0]
    assert (derivative.width, derivative.height) == (480, 640)
    with _open(cache, derivative.files["webp"]) as im:
        assert im.size == (480, 640)
        left, right = im.getpixel((40, 320)), im.getpixel((440, 320))
        assert left[0] > 150 and left[2] < 90, left  # red stays on the left
        assert right[2] > 150 and right[0] < 90, right


def test_no_metadata_reaches_any_output(tmp_path):
    photo = tmp_path / "gps.jpg"
    photo.write_bytes(camera_jpeg(landscape(2000, 1500, seed=3), orientation=6, gps=(30.78, 115.40)))
    assert Image.open(photo).getexif().get_ifd(0x8825)  # the source has a GPS position

    report, cache = _run([photo], tmp_path)
    for name in report.photos[photo].files():
        data = cache.path(name).read_bytes()
        for marker in (b"Exif", b"HuaweiPhone", b"village photo", b"ICC_PROFILE", b"XMP", b"GPS"):
            assert marker not in data, (name, marker)
        with Image.open(io.BytesIO(data)) as im:
            assert not im.getexif()
            assert "comment" not in im.info and "icc_profile" not in im.info and "exif" not in im.info


def test_cache_hit_change_and_prune(tmp_path):
    first, second = tmp_path / "1.jpg", tmp_path / "2.jpg"
    first.write_bytes(camera_jpeg(landscape(1000, 750, seed=4)))
    second.write_bytes(camera_jpeg(landscape(1000, 750, seed=5)))

    report, cache = _run([first, second], tmp_path)
    assert (report.processed, report.cached) == (2, 0)
    before = {p.name: p.stat().st_mtime_ns for p in cache.directory.iterdir()}

    report, _ = _run([first, second], tmp_path)
    assert (report.processed, report.cached) == (0, 2)
    assert {p.name: p.stat().st_mtime_ns for p in cache.directory.iterdir()} == before

    second.write_bytes(camera_jpeg(landscape(1000, 750, seed=6)))  # the editor replaced a photo
    report, _ = _run([first, second], tmp_path)
    assert (report.processed, report.cached) == (1, 1)
    keep = {name for photo in report.photos.values() for name in photo.files()}
    assert cache.prune(keep) == len(before) // 2  # the old version of the second photo
    assert {p.name for p in cache.directory.iterdir()} == keep

    report, _ = _run([first, second], tmp_path, ImageSettings(webp_quality=60))
    assert report.processed == 2  # an output setting is part of the key


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size: a decompression bomb's header."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def _png16_rgba(width: int, height: int) -> bytes:
    """A 16-bit RGBA PNG (Pillow cannot write one): opaque red left, transparent right."""
    rows = b""
    for _ in range(height):
        row = b"\0"
        for x in range(width):
            row += struct.pack(">HHHH", 65535, 0, 0, 65535 if x < width // 2 else 0)
        rows += row
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


BAD = {
    "missing.jpg": (None, "找不到这个文件"),
    "empty.jpg": (b"", "文件是空的"),
    "text.jpg": ("这不是照片\n".encode(), "不是可识别的图片文件"),
    "truncated.jpg": ("truncate", "图片已损坏"),
    "bomb.png": (_png_header_only(30000, 30000), "图片尺寸过大"),
}


def test_bad_files_are_errors_not_exceptions(tmp_path):
    paths = []
    for name, (content, _) in BAD.items():
        path = tmp_path / name
        if content == "truncate":
            whole = camera_jpeg(landscape(1200, 900, seed=7))
            content = whole[: len(whole) // 2]
        if content is not None:
            path.write_bytes(content)
        paths.append(path)
    good = tmp_path / "good.jpg"
    good.write_bytes(camera_jpeg(landscape(800, 600, seed=8)))

    report, _ = _run(paths + [good], tmp_path)
    assert set(report.photos) == {good}
    for name, (_, expected) in BAD.items():
        assert expected in report.errors[tmp_path / name], (name, report.errors.get(tmp_path / name))


def test_unusual_but_valid_images_become_srgb_rgb(tmp_path):
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (600, 400), (0, 255, 255, 0)).save(cmyk)  # printer's red
    palette = tmp_path / "palette.png"
    p_image = Image.new("P", (600, 400), 1)
    p_image.putpalette([0, 0, 0, 200, 30, 30] + [0, 0, 0] * 254)
    p_image.paste(0, (300, 0, 600, 400))
    p_image.save(palette, transparency=0)
    png16 = tmp_path / "rgba16.png"
    png16.write_bytes(_png16_rgba(64, 48))
    grey16 = tmp_path / "grey16.png"
    Image.new("I;16", (600, 400), 40000).save(grey16)
    gif = tmp_path / "anim.gif"
    frames = [Image.new("RGB", (600, 400), colour) for colour in ((200, 30, 30), (30, 30, 200))]
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=100, loop=0)

    report, cache = _run([cmyk, palette, png16, grey16, gif], tmp_path)
    assert not report.errors, report.errors

    def pixel(path, xy, fmt="webp"):
        derivative = report.photos[path].largest
        with _open(cache, derivative.files[fmt]) as im:
            return im.mode, im.getpixel(xy)

    mode, red = pixel(cmyk, (10, 10))
    assert mode == "RGB" and red[0] > 180 and red[1] < 90
    mode, left = pixel(palette, (10, 10))
    assert mode == "RGBA" and left[3] == 255 and left[0] > 150
    assert pixel(palette, (590, 10))[1][3] == 0  # transparency kept in WebP
    mode, left = pixel(png16, (2, 2))
    assert mode == "RGBA" and left[0] > 200 and left[3] == 255
    mode, grey = pixel(grey16, (10, 10))
    assert mode == "RGB" and 140 < grey[0] < 175  # 40000/65535 of white, not clipped to white
    mode, first = pixel(gif, (10, 10))
    assert first[0] > 150 and first[2] < 90  # the first frame
    jpeg = report.photos[palette].largest.files["jpg"]
    with _open(cache, jpeg) as im:  # JPEG has no alpha: transparent parts on white
        assert im.mode == "RGB" and min(im.getpixel((590, 10))) > 240


@pytest.mark.parametrize("source, originals, widths", [
    (4000, False, [480, 960, 1600]),
    (1200, False, [480, 960, 1200]),
    (1000, False, [480, 960]),  # 1000 is within 15% of 960
    (300, False, [300]),
    (4000, True, [480, 960, 1600, 4000]),  # publish_originals: a full-size derivative
])
def test_widths_for_a_source(source, originals, widths):
    assert ImageSettings(publish_originals=originals).widths_for(source) == widths
