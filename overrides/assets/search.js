/* The edition's search dialog and search page, on the Pagefind index the build writes (build_tools/publish/search.py)
   through its search script (pagefind/edition-search.js), whichever engine built the pages. The header's button and
   the "/" key open the dialog; the Search page (docs/search.md) holds the same search in its content. Nothing of
   the index is fetched before the reader opens search: the script and index are imported on the first opening. */
(function () {
  "use strict";
  var INDEX = new URL("../pagefind/", document.currentScript.src); /* beside assets/, under a release's folder too */
  var SHOWN = 10; /* results a page of them; "More results" shows the next */
  var WAIT = 40; /* ms after the last keystroke before searching: a word pasted or typed in one burst is one search */
  var LANG = {"简体中文": "zh-Hans", "繁體中文": "zh-Hant", "English": "en"};
  var FILTERS = [["document", "Document", "All documents"], ["language", "Language", "All languages"],
                 ["year", "Year", "All years"]];
  var UNAVAILABLE = "Search is not available: its index could not be read. Try again, or reload the page.";
  var SVG = "http://www.w3.org/2000/svg";
  var MAGNIFY = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 " +
    "6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";
  var script = null;
  var panels = 0;

  function load() {
    script = script || import(new URL("edition-search.js", INDEX).href).catch(function (error) {
      script = null; /* tried again at the next search */
      throw error;
    });
    return script;
  }

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* One search: its box, its filters, its results. ``onLeave`` runs when the reader follows a result. */
  function panel(onLeave, onSearch) {
    var id = "edition-search-" + (++panels);
    var box = element("input", {type: "search", id: id + "-query", name: "q", autocomplete: "off",
                                spellcheck: "false", placeholder: "开源, 加強, Global South …",
                                "aria-describedby": id + "-hint", "aria-controls": id + "-results"});
    var selects = {};
    var filters = element("div", {"class": "edition-search__filters"}, FILTERS.map(function (filter) {
      selects[filter[0]] = element("select", {id: id + "-" + filter[0], name: filter[0]},
                                   [element("option", {value: ""}, [filter[2]])]);
      return element("span", {}, [element("label", {"for": id + "-" + filter[0]}, [filter[1]]), " ",
                                  selects[filter[0]]]);
    }));
    var form = element("form", {"class": "edition-search__form", role: "search"},
                       [element("label", {"for": id + "-query", "class": "edition-search__label"},
                                ["Search the edition · 搜索"]), box, filters,
                        element("p", {id: id + "-hint", "class": "edition-search__hint"},
                                ["Chinese in either script, English, a phrase, an item number (第十二). " +
                                 "↓ ↑ move through the results, Enter opens one."])]);
    var status = element("p", {"class": "edition-search__status", role: "status"});
    var list = element("ol", {id: id + "-results", "class": "edition-search__results"});
    var more = element("button", {type: "button", "class": "edition-search__more", hidden: ""}, ["More results"]);
    var root = element("div", {"class": "edition-search", lang: "en"}, [form, status, list, more]);
    var results = null, asked = 0, timer = 0, ready = null;

    function prepare() {
      ready = ready || load().then(function (search) {
        return search.filterValues().then(function (known) {
          FILTERS.forEach(function (filter) {
            var values = (known[filter[0]] || []).slice().sort();
            if (filter[0] === "year") values.reverse();
            values.forEach(function (value) {
              selects[filter[0]].append(element("option", {value: value, lang: LANG[value] || "en"}, [value]));
            });
          });
          return search;
        });
      });
      return ready;
    }

    function chosen() {
      var picked = {};
      FILTERS.forEach(function (filter) {
        if (selects[filter[0]].value) picked[filter[0]] = [selects[filter[0]].value];
      });
      return picked;
    }

    function run() {
      var query = box.value.trim(), ask = ++asked;
      if (onSearch) onSearch(query);
      results = null; /* the last query's results are not added to by "More results" while this one is sought */
      more.hidden = true;
      if (!query) {
        list.replaceChildren();
        status.textContent = "";
        return Promise.resolve();
      }
      return prepare().then(function (search) {
        return search.search(query, {filters: chosen()}).then(function (found) {
          if (ask !== asked) return;
          results = found;
          list.replaceChildren();
          return show(ask);
        });
      }).catch(function () {
        if (ask !== asked) return;
        ready = null; /* tried again at the next search */
        status.textContent = UNAVAILABLE;
      });
    }

    /* The next results, SHOWN at a time: the status says how many are shown and whether more may come (the
       views left are read only when asked for), or that nothing was found. */
    function show(ask) {
      var found = results;
      if (!found) return Promise.resolve();
      return found.next(SHOWN).then(function (blocks) {
        if (ask !== asked) return;
        blocks.forEach(function (block) { list.append(item(block)); });
        var shown = list.children.length;
        status.textContent = shown ? shown + (shown === 1 ? " result" : " results") + (found.done ? "" : " so far")
          : "Nothing found for " + found.query;
        more.hidden = found.done;
      }).catch(function () {
        if (ask !== asked) return;
        status.textContent = UNAVAILABLE;
      });
    }

    function item(block) {
      var lang = LANG[block.language] || "en";
      var snippet = element("span", {"class": "edition-search__snippet", lang: lang}, block.parts.map(function (part) {
        return part[1] ? element("mark", {}, [part[0]]) : document.createTextNode(part[0]);
      }));
      var link = element("a", {href: block.url, "class": "edition-search__result"}, [
        element("span", {"class": "edition-search__title", lang: lang}, [block.title]),
        element("span", {"class": "edition-search__where"}, [
          element("span", {lang: /[\u3400-\u9fff]/.test(block.view) ? lang : "en"}, [block.view]),
          " · " + block.block]),
        snippet]);
      link.addEventListener("click", function () { onLeave(); });
      return element("li", {}, [link]);
    }

    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, WAIT);
    });
    box.addEventListener("focus", prepare);
    filters.addEventListener("change", run);
    more.addEventListener("click", function () {
      var links = list.querySelectorAll("a");
      show(asked).then(function () {
        /* The first new result; none left, the last one (the button, hidden now, held the focus). */
        var first = list.querySelectorAll("a")[links.length] || links[links.length - 1] || box;
        first.focus();
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run().then(function () {
        var first = list.querySelector("a");
        if (first) first.click();
      });
    });
    /* ↓ from the box to the first result, ↓ ↑ between results, ↑ from the first back to the box. */
    root.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (document.activeElement !== box && at < 0) return;
      event.preventDefault();
      var to = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (to < 0) box.focus();
      else if (links[Math.min(to, links.length - 1)]) links[Math.min(to, links.length - 1)].focus();
    });
    return {root: root, box: box, prepare: prepare, run: run};
  }

  /* The dialog, made on its first opening; focus stays inside while it is open and returns where it was. */
  var dialog = null, search = null, opener = null;

  function open() {
    opener = document.activeElement;
    if (!dialog) {
      search = panel(close);
      var shut = element("button", {type: "button", "class": "edition-search__close", "aria-keyshortcuts": "Escape",
                                    title: "Close (Esc)"}, ["Close"]);
      shut.addEventListener("click", close);
      dialog = element("dialog", {"class": "edition-search-dialog", "aria-label": "Search the edition"},
                       [shut, search.root]);
      dialog.addEventListener("close", function () {
        if (opener && opener.focus) opener.focus();
      });
      dialog.addEventListener("click", function (event) {
        if (event.target === dialog) close(); /* the backdrop */
      });
      dialog.addEventListener("keydown", function (event) {
        if (event.key !== "Tab") return;
        var focusable = Array.prototype.filter.call(
          dialog.querySelectorAll("a[href], button:not([hidden]), input, select"),
          function (node) { return node.offsetParent !== null; });
        var first = focusable[0], last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
        else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      });
      document.body.append(dialog);
    }
    if (!dialog.open) dialog.showModal();
    search.box.focus();
    search.box.select();
    search.prepare();
  }

  function close() {
    if (dialog && dialog.open) dialog.close();
  }

  function button() {
    var icon = document.createElementNS(SVG, "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", MAGNIFY);
    icon.append(path);
    var opens = element("button", {type: "button", "class": "md-header__button md-icon edition-search-button",
                                   "aria-label": "Search", "aria-haspopup": "dialog", "aria-keyshortcuts": "/",
                                   title: "Search (/)"}, [icon]);
    opens.addEventListener("click", open);
    return opens;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var header = document.querySelector(".md-header__inner");
    if (header) header.insertBefore(button(), header.querySelector(".md-header__source"));
    var page = document.getElementById("edition-search-page");
    if (page) {
      /* The page's address holds its query, so that a search can be linked to and the Back button returns to it. */
      var own = panel(function () {}, function (query) {
        history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
      });
      page.replaceChildren(own.root);
      var asked = new URLSearchParams(location.search).get("q");
      if (asked) {
        own.box.value = asked;
        own.run();
      }
      own.box.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      var onPage = document.querySelector("#edition-search-page input[type=search]");
      if (onPage) onPage.focus();
      else open();
    }
  });
})();
