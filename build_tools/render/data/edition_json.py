"""Machine-readable edition: ``data/<id>.json`` per document, ``data/edition.json`` as the index,
and ``data/strip-reports/<file>.json`` per raw witness. The schema is documented on the
editorial-principles page; :data:`SCHEMA_VERSION` changes when it does."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from build_tools.ingest.references import CROSS_REFERENCE
from build_tools.model import urls
from build_tools.model.edition import (
    Cell,
    Document,
    Edition,
    ManifestEntry,
    Registry,
    SiteConfig,
    WitnessReport,
    WitnessSummary,
)
from build_tools.model.editorial import Editorial
from build_tools.model.labels import witness_words
from build_tools.model.languages import in_language
from build_tools.model.records import LANGS, VersionRecord
from build_tools.render.annotated import OwnNumber, concordance
from build_tools.render.data.citations import citation_templates, document_ris, rendered_once

SCHEMA_VERSION = 1
MOTIVATIONS = {"textual": "editing", "context": "commenting", "translation": "commenting",
               "cross-reference": "linking"}


def document_record(doc: Document, registry: Registry, config: SiteConfig, editorial: Editorial) -> dict[str, Any]:
    """The JSON of one document: metadata, versions, and every block's ID, kind and text per version."""
    record = doc.record
    own = concordance(doc)
    return {
        "schema_version": SCHEMA_VERSION,
        "edition_version": config.release.version,
        "edition_released": config.release.date,
        "id": record.id,
        "kind": record.kind,
        "titles": record.titles,
        "date": record.date,
        # "doubtful": the date as a source gives it, which the edition doubts (notes.date_certainty says why).
        "date_certainty": record.date_certainty,
        "issuing_body": record.issuing_body,
        "document_type": record.document_type,
        "notes": record.notes,
        "url": urls.absolute(config.site_url, urls.view_path(record.id, record.kind)),
        "blocks": [
            {"id": b.id, "kind": b.kind, **({"level": b.level} if b.level else {}),
             "first_published": registry.since(record.id, b.id),
             # The document's own number of the block (一、 1. （一）), where it numbers it.
             **({"own_number": _own_number(b.id, own[b.id])} if b.id in own else {})}
            for b in doc.blocks
        ],
        "other_titles": list(record.other_titles),
        "annotations": [
            {"id": n.id, "anchor": n.anchor, "block": n.block, "version": n.version, "quote": n.quote,
             "type": n.type, "body": n.body, "author": n.author, "date": n.date, "basis": n.basis}
            for n in editorial.notes(record.id)
        ],
        "apparatus": [asdict(e) for e in editorial.apparatus.get(record.id, [])],
        "glossary": [
            {"term": t.id, "form": o.form, "block": o.block, "renderings": list(o.renderings),
             "unofficial_renderings": list(o.unofficial_renderings), "unofficial_version": o.unofficial_version or None}
            for t in editorial.glossary for o in t.occurrences if o.document == record.id
        ],
        "echoes": [
            {"block": here.block, "phrase": here.phrase, "document": there.document, "other_block": there.block,
             "other_phrase": there.phrase}
            for e in editorial.echoes for here in e.places if here.document == record.id
            for there in e.places if there.document != record.id
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
                "url": urls.absolute(config.site_url, urls.view_path(record.id, record.kind, v.key)),
                "metadata": v.metadata,
                "official": _official(record.version(v.key)),
                "witnesses": [witness_json(w) for w in v.witnesses],
                "blocks": [_cell(v.cells[b.id], b.kind) for b in doc.blocks],
                **({"collated_witnesses": v.collated} if v.collated else {}),
            }
            for v in doc.versions
        ],
    }


def _official(version: VersionRecord | None) -> dict[str, str | None] | None:
    """The official publication a version reproduces (a translation: translates), as recorded, with its basis."""
    official = version.official if version else None
    if official is None:
        return None
    # The record writes a date with an optional remark, "2024-03-03 (as attributed; doubtful)": a date field
    # holds the date alone.
    date, _, remark = official.date.partition(" ")
    return {"title": official.title, "issuer": official.issuer, "date": date or None,
            "date_remark": remark.removeprefix("(").removesuffix(")") or None, "url": official.url, "basis": official.basis}


def _own_number(block_id: str, number: OwnNumber) -> dict[str, Any]:
    return {"value": number.value, "mark": number.mark, "version": number.version,
            "label": {lang: number.label(block_id, lang) for lang in ("en", "zh")}}


def _cell(cell: Cell, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": cell.block_id, "kind": kind, "status": cell.status}
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


def web_annotations(doc: Document, edition: Edition, config: SiteConfig) -> dict[str, Any]:
    """The document's notes as a W3C Web Annotation collection: a TextQuoteSelector on the block URL."""
    base = urls.absolute(config.site_url, urls.data_path(f"annotations/{doc.id}.jsonld"))
    items = []
    for note in edition.editorial.notes(doc.id):
        version = doc.version(note.version)
        page = urls.absolute(config.site_url, urls.view_path(doc.id, doc.record.kind, note.version))
        target: dict[str, Any] = {"source": f"{page}#{note.block}"}
        if note.quote and note.start is not None and version is not None:
            text, start, end = version.cells[note.block].text, note.start, note.start + len(note.quote)
            target["selector"] = {"type": "TextQuoteSelector", "exact": note.quote,
                                  "prefix": text[max(0, start - 16):start], "suffix": text[end:end + 16]}
        items.append({
            "id": f"{page}#{note.anchor}",
            "type": "Annotation",
            "motivation": MOTIVATIONS[note.type],
            "created": note.date,
            "creator": {"type": "Organization", "name": note.author},
            "body": {"type": "TextualBody", "value": _absolute_links(note.body, config, edition) + (
                         f" Basis: {note.basis}" if note.basis else ""),
                     "format": "text/markdown", "language": "en", "purpose": MOTIVATIONS[note.type]},
            "target": target,
        })
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "id": base, "type": "AnnotationCollection",
            "label": f"Editorial notes on {in_language(doc.record.titles, 'en')} (edition {config.release.version})",
            "total": len(items), "first": {"id": f"{base}#page1", "type": "AnnotationPage", "items": items}}


