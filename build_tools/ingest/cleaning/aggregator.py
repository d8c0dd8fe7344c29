"""Splitting an aggregator page into excerpts and parsing its attribution lines into metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.model.errors import EditionError
from build_tools.model.text import StripEntry

_PRINCIPLE = re.compile(r"原则:\s*(?P<title>.+),\s*(?P<date>[A-Z][a-z]{2,8} \d{1,2}, \d{4})\s*")
_AUTHOR = re.compile(r"作者:\s*(?P<author>.+?)\s*")
_PUBLISHED = re.compile(r"由\s*(?P<author>.+?)\s+在\s*(?P<title>.+?)发表,\s*(?P<date>[A-Z][a-z]{2,8} \d{1,2}, \d{4})\s*")


@dataclass(frozen=True)
class Excerpt:
    """One excerpt of an aggregator page, with the attribution that followed it."""

    number: int
    line: int
    text: str
    title: str
    date: str
    author: str
    attribution_lines: tuple[int, ...]


def split_excerpts(name: str, lines: tuple[str, ...]) -> tuple[list[Excerpt], list[StripEntry]]:
    """Cut the page at its attribution lines; each excerpt is the paragraph before one."""
    excerpts: list[Excerpt] = []
    report: list[StripEntry] = []
    pending: tuple[int, str] | None = None
    attribution: dict[str, str] = {}
    attribution_lines: list[int] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        if match := (_PRINCIPLE.fullmatch(text) or _PUBLISHED.fullmatch(text)):
            attribution.update(match.groupdict())
            attribution_lines.append(number)
            report.append(StripEntry(number, "attribution_line", text, kept_as="metadata:attribution"))
        elif match := _AUTHOR.fullmatch(text):
            attribution.update(match.groupdict())
            attribution_lines.append(number)
            report.append(StripEntry(number, "attribution_line", text, kept_as="metadata:attribution"))
        else:
            if pending:
                raise EditionError(name, number, "two excerpt paragraphs without an attribution between them",
                                   "each excerpt must be followed by its attribution line")
            pending = (number, text.strip())
            continue
        if pending and {"title", "date", "author"} <= attribution.keys():
            excerpts.append(Excerpt(len(excerpts) + 1, pending[0], pending[1], attribution["title"].strip(),
                                    attribution["date"], attribution["author"], tuple(attribution_lines)))
            pending, attribution, attribution_lines = None, {}, []
    if pending:
        raise EditionError(name, pending[0], "excerpt without an attribution line",
                           "an excerpt must be followed by 原则: … or 由 … 在 … 发表, <date>")
    return excerpts, report
