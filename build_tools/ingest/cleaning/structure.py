"""Rules that find a text's structure where the layout shows it but no markup says it: headings set in
bold or numbered, section numbers on a line of their own, list items."""

from __future__ import annotations

import re

from build_tools.ingest.cleaning.markup import LIST_MARKER, plain
from build_tools.ingest.cleaning.pipeline import RuleContext
from build_tools.ingest.cleaning.rules import rule
from build_tools.model.text import Line

HEADING_MAX = 40  # characters: a longer line is a sentence, however it is set
NUMBERED_HEADING_MAX = 30  # a longer numbered line is the first line of a numbered paragraph
BOLD_HEADING_MAX = 60  # a line set wholly in bold may be a longer headline (a digest's item titles)
SENTENCE_END = r"[。！？；，、.!?;,…]"
_CN = "一二三四五六七八九十百零〇"
# A number standing alone: 一, 01, 1, Ⅱ, PART 01, 第一部分 (a section or item number set on its own line).
_LONE_NUMBER = re.compile(rf"(?:PART\s*)?\d{{1,2}}(?:\.\d{{1,2}})*|[{_CN}]{{1,3}}|[IVXⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{{1,4}}|第[{_CN}\d]{{1,3}}[部章节篇]")
# A heading's own number: 一、 （一） 第一条 1. 1、 1.1 PART01 — the style tells levels apart.
_ENUMERATED = re.compile(rf"(?:[{_CN}]{{1,3}}、|[（(][{_CN}\d]{{1,3}}[）)]|第[{_CN}\d]{{1,3}}[条章节部篇]|"
                         rf"\d{{1,2}}(?:\.\d{{1,2}})*[.、．]?(?=\s*\D)|PART\s*\d{{1,2}})")


def _enumeration_style(text: str) -> str:
    """The style of a line's leading number (一、 vs （一） vs 1.), or "" when it has none."""
    found = _ENUMERATED.match(text)
    if not found:
        return ""
    return re.sub(rf"[{_CN}]+", "N", re.sub(r"\d+", "9", found.group()))


def _short_title(text: str, *, question: bool = False) -> bool:
    """Short, holding no sentence and not ending as one does (a heading set apart by a number may ask a question)."""
    ending = SENTENCE_END.replace("？", "").replace("?", "") if question else SENTENCE_END
    return 0 < len(text) <= HEADING_MAX and not re.search(ending + r"$", text) and not re.search(r"[。；]", text)


@rule("join_lone_number")
def join_lone_number(previous: Line, line: Line, context: RuleContext) -> str | None:
    """A section or item number set on a line of its own (一 / 基本情况, 01 / 在使用…) runs on into the next line."""
    return " " if _LONE_NUMBER.fullmatch(plain(previous.text)) and not _LONE_NUMBER.fullmatch(plain(line.text)) \
        else None


@rule("join_split_heading")
def join_split_heading(previous: Line, line: Line, context: RuleContext) -> str | None:
    """A numbered heading set over two short lines (五 / 对运营单位和测评机构 / 意味着什么？) is one heading."""
    head = plain(previous.text)
    number = _LONE_NUMBER.match(head)
    if not number or head[number.end():number.end() + 1] != " " or previous.first == previous.last:
        return None
    words, continuation = head[number.end() + 1:], plain(line.text)
    if len(words) + len(continuation) <= HEADING_MAX and _short_title(words) and len(continuation) <= 12 \
            and not _ENUMERATED.match(continuation) and re.search(r"[\u4e00-\u9fff]$", words):
        return ""
    return None


_BOLD_LINE = re.compile(r"\s*(?:\*\*[^*]*\*\*\s*)+")


