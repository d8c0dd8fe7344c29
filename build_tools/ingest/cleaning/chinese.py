"""Fixes for Chinese text extracted from PDFs: punctuation width, stray spaces, the list dash."""

from __future__ import annotations

import re

from build_tools.ingest.cleaning.pipeline import RuleContext, display_width
from build_tools.ingest.cleaning.rules import rule
from build_tools.model.text import Line

# Han ideographs and the full-width punctuation that sits between them in Chinese text.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
CJK_PUNCT = r"\u3000-\u303f\uff08\uff09\uff0c\uff1a\uff1b\uff01\uff1f\u201c\u201d\u2014\u2026"
CJK = HAN + CJK_PUNCT

_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


@rule("widen_ascii_punctuation")
def widen_ascii_punctuation(lines: list[str]) -> list[str]:
    """ASCII , : ; ! ? touching Chinese text become full-width (当前,全球 → 当前，全球)."""
    # A run is widened whole: widening its last mark alone would make the one before it touch Chinese next time.
    pattern = re.compile(rf"(?<=[{CJK}])[,:;!?]+|[,:;!?]+(?=[{CJK}])")
    return [pattern.sub(lambda m: "".join(_ASCII_TO_FULL[c] for c in m.group()), line) for line in lines]


@rule("widen_ascii_parentheses")
def widen_ascii_parentheses(lines: list[str]) -> list[str]:
    """ASCII parentheses touching Chinese text become full-width: 决议(A/RES/78/311), → 决议（A/RES/78/311），."""
    pattern = re.compile(r"\(([^()]*)\)")

    def widen(match: re.Match[str]) -> str:
        line, start, end = match.string, match.start(), match.end()
        touches = (start > 0 and re.match(rf"[{CJK}]", line[start - 1])) or re.search(rf"[{HAN}]", match.group(1)) \
            or (end < len(line) and re.match(rf"[{CJK},]", line[end]))
        return f"（{match.group(1)}）" if touches else match.group()

    return [pattern.sub(widen, line) for line in lines]


@rule("curl_straight_quotes")
def curl_straight_quotes(lines: list[str]) -> list[str]:
    """Straight double quotes in Chinese text become “ ” in opening/closing pairs ("以人为本" → “以人为本”)."""
    def curl(line: str) -> str:
        if line.count('"') % 2:
            return line
        parts = line.split('"')
        return "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]

    return [curl(line) for line in lines]


@rule("remove_space_in_chinese")
def remove_space_in_chinese(lines: list[str]) -> list[str]:
    """Spaces between two Chinese characters, or between Chinese and a number, are extraction debris (问 责机制, 联合国 2030 年)."""
    pattern = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}0-9])|(?P<number>[A-Za-z0-9./—-]*\d)[ \t\u3000]+(?=[{CJK}])")

    def joined(match: re.Match[str]) -> str:
        number = match.group("number")
        # A number that ends a code (GB/T 29261.3—2012 信息技术) keeps its space: that is how a standard is cited.
        if number is None:
            return ""
        before = match.string[:match.start()]
        cited = re.search(r"[A-Z]{2,}(?:/[A-Z]+)?\s*[\d.—:-]*\s*$", before)
        # A section number opening a line keeps its space: 1 范围 is how a standard numbers its clauses.
        numbering = not before.strip(" #\t")
        return number if re.fullmatch(r"\d+", number) and not cited and not numbering else match.group()

    # A standard's citation separates the parts of its title with spaces (信息技术 自动识别和数据采集技术 词汇).
    return [line if CITED_STANDARD.match(line) else pattern.sub(joined, line) for line in lines]


@rule("remove_space_at_fullwidth_punctuation")
def remove_space_at_fullwidth_punctuation(lines: list[str]) -> list[str]:
    """A space inside full-width brackets or quotes, or before full-width punctuation, is extraction debris (（ IOPV ） 。)."""
    inside = rf"(?<=[（《“‘【])[ \t\u3000]+|[ \t\u3000]+(?=[）》”’】，。、；：！？])|(?<=[{HAN}])[ \t\u3000]+(?=[（《“‘【])"
    return [re.sub(inside, "", line) for line in lines]


@rule("repair_list_dash_misread")
def repair_list_dash_misread(lines: list[str]) -> list[str]:
    """A list item read as 一 or 一一 where its neighbours start with —— is the dash —— (一面向他国 → ——面向他国)."""
    misread = re.compile(r"^(一一|一)(?![一、些])")
    repaired = list(lines)
    for i, line in enumerate(lines):
        neighbours = lines[max(i - 1, 0): i] + lines[i + 1: i + 2]
        if misread.match(line) and any(n.startswith("——") or misread.match(n) for n in neighbours):
            repaired[i] = misread.sub("——", line)
    return repaired


SHORT_LINE = 0.8  # of the column's width
# A line opening with a standard's number, or a numbered reference to one: [1] GB 12904 …, GB/T 29261.3—2012 …
CITED_STANDARD = re.compile(r"\s*(?:\[\d+\]\s*)?(?:GB|ISO|IEC|ITU|YD|JR|GA)(?:/[A-Z]+)?\s*[\d/]")


def is_cjk_text(text: str) -> bool:
    """True when the text contains Han characters."""
    return re.search(rf"[{HAN}]", text) is not None


@rule("join_split_chinese_paragraph")
def join_split_chinese_paragraph(previous: Line, line: Line, context: RuleContext) -> str | None:
    """A Chinese paragraph cut by a page break (制造、 / 物流) continues on the next line when it has not ended."""
    ended = re.search(r"[。！？：；][”」』）]*$", previous.text)
    if context.wrap_width:
        # In a hard-wrapped text a line clearly shorter than the column ends its paragraph, unless what opens the
        # next line (a Latin term, a bracketed code) could not have fitted at its end.
        width = display_width(previous.text[-previous.tail_length:])
        opening = re.match(r"[（(][^）)]{0,40}[）)]|[A-Za-z0-9_./=:-]+", line.text)
        fits = width + display_width(opening.group() if opening else line.text[:1]) <= context.wrap_width
        if width < SHORT_LINE * context.wrap_width and fits:
            return None
    # A numbered reference ([2] GB/T 17172—1997 …), a cited standard or a work's title starts its own entry.
    listed = re.match(r"\[\d+\]", line.text) or CITED_STANDARD.match(line.text) \
        or (previous.text.endswith("》") and line.text.startswith("《"))  # a list of works, one per line
    return "" if not ended and not listed and is_cjk_text(previous.text) and is_cjk_text(line.text) else None
