"""Search records: one per block and view (中文, 繁體, English, the unofficial English …), each landing on its
block's anchor, with what a result shows (the document's title, the view, ¶N) and what it is filtered by.

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
from collections import Counter
from dataclasses import dataclass, field

from build_tools.editorial.traditional import traditional_version
from build_tools.model import urls
from build_tools.model.edition import Document, Edition, Version
from build_tools.model.labels import block_label
from build_tools.model.languages import LANGUAGES
from build_tools.model.records import LANGS
from build_tools.render.annotated import concordance

# Han (the unified ideographs, extensions A to F, compatibility ideographs), kana: the characters written without
# spaces between words. The search script builds its own pattern from this one (``edition-search.json``).
SPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_SPACE_AROUND = re.compile(f"(?<=[{SPACED}])(?=\\S)|(?<=\\S)(?=[{SPACED}])")
# The language filter's values: the two Chinese scripts by name, other languages by their own names.
LANGUAGE_NAMES = {"zh": "简体中文", urls.TRADITIONAL: "繁體中文"}
# A document's own numbers as a researcher writes them in Chinese: 第十二 for 十二、, 第三 for （三）.
_OWN_MARK = re.compile(r"[、.．。()（）]")


@dataclass(frozen=True)
class SearchRecord:
    """What the search index holds of one block in one view."""

    url: str  # from the site root, with the block's anchor: /action-plan-2025/zh/#p14
    lang: str  # the text's BCP 47 tag
    content: str  # the indexed text: the block's words, Chinese spaced a character to a word
    meta: dict[str, str]  # shown with a result: title, view, block; and "find", words that find it but are not shown
    filters: dict[str, list[str]] = field(default_factory=dict)  # document, language, year


def spaced(text: str) -> str:
    """``text`` with a space on each side of every character written without spaces between words."""
    return _SPACE_AROUND.sub(" ", text)


def block_records(edition: Edition) -> list[SearchRecord]:
    """A record for every block with text in every view of every document."""
    return [record for doc in edition.documents for record in _document_records(doc)]


def _document_records(doc: Document) -> list[SearchRecord]:
    record = doc.record
    own = concordance(doc)
    titles = " ".join(dict.fromkeys(title for title in [*record.titles.values(), record.short_title] if title))
    filters = {"document": [record.short_title or record.titles.get("en") or next(iter(record.titles.values()))],
               "year": [record.date[:4]]}
    records = []
    for view, version in _views(doc):
        page = "/" + urls.view_path(doc.id, record.kind, view)
        language = LANGUAGE_NAMES.get(version.lang) or LANGUAGES[version.lang].name
        for block in doc.blocks:
            cell = version.cells[block.id]
            if cell.status != "text":
                continue
            number = own.get(block.id)
            # Found by the document's title in any language and by its own number, neither of which the text holds.
            find = titles + (" " + _own_number_words(number.mark, number.value) if number else "")
            records.append(SearchRecord(
                url=f"{page}#{block.id}", lang=LANGS[version.lang], content=spaced(cell.text),
                meta={"title": version.title, "view": version.label, "block": block_label(block.id),
                      "find": spaced(find)},
                filters={**filters, "language": [language]}))
    return records


def _views(doc: Document) -> list[tuple[str, Version]]:
    """Each view that shows one version, with it: the versions' own views and the 繁體 view, or an excerpt's page."""
    if doc.record.kind != "document":
        return [(urls.EXCERPT, version) for version in doc.versions]
    views = [(version.key, version) for version in doc.versions]
    if zh := doc.version("zh"):
        views.append((urls.TRADITIONAL, traditional_version(zh)))
    return views


def _own_number_words(mark: str, value: int) -> str:
    """How a researcher names a numbered item: 第十二 and 第12 for 十二、, item 12."""
    bare = _OWN_MARK.sub("", mark)
    return " ".join(dict.fromkeys([f"第{bare}", f"第{value}", f"item {value}"]))


def script_pairs(edition: Edition) -> dict[str, str]:
    """Every Simplified character of the edition's Chinese text that the 繁體 view prints otherwise, with every
    character the view prints for it, most often first (制 → 製制: 製造 but 制定)."""
    printed: dict[str, Counter[str]] = {}
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
                    printed.setdefault(s, Counter())[t] += 1
    return {s: "".join(t for t, _ in counts.most_common()) for s, counts in sorted(printed.items())
            if set(counts) != {s}}