@rule("join_split_bold_heading")
def join_split_bold_heading(previous: Line, line: Line, context: RuleContext) -> str | None:
    """A numbered bold heading set over two bold lines (**二、RASP技术在** / **API及…的应用**) is one heading."""
    head, tail = plain(previous.text), plain(line.text)
    if not (_BOLD_LINE.fullmatch(previous.text) and _BOLD_LINE.fullmatch(line.text)) or previous.first != previous.last:
        return None
    return "" if _enumeration_style(head) and not _enumeration_style(tail) and _short_title(head + tail) else None


@rule("heading_by_bold_line")
def heading_by_bold_line(text: str, following: str | None, preceding: str | None = None) -> bool:
    """A short line set wholly in bold, with no sentence punctuation at its end, heads what follows (**前言**)."""
    if following is None or not (_BOLD_LINE.fullmatch(text) or re.fullmatch(r"\s*__[^_]+__\s*", text)):
        return False
    stripped = plain(text)
    return 0 < len(stripped) <= BOLD_HEADING_MAX and not re.search(SENTENCE_END + r"$", stripped)


@rule("heading_by_numbered_line")
def heading_by_numbered_line(text: str, following: str | None, preceding: str | None = None) -> bool:
    """A short numbered line (一、总则 / （一）… / 1. 文件名特征) heads what follows, unless it is one of a list."""
    stripped = plain(text)
    style = _enumeration_style(stripped)
    if not style or following is None or not _short_title(stripped) or not len(style) < len(stripped) \
            <= NUMBERED_HEADING_MAX:
        return False
    def sibling(other: str | None) -> bool:
        return other is not None and _enumeration_style(plain(other)) == style and _short_title(plain(other))
    return not sibling(following) and not sibling(preceding)


@rule("heading_by_short_line")
def heading_by_short_line(text: str, following: str | None, preceding: str | None = None) -> bool:
    """An unmarked short line with no sentence punctuation, over a longer paragraph or a bold headline, is a heading."""
    stripped, after = plain(text), plain(following or "")
    titled = re.fullmatch(r"《[^《》]+》", stripped) is not None  # a work's title set on its own line
    if not (re.search(r"[\u4e00-\u9fff]", stripped) and (len(stripped) <= 25 or titled) and _short_title(stripped)
            and not stripped.endswith(("：", ":")) and "](" not in text and not LIST_MARKER.match(text)
            and not _enumeration_style(stripped)):  # a numbered line is judged by heading_by_numbered_line
        return False
    # Over a paragraph: one that ends a sentence, or a hard-wrapped line at least twice as long.
    over_paragraph = (titled and len(after) >= 10) or len(after) >= 20 and len(after) > len(stripped) and (
        re.search(r"[。！？：]$", after) is not None or len(after) > 2 * len(stripped))
    return over_paragraph or (following is not None and heading_by_bold_line(following, ""))


@rule("heading_by_lone_number")
def heading_by_lone_number(text: str, following: str | None, preceding: str | None = None) -> bool:
    """A section number run on into a short title (一 基本情况, PART01 漏洞情报, 3.3 Secure and Resilient) is a heading."""
    found = _LONE_NUMBER.match(plain(text))
    rest = plain(text)[found.end():] if found else ""
    return bool(found) and rest.startswith(" ") and _short_title(rest.strip(), question=True)


@rule("item_by_entry_number")
def item_by_entry_number(text: str, following: str | None, preceding: str | None = None) -> bool:
    """A line opening with an entry number in brackets (（1）…, [12] GB/T …) is an entry of a list."""
    return re.match(r"\s*(?:[（(]\d{1,2}[）)]|\[\d{1,3}\])\s*\S", plain(text)) is not None


@rule("item_by_list_marker")
def item_by_list_marker(text: str, following: str | None, preceding: str | None = None) -> bool:
    """A line with a list marker (``- ``, ``* ``, •, ``1. ``) or an item number run on (01 在使用…) is a list item."""
    return LIST_MARKER.match(text) is not None or re.match(r"\s*(?:\d{1,2}\.\s+\S|0\d\s+\S)", plain(text)) is not None
