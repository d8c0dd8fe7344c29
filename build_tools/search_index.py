"""Search that lands on paragraphs: after the engine, the document pages' entries of Material's
search index are replaced by one entry per block and language, located at the block's anchor.

Material indexes a page by its headings, so a search in a document without headings would only
find the whole page. Chinese text is segmented with jieba and joined with U+200B, as Material does.
"""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

from .editorial_markdown import block_label
from .model import Edition
from .records import LANGS

SEGMENT = "\u200b"


def _segmented(text: str, lang: str) -> str:
    if not lang.startswith("zh"):
        return html.escape(text, quote=False)
    # Dictionary words only: jieba's HMM guesses words no dictionary has (同球共济 → 同球/共济), and the
    # search worker matches a query's terms as prefixes, so a search for 球 would miss 同球. 3× faster too.
    return SEGMENT.join(html.escape(token, quote=False) for token in jieba.cut(text, HMM=False))


def block_entries(edition: Edition) -> list[dict]:
    """One search entry per block of every Chinese and English version, at its own anchor."""
    entries = []
    for doc in edition.documents:
        for version in doc.versions:
            page = f"{doc.id}/{version.key}/" if doc.record.kind == "document" else f"{doc.id}/"
            for block in doc.blocks:
                cell = version.cells[block.id]
                if cell.status != "text":
                    continue
                title = f"{block_label(block.id)} · {version.title}"
                entries.append({"location": f"{page}#{block.id}", "title": _segmented(title, LANGS[version.lang]),
                                "text": _segmented(cell.text, LANGS[version.lang])})
    return entries


def rewrite(site_dir: Path, edition: Edition, entries: list[dict]) -> None:
    """Replace the document pages' entries of ``search/search_index.json`` by the block ``entries``."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    documents = tuple(f"{doc.id}/" for doc in edition.documents)
    kept = [entry for entry in index["docs"] if not entry["location"].startswith(documents)
            or "#" not in entry["location"] and entry["location"].count("/") == 1]
    for entry in kept:
        if entry["location"].startswith(documents):
            entry["text"] = ""  # the page itself stays findable by its title; its text is in its blocks
    index["docs"] = kept + entries
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
