"""What readers get, checked on the built sample site by tools nobody here wrote.

axe-core (accessibility) injected into each page type in Debian's Chromium,
the W3C Nu HTML Checker on the same pages, every request those pages make,
keyboard use of the lightbox and the search, and a phone's viewport.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, village_yaml
from testkit.browser import PHONE, SAMPLE_PAGES, serving

NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = SAMPLE_PAGES


def _require(path: Path) -> None:
    """The checkers come from package.json (`npm ci`); .ci/run installs them."""
    if not path.exists():
        message = f"{path.relative_to(REPO)} missing: run `npm ci --ignore-scripts`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _open(browser, url: str, **options):
    """A page at ``url``, settled: search results shown, lazy images left alone."""
    page = browser.new_page(**options)
    page.goto(url, wait_until="load")
    if "/search/?" in url:
        page.wait_for_selector(".hg-search__results li")
    return page


def _axe(page) -> list[dict]:
    """axe-core's violations of impact serious or critical on the page as it is now."""
    _require(AXE)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation(browser, site_url, name):
    for options in ({}, PHONE):  # the desktop layout and the phone's
        page = _open(browser, site_url + PAGES[name], **options)
        assert _axe(page) == [], f"{name} at {page.viewport_size['width']} px"
        page.close()


def test_axe_finds_no_serious_violation_with_the_lightbox_or_the_drawer_open(browser, site_url):
    for options in ({}, PHONE):  # GLightbox lays its caption out differently on phones
        page = _open(browser, site_url + PAGES["village"], **options)
        page.locator(".hg-gallery a.glightbox").first.click()
        page.wait_for_selector(".glightbox-container .gslide.current img")
        page.wait_for_function("document.getAnimations().length === 0")  # faded in
        assert _axe(page) == [], f"lightbox at {page.viewport_size['width']} px"
        page.close()

    page = _open(browser, site_url + PAGES["home"], **PHONE)
    page.locator(".md-header label[for='__drawer']").click()
    page.wait_for_function("document.getAnimations().length === 0")  # the drawer has slid in
    assert _axe(page) == []
    page.close()


def test_every_image_has_meaningful_alt_text(browser, site_url):
    checked = 0
    for name, path in PAGES.items():
        page = _open(browser, site_url + path)
        images = page.evaluate("""[...document.querySelectorAll('img')].map(i => ({
            src: i.getAttribute('src'), alt: i.getAttribute('alt'),
            hidden: i.closest('[aria-hidden="true"]') !== null}))""")
        for image in images:
            alt = (image["alt"] or "").strip()
            if image["hidden"]:
                continue  # not shown to assistive technology
            assert alt, f"{name}: {image['src']} has no alt text"
            assert not alt.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".svg")), f"{name}: alt {alt!r}"
            assert alt.lower() not in {"image", "photo", "图片", "照片", "img"}, f"{name}: alt {alt!r}"
            checked += 1
        page.close()
    assert checked > 20  # the sample site's photos, covers and thumbnails


def test_pages_load_nothing_from_other_hosts(browser, site_url):
    own = urlsplit(site_url).netloc
    for name, path in PAGES.items():
        page = browser.new_page(**PHONE)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(site_url + path, wait_until="load")
        # Scroll to the end so that lazy images and anything loaded late is asked for too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        foreign = [url for url in requests if urlsplit(url).scheme not in ("data", "blob")
                   and urlsplit(url).netloc != own]
        assert requests and foreign == [], f"{name}: {foreign}"
        page.close()


def _tab_until(page, selector: str, limit: int = 80) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def test_keyboard_reaches_and_leaves_the_lightbox(browser, site_url):
    page = _open(browser, site_url + PAGES["village"])
    assert _tab_until(page, ".hg-gallery a.glightbox"), "no gallery photo reachable with Tab"
    opener = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".glightbox-container .gslide.current img")
    # Focus is inside the lightbox, and Tab keeps it there (a dialog).
    assert page.evaluate("document.querySelector('.glightbox-container').contains(document.activeElement)")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    page.wait_for_selector(".glightbox-container", state="detached")
    # Back where the reader was: on the photo that opened it.
    assert page.evaluate("document.activeElement.getAttribute('href')") == opener
    page.close()


