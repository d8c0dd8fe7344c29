"""Edition records as typed values: a document, its versions, and how each raw witness contributes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.model.languages import LANGUAGES, TRADITIONAL_TAG
from build_tools.model.text import Emendation
from build_tools.model.vocab import DateCertainty

# The languages a record's versions are written in (model/languages.py); zh-hant is derived from zh by the edition.
RECORD_LANGS = tuple(LANGUAGES)
LANGS = {code: language.tag for code, language in LANGUAGES.items()} | {"zh-hant": TRADITIONAL_TAG}
# Names at the root of the site that are the site's own (its reference pages and folders, the engine's
# search and assets): no document ID may take one. Hand-written pages of docs/ are added when records load.
SITE_NAMES = frozenset({"index", "sources", "glossary", "echoes", "changelog", "cleaning-rules", "how-to-cite",
                        "editorial-principles", "data", "pdf", "search", "pagefind", "assets", "404", "sitemap"})


@dataclass(frozen=True)
class LineRanges(Mapping[int, str]):
    """Raw lines declared by range (``372-374: why``), kept as written: a line is looked up, never expanded."""

    ranges: tuple[tuple[int, int, str], ...] = ()
    key_lines: tuple[int | None, ...] = field(default=(), compare=False)  # where each range is written

    def line_of(self, index: int) -> int | None:
        """The record line of the ``index``-th range's key, when known."""
        return self.key_lines[index] if index < len(self.key_lines) else None

    def __getitem__(self, line: int) -> str:
        for first, last, value in self.ranges:
            if first <= line <= last:
                return value
        raise KeyError(line)

    def __iter__(self) -> Iterator[int]:
        return (n for first, last, _ in self.ranges for n in range(first, last + 1))

    def __len__(self) -> int:
        return sum(last - first + 1 for first, last, _ in self.ranges)


@dataclass(frozen=True)
class BlockRange:
    """Blocks written as a range (``p1-p3``, ``s2``), kept unexpanded until the document's blocks are known."""

    kind: str  # p or s
    first: int
    last: int

    def __str__(self) -> str:
        return f"{self.kind}{self.first}" + (f"-{self.kind}{self.last}" if self.last != self.first else "")

    def ids(self) -> tuple[str, ...]:
        """The block IDs of the range, in order."""
        return tuple(f"{self.kind}{n}" for n in range(self.first, self.last + 1))


@dataclass(frozen=True)
class ExcerptUse:
    """An aggregator excerpt placed against the blocks it translates."""

    excerpt: int
    block_range: BlockRange | None = None
    starts_mid_block: bool = False
    note: str = ""
    line: int | None = field(default=None, compare=False)  # where the placement starts in its record

    @property
    def blocks(self) -> tuple[str, ...]:
        """The blocks the excerpt translates (none named: the document's first)."""
        return self.block_range.ids() if self.block_range else ()

@dataclass(frozen=True)
class WitnessUse:
    """How one raw file contributes to a version."""

    file: str
    line: int | None = None
    role: str = "base"
    span: tuple[int, int] | None = None
    excluded: LineRanges = LineRanges()
    metadata_lines: LineRanges = LineRanges()
    kept_lines: LineRanges = LineRanges()  # lines the lookout flags that the editors keep, each with why
    hard_wrapped: tuple[int, int] | None = None
    segmentation: str = "rules"
    emendations: tuple[Emendation, ...] = ()
    excerpts: tuple[ExcerptUse, ...] = ()
    key_lines: dict[str, int] = field(default_factory=dict, compare=False)  # where each key is written

    def line_of(self, key: str) -> int | None:
        """The record line of one of this witness's keys (``lines``, ``hard_wrapped``), else of the witness."""
        return self.key_lines.get(key, self.line)

@dataclass(frozen=True)
class Gaps:
    """Blocks a version declares it does not have, with the note shown in their place."""

    blocks: str
    note: str

@dataclass(frozen=True)
class OfficialPublication:
    """The official publication a version reproduces (a translation: the one it translates), as the sources name it.

    A fact about the text, never its source: the words still come only from the witnesses."""

    title: str
    basis: str  # where each fact comes from: a raw file and line, or the manifest
    issuer: str = ""  # who issued or published it, as the sources name them
    date: str = ""  # YYYY-MM-DD, perhaps with a remark: "2024-03-03 (as attributed; doubtful)"
    url: str = ""  # the official page, where a source gives it
    line: int | None = field(default=None, compare=False)  # where it is stated in its record


@dataclass(frozen=True)
class VersionRecord:
    """One language version of a document."""

    key: str
    lang: str
    status: str
    label: str
    witnesses: tuple[WitnessUse, ...]
    gaps: Gaps | None = None
    official: OfficialPublication | None = None
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
    # How far the edition vouches for the date (vocab.DateCertainty); a doubtful date says why in notes.
    date_certainty: str = DateCertainty.STATED.value
    notes: dict[str, str] = field(default_factory=dict)  # the *_basis notes: what each field rests on
    path: Path = Path()
    other_titles: tuple[str, ...] = ()
    short_title: str = ""  # the name in the navigation and in links between documents; default its English title
    abstract: dict[str, str] = field(default_factory=dict)  # language → a short summary of the document
    line: int | None = field(default=None, compare=False)

    def version(self, key: str) -> VersionRecord | None:
        """The version with this key, if the document has it."""
        return next((v for v in self.versions if v.key == key), None)
