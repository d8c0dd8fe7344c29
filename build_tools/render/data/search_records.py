"""Search records: one per view (中文, 繁體, English, the unofficial English …), holding every block of the view with
its anchor, so that the search finds the blocks of a view and a result lands on the block (``/<id>/zh/#p14``).

One record a view, not a block: Pagefind lists every record in the index's metadata, which a reader's first search
fetches whole, and at 500 documents a record per block made it 190 KB before any word was looked up (a record per
view, 12 KB). The search script finds the blocks in a view's record by their anchors (:func:`record_html`).

Chinese and Japanese text is indexed one character to a word: a space stands on each side of every character of
:data:`SPACED` in the indexed text, and the site's search script splits a query the same way before it searches.
Left to themselves, Pagefind's indexer and the browser segment a query with different dictionaries, and a word
cut one way in the text and another in the query is never found (同球共济 was cut 同/球/共/济 in the query and
otherwise in the index); one character a word cannot disagree, and a phrase search of the spaced characters
finds exactly the blocks that hold the query's characters in that order.

A query in one Chinese script finds the other script's blocks too: the search script writes it in the other
script with :func:`script_pairs` — every Simplified character of the edition beside the Traditional one the
繁體 view prints for it (the view is OpenCC's conversion of the Simplified text, character for character) — and
searches both.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from build_tools.editorial.traditional import traditional_version
from build_tools.ingest.cleaning.chinese import HAN
from build_tools.model import urls
from build_tools.model.edition import Document, Edition, Version
from build_tools.model.languages import LANGUAGES
from build_tools.model.records import LANGS
from build_tools.render.annotated import concordance, view_versions
from build_tools.render.elements import element, to_html

# Han (the cleaning rules' unified ideographs and extension A, with the compatibility ideographs and extensions B
# to F, which a query may hold), kana: the characters written without spaces between words. The search script
# builds its own pattern from this one (``edition-search.json``).
SPACED = f"\u3040-\u30ff{HAN}\uf900-\ufaff\U00020000-\U0002ebef"
_SPACE_AROUND = re.compile(f"(?<=[{SPACED}])(?=\\S)|(?<=\\S)(?=[{SPACED}])")
# The metadata holding a Chinese title spaced (publish/search.js ranks by it no more than by the title).
TITLE_WORDS = "title_words"
# The views that set versions side by side: their blocks are found in the views of each version.
SIDE_BY_SIDE = (urls.PARALLEL, urls.TRADITIONAL_PARALLEL, urls.COMPARE)
# The language filter's values: the two Chinese scripts by name, other languages by their own names.
LANGUAGE_NAMES = {"zh": "简体中文", urls.TRADITIONAL: "繁體中文"}
# A document's own numbers as a researcher writes them in Chinese: 第十二 for 十二、, 第三 for （三）.
_OWN_MARK = re.compile(r"[、.．。()（）]")
# A query naming an item as a block's item words do (``_own_number_words``): the search script ranks the items so
# numbered before the same words in a text.
ITEM_QUERY = r"^(第[〇零一二三四五六七八九十百千0-9]+|item [0-9]+)$"
# The filters a reader narrows a search by; a record's filters also carry its view's name (``view``), to be shown
# with a result: Pagefind indexes metadata as words, and a search for "English" would find every English view by
# its name. Its only metadata is the document's title in the view's language, found by the title's words.
READER_FILTERS = ("document", "language", "year")


@dataclass(frozen=True)
class SearchBlock:
    """A block of a view as the index holds it."""

    id: str  # the block's anchor: p14, s3
    find: str  # words the block is found by that its text does not hold (its own item number: 第十二, item 12)
    text: str  # the block's words, Chinese spaced a character to a word


@dataclass(frozen=True)
class SearchRecord:
    """What the search index holds of one view of a document."""

    url: str  # the view's page from the site root: /action-plan-2025/zh/
    lang: str  # the text's BCP 47 tag
    title: str  # the document's title in the view's language, shown with a result and found by its words
    filters: dict[str, list[str]]  # document, language, year; and view, the view's name shown with a result
    blocks: tuple[SearchBlock, ...]


def spaced(text: str) -> str:
    """``text`` with a space on each side of every character written without spaces between words."""
    return _SPACE_AROUND.sub(" ", text)


def view_records(edition: Edition) -> Iterator[SearchRecord]:
    """A record for every view of every document that shows one version, with each of its blocks that has text,
    made as they are taken (the search stage sends each to the indexer as the next is made)."""
    for doc in edition.documents:
        yield from _document_records(doc)


def _document_records(doc: Document) -> list[SearchRecord]:
    record = doc.record
    own = concordance(doc)
    filters = {"document": [record.short_title or record.titles.get("en") or next(iter(record.titles.values()))],
               "year": [record.date[:4]]}
    records = []
    for view, version in _views(doc):
        lang = LANGS[version.lang]
        blocks = []
        for block in doc.blocks:
            cell = version.cells[block.id]
            if cell.status != "text":
                continue
            number = own.get(block.id)
            find = spaced(_own_number_words(number.mark, number.value, lang)) if number else ""
            blocks.append(SearchBlock(block.id, find, spaced(cell.text)))
        language = LANGUAGE_NAMES.get(version.lang) or LANGUAGES[version.lang].name
        records.append(SearchRecord(
            url="/" + urls.view_path(doc.id, record.kind, view), lang=lang,
            title=version.title, filters={**filters, "language": [language], "view": [version.label]},
            blocks=tuple(blocks)))
    return records


def record_html(record: SearchRecord) -> str:
    """The record as the page Pagefind indexes: its metadata and filters in the head, and each block an anchor
    holding the words it is found by (its item number, or nothing) followed by its text, so that the search script
    finds a word's block by the last anchor before the word (``publish/search.js``)."""
    # A Chinese title is also indexed spaced, a character to a word as the text is: the search script reads a
    # view whose text lacks a word of the query but whose title holds it as a title match.
    title_words = spaced(record.title)
    head = element("head", {}, element("meta", {"data-pagefind-meta": "title[content]", "content": record.title}),
                   *([element("meta", {"data-pagefind-meta": f"{TITLE_WORDS}[content]", "content": title_words})]
                     if title_words != record.title else []),
                   *(element("meta", {"data-pagefind-filter": f"{key}[content]", "content": value})
                     for key, values in record.filters.items() for value in values))
    # Inline elements with a line break between: after a block element's text Pagefind adds a full stop the text
    # does not have ("培養." for a heading), which a result would show.
    body = element("body", {}, *(item for block in record.blocks
                                 for item in (element("a", {"id": block.id}, block.find), " ",
                                              element("span", {}, block.text), "\n")))
    return "<!DOCTYPE html>" + to_html(element("html", {"lang": record.lang}, head, body))


