"""The ingest: raw witnesses + edition records → the aligned edition with its strip reports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .alignment import align_lines, assign_blocks, cells_with_gaps
from .anchors import check_registry, load_registry
from .cleaning.aggregator import Excerpt, split_excerpts
from .cleaning.pipeline import CleanedSpan, Line, RuleContext, StripEntry, clean_span
from .cleaning.pipelines import PIPELINES
from .editorial import build_editorial
from .errors import EditionError
from .model import Block, Cell, Document, Edition, Version, WitnessReport
from .records import EditionRecord, VersionRecord, WitnessUse, load_records
from .segmentation import segment_like_base
from .witnesses import Witness, load_witnesses
from .yamlio import load_yaml


def build_edition(source_dir: Path) -> Edition:
    """Read, verify, clean and align everything under ``source_texts/``."""
    raw_dir = source_dir / "raw"
    witnesses = load_witnesses(raw_dir)
    records = load_records(source_dir)
    reports = {name: WitnessReport(name, w.kind) for name, w in witnesses.items()}
    excerpts = {name: _excerpts(w, reports[name]) for name, w in witnesses.items() if w.kind == "aggregator"}
    documents = [_build_document(r, witnesses, excerpts, reports) for r in records]
    for name, witness in witnesses.items():
        _account_outside_spans(raw_dir / "manifest.yml", witness, reports[name])
    manifest = [dict(entry) for entry in load_yaml(raw_dir / "manifest.yml")["witnesses"]]
    edition = Edition(documents, reports, manifest, load_registry(source_dir))
    check_registry(edition.registry, edition)
    edition.editorial = build_editorial(source_dir, edition)
    return edition


def _excerpts(witness: Witness, report: WitnessReport) -> dict[int, Excerpt]:
    found, entries = split_excerpts(witness.file, witness.lines)
    report.entries.extend(entries)
    report.claimed.update(e.line for e in entries)
    return {excerpt.number: excerpt for excerpt in found}


def _build_document(record: EditionRecord, witnesses: dict[str, Witness], excerpts: dict,
                    reports: dict[str, WitnessReport]) -> Document:
    primary: CleanedSpan | None = None
    blocks = [Block("p1", "paragraph")]
    if record.kind == "document":
        zh = record.versions[0]
        primary = _clean(record, zh, zh.base, witnesses, reports)
        blocks = assign_blocks(primary.lines)
    versions = [
        _build_version(record, v, blocks, primary, witnesses, excerpts, reports) for v in record.versions
    ]
    return Document(record, blocks, versions)


def _build_version(record: EditionRecord, version: VersionRecord, blocks: list[Block], primary: CleanedSpan | None,
                   witnesses: dict[str, Witness], excerpts: dict, reports: dict[str, WitnessReport]) -> Version:
    """A version's cells; the zh version arrives already cleaned as ``primary``."""
    base = version.base
    metadata: dict[str, str] = {}
    lines: list[Line] = []
    if base.excerpts:
        cells = _excerpt_cells(record, version, blocks, excerpts, reports)
    else:
        cleaned = primary if primary and version is record.versions[0] else \
            _clean(record, version, base, witnesses, reports)
        lines, metadata = cleaned.lines, cleaned.metadata
        cells = align_lines(record, version, blocks, lines, primary.lines) if primary else {}
    collated = {
        use.file: _collate(record, version, use, lines, blocks, witnesses, reports)
        for use in version.witnesses[1:]
    }
    return Version(
        key=version.key, lang=version.lang, status=version.status, label=version.label,
        title=record.titles.get(version.lang, record.titles.get("en", "")),
        witnesses=[_witness_summary(use, excerpts) for use in version.witnesses],
        metadata=metadata, cells=cells_with_gaps(record, version, blocks, cells), collated=collated,
    )


