/* Reading without a network (the worker is sw.js, written by the build):
   registers the worker at the site's root, lets a new build's worker take over
   as the reader leaves a page, says when a page is the saved copy, and lists the
   saved pages on the offline page. Under `mkdocs serve` it removes any worker. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL(script.getAttribute("data-root"), location.href).href;
  if (!("serviceWorker" in navigator)) return;
  if (script.hasAttribute("data-preview")) {  // the preview must always show the newest edit
    navigator.serviceWorker.getRegistrations().then(function (all) { all.forEach(function (r) { r.unregister(); }); });
    return;
  }

  navigator.serviceWorker.register(root + "sw.js", { scope: root }).then(function (registration) {
    function takeOverLater(worker) {
      window.addEventListener("pagehide", function () { worker.postMessage("take-over"); }, { once: true });
    }
    if (registration.waiting) takeOverLater(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) takeOverLater(worker);
      });
    });
  }).catch(function () { /* no worker: the site works as before */ });

  function when(iso) {
    var date = new Date(iso);
    if (isNaN(date)) return "";
    return date.getFullYear() + "年" + (date.getMonth() + 1) + "月" + date.getDate() + "日 " +
      ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
  }

  var saved = document.querySelector('meta[name="hg-saved"]');
  if (saved && saved.content) {
    var notice = document.createElement("p");
    notice.className = "hg-offline-notice";
    notice.setAttribute("role", "status");
    notice.textContent = "离线阅读：这是您上次打开时保存的版本（" + when(saved.content) + "保存）。联网后刷新可看到最新内容。";
    var content = document.querySelector(".md-content article") || document.body;
    content.insertBefore(notice, content.firstChild);
  }

  var list = document.querySelector("[data-hg-saved-pages]");
  if (list && window.caches) {
    savedPages().then(function (pages) {
      pages.forEach(function (page) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.url;
        link.textContent = page.title;
        item.appendChild(link);
        if (page.saved) item.appendChild(document.createTextNode("（" + when(page.saved) + "保存）"));
        list.appendChild(item);
      });
      document.querySelector("[data-hg-saved-none]").hidden = pages.length > 0;
    });
  }

  // The pages saved on this phone, newest first: {url, title, saved, text}.
  function savedPages() {
    return caches.keys().then(function (names) {
      var name = names.filter(function (n) { return n.indexOf("hg-pages-") === 0; })[0];
      if (!name) return [];
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (keys) {
          return Promise.all(keys.map(function (key) {
            return cache.match(key).then(function (response) {
              return response.text().then(function (html) {
                var title = (html.match(/<title>([^<]*)<\/title>/i) || [, key.url])[1];
                return { url: key.url, title: title.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'"),
                         saved: response.headers.get("x-hg-saved"), html: html };
              });
            });
          }));
        });
      });
    }).then(function (pages) {
      return pages.filter(function (p) { return p.url.indexOf(root + "offline/") !== 0; })
        .sort(function (a, b) { return (b.saved || "").localeCompare(a.saved || ""); });
    });
  }
  window.hgSavedPages = savedPages;  // offline search (hg-search.js)
})();
