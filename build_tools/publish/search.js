// The edition's search over its Pagefind index (build_tools/publish/search.py), for the site's search page and
// dialog (assets/search.js) and for the relevance test: search(query), returning Pagefind's results in the
// edition's order, and snippet(excerpt, query), what a result shows of its block.
//
// A query is searched as the index was written (render/data/search_records.py): Chinese and Japanese characters
// a word each, and in both Chinese scripts. Its results come in this order: the blocks that hold the query as
// typed, as a phrase; those that hold it as a phrase in the other script; then the blocks that hold all its words
// apart, as typed and in the other script; each group by Pagefind's score; last, the blocks found only by their
// document's title or item number. Loaded only when a reader searches.
import * as pagefind from "./pagefind.js";

// The words a record is found by but which rank nothing (the document's title, its own item number, the shown
// view and ¶N) weigh nothing against the text: "Global South" must rank the paragraphs that say it, not the
// documents named Global …
const RANKING = {metaWeights: {title: 0, view: 0, block: 0, find: 0}};
// A character with several forms in the other script is written each way, up to this many forms of a query.
const MAX_FORMS = 8;

let ready = null;

function start() {
  ready ??= (async () => {
    const settings = fetch(new URL("edition-search.json", import.meta.url)).then((response) => response.json());
    await pagefind.options({ranking: RANKING});
    await pagefind.init();
    const {spaced, traditional} = await settings;
    const simplified = {};
    for (const [simple, forms] of Object.entries(traditional)) {
      for (const form of forms) {
        if (form !== simple) simplified[form] = (simplified[form] ?? "") + simple;
      }
    }
    const run = `[${spaced}]`;
    return {
      around: new RegExp(`(?<=${run})(?=\\S)|(?<=\\S)(?=${run})`, "gu"),
      run: new RegExp(run, "u"),
      traditional,
      simplified,
    };
  })();
  return ready;
}

// Every way a query may be written in one script: each character replaced by each of its forms there.
function written(query, forms) {
  let written = [""];
  for (const character of query) {
    const choices = forms[character] ?? character;
    written = written.flatMap((start) => [...choices].map((choice) => start + choice)).slice(0, MAX_FORMS);
  }
  return written;
}

// The query and its forms in the other Chinese script, the query first.
function scriptForms(query, settings) {
  return [...new Set([query, ...written(query, settings.traditional), ...written(query, settings.simplified)])];
}

// The results of one query in the edition's order; ``filters`` as Pagefind takes them ({language: ["English"]}).
export async function search(query, {filters = {}} = {}) {
  const settings = await start();
  const forms = scriptForms(query.trim(), settings).map((form) => form.replace(settings.around, " ").trim());
  if (!forms[0]) return [];
  const phrases = await Promise.all(forms.map((form) => pagefind.search(`"${form}"`, {filters})));
  const words = await Promise.all(forms.map((form) => pagefind.search(form, {filters})));
  const held = phrases.map((found) => new Set(found.results.map((result) => result.id)));
  const ordered = [];
  const seen = new Set();
  const take = (result) => {
    if (!seen.has(result.id)) {
      seen.add(result.id);
      ordered.push(result);
    }
  };
  // A score of 0: found only by words that rank nothing (a title, an item number), after every block that says them.
  const scored = (result) => result.score > 0;
  held.forEach((ids, i) => words[i].results.filter((result) => ids.has(result.id) && scored(result)).forEach(take));
  words.forEach((found) => found.results.filter(scored).forEach(take));
  words.forEach((found) => found.results.forEach(take));
  phrases.forEach((found) => found.results.forEach(take));
  return ordered;
}

// A result's excerpt as the text is written: without the spaces the index set around Chinese characters
// (Pagefind's excerpt separates every word by a space). A space the text itself has beside a Chinese
// character goes too: the excerpt is a preview, the block is the text.
export async function unspaced(excerpt) {
  const {run} = await start();
  const parts = excerpt.split(/(<[^>]*>)/); // text at even places, the excerpt's <mark> tags at odd ones
  const visible = (from, step) => {
    for (let i = from; i >= 0 && i < parts.length; i += 2 * step) {
      const characters = [...parts[i]];
      if (characters.length) return step > 0 ? characters[0] : characters[characters.length - 1];
    }
    return "";
  };
  return parts.map((part, i) => i % 2 ? part : part.replace(/\s+/g, (space, offset) => {
    const before = [...part.slice(0, offset)].pop() ?? visible(i - 2, -1);
    const after = [...part.slice(offset + space.length)][0] ?? visible(i + 2, 1);
    return run.test(before) || run.test(after) ? "" : space;
  })).join("");
}

// A result's excerpt as the parts to show, [text, marked] in turn: the text unspaced, marked where it holds the
// query as a phrase (in either script, in any case); where it holds only the query's words apart, the runs
// Pagefind marked, joined across the spaces between them, a Chinese character on its own left unmarked when the
// query is longer (single characters scattered through a paragraph point at nothing).
export async function snippet(excerpt, query) {
  const settings = await start();
  const excerptHtml = document.createElement("template");
  excerptHtml.innerHTML = await unspaced(excerpt); // Pagefind's excerpt: the escaped text and its <mark> tags
  let text = "";
  const found = [];
  for (const node of excerptHtml.content.childNodes) {
    if (node.nodeName === "MARK") {
      // A word as Pagefind marks it may hold the punctuation beside it (（AI, good）”): the mark is the word.
      const word = node.textContent;
      const from = word.search(/[\p{L}\p{N}]/u);
      const to = word.length - [...word].reverse().join("").search(/[\p{L}\p{N}]/u);
      if (from >= 0) found.push([text.length + from, text.length + to]);
    }
    text += node.textContent;
  }
  const bare = query.trim().replace(/^"(.*)"$/u, "$1");
  const lower = text.toLowerCase();
  const phrase = [];
  for (const form of scriptForms(bare, settings)) {
    const needle = joined(form, settings).toLowerCase();
    for (let at = needle ? lower.indexOf(needle) : -1; at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      phrase.push([at, at + needle.length]);
    }
  }
  let ranges = phrase;
  if (!phrase.length) {
    const runs = [];
    for (const [from, to] of found) {
      const last = runs[runs.length - 1];
      if (last && !text.slice(last[1], from).trim()) last[1] = to;
      else runs.push([from, to]);
    }
    const lone = (from, to) => to - from === 1 && settings.run.test(text[from]) && [...bare].length > 1;
    ranges = runs.filter(([from, to]) => !lone(from, to));
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const parts = [];
  let at = 0;
  for (const [from, to] of ranges) {
    if (from < at) continue; // overlapping forms of one phrase: the first marks it
    if (from > at) parts.push([text.slice(at, from), false]);
    parts.push([text.slice(from, to), true]);
    at = to;
  }
  if (at < text.length) parts.push([text.slice(at), false]);
  return parts;
}

// A query's words as the text writes them: no space beside a Chinese character (the reader may type "AI 治理").
function joined(query, {run}) {
  return query.replace(/\s+/gu, (space, offset) => {
    const before = [...query.slice(0, offset)].pop() ?? "";
    const after = [...query.slice(offset + space.length)][0] ?? "";
    return run.test(before) || run.test(after) ? "" : " ";
  });
}
