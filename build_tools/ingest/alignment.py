"""Block IDs and alignment: the first version defines the blocks; every other version must match them."""

from __future__ import annotations

import re

from build_tools.model.edition import Block, Cell
from build_tools.model.errors import EditionError
from build_tools.model.records import EditionRecord, VersionRecord
from build_tools.model.text import Line
from build_tools.model.vocab import BlockKind, CellStatus

_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_ENUMERATORS = (
    ("cn-dun", re.compile(r"^([一二三四五六七八九十]{1,3})、")),
    ("cn-paren", re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")),
    ("roman", re.compile(r"^([IVX]{1,4})\.")),
    ("arabic", re.compile(r"^(\d{1,2})[.．]")),
)


def enumerator(text: str) -> tuple[str, int] | None:
    """The document's own number at the start of a block, as (style, value): 一、 → ("cn-dun", 1)."""
    for style, pattern in _ENUMERATORS:
        if match := pattern.match(text):
            token = match.group(1)
            value = _cn_number(token) if style.startswith("cn") else _ROMAN.get(token) if style == "roman" else int(token)
            return (style, value) if value else None
    return None


def enumerator_mark(text: str) -> str | None:
    """The document's own number at the start of a block as the text writes it: 十二、, （一）, 1."""
    for _, pattern in _ENUMERATORS:
        if match := pattern.match(text):
            return match.group(0)
    return None


def _cn_number(token: str) -> int:
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _CN_DIGITS.get(token[1:], 0)
    if "十" in token:
        tens, _, ones = token.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(token, 0)


def assign_blocks(lines: list[Line]) -> list[Block]:
    """IDs in reading order: headings s1, s2, …; paragraphs and list items p1, p2, …."""
    blocks: list[Block] = []
    levels: dict[str, int] = {}
    nested = _nested_forms(lines)
    counts = {"s": 0, "p": 0}
    for line in lines:
        if line.kind == BlockKind.HEADING:
            counts["s"] += 1
            found = enumerator(line.text)
            style = found[0] if found else "unnumbered"
            level = levels.setdefault(style, 2 + len(levels)) + (0 if found else nested.get(line.form, 0))
            blocks.append(Block(f"s{counts['s']}", BlockKind.HEADING, level))
        else:
            counts["p"] += 1
            listed = line.kind == BlockKind.ITEM or re.match(r"^(——|—)", line.text) or enumerator(line.text)
            kind = BlockKind.ITEM if listed else BlockKind.PARAGRAPH  # cleaning saw a list marker, or the text numbers it
            blocks.append(Block(f"p{counts['p']}", kind, None))
    return blocks


def _nested_forms(lines: list[Line]) -> dict[str, int]:
    """How far below the text's first unnumbered headings each other form of unnumbered heading sits: a form set
    directly under another with no text between (特别关注 over a bold headline) is one level below it."""
    depth: dict[str, int] = {}
    unnumbered = [line.kind == BlockKind.HEADING and not enumerator(line.text) for line in lines]
    for (above, below), (a, b) in zip(zip(lines, lines[1:]), zip(unnumbered, unnumbered[1:])):
        if a and b and above.form != below.form and depth.get(below.form, 0) <= depth.get(above.form, 0):
            depth[below.form] = depth.get(above.form, 0) + 1
    return depth


def align_lines(record: EditionRecord, version: VersionRecord, blocks: list[Block], lines: list[Line],
                primary: list[Line]) -> dict[str, Cell]:
    """Pair a version's lines with the document's blocks one to one, or fail saying where they part."""
    first = record.versions[0]
    for index, (block, line, first_line) in enumerate(zip(blocks, lines, primary)):
        problem = _mismatch(first.key, block, line, first_line)
        if problem:
            hint = _title_hint(record, version, line, first_line) if index == 0 else ""
            raise EditionError(record.path, version.base.line,
                               f"version {version.key} does not align with {first.key} at {block.id}: {problem} "
                               f"({version.base.file} line {line.first})",
                               hint or "check the witness span and join rules, or declare the gap in the record")
    if len(lines) != len(blocks):
        extra = lines[len(blocks)] if len(lines) > len(blocks) else None
        where = f"; first unmatched {version.key} line {extra.first}" if extra else ""
        raise EditionError(record.path, version.base.line,
                           f"version {version.key} has {len(lines)} blocks, {first.key} has {len(blocks)}{where}",
                           "check the witness span and join rules, or declare the gap in the record")
    return {b.id: Cell(b.id, CellStatus.TEXT, line.text, (line.first, line.last)) for b, line in zip(blocks, lines)}


def _mismatch(first: str, block: Block, line: Line, first_line: Line) -> str:
    """How a line differs from the first version's at its block (``first`` is that version's key), if it does."""
    if (block.kind == BlockKind.HEADING) != (line.kind == BlockKind.HEADING):
        return f"{first} has a {block.kind}, this version a {line.kind} ({line.text[:40]!r})"
    ours, theirs = enumerator(first_line.text), enumerator(line.text)
    if ours and theirs and ours[1] != theirs[1]:
        return f"numbered {ours[1]} in {first} but {theirs[1]} here ({line.text[:40]!r})"
    return ""


def _title_hint(record: EditionRecord, version: VersionRecord, line: Line, first_line: Line) -> str:
    """When a heading opens one side only, it is most likely a title line the record's title no longer matches."""
    if (line.kind == BlockKind.HEADING) == (first_line.kind == BlockKind.HEADING):
        return ""
    lang, heading = (version.lang, line.text) if line.kind == BlockKind.HEADING else \
        (record.versions[0].lang, first_line.text)
    recorded = record.titles.get(lang, "")
    return (f"titles.{lang} must match the witness's title line exactly ({heading!r}; the record has {recorded!r}): "
            "only a line equal to the record's title is read as the title, not as text")


def cells_with_gaps(record: EditionRecord, version: VersionRecord, blocks: list[Block],
                    cells: dict[str, Cell]) -> dict[str, Cell]:
    """Fill the blocks a version lacks with its declared gaps, or fail naming the first undeclared one."""
    filled: dict[str, Cell] = {}
    for block in blocks:
        if block.id in cells:
            filled[block.id] = cells[block.id]
        elif version.gaps and version.gaps.blocks == "rest":
            filled[block.id] = Cell(block.id, CellStatus.GAP, note=version.gaps.note)
        else:
            raise EditionError(record.path, version.base.line, f"version {version.key} has no text for {block.id}",
                               "align a witness to it or declare gaps: {blocks: rest, note: …}")
    return filled
