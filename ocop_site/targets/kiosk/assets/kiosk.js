/* The fair-booth kiosk: hash routes show views (#/groups/food, #/products/<slug>, …/photos/<n>);
   after a time without touch an attract loop of featured products plays, and later the kiosk resets
   to its start screen in the default language; gestures that zoom, select or leave are blocked; the
   service workers (one per language folder, both registered here) keep it working offline.
   Times come from site.yaml (data-* on <body>) and may be overridden: ?attract=2&reset=4&slide=1. */
(() => {
  "use strict";
  const body = document.body;
  const params = new URLSearchParams(location.search);
  const seconds = (name, fallback) => {
    const value = Number(params.get(name));
    return (value > 0 ? value : fallback) * 1000;
  };
  const attractAfter = seconds("attract", Number(body.dataset.attractAfter));
  const resetAfter = seconds("reset", Number(body.dataset.resetAfter));
  const slideEvery = seconds("slide", Number(body.dataset.slideSeconds));
  const language = body.dataset.language;
  const defaultLanguage = body.dataset.defaultLanguage;
  const otherLanguage = language === "vi" ? "en" : "vi";
  const kioskUrl = (lang) => new URL(lang === "vi" ? body.dataset.kioskVi : body.dataset.kioskEn, location.href);
  const views = new Map([...document.querySelectorAll(".kiosk-view")].map((view) => [view.dataset.view, view]));
  const attract = document.querySelector(".kiosk-attract");
  const slides = [...attract.querySelectorAll(".kiosk-slide")];
  const languageLink = document.querySelector(".kiosk-language");
  const status = document.querySelector(".kiosk-status");

  // -- views ---------------------------------------------------------------------------------------
  const route = () => decodeURIComponent(location.hash.replace(/^#\/?/, ""));

  function show() {
    const current = views.get(route()) || views.get("");
    for (const view of views.values()) {
      if (view.hidden !== (view !== current)) view.hidden = view !== current;
    }
    current.scrollTop = 0;
    for (const video of document.querySelectorAll(".kiosk-view[hidden] video")) video.pause();  // no sound from a closed view
    body.dataset.view = current.dataset.view;
    const other = kioskUrl(otherLanguage);
    other.search = location.search;
    other.hash = location.hash;
    languageLink.href = other.href;  // the language toggle keeps the product (and the test timings)
  }

  function goToStart() {
    if (route() !== "") history.replaceState(null, "", "#/");
    show();
  }

  window.addEventListener("hashchange", show);

  // -- attract loop and idle reset -----------------------------------------------------------------
  let lastTouch = Date.now();
  let resetDone = false;
  let slideTimer = 0;
  let slideIndex = 0;
  let swallowClick = false;
  let updateWaiting = false;
  // a visitor watching a video is not idle (timeupdate does not bubble: listen while it descends)
  document.addEventListener("timeupdate", (event) => { if (!event.target.paused) lastTouch = Date.now(); }, true);
  for (const video of document.querySelectorAll("video")) {  // no way out of the kiosk through the player's menu
    video.disablePictureInPicture = true;
    if (video.controlsList) video.controlsList.add("nodownload", "noremoteplayback");
  }

  function showSlide() {
    slides.forEach((slide, index) => { slide.hidden = index !== slideIndex; });
    body.dataset.slide = String(slideIndex);
  }

  function startAttract() {
    attract.hidden = false;
    body.dataset.attract = "on";
    slideIndex = 0;
    showSlide();
    slideTimer = setInterval(() => { slideIndex = (slideIndex + 1) % slides.length; showSlide(); }, slideEvery);
  }

  function stopAttract() {
    attract.hidden = true;
    body.dataset.attract = "off";
    clearInterval(slideTimer);
  }

  function reset() {
    if (language !== defaultLanguage) {
      if (!attract.hidden) sessionStorage.setItem("kiosk-attract", "on");
      const start = kioskUrl(defaultLanguage);
      start.search = location.search;
      start.hash = "#/";
      location.replace(start.href);
    } else if (updateWaiting) {  // new content arrived while a visitor was reading: show it now
      if (!attract.hidden) sessionStorage.setItem("kiosk-attract", "on");
      history.replaceState(null, "", "#/");
      location.reload();
    } else {
      goToStart();
    }
  }

  function activity(event) {
    lastTouch = Date.now();
    resetDone = false;
    if (attract.hidden && event.type === "pointerdown") swallowClick = false;
    if (!attract.hidden) {  // any touch leaves the attract loop for the start screen
      event.preventDefault();
      event.stopPropagation();
      stopAttract();
      goToStart();
      swallowClick = true;
    }
  }

  for (const type of ["pointerdown", "touchstart", "keydown", "wheel"]) {
    document.addEventListener(type, activity, { capture: true, passive: false });
  }
  document.addEventListener("click", (event) => {
    if (swallowClick) {  // the click of the touch that ended the attract loop
      swallowClick = false;
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  setInterval(() => {
    const idle = Date.now() - lastTouch;
    if (idle >= resetAfter && !resetDone) {
      resetDone = true;
      reset();
    }
    if (idle >= attractAfter && attract.hidden && slides.length) startAttract();
  }, 200);

  // -- a dedicated touch screen: no zoom, selection, context menu, or way out ----------------------
  const block = (event) => event.preventDefault();
  for (const type of ["contextmenu", "selectstart", "dragstart", "gesturestart", "gesturechange", "dblclick"]) {
    document.addEventListener(type, block, { passive: false });
  }
  document.addEventListener("wheel", (event) => { if (event.ctrlKey) event.preventDefault(); }, { passive: false });
  document.addEventListener("touchmove", (event) => {
    if (event.touches.length > 1) event.preventDefault();
  }, { passive: false });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && ["+", "-", "=", "0"].includes(event.key)) event.preventDefault();
  });
  const kioskPaths = ["vi", "en"].map((lang) => kioskUrl(lang).pathname);
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !kioskPaths.includes(url.pathname)) event.preventDefault();
  }, true);

  // -- offline -------------------------------------------------------------------------------------
  function setStatus(state) {
    body.dataset.offline = state;
    status.textContent = body.dataset["offline" + state[0].toUpperCase() + state.slice(1)];
  }

  if ("serviceWorker" in navigator) {
    const updating = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (!updating) return;  // the first install: this page already shows the content it cached
      if (route() === "" && attract.hidden) location.reload();
      else updateWaiting = true;
    });
    setStatus("saving");
    const registrations = ["vi", "en"].map((lang) => navigator.serviceWorker.register(new URL("sw.js", kioskUrl(lang))));
    Promise.all(registrations).then((all) => {
      const ready = (r) => r.active && r.active.state === "activated" && !r.installing && !r.waiting;
      const check = () => setStatus(all.every(ready) ? "ready" : "saving");
      for (const registration of all) {
        registration.addEventListener("updatefound", () => {
          const worker = registration.installing;
          check();
          worker.addEventListener("statechange", () => {
            if (worker.state === "redundant" && !registration.active) setStatus("missing");
            else check();
          });
        });
      }
      check();
      const poll = setInterval(() => { check(); if (body.dataset.offline === "ready") clearInterval(poll); }, 500);
    }).catch(() => setStatus("missing"));
  }

  if (sessionStorage.getItem("kiosk-attract")) {  // a reset that changed language keeps the attract loop
    sessionStorage.removeItem("kiosk-attract");
    startAttract();
  }
  show();
})();
