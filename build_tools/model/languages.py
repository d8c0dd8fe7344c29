"""The languages a version may be written in, declared once: code → BCP 47 tag and names.

A record's ``lang:`` and the start of every version key are one of these codes; pages, data, citations
and the print take the tag for their ``lang`` attributes and the names for labels. Every language here is
written left to right: the pages set no ``dir``, so a right-to-left language needs that before it is added.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language of the edition's versions."""

    tag: str  # BCP 47, for lang attributes and the data
    name: str  # its own name: a version's default label
    english: str  # its English name: citations and their language field (biblatex langid)
    cleaned_as: str  # whose cleaning rules its witnesses take (ingest/cleaning/pipelines.py is keyed by zh and en)


# Words spaced and wrapped like English take the English rules (hard-wrap joins, comma spacing); Japanese, set
# like Chinese in full-width punctuation without spaces, takes the Chinese ones.
LANGUAGES = {
    "zh": Language("zh-Hans", "中文", "Chinese", "zh"),
    "en": Language("en", "English", "English", "en"),
    "fr": Language("fr", "Français", "French", "en"),
    "de": Language("de", "Deutsch", "German", "en"),
    "es": Language("es", "Español", "Spanish", "en"),
    "ru": Language("ru", "Русский", "Russian", "en"),
    "ja": Language("ja", "日本語", "Japanese", "zh"),
}
# The 繁體 reading view's tag: the edition derives it from zh, no record writes it.
TRADITIONAL_TAG = "zh-Hant"


def in_language(values: dict[str, str], lang: str) -> str:
    """A record's title or issuing body in ``lang``; else in English; else the first it gives."""
    # A Chinese-only document may have no English title: it is then named in the language it has.
    return values.get(lang) or values.get("en") or next(iter(values.values()), "")
