"""Published anchors are permanent: every document, view and block the registry records must still be in
the edition, or be mapped to its successors; and no block's text may move to another ID unnoticed.

The registry holds a fingerprint of each block's text per version; when a registered text now sits at
another block ID, the blocks were renumbered, and every link to them would land on other words. That
is refused unless successors.yml records that block's renumbering as a deliberate re-segmentation in the
release being prepared (one not yet in the registry's releases: a published release cannot be re-cut).
"""

from __future__ import annotations

from build_tools.ingest.references import check_successor_targets
from build_tools.ingest.registry import RESEGMENT, block_fingerprints
from build_tools.model import urls
from build_tools.model.edition import Document, RegisteredDocument, Registry, Texts, version_order
from build_tools.model.errors import EditionError

SUCCESSORS_FIX = "restore the block, or map it to its successor in source_texts/registry/successors.yml"


def check_registry(registry: Registry, edition: Texts) -> None:
    """Every registered anchor is in the edition at its own text, or mapped to successors that are."""
    documents = {doc.id: doc for doc in edition.documents}
    check_successor_targets(registry, {doc.id: {b.id for b in doc.blocks} for doc in edition.documents})
    for doc_id, published in registry.documents.items():
        doc = documents.get(doc_id)
        if doc is None:
            raise EditionError(registry.path, published.line, f"published document {doc_id} is missing from the edition",
                               "restore its edition record: document IDs are permanent URLs")
        _check_views(registry, published, doc)
        successors = registry.successors.get(doc_id, {})
        _check_texts_stay(registry, published, doc, _resegmented(registry, doc_id))
        present = {b.id for b in doc.blocks}
        for block_id, block in published.blocks.items():
            if block_id not in present and block_id not in successors:
                raise EditionError(registry.path, block.line or published.line,
                                   f"registered anchor {doc_id}#{block_id} is missing from the output", SUCCESSORS_FIX)


def _resegmented(registry: Registry, doc_id: str) -> dict[str, tuple[str, ...]]:
    """The registered blocks a document's release being prepared re-segments on purpose, with their successors."""
    released = {release.version for release in registry.releases}
    return {block_id: successor.to for block_id, successor in registry.successors.get(doc_id, {}).items()
            if successor.change == RESEGMENT and successor.release not in released}


def _check_texts_stay(registry: Registry, published: RegisteredDocument, doc: Document,
                      resegmented: dict[str, tuple[str, ...]]) -> None:
    """Fail on a registered text now at another block (naming a lost one first) unless re-segmented there."""
    current = block_fingerprints(doc)
    now_at = {(key, print_): block_id for block_id, prints in current.items() for key, print_ in prints.items()}
    moved: dict[str, str] = {}
    lost: list[str] = []
    for block_id, block in published.blocks.items():
        registered = block.latest() or {}
        here = current.get(block_id, {})
        places = {now_at.get((key, print_)) for key, print_ in registered.items() if here.get(key) != print_}
        if block_id in resegmented:
            # A deliberate renumbering must send the old anchor where its text went, not anywhere.
            if astray := sorted(p for p in places if p is not None and p not in (block_id, *resegmented[block_id])):
                raise EditionError(registry.path, block.line or published.line,
                                   f"{doc.id}#{block_id} is mapped to {', '.join(resegmented[block_id])}, but its text "
                                   f"is now at {astray[0]}", f"map it to {astray[0]} in successors.yml")
            continue
        if elsewhere := sorted(p for p in places if p not in (None, block_id)):
            moved[block_id] = elsewhere[0]
        elif registered and not any(here.get(key) == print_ for key, print_ in registered.items()) \
                and None in places:
            lost.append(block_id)
    if not moved:
        return
    first = next(iter(moved))
    release = max(published.blocks[first].text, key=version_order)
    if lost:
        gone = lost[0]
        raise EditionError(registry.path, published.blocks[gone].line, f"{doc.id}#{gone}: its text (release "
                           f"{max(published.blocks[gone].text, key=version_order)}) is no longer in the edition, and the blocks after "
                           f"it moved up ({first}'s text is now at {moved[first]})",
                           "restore the lost text, or map each renumbered block to its new ID in successors.yml "
                           "as change: resegment")
    raise EditionError(registry.path, published.blocks[first].line, f"{doc.id}#{first}: its text (release {release}) "
                       f"is now at {moved[first]}", "restore the segmentation, or map each renumbered block to its new ID in "
                       "successors.yml as change: resegment, with the new release and the reason")


def _check_views(registry: Registry, published: RegisteredDocument, doc: Document) -> None:
    """Every registered view (``<id>/``, ``<id>/<key>/``, ``<id>/compare/`` …) is one the document still has."""
    views = {urls.view_path(doc.id, doc.record.kind, view) for view in urls.document_views(doc)}
    for view in published.views:
        if view not in views:
            raise EditionError(registry.path, published.line, f"published view /{view} of {doc.id} would no longer "
                               "be built", "restore the version it shows: view URLs are permanent")
