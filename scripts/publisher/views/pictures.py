"""What a page needs to show a processed photo: the view model of a <picture>.

Pure: a processed ``Photo`` plus how to reach its files from the page, in;
the attributes for ``overrides/fragments/picture.html``, out. Used for village
galleries, covers and cards, the gallery page, and images in articles alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..images.pipeline import Photo
from ..urls import relative_url

ASSET_DIR = "assets/photos"  # where derivatives are published, site-relative

# How wide an image is shown, for the browser to pick a file (CSS px).
SIZES = {
    "hero": "(min-width: 60em) 46rem, 100vw",
    "article": "(min-width: 60em) 46rem, 100vw",
    "thumb": "(min-width: 60em) 14rem, (min-width: 30em) 30vw, 46vw",
    "card": "6rem",
}


@dataclass(frozen=True)
class PictureView:
    srcset: str  # WebP at every width
    sizes: str
    src: str  # the JPEG fallback
    width: int  # of the fallback: the aspect ratio for the layout
    height: int
    large: str  # the largest WebP: the lightbox, or the link without JavaScript
    alt: str
    caption: str | None = None
    credit: str | None = None
    lazy: bool = True


def picture_view(
    photo: Photo,
    here: str,
    *,
    alt: str,
    role: str,
    caption: str | None = None,
    credit: str | None = None,
    lazy: bool = True,
) -> PictureView:
    """``here``: the site URL of the page that shows the photo (links are relative to it)."""

    def url(name: str) -> str:
        return relative_url(here, f"{ASSET_DIR}/{name}")

    srcset = ", ".join(f"{url(d.files['webp'])} {d.width}w" for d in photo.derivatives)
    fallback = photo.fallback
    return PictureView(
        srcset=srcset,
        sizes=SIZES[role],
        src=url(fallback.files["jpg"]),
        width=fallback.width,
        height=fallback.height,
        large=url(photo.largest.files["webp"]),
        alt=alt,
        caption=caption,
        credit=credit,
        lazy=lazy,
    )
