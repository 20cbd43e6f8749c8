/* Keyboard and screen-reader use of GLightbox (mkdocs-glightbox), which on
   its own leaves focus behind the open dialog, gives the dialog no name and
   labels its buttons in English. Works on the DOM, not GLightbox's API:
   - the dialog gets a Chinese name and Chinese button labels;
   - focus moves into it (the close button) when it opens;
   - focus returns to the photo that opened it when it closes. */
(function () {
  "use strict";
  var opener = null;
  var labels = { gclose: "关闭", gprev: "上一张", gnext: "下一张" };

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.glightbox");
    if (link) opener = link;
  }, true);

  function opened(container) {
    var body = container.querySelector("#glightbox-body") || container;
    body.setAttribute("aria-label", "图片查看器");
    Object.keys(labels).forEach(function (name) {
      var button = container.querySelector("." + name);
      if (button) {
        button.setAttribute("aria-label", labels[name]);
        button.setAttribute("title", labels[name]);
      }
    });
    var close = container.querySelector(".gclose");
    if (close) close.focus();
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.id === "glightbox-body" || (node.classList && node.classList.contains("glightbox-container"))) {
          opened(node);
        }
      });
      record.removedNodes.forEach(function (node) {
        if ((node.id === "glightbox-body" || (node.classList && node.classList.contains("glightbox-container")))
            && opener && document.contains(opener)) {
          opener.focus();
          opener = null;
        }
      });
    });
  }).observe(document.body, { childList: true });
})();
