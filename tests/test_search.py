"""The search index: tokens, what is indexed, and Chinese queries in a real browser."""

from __future__ import annotations

import json

import pytest
from conftest import village_yaml
from publisher.search.tokens import fold, index_tokens, query_parts, query_tokens, shard_of

# -- tokens -------------------------------------------------------------------

def test_han_text_becomes_characters_and_overlapping_pairs():
    assert index_tokens("村集体经济") == {"村", "集", "体", "经", "济", "村集", "集体", "体经", "经济"}
    assert {"1.2", "亿", "1.2亿", "亿元"} <= index_tokens("投资1.2亿元")
    assert "pagefind" in index_tokens("用 Pagefind 搜索")


@pytest.mark.parametrize("query, parts, tokens", [
    ("脱贫", ["脱贫"], [["脱贫"]]),
    ("茶", ["茶"], [["茶"]]),
    ("村集体经济", ["村集体经济"], [["村集", "集体", "体经", "经济"]]),
    ("１.２亿", ["1.2亿"], [["1.2亿"]]),  # fullwidth digits fold to ASCII
    ("罗田县 大崎镇", ["罗田县", "大崎镇"], [["罗田", "田县"], ["大崎", "崎镇"]]),
])
def test_queries_are_cut_like_the_text(query, parts, tokens):
    assert query_parts(query) == parts
    assert [query_tokens(p) for p in parts] == tokens
    text = "某某" + "，".join(parts) + "等等"
    assert all(set(query_tokens(p)) <= index_tokens(text) for p in parts)


def test_folding_keeps_positions():
    assert fold("ＡＢ１２　党建") == "ab12 党建"
    assert len(fold("ＡＢ１２　党建")) == len("ＡＢ１２　党建")


# -- the index of a built site -------------------------------------------------

def _index(project):
    folder = project.site / "assets/search"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    docs = [json.loads((folder / f"d/{i}.{meta['docs'][i][3]}.json").read_text(encoding="utf-8")) for i in range(len(meta["docs"]))]
    return meta, docs


def test_index_holds_published_villages_and_articles_only(project):
    project.village("feiyue", village_yaml(name="飞跃村", category="specialty-industry", county="蕲春县",
                                           story="|\n  油茶基地八百亩。"))
    project.village("huahebian", village_yaml(name="花河边村"))
    project.article("youcha", "title: 飞跃村的油茶\ndate: 2018-06-20\nvillages: [feiyue]\ncategories: [经验交流]\ntags: [油茶产业]")
    project.article("caogao", "title: 草稿不可搜索\ndate: 2018-07-01\ndraft: true")
    project.write("docs/about.md", "---\nsearch:\n  exclude: true\n---\n\n# 关于本站\n\n不进索引的页面。\n")
    assert project.build(strict=True) == []

    meta, docs = _index(project)
    assert [d["u"] for d in docs] == ["villages/feiyue/", "villages/huahebian/", "news/2018/06/youcha/"]
    assert [d["k"] for d in docs] == ["示范村", "示范村", "新闻"]
    assert "草稿不可搜索" not in json.dumps(docs, ensure_ascii=False)
    assert "不进索引" not in json.dumps(docs, ensure_ascii=False)
    article = docs[2]
    assert article["c"] == "经验交流" and article["d"] == "2018-06-20"
    assert "油茶产业" in article["x"]  # its tags are shown on the page, so they are searchable
    assert "花河边村" not in docs[0]["x"] and "飞跃村的油茶" not in docs[0]["x"]  # related lists are not its text
    # Filters: an article takes the categories and counties of its villages.
    assert meta["categories"][:1] == ["特色产业类"]
    kind, categories, counties, _ = meta["docs"][2]
    assert meta["kinds"][kind] == "新闻"
    assert {meta["categories"][c] for c in categories} == {"经验交流", "特色产业类"}
    assert [meta["counties"][c] for c in counties] == ["蕲春县"]
    # Every token of a page is in the shard its hash names.
    token = "油茶"
    shard = json.loads((project.site / "assets/search/s" / f"{shard_of(token, meta['shards'])}.{meta['shard_names'][shard_of(token, meta['shards'])]}.json").read_text(encoding="utf-8"))
    assert shard[token][0] == [0, 2]  # delta-encoded ids 0 and 2


