"""The ingest: raw witnesses + edition records → the aligned texts with their strip reports."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from build_tools.ingest.alignment import align_lines, assign_blocks, cells_with_gaps
from build_tools.ingest.boilerplate import load_boilerplate
from build_tools.ingest.cleaning.aggregator import Excerpt, split_excerpts
from build_tools.ingest.cleaning.pipeline import CleanedSpan, RuleContext, clean_span, display_width
from build_tools.ingest.cleaning.pipelines import PIPELINES
from build_tools.ingest.permanence import check_registry
from build_tools.ingest.records import load_records
from build_tools.ingest.references import check_witness_references
from build_tools.ingest.registry import load_registry
from build_tools.ingest.segmentation import segment_like_base
from build_tools.ingest.witnesses import Witness, load_witnesses
from build_tools.model.edition import (
    Block,
    Cell,
    Document,
    ExcerptSource,
    Texts,
    Version,
    WitnessReport,
    WitnessSummary,
)
from build_tools.model.errors import EditionError
from build_tools.model.languages import LANGUAGES, in_language
from build_tools.model.records import EditionRecord, VersionRecord, WitnessUse
from build_tools.model.text import Boilerplate, Line, StripEntry
from build_tools.model.vocab import BlockKind, CellStatus


def read_texts(source_dir: Path) -> Texts:
    """Read, verify, clean and align the texts under ``source_texts/``."""
    raw_dir = source_dir / "raw"
    witnesses = load_witnesses(raw_dir)
    records = load_records(source_dir)
    check_witness_references(records, {name: w.lines for name, w in witnesses.items()})
    reports = {name: WitnessReport(name, w.kind) for name, w in witnesses.items()}
    excerpts = {name: _excerpts(w, reports[name]) for name, w in witnesses.items() if w.kind == "aggregator"}
    sources = Sources(witnesses, excerpts, reports, load_boilerplate(source_dir))
    documents = [_build_document(r, sources) for r in records]
    for name, witness in witnesses.items():
        _account_outside_spans(raw_dir / "manifest.yml", witness, reports[name])
    manifest = [w.entry for w in witnesses.values()]
    texts = Texts(documents, reports, manifest, load_registry(source_dir), sources.boilerplate)
    check_registry(texts.registry, texts)
    return texts


def _excerpts(witness: Witness, report: WitnessReport) -> dict[int, Excerpt]:
    found, entries = split_excerpts(witness.file, witness.lines)
    report.entries.extend(entries)
    report.claimed.update(e.line for e in entries)
    return {excerpt.number: excerpt for excerpt in found}


@dataclass(frozen=True)
class Sources:
    """What cleaning a record's witnesses draws on: the raw files, the aggregators' excerpts, the strip reports
    being filled, and the editors' boilerplate phrases."""

    witnesses: dict[str, Witness]
    excerpts: dict[str, dict[int, Excerpt]]
    reports: dict[str, WitnessReport]
    boilerplate: Boilerplate


def _build_document(record: EditionRecord, sources: Sources) -> Document:
    primary: CleanedSpan | None = None
    blocks = [Block("p1", BlockKind.PARAGRAPH)]
    if record.kind == "document":
        # The first version, whatever its language, gives the document its blocks and their IDs.
        first = record.versions[0]
        primary = _clean(record, first, first.base, sources)
        blocks = assign_blocks(primary.lines)
    versions = [
        _build_version(record, v, blocks, primary, sources) for v in record.versions
    ]
    return Document(record, blocks, versions)


def _build_version(record: EditionRecord, version: VersionRecord, blocks: list[Block], primary: CleanedSpan | None,
                   sources: Sources) -> Version:
    """A version's cells; the first version arrives already cleaned as ``primary``."""
    base = version.base
    metadata: dict[str, str] = {}
    lines: list[Line] = []
    if base.excerpts:
        cells = _excerpt_cells(record, version, blocks, sources.excerpts, sources.reports)
    else:
        cleaned = primary if primary and version is record.versions[0] else \
            _clean(record, version, base, sources)
        lines, metadata = cleaned.lines, cleaned.metadata
        cells = align_lines(record, version, blocks, lines, primary.lines) if primary else {}
    collated_lines = {
        use.file: _collate(record, version, use, lines, blocks, sources)
        for use in version.witnesses[1:]
    }
    return Version(
        key=version.key, lang=version.lang, status=version.status, label=version.label,
        title=in_language(record.titles, version.lang),
        witnesses=[_witness_summary(use, sources.excerpts.get(use.file, {}), sources.witnesses[use.file])
                   for use in version.witnesses],
        metadata=metadata, cells=cells_with_gaps(record, version, blocks, cells),
        collated={file: {block: " ".join(line.text for line in units) for block, units in per_block.items()}
                  for file, per_block in collated_lines.items()},
        collated_lines=collated_lines,
    )


