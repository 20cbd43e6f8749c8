"""Decode a photo once and encode all its derivatives (WebP per width, one JPEG).

Pure Pillow, no MkDocs. The order matters for privacy and for phones:
orientation is applied to the pixels first (EXIF says how the camera was held),
colours are converted to sRGB, then every piece of metadata is dropped (EXIF
with GPS positions, camera data, comments, XMP, ICC) before encoding.
Problems raise ``PhotoError`` with a message for editors, never a traceback.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .settings import ImageSettings

# iPhones save HEIC; pillow-heif applies its orientation on opening, like exif_transpose.
pillow_heif.register_heif_opener(thumbnails=False)
# Pillow warns from 89 MP and refuses from 179 MP; real phone photos go beyond.
# ``inspect`` refuses by the header, with the true figures, before anything is decoded.
Image.MAX_IMAGE_PIXELS = None
ORIENTATION = 0x0112
_SWAPS_AXES = {5, 6, 7, 8}  # rotated by 90 or 270 degrees
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PhotoError(Exception):
    """A photo that cannot be published; the message is for editors."""


@dataclass(frozen=True)
class SourceInfo:
    width: int  # after orientation
    height: int


def read_source(path: Path) -> bytes:
    """The photo's bytes, or a PhotoError an editor can act on."""
    if not path.is_file():
        raise PhotoError("找不到这个文件；请检查文件名（包括大小写和扩展名）")
    data = path.read_bytes()
    if not data:
        raise PhotoError("文件是空的（0 字节）；请重新拷贝这张照片")
    return data


def inspect(data: bytes, settings: ImageSettings) -> SourceInfo:
    """Read the header only: size as displayed, and the checks that need no decoding."""
    try:
        im = _open(data)
        width, height = im.size
        if width * height > settings.max_pixels:
            raise PhotoError(_too_large(width, height, settings))
        if width * height > settings.bomb_check_above and width * height > len(data) * settings.bomb_pixels_per_byte:
            raise PhotoError(_bomb(width, height, len(data)))
        orientation = _orientation(im)
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise PhotoError(
            f"不是可识别的图片文件（{type(error).__name__}）；请上传 JPEG、HEIC、PNG、WebP 或 GIF 照片"
        ) from None
    if orientation in _SWAPS_AXES:
        width, height = height, width
    return SourceInfo(width, height)


def derivative_size(info: SourceInfo, width: int) -> tuple[int, int]:
    return width, max(1, round(info.height * width / info.width))


def render(
    data: bytes, info: SourceInfo, outputs: dict[int, tuple[str, ...]], settings: ImageSettings
) -> dict[tuple[int, str], bytes]:
    """Decode ``data`` once; encode each width in its formats, e.g. {960: ("webp", "jpg")}."""
    try:
        im = _open(data)
        im.seek(0)  # animated GIF/WebP: the first frame
        if im.format == "JPEG":
            # DCT scaling: decode at 1/2, 1/4 or 1/8 when that still
            # covers the largest output (in the file's own orientation).
            scale = max(outputs) / info.width
            im.draft(im.mode if im.mode == "CMYK" else "RGB", (round(im.width * scale), round(im.height * scale)))
        im.load()
        # Orientation applied to the pixels (a copy, so only when needed).
        image = ImageOps.exif_transpose(im) if _orientation(im) != 1 else im
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise PhotoError(f"图片已损坏，无法解码（{error}）；请重新从相机或手机导出") from None

    image = _to_srgb(image)
    image.info.clear()  # no EXIF, comment, XMP or ICC profile may reach the output
    encoded: dict[tuple[int, str], bytes] = {}
    current = image
    for width in sorted(outputs, reverse=True):
        size = derivative_size(info, width)
        if current.size != size:
            # Each size from the previous, larger one. Hamming: antialiased like
            # Lanczos for downscaling (46 dB PSNR against it) at half the cost.
            current = current.resize(size, Image.Resampling.HAMMING, reducing_gap=3.0)
        for fmt in outputs[width]:
            encoded[(width, fmt)] = _ENCODERS[fmt](current, settings)
    return encoded


def _open(data: bytes) -> Image.Image:
    """Open from memory: no file handle to close, nothing to leak."""
    return Image.open(io.BytesIO(data))


def _orientation(im: Image.Image) -> int:
    try:
        return int(im.getexif().get(ORIENTATION, 1))
    except Exception:  # a broken EXIF block must not lose the photo
        return 1


def _too_large(width: int, height: int, settings: ImageSettings) -> str:
    return (
        f"图片尺寸过大（{width}×{height}，约 {width * height / 1e6:.0f} 百万像素，"
        f"上限 {settings.max_pixels / 1e6:.0f} 百万像素，没有相机拍得出）；可能是有意构造的恶意文件，请上传正常的照片"
    )


def _bomb(width: int, height: int, size: int) -> str:
    return (
        f"图片尺寸过大（{width}×{height}，约 {width * height / 1e6:.0f} 百万像素，文件却只有 {size / 1024:.0f} KB）："
        "真正的照片不会这样，可能是有意构造的恶意文件；请上传正常的照片"
    )


def _to_srgb(im: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB, from any mode Pillow reads."""
    icc = im.info.get("icc_profile")
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits (a plain convert would clip to white).
        im = im.convert("I").point(lambda value: value / 256).convert("L")
    if im.mode in ("P", "PA"):
        im = im.convert("RGBA" if "transparency" in im.info or im.mode == "PA" else "RGB")
    if im.mode == "LA":
        im = im.convert("RGBA")
    if icc and im.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if im.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(im, source, _SRGB, outputMode=mode)
            if converted is not None:
                im = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: fall back to the plain conversion below
    if im.mode not in ("RGB", "RGBA"):
        im = im.convert("RGBA" if "A" in im.mode else "RGB")
    if im.mode == "RGBA" and im.getextrema()[3][0] == 255:
        im = im.convert("RGB")  # fully opaque: no alpha channel to carry
    return im


def _flatten(im: Image.Image) -> Image.Image:
    """JPEG has no transparency: put the picture on white."""
    background = Image.new("RGB", im.size, (255, 255, 255))
    background.paste(im, mask=im.getchannel("A"))
    return background


def _encode(im: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, fmt, **options)
    return buffer.getvalue()


_ENCODERS = {
    "webp": lambda im, s: _encode(im, "WEBP", quality=s.webp_quality, method=s.webp_method),
    "jpg": lambda im, s: _encode(
        _flatten(im) if im.mode == "RGBA" else im, "JPEG", quality=s.jpeg_quality, optimize=True
    ),
}
