// Product search with Pagefind: the index is split into small files, fetched as the visitor types.
// What the visitor meant (issue 16):
// - a query typed with diacritics ("quế") matches those exact letters only (Pagefind's
//   exactDiacritics option), so it does not also list "quê" and "quen";
// - a query typed without them ("que", "toi ly son") matches every accented form (Pagefind folds
//   tone marks), and since "đ" is a letter of its own rather than "d" with a mark, each word that
//   starts with d is also searched as đ ("duong" finds "đường"), in all indexed text; the
//   results of these searches are merged by their best score.
(function () {
  var form = document.querySelector(".ocop-search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("ocop-results");
  var status = document.getElementById("ocop-results-status");
  var base = new URL("../", location.href); // this page is <language root>/search/
  var loading = null;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ baseUrl: base.pathname }).then(function () { return module; });
      });
    }
    return loading;
  }

  function item(result) {
    var entry = document.createElement("li");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = result.excerpt; // Pagefind's excerpt: escaped text with <mark> around matches
    entry.append(link, excerpt);
    return entry;
  }

  var DIACRITICS = /[^\u0000-\u007f]/;
  var MAX_VARIANTS = 8; // three words starting with d: enough for a product name

  // "duong pho" → ["duong pho", "đuong pho", "duong pho", …]: each word starting with d, also with đ
  function variants(query) {
    var found = [""];
    query.trim().split(/\s+/).forEach(function (word) {
      var next = [];
      found.forEach(function (start) {
        var prefix = start ? start + " " : "";
        next.push(prefix + word);
        if (/^d/i.test(word) && next.length + found.length <= MAX_VARIANTS * 2) {
          next.push(prefix + (word[0] === "D" ? "Đ" : "đ") + word.slice(1));
        }
      });
      found = next.slice(0, MAX_VARIANTS);
    });
    return found;
  }

  var queue = Promise.resolve(); // exactDiacritics is an option of the index, not of one search

  function run(module, query) {
    var exact = DIACRITICS.test(query);
    var searches = exact ? [query] : variants(query);
    var done = queue.then(function () {
      return module.options({ exactDiacritics: exact });
    }).then(function () {
      return Promise.all(searches.map(function (variant) {
        return module.search(variant).then(function (search) { return search.results; });
      }));
    });
    queue = done.catch(function () {});
    return done.then(function (lists) {
      var best = new Map();
      lists.forEach(function (results) {
        results.forEach(function (result) {
          var known = best.get(result.id);
          if (!known || result.score > known.score) best.set(result.id, result);
        });
      });
      return Array.from(best.values()).sort(function (a, b) { return b.score - a.score; });
    });
  }

  var latest = 0;

  function show(query) {
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    var ticket = ++latest;
    pagefind().then(function (module) {
      return new Promise(function (resolve) { setTimeout(resolve, 150); }).then(function () {
        return ticket === latest ? run(module, query) : null; // a newer query is on its way
      });
    }).then(function (results) {
      if (results === null) return null;
      return Promise.all(results.slice(0, 20).map(function (result) { return result.data(); }));
    }).then(function (results) {
      if (results === null || ticket !== latest) return;
      list.replaceChildren.apply(list, results.map(item));
      var count = results.length === 1 ? form.dataset.countOne : form.dataset.count.replace("{n}", results.length);
      status.textContent = results.length ? count : form.dataset.none;
    }).catch(function () {
      status.textContent = form.dataset.offline;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    show(input.value);
  });
  input.addEventListener("input", function () { show(input.value); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    show(initial);
  }
})();
