"""Editors' real files: Windows line ends, byte-order marks, hostile YAML; through the real commands."""

from __future__ import annotations

import subprocess
import sys
import time

from conftest import REPO, village_yaml

LAUGHS = 'a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]\n' + "".join(
    f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
)


def _check(project):
    return subprocess.run(
        [sys.executable, str(REPO / "scripts/publisher/cli"), "--config", str(project.root / "mkdocs.yml"), "check"],
        capture_output=True, text=True, timeout=120, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def _timed_cli(project, *args):
    """The real `mkdocs` command: result, seconds, its peak memory in MiB.

    Measured by a small process between: Linux starts a child's peak at its
    parent's, and the test process may be large.
    """
    measure = (
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", measure, sys.executable, "-m", "mkdocs", *args],
        cwd=project.root, capture_output=True, text=True, timeout=300,
    )
    *log, peak = result.stderr.rstrip("\n").split("\n")
    result.stderr = "\n".join(log)
    return result, time.perf_counter() - started, int(peak) / 1024


def test_windows_line_ends_and_byte_order_marks_are_read_as_they_are_meant(project):
    project.village("huahebian", ("\ufeff" + village_yaml(name="花河边村")).replace("\n", "\r\n").encode())
    project.write("docs/news/posts/crlf.md", (
        "\ufeff---\ntitle: 用记事本保存的新闻\ndate: 2018-06-28\ncategories: [工作动态]\nvillages: [huahebian]\n---\n\n"
        "# 用记事本保存的新闻\n\n第一段。\n"
    ).replace("\n", "\r\n").encode())
    assert _check(project).returncode == 0
    assert project.build(strict=True) == []
    assert project.page("villages/huahebian/").select_one("article h1").get_text() == "花河边村"
    article = project.page("news/2018/06/crlf/")
    assert article.select_one("article h1").get_text() == "用记事本保存的新闻"
    assert "花河边村" in article.select_one(".hg-related").get_text()


def test_a_billion_laughs_file_fails_in_seconds_with_its_line(project):
    project.village("good", village_yaml(name="好村"))
    project.village("laughs", LAUGHS)
    project.write("docs/news/posts/laughs.md", "---\n" + LAUGHS + "---\n\n# 标题\n")
    project.write("villages/categories.yml.bak", LAUGHS)  # not read: only named files are
    expected = {
        "villages/laughs/village.yml:2: 用了 YAML 的锚点和别名（*a）",
        "docs/news/posts/laughs.md:3: 用了 YAML 的锚点和别名（*a）",
    }
    checked = _check(project)
    assert checked.returncode == 1
    assert {line.split("；")[0] for line in checked.stdout.splitlines()} == expected

    strict, seconds, peak = _timed_cli(project, "build", "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert all(line in strict.stderr for line in expected)
    assert seconds < 30 and peak < 200, (seconds, peak)

    plain = project.cli("build")
    assert plain.returncode == 0
    assert (project.site / "villages/good/index.html").is_file()
    assert not (project.site / "villages/laughs").exists()


def test_a_file_too_large_to_be_an_editors_is_not_read(project):
    project.village("good", village_yaml(name="好村"))
    project.village("huge", village_yaml(name="大村", summary="很长" * 10) + "story: |\n" + "  很长的故事。\n" * 200_000)
    checked = _check(project)
    assert checked.returncode == 1
    assert checked.stdout.startswith("villages/huge/village.yml: 文件太大（")
    assert project.build() == [checked.stdout.splitlines()[0]]
    assert (project.site / "villages/good/index.html").is_file()


def _phone_jpeg_108mp() -> bytes:
    """12000×9000, as Android phones sold in China take them (about 20 MB)."""
    from samples.synthetic_photos import phone_sized

    return phone_sized((12000, 9000))


PHOTOS = """\
  - file: IMG_108MP.jpg
    caption: 一亿像素的手机照片
    alt: 渐变的色块
  - file: IMG_0001.HEIC
    caption: 苹果手机的照片
    alt: 青山下的村庄
"""


def test_phone_photos_as_they_come_108_megapixels_and_heic(project):
    from io import BytesIO

    from PIL import Image
    from samples.synthetic_photos import camera_heic, landscape

    project.village("huahebian", village_yaml(name="花河边村", photos=PHOTOS.rstrip()))
    project.write("villages/huahebian/photos/IMG_108MP.jpg", _phone_jpeg_108mp())
    project.write("villages/huahebian/photos/IMG_0001.HEIC", camera_heic(landscape(1200, 900, seed=2), orientation=6))
    assert _check(project).returncode == 0
    built, seconds, peak = _timed_cli(project, "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert peak < 500, peak  # the 108 MP photo is decoded at a quarter of its size
    page = project.page("villages/huahebian/")
    pictures = page.select(".hg-gallery picture")
    assert len(pictures) == 2
    sizes = []
    for picture in pictures:
        largest = picture.select_one("source")["srcset"].split(", ")[-1].split(" ")[0]
        data = (project.site / "villages/huahebian" / largest).resolve().read_bytes()
        with Image.open(BytesIO(data)) as image:
            sizes.append(image.size)
            assert not image.getexif()
        assert b"GPS" not in data and b"Exif" not in data
    # The HEIC was stored on its side (orientation 6) and is shown upright, never upscaled.
    assert sizes == [(1600, 1200), (1200, 900)]


def test_a_bomb_is_still_refused_with_true_figures(project):
    import io

    from PIL import Image

    project.village("good", village_yaml(name="好村", photos="  - file: flat.png\n    caption: 平\n    alt: 一片灰色"))
    buffer = io.BytesIO()
    Image.new("L", (10000, 10000), 128).save(buffer, "PNG")  # 100 MP in a file of about 100 KB
    project.write("villages/good/photos/flat.png", buffer.getvalue())
    checked = _check(project)
    assert checked.returncode == 1
    assert "图片尺寸过大（10000×10000，约 100 百万像素，文件却只有" in checked.stdout
    assert "villages/good/village.yml:7: photos[1].file:" in checked.stdout
    assert project.build() and (project.site / "villages/good/index.html").is_file()


SLIPS = {
    # folder: (village.yml, the line and the helpful part of its message)
    "colon": (village_yaml(name="花河边村").replace("county: 罗田县", "county：罗田县"),
              "villages/colon/village.yml:4: county: “county”后面用了中文冒号“：”；请改成英文冒号加一个空格：county: "),
    "indent": (village_yaml(name="大庙岗村", leaders="  - name: 张三\n\u3000\u3000role: 村党支部书记"),
               "villages/indent/village.yml:8: 行首用了全角空格“\u3000”缩进"),
    "comma": (village_yaml(name="潘家湾村", tags="[村企共建，产业党小组]"),
              "villages/comma/village.yml:6: tags: 方括号列表里用了中文逗号“，”"),
    "quotes": (village_yaml(name="飞跃村", tags="[“油茶”, 产业]"),
               "villages/quotes/village.yml:6: tags: 方括号列表里用了中文引号“、中文引号”"),
}


def test_input_method_slips_are_named_at_their_line(project):
    project.village("damiaogang", village_yaml(name="大庙岗村", story="  村书记：张三说，“好”。\n\n  \u3000\u3000第二段。"))
    for slug, (text, _) in SLIPS.items():
        project.village(slug, text)
    project.article("chinese-name", "title: 用村名写的文章\ndate: 2018-06-01\nvillages: [大庙岗村]")
    expected = [message for _, message in SLIPS.values()] + [
        "docs/news/posts/chinese-name.md:4: villages[1]: 未知的示范村“大庙岗村”，是否想写 damiaogang（大庙岗村）？",
    ]
    checked = _check(project)
    assert checked.returncode == 1
    lines = checked.stdout.splitlines()
    assert len(lines) == len(expected), lines
    assert all(any(line.startswith(e) for line in lines) for e in expected), lines

    warnings = project.build()
    assert sorted(warnings) == sorted(lines)  # the build says the same words
    assert (project.site / "villages/damiaogang/index.html").is_file()  # prose with 全角 punctuation is fine
    assert "村书记：张三说" in project.page("villages/damiaogang/").get_text()
    assert not any((project.site / "villages" / slug).exists() for slug in SLIPS)
    strict = project.cli("build", "--strict")
    assert strict.returncode == 1 and all(line in strict.stderr for line in lines)
