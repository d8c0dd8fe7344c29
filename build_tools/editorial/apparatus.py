"""The textual apparatus: every changed word with its witness reading, and the collation of witnesses.

Two sources feed it: the strip reports (emendations, and repairs that replaced a character that
could be read as a word, such as 一 for the dash ——), and the collation of a version's second
witness against its base, word by word, with punctuation-only differences grouped.
"""

from __future__ import annotations

import difflib
import re

from build_tools.model.edition import Document, Texts
from build_tools.model.editorial import ApparatusEntry

WORD_CHANGING_RULES = {"emendation": "emendation", "repair_list_dash_misread": "repair"}
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def document_apparatus(doc: Document, texts: Texts) -> list[ApparatusEntry]:
    """All apparatus entries of one document, in block order."""
    entries: list[ApparatusEntry] = []
    for version in doc.versions:
        base = version.witnesses[0].file
        report = texts.reports[base]
        spans = {c.block_id: c.lines for c in version.cells.values() if c.status == "text" and c.lines}
        for entry in report.entries:
            if entry.rule not in WORD_CHANGING_RULES:
                continue
            block = next((b for b, (first, last) in spans.items() if first <= entry.line <= last), None)
            if block:
                entries.append(ApparatusEntry(block, version.key, WORD_CHANGING_RULES[entry.rule], entry.replacement,
                                              entry.removed, base, entry.line, entry.rule))
        for witness, collated in version.collated.items():
            for block_id, text in collated.items():
                entries += collate(block_id, version.key, version.cells[block_id].text, text, witness)
    order = {b.id: i for i, b in enumerate(doc.blocks)}
    return sorted(entries, key=lambda e: (order[e.block], e.version))


def collate(block_id: str, version: str, base: str, other: str, witness: str) -> list[ApparatusEntry]:
    """Word-level variants of ``other`` against ``base``; punctuation-only ones grouped into one entry."""
    a, b = TOKEN.findall(base), TOKEN.findall(other)
    variants: list[ApparatusEntry] = []
    punctuation: dict[tuple[str, str], int] = {}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lemma, reading = _join(a[i1:i2]), _join(b[j1:j2])
        if _words(lemma) == _words(reading):
            punctuation[(lemma, reading)] = punctuation.get((lemma, reading), 0) + 1
        else:
            variants.append(ApparatusEntry(block_id, version, "variant", lemma or "—", reading or "—", witness))
    variants += [ApparatusEntry(block_id, version, "punctuation", lemma or "—", reading or "—", witness, count=n)
                 for (lemma, reading), n in sorted(punctuation.items())]
    return variants


def _join(tokens: list[str]) -> str:
    return re.sub(r" (?=[^\w\s])|(?<=[‘“(]) ", "", " ".join(tokens))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("’", "'").lower())
