// The edition's search over its Pagefind index (build_tools/publish/search.py), for the site's search page and
// dialog (assets/search.js) and for the relevance test: search(query) and the filters' values, filterValues().
//
// The index holds one record a view, with an anchor before each block (render/data/search_records.py): Pagefind
// finds the views and the places of the query's words in each; a view's fragment, fetched only when its blocks
// are to be shown, tells which block each place is in. A query is searched as the index was written: Chinese and
// Japanese characters a word each, and in both Chinese scripts. The views come in the order of the best a block
// of theirs may do (the query as a phrase as typed, in the other script, its words apart, only a title), each
// group much as Pagefind ranks it; the blocks of the views fetched together by how well they hold the query (TYPED …
// NAMED below), the views taking turns. Loaded only when a reader searches.
import * as pagefind from "./pagefind.js";

// The words a view is found by but which rank nothing (the document's title, and a Chinese one spaced) weigh nothing
// against the text: "Global South" must rank the paragraphs that say it, not the documents named Global …
const RANKING = {metaWeights: {title: 0, title_words: 0}};
// A character with several forms in the other script is written each way, up to this many forms of a query.
const MAX_FORMS = 8;
// Words of its block a result shows, around the first place the query is found (Pagefind's own excerpt length).
const EXCERPT = 30;
// Views whose fragments are fetched at once while results are gathered.
const BATCH = 3;
const WORD = /[\r\n\s]+/g; // how Pagefind splits a view's content into the words its places count
const JOINED = /[-\u2010\u2011/]/u; // what joins words into one: open-source, open/source

let ready = null;

function start() {
  // A start that failed (the index not reached) is tried again at the next search.
  ready ??= (async () => {
    const settings = fetch(new URL("edition-search.json", import.meta.url)).then((response) => response.json());
    // In the page's own thread: a search of a few thousand views is quick, and a worker is one more script to fetch.
    await pagefind.options({ranking: RANKING, noWorker: true});
    await pagefind.init();
    const {spaced, traditional, marks, filters, item} = await settings;
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
      marks,
      filters,
      item: item ? new RegExp(item, "iu") : /$^/u, // settings cached from before items were known: no query is one
    };
  })().catch((error) => {
    ready = null;
    throw error;
  });
  return ready;
}

