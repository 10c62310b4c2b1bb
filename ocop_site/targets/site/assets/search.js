// Product search with Pagefind: the index is split into small files, fetched as the visitor types.
// Vietnamese typed without diacritics works: Pagefind folds tone marks, and each product page
// carries its name with đ written as d (pages.py, product.md.j2).
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

  function show(query) {
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    pagefind().then(function (module) {
      return module.debouncedSearch(query, {}, 150);
    }).then(function (search) {
      if (search === null) return null; // a newer query is on its way
      return Promise.all(search.results.slice(0, 20).map(function (result) { return result.data(); }));
    }).then(function (results) {
      if (results === null) return;
      list.replaceChildren.apply(list, results.map(item));
      status.textContent = results.length ? form.dataset.count.replace("{n}", results.length) : form.dataset.none;
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
