"""The editorial layer placed on the text, format-neutral: one annotated cell per block and version,
computed once per page and then written as Markdown for the web and as HTML for the print.

Where a note's call sits and which number it bears is decided here alone, so the web page and the
PDF of a document number their notes alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.ingest.alignment import enumerator, enumerator_mark
from build_tools.model.edition import Block, Cell, Document, Version
from build_tools.model.editorial import Annotation, ApparatusEntry, Editorial, Term
from build_tools.model.labels import concordance_label


@dataclass(frozen=True)
class Run:
    """Witness text as it stands; a glossary term when ``term`` is given."""

    text: str
    term: Term | None = None


@dataclass(frozen=True)
class Call:
    """A note's call, with the note's number on its page."""

    note: Annotation
    number: int


@dataclass(frozen=True)
class Quote:
    """The words one or more notes are on, followed by their calls."""

    runs: tuple[Run, ...]
    calls: tuple[Call, ...]


Part = Run | Quote | Call


@dataclass(frozen=True)
class AnnotatedCell:
    """One version's cell of one block: its text in parts, its notes placed, its apparatus entries."""

    block: Block
    version: Version
    cell: Cell
    parts: tuple[Part, ...] = ()
    apparatus: tuple[ApparatusEntry, ...] = ()

    @property
    def calls(self) -> list[Call]:
        """The note calls of the cell, in reading order."""
        return [call for part in self.parts for call in (part.calls if isinstance(part, Quote) else
                                                          (part,) if isinstance(part, Call) else ())]


@dataclass
class AnnotatedPage:
    """A document shown in some of its versions, block by block, with its notes numbered in reading order."""

    doc: Document
    editorial: Editorial
    versions: tuple[Version, ...]
    cells: dict[tuple[str, str], AnnotatedCell] = field(default_factory=dict)  # (block ID, version key) → cell
    numbers: dict[str, int] = field(default_factory=dict)  # note ID → its number on the page
    own_numbers: dict[str, OwnNumber] = field(default_factory=dict)  # block ID → the document's own number

    def __post_init__(self) -> None:
        self.own_numbers = concordance(self.doc)
        for block in self.doc.blocks:
            for version in self.versions:
                self.cells[(block.id, version.key)] = self._annotate(block, version)

    def cell(self, block: Block, version: Version) -> AnnotatedCell:
        """The annotated cell of one block in one version shown."""
        return self.cells[(block.id, version.key)]

    @property
    def calls(self) -> list[Call]:
        """Every note call of the page, in number order."""
        return [call for cell in self.cells.values() for call in cell.calls]

    @property
    def apparatus(self) -> list[ApparatusEntry]:
        """The apparatus entries of the versions shown, in the apparatus's own order."""
        keys = {v.key for v in self.versions}
        return [e for e in self.editorial.apparatus.get(self.doc.id, []) if e.version in keys]

    def _call(self, note: Annotation) -> Call:
        return Call(note, self.numbers.setdefault(note.id, len(self.numbers) + 1))

    def _annotate(self, block: Block, version: Version) -> AnnotatedCell:
        cell = version.cells[block.id]
        apparatus = tuple(e for e in self.apparatus if e.block == block.id and e.version == version.key)
        if cell.status != "text":
            return AnnotatedCell(block, version, cell, (), apparatus)
        notes = [n for n in self.editorial.notes(self.doc.id) if n.block == block.id and n.version == version.key]
        quoted = sorted((n for n in notes if n.start is not None and n.quote is not None),
                        key=lambda n: (n.start or 0, len(n.quote or ""), n.id))
        spans = [(n.start or 0, (n.start or 0) + len(n.quote or "")) for n in quoted]
        terms = [(start, start + len(form), term) for term, start, form in self.editorial.terms_in(self.doc.id, block.id)
                 ] if version.key == "zh" else []
        # A term may sit inside a quoted span or outside it, never across its edge.
        terms = [t for t in terms if all(t[1] <= s or t[0] >= e or (s <= t[0] and t[1] <= e) for s, e in spans)]
        text = cell.text
        parts: list[Part] = []
        position = 0
        for note, (start, end) in zip(quoted, spans):
            if start < position and parts and isinstance(parts[-1], Quote):
                # A second note on words already marked: its call joins the first note's.
                last = parts[-1]
                parts[-1] = Quote(last.runs, last.calls + (self._call(note),))
                continue
            parts += _runs(text, position, start, terms)
            parts.append(Quote(tuple(_runs(text, start, end, terms)), (self._call(note),)))
            position = end
        parts += _runs(text, position, len(text), terms)
        parts += [self._call(n) for n in notes if n.start is None]
        return AnnotatedCell(block, version, cell, tuple(parts), apparatus)


def _runs(text: str, start: int, end: int, terms: list[tuple[int, int, Term]]) -> list[Run]:
    """``text[start:end]`` as runs, each glossary term inside it a run of its own."""
    runs, position = [], start
    for first, last, term in sorted((t for t in terms if start <= t[0] and t[1] <= end), key=lambda t: t[0]):
        if first < position:
            continue
        runs += [Run(text[position:first]), Run(text[first:last], term)]
        position = last
    runs.append(Run(text[position:end]))
    return [run for run in runs if run.text]


@dataclass(frozen=True)
class OwnNumber:
    """The number a document gives one of its blocks itself (一、 1. （一）), beside the edition's ¶ or §."""

    value: int
    mark: str  # as the text writes it: 十二、
    version: str  # the version whose text it is read from

    def label(self, block_id: str, lang: str = "en") -> str:
        """"¶14 = item 12 (十二、)", or "第14段 = 十二、" in Chinese."""
        return concordance_label(block_id, self.value, self.mark, lang)


def concordance(doc: Document) -> dict[str, OwnNumber]:
    """Block ID → the document's own number of that block, where the document numbers it, so that a
    reader's "point 12" and a citation's "¶14" meet. Read from the first version that numbers the block:
    the version that gives the blocks their IDs, as a rule."""
    numbers: dict[str, OwnNumber] = {}
    for block in doc.blocks:
        for version in doc.versions:
            text = version.cells[block.id].text
            found, mark = enumerator(text), enumerator_mark(text)
            if found and mark:
                numbers[block.id] = OwnNumber(found[1], mark, version.key)
                break
    return numbers


def shown_versions(doc: Document) -> tuple[Version, ...]:
    """The versions a parallel page and the print show: the first (zh as a rule) and the official (or only)
    English, or lacking English the next version; a document with one version shows it alone."""
    first, others = doc.versions[0], doc.versions[1:]
    beside = next((v for v in others if v.lang == "en" and v.status == "official"), None) or \
        next((v for v in others if v.lang == "en"), None) or next(iter(others), None)
    return (first, beside) if beside else (first,)