def test_keyboard_reaches_the_search_and_its_results_and_leaves_them(browser, site_url):
    page = _open(browser, site_url + PAGES["village"])
    assert _tab_until(page, "header input[type=search]", limit=10), "the header search box is not near the top"
    page.keyboard.type("示范村")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector(".hg-search__results li")
    assert _tab_until(page, ".hg-search__results a"), "no search result reachable with Tab"
    # Tab goes on past the results to the rest of the page: no trap.
    count = page.locator(".hg-search__results a").count()
    for _ in range(count + 5):
        page.keyboard.press("Tab")
    assert not page.evaluate("document.querySelector('.hg-search__results').contains(document.activeElement)")
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_phone_viewport_has_no_horizontal_scroll(browser, site_url, name):
    page = _open(browser, site_url + PAGES[name], **PHONE)
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, view: window.innerWidth})")
    assert widths["scroll"] <= widths["view"], f"{name}: {widths}"
    page.close()


def _small_targets(page, selector: str) -> list[str]:
    return page.evaluate("""s => [...document.querySelectorAll(s)]
        .filter(e => { const r = e.getBoundingClientRect(); const c = getComputedStyle(e);
                       return r.width > 0 && r.height > 0 && c.visibility !== 'hidden'; })
        .filter(e => e.getBoundingClientRect().height < 44)
        .map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 20)}" `
                  + Math.round(e.getBoundingClientRect().height) + 'px')""", selector)


def test_phone_tap_targets_are_at_least_44px_high(browser, site_url):
    targets = {
        "header": (PAGES["home"], ".md-header label.md-header__button, .md-header a.md-header__button, header input[type=search]"),
        "gallery": (PAGES["gallery"], ".hg-covers a"),
        "village photos": (PAGES["village"], ".hg-gallery a"),
        "search filters": (PAGES["search results"], ".hg-search select, .hg-search input, .hg-search button"),
    }
    for name, (path, selector) in targets.items():
        page = _open(browser, site_url + path, **PHONE)
        assert page.locator(selector).count() > 0, f"{name}: nothing matches {selector}"
        assert _small_targets(page, selector) == [], name
        page.close()

    # The navigation, in the drawer a phone opens from the menu button.
    page = _open(browser, site_url + PAGES["village"], **PHONE)
    page.locator(".md-header label[for='__drawer']").click()
    page.wait_for_function("document.getAnimations().length === 0")
    selector = ".md-sidebar--primary .md-nav__link"
    assert page.locator(selector).count() > 3
    assert _small_targets(page, selector) == []
    page.close()


def test_the_pager_of_a_long_listing_on_a_phone(project, browser):
    # The sample site's listings fit one page; 45 villages in one category do not.
    for n in range(45):
        project.village(f"v{n:02d}", village_yaml(name=f"测试{n:02d}村", category="folk-custom"))
    assert project.build(strict=True) == []
    with serving(project.site) as url:
        page = _open(browser, url + "categories/folk-custom/page/2/", **PHONE)
        assert page.locator("nav.hg-pager a").count() == 3  # 上一页, 1, 2 (no 下一页 on the last page)
        assert _small_targets(page, "nav.hg-pager a") == []
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        assert _axe(page) == []
        page.close()


def test_nu_html_checker_reports_no_errors_on_any_page(sample_site):
    """Every page of the sample site, of every type (Material's partials that caused errors are overridden)."""
    _require(VNU)
    if shutil.which("java") is None:
        pytest.fail("no java: install it with `apt-get install default-jre-headless`")
    files = sorted(str(p) for p in sample_site.rglob("*.html"))
    assert len(files) > 30
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages if m["type"] == "error"
    ]
    assert errors == []
