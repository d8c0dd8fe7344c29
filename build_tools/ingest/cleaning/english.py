"""Fixes and join rules for English text extracted from PDFs and plain-text files."""

from __future__ import annotations

import re

from build_tools.ingest.cleaning.markup import TERMINAL
from build_tools.ingest.cleaning.pipeline import RuleContext
from build_tools.ingest.cleaning.rules import rule
from build_tools.model.text import Line


@rule("remove_space_before_comma")
def remove_space_before_comma(lines: list[str]) -> list[str]:
    """A space before a comma in English is extraction debris (frameworks , norms → frameworks, norms)."""
    return [re.sub(r"(?<=[A-Za-z]) +,", ",", line) for line in lines]


@rule("narrow_fullwidth_comma")
def narrow_fullwidth_comma(lines: list[str]) -> list[str]:
    """A full-width comma in English text becomes ", " (frameworks ，norms → frameworks, norms)."""
    return [re.sub(r"(?<=[A-Za-z]) *， *(?=[A-Za-z])", ", ", line) for line in lines]


@rule("space_after_enumerator")
def space_after_enumerator(lines: list[str]) -> list[str]:
    """A paragraph number glued to its first word gets its space back (7.Effectively → 7. Effectively)."""
    return [re.sub(r"^((?:\d{1,2}|[IVX]{1,4})\.)(?=[A-Z])", r"\1 ", line) for line in lines]


@rule("join_hard_wrap")
def join_hard_wrap(previous: Line, line: Line, context: RuleContext) -> str | None:
    """A line continues the paragraph when the one before ends mid-sentence or it starts in lower case."""
    if line.text[:1].islower() or not re.search(TERMINAL + r"[\"'”’)]*$", previous.text):
        return " "
    return None


@rule("join_full_wrapped_line")
def join_full_wrapped_line(previous: Line, line: Line, context: RuleContext) -> str | None:
    """In a hard-wrapped range, a sentence ending on a full line continues when the next word would not have fit."""
    if not context.hard_wrapped or not context.wrap_width:
        return None
    first, last = context.hard_wrapped
    if not (first <= previous.last and line.first <= last):
        return None
    next_word = line.text.split(" ", 1)[0]
    return " " if previous.tail_length + 1 + len(next_word) > context.wrap_width else None


@rule("rejoin_broken_word")
def rejoin_broken_word(previous: Line, line: Line, context: RuleContext) -> str | None:
    """A word broken across two lines of an unwrapped text is rejoined without a space (indus / trial)."""
    if re.search(r"[a-z]$", previous.text) and re.match(r"[a-z]", line.text):
        return ""
    return None
