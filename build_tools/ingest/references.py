"""Cross-references, checked in one place: each names something that must exist exactly where it says.

An edition record's lines, exclusions and emendations point into a raw witness; a note points at a
block and a quote of one version, and its Markdown (body, basis) links to blocks, notes or the web; a successor points
at blocks of the current edition. Each check fails at the line of the reference.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.ingest.schema import WEB_URL
from build_tools.model import urls
from build_tools.model.edition import Document, Registry
from build_tools.model.editorial import Annotation
from build_tools.model.errors import EditionError
from build_tools.model.records import EditionRecord, WitnessUse

# ``](<document>#p12)``, ``](<document>#n-<note>)``, or a block in one view: ``](<document>/en-unofficial#p1)``.
CROSS_REFERENCE = re.compile(
    r"\]\((?P<doc>[a-z][a-z0-9-]*)(?:/(?P<view>[a-z0-9-]+))?#(?P<anchor>[ps]\d+|n-[a-z0-9-]+)\)")
# Every link target a Markdown body can carry: inline links and images, reference definitions, autolinks, HTML.
LINK_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)|<([a-z][a-z0-9+.-]*:[^>\s]*)>"
                          r"|\b(?:href|src|srcset|action|formaction|data|poster)\s*=\s*[\"']?([^\"'\s>]*)",
                          re.IGNORECASE | re.MULTILINE)
EDITION_LINK = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*)(?:/([a-z0-9-]+))?#((?:[ps]\d+)|(?:n-[a-z0-9-]+))")


def check_witness_references(records: list[EditionRecord], raw_lines: dict[str, tuple[str, ...]]) -> None:
    """Every witness a record names is in the manifest, with its lines, blocks and emendations inside it."""
    for record in records:
        for version in record.versions:
            for use in version.witnesses:
                if use.file not in raw_lines:
                    raise EditionError(record.path, use.line, f"witness {use.file} is not in the manifest",
                                       "name a file listed in source_texts/raw/manifest.yml")
                if use.excerpts:
                    _check_excerpt_blocks(record, use, _most_blocks(record, raw_lines))
                    continue
                if use.span is None:
                    raise EditionError(record.path, use.line, f"witness {use.file} names no lines",
                                       "give lines: N-M, the span of the raw file that holds this version")
                _check_lines_in_span(record, use, len(raw_lines[use.file]))
                _check_emendation_readings(record, use, raw_lines[use.file])


def _check_lines_in_span(record: EditionRecord, use: WitnessUse, length: int) -> None:
    """The span lies in the file and every declared line range in the span, judged by its ends (never expanded)."""
    assert use.span is not None
    first, last = use.span
    if last > length:
        raise EditionError(record.path, use.line_of("lines"), f"span {use.span} is outside {use.file} ({length} lines)",
                           "give lines: N-M within the raw file")
    named: list[tuple[str, tuple[int, int], int | None]] = [
        *(("excluded", (start, end), use.excluded.line_of(i) or use.line)
          for i, (start, end, _) in enumerate(use.excluded.ranges)),
        *(("metadata_lines", (start, end), use.metadata_lines.line_of(i) or use.line)
          for i, (start, end, _) in enumerate(use.metadata_lines.ranges)),
        *(("kept_lines", (start, end), use.kept_lines.line_of(i) or use.line)
          for i, (start, end, _) in enumerate(use.kept_lines.ranges)),
        *([("hard_wrapped", use.hard_wrapped, use.line_of("hard_wrapped"))] if use.hard_wrapped else []),
        *(("emendation", (e.line, e.line), e.record_line) for e in use.emendations)]
    for what, (start, end), where in named:
        if not first <= start <= end <= last:
            outside = start if not first <= start <= last else end
            raise EditionError(record.path, where, f"{what} line {outside} is outside the witness span "
                               f"{first}-{last} of {use.file}", "name a line inside the span, or widen lines:")


def _most_blocks(record: EditionRecord, raw_lines: dict[str, tuple[str, ...]]) -> int:
    """How many blocks the document can have at most: one per raw line of its first version (one for an excerpt)."""
    if record.kind != "document":
        return 1
    base = record.versions[0].base
    return base.span[1] - base.span[0] + 1 if base.span else len(raw_lines.get(base.file, ()))


def _check_excerpt_blocks(record: EditionRecord, use: WitnessUse, most: int) -> None:
    """An excerpt's block range ends within the document, before it is expanded into block IDs."""
    for placed in use.excerpts:
        if placed.block_range and placed.block_range.last > most:
            raise EditionError(record.path, placed.line, f"block range {placed.block_range} runs past the end of "
                               f"{record.id} (at most {placed.block_range.kind}{most})",
                               f"target blocks of the first version, {record.versions[0].key}")


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
    keys = ", ".join(v.key for v in doc.versions)
    if quote is not None and version_key is None:
        raise EditionError(path, line, f"{what}: a quote needs lang:, the version it is quoted from",
                           f"give lang: one of {keys}")
    version = doc.version(version_key) if version_key is not None else doc.versions[0]
    if version is None:
        raise EditionError(path, line, f"{what}: {doc.id} has no version {version_key!r}", f"give lang: one of {keys}")
    if quote is None:
        return version.key, None
    text = version.cells[block_id].text
    count = text.count(quote)
    if count != 1:
        raise EditionError(path, line, f"{what}: quote {quote!r} found {count} times in {doc.id}#{block_id} "
                           f"({version.key})", "quote a span that occurs exactly once in that block")
    return version.key, text.index(quote)


