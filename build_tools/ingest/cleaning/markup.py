"""Rules for the Markdown (and stray HTML) a scraper or extractor wrote around the text: markup never reaches
the canonical text literally; what it carried (a link's target, an image) goes to the strip report."""

from __future__ import annotations

import re
from collections.abc import Sequence

from build_tools.ingest.cleaning.pipeline import Claims, RuleContext
from build_tools.ingest.cleaning.rules import rule
from build_tools.model.text import Line

TERMINAL = r"[。！？：；.!?:;…]"
_HEADING_MARKER = re.compile(r"^\s*#{1,6}\s*")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]\s+|[•⚫●▪◆■]\s*)")
# Bold is a pair of ** around words; a line set wholly in bold may hold the **** a scraper leaves where two bold
# runs meet (**财信****证券**, **PART****0****1**). Other runs of * are text: the masked digits of 138****5678,
# the 张** of an anonymised name.
_STRONG_PAIR = re.compile(r"(?<!\*)\*\*(?=[^*\s])(.+?)(?<=[^*\s])\*\*(?!\*)")
_BOLD_LINE = re.compile(r"\s*(?:\*\*(?:[^*]|\*{4})*\*\*\s*)+")
_UNDERLINE = re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS = re.compile(r"(?<![*\w\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
# A link's words may hold escaped or bracketed marks ([Minimax\[2\]](…), [智谱AI[5]](…)).
_LINK = re.compile(r"\[((?:\\.|\[[^\]]*\]|[^\]\\\[])*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_TAG = re.compile(r"</?(?:span|font|b|i|u|em|strong|sup|sub|section|p|br|div|a|mark|small|big)\b[^<>]*>",
                       re.IGNORECASE)
# A backslash escapes the mark after it; a doubled backslash is left as written, so that the rule is idempotent.
_ESCAPE = re.compile(r"(?<!\\)\\([`*_{}\[\]()#+\-.!|>~])")
_FENCE = re.compile(r"\s*(```+|~~~+)\s*\w*\s*")


def _strong(text: str) -> str:
    """The text without its bold marks: every pair, and every run of two or four in a line set wholly in bold."""
    if _BOLD_LINE.fullmatch(text) or re.fullmatch(r"\s*\*{4}[^*]+\*{4}\s*", text):
        return re.sub(r"(?<!\*)(?:\*\*|\*{4})(?!\*)", "", text)
    while (stripped := _STRONG_PAIR.sub(r"\1", text)) != text:
        text = stripped
    return text


def plain(text: str) -> str:
    """The words of a line without its Markdown: heading and list markers, emphasis, links, images, escapes."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _strong(_HEADING_MARKER.sub("", LIST_MARKER.sub("", text)))
    text = _UNDERLINE.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", _HTML_TAG.sub("", text)).strip()


@rule("heading_by_marker")
def heading_by_marker(text: str, following: str | None, preceding: str | None = None) -> bool:
    """A ``#`` line is a heading unless it ends a statement (``# 人工智能发展生态。`` is a paragraph tail; a question may head)."""
    return bool(_HEADING_MARKER.match(text)) and not re.search(r"[。！：；.!:;…]\W*$", plain(text))


@rule("heading_by_enumerated_short_line")
def heading_by_enumerated_short_line(text: str, following: str | None, preceding: str | None = None) -> bool:
    """An unmarked short numbered line with no sentence punctuation is a heading (``1. Promoting AI development``)."""
    return re.fullmatch(r"(\d{1,2}(?:\.\d{1,2})*\.?\s+|(?:\d{1,2}|[IVX]{1,4})\.\s*)[A-Z][^.!?;:。]{0,80}",
                        text.strip()) is not None


@rule("strip_heading_marker")
def strip_heading_marker(lines: list[str]) -> list[str]:
    """Leading ``#`` markers are extraction markup; the edition derives heading levels itself."""
    return [_HEADING_MARKER.sub("", line) for line in lines]


@rule("strip_list_marker")
def strip_list_marker(lines: list[str]) -> list[str]:
    """A leading ``- ``, ``* `` or bullet (•, ⚫) is list markup; the documents' own markers (——, （一）, 1.) are text."""
    return [LIST_MARKER.sub("", line) for line in lines]


@rule("strip_blockquote_marker")
def strip_blockquote_marker(lines: list[str]) -> list[str]:
    """A leading ``> `` is Markdown quotation markup (a WeChat lead set off as a quotation)."""
    return [re.sub(r"^\s*(?:>\s?)+", "", line) for line in lines]


@rule("strip_bold_markup")
def strip_bold_markup(lines: list[str]) -> list[str]:
    """``**…**`` and ``__…__`` are Markdown emphasis, even when a scraper broke them apart (``**财信****证券**``)."""
    return [_UNDERLINE.sub(r"\1", _strong(line)) for line in lines]


@rule("strip_emphasis_markup")
def strip_emphasis_markup(lines: list[str]) -> list[str]:
    """A pair of single ``*`` around words is Markdown italics (``*原文来源：外交部*``)."""
    return [_EMPHASIS.sub(r"\1", line) for line in lines]


@rule("strip_code_span")
def strip_code_span(lines: list[str]) -> list[str]:
    """Backticks around words are Markdown code markup; the words stay."""
    return [_CODE_SPAN.sub(r"\2", line) for line in lines]


@rule("strip_inline_image")
def strip_inline_image(lines: list[str]) -> list[str]:
    """An image inside a line of text (an icon, an emoji picture) is page furniture; its address goes to the report."""
    return [_IMAGE.sub("", line) for line in lines]


@rule("strip_link_target")
def strip_link_target(lines: list[str]) -> list[str]:
    """A Markdown link keeps its words in the text; its target goes to the strip report."""
    return [_LINK.sub(r"\1", line) for line in lines]


@rule("strip_html_tag")
def strip_html_tag(lines: list[str]) -> list[str]:
    """Inline HTML tags a converter left (``<span style="color:red">``) go with the space between two; words stay."""
    return [_HTML_TAG.sub("", re.sub(r"(</[a-z]+>)\s+(?=<[a-z])", r"\1", line, flags=re.I)) for line in lines]


@rule("unescape_markdown")
def unescape_markdown(lines: list[str]) -> list[str]:
    """A backslash before Markdown punctuation (``\\[1\\]``) only escapes it: the punctuation is the text."""
    return [_ESCAPE.sub(r"\1", line) for line in lines]


@rule("end_hard_break")
def end_hard_break(lines: list[str]) -> list[str]:
    """Spaces and tabs at the end of a line (a Markdown hard break) and at its start are layout, not text."""
    return [line.strip(" \t\u3000") for line in lines]


@rule("is_image_line")
def is_image_line(text: str, context: RuleContext) -> bool:
    """A line of nothing but images (cover, tracking GIF, QR code, avatar), in Markdown or HTML, is page furniture."""
    rest = re.sub(r"<(?:img|div|/div|p|/p|figure|/figure|br)\b[^<>]*>", "", _IMAGE.sub("", text), flags=re.I)
    rest = re.sub(r"\[\s*\]\([^)]*\)", "", rest)  # the link an image was wrapped in
    return rest != text and re.fullmatch(r"[\s*_\[\]]*", rest) is not None


@rule("is_horizontal_rule")
def is_horizontal_rule(text: str, context: RuleContext) -> bool:
    """A line of ``---``, ``***`` or ``___`` is a Markdown thematic break, not text."""
    return re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", text) is not None


@rule("is_code_fence")
def is_code_fence(text: str, context: RuleContext) -> bool:
    """A line of three backticks opens or closes a Markdown code block; the lines inside stay text."""
    return _FENCE.fullmatch(text) is not None


@rule("is_punctuation_debris")
def is_punctuation_debris(text: str, context: RuleContext) -> bool:
    """A line of nothing but punctuation and markup (the ：，，。 column of WeChat's widgets, ``****``, a lone ``.``)."""
    return not plain(text).strip("：，。、；,.:;|>*_ \t\u3000") and bool(text.strip())


@rule("is_link_only_line")
def is_link_only_line(text: str, context: RuleContext) -> bool:
    """A line that is only a link to another WeChat post or a picture link is a recommendation, not text."""
    links = list(_LINK.finditer(_IMAGE.sub("[]()", text)))
    rest = _LINK.sub("", _IMAGE.sub("[]()", text))
    # A link to a post, a picture, or an address shown as its own words (https://lanying.link/00h0vp [8]).
    recommended = all(re.match(r"https?://mp\.weixin\.qq\.com/", link.group(2)) or not link.group(1).strip()
                      or re.match(r"https?://", link.group(1).strip()) for link in links)
    return bool(links) and recommended and re.fullmatch(r"[\s*_|]*", rest) is not None


@rule("is_page_number")
def is_page_number(text: str, context: RuleContext) -> bool:
    """A line holding only a number of one to three digits is a page number."""
    return re.fullmatch(r"\s*\d{1,3}\s*", text) is not None


@rule("is_title_line")
def is_title_line(text: str, context: RuleContext) -> tuple[str, str] | None:
    """A line that repeats the document title (with or without markup) is title metadata, not text."""
    def squeezed(value: str) -> str:  # spaces and the form of quotes aside
        return re.sub(r"\s+", "", value).translate(str.maketrans("“”‘’", "\"\"''"))
    return ("title", plain(text)) if context.title and squeezed(plain(text)) == squeezed(context.title) else None


@rule("issue_date_line")
def issue_date_line(text: str, context: RuleContext) -> tuple[str, str] | None:
    """``Issue date: 20 October 2023`` is the publisher's dateline: metadata, not text."""
    match = re.fullmatch(r"\s*Issue date:\s*(.+?)\s*", text)
    return ("issue_date", match.group(1)) if match else None


@rule("front_matter")
def front_matter(lines: Sequence[Line], context: RuleContext) -> Claims:
    """A scraper's ``---`` block of ``key: value`` lines opening the file (title, url, dates: the manifest's) is not text."""
    if not lines or lines[0].first > 2 or lines[0].text.strip() != "---":
        return {}
    for index, line in enumerate(lines[1:], start=1):
        if line.text.strip() == "---":
            body = lines[1:index]
            if body and all(re.match(r"[A-Za-z_][\w-]*\s*:", b.text) or b.text.startswith((" ", "\t"))
                            for b in body):
                return {item.first: None for item in lines[:index + 1]}
            return {}
    return {}
