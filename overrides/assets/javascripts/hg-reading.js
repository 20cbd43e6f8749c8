/* 长辈模式 (a mode for older readers) and its text size: the header's switch
   and the size buttons below it. The choice is kept in localStorage and applied
   before the first paint by an inline script in <head> (main.html); the CSS is
   in stylesheets/extra.css under html[data-hg-elder]. */
(function () {
  "use strict";
  var KEY = "hg-reading";
  var root = document.documentElement;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }

  function save(state) {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: this page only */ }
  }

  function apply(state) {
    var size = state.size === "large" || state.size === "xlarge" ? state.size : "standard";
    if (state.elder) root.setAttribute("data-hg-elder", ""); else root.removeAttribute("data-hg-elder");
    if (state.elder && size !== "standard") root.setAttribute("data-hg-size", size); else root.removeAttribute("data-hg-size");
    document.querySelectorAll("[data-hg-elder-switch]").forEach(function (button) {
      button.setAttribute("aria-pressed", state.elder ? "true" : "false");
      var shown = button.querySelector(".hg-reading__state");
      if (shown) shown.textContent = state.elder ? "开" : "关";
    });
    document.querySelectorAll("[data-hg-size-choice]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-hg-size-choice") === size ? "true" : "false");
    });
  }

  var state = load();
  apply(state);
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-hg-elder-switch], [data-hg-size-choice]") : null;
    if (!target) return;
    if (target.hasAttribute("data-hg-elder-switch")) state.elder = !state.elder;
    else state.size = target.getAttribute("data-hg-size-choice");
    save(state);
    apply(state);
  });

  // Material marks its drawer and search checkboxes autocomplete="off" so that
  // a browser does not restore them when the reader comes back; that attribute
  // is invalid on checkboxes (removed by scripts/publisher/views/valid_html.py).
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) toggle.click();
    });
    apply(load());
  });
})();
