"""The sentences of a block's Chinese and English texts and which translate which, for the echoes' English.

Chinese sentences end at 。！？ (with any closing quote or bracket after it); English ones at . ! ? before
a space and a capital, except after an abbreviation (U.N., No., e.g. …) or a block's own number (``12.``).
When both texts of a block have as many sentences, the n-th translates the n-th. When they differ, the
sentences are grouped, in order, one to three a side, so that each group's share of its block's length is
closest to its counterpart's: the grouping is a best guess, and the echoes page says so where it is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

ZH_END = re.compile(r"[。！？]+[”’」』）)]*")
EN_END = re.compile(r"(?<=[A-Za-z0-9)”\"’%][.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z])")
EN_ABBREVIATION = re.compile(r"\b(?:U\.N|U\.S|U\.K|E\.U|No|Nos|etc|e\.g|i\.e|vs|Mr|Ms|Dr|St|Art|para)\.$")
EN_OWN_NUMBER = re.compile(r"(?:\d{1,2}|[IVX]{1,4})\.\s+")  # "12. " opening a block is its number, not a sentence
MOST = 3  # sentences a side in one group
MERGE_COST = 0.1  # per sentence joined to a group: a finer grouping wins unless its shares are clearly off


@dataclass(frozen=True)
class Sentence:
    """A sentence of a block's text, by its offsets in the text."""

    start: int
    end: int


def zh_sentences(text: str) -> list[Sentence]:
    """A Chinese text's sentences; a text without a final 。 ends in its last sentence."""
    out, start = [], 0
    for match in ZH_END.finditer(text):
        out.append(Sentence(start, match.end()))
        start = match.end()
    if text[start:].strip():
        out.append(Sentence(start, len(text)))
    return out


def en_sentences(text: str) -> list[Sentence]:
    """An English text's sentences, each without the spaces between them."""
    own = EN_OWN_NUMBER.match(text)
    out, start = [], 0
    for match in EN_END.finditer(text, own.end() if own else 0):
        if EN_ABBREVIATION.search(text[start:match.start()]):
            continue
        out.append(Sentence(start, match.start()))
        start = match.end()
    out.append(Sentence(start, len(text.rstrip())))
    return out


def corresponding(zh: list[Sentence], en: list[Sentence]) -> list[tuple[range, range]]:
    """Groups of Chinese and English sentence indices that translate each other, in order."""
    if len(zh) == len(en):
        return [(range(i, i + 1), range(i, i + 1)) for i in range(len(zh))]
    zh_share, en_share = _shares(zh), _shares(en)

    @cache
    def best(i: int, j: int) -> tuple[float, tuple[tuple[range, range], ...]]:
        if i == len(zh) and j == len(en):
            return 0.0, ()
        options = []
        for a in range(1, MOST + 1):
            for b in range(1, MOST + 1):
                if i + a <= len(zh) and j + b <= len(en):
                    cost, rest = best(i + a, j + b)
                    gap = abs(sum(zh_share[i:i + a]) - sum(en_share[j:j + b]))
                    options.append((cost + gap + MERGE_COST * (a + b - 2), ((range(i, i + a), range(j, j + b)),) + rest))
        return min(options, key=lambda option: option[0]) if options else (float("inf"), ())

    cost, groups = best(0, 0)
    # More sentences on one side than three times the other's: no grouping fits, so the block is one group.
    return list(groups) if cost != float("inf") else [(range(len(zh)), range(len(en)))]


def _shares(sentences: list[Sentence]) -> list[float]:
    total = sum(s.end - s.start for s in sentences) or 1
    return [(s.end - s.start) / total for s in sentences]
