"""The boilerplate phrases (``source_texts/cleaning/boilerplate.yml``): read and checked against their shape."""

from __future__ import annotations

from pathlib import Path

from build_tools.ingest.schema import Shape, boolean, list_of, one_of, optional, required, text, unique
from build_tools.ingest.yamlio import load_yaml
from build_tools.model.errors import EditionError
from build_tools.model.text import BOILERPLATE_SECTIONS, Boilerplate, Phrase

BOILERPLATE_FILE = Path("cleaning") / "boilerplate.yml"

PHRASE = Shape("boilerplate phrase", Phrase, {
    "phrase": required(text), "reason": required(text), "key": optional(text, ""), "colon": optional(boolean),
    "match": optional(one_of("line", "contains"))}, line_to="line")
# Sections whose phrases are found inside a line, and the fewest characters that make such a phrase unmistakable.
WITHIN_LINE = ("prompts", "disclaimers")
SHORTEST_WITHIN = 4
FILE = Shape("boilerplate file", Boilerplate, {
    section: optional(list_of(PHRASE, what=f"a list of {section} phrases"), ()) for section in BOILERPLATE_SECTIONS})


def load_boilerplate(source_dir: Path) -> Boilerplate:
    """The phrases under ``source_texts/``; each phrase once per section, provenance phrases with their key."""
    path = source_dir / BOILERPLATE_FILE
    boilerplate: Boilerplate = FILE(load_yaml(path))
    for section in BOILERPLATE_SECTIONS:
        phrases: tuple[Phrase, ...] = getattr(boilerplate, section)
        unique(path, phrases, lambda p: p.phrase, lambda p: p.line, f"{section} phrase",
               "list each phrase once in its section")
        for phrase in phrases:
            _check_phrase(path, section, phrase)
    return boilerplate


def _check_phrase(path: Path, section: str, phrase: Phrase) -> None:
    """The options a phrase gives belong to its section; a phrase found inside lines is long enough to be sure."""
    where = f"{section} phrase {phrase.phrase!r}"
    if (section == "provenance") != bool(phrase.key):
        fix = "give key: (the metadata key, e.g. original_source)" if section == "provenance" else \
            "remove key: (only provenance phrases are kept as metadata)"
        raise EditionError(path, phrase.line, f"{where} {'has no' if section == 'provenance' else 'has a'} key", fix)
    if phrase.colon is not None and section != "provenance":
        raise EditionError(path, phrase.line, f"{where} has colon:", "remove it: only provenance labels take colon:")
    if phrase.match is not None and section not in WITHIN_LINE:
        raise EditionError(path, phrase.line, f"{where} has match:",
                           f"remove it: only {' and '.join(WITHIN_LINE)} phrases are found inside lines")
    if section in WITHIN_LINE and phrase.match != "line" and len(phrase.phrase) < SHORTEST_WITHIN:
        raise EditionError(path, phrase.line, f"{where} is shorter than {SHORTEST_WITHIN} characters and would be "
                           "found inside ordinary words", "lengthen it (设为星标, not 星标), or add match: line")
