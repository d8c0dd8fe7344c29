"""The glossary: key terms, every rendering the official translations use, and every occurrence.

Renderings are computed, not asserted: for each occurrence of a term in a Chinese block, the build
looks in the aligned official English block for each candidate rendering listed in
``source_texts/glossary/terms.yml`` and counts those it finds; the unofficial English translations are
searched the same way and counted apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.ingest.schema import Shape, identifier, list_of, optional, required, text, unique
from build_tools.ingest.yamlio import load_yaml
from build_tools.model.edition import Document, Version
from build_tools.model.editorial import Occurrence, Term
from build_tools.model.errors import EditionError
from build_tools.model.labels import is_reserved_anchor

TERM = Shape("glossary term", Term, {
    "id": required(identifier("glossary ID")),
    "zh": required(list_of(text, min_items=1, what="a list of Chinese forms"), to="forms"),
    "gloss": optional(text, ""), "renderings": optional(list_of(text, what="a list of renderings"), (), to="candidates")},
    line_to="line")
GLOSSARY = Shape("glossary", lambda terms: terms, {"terms": optional(list_of(TERM, what="a list of terms"), ())})


def load_glossary(path: Path, documents: list[Document]) -> list[Term]:
    """The glossary with its occurrences found in every Chinese text of the edition."""
    terms: tuple[Term, ...] = GLOSSARY(load_yaml(path))
    unique(path, terms, lambda term: term.id, lambda term: term.line, "glossary ID",
           "give every term its own ID: it is the term's anchor on the glossary page")
    _check_anchors_and_forms(path, terms)
    for term in terms:
        term.occurrences = [o for doc in documents for o in _occurrences(term, doc)]
        if not term.occurrences:
            raise EditionError(path, term.line, f"glossary term {term.forms[0]} occurs nowhere",
                               "check its Chinese forms against the texts")
    return list(terms)


def _check_anchors_and_forms(path: Path, terms: tuple[Term, ...]) -> None:
    """A term's ID is an anchor of its own on the glossary page, and a Chinese form belongs to one term only."""
    claimed: dict[str, str] = {}
    for term in terms:
        if is_reserved_anchor(term.id):
            raise EditionError(path, term.line, f"glossary ID {term.id!r} is an ID the generated pages already use",
                               "choose another ID, such as the term's pinyin: it is its anchor on the glossary page")
        for form in term.forms:
            if form in claimed:
                raise EditionError(path, term.line, f"Chinese form {form} of {term.id} is also a form of "
                                   f"{claimed[form]}", "list each form under one term only")
            claimed[form] = term.id


def _occurrences(term: Term, doc: Document) -> list[Occurrence]:
    zh = doc.version("zh")
    if zh is None:
        return []
    english = next((v for v in doc.versions if v.lang == "en" and v.status == "official"), None)
    unofficial = [v for v in doc.versions if v.lang == "en" and v.status == "unofficial"]
    found = []
    pattern = re.compile("|".join(re.escape(f) for f in sorted(term.forms, key=len, reverse=True)))
    for block in doc.blocks:
        text = zh.cells[block.id].text
        en_text = _english(english, block.id)
        rendered = tuple(c for c in term.candidates if _contains(en_text, c.lower()))
        # The unofficial translations are searched too, and counted apart: they show how a text with no official
        # English, or a second translator, renders the term ("AI for good" in the China–France excerpts).
        unofficially: tuple[str, ...] = ()
        where = ""
        for version in unofficial:
            other = _english(version, block.id)
            if candidates := tuple(c for c in term.candidates if _contains(other, c.lower())):
                unofficially, where = _longest(candidates), version.key
                break
        found += [Occurrence(doc.id, block.id, m.group(), m.start(), _longest(rendered), bool(en_text),
                             unofficially, where) for m in pattern.finditer(text)]
    return found


def _english(version: Version | None, block_id: str) -> str:
    """A version's English text of a block, lower-cased; an excerpt spanning the block gives its own text."""
    if version is None:
        return ""
    cell = version.cells[block_id]
    cell = version.cells[cell.covered_by] if cell.status == "covered" else cell
    return cell.text.lower() if cell.status == "text" else ""


def _contains(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text) is not None


def _longest(renderings: tuple[str, ...]) -> tuple[str, ...]:
    """Drop a rendering contained in a longer one found in the same block (``for good`` in ``AI for good``)."""
    return tuple(r for r in renderings if not any(r != o and r.lower() in o.lower() for o in renderings))
