/* Reading view switch (both / 中文 / English), kept across pages in localStorage. */
(function () {
  "use strict";
  var KEY = "edition-view";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) || "both"; } catch (e) { return "both"; }
  }
  function store(view) {
    try { localStorage.setItem(KEY, view); } catch (e) { /* private mode: the choice lasts this page only */ }
  }
  function apply(view) {
    root.setAttribute("data-edition-view", view);
    document.querySelectorAll(".edition-toolbar .edition-view").forEach(function (link) {
      if (document.querySelector(".parallel")) {
        link.setAttribute("role", "button");
        link.removeAttribute("aria-current");
        link.setAttribute("aria-pressed", String(link.dataset.view === view));
      }
    });
  }

  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    var parallel = document.querySelector(".parallel");
    apply(parallel ? stored() : "both");
    document.querySelectorAll(".edition-toolbar .edition-view").forEach(function (link) {
      link.addEventListener("click", function (event) {
        store(link.dataset.view);
        if (parallel) {
          event.preventDefault();
          apply(link.dataset.view);
          return;
        }
        if (location.hash) { link.href = link.href.split("#")[0] + location.hash; }
      });
    });
  });
})();
