"""The preview (`mkdocs serve --dirty`, what `dev.py serve` runs) rebuilds only
what an edit touches, and what it serves is what a full build would make."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import site_files, village_yaml
from publisher.search import writer


@pytest.fixture
def previewed(project, monkeypatch):
    """A project built as `serve --dirty` builds it first; rebuild() is its next rebuild."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1530144000")  # feeds and sitemap: the same date in every build
    project.village("feiyue", village_yaml(name="飞跃村", category="specialty-industry", county="蕲春县"))
    project.village("huahebian", village_yaml(name="花河边村"))
    project.village("panjiawan", village_yaml(name="潘家湾村", category="folk-custom"))
    project.article("chanye", "title: 飞跃村的油茶\ndate: 2018-06-20\ncategories: [经验交流]\n"
                    "authors: [zuzhibu]\nvillages: [feiyue]\n")
    project.article("ducha", "title: 督查\ndate: 2017-08-31\ncategories: [工作动态]\nauthors: [bianjibu]\n")
    assert project.build(command="serve", dirty=True) == []

    def rebuild():
        assert project.build(command="serve", dirty=True, startup=False) == []

    return rebuild


def _same_as_a_full_build(project, tmp_path):
    """Every file the preview serves is the file `mkdocs build` makes of the same content."""
    writer.settle()  # the search index is written in the background
    served = site_files(project.site)
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    # In another process: plugins are kept between builds of one process (as
    # `serve` keeps them), and mkdocs-rss-plugin would list every article twice.
    # A full build as `serve` makes it (no service worker, the preview's pages).
    full_build = (
        "import sys; from mkdocs.config import load_config; from mkdocs.commands.build import build; "
        "c = load_config('mkdocs.yml', site_dir=sys.argv[1]); c.plugins.on_startup(command='serve', dirty=False); "
        "build(c, serve_url='http://127.0.0.1:8000/')"
    )
    subprocess.run([sys.executable, "-c", full_build, str(full)],
                   cwd=project.root, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    built = site_files(full)
    assert sorted(served) == sorted(built)
    different = [name for name in built if served[name] != built[name]]
    assert different == [], different


def test_an_edited_village_rebuilds_its_pages_and_the_articles_naming_it(project, previewed, tmp_path):
    untouched = project.site / "villages/panjiawan/index.html"
    before = untouched.stat().st_mtime_ns
    news_list = (project.site / "news/index.html").stat().st_mtime_ns

    project.village("feiyue", village_yaml(name="飞跃新村", category="specialty-industry", county="蕲春县"))
    previewed()

    assert "飞跃新村" in project.page("villages/feiyue/").h1.get_text()
    assert "飞跃新村" in project.page("categories/specialty-industry/").get_text()
    assert "飞跃新村" in project.page("news/2018/06/chanye/").select_one(".hg-related").get_text()
    # Pages that do not show the village were not rendered again.
    assert untouched.stat().st_mtime_ns == before
    assert (project.site / "news/index.html").stat().st_mtime_ns == news_list
    # The search index knows every page, the skipped ones too.
    writer.settle()
    index = "".join(p.read_text(encoding="utf-8") for p in (project.site / "assets/search/d").glob("*.json"))
    assert "飞跃新村" in index and "潘家湾村" in index and "督查" in index
    _same_as_a_full_build(project, tmp_path)


def test_an_edited_article_rebuilds_the_news_lists_and_feeds(project, previewed, tmp_path):
    project.article("ducha", "title: 督查查出问题\ndate: 2017-08-31\ncategories: [工作动态]\nauthors: [bianjibu]\n")
    previewed()
    assert "督查查出问题" in project.page("news/").get_text()
    assert "督查查出问题" in (project.site / "feed_rss_created.xml").read_text(encoding="utf-8")
    _same_as_a_full_build(project, tmp_path)


def test_the_editors_text_of_the_news_page_is_previewed(project, previewed, tmp_path):
    index = project.root / "docs/news/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n本页新增的一句说明。\n", encoding="utf-8")
    previewed()
    assert "本页新增的一句说明" in project.page("news/").get_text()
    assert "督查" in project.page("news/").get_text()  # the list is still there
    _same_as_a_full_build(project, tmp_path)


def test_a_removed_village_and_a_changed_category_file(project, previewed, tmp_path):
    (project.root / "villages/panjiawan/village.yml").unlink()
    (project.root / "villages/panjiawan").rmdir()
    previewed()
    assert not (project.site / "villages/panjiawan/index.html").exists()
    _same_as_a_full_build(project, tmp_path)

    # Anything that is not a village or an article (here the categories) rebuilds everything.
    categories = project.root / "villages/categories.yml"
    categories.write_text(categories.read_text(encoding="utf-8").replace("红色文化类", "红色文化村"), encoding="utf-8")
    previewed()
    assert "红色文化村" in project.page("villages/feiyue/").select_one("nav.md-nav--primary").get_text()
    _same_as_a_full_build(project, tmp_path)


def test_a_broken_village_is_left_out_of_the_preview_and_comes_back(project, previewed, tmp_path):
    project.village("huahebian", "name: [不是文字\n")
    project.build(command="serve", dirty=True, startup=False)  # warns, keeps serving
    # At its address, the village's problem instead of a 404; the rest as before.
    problems = [li.get_text() for li in project.page("villages/huahebian/").select(".publisher-problems li")]
    assert [p.split(" [while")[0] for p in problems] == [
        "villages/huahebian/village.yml:2: YAML 格式错误：方括号 [ ] 没有闭合（问题从第 1 行开始）"]
    assert project.page("villages/feiyue/").h1.get_text() == "飞跃村"
    project.village("huahebian", village_yaml(name="花河边村"))
    previewed()
    assert project.page("villages/huahebian/").h1.get_text() == "花河边村"
    _same_as_a_full_build(project, tmp_path)


def test_an_article_is_told_at_once_when_a_village_it_names_breaks_or_goes(project, previewed):
    """The articles' own checks are kept between rebuilds; the villages they name are checked every time."""
    project.village("feiyue", "name: [飞跃村\n")
    told = project.build(command="serve", dirty=True, startup=False)
    assert any(w.startswith("docs/news/posts/chanye.md:") and "villages[1]" in w and "档案有错误" in w for w in told), told
    shutil.rmtree(project.root / "villages/feiyue")
    told = project.build(command="serve", dirty=True, startup=False)
    assert any(w.startswith("docs/news/posts/chanye.md:") and "未知的示范村“feiyue”" in w for w in told), told
    project.village("feiyue", village_yaml(name="飞跃村", category="specialty-industry", county="蕲春县"))
    previewed()
    assert "飞跃村" in project.page("news/2018/06/chanye/").select_one(".hg-related").get_text()
