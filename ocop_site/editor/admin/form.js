// The form editor page's own script, loaded before Decap CMS (which it then starts itself):
// - every call to the editor's API carries this session's token (the server answers no other page);
// - Decap's phrases its Vietnamese locale lacks ("Writing in VI", "Fill in from another locale"…);
// - a refused save's problems are shown beside the fields they concern, in plain words, and stay there
//   until a save no longer reports them; a taken save's warnings likewise (in amber).
// Every word it shows comes from the message catalogue: the server writes them into the page as JSON
// (#ocop-editor-words, made by ocop_site/editor/page_words.py).
(() => {
  "use strict";
  window.CMS_MANUAL_INIT = true;
  const token = document.querySelector('meta[name="ocop-editor-token"]').content;
  const { words: WORDS, decap: VIETNAMESE } = JSON.parse(document.getElementById("ocop-editor-words").textContent);
  const API = "/api/v1";
  const state = { problems: [], route: "" };

  // --- the API calls --------------------------------------------------------------------------
  const send = window.fetch.bind(window);
  window.fetch = async (resource, init) => {
    const url = new URL(resource instanceof Request ? resource.url : String(resource), location.href);
    if (url.origin !== location.origin || url.pathname !== API) return send(resource, init);
    const headers = new Headers((init && init.headers) || (resource instanceof Request ? resource.headers : {}));
    headers.set("X-OCOP-Editor-Token", token);
    headers.set("Accept-Language", "vi");  // the API's refusals in the form's language
    const response = await send(resource, { ...init, headers });
    let action = "";
    try { action = JSON.parse(init && init.body).action; } catch (error) { /* not JSON: not a save */ }
    return action === "persistEntry" ? afterSave(response) : response;
  };

  async function afterSave(response) {
    let answer;
    try { answer = await response.clone().json(); } catch (error) { return response; }
    state.route = location.hash;
    if (response.ok) {
      state.problems = answer.warnings || [];
      render(true);
      return response;
    }
    if (!Array.isArray(answer.problems)) return response;
    state.problems = answer.problems;
    render(true);
    const errors = answer.problems.filter((problem) => problem.severity === "error").length;
    // the toast says where to look; the problems themselves are beside their fields
    const text = WORDS.refused.replace("{n}", String(errors));
    return new Response(JSON.stringify({ error: text }), { status: response.status, headers: response.headers });
  }

  // --- problems beside their fields -------------------------------------------------------------
  /** Where to show a problem about `field` (a list of keys): {control, exact}, the control (Decap's field
   * container) of the field, or of the deepest part of it shown when a part is folded away (exact false).
   * `language` picks the column of a story. */
  function locate(field, language) {
    const columns = [...document.querySelectorAll('[class*="ControlPaneContainer"]')];
    let scope = columns[0] || document.body;
    if (language && columns.length > 1) scope = columns[language === "en" ? 1 : 0];
    let found = null;
    for (const key of field) {
      if (typeof key === "number") {
        const items = found ? [...found.querySelectorAll('[class*="SortableListItem"]')].filter(
          (item) => item.parentElement.closest('[class*="ControlContainer"]') === found) : [];  // not a nested list's
        if (!items[key]) return { control: found, exact: false };
        scope = items[key];
        continue;
      }
      const label = scope.querySelector(`label[for^="${CSS.escape(key)}-field-"]`);
      if (!label) return { control: found, exact: false };
      found = label.closest('[class*="ControlContainer"]') || label.parentElement;
      scope = found;
    }
    return { control: found, exact: true };
  }

  function box(problem, placed) {
    const element = document.createElement("div");
    element.className = `ocop-problem ocop-${problem.severity}`;
    element.setAttribute("role", problem.severity === "error" ? "alert" : "status");
    element.dataset.field = problem.field.join(".");
    const where = [!placed && problem.label, problem.language && WORDS[problem.language]].filter(Boolean).join(", ");
    const head = document.createElement("strong");
    head.textContent = `${WORDS[problem.severity] || WORDS.error}${where ? ` (${where})` : ""}: `;
    element.append(head, problem.message);
    if (problem.fix) {
      const fix = document.createElement("div");
      fix.textContent = `${WORDS.fix}: ${problem.fix}`;
      element.append(fix);
    }
    return element;
  }

  /** Unfold what hides `element`: Decap folds the items of a list (a shop, a stop) and optional groups
   * (a price range), keeping their fields on the page but out of sight. */
  function reveal(element, clicked) {
    for (let part = element; part && part !== document.body; part = part.parentElement) {
      if (getComputedStyle(part).display !== "none") continue;
      const toggle = part.parentElement.querySelector(  // an item's first button folds it (its last removes it)
        ':scope > [class*="TopBar"] > button:first-child, :scope > [class*="TopBar"] [data-testid="expand-button"]');
      if (toggle && !clicked.has(toggle)) {  // once, whenever React redraws: two problems must not fold it again
        clicked.add(toggle);
        toggle.click();
      }
    }
  }

  let observer = null;
  /** Show the problems; `unfold`: when a save has just answered, unfold the items that hide them (not on
   * later redraws, so that an item the editor folds again stays folded). */
  function render(unfold = false) {
    if (observer) observer.disconnect();
    document.querySelectorAll(".ocop-problem, .ocop-problems").forEach((element) => element.remove());
    if (!state.problems.length || location.hash !== state.route) {
      watch();
      return;
    }
    const unplaced = [];
    const clicked = new Set();
    for (const problem of state.problems) {
      const { control, exact } = problem.field.length ? locate(problem.field, problem.language) : {};
      if (!control) {
        unplaced.push(problem);
        continue;
      }
      const top = control.querySelector(':scope > [class*="ControlTopbar"]') || control.firstChild;
      const shown = box(problem, exact);
      control.insertBefore(shown, top ? top.nextSibling : null);
      if (unfold) reveal(shown, clicked);
    }
    if (unplaced.length) {
      const pane = document.querySelector('[class*="ControlPaneContainer"]');
      if (pane) {
        const list = document.createElement("div");
        list.className = "ocop-problems";
        const title = document.createElement("p");
        title.textContent = unplaced.length === state.problems.length ? "" : WORDS.elsewhere;
        list.append(title, ...unplaced.map((problem) => box(problem, false)));
        pane.prepend(list);
      }
    }
    watch();
  }

  // Decap redraws parts of the form (a list opened, a column switched): put the messages back.
  function watch() {
    if (!observer) {
      observer = new MutationObserver(() => {
        const missing = state.problems.length && location.hash === state.route &&
          document.querySelectorAll(".ocop-problem").length < state.problems.length;
        if (missing || (!state.problems.length && document.querySelector(".ocop-problem"))) render();
      });
    }
    observer.observe(document.body, { childList: true, subtree: true });
  }
  window.addEventListener("hashchange", () => render());
  window.ocopProblems = () => state.problems;  // for the tests and the maintainers' console

  const style = document.createElement("style");
  style.textContent = `
    .ocop-problem { margin: 4px 0 8px; padding: 8px 12px; border-radius: 4px; font-size: 14px; line-height: 1.4;
      border-left: 4px solid; }
    .ocop-problem.ocop-error { background: #fdecea; border-color: #c62828; color: #7f1d1d; }
    .ocop-problem.ocop-warning { background: #fff4e5; border-color: #b26a00; color: #663c00; }
    .ocop-problem div { margin-top: 4px; }
    .ocop-problems { margin: 0 0 16px; }
    .ocop-problems p:empty { display: none; }`;
  document.head.append(style);

  // --- Decap's phrases in Vietnamese (VIETNAMESE, from the page), over its own locale --------------------
  function merged(base, more) {
    const result = { ...base };
    for (const [key, value] of Object.entries(more)) {
      result[key] = value && typeof value === "object" && base && typeof base[key] === "object"
        ? merged(base[key], value) : value;
    }
    return result;
  }

  // Decap's errors start with their kind ("API_ERROR: "): a word for programmers, left out of the toast
  new MutationObserver(() => {
    for (const toast of document.querySelectorAll(".Toastify__toast")) {
      const walker = document.createTreeWalker(toast, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.nodeValue.includes("API_ERROR: ")) node.nodeValue = node.nodeValue.replace("API_ERROR: ", "");
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

  window.ocopStart = () => {
    window.CMS.registerLocale("vi", merged(window.CMS.getLocale("vi") || {}, VIETNAMESE));
    window.CMS.init();
  };
})();
