"""The textual apparatus: every changed word with its witness reading, and the collation of witnesses.

Two sources feed it: the strip reports (emendations, and repairs that replaced a character that
could be read as a word, such as 一 for the dash ——), and the collation of a version's second
witness against its base, word by word, with punctuation-only differences grouped.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable

from build_tools.model.edition import Document, Texts
from build_tools.model.editorial import ApparatusEntry
from build_tools.model.text import Line

WORD_CHANGING_RULES = {"emendation": "emendation", "repair_list_dash_misread": "repair"}
# A word keeps its apostrophes, inside (humanity's) and at its end (countries'), so that an entry on an apostrophe
# shows the word that holds it.
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*['’]?|[^\w\s]")


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
        for witness, collated in version.collated_lines.items():
            for block_id, units in collated.items():
                entries += collate(block_id, version.key, version.cells[block_id].text, units, witness)
    order = {b.id: i for i, b in enumerate(doc.blocks)}
    return sorted(entries, key=lambda e: (order[e.block], e.version))


def collate(block_id: str, version: str, base: str, other: tuple[Line, ...], witness: str) -> list[ApparatusEntry]:
    """Word-level variants of ``other`` (a block of a second witness, as the lines it was joined from) against
    ``base``, each with the raw line of the witness it stands on; punctuation-only ones grouped into one entry."""
    text = " ".join(line.text for line in other)
    a = TOKEN.findall(base)
    found = list(TOKEN.finditer(text))
    b = [m.group() for m in found]
    line_at = _raw_lines(other)
    variants: list[ApparatusEntry] = []
    punctuation: dict[tuple[str, str], list[int | None]] = {}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lemma, reading = _join(a[i1:i2]), _join(b[j1:j2])
        # Where the witness reads it; a reading it lacks ("—") stands where its next word does.
        where = line_at(found[min(j1, len(found) - 1)].start()) if found else None
        if _words(lemma) == _words(reading):
            punctuation.setdefault((lemma, reading), []).append(where)
        else:
            variants.append(ApparatusEntry(block_id, version, "variant", lemma or "—", reading or "—", witness,
                                           where, lines=(where,) if where else ()))
    for (lemma, reading), places in sorted(punctuation.items()):
        lines = tuple(line for line in places if line is not None)
        variants.append(ApparatusEntry(block_id, version, "punctuation", lemma or "—", reading or "—", witness,
                                       lines[0] if lines else None, count=len(places), lines=lines))
    return variants


def _raw_lines(units: tuple[Line, ...]) -> Callable[[int], int]:
    """The raw line of a character of the units' joined text (a unit of several raw lines: its first)."""
    starts, position = [], 0
    for unit in units:
        starts.append(position)
        position += len(unit.text) + 1
    return lambda offset: units[bisect.bisect_right(starts, offset) - 1].first


def _join(tokens: list[str]) -> str:
    return re.sub(r" (?=[^\w\s])|(?<=[‘“(]) ", "", " ".join(tokens))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("’", "'").lower())
