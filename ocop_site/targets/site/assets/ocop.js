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
