/* 读给我听: read the page's main text aloud with the browser's speech synthesis,
   in a Chinese voice, paragraph by paragraph, showing the one being read.
   Only on pages that carry <div data-hg-read-aloud="village|article">
   (scripts/publisher/views); without JavaScript the page is unchanged. */
(function () {
  "use strict";
  var marker = document.querySelector("[data-hg-read-aloud]");
  var article = document.querySelector(".md-content article");
  if (!marker || !article) return;
  var kind = marker.getAttribute("data-hg-read-aloud");
  var title = article.querySelector("h1");
  if (!title) return;

  // What is read: the title, then the summary and story of a village, or the
  // body of an article; never navigation, cards, captions or credits.
  var SKIP = "figure, nav, aside, .hg-cards, .hg-related, .hg-read-aloud, .md-source-file, .md-post__meta, " +
             ".hg-facts, .hg-figures, .hg-sources, .hg-gallery, .md-tags, .headerlink";

  function readable() {
    var items = [title];
    var blocks = Array.prototype.slice.call(article.querySelectorAll("p, li, h2, h3, h4"));
    var inStory = kind !== "village";
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (block.closest(SKIP) || (block.tagName !== "LI" && block.closest("li"))) continue;  // a list item is read whole
      if (block.tagName === "H2") {
        var heading = block.textContent.trim();
        if (kind === "village") inStory = heading.indexOf("村庄故事") === 0;
        else if (heading.indexOf("相关示范村") === 0) break;
        if (!inStory) continue;
      }
      if (kind === "village" && !inStory && !block.classList.contains("hg-lead")) continue;
      if (block.textContent.trim()) items.push(block);
    }
    return items;
  }

  function sentences(text) {
    var parts = text.replace(/\s+/g, " ").trim().match(/[^。！？；!?;]+[。！？；!?;]*/g) || [];
    var chunks = [], chunk = "";
    parts.forEach(function (part) {
      if ((chunk + part).length > 120 && chunk) { chunks.push(chunk); chunk = ""; }
      chunk += part;
    });
    if (chunk) chunks.push(chunk);
    return chunks;
  }

  var synth = window.speechSynthesis;
  var box = document.createElement("div");
  box.className = "hg-read-aloud";
  box.innerHTML =
    '<button type="button" class="md-button hg-read-aloud__main" data-hg-read>读给我听</button>' +
    '<button type="button" class="md-button hg-read-aloud__stop" data-hg-stop hidden>停止</button>' +
    '<p class="hg-read-aloud__status" role="status" aria-live="polite"></p>';
  title.insertAdjacentElement("afterend", box);
  var main = box.querySelector("[data-hg-read]");
  var stop = box.querySelector("[data-hg-stop]");
  var status = box.querySelector("[role=status]");

  var queue = [], playing = false, paused = false, current = null;

  function chineseVoice() {
    var voices = synth && synth.getVoices ? synth.getVoices() : [];
    var chinese = voices.filter(function (v) { return /^zh/i.test(v.lang || ""); });
    return chinese.filter(function (v) { return /^zh[-_]CN/i.test(v.lang); })[0] || chinese[0] || null;
  }

  function whenVoices() {
    return new Promise(function (resolve) {
      if (!synth) return resolve(null);
      var voice = chineseVoice();
      if (voice || !("onvoiceschanged" in synth)) return resolve(voice);
      var done = false;
      var finish = function () { if (!done) { done = true; resolve(chineseVoice()); } };
      synth.addEventListener("voiceschanged", finish, { once: true });
      setTimeout(finish, 1500);
    });
  }

  function mark(element) {
    if (current) current.classList.remove("hg-reading-now");
    current = element;
    if (element) {
      element.classList.add("hg-reading-now");
      element.scrollIntoView({ block: "center" });
    }
  }

  function show() {
    main.textContent = !playing ? "读给我听" : paused ? "继续" : "暂停";
    stop.hidden = !playing;
  }

  function finish(message) {
    playing = paused = false;
    queue = [];
    mark(null);
    show();
    status.textContent = message || "";
  }

  function next(voice) {
    if (!playing) return;
    var item = queue.shift();
    if (!item) return finish("读完了。");
    mark(item.element);
    var utterance = new SpeechSynthesisUtterance(item.text);
    utterance.lang = voice && voice.lang ? voice.lang : "zh-CN";
    if (typeof SpeechSynthesisVoice !== "undefined" && voice instanceof SpeechSynthesisVoice) utterance.voice = voice;
    utterance.rate = 0.9;
    utterance.onend = function () { next(voice); };
    utterance.onerror = function (event) {
      if (event.error !== "interrupted" && event.error !== "canceled") finish("朗读出错了，请再试一次。");
    };
    synth.speak(utterance);
  }

  main.addEventListener("click", function () {
    if (playing) {
      if (paused) { synth.resume(); paused = false; status.textContent = "正在朗读……"; }
      else { synth.pause(); paused = true; status.textContent = "已暂停。"; }
      return show();
    }
    whenVoices().then(function (voice) {
      if (!voice) {
        status.textContent = "这台设备的浏览器没有中文语音，无法朗读。可以在手机的“设置”里添加中文“文字转语音”，或换一个浏览器。";
        return;
      }
      queue = [];
      readable().forEach(function (element) {
        sentences(element.textContent).forEach(function (text) { queue.push({ element: element, text: text }); });
      });
      synth.cancel();
      playing = true;
      paused = false;
      status.textContent = "正在朗读……";
      show();
      next(voice);
    });
  });
  stop.addEventListener("click", function () {
    playing = false;
    if (synth) synth.cancel();
    finish("已停止。");
  });
  window.addEventListener("pagehide", function () { if (synth && playing) synth.cancel(); });
})();