def _clean(record: EditionRecord, version: VersionRecord, use: WitnessUse, sources: Sources, *,
           joins: bool = True) -> CleanedSpan:
    witness = sources.witnesses[use.file]
    assert use.span is not None  # check_witness_references refused a witness without its lines
    pipeline = PIPELINES.get((witness.kind, LANGUAGES[version.lang].cleaned_as))
    if pipeline is None:
        raise EditionError(record.path, use.line, f"no cleaning rules for {witness.kind} text in {version.lang}",
                           "add a pipeline in build_tools/cleaning/pipelines.py")
    wrapped = use.hard_wrapped
    context = RuleContext(
        title=record.titles.get(version.lang, ""),
        account_names=witness.entry.account_names,
        hard_wrapped=wrapped,
        wrap_width=max(display_width(witness.line(n)) for n in range(wrapped[0], wrapped[1] + 1)) if wrapped else 0,
        boilerplate=sources.boilerplate,
    )
    cleaned = clean_span(use.file, witness.lines, use.span, pipeline if joins else replace(pipeline, joins=()),
                         context, excluded=use.excluded, metadata_lines=use.metadata_lines,
                         emendations=use.emendations, record_path=str(record.path))
    report = sources.reports[use.file]
    report.entries.extend(cleaned.report)
    report.joins.extend(cleaned.joins)
    report.claimed.update(range(use.span[0], use.span[1] + 1))
    return cleaned


def _collate(record: EditionRecord, version: VersionRecord, use: WitnessUse, base_lines: list[Line],
             blocks: list[Block], sources: Sources) -> dict[str, tuple[Line, ...]]:
    """A second witness of the same text, cut into the base witness's blocks: each block's lines of the witness,
    which joined with spaces give its text (kept apart, so that a variant can be found on its raw line)."""
    cleaned = _clean(record, version, use, sources, joins=use.segmentation != "base")
    lines = cleaned.lines
    if use.segmentation == "base":
        cuts = segment_like_base(lines, base_lines)
        if isinstance(cuts, int):
            raise EditionError(record.path, use.line,
                               f"{use.file} has no line opening like {blocks[cuts].id} of the base witness",
                               "check the span, or collate this witness with segmentation: rules")
        units = [tuple(lines[a:b]) for a, b in zip(cuts, cuts[1:] + [len(lines)])]
    else:
        units = [(line,) for line in lines]
    if len(units) != len(blocks):
        raise EditionError(record.path, use.line, f"{use.file} has {len(units)} blocks, the base {len(blocks)}",
                           "check the span of the collated witness")
    return {block.id: unit for block, unit in zip(blocks, units)}


def _excerpt_cells(record: EditionRecord, version: VersionRecord, blocks: list[Block], excerpts: dict[str, dict[int, Excerpt]],
                   reports: dict[str, WitnessReport]) -> dict[str, Cell]:
    use = version.base
    known = excerpts.get(use.file, {})
    cells: dict[str, Cell] = {}
    block_ids = {b.id for b in blocks}
    for placed in use.excerpts:
        excerpt = known.get(placed.excerpt)
        if excerpt is None:
            raise EditionError(record.path, use.line, f"{use.file} has no excerpt {placed.excerpt}",
                               f"excerpts are numbered 1–{len(known)} in file order")
        targets = placed.blocks or (blocks[0].id,)
        if taken := [b for b in targets if b in cells]:
            raise EditionError(record.path, use.line, f"block {taken[0]} is given two texts in version {version.key}",
                               "place each excerpt on blocks no other excerpt covers")
        if missing := [b for b in targets if b not in block_ids]:
            raise EditionError(record.path, use.line, f"excerpt {placed.excerpt} targets missing block {missing[0]}",
                               f"target block IDs of the first version, {record.versions[0].key}")
        cells[targets[0]] = Cell(targets[0], CellStatus.TEXT, excerpt.text, (excerpt.line, excerpt.line),
                                 covers=targets if len(targets) > 1 else (), starts_mid_block=placed.starts_mid_block,
                                 note=placed.note)
        cells.update({b: Cell(b, CellStatus.COVERED, covered_by=targets[0], note=placed.note) for b in targets[1:]})
        reports[use.file].claimed.add(excerpt.line)
    return cells


def _witness_summary(use: WitnessUse, excerpts: dict[int, Excerpt], witness: Witness) -> WitnessSummary:
    return WitnessSummary(use.file, use.role, use.span, use.emendations, tuple(
        ExcerptSource(p.excerpt, excerpts[p.excerpt].line, p.blocks, excerpts[p.excerpt].title,
                      excerpts[p.excerpt].date, excerpts[p.excerpt].author) for p in use.excerpts), witness.entry)


def _account_outside_spans(manifest_path: Path, witness: Witness, report: WitnessReport) -> None:
    """Lines no record claims must be declared in the manifest; nothing leaves the edition silently."""
    declared = witness.entry.outside_spans
    for number, text in enumerate(witness.lines, start=1):
        if number in report.claimed or not text.strip():
            continue
        if number not in declared:
            raise EditionError(witness.file, number, f"text not claimed by any edition record: {text.strip()[:40]!r}",
                               "add the line to a record's witness span, or to outside_spans in the manifest")
        report.entries.append(StripEntry(number, "outside_edition_spans", text, kept_as=declared[number]))
    report.entries.sort(key=lambda e: e.line)
