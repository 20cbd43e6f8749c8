"""News articles in built sites: lists, archive, categories, links both ways, drafts, feeds, previews."""

from __future__ import annotations

import json

import feedparser
import pytest
from conftest import village_yaml
from mkdocs.exceptions import Abort
from samples.synthetic_photos import camera_jpeg, landscape


def _articles(project):
    project.village("feiyue", village_yaml(name="飞跃村", category="specialty-industry", county="蕲春县"))
    project.village("huahebian", village_yaml(name="花河边村"))
    project.article("ducha", """
title: 督查查出问题 21532 条
date: 2017-08-31
categories: [工作动态]
authors: [bianjibu]
tags: [督查]
""")
    project.article("chanye", """
title: 飞跃村的油茶
date: 2018-06-20
categories: [经验交流]
authors: [zuzhibu]
villages: [feiyue]
description: 老党员领办合作社。
""", body="飞跃村的油茶基地有 800 亩。" * 100 + "\n\n第二段。\n")
    project.article("zongshu", """
title: 综述：两个村的变化
date: 2018-06-28 09:00:00
categories: [媒体报道]
authors: [zuzhibu, bianjibu]
villages: [huahebian, feiyue]
""")
    project.article("caogao", """
title: 还没写完的稿子
date: 2018-07-01
categories: [工作动态]
authors: [bianjibu]
villages: [feiyue]
draft: true
""")


def _titles(soup):
    return [a.get_text(strip=True) for a in soup.select("article.md-post h2 a")]


def test_news_index_archive_and_categories_list_the_right_articles(project):
    _articles(project)
    assert project.build(strict=True) == []

    assert _titles(project.page("news/")) == ["综述：两个村的变化", "飞跃村的油茶", "督查查出问题 21532 条"]
    assert _titles(project.page("news/archive/2018/06/")) == ["综述：两个村的变化", "飞跃村的油茶"]
    assert _titles(project.page("news/archive/2017/08/")) == ["督查查出问题 21532 条"]
    assert _titles(project.page("news/category/经验交流/")) == ["飞跃村的油茶"]
    assert _titles(project.page("news/category/工作动态/")) == ["督查查出问题 21532 条"]

    post = project.page("news/2018/06/chanye/")
    assert post.select_one("article h1").get_text() == "飞跃村的油茶"
    assert "需要 3 分钟阅读时间" in post.get_text()  # 1100 Han characters at 400 a minute
    assert "黄冈市委组织部" in post.get_text()  # the author's name, from .authors.yml
    assert post.find("meta", attrs={"name": "description"})["content"] == "老党员领办合作社。"

    home = project.page("")
    latest = home.find("h2", string="最新动态").find_next("ul")
    assert [a.get_text() for a in latest.select("a")] == ["综述：两个村的变化", "飞跃村的油茶", "督查查出问题 21532 条"]
    assert latest.a["href"] == "news/2018/06/zongshu/"


def test_list_excerpts_stop_at_the_separator_and_keep_reference_links(project):
    # The excerpt is converted from the text before the separator only
    # (scripts/publisher/engine/blog_speedups.py): what the lists show must not change.
    project.article("yinyong", """
title: 引用式链接
date: 2018-05-02
categories: [经验交流]
authors: [bianjibu]
""", body="第一段提到[沈正东][shen]和**合作社**。\n\n<!-- more -->\n\n第二段。\n\n[shen]: https://example.org/shen\n")
    project.article("duanxun", """
title: 只有一段的短讯
date: 2018-05-01
categories: [工作动态]
authors: [bianjibu]
""", body="短讯只有一段。\n")
    assert project.build(strict=True) == []

    for url in ("news/", "news/archive/2018/05/", "news/category/经验交流/"):
        posts = {a.select_one("h2").get_text(strip=True): a for a in project.page(url).select("article.md-post")}
        excerpt = posts["引用式链接"]
        link = excerpt.select_one(".md-post__content a[href='https://example.org/shen']")
        assert link is not None and link.get_text() == "沈正东"
        assert excerpt.select_one("strong").get_text() == "合作社"
        assert "第二段" not in excerpt.get_text()
        assert excerpt.select_one(".md-post__action a") is not None  # 继续阅读: the article goes on
    short = {a.select_one("h2").get_text(strip=True): a for a in project.page("news/").select("article.md-post")}
    assert short["只有一段的短讯"].select_one(".md-post__action") is None
    assert "短讯只有一段。" in short["只有一段的短讯"].get_text()


