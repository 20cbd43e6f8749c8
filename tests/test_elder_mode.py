"""长辈模式 and 读给我听, in Chromium at phone and desktop widths, on the built sample site."""

from __future__ import annotations

import pytest
from conftest import REPO
from testkit.browser import PHONE, SAMPLE_PAGES

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# Controls outside running text that must be 60 x 60 px in 长辈模式.
CONTROLS = (".md-header__button, .hg-reading__toggle, .hg-reading-bar button, .md-tabs__link, .md-nav__link, "
            ".hg-card__title a, .hg-pager a, .md-footer__link, .md-post__action a, .hg-read-aloud button, "
            ".hg-search select, .hg-search button, .md-tag")


def _page(browser, url, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


def _text_style(page) -> dict:
    return page.evaluate("""() => {
      const p = document.querySelector('.md-content article > p:not(.hg-lead)');  // running text
      const style = getComputedStyle(p);
      return {size: parseFloat(style.fontSize), height: parseFloat(style.lineHeight) / parseFloat(style.fontSize)};
    }""")


def _small_controls(page) -> list[str]:
    return page.evaluate(f"""() => [...document.querySelectorAll({CONTROLS!r})]
      .filter(e => {{ const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('p, td, .hg-lead'); }})
      .filter(e => {{ const r = e.getBoundingClientRect(); return r.width < 59.5 || r.height < 59.5; }})
      .map(e => e.className + ' ' + e.textContent.trim().slice(0, 12) + ' ' +
           Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height))""")


def _turn_on(page, size: str | None = None):
    switch = page.get_by_role("button", name="长辈模式")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    if size:
        page.get_by_role("button", name=size, exact=True).click()
        assert page.get_by_role("button", name=size, exact=True).get_attribute("aria-pressed") == "true"


def _axe(page, impacts=("serious", "critical")) -> list:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
            if v["impact"] in impacts or v["id"].startswith("landmark")]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_elder_mode_makes_text_large_and_controls_big(browser, site_url, viewport):
    page = _page(browser, site_url + "villages/huahebian/", **viewport)
    before = _text_style(page)
    assert before["size"] < 20
    assert page.locator(".hg-reading-bar").is_hidden()  # the size choice belongs to 长辈模式
    _turn_on(page)
    after = _text_style(page)
    assert after["size"] >= 20 and after["height"] >= 1.5, after
    assert _small_controls(page) == []
    assert page.locator(".md-sidebar--secondary").is_hidden()  # one column
    if viewport is DESKTOP:
        assert page.locator(".md-sidebar--primary").is_hidden()
    # No animation anywhere.
    assert page.evaluate("""() => [...document.querySelectorAll('*')].every(e => {
      const s = getComputedStyle(e); return s.animationName === 'none' && parseFloat(s.transitionDuration) === 0; })""")
    page.get_by_role("button", name="特大", exact=True).click()
    assert _text_style(page)["size"] > after["size"] * 1.3
    page.context.close()


def test_the_choice_is_kept_across_pages_and_visits_and_set_before_the_first_paint(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    _turn_on(page, "大")
    large = _text_style(page)["size"]
    # Recorded the moment the body starts: the attributes are already there.
    page.add_init_script("""document.addEventListener('readystatechange', () => {
      if (!window.__first) window.__first = {elder: document.documentElement.hasAttribute('data-hg-elder'),
                                             size: document.documentElement.getAttribute('data-hg-size')}; });""")
    page.goto(site_url + "villages/huahebian/", wait_until="load")
    assert page.evaluate("window.__first") == {"elder": True, "size": "large"}
    assert page.get_by_role("button", name="长辈模式").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="大", exact=True).get_attribute("aria-pressed") == "true"
    page.reload(wait_until="load")
    assert _text_style(page)["size"] == pytest.approx(large, rel=0.01)
    second = context.new_page()  # a later visit, another tab
    second.goto(site_url + "news/", wait_until="load")
    assert second.evaluate("document.documentElement.getAttribute('data-hg-size')") == "large"
    second.get_by_role("button", name="长辈模式").click()  # off again: standard everywhere
    second.reload(wait_until="load")
    assert not second.evaluate("document.documentElement.hasAttribute('data-hg-elder')")
    context.close()


