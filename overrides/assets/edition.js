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

/* Anchors of earlier releases that were merged, split or moved land on their successors. */
(function () {
  "use strict";
  function successors() {
    var data = document.getElementById("edition-successors");
    try { return data ? JSON.parse(data.textContent) : {}; } catch (e) { return {}; }
  }
  function follow() {
    var old = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll(".edition-target").forEach(function (el) { el.classList.remove("edition-target"); });
    if (!old || document.getElementById(old)) { return; }
    var targets = (successors()[old] || []).map(function (id) { return document.getElementById(id); }).filter(Boolean);
    if (!targets.length) { return; }
    targets.forEach(function (el) { el.classList.add("edition-target"); });
    targets[0].scrollIntoView({block: "start"});
    var notice = document.getElementById("edition-moved") || document.createElement("p");
    notice.id = "edition-moved";
    notice.className = "edition-moved";
    notice.setAttribute("role", "status");
    notice.textContent = "¶" + old.slice(1) + " of an earlier release is now " +
      targets.map(function (el) { return (el.id[0] === "p" ? "¶" : "§") + el.id.slice(1); }).join(", ") + ".";
    targets[0].parentNode.insertBefore(notice, targets[0]);
  }
  document.addEventListener("DOMContentLoaded", follow);
  window.addEventListener("hashchange", follow);
})();
