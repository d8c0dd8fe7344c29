"""Published anchors are permanent: every document and block the registry records must still be in
the edition, or be mapped to its successors."""

from __future__ import annotations

from build_tools.model.edition import Registry, Texts
from build_tools.model.errors import EditionError


def check_registry(registry: Registry, edition: Texts) -> None:
    """Every registered anchor is in the edition, or mapped to successors that are."""
    present = {doc.id: {b.id for b in doc.blocks} for doc in edition.documents}
    for doc_id, doc in registry.documents.items():
        line = doc.line
        if doc_id not in present:
            raise EditionError(registry.path, line, f"published document {doc_id} is missing from the edition",
                               "restore its edition record: document IDs are permanent URLs")
        for block_id, block in doc.blocks.items():
            if block_id in present[doc_id]:
                continue
            successor = registry.successors.get(doc_id, {}).get(block_id)
            where = block.line or line
            if successor is None:
                raise EditionError(registry.path, where,
                                   f"registered anchor {doc_id}#{block_id} is missing from the output",
                                   "restore the block, or map it to its successor in source_texts/registry/successors.yml")
            if missing := [t for t in successor.to if t not in present[doc_id]]:
                raise EditionError(registry.path, where,
                                   f"anchor {doc_id}#{block_id} maps to {doc_id}#{missing[0]}, which does not exist",
                                   "map it to a block of the current edition")
