"""Annotations: editorial notes kept in ``source_texts/<id>.annotations.yml`` beside each record.

Each note has an ID, a target (a block, and optionally an exact quote in one language version), a
type, a Markdown body (no raw HTML) that may link to other blocks as ``<document>#p12``, an author, a date and,
for context notes, the basis it rests on. Loading checks every target and cross-reference against
the edition and fails with ``file:line`` when one does not resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.ingest.references import CROSS_REFERENCE, check_note_links, locate_quote
from build_tools.ingest.schema import (
    Shape,
    block_id,
    identifier,
    iso_date,
    list_of,
    markdown,
    one_of,
    optional,
    required,
    text,
    title,
)
from build_tools.ingest.yamlio import load_yaml
from build_tools.model.edition import Document
from build_tools.model.editorial import Annotation
from build_tools.model.errors import EditionError

__all__ = ["CROSS_REFERENCE", "Annotation", "annotation_path", "load_annotations"]

TYPES = ("textual", "context", "translation", "cross-reference")


@dataclass(frozen=True)
class Target:
    """Where a note sits as its file states it: a block, and optionally a quote in one version."""

    block: str
    lang: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class NoteEntry:
    """A note as written, before it is resolved against the edition."""

    id: str
    target: Target
    type: str
    body: str
    author: str
    date: str
    basis: str = ""
    line: int | None = None


NOTE = Shape("annotation", NoteEntry, {
    "id": required(identifier("annotation ID")),
    "target": required(Shape("target", Target, {"block": required(block_id), "lang": optional(text),
                                                "quote": optional(text)})),
    "type": required(one_of(*TYPES)), "body": required(markdown), "author": required(title),
    "date": required(iso_date), "basis": optional(markdown, "")}, line_to="line")
NOTES_FILE = Shape("annotations file", lambda annotations: annotations, {
    "annotations": optional(list_of(NOTE, what="a list of annotations"), ())})


def annotation_path(source_dir: Path, doc_id: str) -> Path:
    """Where a document's annotations live: beside its edition record."""
    return source_dir / f"{doc_id}.annotations.yml"


def load_annotations(source_dir: Path, documents: list[Document]) -> dict[str, list[Annotation]]:
    """Every document's annotations, resolved against the edition; fails on the first bad target."""
    found: dict[str, list[Annotation]] = {}
    seen: dict[str, Path] = {}  # note IDs are unique across the edition: each is a public anchor
    for doc in documents:
        path = annotation_path(source_dir, doc.id)
        if not path.exists():
            continue
        entries: tuple[NoteEntry, ...] = NOTES_FILE(load_yaml(path))
        for entry in entries:
            if entry.id in seen:
                raise EditionError(path, entry.line, f"annotation ID {entry.id} is also used in {seen[entry.id].name}",
                                   "give every annotation its own ID: it is a public anchor (#n-<id>)")
            seen[entry.id] = path
        found[doc.id] = [_resolve(path, entry, doc) for entry in entries]
    _check_no_orphans(source_dir, documents)
    note_ids = {doc_id: {note.id for note in notes} for doc_id, notes in found.items()}
    for doc_id, notes in found.items():
        for note in notes:
            check_note_links(annotation_path(source_dir, doc_id), note, documents, note_ids)
    return found


def _check_no_orphans(source_dir: Path, documents: list[Document]) -> None:
    """Every annotations file sits beside an edition record: notes for no document would be dropped unseen."""
    known = {annotation_path(source_dir, doc.id) for doc in documents}
    for path in sorted(source_dir.glob("*.annotations.yml")):
        if path not in known:
            doc_id = path.name.removesuffix(".annotations.yml")
            raise EditionError(path, 1, f"annotations for {doc_id}, which has no edition record {doc_id}.yml",
                               "name the file <id>.annotations.yml after a record's ID, or remove it")


def _resolve(path: Path, entry: NoteEntry, doc: Document) -> Annotation:
    if entry.type == "context" and not entry.basis:
        raise EditionError(path, entry.line, f"context note {entry.id} names no basis",
                           "give basis: the text itself or the public record it rests on")
    version_key, start = locate_quote(path, entry.line, f"annotation {entry.id}", doc, entry.target.block,
                                      entry.target.lang, entry.target.quote)
    return Annotation(entry.id, doc.id, entry.target.block, version_key, entry.target.quote, start, entry.type,
                      entry.body, entry.author, entry.date, entry.basis, entry.line)
