// The language switch remembers the visitor's choice (issue 16): the QR landing stub and the home
// page read it from localStorage on the next scan; the cookie carries it to hosts that choose the
// language on the server (docs/deployment.md: nf_lang is the name Netlify reads, nginx and Caddy too).
document.querySelectorAll("a.ocop-language[data-language]").forEach(function (link) {
  link.addEventListener("click", function () {
    var language = link.getAttribute("data-language");
    try { localStorage.setItem("ocop-language", language); } catch (e) {}
    document.cookie = "nf_lang=" + language + "; path=/; max-age=31536000; SameSite=Lax";
  });
});

// A certificate may expire after the pages were built: check the visitor's clock too, so an
// expired certificate is never shown as valid.
document.querySelectorAll(".ocop-cert[data-expires]").forEach(function (badge) {
  var lastValidDay = new Date(badge.getAttribute("data-expires") + "T23:59:59+07:00");
  if (Date.now() > lastValidDay.getTime()) {
    badge.textContent = badge.getAttribute("data-expired-text");
    badge.className = "ocop-cert ocop-cert--expired";
  }
});

// Material's drawer and search toggles are checkboxes; Firefox restores a ticked one on reload or
// back navigation, leaving the menu or search open. (Material prevents that with
// autocomplete="off", which HTML does not allow on checkboxes: ocop_site/targets/site/hooks.py.)
function ocopResetToggles() {
  document.querySelectorAll("input.md-toggle[data-md-toggle]").forEach(function (toggle) {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  });
}
ocopResetToggles();
window.addEventListener("pageshow", function (event) {
  if (event.persisted) ocopResetToggles();
});

// Maps (ocop_site/targets/site/maps.py): the page holds a list of places; the map itself — the
// self-hosted Leaflet and the tiles of a third-party server — loads only when the visitor asks.
var ocopAssets = document.currentScript ? document.currentScript.src.replace(/[^/]*$/, "") : "";
var ocopLeaflet = null;

function ocopLoadLeaflet() {
  if (ocopLeaflet) return ocopLeaflet;
  ocopLeaflet = new Promise(function (resolve, reject) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = ocopAssets + "leaflet/leaflet.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = ocopAssets + "leaflet/leaflet.js";
    script.onload = function () { resolve(window.L); };
    script.onerror = reject;
    document.head.appendChild(script);
  });
  return ocopLeaflet;
}

var OCOP_MARKER_COLOURS = { producer: "#1b5e20", showroom: "#b23c17", stop: "#0d47a1" };

function ocopShowMap(figure, button) {
  var list = figure.getAttribute("data-places") ? document.getElementById(figure.getAttribute("data-places")) : figure;
  var places = list ? Array.prototype.slice.call(list.querySelectorAll("[data-lat][data-lon]")) : [];
  button.disabled = true;
  ocopLoadLeaflet().then(function (L) {
    var canvas = document.createElement("div");
    canvas.className = "ocop-map__canvas";
    figure.insertBefore(canvas, button);
    button.remove();
    var map = L.map(canvas, { scrollWheelZoom: false });
    var credit = document.createElement("a");
    credit.href = figure.getAttribute("data-attribution-url");
    credit.textContent = figure.getAttribute("data-attribution");
    L.tileLayer(figure.getAttribute("data-tiles"), { maxZoom: 18, attribution: credit.outerHTML }).addTo(map);
    var line = [];
    places.forEach(function (place) {
      var at = [parseFloat(place.getAttribute("data-lat")), parseFloat(place.getAttribute("data-lon"))];
      var colour = OCOP_MARKER_COLOURS[place.getAttribute("data-kind")] || OCOP_MARKER_COLOURS.producer;
      var popup = document.createElement("div");
      var source = place.querySelector("a") || place;
      if (source.tagName === "A") {
        var link = document.createElement("a");
        link.href = source.href;
        link.textContent = source.textContent;
        popup.appendChild(link);
      } else {
        popup.textContent = place.textContent;
      }
      L.circleMarker(at, { radius: 8, color: "#fff", weight: 2, fillColor: colour, fillOpacity: 0.9 })
        .bindPopup(popup).addTo(map);
      line.push(at);
    });
    if (figure.getAttribute("data-route") && line.length > 1) {
      L.polyline(line, { color: OCOP_MARKER_COLOURS.stop, weight: 3, opacity: 0.8 }).addTo(map);
    }
    if (line.length === 1) map.setView(line[0], 12);
    else if (line.length) map.fitBounds(line, { padding: [24, 24], maxZoom: 14 });
    figure.classList.add("ocop-map--open");
  }, function () {
    button.disabled = false;
  });
}

document.querySelectorAll("figure.ocop-map").forEach(function (figure) {
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-button ocop-map__open";
  button.textContent = figure.getAttribute("data-open");
  button.addEventListener("click", function () { ocopShowMap(figure, button); });
  figure.insertBefore(button, figure.firstChild);
});

// Share buttons (the Facebook and Zalo links work without this): the phone's own share sheet,
// where the device has one, and copying the link.
document.querySelectorAll(".ocop-share").forEach(function (box) {
  var url = box.getAttribute("data-url");
  var native = box.querySelector(".ocop-share__native");
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: document.title, url: url }).catch(function () {});
    });
  }
  var copy = box.querySelector(".ocop-share__copy");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(function () {
        copy.textContent = copy.getAttribute("data-done");
      });
    });
  }
});
