"""Village, category, county, overview and home pages of a built site."""

from __future__ import annotations

from conftest import village_yaml

FEIYUE = village_yaml(
    name="飞跃村",
    category="specialty-industry",
    county="蕲春县",
    summary="老党员领办合作社，发展油茶和蕲艾。",
    township="漕河镇",
    leaders="  - name: 高锡文\n    role: 老党员",
    figures=(
        "  - label: 油茶基地\n    value: 800\n    unit: 亩\n"
        "  - label: 村集体收入\n    value: 10.2\n    unit: 万元\n    year: 2017"
    ),
    highlights="  - 村出列、户脱贫",
    story="|\n  第一段讲**合作社**。\n\n  ### 油茶\n\n  第二段讲油茶基地。",
    sources="  - title: 党建激活“新动能”\n    date: 2018-06",
    location="  lat: 30.2\n  lng: 115.4",
    tags="[油茶, 蕲艾]",
)


def _card_titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".hg-cards .hg-card__title a")]


def test_village_page_shows_name_facts_figures_and_story(project):
    project.village("feiyue", FEIYUE)
    assert project.build(strict=True) == []

    page = project.page("villages/feiyue/")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == "飞跃村"
    assert page.title.get_text() .startswith("飞跃村 - ")
    assert page.find("meta", attrs={"name": "description"})["content"] == "老党员领办合作社，发展油茶和蕲艾。"

    facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in article.select(".hg-facts dt")}
    assert facts["类别"].a.get_text() == "特色产业类"
    assert facts["类别"].a["href"] == "../../categories/specialty-industry/"
    assert facts["所在地"].get_text() == "蕲春县 · 漕河镇"
    assert facts["带头人"].get_text() == "高锡文（老党员）"
    assert facts["位置"].get_text() == "北纬 30.2000°，东经 115.4000°"
    assert [li.get_text() for li in facts["标签"].select("li")] == ["油茶", "蕲艾"]

    figures = [(f.select_one(".hg-figure__value").get_text(), f.select_one(".hg-figure__label").get_text())
               for f in article.select(".hg-figure")]
    assert figures == [("800亩", "油茶基地"), ("10.2万元", "村集体收入（2017 年）")]

    # Only the story is markdown: bold text and its own heading are rendered.
    assert article.find("strong", string="合作社") is not None
    assert article.find("h3", string="油茶") is not None
    assert "第二段讲油茶基地。" in article.get_text()
    assert "村出列、户脱贫" in article.select_one(".hg-highlights").get_text()
    assert "《党建激活“新动能”》，2018-06" in article.select_one(".hg-sources").get_text()
    # Chinese headings keep Chinese ids (not "_1").
    assert article.find("h2", string="数说成效")["id"] == "数说成效"


def test_category_page_lists_exactly_its_villages(project):
    project.village("feiyue", FEIYUE)
    project.village("damiaogang", village_yaml(name="大庙岗村", category="specialty-industry", county="麻城市"))
    project.village("huahebian", village_yaml(name="花河边村", category="rural-governance", county="罗田县"))
    assert project.build(strict=True) == []

    industry = project.page("categories/specialty-industry/")
    assert sorted(_card_titles(industry)) == ["大庙岗村", "飞跃村"]
    assert "本类共有 2 个示范村，分布在 2 个县（市、区）。" in industry.get_text()
    assert _card_titles(project.page("categories/rural-governance/")) == ["花河边村"]
    assert _card_titles(project.page("categories/red-culture/")) == []
    assert "本类暂无示范村" in project.page("categories/red-culture/").get_text()

    # A card leads to its village and shows its first figure.
    card = next(li for li in industry.select(".hg-cards li") if "飞跃村" in li.get_text())
    assert card.a["href"] == "../../villages/feiyue/"
    assert card.select_one(".hg-card__figure").get_text(" ", strip=True) == "800亩 油茶基地"


def test_overview_counties_and_home_pages(project):
    project.village("feiyue", FEIYUE)
    project.village("damiaogang", village_yaml(name="大庙岗村", category="specialty-industry", county="麻城市"))
    project.village("huahebian", village_yaml(name="花河边村", category="rural-governance", county="罗田县"))
    project.village("panjiawan", village_yaml(name="潘家湾村", category="folk-custom", county="罗田县"))
    project.write("docs/_data/campaign.yml", "figures:\n  - label: 五星级支部\n    value: 5350\n    unit: 个\n"
                  "featured: [panjiawan, feiyue]\n")
    assert project.build(strict=True) == []

    overview = project.page("villages/")
    assert _card_titles(overview) == ["红色文化类", "民俗风情类", "特色产业类", "生态宜居类", "乡村治理类"]
    counts = [p.get_text() for p in overview.select(".hg-cards .hg-card__meta")]
    assert counts == ["0 个示范村", "1 个示范村", "2 个示范村", "0 个示范村", "1 个示范村"]

    counties = project.page("counties/")
    assert _card_titles(counties) == sorted(["蕲春县", "麻城市", "罗田县"])
    luotian = project.page("counties/罗田县/")
    assert [h.get_text() for h in luotian.select("article h2")] == ["民俗风情类", "乡村治理类"]
    assert _card_titles(luotian) == ["潘家湾村", "花河边村"]

    home = project.page("")
    values = [v.get_text() for v in home.select(".hg-figure__value")]
    assert values == ["5350个"]  # from the data file, not the template
    assert home.select_one(".hg-figure__label").get_text() == "五星级支部"
    featured = home.find("h2", string="示范村风采").find_next("div", class_="hg-cards")
    assert _card_titles(featured) == ["潘家湾村", "飞跃村"]


