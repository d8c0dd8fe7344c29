"""Lines to look at: cleaned edition text that looks like boilerplate the cleaning rules missed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.model.edition import Texts
from build_tools.model.text import Line


@dataclass(frozen=True)
class LineToLook:
    """A cleaned block an editor should look at, located on its first raw line."""

    file: str  # raw witness file name
    line: int  # raw line number (first raw line of the block)
    text: str  # the cleaned text
    reason: str  # short: "a link or bare URL", "follow/share vocabulary: 关注"


def look_at_lines(file: str, lines: Sequence[Line],
                  others: Sequence[tuple[str, Sequence[str]]] = ()) -> list[LineToLook]:
    """The cleaned lines of one witness that look like boilerplate; ``others`` are other documents' block texts."""
    return []


def look_at_edition(texts: Texts) -> list[LineToLook]:
    """Every version of every document looked at, less the lines its record keeps."""
    return []
