"""Share previews (Open Graph): what a link to a page shows in chat apps and feeds.

Plain text in, plain text out: the template escapes it.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import Mapping

from ..content.model import Village
from ..images.pipeline import Photo


def share_preview(
    *, title: str, description: str, url: str, site_name: str,
    image_url: str | None = None, published: datetime | None = None,
) -> dict[str, str]:
    """``title`` and ``description`` may hold HTML entities (pre-escaped page data)."""
    preview = {
        "type": "article" if published else "website",
        "title": html.unescape(title),
        "description": html.unescape(description),
        "url": url,
        "site_name": site_name,
    }
    if image_url:
        preview["image"] = image_url
    if published:
        preview["published"] = published.strftime("%Y-%m-%dT%H:%M:%S+08:00")  # Beijing time
    return preview


def share_image(cover_photo: Photo | None, villages: list[Village], photos: Mapping[Path, Photo]) -> str | None:
    """The JPEG of a page's cover photo: ``cover_photo`` (an article's own, processed),
    else the cover of the first of ``villages`` that has a processed one.

    ``photos``: processed photos by source file.
    """
    if cover_photo is not None:
        return cover_photo.fallback.files["jpg"]
    for village in villages:
        if village.cover is not None and village.cover.path in photos:
            return photos[village.cover.path].fallback.files["jpg"]
    return None
