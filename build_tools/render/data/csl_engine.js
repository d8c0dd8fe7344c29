// Renders every citation of the edition with citeproc-js (npm `citeproc`, the engine inside Zotero and
// Mendeley) in one run: a JSON request on stdin, a JSON answer on stdout. Reads only the style and locale
// files the request names and the engine in the project's own node_modules; fetches nothing.
//
// Request: {"styles": {name: {"file": path, "locale": tag}}, "locales": {tag: path},
//           "renderings": [{"style": name, "item": CSL-JSON, "locator": {"locator", "label"} | null}]}
// Answer:  [{"citation": {"html", "text"}, "bibliography": {"html", "text"}}, …] in the request's order.
"use strict";

const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..", "..");
const CSL = require(path.join(root, "node_modules", "citeproc"));

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const locales = Object.fromEntries(Object.entries(request.locales).map(([tag, file]) => [tag, fs.readFileSync(file, "utf8")]));
let current = null; // the item being rendered: each rendering cites one item alone
const sys = {
  retrieveLocale: (tag) => locales[tag] || false,
  retrieveItem: () => current,
};

const engines = new Map();
function engine(name) {
  if (!engines.has(name)) {
    const style = request.styles[name];
    const made = new CSL.Engine(sys, fs.readFileSync(style.file, "utf8"), style.locale, true);
    // A URL stays text: the page links it itself, and the plain rendering must equal the HTML one.
    made.opt.development_extensions.wrap_url_and_doi = false;
    // A title's English translation (the item's multi._keys.title.en) follows the title in brackets, outside
    // its quotation marks, as the manuals set a translated title; names and other fields stay as given.
    made.setLangTagsForCslTranslation(["en"]);
    made.setLangPrefsForCites({persons: ["orig"], institutions: ["orig"], titles: ["orig", "translat"],
      journals: ["orig"], publishers: ["orig"], places: ["orig"]});
    // 48 affixes: 6 kinds of field (persons … places) × 4 forms × prefix and suffix; titles' translation is 22/23.
    const affixes = new Array(48).fill("");
    affixes[22] = " [";
    affixes[23] = "]";
    made.setLangPrefsForCiteAffixes(affixes);
    engines.set(name, made);
  }
  return engines.get(name);
}

const answer = request.renderings.map((rendering, index) => {
  const citeproc = engine(rendering.style);
  // Each rendering gets its own ID: one document's items share an ID across pinpoints with different fields,
  // and the engine keeps what it was given for an ID.
  current = {...rendering.item, id: `rendering-${index}`};
  citeproc.updateItems([current.id]);
  const cite = {id: current.id, ...(rendering.locator || {})};
  const out = {citation: {}, bibliography: {}};
  for (const format of ["html", "text"]) {
    citeproc.setOutputFormat(format);
    out.citation[format] = citeproc.makeCitationCluster([cite]);
    out.bibliography[format] = citeproc.makeBibliography()[1].join("");
  }
  return out;
});
process.stdout.write(JSON.stringify(answer));