def check_note_links(path: Path, note: Annotation, documents: list[Document], notes: dict[str, set[str]]) -> None:
    """A note's body and basis link only to ``<id>#p12``, ``<id>#n-<note of that document>``, a block in one of the
    document's views (``<id>/en-unofficial#p12``) or http(s)."""
    blocks = {doc.id: {b.id for b in doc.blocks} for doc in documents}
    views = {doc.id: urls.document_views(doc)[1:] if doc.record.kind == "document" else [] for doc in documents}
    for field, markdown in (("body", note.body), ("basis", note.basis)):
        for match in LINK_TARGETS.finditer(markdown):
            target = next(group for group in match.groups() if group is not None)
            if WEB_URL.fullmatch(target):
                continue
            edition = EDITION_LINK.fullmatch(target)
            if edition is None:
                raise EditionError(path, note.line, f"annotation {note.id}, {field}: link {target!r} is neither an "
                                   "edition anchor nor an http(s) URL",
                                   "link to <document>#p12, <document>/<view>#p12, <document>#n-<note> or https://…")
            doc_id, view, anchor = edition.groups()
            note_id = anchor[2:] if anchor.startswith("n-") else None
            if anchor not in blocks.get(doc_id, set()) and note_id not in notes.get(doc_id, set()):
                raise EditionError(path, note.line, f"annotation {note.id}, {field}: cross-reference "
                                   f"{doc_id}#{anchor} does not resolve",
                                   "link to an existing block, as <id>#p12, or to a note of that document, "
                                   "as <id>#n-<note>")
            if view is not None and (view not in views[doc_id] or note_id is not None):
                raise EditionError(path, note.line, f"annotation {note.id}, {field}: cross-reference "
                                   f"{doc_id}/{view}#{anchor} names no block in a view of {doc_id}",
                                   "link to a block of one of its views: " + (", ".join(
                                       f"{doc_id}/{v}#p1" for v in views[doc_id]) or f"{doc_id}#p1 (it has one page)"))


def check_successor_targets(registry: Registry, present: dict[str, set[str]]) -> None:
    """Every successor maps a registered (published) block to blocks of the current edition."""
    for doc_id, mapping in registry.successors.items():
        for old, successor in mapping.items():
            if registry.since(doc_id, old) is None:
                raise EditionError(registry.path.parent / "successors.yml", successor.line,
                                   f"anchor {doc_id}#{old} was never published, so it needs no successor",
                                   "map only anchors registered in registry/anchors.yml, or remove the entry")
            if missing := [t for t in successor.to if t not in present.get(doc_id, set())]:
                raise EditionError(registry.path.parent / "successors.yml", successor.line,
                                   f"anchor {doc_id}#{old} maps to {doc_id}#{missing[0]}, which does not exist",
                                   "map it to a block of the current edition")
