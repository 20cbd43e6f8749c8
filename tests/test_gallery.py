"""Photos in built sites: galleries, covers, the gallery page, article images, bad photos."""

from __future__ import annotations

import pytest
from conftest import village_yaml
from mkdocs.exceptions import Abort
from PIL import Image
from samples.synthetic_photos import camera_jpeg, landscape

PHOTOS_YAML = """\
  - file: IMG_1.jpg
    caption: 油茶基地（示意图）
    alt: 山坡上一行行茶树
    credit: 本站绘制
  - file: IMG_2.jpg
    caption: 村貌（示意图）
    alt: 几栋白墙农房
    cover: true
  - file: sub/IMG_3.jpg
    caption: 山林（示意图）
    alt: 连绵的青山"""


def _photo(project, relative: str, width=2000, height=1500, orientation=1, seed=1) -> bytes:
    upright = landscape(width, height, seed=seed)
    data = camera_jpeg(upright, orientation=orientation)
    project.write(relative, data)
    return data


def _village_with_photos(project, slug="feiyue", **extra):
    originals = [
        _photo(project, f"villages/{slug}/photos/IMG_1.jpg", seed=1),
        _photo(project, f"villages/{slug}/photos/IMG_2.jpg", width=1500, height=2000, orientation=6, seed=2),
        _photo(project, f"villages/{slug}/photos/sub/IMG_3.jpg", width=800, height=600, seed=3),
    ]
    project.village(slug, village_yaml(name="飞跃村", category="specialty-industry", county="蕲春县",
                                       photos=PHOTOS_YAML, **extra))
    return originals


def test_village_page_has_cover_and_gallery(project):
    originals = _village_with_photos(project)
    assert project.build(strict=True) == []

    page = project.page("villages/feiyue/")
    article = page.select_one("article")
    hero = article.select_one("figure.hg-figure-photo")
    # The cover is the photo marked cover: true, shown first and loaded at once.
    assert hero.img["alt"] == "几栋白墙农房"
    assert hero.img["fetchpriority"] == "high" and "loading" not in hero.img.attrs
    assert "村貌（示意图）" in hero.figcaption.get_text()
    # It was turned by EXIF: the layout box is portrait.
    assert int(hero.img["height"]) > int(hero.img["width"])

    gallery = article.select("div.hg-gallery figure")
    assert [f.figcaption.get_text() for f in gallery] == ["村貌（示意图）", "油茶基地（示意图）", "山林（示意图）"]
    for figure in gallery:
        link, img, source = figure.a, figure.img, figure.source
        assert "glightbox" in link["class"]
        assert link["href"].endswith(".webp") and link["data-gallery"] == "feiyue"
        assert img["loading"] == "lazy" and img["alt"]
        assert img["src"].endswith(".jpg") and int(img["width"]) > 0 and int(img["height"]) > 0
        assert source["type"] == "image/webp" and source["sizes"]
        widths = [int(candidate.split()[-1][:-1]) for candidate in source["srcset"].split(", ")]
        assert widths == sorted(widths) and max(widths) <= 1600
        for candidate in source["srcset"].split(", ") + [img["src"], link["href"]]:
            assert (project.site / "villages/feiyue" / candidate.split()[0]).resolve().is_file(), candidate
    first = gallery[1].source["srcset"]
    assert [c.split()[1] for c in first.split(", ")] == ["480w", "960w", "1600w"]
    assert [c.split()[1] for c in gallery[2].source["srcset"].split(", ")] == ["480w", "800w"]
    assert gallery[1].a["data-title"] == "油茶基地（示意图）" and gallery[1].a["data-description"] == "图/本站绘制"

    # The lightbox's script and styles are on this page, from the site itself.
    assert page.find("script", src=lambda s: s and s.endswith("assets/javascripts/glightbox.min.js"))
    assert page.find("link", href=lambda h: h and h.endswith("assets/stylesheets/glightbox.min.css"))

    # Published images carry no metadata, and originals are not published.
    published = list((project.site / "assets/photos").iterdir())
    assert published
    for path in published:
        data = path.read_bytes()
        assert b"Exif" not in data and b"HuaweiPhone" not in data
        with Image.open(path) as im:
            assert not im.getexif()
    all_bytes = [p.read_bytes() for p in project.site.rglob("*") if p.is_file()]
    for original in originals:
        assert original not in all_bytes
    assert not list(project.site.rglob("IMG_*"))


def test_pages_without_photos_do_not_load_the_lightbox(project):
    _village_with_photos(project)
    project.village("plain", village_yaml(name="无图村"))
    assert project.build(strict=True) == []
    for url in ("villages/plain/", "counties/"):
        page = project.page(url)
        assert not page.find("script", src=lambda s: s and "glightbox" in s), url
        assert not page.find(id="init-glightbox"), url