def test_home_figures_follow_the_data_file(project):
    assert project.build(strict=True) == []
    home = project.page("")
    assert [v.get_text() for v in home.select(".hg-figure__value")] == ["4321个", "1.5万元"]
    assert home.find("h2", string="测试成效") is not None


def test_villages_stay_out_of_the_sidebar_and_categories_are_in_it(project):
    project.village("feiyue", FEIYUE)
    project.village("huahebian", village_yaml())
    assert project.build(strict=True) == []

    page = project.page("villages/huahebian/")
    sidebar = page.select_one(".md-sidebar--primary")
    links = [a["href"] for a in sidebar.select("a[href]")]
    assert not [href for href in links if "villages/feiyue" in href]
    assert "../../categories/specialty-industry/" in links
    # The village's category is shown as the active page in the navigation.
    active = sidebar.select("li.md-nav__item--active > a")
    assert any("乡村治理类" in a.get_text() for a in active)


def test_yaml_strings_are_html_escaped(project):
    project.village("xss", village_yaml(
        name='"<script>alert(1)</script>村"',
        summary="'简介 \"><img src=x onerror=alert(2)> 结束'",
        county="罗田县",
        highlights='  - "</title><script>alert(3)</script>"',
    ))
    assert project.build(strict=True) == []

    for url in ("villages/xss/", "categories/rural-governance/", "counties/罗田县/", "counties/", ""):
        page = project.page(url)
        assert not [s for s in page.find_all("script") if "alert" in s.get_text()], url
        assert page.find("img", onerror=True) is None, url
    page = project.page("villages/xss/")
    assert page.select_one("article h1").get_text() == "<script>alert(1)</script>村"
    assert page.title.get_text().startswith("<script>alert(1)</script>村")
    assert page.find("meta", attrs={"name": "description"})["content"] == '简介 "><img src=x onerror=alert(2)> 结束'
    assert "</title><script>alert(3)</script>" in page.select_one(".hg-highlights").get_text()


def test_pages_request_nothing_from_other_hosts(project):
    project.village("feiyue", FEIYUE)
    assert project.build(strict=True) == []
    for html in project.site.rglob("*.html"):
        soup = project.page(str(html.relative_to(project.site)))
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "srcset"), ("video", "src"), ("audio", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert "//" not in element[attr], f"{html}: <{tag} {attr}={element[attr]}>"
    for asset in list(project.site.rglob("*.css")):
        text = asset.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, asset


def test_long_listings_are_split_into_pages_with_a_pager(project):
    # 45 villages in one category: 40 cards on the category page, 5 on its second page.
    names = [f"测试{n:02d}村" for n in range(45)]
    for n, name in enumerate(names):
        county = "罗田县" if n % 2 else "英山县"
        project.village(f"v{n:02d}", village_yaml(name=name, category="folk-custom", county=county))
    assert project.build(strict=True) == []

    first = project.page("categories/folk-custom/")
    second = project.page("categories/folk-custom/page/2/")
    assert len(_card_titles(first)) == 40 and len(_card_titles(second)) == 5
    assert sorted(_card_titles(first) + _card_titles(second)) == names
    assert "本类共有 45 个示范村" in second.get_text()
    assert second.find("h1").get_text() == "民俗风情类（第 2 页）"

    pager = first.select_one("nav.hg-pager")
    assert pager["aria-label"] == "分页"
    assert pager.select_one(".hg-pager__status").get_text() == "第 1 页，共 2 页"
    assert pager.select_one('a[rel="next"]')["href"] == "page/2/"
    assert pager.select_one('a[aria-current="page"]').get_text() == "1"
    back = second.select_one('nav.hg-pager a[rel="prev"]')["href"]
    assert back == "../../"
    assert second.select_one('nav.hg-pager a[aria-current="page"]').get_text() == "2"
    # The second page's cards link to villages; the category stays active in the sidebar.
    assert second.select_one(".hg-card__title a")["href"].startswith("../../../../villages/")
    active = second.select("nav.md-nav--primary li.md-nav__item--active > a")
    assert "民俗风情类" in [a.get_text(strip=True) for a in active]

    # A county with 23 villages fits one page: no pager.
    yingshan = project.page("counties/英山县/")
    assert len(_card_titles(yingshan)) == 23 and yingshan.select_one("nav.hg-pager") is None


def test_county_pages_keep_category_sections_across_pages(project, monkeypatch):
    import publisher.views.plan

    monkeypatch.setattr(publisher.views.plan, "CARDS_PER_PAGE", 3)
    for n, category in enumerate(["red-culture", "folk-custom", "folk-custom", "eco-livable"]):
        project.village(f"v{n}", village_yaml(name=f"村{n}", category=category, county="罗田县"))
    assert project.build(strict=True) == []

    first, second = project.page("counties/罗田县/"), project.page("counties/罗田县/page/2/")
    assert [h.get_text() for h in first.select("article h2")] == ["红色文化类", "民俗风情类"]
    assert _card_titles(first) == ["村0", "村1", "村2"]
    assert [h.get_text() for h in second.select("article h2")] == ["生态宜居类"]
    assert _card_titles(second) == ["村3"]
    active = second.select("nav.md-nav--primary li.md-nav__item--active > a")
    assert "按县浏览" in [a.get_text(strip=True) for a in active]
