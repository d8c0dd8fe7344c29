"""Rules for Markdown-like markup left by an extraction: markers that do not reflect structure."""

from __future__ import annotations

import re

from build_tools.ingest.cleaning.pipeline import RuleContext
from build_tools.ingest.cleaning.rules import rule

TERMINAL = r"[。！？：；.!?:;…]"
_HEADING_MARKER = re.compile(r"^\s*#{1,6}\s*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def plain(text: str) -> str:
    """Text without heading markers, list markers or bold markup."""
    return _BOLD.sub(r"\1", _HEADING_MARKER.sub("", re.sub(r"^\s*-\s+", "", text))).strip()


@rule("heading_by_marker")
def heading_by_marker(text: str) -> bool:
    """A ``#`` line is a heading only when it does not end a sentence (``# 人工智能发展生态。`` is a paragraph tail)."""
    return bool(_HEADING_MARKER.match(text)) and not re.search(TERMINAL + r"\W*$", plain(text))


@rule("heading_by_enumerated_short_line")
def heading_by_enumerated_short_line(text: str) -> bool:
    """An unmarked short numbered line with no sentence punctuation is a heading (``1. Promoting AI development``)."""
    return re.fullmatch(r"(\d{1,2}|[IVX]{1,4})\.\s*[A-Z][^.!?;:。]{0,80}", text.strip()) is not None


@rule("strip_heading_marker")
def strip_heading_marker(lines: list[str]) -> list[str]:
    """Leading ``#`` markers are extraction markup; the edition derives heading levels itself."""
    return [_HEADING_MARKER.sub("", line) for line in lines]


@rule("strip_list_marker")
def strip_list_marker(lines: list[str]) -> list[str]:
    """A leading ``- `` is extraction markup; the documents' own markers (——, （一）) are text."""
    return [re.sub(r"^\s*-\s+", "", line) for line in lines]


@rule("strip_bold_markup")
def strip_bold_markup(lines: list[str]) -> list[str]:
    """``**…**`` around a heading is extraction markup."""
    return [_BOLD.sub(r"\1", line) for line in lines]


@rule("is_page_number")
def is_page_number(text: str, context: RuleContext) -> bool:
    """A line holding only a number of one to three digits is a page number."""
    return re.fullmatch(r"\s*\d{1,3}\s*", text) is not None


@rule("is_title_line")
def is_title_line(text: str, context: RuleContext) -> tuple[str, str] | None:
    """A line that repeats the document title (with or without markup) is title metadata, not text."""
    return ("title", plain(text)) if context.title and plain(text) == context.title else None


@rule("issue_date_line")
def issue_date_line(text: str, context: RuleContext) -> tuple[str, str] | None:
    """``Issue date: 20 October 2023`` is the publisher's dateline: metadata, not text."""
    match = re.fullmatch(r"\s*Issue date:\s*(.+?)\s*", text)
    return ("issue_date", match.group(1)) if match else None
