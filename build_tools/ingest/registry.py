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
from dataclasses import replace
from pathlib import Path

from build_tools.ingest.schema import (
    FINGERPRINT,
    ID,
    RELEASE,
    Shape,
    block_id,
    identifier,
    iso_date,
    key_text,
    list_of,
    mapping_of,
    matching,
    one_of,
    optional,
    prose,
    required,
    text,
)
from build_tools.ingest.yamlio import Node, Scalar, load_yaml
from build_tools.model.edition import Document, RegisteredBlock, RegisteredDocument, Registry, Release, Successor
from build_tools.model.errors import EditionError
from build_tools.model.labels import SUCCESSOR_CHANGES

REGISTRY = "registry/anchors.yml"
SUCCESSORS = "registry/successors.yml"
# resegment: the blocks were cut anew, so texts moved between IDs on purpose (see permanence.py).
RESEGMENT = "resegment"
CHANGES = tuple(SUCCESSOR_CHANGES)
# A published view's URL path: the document's own (<id>/) or one of its views (<id>/<view>/), made of IDs only.
VIEW_PATH = re.compile(rf"{ID.pattern}/(?:{ID.pattern}/)?")


def fingerprint(text: str) -> str:
    """A short, stable hash of a block's text in one version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def block_fingerprints(doc: Document) -> dict[str, dict[str, str]]:
    """Per block ID, the fingerprint of its text in each version that has text there."""
    return {
        block.id: {v.key: fingerprint(v.cells[block.id].text) for v in doc.versions if v.cells[block.id].status == "text"}
        for block in doc.blocks
    }


def _targets(node: Node) -> tuple[str, ...]:
    """``to: p15`` or ``to: [p14, p15]``."""
    return (block_id(node),) if isinstance(node, Scalar) else list_of(block_id, min_items=1, what="a list of block IDs")(node)


RELEASE_ENTRY = Shape("release", Release, {"version": required(matching(RELEASE, "release", "1.0.0")),
                                           "date": required(iso_date)})
VERSION_PRINTS = mapping_of(key_text(text), matching(FINGERPRINT, "fingerprint", "16 hex digits"),
                            what="a mapping of version keys to fingerprints")
BLOCK = Shape("registered block", RegisteredBlock, {
    "since": required(matching(RELEASE, "release", "1.0.0")),
    "text": optional(mapping_of(key_text(matching(RELEASE, "release", "1.0.0")), VERSION_PRINTS), {})},
    line_to="line")
DOCUMENT = Shape("registered document", RegisteredDocument, {
    "since": required(matching(RELEASE, "release", "1.0.0")),
    "blocks": required(mapping_of(key_text(block_id), BLOCK, what="a mapping of block IDs")),
    "views": optional(list_of(matching(VIEW_PATH, "view path", "action-plan-2025/ or action-plan-2025/zh/"),
                              what="a list of view paths"), ())}, line_to="line")
ANCHORS = Shape("anchor registry", Registry, {
    "releases": required(list_of(RELEASE_ENTRY, what="a list of releases"), to="releases"),
    "documents": optional(mapping_of(key_text(identifier("document ID")), DOCUMENT), {})})
SUCCESSOR = Shape("successor", Successor, {
    "to": required(_targets), "change": required(one_of(*CHANGES)),
    "release": required(matching(RELEASE, "release", "1.1.0")), "reason": required(prose)}, line_to="line")
SUCCESSORS_FILE = Shape("successors file", lambda successors: successors, {
    "successors": optional(mapping_of(key_text(identifier("document ID")),
                                      mapping_of(key_text(block_id), SUCCESSOR, what="a mapping of vanished block IDs"),
                                      what="a mapping of document IDs"), {})})


def load_registry(source_dir: Path) -> Registry:
    """Read the registry and the successors; a project without a registry has published nothing."""
    path = source_dir / REGISTRY
    registry = replace(ANCHORS(load_yaml(path)), path=path) if path.exists() else Registry(path=path)
    registry.releases = list(registry.releases)
    _check_releases_known(registry)
    successors_path = source_dir / SUCCESSORS
    if successors_path.exists():
        registry.successors = SUCCESSORS_FILE(load_yaml(successors_path))
    return registry


def _check_releases_known(registry: Registry) -> None:
    """Every release a document or block names (``since``, its text history) is one of ``releases``."""
    known = {release.version for release in registry.releases}
    fix = "run `make register` to rewrite the registry; never edit it by hand"
    for doc_id, document in registry.documents.items():
        if document.since not in known:
            raise EditionError(registry.path, document.line, f"{doc_id} since {document.since}, which is not among "
                               f"the releases ({', '.join(sorted(known)) or 'none'})", fix)
        for block_id, block in document.blocks.items():
            if stray := [r for r in (block.since, *block.text) if r not in known]:
                raise EditionError(registry.path, block.line, f"{doc_id}#{block_id} names release {stray[0]}, which "
                                   f"is not among the releases ({', '.join(sorted(known)) or 'none'})", fix)
