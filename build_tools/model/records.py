"""Edition records as typed values: a document, its versions, and how each raw witness contributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.model.text import Emendation

LANGS = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}
# The languages a record's versions are written in; zh-hant is derived from zh by the edition.
RECORD_LANGS = ("zh", "en")
# Names at the root of the site that are the site's own (its reference pages and folders, the engine's
# search and assets): no document ID may take one. Hand-written pages of docs/ are added when records load.
SITE_NAMES = frozenset({"index", "sources", "glossary", "echoes", "changelog", "cleaning-rules", "how-to-cite",
                        "editorial-principles", "data", "pdf", "search", "assets", "404", "sitemap"})

@dataclass(frozen=True)
class ExcerptUse:
    """An aggregator excerpt placed against the blocks it translates."""

    excerpt: int
    blocks: tuple[str, ...] = ()
    starts_mid_block: bool = False
    note: str = ""

@dataclass(frozen=True)
class WitnessUse:
    """How one raw file contributes to a version."""

    file: str
    line: int | None = None
    role: str = "base"
    span: tuple[int, int] | None = None
    excluded: dict[int, str] = field(default_factory=dict)
    metadata_lines: dict[int, str] = field(default_factory=dict)
    hard_wrapped: tuple[int, int] | None = None
    segmentation: str = "rules"
    emendations: tuple[Emendation, ...] = ()
    excerpts: tuple[ExcerptUse, ...] = ()

@dataclass(frozen=True)
class Gaps:
    """Blocks a version declares it does not have, with the note shown in their place."""

    blocks: str
    note: str

@dataclass(frozen=True)
class VersionRecord:
    """One language version of a document."""

    key: str
    lang: str
    status: str
    label: str
    witnesses: tuple[WitnessUse, ...]
    gaps: Gaps | None = None
    line: int | None = field(default=None, compare=False)  # where the version starts in its record

    @property
    def base(self) -> WitnessUse:
        """The witness whose text the edition prints."""
        return self.witnesses[0]

@dataclass(frozen=True)
class EditionRecord:
    """A document of the edition as its record describes it."""

    id: str
    kind: str
    titles: dict[str, str]
    date: str
    issuing_body: dict[str, str]
    document_type: str
    versions: tuple[VersionRecord, ...]
    notes: dict[str, str] = field(default_factory=dict)  # the *_basis notes: what each field rests on
    path: Path = Path()
    other_titles: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False)

    def version(self, key: str) -> VersionRecord | None:
        """The version with this key, if the document has it."""
        return next((v for v in self.versions if v.key == key), None)