# -- in a real browser ----------------------------------------------------------

QUERIES = {
    "脱贫": ["villages/feiyue/"],  # inside 户脱贫, 脱贫攻坚
    "油茶": ["villages/feiyue/", "news/2018/06/tese-chanye/"],
    "党建": ["news/2018/06/zongshu/", "news/2017/08/ducha/"],  # inside 基层党建
    "乡村振兴": ["news/2018/06/zongshu/"],
    "村集体经济": ["villages/panjiawan/"],
    "沈正东": ["villages/wuxianmiao/"],
    "高锡文": ["villages/feiyue/", "news/2018/06/tese-chanye/"],
    "罗田县": ["villages/huahebian/", "villages/mianshuifan/", "villages/panjiawan/"],
    "大崎镇": ["villages/huahebian/"],
    "五星级支部": ["news/2018/06/zongshu/"],
    "1.2亿": ["villages/mianshuifan/"],
    "油茶基地": ["villages/feiyue/"],
    "马兰花开": ["news/2018/06/malan-huakai/", "villages/daqiao/"],
    "蕲艾": ["villages/feiyue/"],
    "红旗党支部": ["news/2017/09/hongqi-zhibu/"],
    "茶": ["villages/zhoujiafan/", "villages/feiyue/"],
}


def _results(page):
    page.wait_for_function("document.querySelector('.hg-search__status').textContent.includes('个结果') || "
                           "document.querySelector('.hg-search__status').textContent.includes('没有找到')")
    while page.locator(".hg-search__more").is_visible():
        count = page.locator(".hg-result").count()
        page.click(".hg-search__more")
        page.wait_for_function(f"document.querySelectorAll('.hg-result').length > {count}")
    return [href.split("/", 3)[3] for href in page.eval_on_selector_all(".hg-result__title", "els => els.map(e => e.href)")]


def test_chinese_queries_typed_into_the_search_box_find_the_pages(site_url, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(site_url + "search/")
    box = page.get_by_label("搜索示范村和新闻")
    for query, expected in QUERIES.items():
        box.fill("")
        box.press_sequentially(query, delay=20)
        page.wait_for_function(f"new URLSearchParams(location.search).get('q') === {json.dumps(query)}")
        found = _results(page)
        assert set(expected) <= set(found), (query, found)
        assert page.locator(".hg-result mark").first.is_visible(), query
    # Each result says what it is.
    first = page.locator(".hg-result").first
    assert first.locator(".hg-result__kind").inner_text() in ("示范村", "新闻")
    # JavaScript cuts queries exactly like the Python indexer.
    for text in ("村集体经济", "１.２亿元", "Pagefind 搜索", "罗田县 大崎镇"):
        js = page.evaluate("t => window.hgSearch.queryParts(t).map(p => window.hgSearch.queryTokens(p))", text)
        assert js == [query_tokens(p) for p in query_parts(text)], text
    assert hosts == {site_url.split("/")[2]}
    page.close()


def test_filters_narrow_the_results(site_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "search/?q=茶")
    everything = set(_results(page))
    assert {"villages/feiyue/", "villages/zhoujiafan/"} <= everything

    page.get_by_label("县（市、区）", exact=True).select_option("英山县")
    page.wait_for_function("location.search.includes('county=')")
    in_yingshan = set(_results(page))
    assert "villages/zhoujiafan/" in in_yingshan and "villages/feiyue/" not in in_yingshan
    assert in_yingshan < everything

    page.get_by_label("县（市、区）", exact=True).select_option("")
    page.get_by_label("类别", exact=True).select_option("特色产业类")
    page.wait_for_function("location.search.includes('category=')")
    industry = set(_results(page))
    assert "villages/feiyue/" in industry and "villages/zhoujiafan/" not in industry

    page.get_by_label("类别", exact=True).select_option("")
    page.get_by_label("类型", exact=True).select_option("示范村")
    page.wait_for_function("location.search.includes('type=')")
    assert all(url.startswith("villages/") for url in _results(page))
    page.close()


def test_the_header_box_searches_from_any_page(site_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "villages/feiyue/")
    page.get_by_role("searchbox", name="搜索").fill("高锡文")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert "villages/feiyue/" in _results(page)
    page.close()
