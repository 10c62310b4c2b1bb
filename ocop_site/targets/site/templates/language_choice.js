// The language a visitor lands in (issue 16), inlined in the QR landing stub and the home pages: the
// choice made with the language switch (localStorage, written by assets/ocop.js), else Vietnamese
// for a browser whose first language is vi*, English for every other language.
function ocopLanguage() {
  try {
    var chosen = localStorage.getItem("ocop-language");
    if (chosen === "vi" || chosen === "en") return chosen;
  } catch (e) {}
  var first = (navigator.languages && navigator.languages.length ? navigator.languages[0] : navigator.language) || "";
  return String(first).toLowerCase().indexOf("vi") === 0 ? "vi" : "en";
}
