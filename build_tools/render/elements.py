"""HTML as element trees: every tag the edition writes is built here and serialised by ElementTree,
which escapes text and attribute values, so no string from an input is ever read as markup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

from build_tools.ingest.cleaning.chinese import HAN

Element = etree.Element
VOID = frozenset({"br", "hr", "img", "wbr"})
# Stands for the Markdown an element wraps while the element is serialised; it cannot occur in the texts.
SLOT = "\ue000slot\ue000"


def element(tag: str, attrs: dict[str, str] | None = None, *content: str | etree.Element) -> etree.Element:
    """An element with attributes and content (text and child elements, in order)."""
    made = etree.Element(tag, attrs or {})
    append(made, *content)
    return made


def append(parent: etree.Element, *content: str | etree.Element) -> etree.Element:
    """Add text and elements at the end of ``parent``'s content."""
    for item in content:
        if isinstance(item, str):
            last = parent[-1] if len(parent) else None
            if last is None:
                parent.text = (parent.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        else:
            parent.append(item)
    return parent


def to_html(made: etree.Element) -> str:
    """The element (and its tail) serialised as HTML."""
    return etree.tostring(made, encoding="unicode", method="html")


def around(made: etree.Element, markdown: str) -> str:
    """The element's tags around Markdown the engine still reads (already escaped): a row of cells, a linked term."""
    made.text = SLOT
    start, end = to_html(made).split(SLOT)
    return start + markdown + end


class _FragmentParser(HTMLParser):
    """Parses sanitised HTML into elements under one holder."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.holder = element("div")
        self.open = [self.holder]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        child = element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].append(child)
        if tag not in VOID:
            self.open.append(child)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while len(self.open) > 1:
            if self.open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        append(self.open[-1], data)


def fragment(html: str) -> etree.Element:
    """A ``div`` holding the elements of an HTML fragment (already sanitised: nothing is filtered here)."""
    parser = _FragmentParser()
    parser.feed(html)
    parser.close()
    return parser.holder


# A run of Chinese in an English line, with its digits and punctuation: 2025世界人工智能大会, 原文来源：外交部.
HAN_RUN = re.compile(f"(\\d*[{HAN}][{HAN}\\d\u3000-\u303f\uff00-\uffef]*)")


def marked_scripts(text: str, lang: str = "zh-Hans") -> list[str | etree.Element]:
    """Text of an English line with each run of Chinese in a span of its own language (its fonts, its voice):
    ``lang``, zh-Hant for the 繁體 conversion's names."""
    return [element("span", {"lang": lang}, part) if HAN_RUN.fullmatch(part) else part
            for part in HAN_RUN.split(text) if part]


def mark_chinese(parent: etree.Element) -> etree.Element:
    """Each run of Chinese in ``parent``'s English content put in a zh-Hans span, its words and order untouched;
    an element that names its own language keeps its content as it is."""
    content: list[str | etree.Element] = marked_scripts(parent.text or "")
    for child in list(parent):
        if "lang" not in child.attrib:
            mark_chinese(child)
        tail, child.tail = child.tail, None
        content += [child, *marked_scripts(tail or "")]
        parent.remove(child)
    parent.text = None
    return append(parent, *content)
