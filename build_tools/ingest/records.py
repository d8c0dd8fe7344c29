"""Edition records: one YAML file per document in ``source_texts/``, parsed and checked.

The schema lives here and only here. A record names the document (ID, titles, date, issuing
body, type) and its versions; each version is built from witnesses, each a raw file and the span
of it that holds this text, with the editors' declared decisions (exclusions, emendations, gaps).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from build_tools.ingest.schema import (
    Shape,
    attribute_title,
    block_range,
    boolean,
    dated,
    identifier,
    integer,
    iso_date,
    key_text,
    line_map,
    line_range,
    list_of,
    mapping_of,
    matching,
    one_of,
    optional,
    prose,
    required,
    text,
    title,
    unique,
    web_url,
)
from build_tools.ingest.yamlio import Node, load_yaml
from build_tools.model import urls
from build_tools.model.errors import EditionError
from build_tools.model.languages import LANGUAGES
from build_tools.model.records import (
    RECORD_LANGS,
    SITE_NAMES,
    EditionRecord,
    ExcerptUse,
    Gaps,
    LineRanges,
    OfficialPublication,
    VersionRecord,
    WitnessUse,
)
from build_tools.model.text import Emendation
from build_tools.model.vocab import DateCertainty

# A version's key is its language, or its language and a suffix: zh, en, en-unofficial, fr.
VERSION_KEY = re.compile(rf"(?:{'|'.join(RECORD_LANGS)})(?:-[a-z0-9]+)*")
# The edition derives the traditional-character views from zh; no record may claim their keys.
DERIVED_VERSIONS = (urls.TRADITIONAL, urls.TRADITIONAL_PARALLEL)
METADATA_NAME = re.compile(r"[a-z]+(?:_[a-z]+)*")


def stripped(node: Node) -> str:
    """Text with its ends trimmed (basis notes keep their inner spacing)."""
    return text(node).strip()


def language(node: Node) -> str:
    """A language code of model/languages.py."""
    code = text(node)
    if code not in RECORD_LANGS:
        raise node.fail(f"{code!r} is not one of the edition's languages ({', '.join(RECORD_LANGS)})",
                        f"use one of {', '.join(RECORD_LANGS)}; a new language (written left to right) is declared "
                        "once in build_tools/model/languages.py")
    return code


def version_key(node: Node) -> str:
    """A version key: its language, or its language and a suffix (``en-unofficial``)."""
    key = text(node)
    if not VERSION_KEY.fullmatch(key) or key in DERIVED_VERSIONS:
        raise node.fail(f"version key {key!r} is not {', '.join(RECORD_LANGS)} or <lang>-<suffix>" + (
            f" ({key} is derived from zh by the edition)" if key in DERIVED_VERSIONS else ""),
            "write key: a language, or a language and a suffix such as en-unofficial; a new language "
            "is declared once in build_tools/model/languages.py")
    return key


EMENDATION = Shape("emendation", Emendation, {
    "line": required(integer()), "witness_reading": required(text), "reading": required(text),
    "reason": required(prose)}, line_to="record_line")
EXCERPT = Shape("excerpt placement", ExcerptUse, {
    "excerpt": required(integer()), "blocks": optional(block_range, to="block_range"),
    "starts_mid_block": optional(boolean, False), "note": optional(prose, "")}, line_to="line")
WITNESS = Shape("witness", WitnessUse, {
    "file": required(text), "role": optional(one_of("base", "collated"), "base"),
    "lines": optional(line_range, to="span"), "excluded": optional(line_map(prose), LineRanges()),
    "metadata_lines": optional(line_map(matching(METADATA_NAME, "metadata name", "translation_date")), LineRanges()),
    "kept_lines": optional(line_map(prose), LineRanges()),
    "hard_wrapped": optional(line_range), "segmentation": optional(one_of("rules", "base"), "rules"),
    "emendations": optional(list_of(EMENDATION, what="a list of emendations"), ()),
    "excerpts": optional(list_of(EXCERPT, what="a list of excerpt placements"), ())}, line_to="line",
    key_lines_to="key_lines")
GAPS = Shape("gaps", Gaps, {"blocks": required(one_of("rest")), "note": required(prose)})
# What the sources say of the official publication a version reproduces; the basis names the file and line of each fact.
OFFICIAL = Shape("official publication", OfficialPublication, {
    "title": required(title), "issuer": optional(text, ""), "date": optional(dated, ""), "url": optional(web_url, ""),
    "basis": required(prose)}, line_to="line")
LANG_TEXTS = mapping_of(key_text(language), text, what="a mapping of languages to text")
# Titles and version labels name pages in the navigation, which the theme also prints inside HTML attributes.
LANG_TITLES = mapping_of(key_text(language), attribute_title, what="a mapping of languages to titles")


def _version(lang: str, label: str | None = None, **fields: Any) -> VersionRecord:
    return VersionRecord(lang=lang, label=label or LANGUAGES[lang].name, **fields)


VERSION = Shape("version", _version, {
    "key": required(version_key), "lang": required(language),
    "status": required(one_of("official", "unofficial")), "label": optional(attribute_title),
    "witnesses": required(list_of(WITNESS, min_items=1, what="a list of witnesses")), "gaps": optional(GAPS),
    "official": optional(OFFICIAL)}, line_to="line")
RECORD = Shape("edition record", EditionRecord, {
    "id": required(identifier("document ID")), "kind": required(one_of("document", "excerpt")),
    "titles": required(LANG_TITLES), "date": required(iso_date),
    "date_certainty": optional(one_of(*DateCertainty), DateCertainty.STATED.value),
    "issuing_body": required(LANG_TEXTS),
    "document_type": required(text), "other_titles": optional(list_of(title, what="a list of titles"), ()),
    "short_title": optional(attribute_title, ""),
    # A short factual summary per language, the abstract a reference manager saves (absent: the text's opening).
    "abstract": optional(mapping_of(key_text(language), prose, what="a mapping of languages to text"), {}),
    "versions": required(list_of(VERSION, min_items=1, what="a list of versions"))},
    suffix=("_basis", optional(stripped, to="notes")), line_to="line")


def load_records(source_dir: Path) -> list[EditionRecord]:
    """Every edition record in ``source_dir``, sorted by ID, IDs checked unique and free to use."""
    reserved = SITE_NAMES | hand_written_pages(source_dir.parent / "docs")
    records = [parse_record(path, reserved) for path in sorted(source_dir.glob("*.yml")) if "." not in path.stem]
    return sorted(records, key=lambda r: r.id)


def hand_written_pages(docs_dir: Path) -> frozenset[str]:
    """Names of the pages and folders at the top of ``docs/`` that no build wrote (they lack the generated mark)."""
    def generated(page: Path) -> bool:
        return page.is_file() and urls.is_generated_page(page.read_text(encoding="utf-8", errors="replace"))
    pages = [p for p in docs_dir.glob("*.md")] + [p / "index.md" for p in docs_dir.iterdir() if p.is_dir()] \
        if docs_dir.is_dir() else []
    return frozenset(p.stem if p.name != "index.md" else p.parent.name for p in pages
                     if not generated(p) and p.parent.name != "data")


def parse_record(path: Path, reserved: frozenset[str] = SITE_NAMES) -> EditionRecord:
    """Parse one record file, reporting the first problem as ``file:line``."""
    root = load_yaml(path)
    record = replace(RECORD(root), path=path)
    id_node = root.entries["id"][1]
    if record.id != path.stem:
        raise id_node.fail(f"document ID {record.id!r} does not match the file name {path.name}",
                           f"rename the file to {record.id}.yml or fix the ID")
    if record.id in reserved:
        raise id_node.fail(f"document ID {record.id!r} is the name of one of the site's own pages or folders",
                           "choose another ID: it would overwrite that page")
    if record.date_certainty == DateCertainty.DOUBTFUL and "date_certainty" not in record.notes:
        line = root.entries["date_certainty"][0].line
        raise EditionError(path, line, "date_certainty: doubtful without date_certainty_basis",
                           "give date_certainty_basis: why the date is doubtful, which readers see beside it")
    _check_versions(path, record)
    return record


def _check_versions(path: Path, record: EditionRecord) -> None:
    """Version keys are unique and match their language; a document's first version has lines of its own."""
    unique(path, record.versions, lambda v: v.key, lambda v: v.line, "version key",
           "give every version its own key, e.g. en and en-unofficial")
    for version in record.versions:
        if version.key.split("-")[0] != version.lang:
            raise EditionError(path, version.line, f"version key {version.key!r} does not match lang: {version.lang}",
                               f"start the key with its language: {version.lang} or {version.lang}-<suffix>")
        if version.lang not in record.titles and "en" not in record.titles:
            raise EditionError(path, version.line, f"no title in {version.lang} or en for version {version.key}",
                               f"give titles: {{{version.lang}: …}}")
        for use in version.witnesses:
            _check_declared_lines(path, use)
    first = record.versions[0]
    if record.kind == "document" and first.base.excerpts:
        raise EditionError(path, first.line, f"a document's first version ({first.key}) takes its text from excerpts",
                           "list first a version with lines: of its own: its blocks give every version its IDs")


def _check_declared_lines(path: Path, use: WitnessUse) -> None:
    """A raw line is either excluded or metadata, never both: each decides where the line goes."""
    for index, (first, last, _) in enumerate(use.metadata_lines.ranges):
        for start, end, _ in use.excluded.ranges:
            if start <= last and first <= end:
                shared = max(first, start)
                raise EditionError(path, use.metadata_lines.line_of(index), f"line {shared} is both excluded and in "
                                   "metadata_lines", "declare the line in one of them: excluded drops it, "
                                   "metadata_lines keeps it as metadata")