def test_gallery_page_and_cards_show_covers(project):
    _village_with_photos(project)
    project.village("plain", village_yaml(name="无图村", category="specialty-industry"))
    assert project.build(strict=True) == []

    gallery = project.page("gallery/")
    assert [h.get_text() for h in gallery.select("article h2")] == ["特色产业类"]
    items = gallery.select("ul.hg-covers li")
    assert len(items) == 1
    assert items[0].a["href"] == "../villages/feiyue/"
    assert items[0].img["alt"] == "几栋白墙农房"
    assert "飞跃村" in items[0].get_text()

    cards = project.page("categories/specialty-industry/").select(".hg-cards li")
    thumbs = {c.select_one(".hg-card__title").get_text(): c.img for c in cards}
    assert thumbs["飞跃村"]["alt"] == "几栋白墙农房" and thumbs["飞跃村"]["loading"] == "lazy"
    assert thumbs["无图村"] is None


def test_images_in_pages_go_through_the_pipeline(project):
    original = _photo(project, "docs/news/photo.jpg", orientation=8, seed=9)
    project.write("docs/news/test.md", "# 测试文章\n\n正文。\n\n![荷塘一角](photo.jpg \"初夏的荷塘（示意图）\")\n")
    assert project.build() == []

    page = project.page("news/test/")
    figure = page.select_one("article figure.hg-figure-photo")
    assert figure.img["alt"] == "荷塘一角"
    assert figure.figcaption.get_text() == "初夏的荷塘（示意图）"
    assert "glightbox" in figure.a["class"] and figure.source["type"] == "image/webp"
    assert figure.parent.name != "p"
    assert not (project.site / "news/photo.jpg").exists()
    assert original not in [p.read_bytes() for p in project.site.rglob("*.jpg")]


BAD_PHOTOS = """\
  - file: good.jpg
    caption: 好照片
    alt: 一张好照片
  - file: missing.jpg
    caption: 缺失
    alt: 缺失
  - file: ../other/x.jpg
    caption: 越界
    alt: 越界
  - file: /etc/passwd
    caption: 绝对路径
    alt: 绝对路径
  - file: empty.jpg
    caption: 空文件
    alt: 空文件
  - file: truncated.jpg
    caption: 截断
    alt: 截断
  - file: text.jpg
    caption: 文本
    alt: 文本
  - file: bomb.png
    caption: 炸弹
    alt: 炸弹
  - file: noalt.jpg
    caption: 没有替代文字
  - file: good.jpg
    caption: 重复
    alt: 重复
  - file: cmyk.jpg
    caption: 印刷色
    alt: 印刷色
  - file: anim.gif
    caption: 动图
    alt: 动图"""


def _bad_photo_project(project):
    from test_images import _png_header_only

    folder = "villages/bad/photos/"
    _photo(project, folder + "good.jpg", width=900, height=600)
    project.write(folder + "empty.jpg", b"")
    whole = camera_jpeg(landscape(900, 600, seed=4))
    project.write(folder + "truncated.jpg", whole[: len(whole) // 2])
    project.write(folder + "text.jpg", "不是图片".encode())
    project.write(folder + "bomb.png", _png_header_only(30000, 30000))
    _photo(project, folder + "noalt.jpg", width=900, height=600)
    Image.new("CMYK", (600, 400), (0, 200, 200, 0)).save(project.root / folder / "cmyk.jpg")
    frames = [Image.new("RGB", (300, 200), c) for c in ((200, 0, 0), (0, 0, 200))]
    frames[0].save(project.root / folder / "anim.gif", save_all=True, append_images=frames[1:])
    project.village("bad", village_yaml(name="坏照片村", photos=BAD_PHOTOS))


# photos[N] of BAD_PHOTOS -> (line of its "file:" key, expected words)
EXPECTED = {
    2: (10, "找不到这个文件；"),
    3: (13, "指向了本村照片文件夹以外"),
    4: (16, "指向了本村照片文件夹以外"),
    5: (19, "文件是空的（0 字节）"),
    6: (22, "图片已损坏"),
    7: (25, "不是可识别的图片文件"),
    8: (28, "图片尺寸过大"),
    10: (33, "已在第 7 行列出过"),
}


def test_every_bad_photo_is_reported_with_file_line_and_photo(project):
    _bad_photo_project(project)
    warnings = project.build()

    for index, (line, words) in EXPECTED.items():
        prefix = f"villages/bad/village.yml:{line}: photos[{index}].file: "
        assert [w for w in warnings if w.startswith(prefix) and words in w], (prefix, words, warnings)
    assert any(w.startswith("villages/bad/village.yml:31: photos[9].alt: 缺少必填字段（替代文字") for w in warnings)
    assert len(warnings) == len(EXPECTED) + 1, warnings

    # The village and its good photos are still published (the CMYK JPEG and
    # the animated GIF are fine).
    captions = [f.figcaption.get_text() for f in project.page("villages/bad/").select(".hg-gallery figure")]
    assert captions == ["好照片", "印刷色", "动图"]

    with pytest.raises(Abort):
        project.build(strict=True)


def test_second_build_uses_the_cache_and_removed_photos_leave_it(project):
    _village_with_photos(project)
    project.build(strict=True)
    cache = project.root / ".cache/images"
    first = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}

    project.build(strict=True)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == first

    project.village("feiyue", village_yaml(name="飞跃村", photos=PHOTOS_YAML.split("  - file: sub/")[0].rstrip()))
    project.build(strict=True)
    remaining = {p.name for p in cache.iterdir()}
    assert remaining < set(first)
    assert not list((project.site / "assets/photos").glob("*-800.webp"))  # IMG_3's sizes are gone
