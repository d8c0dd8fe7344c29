"""Cross-references, checked in one place: each names something that must exist exactly where it says.

An edition record's lines, exclusions and emendations point into a raw witness; a note points at a
block and a quote of one version, and its body links to blocks, notes or the web; a successor points
at blocks of the current edition. Each check fails at the line of the reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from build_tools.model.edition import Document, Registry
from build_tools.model.editorial import Annotation
from build_tools.model.errors import EditionError
from build_tools.model.records import EditionRecord, WitnessUse

CROSS_REFERENCE = re.compile(r"\]\(([a-z][a-z0-9-]*)#((?:[ps]\d+)|(?:n-[a-z0-9-]+))\)")
# Every link target a Markdown body can carry: inline links and images, reference definitions, autolinks, HTML.
LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)|<([a-z][a-z0-9+.-]*:[^>\s]*)>"
                          r"|\b(?:href|src|srcset|action|formaction|data|poster)\s*=\s*[\"']?([^\"'\s>]*)",
                          re.IGNORECASE | re.MULTILINE)
EDITION_LINK = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*)#((?:[ps]\d+)|(?:n-[a-z0-9-]+))")
WEB_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def check_witness_references(records: list[EditionRecord], raw_lines: dict[str, tuple[str, ...]]) -> None:
    """Every witness a record names is in the manifest; every line it names lies in its span; every
    emendation's witness reading stands exactly once on its line."""
    for record in records:
        for version in record.versions:
            for use in version.witnesses:
                if use.file not in raw_lines:
                    raise EditionError(record.path, use.line, f"witness {use.file} is not in the manifest",
                                       "name a file listed in source_texts/raw/manifest.yml")
                if use.excerpts:
                    continue
                if use.span is None:
                    raise EditionError(record.path, use.line, f"witness {use.file} names no lines",
                                       "give lines: N-M, the span of the raw file that holds this version")
                _check_lines_in_span(record, use, len(raw_lines[use.file]))
                _check_emendation_readings(record, use, raw_lines[use.file])


def _check_lines_in_span(record: EditionRecord, use: WitnessUse, length: int) -> None:
    assert use.span is not None
    first, last = use.span
    if last > length:
        raise EditionError(record.path, use.line, f"span {use.span} is outside {use.file} ({length} lines)",
                           "give lines: N-M within the raw file")
    named: list[tuple[str, Iterable[int], int | None]] = [
        ("excluded", use.excluded, use.line), ("metadata_lines", use.metadata_lines, use.line),
        ("hard_wrapped", range(use.hard_wrapped[0], use.hard_wrapped[1] + 1) if use.hard_wrapped else (), use.line),
    ] + [("emendation", (e.line,), e.record_line) for e in use.emendations]
    for what, lines, where in named:
        if outside := [n for n in lines if not first <= n <= last]:
            raise EditionError(record.path, where, f"{what} line {outside[0]} is outside the witness span "
                               f"{first}-{last} of {use.file}", "name a line inside the span, or widen lines:")


def _check_emendation_readings(record: EditionRecord, use: WitnessUse, lines: tuple[str, ...]) -> None:
    for em in use.emendations:
        count = lines[em.line - 1].count(em.witness_reading)
        if count != 1:
            raise EditionError(record.path, em.record_line, f"emendation {em.witness_reading}→{em.reading}: "
                               f"witness reading found {count} times on {use.file} line {em.line}",
                               "quote the witness reading exactly as it stands on that raw line")


def locate_quote(path: Path, line: int | None, what: str, doc: Document, block_id: str, version_key: str | None,
                 quote: str | None) -> tuple[str, int | None]:
    """The version a note's target names (or the first) and its quote's offset; the quote must occur once."""
    if block_id not in {b.id for b in doc.blocks}:
        raise EditionError(path, line, f"{what}: target block {doc.id}#{block_id} does not exist",
                           f"target a block of {doc.id} (p1–p{sum(b.id.startswith('p') for b in doc.blocks)})")
    version = doc.version(version_key) if version_key is not None else doc.versions[0]
    if version is None or (quote is not None and version_key is None):
        raise EditionError(path, line, f"{what}: {doc.id} has no version {version_key!r}",
                           f"give lang: one of {', '.join(v.key for v in doc.versions)}")
    if quote is None:
        return version.key, None
    text = version.cells[block_id].text
    count = text.count(quote)
    if count != 1:
        raise EditionError(path, line, f"{what}: quote {quote!r} found {count} times in {doc.id}#{block_id} "
                           f"({version.key})", "quote a span that occurs exactly once in that block")
    return version.key, text.index(quote)


def check_note_links(path: Path, note: Annotation, documents: list[Document], note_ids: set[str]) -> None:
    """A note links only to blocks and notes of the edition (``<id>#p12``, ``<id>#n-<note>``) or to http(s)."""
    blocks = {doc.id: {b.id for b in doc.blocks} for doc in documents}
    for match in LINK_TARGETS.finditer(note.body):
        target = next(group for group in match.groups() if group is not None)
        if WEB_LINK.fullmatch(target):
            continue
        edition = EDITION_LINK.fullmatch(target)
        if edition is None:
            raise EditionError(path, note.line, f"annotation {note.id}: link {target!r} is neither an edition "
                               "anchor nor an http(s) URL", "link to <document>#p12, <document>#n-<note> or https://…")
        doc_id, anchor = edition.groups()
        if anchor not in blocks.get(doc_id, set()) and not (doc_id in blocks and anchor[2:] in note_ids):
            raise EditionError(path, note.line, f"annotation {note.id}: cross-reference {doc_id}#{anchor} "
                               "does not resolve", "link to an existing document and block, as <id>#p12")


def check_successor_targets(registry: Registry, present: dict[str, set[str]]) -> None:
    """Every successor names blocks of the current edition."""
    for doc_id, mapping in registry.successors.items():
        for old, successor in mapping.items():
            if missing := [t for t in successor.to if t not in present.get(doc_id, set())]:
                raise EditionError(registry.path.parent / "successors.yml", successor.line,
                                   f"anchor {doc_id}#{old} maps to {doc_id}#{missing[0]}, which does not exist",
                                   "map it to a block of the current edition")