def _clean(record: EditionRecord, version: VersionRecord, use: WitnessUse, witnesses: dict[str, Witness],
           reports: dict[str, WitnessReport], *, joins: bool = True) -> CleanedSpan:
    witness = witnesses.get(use.file)
    if witness is None:
        raise EditionError(record.path, use.line, f"witness {use.file} is not in the manifest",
                           "name a file listed in source_texts/raw/manifest.yml")
    if not use.span or use.span[1] > len(witness.lines):
        raise EditionError(record.path, use.line,
                           f"span {use.span} is outside {use.file} ({len(witness.lines)} lines)",
                           "give lines: N-M within the raw file")
    pipeline = PIPELINES.get((witness.kind, version.lang))
    if pipeline is None:
        raise EditionError(record.path, use.line, f"no cleaning rules for {witness.kind} text in {version.lang}",
                           "add a pipeline in build_tools/cleaning/pipelines.py")
    wrapped = use.hard_wrapped
    context = RuleContext(
        title=record.titles.get(version.lang, ""),
        account_names=tuple(witness.facts.get("account_names") or ()),
        hard_wrapped=wrapped,
        wrap_width=max(len(witness.line(n)) for n in range(wrapped[0], wrapped[1] + 1)) if wrapped else 0,
    )
    cleaned = clean_span(use.file, witness.lines, use.span, pipeline if joins else replace(pipeline, joins=()),
                         context, excluded=use.excluded, metadata_lines=use.metadata_lines,
                         emendations=use.emendations, record_path=str(record.path))
    report = reports[use.file]
    report.entries.extend(cleaned.report)
    report.joins.extend(cleaned.joins)
    report.claimed.update(range(use.span[0], use.span[1] + 1))
    return cleaned


def _collate(record: EditionRecord, version: VersionRecord, use: WitnessUse, base_lines: list[Line],
             blocks: list[Block], witnesses: dict[str, Witness], reports: dict[str, WitnessReport]) -> dict[str, str]:
    """A second witness of the same text, cut into the base witness's blocks."""
    cleaned = _clean(record, version, use, witnesses, reports, joins=use.segmentation != "base")
    lines = cleaned.lines
    if use.segmentation == "base":
        segmented = segment_like_base(lines, base_lines)
        if isinstance(segmented, int):
            raise EditionError(record.path, use.line,
                               f"{use.file} has no line opening like {blocks[segmented].id} of the base witness",
                               "check the span, or collate this witness with segmentation: rules")
        lines = segmented
    if len(lines) != len(blocks):
        raise EditionError(record.path, use.line, f"{use.file} has {len(lines)} blocks, the base {len(blocks)}",
                           "check the span of the collated witness")
    return {block.id: line.text for block, line in zip(blocks, lines)}


def _excerpt_cells(record: EditionRecord, version: VersionRecord, blocks: list[Block], excerpts: dict,
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
                               "target block IDs of the zh version")
        cells[targets[0]] = Cell(targets[0], "text", excerpt.text, (excerpt.line, excerpt.line),
                                 covers=targets if len(targets) > 1 else (), starts_mid_block=placed.starts_mid_block,
                                 note=placed.note)
        cells.update({b: Cell(b, "covered", covered_by=targets[0], note=placed.note) for b in targets[1:]})
        reports[use.file].claimed.add(excerpt.line)
    return cells


def _witness_summary(use: WitnessUse, excerpts: dict) -> dict:
    summary: dict = {"file": use.file, "role": use.role}
    if use.span:
        summary["lines"] = list(use.span)
    if use.emendations:
        summary["emendations"] = [
            {"line": e.line, "witness_reading": e.witness_reading, "reading": e.reading, "reason": e.reason}
            for e in use.emendations
        ]
    if use.excerpts:
        found = excerpts.get(use.file, {})
        summary["excerpts"] = [
            {"excerpt": p.excerpt, "line": found[p.excerpt].line, "blocks": list(p.blocks),
             "attribution": {"title": found[p.excerpt].title, "date": found[p.excerpt].date,
                             "author": found[p.excerpt].author}}
            for p in use.excerpts
        ]
    return summary


def _account_outside_spans(manifest_path: Path, witness: Witness, report: WitnessReport) -> None:
    """Lines no record claims must be declared in the manifest; nothing leaves the edition silently."""
    declared: dict[int, str] = {}
    for key, reason in (witness.facts.get("outside_spans") or {}).items():
        first, _, last = str(key).partition("-")
        declared.update({n: str(reason) for n in range(int(first), int(last or first) + 1)})
    for number, text in enumerate(witness.lines, start=1):
        if number in report.claimed or not text.strip():
            continue
        if number not in declared:
            raise EditionError(witness.file, number, f"text not claimed by any edition record: {text.strip()[:40]!r}",
                               "add the line to a record's witness span, or to outside_spans in the manifest")
        report.entries.append(StripEntry(number, "outside_edition_spans", text, kept_as=declared[number]))
    report.entries.sort(key=lambda e: e.line)
