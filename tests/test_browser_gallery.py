"""The gallery in a real browser, at a phone's size: WebP of the right width, the lightbox."""

from __future__ import annotations

import re

import pytest
from conftest import village_yaml
from samples.synthetic_photos import camera_jpeg, landscape
from testkit.browser import PHONE, launched, serving

CAPTIONS = ["油茶基地（示意图）", "村貌（示意图）", "山林（示意图）", "荷塘（示意图）"]


@pytest.fixture
def gallery_site(project):
    lines = []
    for index, caption in enumerate(CAPTIONS):
        project.write(f"villages/feiyue/photos/{index}.jpg", camera_jpeg(landscape(2400, 1800, seed=index)))
        lines += [f"  - file: {index}.jpg", f"    caption: {caption}", f"    alt: 第 {index + 1} 张照片", "    credit: 本站绘制"]
    story = "|\n" + "\n".join(f"  第 {n} 段：这一段文字把图片推到首屏以下。\n" for n in range(12))
    project.village("feiyue", village_yaml(name="飞跃村", photos="\n".join(lines), story=story))
    assert project.build(strict=True) == []
    with serving(project.site) as url:
        yield url


def _width_of(url: str) -> int:
    return int(re.search(r"-(\d+)\.(?:webp|jpg)$", url).group(1))


def test_phone_loads_small_webp_and_the_lightbox_opens_and_closes(gallery_site):
    with launched() as browser:
        page = browser.new_page(**PHONE)
        images = []
        page.on("response", lambda r: images.append(r) if "/assets/photos/" in r.url else None)
        page.goto(gallery_site + "villages/feiyue/")
        page.locator(".hg-gallery").scroll_into_view_if_needed()
        page.wait_for_function(
            "[...document.querySelectorAll('.hg-gallery img')].every(i => i.complete && i.naturalWidth > 0)"
        )

        # Every photo came as WebP, and no wider than this screen needs.
        assert images and all(r.headers["content-type"] == "image/webp" for r in images)
        shown = page.evaluate("""[...document.querySelectorAll('article img')].map(i => ({
            src: i.currentSrc, css: i.getBoundingClientRect().width,
            candidates: i.parentElement.querySelector('source').srcset.split(', ').map(c => +c.split(' ')[1].slice(0, -1))}))""")
        enough: dict[str, int] = {}  # file -> the widest that any element showing it needs
        for image in shown:
            needed = image["css"] * PHONE["device_scale_factor"]
            fits = min([w for w in image["candidates"] if w >= needed] or [max(image["candidates"])])
            enough[image["src"]] = max(enough.get(image["src"], 0), fits)
        # (The cover is shown large at the top, and again as the first
        # thumbnail: the browser rightly reuses the larger file it already has.)
        for src, width in enough.items():
            assert src.endswith(".webp") and _width_of(src) <= width, (src, width)
        assert len({_width_of(src) for src in enough}) > 1  # thumbnails smaller than the cover

        # Tap the second thumbnail: the lightbox shows its caption and credit.
        scroll = page.evaluate("window.scrollY")
        page.locator(".hg-gallery a.glightbox").nth(1).tap()
        lightbox = page.locator(".glightbox-container")
        lightbox.wait_for(state="visible")
        current = page.locator(".gslide.current")
        current.locator(".gslide-title").wait_for(state="visible")
        assert current.locator(".gslide-title").inner_text() == CAPTIONS[1]
        assert "图/本站绘制" in current.locator(".gslide-desc").inner_text()
        assert current.locator("img").get_attribute("alt") == "第 2 张照片"

        # Arrow keys move through the village's photos; Escape closes.
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"document.querySelector('.gslide.current .gslide-title')?.innerText === '{CAPTIONS[2]}'")
        page.keyboard.press("Escape")
        lightbox.wait_for(state="detached")
        assert page.url == gallery_site + "villages/feiyue/"
        assert abs(page.evaluate("window.scrollY") - scroll) < 2
        page.close()


def test_without_javascript_a_thumbnail_links_to_the_large_image(gallery_site):
    with launched() as browser:
        context = browser.new_context(java_script_enabled=False, **PHONE)
        page = context.new_page()
        page.goto(gallery_site + "villages/feiyue/")
        with page.expect_navigation():
            page.locator(".hg-gallery a").first.click()
        assert page.url.endswith("-1600.webp")
        context.close()
