"""Units of witness text as the cleaning stage produces them, and what it records of each change."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.model.vocab import BlockKind


@dataclass(frozen=True)
class Line:
    """A unit of witness text: one raw line, or several joined; ``first``–``last`` are raw line numbers."""

    first: int
    last: int
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    tail_length: int = 0  # length of the last raw line, which decides whether a hard wrap was full

@dataclass(frozen=True)
class StripEntry:
    """One change to the witness text: what a rule removed (and what it put in its place)."""

    line: int
    rule: str
    removed: str
    replacement: str = ""
    kept_as: str = ""

@dataclass(frozen=True)
class JoinEntry:
    """A line joined to the one before it (only whitespace is removed by a join)."""

    line: int
    rule: str

@dataclass(frozen=True)
class Emendation:
    """An editorial correction of a witness reading, located on a raw line."""

    line: int
    witness_reading: str
    reading: str
    reason: str
    record_line: int | None = field(default=None, compare=False)  # where the edition record states it