@pytest.mark.parametrize("name", SAMPLE_PAGES)
def test_at_the_largest_size_on_a_phone_nothing_scrolls_sideways_or_is_cut_off(browser, site_url, name):
    context = browser.new_context(**PHONE)
    context.add_init_script("localStorage.setItem('hg-reading', JSON.stringify({elder: true, size: 'xlarge'}))")
    page = context.new_page()
    page.goto(site_url + SAMPLE_PAGES[name], wait_until="load")
    assert page.evaluate("document.documentElement.hasAttribute('data-hg-elder')")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), name
    cut = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
      const s = getComputedStyle(e), r = e.getBoundingClientRect();
      return r.width > 0 && s.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1;
    }).map(e => e.textContent.trim().slice(0, 20))""")
    assert cut == [], name
    assert _axe(page) == [], name
    # 7:1 for text (WCAG's enhanced contrast, AAA).
    page.add_script_tag(path=str(AXE))
    enhanced = page.evaluate("axe.run(document, {runOnly: ['color-contrast-enhanced']})")
    assert [[n["target"], n["any"][0]["message"][:80]] for v in enhanced["violations"] for n in v["nodes"]][:5] == [], name
    if name != "not found":
        assert _small_controls(page) == [], name
    context.close()


@pytest.mark.parametrize("name", ["home", "village", "article", "news", "search results"])
def test_axe_in_standard_mode_on_desktop(browser, site_url, name):
    page = _page(browser, site_url + SAMPLE_PAGES[name], **DESKTOP)
    if name == "search results":
        page.wait_for_selector(".hg-search__results li")
    assert _axe(page) == []
    page.context.close()


SPY = """
window.__spoken = [];
window.__calls = [];
const fake = {lang: 'zh-CN', name: '测试语音', voiceURI: 'test', default: true, localService: true};
speechSynthesis.getVoices = () => [fake];
speechSynthesis.speak = (u) => { window.__spoken.push(u.text); window.__last = u; };
speechSynthesis.pause = () => window.__calls.push('pause');
speechSynthesis.resume = () => window.__calls.push('resume');
speechSynthesis.cancel = () => window.__calls.push('cancel');
"""


@pytest.mark.parametrize("path, first, included, excluded", [
    ("villages/huahebian/", "花河边村", ["两年前还是全镇有名的软弱涣散村", "傍晚六点前后"], ["本站绘制", "示意图：", "相关新闻"]),
    ("news/2018/06/huahebian/", "花河边村：从软弱涣散村到产业党小组带富", ["每天傍晚六点前后"], ["本站绘制", "相关示范村"]),
])
def test_read_aloud_speaks_the_main_text_in_chinese_with_pause_resume_and_stop(browser, site_url, path, first,
                                                                               included, excluded):
    context = browser.new_context(**PHONE)
    context.add_init_script(SPY)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    read = page.get_by_role("button", name="读给我听")
    read.click()
    page.wait_for_function("window.__spoken.length > 0")
    assert page.evaluate("window.__spoken[0]") == first
    assert page.evaluate("window.__last.lang") == "zh-CN"
    assert page.locator(".hg-reading-now").count() == 1  # the paragraph being read is shown
    # Read on: each utterance's end starts the next.
    for _ in range(60):
        if page.evaluate("window.__spoken.join('')").count(included[-1]):
            break
        page.evaluate("window.__last.onend && window.__last.onend()")
    spoken = page.evaluate("window.__spoken.join('')")
    assert all(text in spoken for text in included), spoken[:300]
    assert not any(text in spoken for text in excluded), spoken[:300]
    page.get_by_role("button", name="暂停").click()
    page.get_by_role("button", name="继续").click()
    page.get_by_role("button", name="停止").click()
    assert page.evaluate("window.__calls").count("pause") == 1 and "resume" in page.evaluate("window.__calls")
    assert page.evaluate("window.__calls")[-1] == "cancel"
    assert page.locator(".hg-reading-now").count() == 0
    assert page.get_by_role("button", name="读给我听").is_visible()
    context.close()


def test_read_aloud_says_when_there_is_no_chinese_voice(browser, site_url):
    context = browser.new_context(**PHONE)
    context.add_init_script("speechSynthesis.getVoices = () => [{lang: 'en-US', name: 'English'}];"
                            "window.__spoken = []; speechSynthesis.speak = (u) => window.__spoken.push(u.text);")
    page = context.new_page()
    page.goto(site_url + "villages/huahebian/", wait_until="load")
    page.get_by_role("button", name="读给我听").click()
    status = page.get_by_role("status")
    status.wait_for()
    page.wait_for_function("document.querySelector('.hg-read-aloud__status').textContent.length > 0")
    assert "没有中文语音" in status.text_content()
    assert page.evaluate("window.__spoken") == []
    context.close()


def test_without_javascript_the_pages_are_unchanged(browser, site_url):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + "villages/huahebian/", wait_until="load")
    assert page.get_by_role("button", name="读给我听").count() == 0
    assert page.locator(".hg-reading").is_hidden() and page.locator(".hg-reading-bar").is_hidden()
    assert page.locator("h1").text_content().strip() == "花河边村"
    context.close()


def test_only_village_and_article_pages_offer_read_aloud(browser, site_url):
    for path, offered in (("", False), ("news/", False), ("categories/rural-governance/", False),
                          ("villages/huahebian/", True), ("news/2018/06/huahebian/", True)):
        page = _page(browser, site_url + path, **PHONE)
        assert (page.get_by_role("button", name="读给我听").count() == 1) is offered, path
        page.context.close()


def test_every_page_applies_the_choice_in_its_head_before_any_stylesheet_is_painted(sample_site):
    """The inline script that sets 长辈模式 is in <head> of every built page, before <body>."""
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        script = html.find('localStorage.getItem("hg-reading")')
        assert 0 < script < html.find("</head>") < html.find("<body"), path.relative_to(sample_site)
