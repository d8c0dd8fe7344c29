"""The editorial layer placed on the text, format-neutral: one annotated cell per block and version,
computed once per page and then written as Markdown for the web and as HTML for the print.

Where a note's call sits and which number it bears is decided here alone, so the web page and the
PDF of a document number their notes alike. Which notes a view shows is decided here too, by what each note
is about (docs/editorial-principles.md, "The editorial layer in every view").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.editorial.traditional import convert, original_key, traditional_version
from build_tools.ingest.alignment import enumerator, enumerator_mark
from build_tools.model import urls
from build_tools.model.edition import Block, Cell, Document, Version
from build_tools.model.editorial import Annotation, ApparatusEntry, Editorial, Term
from build_tools.model.labels import concordance_label


@dataclass(frozen=True)
class Run:
    """Witness text as it stands; a glossary term when ``term`` is given."""

    text: str
    term: Term | None = None


# What a note is about decides where it shows. A note on what the text says (the instrument it names, a
# recurring formula) concerns every version of its block; a translation note on the original's words concerns
# the original and every translation of them; any other note (a textual note on one witness's wording, a
# translation note on one translation) concerns its own version alone. A 繁體 conversion shows the notes of zh.
CONTENT_NOTES = frozenset({"context", "cross-reference"})
TRANSLATION_NOTE = "translation"


@dataclass(frozen=True)
class Call:
    """A note's call, with the note's number on its page; a note shown in two cells of a page is called twice,
    under one number (``index`` 2 for the second call)."""

    note: Annotation
    number: int
    version: str  # the key of the version whose cell holds the call
    index: int = 1


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
    called: dict[str, int] = field(default_factory=dict)  # note ID → how many calls it has on the page
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
        """The apparatus entries of the versions whose text is shown (zh's under its 繁體 conversion too), in the
        apparatus's own order."""
        keys = {original_key(v) for v in self.versions}
        return [e for e in self.editorial.apparatus.get(self.doc.id, []) if e.version in keys]

    def concerns(self, note: Annotation, version: Version) -> bool:
        """Whether ``note`` belongs in ``version``'s cell of its block (see CONTENT_NOTES)."""
        if note.version == original_key(version) or note.type in CONTENT_NOTES:
            return True
        return note.type == TRANSLATION_NOTE and note.version == self.doc.versions[0].key

    def _call(self, note: Annotation, version: Version) -> Call:
        self.called[note.id] = self.called.get(note.id, 0) + 1
        return Call(note, self.numbers.setdefault(note.id, len(self.numbers) + 1), version.key, self.called[note.id])

    def _same_offsets(self, block: Block, version: Version) -> bool:
        """Whether offsets into the original's text of ``block`` hold in ``version``'s: its own, or a conversion
        of the same length (s2tw converts character by character)."""
        original = self.doc.version(original_key(version))
        return original is not None and len(version.cells[block.id].text) == len(original.cells[block.id].text)

    def _span(self, note: Annotation, block: Block, version: Version) -> tuple[int, int] | None:
        """Where the words ``note`` is on stand in ``version``'s text of ``block``; None when they are not there."""
        if note.quote is None or note.start is None or note.version != original_key(version):
            return None
        if self._same_offsets(block, version):
            return note.start, note.start + len(note.quote)
        text, words = version.cells[block.id].text, convert(note.quote)
        return (text.index(words), text.index(words) + len(words)) if text.count(words) == 1 else None

    def _annotate(self, block: Block, version: Version) -> AnnotatedCell:
        cell = version.cells[block.id]
        apparatus = tuple(e for e in self.apparatus if e.block == block.id and e.version == original_key(version))
        if cell.status != "text":
            return AnnotatedCell(block, version, cell, (), apparatus)
        notes = [n for n in self.editorial.notes(self.doc.id) if n.block == block.id and self.concerns(n, version)]
        placed = {n.id: span for n in notes if (span := self._span(n, block, version)) is not None}
        quoted = sorted((n for n in notes if n.id in placed), key=lambda n: (placed[n.id], n.id))
        spans = [placed[n.id] for n in quoted]
        # Glossary terms are found in the zh text; its 繁體 conversion links them where the offsets hold.
        terms = [(start, start + len(form), term) for term, start, form in self.editorial.terms_in(self.doc.id, block.id)
                 ] if original_key(version) == "zh" and self._same_offsets(block, version) else []
        # A term may sit inside a quoted span or outside it, never across its edge.
        terms = [t for t in terms if all(t[1] <= s or t[0] >= e or (s <= t[0] and t[1] <= e) for s, e in spans)]
        text = cell.text
        parts: list[Part] = []
        position = 0
        for note, (start, end) in zip(quoted, spans):
            if start < position and parts and isinstance(parts[-1], Quote):
                # A second note on words already marked: its call joins the first note's.
                last = parts[-1]
                parts[-1] = Quote(last.runs, last.calls + (self._call(note, version),))
                continue
            parts += _runs(text, position, start, terms)
            parts.append(Quote(tuple(_runs(text, start, end, terms)), (self._call(note, version),)))
            position = end
        parts += _runs(text, position, len(text), terms)
        # A note on the whole block, or on words this version's text does not hold: its call ends the block.
        parts += [self._call(n, version) for n in notes if n.id not in placed]
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


def view_versions(doc: Document, view: str) -> tuple[Version, ...]:
    """The versions a view of ``doc`` shows, in its order."""
    zh = doc.version("zh")
    if view == urls.TRADITIONAL and zh:
        return (traditional_version(zh),)
    if view == urls.TRADITIONAL_PARALLEL and zh:
        # The parallel page with its Chinese converted; should that page not show the Chinese, 繁體 beside its first.
        shown = shown_versions(doc)
        converted = traditional_version(zh)
        if any(v.key == "zh" for v in shown):
            return tuple(converted if v.key == "zh" else v for v in shown)
        return converted, shown[0]
    if view == urls.COMPARE and (pair := doc.english_pair()):
        return pair
    version = doc.version(view)
    return (version,) if version else shown_versions(doc)


def shown_versions(doc: Document) -> tuple[Version, ...]:
    """The versions a parallel page and the print show: the first (zh as a rule) and the official (or only)
    English, or lacking English the next version; a document with one version shows it alone."""
    first, others = doc.versions[0], doc.versions[1:]
    beside = next((v for v in others if v.lang == "en" and v.status == "official"), None) or \
        next((v for v in others if v.lang == "en"), None) or next(iter(others), None)
    return (first, beside) if beside else (first,)
