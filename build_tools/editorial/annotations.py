"""Annotations: editorial notes kept in ``source_texts/<id>.annotations.yml`` beside each record.

Each note has an ID, a target (a block, and optionally an exact quote in one language version), a
type, a Markdown body that may link to other blocks as ``<document>#p12``, an author, a date and,
for context notes, the basis it rests on. Loading checks every target and cross-reference against
the edition and fails with ``file:line`` when one does not resolve.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.model.errors import EditionError
from build_tools.model.editorial import Annotation
from build_tools.model.edition import Document
from build_tools.ingest.yamlio import load_yaml

TYPES = ("textual", "context", "translation", "cross-reference")
CROSS_REFERENCE = re.compile(r"\]\(([a-z][a-z0-9-]*)#((?:[ps]\d+)|(?:n-[a-z0-9-]+))\)")
NOTE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def annotation_path(source_dir: Path, doc_id: str) -> Path:
    """Where a document's annotations live: beside its edition record."""
    return source_dir / f"{doc_id}.annotations.yml"


def load_annotations(source_dir: Path, documents: list[Document]) -> dict[str, list[Annotation]]:
    """Every document's annotations, resolved against the edition; fails on the first bad target."""
    by_id = {doc.id: doc for doc in documents}
    found: dict[str, list[Annotation]] = {}
    seen: dict[str, Path] = {}
    for doc in documents:
        path = annotation_path(source_dir, doc.id)
        if not path.exists():
            continue
        entries = load_yaml(path).get("annotations") or []
        found[doc.id] = [_resolve(path, entry, doc) for entry in entries]
        for note in found[doc.id]:
            if note.id in seen:
                raise EditionError(path, note.line, f"annotation ID {note.id} is also used in {seen[note.id].name}",
                                   "give every annotation its own ID: it is a public anchor (#n-<id>)")
            seen[note.id] = path
    known_notes = set(seen)
    for doc_id, notes in found.items():
        path = annotation_path(source_dir, doc_id)
        for note in notes:
            for target_doc, anchor in CROSS_REFERENCE.findall(note.body):
                target = by_id.get(target_doc)
                ok = target and (anchor in {b.id for b in target.blocks} or anchor[2:] in known_notes)
                if not ok:
                    raise EditionError(path, note.line, f"annotation {note.id}: cross-reference {target_doc}#{anchor} "
                                       "does not resolve", "link to an existing document and block, as <id>#p12")
    return found


def _resolve(path: Path, entry: dict, doc: Document) -> Annotation:
    line = getattr(entry, "line", None)

    def fail(problem: str, fix: str):
        raise EditionError(path, line, problem, fix)

    note_id = str(entry.get("id", ""))
    if not NOTE_ID.fullmatch(note_id):
        fail(f"annotation ID {note_id!r} is not lower-case words joined by '-'", "give id: like bletchley-declaration")
    kind = entry.get("type")
    if kind not in TYPES:
        fail(f"annotation {note_id}: type {kind!r} is unknown", f"use one of {', '.join(TYPES)}")
    for key in ("body", "author", "date"):
        if not str(entry.get(key) or "").strip():
            fail(f"annotation {note_id} has no {key}", f"give {key}:")
    if kind == "context" and not str(entry.get("basis") or "").strip():
        fail(f"context note {note_id} names no basis", "give basis: the text itself or the public record it rests on")
    target = entry.get("target") or {}
    block_id = str(target.get("block", ""))
    if block_id not in {b.id for b in doc.blocks}:
        fail(f"annotation {note_id}: target block {doc.id}#{block_id} does not exist",
             f"target a block of {doc.id} (p1–p{sum(b.id.startswith('p') for b in doc.blocks)})")
    version_key, quote, start = target.get("lang"), target.get("quote"), None
    if quote is not None:
        version = doc.version(str(version_key))
        if version is None:
            fail(f"annotation {note_id}: {doc.id} has no version {version_key!r}",
                 f"give lang: one of {', '.join(v.key for v in doc.versions)}")
        text = version.cells[block_id].text
        count = text.count(str(quote))
        if count != 1:
            fail(f"annotation {note_id}: quote {quote!r} found {count} times in {doc.id}#{block_id} ({version_key})",
                 "quote a span that occurs exactly once in that block")
        start = text.index(str(quote))
    if quote is None and version_key is not None and doc.version(str(version_key)) is None:
        fail(f"annotation {note_id}: {doc.id} has no version {version_key!r}",
             f"give lang: one of {', '.join(v.key for v in doc.versions)}")
    return Annotation(note_id, doc.id, block_id, str(version_key or doc.versions[0].key),
                      str(quote) if quote is not None else None, start, kind, " ".join(str(entry["body"]).split()),
                      str(entry["author"]), str(entry["date"]), " ".join(str(entry.get("basis") or "").split()), line)
