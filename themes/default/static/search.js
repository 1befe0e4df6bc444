/* tonvinh search: finds pages as you type, with or without Vietnamese diacritics.
   Plain JavaScript, no framework, no request outside the site. It reads the index
   that `tonvinh build` writes (src/search/mod.rs describes the files):
     search-index.json        manifest: first token of each shard, kinds, years, name lengths
     search-index/t/N.json    names, titles, labels, summaries: token -> lists by field
     search-index/b/N.json    body text: token -> list
     search-index/d/N.json    what results show, 64 documents a file
   and fetches only the shards the words of a query need. */
(function () {
  "use strict";

  var form = document.querySelector("form.search-form[data-index]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var kindSelect = form.querySelector("select[name=loai]");
  var yearSelect = form.querySelector("select[name=nam]");
  var statusEl = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var base = form.getAttribute("data-base") || "";
  var indexUrl = form.getAttribute("data-index");
  var dirUrl = indexUrl.replace(/\.json$/, "") + "/";
  var text = function (key) { return form.getAttribute("data-t-" + key) || ""; };

  /* Field weights: name, title, labels (unit, commune, tags…), summary, body. */
  var WEIGHTS = [16, 10, 5, 3, 1];
  var PREFIX_FACTOR = 0.6;
  var PAGE = 20;
  var FIRST = 5;

  /* The same folding as the build (vietnamese::fold): NFD, drop combining marks
     U+0300–U+036F, đ → d, lower case. */
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  function words(s) { return fold(s).match(WORD) || []; }

  /* Lists of document numbers: varint gaps, or a bitmap after "~" (encode.rs). */
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var i = 0; i < 64; i++) DIGIT[ALPHABET.charAt(i)] = i;
  function decode(str, each) {
    if (!str) return;
    var n, d, b;
    if (str.charAt(0) === "~") {
      for (n = 1; n < str.length; n++) {
        d = DIGIT[str.charAt(n)];
        for (b = 0; b < 6; b++) if (d & (1 << b)) each((n - 1) * 6 + b);
      }
      return;
    }
    var value = 0, scale = 1, prev = -1;
    for (n = 0; n < str.length; n++) {
      d = DIGIT[str.charAt(n)];
      value += (d & 31) * scale;
      if (d & 32) { scale *= 32; continue; }
      prev = prev < 0 ? value : prev + value;
      each(prev);
      value = 0; scale = 1;
    }
  }

  var cache = {};
  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  var manifest = null;
  var yearSets = {};
  function loadManifest() {
    return getJSON(indexUrl).then(function (m) {
      manifest = m;
      return m;
    });
  }
  function shardUrl(tier, n) { return dirUrl + tier + "/" + n + ".json?v=" + manifest.hash; }

  /* Whether `a` sorts before `b` in code point order, the order of the build's
     tokens (UTF-16 `<` differs for characters beyond U+FFFF). */
  function before(a, b) {
    for (var i = 0; ; ) {
      if (i >= a.length) return i < b.length;
      if (i >= b.length) return false;
      var x = a.codePointAt(i), y = b.codePointAt(i);
      if (x !== y) return x < y;
      i += x > 0xffff ? 2 : 1;
    }
  }

  /* Shards hold runs of consecutive tokens; `keys` are their first tokens. The shard
     of `word` is the last whose first token is not after it; for a prefix, the next
     shards whose first token begins with it too. */
  function shardsFor(keys, word, prefix) {
    if (!keys.length) return [];
    var k = 0;
    while (k + 1 < keys.length && !before(word, keys[k + 1])) k++;
    var found = [k];
    if (prefix) {
      for (var j = k + 1; j < keys.length && keys[j].lastIndexOf(word, 0) === 0; j++) found.push(j);
    }
    return found;
  }

  /* One query word's matches: each document's best weight (0: no match) and whether
     the word is in its name. The word being typed (last, no space after it) also
     matches longer words in names, titles, labels and summaries; full words match
     the body too. Typed arrays: a word can match every one of 10,000 documents. */
  function matchWord(word, prefix) {
    var high = shardsFor(manifest.t, word, prefix).map(function (n) { return getJSON(shardUrl("t", n)); });
    var body = shardsFor(manifest.b, word, false).map(function (n) { return getJSON(shardUrl("b", n)); });
    return Promise.all([Promise.all(high), Promise.all(body)]).then(function (loaded) {
      var scores = new Float32Array(manifest.docs);
      var names = new Uint8Array(manifest.docs);
      loaded[0].forEach(function (shard) {
        Object.keys(shard).forEach(function (token) {
          var exact = token === word;
          if (!exact && !(prefix && token.lastIndexOf(word, 0) === 0)) return;
          var factor = exact ? 1 : PREFIX_FACTOR;
          shard[token].forEach(function (encoded, field) {
            var w = WEIGHTS[field] * factor;
            decode(encoded, function (doc) {
              if (w > scores[doc]) scores[doc] = w;
              if (field === 0) names[doc] = 1;
            });
          });
        });
      });
      loaded[1].forEach(function (shard) {
        if (Object.prototype.hasOwnProperty.call(shard, word)) {
          decode(shard[word], function (doc) { if (scores[doc] < WEIGHTS[4]) scores[doc] = WEIGHTS[4]; });
        }
      });
      return { scores: scores, names: names };
    });
  }

  function yearSet(year) {
    if (!yearSets[year]) {
      var set = new Uint8Array(manifest.docs);
      decode(manifest.years[year] || "", function (d) { set[d] = 1; });
      yearSets[year] = set;
    }
    return yearSets[year];
  }

  /* Ranked document numbers for a query. */
  function search(query, kind, year) {
    var all = words(query);
    var typing = !/\s$/.test(query);
    // A lone letter at the end is a word being started: wait for the next one.
    if (all.length > 1 && typing && all[all.length - 1].length < 2) all.pop();
    if (all.length === 0 || (all.length === 1 && all[0].length < 2 && typing)) return Promise.resolve(null);
    var unique = all.filter(function (w, i) { return all.indexOf(w) === i; });
    return Promise.all(unique.map(function (w, i) {
      return matchWord(w, typing && i === unique.length - 1);
    })).then(function (matches) {
      var from = 0, to = manifest.docs;
      if (kind) {
        from = to = 0;
        manifest.kinds.forEach(function (k) { if (k[0] === kind) { from = k[2]; to = k[3]; } });
      }
      var years = year ? yearSet(year) : null;
      var count = matches.length;
      var total = new Float64Array(manifest.docs);
      var found = [];
      for (var doc = from; doc < to; doc++) {
        if (years && !years[doc]) continue;
        var score = 0, inName = 0, m;
        for (m = 0; m < count; m++) {
          var s = matches[m].scores[doc];
          if (s === 0) break;
          score += s;
          inName += matches[m].names[doc];
        }
        if (m < count) continue;
        if (inName === count) {
          // Every word in the name: the more of the name typed, the higher, so that
          // "nguyen thi hoa" puts Nguyễn Thị Hoa before Nguyễn Thị Hoa Mai.
          var nameWords = Math.max(parseInt(manifest.names.charAt(doc), 36) || 1, count);
          score += 8 + 12 * count / nameWords;
        }
        total[doc] = score;
        found.push(doc);
      }
      // Highest score first; then the lower document number (newer, by kind).
      found.sort(function (a, b) { return total[b] - total[a] || a - b; });
      return { words: unique, docs: found, prefix: typing };
    });
  }

  function displayOf(doc) {
    var chunk = Math.floor(doc / manifest.chunk);
    return getJSON(dirUrl + "d/" + chunk + ".json?v=" + manifest.hash).then(function (rows) {
      return rows[doc - chunk * manifest.chunk];
    });
  }

  function kindOf(doc) {
    for (var k = 0; k < manifest.kinds.length; k++) {
      var kind = manifest.kinds[k];
      if (doc >= kind[2] && doc < kind[3]) return kind;
    }
    return ["", "", 0, 0];
  }

  /* Appends `s` to `parent`, with the query's words marked: whole words, and the
     start of words for the word being typed. Matching is done on folded text, one
     original character at a time, so the marks fall on the text as written. */
  function appendMarked(parent, s, query) {
    var folded = "", starts = [];
    var chars = Array.from(s);
    var offsets = [], pos = 0;
    chars.forEach(function (c) {
      var f = fold(c);
      for (var k = 0; k < f.length; k++) starts.push(offsets.length);
      folded += f;
      offsets.push(pos);
      pos += c.length;
    });
    offsets.push(pos);
    var marks = [];
    var re = new RegExp(WORD.source, "gu"), m;
    while ((m = re.exec(folded)) !== null) {
      var token = m[0];
      for (var q = 0; q < query.words.length; q++) {
        var w = query.words[q];
        var last = query.prefix && q === query.words.length - 1;
        var len = token === w ? w.length : (last && token.lastIndexOf(w, 0) === 0 ? w.length : 0);
        if (len) {
          var from = starts[m.index], to = starts[m.index + len - 1] + 1;
          marks.push([offsets[from], offsets[to]]);
          break;
        }
      }
    }
    var at = 0;
    marks.forEach(function (r) {
      if (r[0] > at) parent.appendChild(document.createTextNode(s.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = s.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    if (at < s.length) parent.appendChild(document.createTextNode(s.slice(at)));
  }

  function resultItem(doc, row, query) {
    // row: [title, path, unit, years, date, snippet]
    var kind = kindOf(doc);
    var li = document.createElement("li");
    li.className = "search-result search-result--" + kind[0];
    var kicker = document.createElement("p");
    kicker.className = "search-result-kicker";
    var span = function (cls, value) {
      if (!value) return;
      var el = document.createElement("span");
      el.className = cls;
      el.textContent = value;
      kicker.appendChild(el);
    };
    span("search-result-kind", kind[1]);
    span("search-result-unit", row[2]);
    span("search-result-year", row[3]);
    var h = document.createElement("h2");
    h.className = "search-result-title";
    var a = document.createElement("a");
    a.href = base + "/" + row[1];
    appendMarked(a, row[0], query);
    h.appendChild(a);
    li.appendChild(kicker);
    li.appendChild(h);
    if (row[5]) {
      var p = document.createElement("p");
      p.className = "search-result-snippet";
      appendMarked(p, row[5], query);
      li.appendChild(p);
    }
    return li;
  }

  var current = 0, shown = 0, result = null;
  function format(template, n, q) {
    return template.replace("{n}", n.toLocaleString(document.documentElement.lang || "vi")).replace("{q}", q);
  }

  /* Shows the next `count` results (their data files load in parallel). */
  function showNext(seq, count) {
    var docs = result.docs.slice(shown, shown + count);
    shown += docs.length;
    return Promise.all(docs.map(displayOf)).then(function (rows) {
      if (seq !== current) return;
      var fragment = document.createDocumentFragment();
      rows.forEach(function (row, k) { if (row) fragment.appendChild(resultItem(docs[k], row, result)); });
      list.appendChild(fragment);
      moreButton.hidden = shown >= result.docs.length;
    });
  }

  /* A page of results: the first few at once, then the rest, so the best results
     do not wait for the data files of the twentieth. */
  function showMore(seq) {
    var first = shown === 0 ? FIRST : PAGE;
    return showNext(seq, first).then(function () {
      if (seq === current && first < PAGE) return showNext(seq, PAGE - first);
    });
  }

  function run() {
    var seq = ++current;
    var q = input.value;
    var kind = kindSelect ? kindSelect.value : "";
    var year = yearSelect ? yearSelect.value : "";
    syncUrl(q, kind, year);
    var started = performance.now();
    return loadManifest().then(function () {
      return search(q, kind, year);
    }).then(function (found) {
      if (seq !== current) return;
      result = found;
      shown = 0;
      list.textContent = "";
      moreButton.hidden = true;
      if (!found) {
        statusEl.textContent = "";
        list.removeAttribute("data-query");
        return;
      }
      var q2 = q.trim();
      statusEl.textContent = found.docs.length
        ? format(text("results"), found.docs.length, q2)
        : format(text("none"), 0, q2);
      return showMore(seq).then(function () {
        if (seq !== current) return;
        // Read by the end-to-end test and the benchmark.
        list.setAttribute("data-query", q);
        list.setAttribute("data-ms", String(Math.round(performance.now() - started)));
      });
    }).catch(function () {
      if (seq === current) statusEl.textContent = text("error");
    });
  }

  function syncUrl(q, kind, year) {
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    if (kind) params.set("loai", kind);
    if (year) params.set("nam", year);
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (kindSelect) kindSelect.value = params.get("loai") || "";
  if (yearSelect) yearSelect.value = params.get("nam") || "";
  input.addEventListener("input", run);
  if (kindSelect) kindSelect.addEventListener("change", run);
  if (yearSelect) yearSelect.addEventListener("change", run);
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  moreButton.addEventListener("click", function () { showMore(current); });
  loadManifest().catch(function () { statusEl.textContent = text("error"); });
  if (input.value) run();
})();
