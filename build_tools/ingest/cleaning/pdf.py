"""Rules for texts extracted from PDFs: the page's furniture (page markers, running headers, the table of
contents) and the converter's own notes, which are layout, not text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from build_tools.ingest.cleaning.markup import plain
from build_tools.ingest.cleaning.pipeline import REMOVE_PREVIOUS, Claims, RuleContext
from build_tools.ingest.cleaning.rules import rule
from build_tools.model.text import Line

# 第 3 页 共 6 页 · Page 15 · - 12 - · 12 / 40 · # página 20 — de file.pdf · page 3 of 9
_PAGE_MARKER = re.compile(
    r"第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|(?:page|p\.|página|pagina|seite)\s*\d+(?:\s*(?:of|de|/)\s*\d+)?"
    r"(?:\s*[—–-]+\s*(?:de|of|from)?\s*\S+\.pdf)?|[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}\s*/\s*\d{1,3}", re.IGNORECASE)
# A contents line: words, a leader of dots or ellipses, a page number (前言………………III).
_CONTENTS = re.compile(r".{1,60}?(?:[.·…]{3,}|…{2,}|\s{3,})\s*(?:\d{1,3}|[IVXⅠ-Ⅻ]{1,5})\s*")
RUNNING_MIN = 3
HYPHEN_PREFIXES = frozenset({"cross", "non", "self", "well", "co", "multi", "anti", "post", "pre", "semi", "sub",
                             "human", "long", "short", "high", "low", "real", "third", "open", "end", "ex", "all",
                             "state", "rule", "risk", "data", "people", "user", "sector", "application", "machine"})  # a short line printed on three pages or more is the running header or footer


@rule("is_page_marker")
def is_page_marker(text: str, context: RuleContext) -> bool:
    """A page marker (第 3 页 共 6 页, Page 15, # página 20 — de file.pdf, - 12 -) is the page's furniture."""
    return _PAGE_MARKER.fullmatch(plain(text)) is not None


@rule("is_contents_line")
def is_contents_line(text: str, context: RuleContext) -> bool:
    """A table-of-contents line (a title, a leader of dots, a page number) points into the PDF's pages."""
    return _CONTENTS.fullmatch(plain(text)) is not None or re.fullmatch(r"目\s*[次录]|Contents", plain(text)) is not None


def _label_like(text: str) -> bool:
    """A short line of codes and capitals (NIST AI 100-1, AI RMF 1.0): no sentence, no word, no Chinese."""
    return (0 < len(text) <= 30 and re.search(r"\d", text) is not None and re.search(r"[A-Z]{2,}", text) is not None
            and not re.search(r"[a-z]{3,}|[\u4e00-\u9fff]|[。！？.!?]$", text))


@rule("running_header")
def running_header(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A short line repeated page after page (技术文档), or a label of codes next to a page marker, is a running header."""
    repeated = _repeated(lines)
    claims: Claims = {line.first: None for line in lines if plain(line.text) in repeated}
    for index, line in enumerate(lines):
        if is_page_marker(line.text, context):
            for near in (*lines[index + 1:index + 3], *lines[max(index - 2, 0):index]):
                if _label_like(plain(near.text)):
                    claims[near.first] = None
    return claims


def _repeated(lines: Sequence[Line]) -> set[str]:
    """Short lines printed on three pages or more: the running header or footer."""
    counts = Counter(plain(line.text) for line in lines)
    # A one-character line (是, 否 of a table's cells) or a numbered line is the text's own, however often it recurs.
    return {text for text, n in counts.items()
            if n >= RUNNING_MIN and 1 < len(text) <= 30 and not re.search(r"[。！？；.!?;]$", text)
            and not re.match(r"\d|[一二三四五六七八九十]+、|[（(]", text)}


@rule("pdf_cover")
def pdf_cover(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A PDF's cover page (its lines before the contents, or before the first running header) is metadata."""
    contents = next((i for i, line in enumerate(lines[:40]) if re.fullmatch(r"目\s*[次录]|Contents", plain(line.text))),
                    None)
    if contents is None:
        header = _repeated(lines)
        first_page = next((i for i, line in enumerate(lines[:20]) if plain(line.text) in header), None)
        if first_page is not None and all(len(plain(line.text)) <= 30 and not re.search(r"[。！？；，]", line.text)
                                          for line in lines[:first_page]):
            contents = first_page
    return {} if not contents else {line.first: ("cover", plain(line.text)) for line in lines[:contents]}


@rule("converter_metadata")
def converter_metadata(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A converter's ``<metadata>`` block, and its notes after the last page (第 6 页 共 6 页), are not the text."""
    claims: Claims = {}
    last_page = next((i for i, line in enumerate(lines)
                      if (found := re.fullmatch(r"第\s*(\d+)\s*页\s*[，,/]?\s*共\s*(\d+)\s*页", plain(line.text)))
                      and found.group(1) == found.group(2)), None)
    if last_page is not None:
        claims.update({line.first: None for line in lines[last_page + 1:]})
    inside = False
    for line in lines:
        stripped = line.text.strip()
        if re.match(r"<metadata\b", stripped, re.IGNORECASE):
            inside = True
        if inside or re.match(r"<!--.*-->$", stripped):
            claims[line.first] = None
        if re.search(r"</metadata>", stripped, re.IGNORECASE):
            inside = False
    return claims


@rule("rejoin_hyphenated_word")
def rejoin_hyphenated_word(previous: Line, line: Line, context: RuleContext) -> str | None:
    """A word hyphenated at a line end (inter- / vention) loses its hyphen, unless the text hyphenates it elsewhere."""
    head = re.search(r"([A-Za-z]+)-$", previous.text)
    tail = re.match(r"([a-z]+)", line.text)
    if not head or not tail:
        return None
    compound = f"{head.group(1)}-{tail.group(1)}"
    # An acronym or a prefix that English joins with a hyphen (AI-generated, cross-border) keeps it.
    kept = compound.lower() in context.hyphenated or head.group(1).isupper() or head.group(1).lower() in HYPHEN_PREFIXES
    return "" if kept else REMOVE_PREVIOUS