def _views(doc: Document) -> list[tuple[str, Version]]:
    """Each view that shows one version, with it: the versions' own views, the 繁體 view, an excerpt's page."""
    return [(view, view_versions(doc, view)[0]) for view in urls.document_views(doc) if view not in SIDE_BY_SIDE]


def _own_number_words(mark: str, value: int, lang: str) -> str:
    """How a researcher names a numbered item in the view's language: 第十二 and 第12 for 十二、 in Chinese, item 12
    in English (a translation's own "12." is in its text)."""
    if lang.startswith("zh"):
        return " ".join(dict.fromkeys([f"第{_OWN_MARK.sub('', mark)}", f"第{value}"]))
    return f"item {value}"


def script_pairs(edition: Edition) -> dict[str, str]:
    """Every Simplified character of the edition's Chinese text that the 繁體 view prints otherwise, with every
    character the view prints for it, most often first (制 → 製制: 製造 but 制定)."""
    printed: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for doc in edition.documents:
        zh = doc.version("zh")
        if not zh:
            continue
        hant = traditional_version(zh)
        texts = [(zh.title, hant.title)] + [(cell.text, hant.cells[block_id].text)
                                            for block_id, cell in zh.cells.items() if cell.status == "text"]
        for simplified, traditional in texts:
            # s2tw converts character for character; a text whose length changed is not paired up.
            if len(simplified) == len(traditional):
                for s, t in zip(simplified, traditional):
                    printed[s][t] += 1
    return {s: "".join(t for t, _ in counts.most_common()) for s, counts in sorted(printed.items())
            if set(counts) != {s}}
