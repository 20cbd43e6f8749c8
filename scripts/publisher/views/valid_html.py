"""Fixes to the theme's page HTML that no partial reaches, so every page passes the Nu HTML Checker.

Material's base.html gives its hidden drawer and search checkboxes
``autocomplete="off"`` (so Firefox does not restore them when a reader comes
back); the attribute is invalid on checkboxes. It is removed here, and
``hg-reading.js`` unchecks them on ``pageshow`` instead, which keeps the behaviour.
"""

from __future__ import annotations

_TOGGLES = tuple(f'type="checkbox" id="__{name}" autocomplete="off">' for name in ("drawer", "search"))


def valid_page(html: str) -> str:
    for toggle in _TOGGLES:
        if toggle in html:
            html = html.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    return html
