"""Site addresses that editors write (``/villages/huahebian/``) made relative to the page.

The site may be published under a path (``/REPO/`` on GitHub Pages, a bucket
prefix); a relative address works wherever it is.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..urls import relative_url

_SITE_ADDRESS = re.compile(r'(<(?:a|img|source)\b[^>]*?\s(?:href|src)=")/(?!/)([^"]*)"')


def site_relative(html: str, here: str) -> str:
    """``here``: the page's address, relative to the site (``news/2018/06/x/``)."""
    if '="/' not in html:
        return html

    def relative(match: re.Match) -> str:
        path, _, rest = match.group(2).partition("#")
        target = relative_url(here, unquote(path)) if path else "./"
        return f'{match.group(1)}{target}{"#" + rest if rest else ""}"'

    return _SITE_ADDRESS.sub(relative, html)
