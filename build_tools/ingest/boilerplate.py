"""The boilerplate phrases (``source_texts/cleaning/boilerplate.yml``): read and checked against their shape."""

from __future__ import annotations

from pathlib import Path

from build_tools.ingest.schema import Shape, boolean, list_of, optional, required, text, unique
from build_tools.ingest.yamlio import load_yaml
from build_tools.model.errors import EditionError
from build_tools.model.text import BOILERPLATE_SECTIONS, Boilerplate, Phrase

BOILERPLATE_FILE = Path("cleaning") / "boilerplate.yml"

PHRASE = Shape("boilerplate phrase", Phrase, {
    "phrase": required(text), "reason": required(text), "key": optional(text, ""), "colon": optional(boolean, True)}, line_to="line")
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
            if (section == "provenance") != bool(phrase.key):
                fix = "give key: (the metadata key, e.g. original_source)" if section == "provenance" else \
                    "remove key: (only provenance phrases are kept as metadata)"
                raise EditionError(path, phrase.line, f"{section} phrase {phrase.phrase!r} "
                                   f"{'has no' if section == 'provenance' else 'has a'} key", fix)
    return boilerplate
