"""Machine-readable edition: ``data/<id>.json`` per document, ``data/edition.json`` as the index,
and ``data/strip-reports/<file>.json`` per raw witness. The schema is documented on the
editorial-principles page; :data:`SCHEMA_VERSION` changes when it does."""

from __future__ import annotations

import json
from dataclasses import asdict

from .citations import citation_templates, document_ris
from .config import SiteConfig
from .model import Document, Edition, Registry, WitnessReport
from .records import LANGS

SCHEMA_VERSION = 1
GENERATED_BY = "build_tools from source_texts/ — do not edit; run `make docs`"


def document_record(doc: Document, registry: Registry, config: SiteConfig) -> dict:
    """The JSON of one document: metadata, versions, and every block's ID, kind and text per version."""
    record = doc.record
    return {
        "schema_version": SCHEMA_VERSION,
        "edition_version": config.release.version,
        "edition_released": config.release.date,
        "id": record.id,
        "kind": record.kind,
        "titles": record.titles,
        "date": record.date,
        "issuing_body": record.issuing_body,
        "document_type": record.document_type,
        "notes": record.notes,
        "url": f"{config.site_url}{record.id}/",
        "blocks": [
            {"id": b.id, "kind": b.kind, **({"level": b.level} if b.level else {}),
             "first_published": registry.since(record.id, b.id)}
            for b in doc.blocks
        ],
        "successors": {
            old: {"to": list(s.to), "change": s.change, "release": s.release, "reason": s.reason}
            for old, s in registry.successors.get(record.id, {}).items()
        },
        "versions": [
            {
                "key": v.key,
                "lang": LANGS[v.lang],
                "status": v.status,
                "label": v.label,
                "title": v.title,
                "url": f"{config.site_url}{record.id}/{v.key}/" if record.kind == "document"
                else f"{config.site_url}{record.id}/",
                "metadata": v.metadata,
                "witnesses": v.witnesses,
                "blocks": [_cell(v.cells[b.id], b.kind) for b in doc.blocks],
                **({"collated_witnesses": v.collated} if v.collated else {}),
            }
            for v in doc.versions
        ],
    }


def _cell(cell, kind: str) -> dict:
    out: dict = {"id": cell.block_id, "kind": kind, "status": cell.status}
    if cell.status == "text":
        out["text"] = cell.text
        out["source_lines"] = list(cell.lines) if cell.lines else None
    if cell.covers:
        out["covers"] = list(cell.covers)
    if cell.covered_by:
        out["covered_by"] = cell.covered_by
    if cell.starts_mid_block:
        out["starts_mid_block"] = True
    if cell.note:
        out["note"] = cell.note
    return out


def edition_index(edition: Edition, config: SiteConfig) -> dict:
    """``edition.json``: every document with its URL and data file, and the releases."""
    return {
        "schema_version": SCHEMA_VERSION,
        "edition_version": config.release.version,
        "edition_released": config.release.date,
        "releases": [vars(r) for r in edition.registry.releases],
        "documents": [
            {"id": d.id, "kind": d.record.kind, "titles": d.record.titles, "date": d.record.date,
             "versions": [v.key for v in d.versions], "url": f"{config.site_url}{d.id}/",
             "data": f"{config.site_url}data/{d.id}.json"}
            for d in edition.documents
        ],
        "witnesses": [{**{k: v for k, v in w.items() if k != "outside_spans"},
                       "strip_report": f"{config.site_url}data/strip-reports/{w['file']}.json"}
                      for w in edition.manifest],
    }


def strip_report(report: WitnessReport) -> dict:
    """Every removed or replaced span of one witness, with the rule that did it, and every line join."""
    return {
        "schema_version": SCHEMA_VERSION,
        "witness": report.file,
        "kind": report.kind,
        "entries": [asdict(e) for e in report.entries],
        "joins": [asdict(j) for j in sorted(report.joins, key=lambda j: j.line)],
    }


def _dump(obj: dict) -> str:
    """JSON text whose first key says it is generated."""
    return json.dumps({"generated_by": GENERATED_BY, **obj}, ensure_ascii=False, indent=1) + "\n"


def data_files(edition: Edition, config: SiteConfig) -> dict[str, str]:
    """Every data file, keyed by path under ``data/``: documents, index, strip reports, citations."""
    files = {f"{d.id}.json": _dump(document_record(d, edition.registry, config)) for d in edition.documents}
    files["edition.json"] = _dump(edition_index(edition, config))
    files.update({f"strip-reports/{name}.json": _dump(strip_report(r)) for name, r in edition.reports.items()})
    files.update({f"cite/{d.id}.json": _dump(citation_templates(d, config)) for d in edition.documents})
    files.update({f"cite/{d.id}.ris": document_ris(d, config) for d in edition.documents})
    return files
