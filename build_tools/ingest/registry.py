"""The anchor registry: every published document and block ID, the release that first published it,
and where anchors that no longer exist have gone.

``source_texts/registry/anchors.yml`` is written by ``make register`` (never by hand): releases, and per
block the release that published it and a fingerprint of its text in each release that changed
it. ``source_texts/registry/successors.yml`` is edited by hand: when a release merges, splits or moves
blocks, it maps each vanished anchor to its successor(s), with the change and the reason.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from build_tools.model.errors import EditionError
from build_tools.model.edition import (Document, RegisteredBlock, RegisteredDocument, Registry, Release,
                                       Successor)
from build_tools.ingest.yamlio import load_yaml

REGISTRY = "registry/anchors.yml"
SUCCESSORS = "registry/successors.yml"
CHANGES = ("merge", "split", "move")


def fingerprint(text: str) -> str:
    """A short, stable hash of a block's text in one version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def block_fingerprints(doc: Document) -> dict[str, dict[str, str]]:
    """Per block ID, the fingerprint of its text in each version that has text there."""
    return {
        block.id: {v.key: fingerprint(v.cells[block.id].text) for v in doc.versions if v.cells[block.id].status == "text"}
        for block in doc.blocks
    }


def load_registry(source_dir: Path) -> Registry:
    """Read the registry and the successors; a project without a registry has published nothing."""
    registry = Registry(path=source_dir / REGISTRY)
    if registry.path.exists():
        data = load_yaml(registry.path)
        registry.releases = [Release(str(r["version"]), str(r["date"])) for r in data.get("releases") or []]
        registry.documents = {
            str(doc_id): RegisteredDocument(str(doc["since"]), {
                str(block_id): RegisteredBlock(str(block["since"]), {str(k): {str(v): str(f) for v, f in prints.items()}
                                                                     for k, prints in (block.get("text") or {}).items()},
                                               block.line)
                for block_id, block in (doc.get("blocks") or {}).items()}, doc.line)
            for doc_id, doc in (data.get("documents") or {}).items()}
    successors_path = source_dir / SUCCESSORS
    if successors_path.exists():
        data = load_yaml(successors_path)
        for doc_id, mapping in (data.get("successors") or {}).items():
            registry.successors[doc_id] = {
                old: _successor(successors_path, doc_id, old, entry) for old, entry in (mapping or {}).items()
            }
    return registry


def _successor(path: Path, doc_id: str, old: str, entry: dict) -> Successor:
    to = entry.get("to")
    targets = tuple(to) if isinstance(to, list) else (str(to),) if to else ()
    change = entry.get("change")
    if not targets or change not in CHANGES:
        raise EditionError(path, getattr(entry, "line", None), f"successor of {doc_id}#{old} needs to: and change:",
                           f"give to: [new IDs] and change: one of {', '.join(CHANGES)}")
    return Successor(targets, change, str(entry.get("release", "")), " ".join(str(entry.get("reason", "")).split()))
