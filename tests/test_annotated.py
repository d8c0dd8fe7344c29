"""The format-neutral annotated block: where note calls sit and which numbers they bear, for the web and the print alike."""

from __future__ import annotations

from dataclasses import replace

from build_tools.render.annotated import AnnotatedPage, shown_versions


def test_a_second_note_on_the_same_quote_joins_the_first(edition):
    """Two notes on the same words: the words are marked once, both calls follow them, numbered in turn."""
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    first = next(n for n in edition.editorial.notes(doc.id) if n.quote)
    twin = replace(first, id="twin-of-" + first.id)
    editorial = replace(edition.editorial, annotations={doc.id: [first, twin]})
    page = AnnotatedPage(doc, editorial, shown_versions(doc))
    cell = page.cells[(first.block, first.version)]
    assert [call.note.id for call in cell.calls] == [first.id, twin.id]
    assert [call.number for call in cell.calls] == [1, 2]
    assert "".join(getattr(p, "text", "") or "".join(r.text for r in getattr(p, "runs", ())) for p in cell.parts) \
        == doc.version(first.version).cells[first.block].text