def _absolute_links(body: str, config: SiteConfig, edition: Edition) -> str:
    """Cross-references ``<id>#p12``, ``<id>/<view>#p12`` in a note as absolute URLs, for reuse outside the site."""
    return CROSS_REFERENCE.sub(lambda m: "](" + urls.absolute(config.site_url, urls.block_path(
        m["doc"], edition.kind_of(m["doc"]), m["anchor"], m["view"] or urls.PARALLEL)) + ")", body)


def edition_index(edition: Edition, config: SiteConfig) -> dict[str, Any]:
    """``edition.json``: every document with its URL and data file, and the releases."""
    return {
        "schema_version": SCHEMA_VERSION,
        "edition_version": config.release.version,
        "edition_released": config.release.date,
        "releases": [vars(r) for r in edition.registry.releases],
        "documents": [
            {"id": d.id, "kind": d.record.kind, "titles": d.record.titles, "date": d.record.date,
             "date_certainty": d.record.date_certainty,
             "versions": [v.key for v in d.versions],
             "url": urls.absolute(config.site_url, urls.view_path(d.id, d.record.kind)),
             "data": urls.absolute(config.site_url, urls.data_path(f"{d.id}.json"))}
            for d in edition.documents
        ],
        "witnesses": [{**manifest_json(w),
                       "strip_report": urls.absolute(config.site_url, urls.data_path(f"strip-reports/{w.file}.json"))}
                      for w in edition.manifest],
    }


def witness_json(summary: WitnessSummary) -> dict[str, Any]:
    """A version's witness as the JSON states it: file, role, span, emendations, placed excerpts."""
    out: dict[str, Any] = {"file": summary.file, "role": summary.role}
    if summary.entry:
        out["what_it_is"] = witness_words(summary.entry)  # in words, from the manifest: "WeChat repost by …"
    if summary.lines:
        out["lines"] = list(summary.lines)
    if summary.emendations:
        out["emendations"] = [{"line": e.line, "witness_reading": e.witness_reading, "reading": e.reading,
                               "reason": e.reason} for e in summary.emendations]
    if summary.excerpts:
        out["excerpts"] = [{"excerpt": e.excerpt, "line": e.line, "blocks": list(e.blocks),
                            "attribution": {"title": e.title, "date": e.date, "author": e.author}}
                           for e in summary.excerpts]
    return out


def manifest_json(entry: ManifestEntry) -> dict[str, Any]:
    """A manifest entry as published: every fact the manifest states, in its order, and what the witness is in
    words; not the outside spans."""
    out: dict[str, Any] = {"file": entry.file, "sha256": entry.sha256, "kind": entry.kind,
                           "what_it_is": witness_words(entry), "description": entry.description,
                           "publisher": entry.publisher, "url": entry.url}
    if entry.translated_from:
        out["translated_from"] = entry.translated_from
    out.update({"published": entry.published, "fetched": entry.fetched})
    if entry.account_names:
        out["account_names"] = list(entry.account_names)
    return out


def strip_report(report: WitnessReport) -> dict[str, Any]:
    """Every removed or replaced span of one witness, with the rule that did it, and every line join."""
    return {
        "schema_version": SCHEMA_VERSION,
        "witness": report.file,
        "kind": report.kind,
        "entries": [asdict(e) for e in report.entries],
        "joins": [asdict(j) for j in sorted(report.joins, key=lambda j: j.line)],
    }


def _dump(obj: dict[str, Any]) -> str:
    """JSON text whose first key says it is generated."""
    return json.dumps({"generated_by": urls.GENERATED_BY, **obj}, ensure_ascii=False, indent=1) + "\n"


def data_files(edition: Edition, config: SiteConfig) -> dict[str, str]:
    """Every data file, keyed by path under ``data/``: documents, index, strip reports, citations."""
    files = {f"{d.id}.json": _dump(document_record(d, edition.registry, config, edition.editorial))
             for d in edition.documents}
    files.update({f"annotations/{d.id}.jsonld": json.dumps(web_annotations(d, edition, config),
                                                           ensure_ascii=False, indent=1) + "\n"
                  for d in edition.documents if edition.editorial.notes(d.id)})
    files["edition.json"] = _dump(edition_index(edition, config))
    files.update({f"strip-reports/{name}.json": _dump(strip_report(r)) for name, r in edition.reports.items()})
    cite = rendered_once(lambda: {d.id: citation_templates(d, config) for d in edition.documents})
    files.update({f"cite/{doc_id}.json": _dump(templates) for doc_id, templates in cite.items()})
    files.update({f"cite/{d.id}.ris": document_ris(d, config) for d in edition.documents})
    return files