def test_articles_and_villages_link_both_ways(project):
    _articles(project)
    assert project.build(strict=True) == []

    cards = project.page("news/2018/06/zongshu/").find("h2", string="相关示范村").find_next("div")
    assert [a.get_text() for a in cards.select(".hg-card__title a")] == ["花河边村", "飞跃村"]
    assert cards.select_one(".hg-card__title a")["href"] == "../../../../villages/huahebian/"

    related = project.page("villages/feiyue/").find("h2", string="相关新闻").find_next("ul")
    links = related.select("a")
    assert [a.get_text() for a in links] == ["综述：两个村的变化", "飞跃村的油茶"]  # newest first, no draft
    assert [a["href"] for a in links] == ["../../news/2018/06/zongshu/", "../../news/2018/06/chanye/"]
    assert "2018-06-28" in related.li.get_text()


def test_drafts_are_absent_from_build_feed_sitemap_and_search(project):
    _articles(project)
    assert project.build(strict=True) == []

    everything = "".join(p.read_text(encoding="utf-8") for p in project.site.rglob("*") if p.suffix in (".html", ".xml", ".json"))
    assert "还没写完的稿子" not in everything
    assert "caogao" not in everything
    assert not (project.site / "news/2018/07").exists()

    project.build(command="serve")  # `mkdocs serve` shows drafts to their editors
    assert (project.site / "news/2018/07/caogao/index.html").is_file()
    assert "还没写完的稿子" in project.page("villages/feiyue/").get_text()


