"""Reading without a network: the service worker, in Chromium, on a site served over HTTP.

Visit pages, go offline, read them again (the saved copy, saying so), open a
page never seen (the offline page, listing the saved ones), search what is
saved; publish a new build and see the new content and only the new caches.
"""

from __future__ import annotations

import re

import pytest
from conftest import village_yaml
from testkit.browser import PHONE, serving


@pytest.fixture
def site(project):
    project.village("huahebian", village_yaml(name="花河边村", summary="依托绿时光合作社建起产业党小组。"))
    project.village("feiyue", village_yaml(name="飞跃村", county="蕲春县", summary="油茶基地带动村民增收。"))
    project.village("panjiawan", village_yaml(name="潘家湾村", category="folk-custom", summary="古民居保护。"))
    project.article("chanye", "title: 油茶产业调查\ndate: 2018-06-20\nvillages: [feiyue]",
                    body="飞跃村的油茶林今年迎来丰收。\n\n合作社收购鲜果。\n")
    assert project.build(strict=True) == []
    assert (project.site / "sw.js").is_file()
    return project


def _controlled(page):
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)


def _saved_count(page) -> int:
    return page.evaluate("""async () => {
      const names = (await caches.keys()).filter(n => n.startsWith('hg-pages-'));
      return names.length ? (await (await caches.open(names[0])).keys()).length : 0; }""")


def test_pages_read_before_stay_readable_offline_and_search_finds_them(site, browser):
    with serving(site.site) as url:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        visited = {"": "黄冈", "villages/huahebian/": "花河边村", "news/2018/06/chanye/": "油茶产业调查"}
        for path in visited:
            page.goto(url + path, wait_until="load")
            _controlled(page)
        page.wait_for_function("""async () => {
          const names = (await caches.keys()).filter(n => n.startsWith('hg-pages-'));
          return names.length && (await (await caches.open(names[0])).keys()).length >= 3; }""", timeout=15000)

        context.set_offline(True)
        for path, title in visited.items():
            page.goto(url + path, wait_until="load")
            notice = page.locator(".hg-offline-notice")
            assert notice.count() == 1, path
            assert re.match(r"离线阅读：这是您上次打开时保存的版本（\d{4}年\d+月\d+日 \d\d:\d\d保存）", notice.text_content())
            assert title in page.title()

        page.goto(url + "villages/panjiawan/", wait_until="load")  # never opened
        assert page.locator("h1").text_content().strip() == "暂时没有网络"
        page.wait_for_selector("[data-hg-saved-pages] li")
        listed = page.locator("[data-hg-saved-pages] a").all_text_contents()
        assert len(listed) == 3 and any("花河边村" in t for t in listed) and any("油茶产业调查" in t for t in listed)
        # Styled: Material's stylesheet came from the saved shell (without it the header is not sticky).
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.evaluate("document.styleSheets.length") >= 2

        page.goto(url + "search/?q=绿时光", wait_until="load")
        page.wait_for_function("document.querySelector('.hg-search__status').textContent.includes('结果可能不完整')")
        results = page.locator(".hg-search__results a").all_text_contents()
        assert any("花河边村" in r for r in results), results
        context.close()


def test_a_new_build_takes_over_with_new_content_and_the_old_caches_go(site, browser):
    with serving(site.site) as url:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(url + "villages/huahebian/", wait_until="load")
        _controlled(page)
        old = page.evaluate("caches.keys()")
        assert old and all(re.search(r"-[0-9a-f]{12}$", name) for name in old)

        site.village("huahebian", village_yaml(name="花河边村", summary="新一届班子带领村民发展茶叶。"))
        assert site.build(strict=True) == []
        page.goto(url + "villages/huahebian/", wait_until="load")
        assert "新一届班子带领村民发展茶叶" in page.locator(".hg-lead").text_content()  # network first
        # The new worker installs in the background, and takes over when this page is left.
        page.wait_for_function("navigator.serviceWorker.getRegistration().then(r => !!(r && (r.waiting || r.installing)))",
                               timeout=15000)
        page.wait_for_function("navigator.serviceWorker.getRegistration().then(r => !!(r && r.waiting))", timeout=15000)
        page.goto(url + "villages/feiyue/", wait_until="load")
        page.wait_for_function(f"caches.keys().then(k => k.length > 0 && k.every(n => !{old!r}.includes(n)))", timeout=15000)
        assert "新一届班子带领村民发展茶叶" not in page.content()
        context.close()


def test_the_preview_registers_no_worker_and_removes_one(project, browser):
    project.village("huahebian", village_yaml())
    project.build(command="serve")
    assert not (project.site / "sw.js").exists()
    with serving(project.site) as url:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(url + "villages/huahebian/", wait_until="load")
        page.wait_for_timeout(500)
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
        assert page.locator("script[data-preview]").count() == 1
        context.close()


def test_the_worker_is_one_version_per_build_and_lists_the_shell(site):
    worker = (site.site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'var VERSION = "([0-9a-f]{12})"', worker).group(1)
    shell = re.search(r"var SHELL = (\[.*?\]);", worker).group(1)
    for needed in ('"offline/"', '"search/"', '"assets/search/meta.json"', '"stylesheets/extra.css"', "bundle."):
        assert needed in shell
    assert "lunr" not in shell
    assert site.build(strict=True) == [] and version in (site.site / "sw.js").read_text(encoding="utf-8")  # same build
    site.village("feiyue", village_yaml(name="飞跃村", county="蕲春县", summary="改过的简介。"))
    assert site.build(strict=True) == []
    assert version not in (site.site / "sw.js").read_text(encoding="utf-8")
