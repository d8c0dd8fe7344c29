"""Segmentation of a collated witness whose layout carries no usable paragraph breaks."""

from __future__ import annotations

import re

from build_tools.model.text import Line

OPENING_WORDS = 4


def _opening(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))[:OPENING_WORDS]


def segment_like_base(lines: list[Line], base: list[Line]) -> list[int] | int:
    """Cut a hard-wrapped witness where the base witness starts its blocks (every block starts a line).

    Returns the index of the line that starts each block, or the index of the first base block whose opening
    words were not found.
    """
    cuts: list[int] = []
    for index, block in enumerate(base):
        start = cuts[-1] + 1 if cuts else 0
        found = next((i for i in range(start, len(lines)) if _opening(lines[i].text) == _opening(block.text)), None)
        if found is None or (index == 0 and found != 0):
            return index
        cuts.append(found)
    return cuts
