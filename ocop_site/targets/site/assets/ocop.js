// A certificate may expire after the pages were built: check the visitor's clock too, so an
// expired certificate is never shown as valid.
document.querySelectorAll(".ocop-cert[data-expires]").forEach(function (badge) {
  var lastValidDay = new Date(badge.getAttribute("data-expires") + "T23:59:59+07:00");
  if (Date.now() > lastValidDay.getTime()) {
    badge.textContent = badge.getAttribute("data-expired-text");
    badge.className = "ocop-cert ocop-cert--expired";
  }
});
