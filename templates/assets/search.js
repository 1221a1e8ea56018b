// Starts Pagefind's search UI on the search page. Kept out of the HTML so the
// Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  // Both paths are written into the page relative to it, so the site works at any
  // sub-path; Pagefind wants them as absolute paths.
  var root = new URL(element.dataset.root, window.location.href).pathname;
  var bundle = new URL(element.dataset.bundle, window.location.href).pathname;
  // The stories' indexes, searched with the site-wide one as one index.
  var shards = (element.dataset.shards || "").split(" ").filter(Boolean).map(function (path) {
    return { bundlePath: new URL(path, window.location.href).pathname };
  });
  // The search box's label and placeholder, in the site's language (data-label).
  var label = element.dataset.label || "Search";
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundle,
    mergeIndex: shards,
    baseUrl: root,
    showImages: false,
    showSubResults: true,
    translations: { placeholder: label }
  });
  // Pagefind labels its input only with a title; give it a real accessible name.
  var input = element.querySelector("input");
  if (input) {
    input.setAttribute("aria-label", label);
  }
  // A link such as search/?q=ceasefire opens with its results shown.
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