def test_feeds_are_valid_with_absolute_links_and_beijing_time(project):
    _articles(project)
    assert project.build(strict=True) == []

    feed = feedparser.parse((project.site / "feed_rss_created.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert [e.title for e in feed.entries] == ["综述：两个村的变化", "飞跃村的油茶", "督查查出问题 21532 条"]
    for entry in feed.entries:
        assert entry.link.startswith("https://example.org/news/")
        assert entry.published.endswith("+0800")
        assert entry.summary
    assert feed.entries[0].published.startswith("Thu, 28 Jun 2018 09:00:00")

    json_feed = json.loads((project.site / "feed_json_created.json").read_text(encoding="utf-8"))
    assert json_feed["items"][0]["url"] == "https://example.org/news/2018/06/zongshu/"

    sitemap = (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/news/2018/06/chanye/</loc>" in sitemap
    assert "<loc>https://example.org/villages/feiyue/</loc>" in sitemap

    # The feed is announced on every page, from the site itself.
    link = project.page("").find("link", type="application/rss+xml")
    assert link["href"] == "feed_rss_created.xml"


def test_share_previews_have_absolute_urls_and_cover_images(project):
    _articles(project)
    project.write("villages/feiyue/photos/1.jpg", camera_jpeg(landscape(1600, 1200, seed=1)))
    project.village("feiyue", village_yaml(
        name="飞跃村", category="specialty-industry", county="蕲春县",
        photos="  - file: 1.jpg\n    caption: 油茶基地\n    alt: 一行行茶树",
    ))
    assert project.build(strict=True) == []

    def og(url):
        page = project.page(url)
        return {m["property"]: m["content"] for m in page.find_all("meta", property=True)}

    village = og("villages/feiyue/")
    assert village["og:title"] == "飞跃村" and village["og:url"] == "https://example.org/villages/feiyue/"
    assert village["og:image"].startswith("https://example.org/assets/photos/") and village["og:image"].endswith(".jpg")
    assert (project.site / village["og:image"].removeprefix("https://example.org/")).is_file()

    article = og("news/2018/06/chanye/")
    assert article["og:type"] == "article" and article["og:description"] == "老党员领办合作社。"
    assert article["og:image"] == village["og:image"]  # no cover of its own: its village's
    assert article["article:published_time"] == "2018-06-20T00:00:00+08:00"

    category = og("categories/specialty-industry/")
    assert category["og:image"] == village["og:image"] and category["og:description"]
    assert og("news/2017/08/ducha/").get("og:image") is None


def test_article_cover_image_goes_through_the_pipeline(project):
    _articles(project)
    project.write("docs/news/posts/cover.jpg", camera_jpeg(landscape(1600, 1200, seed=2)))
    project.article("youtu", """
title: 有封面的文章
date: 2018-06-29
categories: [工作动态]
cover:
  file: cover.jpg
  alt: 封面画面
  caption: 封面说明（示意图）
""")
    assert project.build(strict=True) == []

    post = project.page("news/2018/06/youtu/")
    figure = post.select_one("article figure.hg-figure-photo")
    assert figure.img["alt"] == "封面画面" and figure.figcaption.get_text() == "封面说明（示意图）"
    excerpt = project.page("news/").select_one("article.md-post picture")
    assert excerpt is not None and excerpt.source["type"] == "image/webp"
    image = {m["property"]: m["content"] for m in post.find_all("meta", property=True)}["og:image"]
    assert image.endswith("-960.jpg")
    assert not list(project.site.rglob("cover.jpg"))


BAD = {
    "no-date": ("title: 没有日期\ncategories: [工作动态]", "docs/news/posts/no-date.md:2: date: 缺少必填字段"),
    "bad-date": ("title: 日期不对\ndate: 2018年6月\n", "docs/news/posts/bad-date.md:3: date: 日期应写成 2018-06-28"),
    "no-such-day": ("title: 没有这一天\ndate: 2018-02-30\n", "docs/news/posts/no-such-day.md:3: date: “2018-02-30”不是有效的日期"),
    "category": (
        "title: 类别写错\ndate: 2018-06-01\ncategories:\n  - 工作动太",
        "docs/news/posts/category.md:5: categories[1]: 未知的新闻类别“工作动太”，是否想写 工作动态？",
    ),
    "author": (
        "title: 作者写错\ndate: 2018-06-01\nauthors: [zuzhibu, nobody]",
        "docs/news/posts/author.md:4: authors[2]: 未知的作者“nobody”",
    ),
    "unknown-key": ("title: 多了字段\ndate: 2018-06-01\nvilages: [feiyue]", "docs/news/posts/unknown-key.md:4: vilages: 未知字段"),
    "syntax": ("title: 语法: 错误: 了\ndate: 2018-06-01", "docs/news/posts/syntax.md:2: YAML 格式错误"),
}


def test_every_front_matter_mistake_is_reported_and_the_article_left_out(project):
    _articles(project)
    for name, (front, _) in BAD.items():
        project.article(name, front)
    project.write("docs/news/posts/no-front-matter.md", "# 只有正文\n\n没有元数据。\n")
    warnings = project.build()

    for name, (_, expected) in BAD.items():
        assert [w for w in warnings if w.startswith(expected)], (name, expected, warnings)
    assert any(w.startswith("docs/news/posts/no-front-matter.md:1: 文章开头缺少元数据") for w in warnings)
    assert len(warnings) == len(BAD) + 1, warnings
    # The good articles are still published, the bad ones are not.
    assert _titles(project.page("news/")) == ["综述：两个村的变化", "飞跃村的油茶", "督查查出问题 21532 条"]
    assert not list((project.site / "news").rglob("no-date"))

    with pytest.raises(Abort):
        project.build(strict=True)
