/* Search page: queries the static index written by scripts/publisher/search.
 *
 * Tokens are cut exactly as scripts/publisher/search/tokens.py cuts them
 * (Han characters and their overlapping pairs; latin and digit words; a word
 * next to a Han character pairs with it): change both together. A page
 * matches when it has every token of the query; where a piece of the query has
 * more than one token, the shown results are checked against the page's text.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-hg-search]");
  if (!form) return;
  var INDEX = form.getAttribute("data-index");
  var SITE = form.getAttribute("data-site");
  var PAGE = 10;
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"; // as scripts/publisher/text.py
  var HAN_CHAR = new RegExp("^[" + HAN + "]$");

  var input = form.querySelector("[name=q]");
  var status = document.querySelector(".hg-search__status");
  var list = document.querySelector(".hg-search__results");
  var more = document.querySelector(".hg-search__more");

  // -- tokens (mirror of tokens.py) ------------------------------------------

  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
      else if (code === 0x3000) code = 0x20;
      if (code >= 65 && code <= 90) code += 32;
      out += String.fromCharCode(code);
    }
    return out;
  }

  function isHan(char) {
    return HAN_CHAR.test(char);
  }

  // Runs of Han characters, and latin words and numbers (1.2): RUN in tokens.py.
  function runs() {
    return new RegExp("[" + HAN + "]+|[a-z0-9]+(?:\\.[0-9]+)*", "g");
  }

  function queryParts(query) {
    var parts = [], current = "", previousEnd = -1, match;
    var folded = fold(query), run = runs();
    while ((match = run.exec(folded))) {
      if (match.index !== previousEnd && current) { parts.push(current); current = ""; }
      current += match[0];
      previousEnd = match.index + match[0].length;
    }
    if (current) parts.push(current);
    return parts;
  }

  function queryTokens(part) {
    var units = [], match, run = runs();
    while ((match = run.exec(part))) {
      if (isHan(match[0][0])) units.push.apply(units, match[0].split(""));
      else units.push(match[0]);
    }
    if (units.length === 1) return units;
    var pairs = [];
    for (var i = 0; i + 1 < units.length; i++) pairs.push(units[i] + units[i + 1]);
    return pairs;
  }

  function shardOf(token, shards) {
    var value = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      value = Math.imul(value ^ token.charCodeAt(i), 0x01000193) >>> 0;
    }
    return value % shards;
  }

  // -- the index ---------------------------------------------------------------

  var meta = null, shards = {}, docs = {};

  function getJSON(path) {
    return fetch(INDEX + path).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    });
  }

  function loadMeta() {
    if (!meta) meta = getJSON("meta.json");
    return meta;
  }

  function undelta(deltas) {
    var ids = [], id = 0;
    for (var i = 0; i < deltas.length; i++) { id += deltas[i]; ids.push(id); }
    return ids;
  }

  function postings(index, token) {
    var number = shardOf(token, index.shards);
    if (!shards[number]) shards[number] = getJSON("s/" + number + "." + index.shard_names[number] + ".json");
    return shards[number].then(function (shard) {
      var entry = shard[token];
      return entry ? [undelta(entry[0]), undelta(entry[1])] : [[], []];
    });
  }

  function doc(index, id) {
    if (!docs[id]) docs[id] = getJSON("d/" + id + "." + index.docs[id][3] + ".json");
    return docs[id];
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  function wanted(index, filters, entry) {
    if (filters.type && index.kinds[entry[0]] !== filters.type) return false;
    if (filters.category && entry[1].map(function (c) { return index.categories[c]; }).indexOf(filters.category) < 0) return false;
    if (filters.county && entry[2].map(function (c) { return index.counties[c]; }).indexOf(filters.county) < 0) return false;
    return true;
  }

  /* Ids of the candidate pages, those with the query in their title first. */
  function candidates(query, filters) {
    var parts = queryParts(query);
    if (!parts.length) return Promise.resolve({ parts: parts, ids: [], check: false });
    return loadMeta().then(function (index) {
      var tokens = [];
      parts.forEach(function (part) {
        queryTokens(part).forEach(function (token) { if (tokens.indexOf(token) < 0) tokens.push(token); });
      });
      return Promise.all(tokens.map(function (token) { return postings(index, token); })).then(function (lists) {
        var ids = lists.map(function (l) { return l[0]; }).reduce(intersect);
        var titled = lists.map(function (l) { return l[1]; }).reduce(intersect);
        ids = ids.filter(function (id) { return wanted(index, filters, index.docs[id]); });
        var inTitle = {};
        titled.forEach(function (id) { inTitle[id] = true; });
        ids = ids.filter(function (id) { return inTitle[id]; }).concat(ids.filter(function (id) { return !inTitle[id]; }));
        var check = parts.some(function (part) { return queryTokens(part).length > 1; });
        return { index: index, parts: parts, ids: ids, check: check };
      });
    });
  }

  function contains(page, parts) {
    var text = fold(page.t + "\n" + page.x);
    return parts.every(function (part) { return text.indexOf(part) >= 0; });
  }

  /* Every matching page's URL (checked): for tests and the benchmark. */
  function all(query, filters) {
    return candidates(query, filters || {}).then(function (found) {
      var pages = [], at = 0;
      function batch() {  // a few requests at a time
        var ids = found.ids.slice(at, at + 16);
        at += ids.length;
        if (!ids.length) return Promise.resolve();
        return Promise.all(ids.map(function (id) { return doc(found.index, id); }))
          .then(function (got) { pages.push.apply(pages, got); return batch(); });
      }
      return batch().then(function () {
        return pages.filter(function (page) { return !found.check || contains(page, found.parts); })
          .map(function (page) { return page.u; });
      });
    });
  }

  // -- showing results -----------------------------------------------------------

  function highlighted(text, parts) {
    var fragment = document.createDocumentFragment();
    var folded = fold(text), at = 0;
    while (at < text.length) {
      var next = -1, length = 0;
      parts.forEach(function (part) {
        var found = folded.indexOf(part, at);
        if (found >= 0 && (next < 0 || found < next)) { next = found; length = part.length; }
      });
      if (next < 0) { fragment.appendChild(document.createTextNode(text.slice(at))); break; }
      if (next > at) fragment.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      fragment.appendChild(mark);
      at = next + length;
    }
    return fragment;
  }

  function snippet(text, parts) {
    var folded = fold(text), first = -1;
    parts.forEach(function (part) {
      var found = folded.indexOf(part);
      if (found >= 0 && (first < 0 || found < first)) first = found;
    });
    var start = Math.max(0, first - 30);
    var end = Math.min(text.length, Math.max(first, 0) + 90);
    return (start > 0 ? "…" : "") + text.slice(start, end).replace(/\s+/g, " ") + (end < text.length ? "…" : "");
  }

  function item(page, parts) {
    var li = document.createElement("li");
    li.className = "hg-result";
    var link = document.createElement("a");
    link.className = "hg-result__title";
    link.href = page.saved ? page.u : SITE + page.u;
    link.appendChild(highlighted(page.t, parts));
    var info = document.createElement("p");
    info.className = "hg-result__meta";
    var kind = document.createElement("span");
    kind.className = "hg-result__kind";
    kind.textContent = page.k;
    info.appendChild(kind);
    info.appendChild(document.createTextNode([page.c, page.d].filter(Boolean).map(function (v) { return " · " + v; }).join("")));
    var text = document.createElement("p");
    text.className = "hg-result__snippet";
    text.appendChild(highlighted(snippet(page.x, parts), parts));
    li.appendChild(link);
    li.appendChild(info);
    li.appendChild(text);
    return li;
  }

  var state = null, generation = 0;

  function showMore() {
    var current = state, mine = generation;
    var batch = current.ids.slice(current.next, current.next + PAGE);
    current.next += batch.length;
    return Promise.all(batch.map(function (id) { return doc(current.index, id); })).then(function (pages) {
      if (mine !== generation) return;
      pages.forEach(function (page) {
        if (current.check && !contains(page, current.parts)) { current.count--; return; }
        list.appendChild(item(page, current.parts));
      });
      more.hidden = current.next >= current.ids.length;
      report(current);
      if (list.children.length < Math.min(PAGE, current.count) && current.next < current.ids.length) return showMore();
    });
  }

  function report(current) {
    status.textContent = current.count
      ? "找到 " + current.count + " 个结果"
      : "没有找到包含“" + current.query + "”的示范村或新闻";
  }

  function filters() {
    return {
      type: form.elements.type.value,
      category: form.elements.category.value,
      county: form.elements.county.value
    };
  }

  function remember(query, chosen) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(chosen).forEach(function (key) { if (chosen[key]) params.set(key, chosen[key]); });
    var search = params.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  function search() {
    var query = input.value.trim(), chosen = filters(), mine = ++generation;
    remember(query, chosen);
    list.textContent = "";
    more.hidden = true;
    if (!query) { status.textContent = ""; state = null; return Promise.resolve(); }
    status.textContent = "正在搜索…";
    return candidates(query, chosen).then(function (found) {
      if (mine !== generation) return;
      state = { index: found.index, parts: found.parts, ids: found.ids, check: found.check,
                next: 0, count: found.ids.length, query: query };
      if (!found.ids.length) { report(state); return; }
      return showMore();
    }).catch(function () {
      if (mine !== generation) return;
      return offline(query, mine).catch(function () {
        if (mine === generation) status.textContent = "搜索暂时无法使用，请稍后再试";
      });
    });
  }

  /* Without a network, and parts of the index not saved on this phone: search the
     pages saved for offline reading (hg-offline.js), and say the results may be incomplete. */
  function offline(query, mine) {
    if (!window.hgSavedPages) return Promise.reject(new Error("no saved pages"));
    var parts = queryParts(query);
    return window.hgSavedPages().then(function (pages) {
      if (mine !== generation) return;
      list.textContent = "";
      var found = pages.map(function (saved) {
        var html = new DOMParser().parseFromString(saved.html, "text/html");
        var main = html.querySelector(".md-content article") || html.body;
        var text = (main.textContent || "").replace(/\s+/g, " ").trim();
        var title = saved.title.split(" - ")[0];
        return { u: saved.url, saved: true, t: title, k: "已保存的页面", c: "", d: "", x: text };
      }).filter(function (page) { return contains(page, parts); });
      found.forEach(function (page) { list.appendChild(item(page, parts)); });
      status.textContent = "没有网络：只在这台手机保存的 " + pages.length + " 个页面中搜索，结果可能不完整。" +
        (found.length ? "找到 " + found.length + " 个结果" : "没有找到包含“" + query + "”的页面");
    });
  }

  var timer = null, composing = false;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(search, 50);
  }
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; soon(); });
  input.addEventListener("input", function () { if (!composing) soon(); });
  form.addEventListener("change", function (event) { if (event.target !== input) search(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); search(); });
  more.addEventListener("click", function () { if (state) showMore(); });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  ["type", "category", "county"].forEach(function (name) {
    if (params.get(name)) form.elements[name].value = params.get(name);
  });
  window.hgSearch = { all: all, queryParts: queryParts, queryTokens: queryTokens, search: search };
  if (input.value) search();
  else loadMeta();  // ready for the first keystroke
})();
