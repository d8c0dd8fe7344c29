"""Echoes: passages shared between the Chinese texts of different documents, found at build time.

Deterministic rule (the echoes page states it in these terms, with this build's figures):

- *Compared:* each Chinese block as its Chinese characters and Arabic digits alone — punctuation, spaces and Latin
  letters ignored, so 、 and ， count alike and a bracketed English gloss such as （AI for good） drops out — with
  人工智能 counted as one character (otherwise every phrase about AI would echo every other).
- *Shared:* two blocks of different documents share each run of at least :data:`RUN` characters their compared
  texts have in common (its first occurrence; words a longer run already matched are not matched again). Runs
  that follow each other in both texts at most :data:`GAP` characters apart (a word inserted or changed: 跨境) are
  one passage.
- *Ends:* a passage never begins or ends on a particle or conjunction (:data:`EDGE_CHARACTERS`), and where it
  begins inside a word (a content character right before it, in either text) it drops the one to :data:`CUT`
  characters before its first :data:`CLAUSE_MARKS` (流动，探索… begins at 探索); likewise at its end. Both trims
  repeat until neither applies.
- *The minimum:* a passage counts when at least :data:`MINIMUM` of its shared characters are content, not
  :data:`FUNCTION_CHARACTERS`, and it is more than a list of short words: some stretch of it between punctuation
  and function characters is longer than :data:`SHORT_WORD` characters (安全性、可靠性、可控性和公平性 is not).
  Below that it is trivial: listed apart on the echoes page, not beside the texts.
- *Rows:* passages that overlap in a block are one echo, so a phrase inside a longer one, and a third document
  holding part of a passage, join the longer's row; each block holds it once, quoted from the first to the last
  character it shares, and the row is headed by the block that holds most of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.editorial.sentences import corresponding, en_sentences, zh_sentences
from build_tools.model.edition import Document
from build_tools.model.editorial import Echo, EchoPlace, Gloss

MINIMUM = 8  # content characters a passage needs
RUN = 8  # characters in common that make a run
GAP = 2  # characters between two runs of one passage, in each text
CUT = 3  # characters of a clause a passage that cuts into a word drops at that end
SHORT_WORD = 2  # characters of a list's words: a passage with no longer stretch is a list of short words
CLAUSE_MARKS = "，、；：。！？"
# Characters that carry grammar rather than content, with what they are (the echoes page lists them so);
# counted by character, wherever they stand: 等 in 平等 and 等级 too.
FUNCTION_CHARACTERS = {"的之": "the particles", "和与及或并": "the conjunctions", "等": "“and so on”",
                       "性": "the suffix “-ity”, as in 安全性"}
# A passage's ends are trimmed of these: 等 and 性 close a list or a word, so they may end one.
EDGE_CHARACTERS = "的之和与及或并"
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
    seams: frozenset[int]  # compared positions that punctuation, a space or a Latin letter stands before
    breaks: frozenset[int]  # compared positions that a clause mark stands before


@dataclass(frozen=True)
class _Run:
    """Characters two compared texts have in common: from ``a`` in the one, ``b`` in the other."""

    a: int
    b: int
    length: int


@dataclass(frozen=True)
class _Passage:
    """Runs two blocks share, in order in both, with at most GAP characters between them."""

    a: int  # the blocks, by index
    b: int
    runs: tuple[_Run, ...]
    content: int  # content characters of the runs
    stretch: int  # characters of its longest stretch between punctuation and function characters (in block a)

    @property
    def trivial(self) -> bool:
        return self.content < MINIMUM or self.stretch <= SHORT_WORD

    def span(self, side: str) -> tuple[int, int]:
        first, last = self.runs[0], self.runs[-1]
        return (first.a, last.a + last.length) if side == "a" else (first.b, last.b + last.length)


def compared(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text as the rule compares it, with each kept character's span in the text."""
    units = list(_KEPT.finditer(text))
    return "".join(_AI if len(m.group()) > 1 else m.group() for m in units), tuple(m.span() for m in units)


def content_characters(key: str) -> int:
    """How many characters of a compared phrase count toward the minimum."""
    return sum(1 for c in key if c not in _FUNCTION)


