// Product search with Pagefind: the index is split into small files, fetched as the visitor types.
// What the visitor meant (issue 16):
// - a query typed with diacritics ("quế") matches those exact letters only (Pagefind's
//   exactDiacritics option), so it does not also list "quê" and "quen";
// - a query typed without them ("que", "toi ly son") matches every accented form (Pagefind folds
//   tone marks). "đ" is a letter of its own rather than "d" with a mark, so the index was made
//   from pages where đ is written d + U+0335, a mark that folding strips (search_index.py):
//   "duong" finds "đường" in all indexed text. A typed đ is written the same way here, and
//   titles and excerpts get their đ back before they are shown.
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

  function indexed(text) { return text.replace(/đ/g, "d\u0335").replace(/Đ/g, "D\u0335"); }
  function shown(text) { return text.replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ"); }

  function item(result) {
    var entry = document.createElement("li");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = shown(result.meta.title);
    var excerpt = document.createElement("p");
    excerpt.innerHTML = shown(result.excerpt); // Pagefind's excerpt: escaped text with <mark> around matches
    entry.append(link, excerpt);
    return entry;
  }

  var DIACRITICS = /[^\u0000-\u007f]/;
  var queue = Promise.resolve(); // exactDiacritics is an option of the index, not of one search

  function run(module, query) {
    query = query.normalize("NFC"); // the pages are NFC; some keyboards type letters and marks apart
    var exact = DIACRITICS.test(query);
    var done = queue.then(function () {
      return module.options({ exactDiacritics: exact });
    }).then(function () {
      return module.search(indexed(query));
    });
    queue = done.catch(function () {});
    return done.then(function (search) { return search.results; });
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