// The values each filter takes (document, language, year), as the build wrote them.
export async function filterValues() {
  return (await start()).filters;
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

// How well a block holds the query: the phrase as typed in its text, the phrase in the other script, the phrase
// in the words a block is found by but does not show (its item number: 第十二), all the words apart; a view whose
// title holds the query gives its first block, last.
const [TYPED, TYPED_ELSEWHERE, NUMBERED, WORDS, NAMED] = [0, 1, 2, 3, 4];
const ORDER = [TYPED, TYPED_ELSEWHERE, NUMBERED, WORDS, NAMED];
// A query naming an item as the documents number it (第十二, item 12) finds the items so numbered first: in every
// view where Pagefind finds it as a phrase, most often as an item's number, and a view may give a block as soon as
// it is read (read last, they would be read all, the phrase in some text ranking first: 1 MB at 500 documents).
const ITEM_ORDER = [NUMBERED, TYPED, TYPED_ELSEWHERE, WORDS, NAMED];

// The results of one query: ``next(count)`` gives the next blocks in the edition's order, each {url, title, view,
// block, language, parts} (parts: what it shows, see ``snippetParts``), and ``done`` says whether any is left.
// ``filters`` as Pagefind takes them ({language: ["English"]}).
export async function search(query, {filters = {}} = {}) {
  const settings = await start();
  const typed = query.trim().replace(/^"(.*)"$/u, "$1").replace(/\s+/gu, " ");
  const forms = scriptForms(typed, settings).map((form) => form.replace(settings.around, " ").replace(/\s+/gu, " ")
    .trim());
  // The query's words, each form's: punctuation typed with them is no word of the index.
  const formWords = forms.map((form) => form.split(" ").filter((word) => /[\p{L}\p{N}]/u.test(word)));
  if (!formWords[0].length) return new Results([], ORDER, [], [], forms, typed, settings);
  // Each of the query's words as it may be written (a Chinese character in either script), searched alone: the
  // places of each word tell whether a block holds them all, and the views holding every word are those where
  // each is found. Not searched together as well: Pagefind would look every word up again, the longest of its
  // searches (人工智能 on 1,900 views of the edition's texts: the first ten results in 0.68 s with it, 0.50 without).
  const choices = formWords[0].map((_, at) => [...new Set(formWords.map((words) => words[at]))]);
  const terms = [...new Set(choices.flat())];
  const [phrases, alone] = await Promise.all([
    Promise.all(forms.map((form) => pagefind.search(`"${form}"`, {filters}))),
    Promise.all(terms.map((term) => pagefind.search(term, {filters}))),
  ]).catch(async (error) => {
    // Pagefind keeps an index it could not read: it is started afresh at the next search.
    ready = null;
    await pagefind.destroy();
    throw error;
  });
  // Every place of each word in each view, where Pagefind finds the word (the word itself, words of its stem or
  // beginning with it: governance, governments; 20, 2025), and Pagefind's score for it there.
  const found = new Map();
  alone.forEach((results, i) => results.results.forEach((result) => {
    if (!found.has(result.id)) found.set(result.id, {result, terms: new Map(), scores: new Map()});
    found.get(result.id).terms.set(terms[i], result.words);
    found.get(result.id).scores.set(terms[i], result.score);
  }));
  // Whether each of the query's words (in either script) is found in a view as ``test`` has it: a place of each
  // holds the words apart; a word found with no place is in the view's title.
  const holds = (view, test) => choices.every((ways) => ways.some((term) => test(view.terms.get(term))));
  const placed = (places) => Boolean(places?.length);
  // The views holding every word: a view where one is not found holds nothing and is not read (Pagefind finds a
  // hyphened word's parts: win-win in "win win"). In the order of the first form of the query whose words a view
  // holds (the query as typed first), then by the sum of Pagefind's scores for those words: close to Pagefind's
  // order for the form's words searched together, which sums its words' scores too (not quite: it scores a word
  // found twice at one place once).
  const ranked = [...found.values()].filter((view) => holds(view, (places) => places !== undefined))
    .map((view) => {
      const form = formWords.findIndex((words) => words.every((word) => view.terms.has(word)));
      const words = form < 0 ? [] : formWords[form];
      return {view, form: form < 0 ? forms.length : form,
              score: words.reduce((sum, word) => sum + view.scores.get(word), 0)};
    })
    .sort((a, b) => a.form - b.form || b.score - a.score);
  const apart = new Map(ranked.map(({view}) => [view.result.id, view]));
  // Each view once, at the best tier it may give a block, in the query's order of tiers: a phrase Pagefind finds in
  // a text may be an item's number, the best tier of a query naming an item; then the words apart in a text; then
  // the views holding a word only in a title, which give their first block and are read after the views that may
  // give more (a word of every document's title, 合成 in 合成文件, would otherwise read every view): those whose
  // text holds some of the words first, then those holding the query as a phrase in a title. (A hyphened word
  // holds a phrase Pagefind does not see: its view waits among those holding the words apart, and its block comes
  // after the better blocks fetched before it.)
  const views = new Map();
  const add = (tier, list) => {
    for (const view of list) {
      if (!views.has(view.result.id)) views.set(view.result.id, {...view, tier});
    }
  };
  // The views a phrase is found in, in Pagefind's order; in a text (at places) or anywhere.
  const phrased = (results, placedOnly) => results.results.filter((result) => !placedOnly || result.words.length)
    .map(({id}) => apart.get(id)).filter(Boolean);
  const order = settings.item.test(typed) ? ITEM_ORDER : ORDER;
  phrases.forEach((results, i) => add(order[0] === NUMBERED ? NUMBERED : i ? TYPED_ELSEWHERE : TYPED,
                                      phrased(results, true)));
  const somewhere = [...apart.values()].filter((view) => [...view.terms.values()].some(placed));
  add(WORDS, somewhere.filter((view) => holds(view, placed)));
  add(NAMED, somewhere);
  phrases.forEach((results) => add(NAMED, phrased(results, false)));
  add(NAMED, apart.values());
  // Stable: within a tier, the order they were added in.
  const ordered = [...views.values()].sort((a, b) => order.indexOf(a.tier) - order.indexOf(b.tier));
  return new Results(ordered, order, choices, formWords, forms, typed, settings);
}

class Results {
  constructor(views, order, choices, formWords, forms, query, settings) {
    this.waiting = views; // to be fetched, in order: the best tier each may give never rises along it
    this.order = order; // the tiers, best first
    this.choices = choices;
    // Each form's words as a phrase is matched: a word joined by a hyphen or slash is its parts.
    this.phrases = formWords.map((words) => words.flatMap((word) => word.split(JOINED)).filter((word) => bare(word)));
    this.formWords = formWords;
    this.forms = forms;
    this.query = query;
    this.settings = settings;
    this.found = ORDER.map(() => []); // the blocks found for each tier, in the order shown
  }

  rank(tier) {
    return this.order.indexOf(tier);
  }

  // True when no block is left; false while views wait to be read, which may give none.
  get done() {
    return !this.waiting.length && this.found.every((blocks) => !blocks.length);
  }

  // The next ``count`` blocks, one call after another (a second call waits for the first). A block is shown once
  // no view still waiting may give a better one; the views are fetched BATCH at a time in their order, and within
  // a tier the views of a fetch take turns: the best block of each, then the second of each …; a view's blocks by
  // how many of the query's places they hold, then in the text's order.
  next(count) {
    const taken = (this.taking ?? Promise.resolve()).catch(() => {}).then(() => this.take(count));
    this.taking = taken;
    return taken;
  }

  async take(count) {
    const blocks = [];
    while (blocks.length < count) {
      const best = this.order.find((tier) => this.found[tier].length);
      if (best !== undefined && (!this.waiting.length || this.rank(best) <= this.rank(this.waiting[0].tier))) {
        blocks.push(this.found[best].shift());
      }
      else if (this.waiting.length) {
        const batch = this.waiting.slice(0, BATCH);
        await this.fetch(batch); // a fetch that fails leaves its views waiting
        this.waiting.splice(0, batch.length);
      } else break;
    }
    return blocks.map((block) => block());
  }

  async fetch(views) {
    const fragments = await Promise.all(views.map((view) => view.result.data()));
    // The content as indexed; Pagefind's raw_content is the same written as HTML.
    const texts = fragments.map((fragment) => fragment.content.split(WORD));
    const ranked = views.map((view, i) => {
      const blocks = blocksOf(fragments[i], texts[i].length);
      const held = view.tier === NAMED ? [] : blocks.map((block) => ({block, ...this.reached(view, block, texts[i])}))
        .filter((entry) => entry.places)
        .sort((a, b) => this.rank(a.tier) - this.rank(b.tier) || b.exact - a.exact || b.places.size - a.places.size ||
          a.block.from - b.block.from);
      // Found by its title alone (Pagefind's words: governing finds Governance), or holding no block but the query
      // in its title as typed: the view's first block.
      const title = fragments[i].meta.title.toLowerCase();
      const titled = view.tier === NAMED || this.forms.some((form) => title.includes(joined(form, this.settings)
        .toLowerCase()));
      if (!held.length && blocks.length && titled) {
        held.push({block: blocks[0], tier: NAMED, places: new Set(), exact: false});
      }
      return held;
    });
    for (const tier of this.order) {
      const perView = ranked.map((entries) => entries.filter((entry) => entry.tier === tier));
      for (let turn = 0; perView.some((entries) => turn < entries.length); turn += 1) {
        perView.forEach((entries, i) => {
          const entry = entries[turn];
          if (entry) this.found[tier].push(() => this.result(fragments[i], texts[i], entry.block, entry.places));
        });
      }
    }
  }

  // The best tier ``block`` reaches in ``view``, in the query's order, and the places by which it does; no places
  // if it holds nothing (a view's first block, given by its title, is not reached by its text).
  reached(view, block, words) {
    for (const tier of this.order) {
      const reach = this.reach(tier, view, block, words);
      if (reach) return {tier, ...reach};
    }
    return {tier: null, places: null};
  }

  // Whether ``block`` reaches ``tier``: the places by which it does, and whether they hold the query's words as
  // typed; nothing if it does not.
  reach(tier, view, block, words) {
    if (tier === TYPED || tier === TYPED_ELSEWHERE) {
      const indexes = tier === TYPED ? [0] : this.phrases.slice(1).map((_, i) => i + 1);
      const places = new Set(indexes.flatMap((i) => [...phrasePlaces(words, block.from, block.to, this.phrases[i])]));
      // The query's words themselves before the same words with other endings.
      const asTyped = new Set(indexes.flatMap((i) => this.formWords[i].map(bare)));
      return places.size ? {places, exact: [...places].some((place) => asTyped.has(bare(words[place])))} : null;
    }
    if (tier === NUMBERED) {
      return this.phrases.some((phrase) => namesItem(words, block, phrase)) ? {places: new Set(), exact: true} : null;
    }
    if (tier === WORDS) {
      const inText = (place) => place >= block.from && place < block.to;
      const apart = this.choices.map((terms) => terms.flatMap((term) => (view.terms.get(term) ?? []).filter(inText)));
      return apart.every((places) => places.length) ? {places: new Set(apart.flat()), exact: false} : null;
    }
    return null;
  }

  // A block as a result: its address, its document's title, view and label, and what it shows of its text.
  result(fragment, words, block, places) {
    const marked = [...places].sort((a, b) => a - b);
    let from = Math.max(block.from, (marked[0] ?? block.from) - Math.floor(EXCERPT / 3));
    const to = Math.min(block.to, from + EXCERPT);
    from = Math.max(block.from, Math.min(from, to - EXCERPT));
    // An excerpt that starts inside the text does not start on the punctuation after a word left out.
    while (from > block.from && from < to - 1 && !/[\p{L}\p{N}]/u.test(words[from])) from += 1;
    const shown = words.slice(from, to).map((word, i) => [word, places.has(from + i)]);
    return {
      url: `${fragment.url}#${block.id}`,
      title: fragment.meta.title,
      view: (fragment.filters.view ?? [])[0],
      block: this.settings.marks[block.id[0]] + block.id.slice(1),
      language: (fragment.filters.language ?? [])[0],
      parts: snippetParts(shown, this.query, this.settings, from > block.from, to < block.to),
    };
  }
}

// The places where the view's words from ``from`` to ``to`` hold ``phrase``: its words one after another, each as
// ``sameWord`` has it, a word joined by a hyphen or slash holding its parts ("open source" in "open-source", which
// Pagefind's phrase search misses).
function phrasePlaces(words, from, to, phrase) {
  const parts = [];
  for (let place = from; place < to; place += 1) {
    // A word of punctuation alone (，) stays, as a part no phrase matches: a phrase does not run across it.
    words[place].split(JOINED).forEach((part) => parts.push([part, place]));
  }
  const kept = new Set();
  for (let at = 0; phrase.length && at + phrase.length <= parts.length; at += 1) {
    if (phrase.every((word, i) => sameWord(parts[at + i][0], word))) phrase.forEach((_, i) => kept.add(parts[at + i][1]));
  }
  return kept;
}

// Whether the words a block is found by (its item number: 第 十 二 第 12) hold ``phrase`` up to the end of a name:
// 第十 names item 十, not 十一.
function namesItem(words, block, phrase) {
  for (let at = block.find; phrase.length && at + phrase.length <= block.from; at += 1) {
    const end = at + phrase.length;
    if (phrase.every((word, i) => sameWord(words[at + i], word)) &&
        (end === block.from || bare(words[end]) === bare(words[block.find]))) return true;
  }
  return false;
}

// A word as a phrase's words are compared with it: without the punctuation beside it, in lower case.
function bare(word) {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

// The endings of English words, longest first: a word is the query's word with another of them (governance:
// governments, governing; divide: divides; unleashing: unleash), which Pagefind's stems find too; a word that
// only begins with the query's word is not (data: database; 20: 2025; 1: 12).
const ENDINGS = ["ations", "ation", "ments", "ances", "ences", "ities", "ment", "ance", "ence", "ions", "ings", "ity",
                 "ies", "ing", "ion", "ers", "es", "ed", "er", "al", "ly", "s", "d", "e", "y"];
const LATIN = /^\p{Script=Latin}+$/u;

// Whether ``word`` of the text is the query's ``term``: the same word, or for English the same word with another
// ending.
function sameWord(word, term) {
  const [found, sought] = [bare(word), bare(term)];
  if (found === sought) return true;
  if (!LATIN.test(found) || !LATIN.test(sought)) return false;
  const base = (text) => {
    const ending = ENDINGS.find((end) => text.endsWith(end) && text.length - end.length >= 3);
    return ending ? text.slice(0, -ending.length) : text;
  };
  return base(found) === base(sought);
}

// The blocks of a view, from its anchors: each block's id, where its anchor's words (its item number) begin
// (``find``), where its text begins (``from``) and where the next block begins (``to``), as places in the view.
function blocksOf(fragment, end) {
  const anchors = fragment.anchors.filter((anchor) => anchor.element === "a").sort((a, b) => a.location - b.location);
  return anchors.map((anchor, i) => {
    const own = anchor.text?.trim() ? anchor.text.trim().split(WORD).length : 0;
    return {id: anchor.id, find: anchor.location, from: anchor.location + own,
            to: i + 1 < anchors.length ? anchors[i + 1].location : end};
  });
}

// What a result shows of its block, as parts [text, marked] in turn: the words as the text writes them (no space
// beside a Chinese character), marked where they hold the query as a phrase (in either script, in any case); where
// it holds only the query's words apart, the words found, joined across the spaces between them, a Chinese
// character on its own left unmarked when the query is longer (single characters scattered through a paragraph
// point at nothing). An ellipsis stands for the text left out before and after.
function snippetParts(shown, query, settings, before, after) {
  let text = before ? "… " : "";
  const found = [];
  shown.forEach(([word, marked], i) => {
    if (i) text += gap([...text].pop(), [...word][0], settings);
    if (marked) {
      // A word may hold the punctuation beside it (（AI, good）”): the mark is the word.
      const from = word.search(/[\p{L}\p{N}]/u);
      const to = word.length - [...word].reverse().join("").search(/[\p{L}\p{N}]/u);
      if (from >= 0) found.push([text.length + from, text.length + to]);
    }
    text += word;
  });
  if (after) text += " …";
  const lower = lowered(text);
  const phrase = [];
  for (const form of scriptForms(query, settings)) {
    const needle = lowered(joined(form, settings));
    for (let at = needle ? lower.indexOf(needle) : -1; at >= 0; at = lower.indexOf(needle, at + 1)) {
      if (whole(lower, at, at + needle.length, settings)) {
        phrase.push([at, at + needle.length]);
        at += needle.length - 1;
      }
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
    const lone = (from, to) => [...text.slice(from, to)].length === 1 && settings.run.test(text.slice(from, to)) &&
      [...query].length > 1;
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

// Whether text[from, to) stands as words of its own: a Latin word is not marked inside another ("AI" in
// "training"); Chinese, written without spaces, is marked wherever it stands.
function whole(text, from, to, {run}) {
  const letter = /[\p{L}\p{N}]/u;
  const edge = (inside, outside) => !outside || !letter.test(outside) || run.test(inside) || run.test(outside);
  const chars = [...text.slice(from, to)];
  return edge(chars[0], [...text.slice(0, from)].pop()) && edge(chars.at(-1), [...text.slice(to)][0]);
}

// ``text`` in lower case, each character whose lower case is longer (İ) left as it is: the places found in it are
// the places in ``text``.
function lowered(text) {
  return [...text].map((character) => {
    const lower = character.toLowerCase();
    return lower.length === character.length ? lower : character;
  }).join("");
}

// A query's words as the text writes them: no space beside a Chinese character (the reader may type "AI 治理").
function joined(query, settings) {
  return query.replace(/\s+/gu, (space, offset) =>
    gap([...query.slice(0, offset)].pop(), [...query.slice(offset + space.length)][0], settings));
}

// The space between two words as the text writes them: none beside a Chinese character.
function gap(before = "", after = "", {run}) {
  return run.test(before) || run.test(after) ? "" : " ";
}
