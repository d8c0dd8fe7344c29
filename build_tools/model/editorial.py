"""The editorial layer as typed values: notes, apparatus entries, glossary terms, echoes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Annotation:
    """A resolved editorial note: where it sits, what it says (ordered by ID where two share a quote)."""

    id: str
    document: str
    block: str
    version: str  # the version key whose text holds the quote or, without one, the block's note
    quote: str | None
    start: int | None  # character offsets of the quote in that version's block text
    type: str
    body: str
    author: str
    date: str
    basis: str
    line: int | None = field(default=None, compare=False)  # where the note starts in its YAML file

    @property
    def anchor(self) -> str:
        return f"n-{self.id}"

@dataclass(frozen=True)
class ApparatusEntry:
    """One apparatus entry: the edition's reading (lemma), the witness reading, and where it comes from."""

    block: str
    version: str
    kind: str  # emendation | repair | variant | punctuation
    lemma: str
    reading: str
    witness: str
    line: int | None = None
    rule: str = ""
    count: int = 1
    lines: tuple[int, ...] = ()  # a collation entry: the witness's raw line of each occurrence, in order

@dataclass(frozen=True)
class Occurrence:
    """One use of a term: where, in which form, and the renderings found in the official English."""

    document: str
    block: str
    form: str
    start: int
    renderings: tuple[str, ...]
    official_english: bool
    unofficial_renderings: tuple[str, ...] = ()  # those found in the aligned unofficial English, where there is one
    unofficial_version: str = ""  # the key of the unofficial version they were found in

@dataclass
class Term:
    """A glossary entry with what the texts show of it."""

    id: str
    forms: tuple[str, ...]
    gloss: str
    candidates: tuple[str, ...]
    occurrences: list[Occurrence] = field(default_factory=list)
    line: int | None = field(default=None, compare=False)  # where the entry starts in the glossary file

    @property
    def renderings(self) -> dict[str, int]:
        """Each rendering the official translations use for the term, with how often."""
        counts: dict[str, int] = {}
        for occurrence in self.occurrences:
            for rendering in occurrence.renderings:
                counts[rendering] = counts.get(rendering, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    @property
    def unofficial_renderings(self) -> dict[str, int]:
        """Each rendering the unofficial translations use for the term, with how often."""
        counts: dict[str, int] = {}
        for occurrence in self.occurrences:
            for rendering in occurrence.unofficial_renderings:
                counts[rendering] = counts.get(rendering, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

@dataclass(frozen=True)
class Gloss:
    """The English of an echoed phrase's block: the sentences that translate the Chinese sentence holding it."""

    version: str  # the English version's key: en, en-unofficial
    status: str  # official | unofficial
    text: str
    first: int  # the sentences shown, counted from 1 among the English block's ``count``
    last: int
    count: int
    by_length: bool  # the two texts have different numbers of sentences: the sentences were matched by length


@dataclass(frozen=True)
class EchoPlace:
    """A block that holds an echoed phrase, with the phrase in its own words and its English."""

    document: str
    block: str
    phrase: str  # as this block's text reads, punctuation and glosses included
    start: int
    end: int
    content: int  # its characters that count toward the minimum
    english: Gloss | None  # None where no English version translates the block on its own


@dataclass(frozen=True)
class Echo:
    """A passage the Chinese texts of at least two documents share: every block that holds it, oldest first."""

    id: str  # its anchor on the echoes page
    content: int  # characters that count toward the minimum, of the longest passage two of its places share
    stretch: int  # that passage's longest stretch between punctuation and function characters, in characters
    places: tuple[EchoPlace, ...]

    @property
    def phrase(self) -> str:
        """The passage as the block that holds most of it reads, the oldest of those."""
        return max(self.places, key=lambda p: p.content).phrase

    def place(self, doc_id: str, block_id: str) -> EchoPlace | None:
        """Where this block holds the phrase, if it does."""
        return next((p for p in self.places if p.document == doc_id and p.block == block_id), None)


def echoes_anchor(doc_id: str, block_id: str) -> str:
    """The anchor of a block's entry in the echoes page's list by paragraph."""
    return f"{doc_id}-{block_id}"


@dataclass
class Editorial:
    """Everything the editors add to the texts, computed or written, ready for the writers."""

    annotations: dict[str, list[Annotation]] = field(default_factory=dict)
    apparatus: dict[str, list[ApparatusEntry]] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    echoes: list[Echo] = field(default_factory=list)
    trivial_echoes: list[Echo] = field(default_factory=list)  # shared, but under the minimum: stated, not linked

    def notes(self, doc_id: str) -> list[Annotation]:
        """The annotations of one document."""
        return self.annotations.get(doc_id, [])

    def echoes_of(self, doc_id: str, block_id: str) -> list[Echo]:
        """The echoed phrases one block holds."""
        return [e for e in self.echoes if e.place(doc_id, block_id)]

    def terms_in(self, doc_id: str, block_id: str) -> list[tuple[Term, int, str]]:
        """Glossary occurrences in one Chinese block: (term, offset, form)."""
        return [(t, o.start, o.form) for t in self.glossary for o in t.occurrences
                if o.document == doc_id and o.block == block_id]
