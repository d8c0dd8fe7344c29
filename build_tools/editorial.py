"""The editorial layer of the edition: notes, apparatus, glossary and echoes, gathered per document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .annotations import Annotation, load_annotations
from .apparatus import ApparatusEntry, document_apparatus
from .echoes import Echo, find_echoes
from .glossary import Term, load_glossary
from .model import Edition

GLOSSARY = Path("glossary") / "terms.yml"


@dataclass
class Editorial:
    """Everything the editors add to the texts, computed or written, ready for the writers."""

    annotations: dict[str, list[Annotation]] = field(default_factory=dict)
    apparatus: dict[str, list[ApparatusEntry]] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    echoes: list[Echo] = field(default_factory=list)

    def notes(self, doc_id: str) -> list[Annotation]:
        """The annotations of one document."""
        return self.annotations.get(doc_id, [])

    def echoes_of(self, doc_id: str, block_id: str) -> list[Echo]:
        """The echoes of one block in other documents."""
        return [e for e in self.echoes if e.document == doc_id and e.block == block_id]

    def terms_in(self, doc_id: str, block_id: str) -> list[tuple[Term, int, str]]:
        """Glossary occurrences in one Chinese block: (term, offset, form)."""
        return [(t, o.start, o.form) for t in self.glossary for o in t.occurrences
                if o.document == doc_id and o.block == block_id]


def build_editorial(source_dir: Path, edition: Edition) -> Editorial:
    """Resolve the annotations, collate the witnesses, compute the glossary and the echoes."""
    glossary_path = source_dir / GLOSSARY
    return Editorial(
        annotations=load_annotations(source_dir, edition.documents),
        apparatus={doc.id: document_apparatus(doc, edition) for doc in edition.documents},
        glossary=load_glossary(glossary_path, edition.documents) if glossary_path.exists() else [],
        echoes=find_echoes(edition.documents),
    )