def _block(doc: Document, block_id: str, text: str) -> _Block:
    key, spans = compared(text)
    between = [(p, text[spans[p - 1][1]:spans[p][0]]) for p in range(1, len(spans))]
    return _Block(doc, block_id, text, key, spans, frozenset(p for p, gap in between if gap),
                  frozenset(p for p, gap in between if any(c in CLAUSE_MARKS for c in gap)))


def find_echoes(documents: list[Document]) -> tuple[list[Echo], list[Echo]]:
    """Every passage shared between the Chinese texts of different documents, as rows in page order: those that
    reach the minimum, and the trivial ones."""
    blocks = [_block(doc, b.id, cell.text) for doc in documents if (zh := doc.version("zh"))
              for b in doc.blocks if (cell := zh.cells[b.id]).status == "text"]
    grams: dict[str, set[int]] = {}
    for index, block in enumerate(blocks):
        for i in range(len(block.compared) - RUN + 1):
            grams.setdefault(block.compared[i:i + RUN], set()).add(index)
    pairs = sorted({(a, b) for holders in grams.values() for a in holders for b in holders
                    if a < b and blocks[a].document.id != blocks[b].document.id})
    passages = [p for a, b in pairs for p in _passages(blocks, a, b)]
    order = {(doc.id, b.id): (doc.record.date, doc.id, i) for doc in documents for i, b in enumerate(doc.blocks)}
    kept = _rows(blocks, [p for p in passages if not p.trivial], order)
    trivial = _rows(blocks, [p for p in passages if p.trivial], order)
    return kept, trivial


def _passages(blocks: list[_Block], a: int, b: int) -> list[_Passage]:
    """The passages two blocks share, their ends trimmed."""
    one, other = blocks[a], blocks[b]
    chains: list[list[_Run]] = []
    for run in _common_runs(one.compared, other.compared):
        chain = next((c for c in chains if _follows(c[-1], run)), None)
        if chain is None:
            chains.append([run])
        else:
            chain.append(run)
    out = []
    for chain in chains:
        runs = _trimmed(chain, one, other)
        if runs:
            shared = "".join(one.compared[r.a:r.a + r.length] for r in runs)
            out.append(_Passage(a, b, tuple(runs), content_characters(shared),
                                _longest_stretch(one, runs[0].a, runs[-1].a + runs[-1].length)))
    return out


def _common_runs(x: str, y: str) -> list[_Run]:
    """The runs of at least RUN characters two compared texts have in common, in the order of ``x``: the longest
    first claim their words, so a repeated phrase is matched where it first stands in each text."""
    at: dict[str, list[int]] = {}
    for j in range(len(y) - RUN + 1):
        at.setdefault(y[j:j + RUN], []).append(j)
    found = []
    for i in range(len(x) - RUN + 1):
        for j in at.get(x[i:i + RUN], []):
            if i and j and x[i - 1] == y[j - 1]:
                continue  # inside a run that starts earlier
            n = RUN
            while i + n < len(x) and j + n < len(y) and x[i + n] == y[j + n]:
                n += 1
            found.append(_Run(i, j, n))
    runs: list[_Run] = []
    for run in sorted(found, key=lambda r: (-r.length, r.a, r.b)):
        if not any(k.a <= run.a and run.a + run.length <= k.a + k.length
                   or k.b <= run.b and run.b + run.length <= k.b + k.length for k in runs):
            runs.append(run)
    return sorted(runs, key=lambda r: (r.a, r.b))


def _follows(before: _Run, run: _Run) -> bool:
    """True when ``run`` continues ``before`` in both texts, at most GAP characters after it."""
    return (before.a < run.a <= before.a + before.length + GAP and before.b < run.b <= before.b + before.length + GAP
            and run.a + run.length > before.a + before.length)


