"""Echoes: phrasing shared between the Chinese texts of different documents, found at build time.

Deterministic rule (the echoes page states it in these terms): each Chinese block is compared as its
Chinese characters and Arabic digits alone — punctuation, spaces and Latin letters ignored, so 、 and ，
count alike and a bracketed English gloss such as （AI for good） drops out — with 人工智能 counted as one
character (otherwise every phrase about AI would echo every other). Two blocks of different documents share
a phrase where these texts have a run of at least :data:`MINIMUM` characters in common, the longest such run;
the phrase's echo holds every Chinese block that contains it. It is listed when at least :data:`MINIMUM` of
its characters are content, not :data:`FUNCTION_CHARACTERS`; below that it is trivial: listed apart on the
echo page, not beside the texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.editorial.sentences import corresponding, en_sentences, zh_sentences
from build_tools.model.edition import Document
from build_tools.model.editorial import Echo, EchoPlace, Gloss

MINIMUM = 8
# Characters that carry grammar rather than content, with what they are (the echoes page lists them so);
# counted by character, wherever they stand: 等 in 平等 and 等级 too.
FUNCTION_CHARACTERS = {"的之": "the particles", "和与及或并": "the conjunctions", "等": "“and so on”",
                       "性": "the suffix “-ity”, as in 安全性"}
_FUNCTION = "".join(FUNCTION_CHARACTERS)
_KEPT = re.compile(r"人工智能|[\u3400-\u4dbf\u4e00-\u9fff0-9]")
_AI = "\u24b6"  # stands for 人工智能 in the compared text


@dataclass(frozen=True)
class _Block:
    document: Document
    block: str
    text: str
    compared: str  # the text as compared
    spans: tuple[tuple[int, int], ...]  # each compared character's span in the text


def compared(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text as the rule compares it, with each kept character's span in the text."""
    units = list(_KEPT.finditer(text))
    return "".join(_AI if len(m.group()) > 1 else m.group() for m in units), tuple(m.span() for m in units)


def content_characters(key: str) -> int:
    """How many characters of a compared phrase count toward the minimum."""
    return sum(1 for c in key if c not in _FUNCTION)


def find_echoes(documents: list[Document]) -> tuple[list[Echo], list[Echo]]:
    """Every phrase shared between the Chinese texts of different documents, in page order: those that
    reach the minimum, and the trivial ones."""
    blocks = [_Block(doc, b.id, cell.text, *compared(cell.text)) for doc in documents if (zh := doc.version("zh"))
              for b in doc.blocks if (cell := zh.cells[b.id]).status == "text"]
    grams: dict[str, set[int]] = {}
    for index, block in enumerate(blocks):
        for i in range(len(block.compared) - MINIMUM + 1):
            grams.setdefault(block.compared[i:i + MINIMUM], set()).add(index)
    pairs = sorted({(a, b) for holders in grams.values() for a in holders for b in holders
                    if a < b and blocks[a].document.id != blocks[b].document.id})
    keys = {blocks[a].compared[start:end] for a, b in pairs for start, end in _shared_runs(blocks[a].compared,
                                                                                           blocks[b].compared)}
    order = {(doc.id, b.id): (doc.record.date, doc.id, i) for doc in documents for i, b in enumerate(doc.blocks)}
    found = []
    for key in keys:
        holders = sorted((b for b in blocks if key in b.compared), key=lambda b: order[(b.document.id, b.block)])
        found.append((holders, key, [_place(b, key) for b in holders]))
    found.sort(key=lambda f: (order[(f[0][0].document.id, f[0][0].block)], f[2][0].start, f[1]))
    echoes: list[Echo] = []
    seen: dict[tuple[str, str], int] = {}
    for _, key, places in found:
        first = places[0]
        seen[(first.document, first.block)] = n = seen.get((first.document, first.block), 0) + 1
        echoes.append(Echo(f"{first.document}-{first.block}-{n}", key, content_characters(key), tuple(places)))
    return [e for e in echoes if e.content >= MINIMUM], [e for e in echoes if e.content < MINIMUM]


def _place(block: _Block, key: str) -> EchoPlace:
    """The block's first occurrence of the phrase, quoted from its own text, with the English that translates it."""
    at = block.compared.index(key)
    start, end = block.spans[at][0], block.spans[at + len(key) - 1][1]
    return EchoPlace(block.document.id, block.block, block.text[start:end], start, end,
                     _gloss(block.document, block.block, block.text, start, end))


def _gloss(doc: Document, block_id: str, text: str, start: int, end: int) -> Gloss | None:
    """The English sentences of the block that translate the Chinese sentences holding ``text[start:end]``,
    from the official English, else the unofficial; None where no English translates the block by itself."""
    versions = sorted((v for v in doc.versions if v.lang == "en"), key=lambda v: v.status != "official")
    version = next((v for v in versions if v.cells[block_id].status == "text" and not v.cells[block_id].covers), None)
    if version is None:
        return None
    english = version.cells[block_id].text
    zh, en = zh_sentences(text), en_sentences(english)
    held = {i for i, s in enumerate(zh) if s.start < end and start < s.end}
    shown = sorted(j for zh_group, en_group in corresponding(zh, en) if held & set(zh_group) for j in en_group)
    first, last = shown[0], shown[-1]
    return Gloss(version.key, version.status, english[en[first].start:en[last].end], first + 1, last + 1, len(en),
                 len(zh) != len(en))


def _shared_runs(a: str, b: str) -> list[tuple[int, int]]:
    """Maximal runs of ``a`` (start, end) of at least MINIMUM characters that also occur in ``b``."""
    runs = []
    i = 0
    while i <= len(a) - MINIMUM:
        if a[i:i + MINIMUM] in b:
            end = i + MINIMUM
            while end < len(a) and a[i:end + 1] in b:
                end += 1
            runs.append((i, end))
            i = end
        else:
            i += 1
    return runs
