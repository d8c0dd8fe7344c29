/* Reading view switch (both / 中文 / English), kept across pages in localStorage. */
(function () {
  "use strict";
  var KEY = "edition-view";
  var root = document.documentElement;
  /* The 繁體 views are pages of their own; the others are the parallel page's columns, switched in place. */
  var PAGES = ["zh-hant", "zh-hant-both"];
  var PARALLEL = ".parallel:not(.compare):not(.traditional)";

  function stored() {
    try { return localStorage.getItem(KEY) || "both"; } catch (e) { return "both"; }
  }
  function store(view) {
    try { localStorage.setItem(KEY, view); } catch (e) { /* private mode: the choice lasts this page only */ }
  }
  function apply(view) {
    root.setAttribute("data-edition-view", view);
    document.querySelectorAll(".edition-toolbar .edition-view[data-view]").forEach(function (link) {
      if (document.querySelector(PARALLEL) && PAGES.indexOf(link.dataset.view) < 0) {
        link.setAttribute("role", "button");
        link.removeAttribute("aria-current");
        link.setAttribute("aria-pressed", String(link.dataset.view === view));
      }
    });
  }

  apply(document.querySelector(PARALLEL) ? stored() : "both");
  document.addEventListener("DOMContentLoaded", function () {
    var parallel = document.querySelector(PARALLEL);
    var page = PAGES.indexOf(stored()) >= 0 && document.querySelector('.edition-toolbar [data-view="' + stored() + '"]');
    if (parallel && page) {
      location.replace(page.href.split("#")[0] + location.hash);  /* the reader reads in 繁體 */
      return;
    }
    apply(parallel ? stored() : "both");
    document.querySelectorAll(".edition-toolbar .edition-view[data-view]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        store(link.dataset.view);
        if (parallel && PAGES.indexOf(link.dataset.view) < 0) {
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

/* Cite this paragraph / document: formats rendered at build time (data/cite/<id>.json), filled in here
   with the block number, its anchor and today's date, shown, and copied exactly as shown. */
(function () {
  "use strict";
  var MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
  var LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var cache = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function accessed(format, d) {
    var y = d.getFullYear(), m = d.getMonth(), day = d.getDate();
    if (format === "month-day-year") { return LONG_MONTHS[m] + " " + day + ", " + y; }
    if (format === "mla") { return day + " " + MLA_MONTHS[m] + " " + y; }
    if (format === "ris") { return y + "/" + pad(m + 1) + "/" + pad(day); }
    return y + "-" + pad(m + 1) + "-" + pad(day);
  }
  function fill(template, blockId, today) {
    return template.replace(/\{n\}/g, blockId ? blockId.slice(1) : "")
      .replace(/\{anchor\}/g, blockId || "")
      .replace(/\{accessed:([a-z-]+)\}/g, function (_, format) { return accessed(format, today); });
  }
  function load(toolbar) {
    if (!cache) {
      var base = JSON.parse(document.getElementById("__config").textContent).base;
      cache = fetch(base + "/data/cite/" + toolbar.dataset.document + ".json").then(function (r) { return r.json(); });
    }
    return cache;
  }

  function versionsFor(data, view, blockId) {
    var keys = Object.keys(data.versions);
    var has = function (key) { return key && (!blockId || (data.text[blockId] || []).indexOf(key) >= 0); };
    var officialEn = keys.filter(function (k) { return data.versions[k].lang === "en" && data.versions[k].status === "official"; })[0];
    var anyEn = keys.filter(function (k) { return data.versions[k].lang === "en"; })[0];
    /* A translation's own page (en, en-unofficial, fr …) cites that translation in the English styles. */
    var preferred = data.versions[view] && data.versions[view].lang !== "zh" ? view : (officialEn || anyEn);
    var zh = keys.indexOf("zh") >= 0 ? "zh" : null;
    var en = [preferred, officialEn, anyEn].filter(has)[0] || zh;
    return {en: en, zh: has(zh) ? zh : null};
  }

  function entries(data, view, blockId) {
    var chosen = versionsFor(data, view, blockId);
    var pin = blockId ? blockId[0] : "document";
    var rows = [];
    data.styles.forEach(function (style) {
      if (!style.parts.length) {
        var keys = [chosen.zh, chosen.en].filter(function (k, i, all) { return k && all.indexOf(k) === i; });
        /* The data says how entries join: CSL-JSON as one array, BibTeX and RIS one after another. */
        rows.push({label: style.label, machine: true, text: style.join.open
          + keys.map(function (k) { return data.templates[k][pin][style.key]; }).join(style.join.separator)
          + style.join.close});
        return;
      }
      var key = style.lang === "zh" ? chosen.zh : chosen.en;
      if (!key) { return; }
      style.parts.forEach(function (part) {
        var rendering = data.templates[key][pin][style.key][part.key];
        rows.push({label: style.label + " — " + part.label, text: rendering.text, html: rendering.html,
          lang: style.lang === "zh" ? "zh-Hans" : "en"});
      });
    });
    return rows;
  }

  /* A rendering's HTML (citeproc-js's, from the edition's own data) rebuilt node by node: text and the inline
     formatting of a citation pass, without attributes; any other element gives only its text. */
  var INLINE = ["I", "EM", "B", "STRONG", "SPAN", "SUP", "SUB"];
  function formatted(html, lang) {
    var fragment = document.createDocumentFragment();
    (function rebuild(from, into) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) { into.append(marked(node.textContent, lang)); return; }
        if (node.nodeType !== Node.ELEMENT_NODE) { return; }
        if (INLINE.indexOf(node.tagName) < 0) { rebuild(node, into); return; }
        var element = document.createElement(node.tagName.toLowerCase());
        rebuild(node, element);
        into.append(element);
      });
    })(new DOMParser().parseFromString(html, "text/html").body, fragment);
    return fragment;
  }

  /* Text in ``lang`` with each run of Chinese in an English text marked as Chinese (``chinese``: its tag, zh-Hans
     unless said), for its voice and its fonts; a Chinese text stays as it is. */
  var HAN_RUN = /(\d*[\u3400-\u4dbf\u4e00-\u9fff][\u3400-\u4dbf\u4e00-\u9fff\d\u3000-\u303f\uff00-\uffef]*)/;
  function marked(text, lang, chinese) {
    var fragment = document.createDocumentFragment();
    if (lang !== "en") {
      fragment.append(text);
      return fragment;
    }
    text.split(HAN_RUN).forEach(function (part, index) {
      if (index % 2) {
        var span = document.createElement("span");
        span.lang = chinese || "zh-Hans";
        span.textContent = part;
        fragment.append(span);
      } else if (part) {
        fragment.append(part);
      }
    });
    return fragment;
  }

  /* A formatted style goes to the clipboard as HTML and as plain text, so that a word processor keeps the
     italics and a plain field gets the text; where the browser cannot write both, the text alone. */
  function copy(text, html, status) {
    var done = function () { status.textContent = "Copied"; };
    var failed = function () { status.textContent = "Copy failed: select the text"; };
    if (!navigator.clipboard || !window.isSecureContext) {
      status.textContent = "Select the text and copy it";
    } else if (html !== null && window.ClipboardItem && navigator.clipboard.write) {
      navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], {type: "text/html"}),
        "text/plain": new Blob([text], {type: "text/plain"})
      })]).then(done, function () { navigator.clipboard.writeText(text).then(done, failed); });
    } else {
      navigator.clipboard.writeText(text).then(done, failed);
    }
  }

  function open(toolbar, blockId, trigger) {
    load(toolbar).then(function (data) {
      var today = new Date();
      var dialog = document.createElement("dialog");
      dialog.className = "cite-dialog";
      dialog.lang = "en";  /* the edition's words, on a Chinese page too; each citation says its own language */
      dialog.setAttribute("aria-labelledby", "cite-title");
      var what = blockId ? (blockId[0] === "p" ? "¶" : "§") + blockId.slice(1) + " of " : "";
      var heading = document.createElement("h2");
      heading.id = "cite-title";
      /* The page's title, in the page's Chinese (繁體 on a 繁體 view). */
      var chinese = /^zh/.test(document.documentElement.lang) ? document.documentElement.lang : "zh-Hans";
      heading.append(marked("Cite " + what + toolbar.dataset.title + " (edition " + data.edition_version + ")", "en",
        chinese));
      var close = document.createElement("button");
      close.type = "button";
      close.className = "cite-close";
      close.textContent = "Close";
      close.addEventListener("click", function () { dialog.close(); });
      dialog.append(heading, close);
      /* Where the document numbers the block itself, both numbers: ¶14 = item 12 (十二、). */
      var own = blockId && document.querySelector('a.pn[data-block="' + blockId + '"][data-concordance]');
      if (own) {
        var concordance = document.createElement("p");
        concordance.className = "cite-concordance";
        concordance.textContent = own.dataset.concordance;
        dialog.append(concordance);
      }
      entries(data, toolbar.dataset.view, blockId).forEach(function (row, index) {
        var box = document.createElement("section");
        box.className = "cite-format";
        var label = document.createElement("h3");
        var name = document.createElement("span");
        name.id = "cite-format-" + index;
        name.append(marked(row.label, "en"));
        var button = document.createElement("button");
        button.type = "button";
        button.className = "cite-copy";
        button.textContent = "Copy";
        button.setAttribute("aria-describedby", name.id);
        var text = document.createElement("pre");
        text.className = "cite-text" + (row.machine ? " machine" : "");
        text.tabIndex = 0;
        text.setAttribute("aria-labelledby", name.id);
        if (row.lang) { text.lang = row.lang; }
        if (row.html) {
          text.append(formatted(fill(row.html, blockId, today), row.lang));
        } else {
          text.textContent = fill(row.text, blockId, today);
        }
        var plain = fill(row.text, blockId, today);
        var status = document.createElement("span");
        status.className = "cite-note";
        status.setAttribute("role", "status");
        button.addEventListener("click", function () { copy(plain, row.html ? text.innerHTML : null, status); });
        label.append(name, status, button);
        box.append(label, text);
        dialog.append(box);
      });
      var note = document.createElement("p");
      note.className = "cite-note";
      note.textContent = "The access date is today's. Chinese text is cited in GB/T 7714, English in the English styles.";
      dialog.append(note);
      dialog.addEventListener("close", function () { dialog.remove(); if (trigger) { trigger.focus(); } });
      document.body.append(dialog);
      dialog.showModal();
      var first = dialog.querySelector(".cite-copy");
      if (first) { first.focus(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toolbar = document.querySelector(".edition-toolbar[data-document]");
    if (!toolbar) { return; }
    document.querySelectorAll(".block-tools").forEach(function (tools) {
      var link = tools.querySelector("a.pn");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-button";
      button.lang = "en";  /* beside a Chinese paragraph too */
      button.textContent = "Cite";
      button.setAttribute("aria-haspopup", "dialog");
      button.setAttribute("aria-label", "Cite " + link.textContent);
      button.addEventListener("click", function () { open(toolbar, link.dataset.block, button); });
      tools.append(button);
    });
    var whole = toolbar.querySelector(".cite-document");
    if (whole) {
      whole.hidden = false;
      whole.addEventListener("click", function () { open(toolbar, null, whole); });
    }
  });
})();

/* Note markers open their note below the block that calls it (click, tap, Enter), never inside the line, so that
   the text keeps its line breaks (no 。 or ， starts a line because a note opened); the notes list at the page
   end stays. A note called twice on a page (in the Chinese and in the translation) opens under each call. */
(function () {
  "use strict";
  var BLOCKS = "p, li, dd, td, th, h1, h2, h3, h4, h5, h6, blockquote";
  var HOLDS_BLOCKS = ["LI", "DD", "TD", "TH", "BLOCKQUOTE"];

  /* Where the panels of a block go: inside a block that may hold a division, else in one right after it. */
  function holderFor(marker) {
    var block = marker.closest(BLOCKS) || marker.parentElement;
    if (HOLDS_BLOCKS.indexOf(block.tagName) >= 0) { return block; }
    var next = block.nextElementSibling;
    if (next && next.classList.contains("note-panels")) { return next; }
    var holder = document.createElement("div");
    holder.className = "note-panels";
    block.after(holder);
    return holder;
  }

  function panelFor(marker, note, id) {
    var panel = document.createElement("div");
    panel.id = id;
    panel.className = "note-inline " + (note.className.match(/note-[a-z-]+/) || [""])[0];
    panel.setAttribute("role", "note");
    panel.lang = note.lang;  /* the editors' English, opened under a Chinese paragraph too */
    panel.setAttribute("aria-label", marker.getAttribute("aria-label") || "Note");
    note.querySelectorAll("p").forEach(function (p) {
      var copy = document.createElement("p");
      copy.innerHTML = p.innerHTML;
      copy.querySelectorAll(".note-back").forEach(function (back) { back.remove(); });
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      panel.append(copy);
    });
    return panel;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a.note-ref").forEach(function (marker) {
      var note = document.getElementById(marker.getAttribute("href").slice(1));
      if (!note) { return; }
      var panelId = "open-" + (marker.id || note.id);
      /* Two calls on the same words stand side by side: the second steps aside, so that each keeps its 24 px. */
      var before = marker.previousSibling;
      if (before && before.nodeType === Node.ELEMENT_NODE && before.matches("a.note-ref")) {
        marker.classList.add("note-ref-next");
      }
      marker.setAttribute("aria-expanded", "false");
      marker.setAttribute("aria-controls", panelId);
      marker.addEventListener("click", function (event) {
        event.preventDefault();
        var open = document.getElementById(panelId);
        if (open) {
          var holder = open.parentElement;
          open.remove();
          if (holder.classList.contains("note-panels") && !holder.children.length) { holder.remove(); }
          marker.setAttribute("aria-expanded", "false");
          return;
        }
        var into = holderFor(marker);
        /* The panels under a block follow the order of their calls in it. */
        var later = Array.prototype.filter.call(into.children, function (panel) {
          var other = panel.classList.contains("note-inline") &&
            document.querySelector('[aria-controls="' + panel.id + '"]');
          return other && (marker.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING);
        })[0];
        into.insertBefore(panelFor(marker, note, panelId), later || null);
        marker.setAttribute("aria-expanded", "true");
      });
    });
  });
})();

/* A table wider than a narrow screen scrolls in the box the theme wraps it in: that box takes the keyboard's focus
   (and says what it is), so that a reader without a pointer can scroll it too (axe: scrollable-region-focusable). */
(function () {
  "use strict";
  /* Each region is named apart (axe: landmark-unique): by the heading it stands under, and its place. */
  function name(box, index) {
    var heading = box.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) { heading = heading.previousElementSibling; }
    return "Table " + (index + 1) + (heading ? " under “" + heading.textContent.trim() + "”" : "") + ", scrolls sideways";
  }
  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box, index) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box, index));
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", reachable);
  window.addEventListener("resize", reachable);
})();

/* Material's version selector is labelled "Select version" while it shows "1.0.0"; a name that
   contains the visible text lets speech users say what they see (axe: label-content-name-mismatch). */
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll(".md-version__current").forEach(function (button) {
      var shown = button.textContent.trim();
      if (shown && button.getAttribute("aria-label") !== "Version " + shown) {
        button.setAttribute("aria-label", "Version " + shown);
      }
    });
  }
  new MutationObserver(fix).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", fix);
})();
