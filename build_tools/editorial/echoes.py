"""Echoes: phrasing shared between the Chinese texts of different documents, found at build time.

Deterministic rule: two blocks of different documents echo each other when their Chinese texts
share a run of at least :data:`THRESHOLD` consecutive Han characters or digits, punctuation and
spaces ignored and the ubiquitous 人工智能 counted as one character (otherwise every phrase about
AI would echo every other). Each maximal shared run is reported once per pair of blocks.
"""

from __future__ import annotations

import re

from build_tools.model.edition import Document
from build_tools.model.editorial import Echo

THRESHOLD = 8
_KEPT = re.compile(r"人工智能|[\u3400-\u4dbf\u4e00-\u9fff0-9]")
_AI = "\u24b6"  # stands for 人工智能 in the normalised text


def _normalised(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text reduced to Han characters and digits, with each kept unit's original span."""
    units = list(_KEPT.finditer(text))
    return "".join(_AI if len(m.group()) > 1 else m.group() for m in units), [m.span() for m in units]


def find_echoes(documents: list[Document]) -> list[Echo]:
    """Every echo between the Chinese blocks of different documents, in a stable order."""
    blocks = []
    for doc in documents:
        zh = doc.version("zh")
        if zh:
            blocks += [(doc.id, b.id, zh.cells[b.id].text) for b in doc.blocks if zh.cells[b.id].status == "text"]
    indexed = [(doc_id, block_id, text, *_normalised(text)) for doc_id, block_id, text in blocks]
    grams: dict[str, list[int]] = {}
    for index, (_, _, _, norm, _) in enumerate(indexed):
        for gram in {norm[i:i + THRESHOLD] for i in range(len(norm) - THRESHOLD + 1)}:
            grams.setdefault(gram, []).append(index)
    pairs = sorted({(a, b) for holders in grams.values() for a in holders for b in holders
                    if a != b and indexed[a][0] != indexed[b][0]})
    echoes: dict[tuple[str, str, str, str, str], Echo] = {}
    for a, b in pairs:
        for start, end in _shared_runs(indexed[a][3], indexed[b][3]):
            doc_id, block_id, text, _, spans = indexed[a]
            first, last = spans[start][0], spans[end - 1][1]
            echo = Echo(doc_id, block_id, indexed[b][0], indexed[b][1], text[first:last], first, last)
            echoes.setdefault((doc_id, block_id, echo.other_document, echo.other_block, echo.phrase), echo)
    return list(echoes.values())


def _shared_runs(a: str, b: str) -> list[tuple[int, int]]:
    """Maximal runs of ``a`` (start, end) of at least THRESHOLD characters that also occur in ``b``."""
    runs = []
    i = 0
    while i <= len(a) - THRESHOLD:
        if a[i:i + THRESHOLD] in b:
            end = i + THRESHOLD
            while end < len(a) and a[i:end + 1] in b:
                end += 1
            runs.append((i, end))
            i = end
        else:
            i += 1
    return runs