def _trimmed(chain: list[_Run], one: _Block, other: _Block) -> list[_Run]:
    """A passage's runs without a particle or conjunction at either end, nor, where it begins or ends inside a
    stretch of content, the one to CUT characters before its first clause mark or after its last; runs trimmed to
    nothing are dropped."""
    runs = list(chain)
    while runs:
        first, last = runs[0], runs[-1]
        head = 1 if one.compared[first.a] in EDGE_CHARACTERS else 0
        if not head and (_inside(one, first.a) or _inside(other, first.b)):
            head = min((k for k in range(1, min(CUT, first.length - 1) + 1)
                        if first.a + k in one.breaks or first.b + k in other.breaks), default=0)
        end_a, end_b = last.a + last.length, last.b + last.length
        tail = 1 if one.compared[end_a - 1] in EDGE_CHARACTERS else 0
        if not tail and (_inside(one, end_a) or _inside(other, end_b)):
            tail = min((k for k in range(1, min(CUT, last.length - 1) + 1)
                        if end_a - k in one.breaks or end_b - k in other.breaks), default=0)
        if not head and not tail:
            break
        runs[0] = _Run(first.a + head, first.b + head, first.length - head)
        runs[-1] = _Run(runs[-1].a, runs[-1].b, runs[-1].length - tail)
        runs = [r for r in runs if r.length > 0]
    return runs


def _inside(block: _Block, at: int) -> bool:
    """True when compared position ``at`` falls inside a stretch of content: a content character before and after
    it, nothing between them."""
    return 0 < at < len(block.compared) and at not in block.seams \
        and block.compared[at - 1] not in _FUNCTION and block.compared[at] not in _FUNCTION


def _longest_stretch(block: _Block, start: int, end: int) -> int:
    """The characters of the longest stretch of ``block``'s compared ``start:end`` between punctuation (or spaces,
    Latin letters) and function characters, counted in the text: 人工智能 is four."""
    longest = length = 0
    for p in range(start, end):
        if block.compared[p] in _FUNCTION or (p in block.seams and p != start):
            length = 0
        if block.compared[p] not in _FUNCTION:
            length += block.spans[p][1] - block.spans[p][0]
        longest = max(longest, length)
    return longest


def _rows(blocks: list[_Block], passages: list[_Passage],
          order: dict[tuple[str, str], tuple[str, str, int]]) -> list[Echo]:
    """Passages that overlap in a block gathered as one row each, its places and the rows in page order."""
    # Each passage's span in either block; spans joined when they are one passage's or overlap in a block.
    spans = [(p.a, *p.span("a")) for p in passages] + [(p.b, *p.span("b")) for p in passages]
    parent = list(range(len(spans)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(passages)):
        parent[root(i)] = root(i + len(passages))
    by_start = sorted(range(len(spans)), key=lambda i: spans[i])
    for n, i in enumerate(by_start):
        for j in by_start[n + 1:]:
            if spans[j][0] != spans[i][0] or spans[j][1] >= spans[i][2]:
                break  # sorted by start: no later span of the block overlaps this one
            parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(spans)):
        groups.setdefault(root(i), []).append(i)
    found = []
    for members in groups.values():
        hulls: dict[int, tuple[int, int]] = {}
        for i in members:
            index, start, end = spans[i]
            low, high = hulls.get(index, (start, end))
            hulls[index] = (min(low, start), max(high, end))
        places = sorted((_place(blocks[index], start, end) for index, (start, end) in hulls.items()),
                        key=lambda place: order[(place.document, place.block)])
        best = max((passages[i % len(passages)] for i in members), key=lambda p: (p.content, p.stretch))
        found.append((places, best))
    found.sort(key=lambda f: (order[(f[0][0].document, f[0][0].block)], f[0][0].start))
    rows: list[Echo] = []
    seen: dict[tuple[str, str], int] = {}
    for places, best in found:
        first = places[0]
        seen[(first.document, first.block)] = n = seen.get((first.document, first.block), 0) + 1
        rows.append(Echo(f"{first.document}-{first.block}-{n}", best.content, best.stretch, tuple(places)))
    return rows


def _place(block: _Block, start: int, end: int) -> EchoPlace:
    """The block's compared characters ``start:end``, quoted from its own text, with the English that translates it."""
    first, last = block.spans[start][0], block.spans[end - 1][1]
    return EchoPlace(block.document.id, block.block, block.text[first:last], first, last,
                     content_characters(block.compared[start:end]),
                     _gloss(block.document, block.block, block.text, first, last))


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
