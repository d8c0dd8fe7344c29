"""The editorial layer of the edition: notes, apparatus, glossary and echoes, gathered per document."""

from __future__ import annotations

from pathlib import Path

from build_tools.editorial.annotations import load_annotations
from build_tools.editorial.apparatus import document_apparatus
from build_tools.editorial.echoes import find_echoes
from build_tools.editorial.glossary import load_glossary
from build_tools.ingest.texts import read_texts
from build_tools.model.edition import Edition, Texts
from build_tools.model.editorial import Editorial

GLOSSARY = Path("glossary") / "terms.yml"


def build_editorial(source_dir: Path, texts: Texts) -> Editorial:
    """Resolve the annotations, collate the witnesses, compute the glossary and the echoes."""
    glossary_path = source_dir / GLOSSARY
    echoes, trivial_echoes = find_echoes(texts.documents)
    return Editorial(
        annotations=load_annotations(source_dir, texts.documents),
        apparatus={doc.id: document_apparatus(doc, texts) for doc in texts.documents},
        glossary=load_glossary(glossary_path, texts.documents),
        echoes=echoes,
        trivial_echoes=trivial_echoes,
    )


def build_edition(source_dir: Path) -> Edition:
    """Read, verify, clean and align everything under ``source_texts/``, then add the editorial layer."""
    texts = read_texts(source_dir)
    return Edition(texts.documents, texts.reports, texts.manifest, texts.registry, texts.boilerplate,
                   build_editorial(source_dir, texts))
