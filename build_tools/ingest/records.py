"""Edition records: one YAML file per document in ``source_texts/``, parsed and checked.

The schema lives here and only here. A record names the document (ID, titles, date, issuing
body, type) and its versions; each version is built from witnesses, each a raw file and the span
of it that holds this text, with the editors' declared decisions (exclusions, emendations, gaps).
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.model.records import LANGS, EditionRecord, ExcerptUse, Gaps, VersionRecord, WitnessUse
from build_tools.model.text import Emendation
from build_tools.model.errors import EditionError
from build_tools.ingest.yamlio import LineDict, load_yaml

ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")












def load_records(source_dir: Path) -> list[EditionRecord]:
    """Every edition record in ``source_dir``, sorted by ID, IDs checked unique."""
    records = [parse_record(path) for path in sorted(source_dir.glob("*.yml")) if "." not in path.stem]
    seen: dict[str, Path] = {}
    for record in records:
        if record.id in seen:
            raise EditionError(record.path, 1, f"document ID {record.id} is also used by {seen[record.id].name}",
                               "give every document its own ID")
        seen[record.id] = record.path
    return sorted(records, key=lambda r: r.id)


def parse_record(path: Path) -> EditionRecord:
    """Parse one record file, reporting the first problem as ``file:line``."""
    data = load_yaml(path)
    need = _requirer(path)
    doc_id = need(data, "id", str)
    if not ID_PATTERN.fullmatch(doc_id) or doc_id != path.stem:
        raise EditionError(path, data.line, f"document ID {doc_id!r} must be lower-case words joined by '-' "
                           "and match the file name", f"rename the file to {doc_id}.yml or fix the ID")
    kind = need(data, "kind", str)
    if kind not in ("document", "excerpt"):
        raise EditionError(path, data.line, f"kind {kind!r} is unknown", "use kind: document or kind: excerpt")
    versions = tuple(_parse_version(path, v) for v in need(data, "versions", list))
    if kind == "document" and (not versions or versions[0].key != "zh"):
        raise EditionError(path, data.line, "a document's first version must be zh",
                           "list the Chinese version first: its blocks define the IDs")
    notes = {key[: -len("_basis")]: str(value).strip() for key, value in data.items() if key.endswith("_basis")}
    return EditionRecord(
        id=doc_id, kind=kind, titles=dict(need(data, "titles", dict)), date=str(need(data, "date", str)),
        issuing_body=dict(need(data, "issuing_body", dict)), document_type=need(data, "document_type", str),
        versions=versions, notes=notes, path=path, other_titles=tuple(str(t) for t in data.get("other_titles") or ()),
    )


def _requirer(path: Path):
    def need(mapping: LineDict, key: str, kind: type):
        value = mapping.get(key)
        if not isinstance(value, kind) or value in ("", [], {}):
            raise EditionError(path, getattr(mapping, "line", None), f"missing or invalid {key!r}",
                               f"give {key}: as a {kind.__name__}")
        return value
    return need


def _parse_version(path: Path, data: LineDict) -> VersionRecord:
    need = _requirer(path)
    lang = need(data, "lang", str)
    if lang not in LANGS:
        raise EditionError(path, data.line, f"language {lang!r} is not in the edition", "use lang: zh or lang: en")
    status = need(data, "status", str)
    if status not in ("official", "unofficial"):
        raise EditionError(path, data.line, f"status {status!r} is unknown", "use official or unofficial")
    gaps = data.get("gaps")
    return VersionRecord(
        key=need(data, "key", str), lang=lang, status=status,
        label=str(data.get("label") or {"zh": "中文", "en": "English"}[lang]),
        witnesses=tuple(_parse_witness(path, w) for w in need(data, "witnesses", list)),
        gaps=Gaps(str(gaps.get("blocks")), str(gaps.get("note", "")).strip()) if isinstance(gaps, dict) else None,
    )


def _parse_witness(path: Path, data: LineDict) -> WitnessUse:
    need = _requirer(path)
    return WitnessUse(
        file=need(data, "file", str),
        line=data.line,
        role=str(data.get("role", "base")),
        span=_range(path, data, data.get("lines")) if data.get("lines") else None,
        excluded=_line_map(path, data, data.get("excluded") or {}),
        metadata_lines=_line_map(path, data, data.get("metadata_lines") or {}),
        hard_wrapped=_range(path, data, data.get("hard_wrapped")) if data.get("hard_wrapped") else None,
        segmentation=str(data.get("segmentation", "rules")),
        emendations=tuple(
            Emendation(int(need(e, "line", int)), need(e, "witness_reading", str), need(e, "reading", str),
                       " ".join(need(e, "reason", str).split()), getattr(e, "line", None))
            for e in data.get("emendations") or []
        ),
        excerpts=tuple(
            ExcerptUse(int(need(e, "excerpt", int)), expand_block_range(str(e.get("blocks", ""))),
                       bool(e.get("starts_mid_block", False)), " ".join(str(e.get("note", "")).split()))
            for e in data.get("excerpts") or []
        ),
    )


def _range(path: Path, data: LineDict, value) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+))?\s*", str(value))
    if not match:
        raise EditionError(path, data.line, f"line range {value!r} is not N or N-M", "write lines as 12-34")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first:
        raise EditionError(path, data.line, f"line range {value!r} runs backwards", "write the smaller number first")
    return first, last


def _line_map(path: Path, data: LineDict, mapping: dict) -> dict[int, str]:
    lines: dict[int, str] = {}
    for key, value in mapping.items():
        first, last = _range(path, data, key)
        lines.update({n: " ".join(str(value).split()) for n in range(first, last + 1)})
    return lines


def expand_block_range(spec: str) -> tuple[str, ...]:
    """``p1-p3`` → ``("p1", "p2", "p3")``; ``p7`` → ``("p7",)``; empty → ``()``."""
    match = re.fullmatch(r"([ps])(\d+)(?:-\1(\d+))?", spec.strip())
    if not match:
        return ()
    first = int(match.group(2))
    last = int(match.group(3) or first)
    return tuple(f"{match.group(1)}{n}" for n in range(first, last + 1))
