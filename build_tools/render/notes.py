"""Editors' notes as HTML: their Markdown rendered, then cleaned by an allow-list, the same for the web
and the print.

nh3 (the Python binding of the Rust sanitiser ammonia) cleans: it parses like a browser (html5ever),
keeps only the listed tags and attributes and serialises afresh, so nothing it lets through can
smuggle markup. Links are kept only to http(s) and to the edition's own blocks and notes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
import nh3

from build_tools.ingest.references import CROSS_REFERENCE
from build_tools.render.elements import append, fragment, mark_chinese

TAGS = {"a", "abbr", "b", "br", "cite", "code", "em", "i", "p", "q", "s", "small", "span", "strong", "sub", "sup"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "*": {"lang"}}
WEB = ("http", "https")

# (document ID, anchor, view or "" for the document's page) → the link to it from where the note is shown
Resolver = Callable[[str, str, str], str]


def note_markdown(text: str, resolve: Resolver) -> etree.Element:
    """Editor-written Markdown as a ``div`` of clean elements, its runs of Chinese in zh-Hans spans (a run the
    editor marked with its own ``lang`` stays as written); cross-references ``](<id>#p12)``, ``](<id>/<view>#p12)``
    resolved."""
    own: set[str] = set()

    def cross_reference(match: re.Match[str]) -> str:
        link = resolve(match["doc"], match["anchor"], match["view"] or "")
        own.add(link)
        return f"]({link})"

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href" and value not in own and urlsplit(value).scheme.lower() not in WEB:
            return None
        return value

    rendered = markdown.markdown(CROSS_REFERENCE.sub(cross_reference, text))
    # The editors write in English: each Chinese word they cite is marked as such, for its fonts and its voice.
    return mark_chinese(fragment(nh3.clean(rendered, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=keep,
                                           link_rel=None, url_schemes=set(WEB), strip_comments=True)))


def inline(parent: etree.Element, text: str, resolve: Resolver) -> etree.Element:
    """Append a note's Markdown to ``parent`` as inline content: its paragraphs run on, one space apart."""
    for index, part in enumerate(_top_level(note_markdown(text, resolve))):
        if index:
            append(parent, " ")
        if isinstance(part, str):
            append(parent, part.strip())
        elif part.tag == "p":
            append(parent, part.text or "", *list(part))
        else:
            append(parent, part)
    return parent


def _top_level(holder: etree.Element) -> list[str | etree.Element]:
    items: list[str | etree.Element] = [holder.text or ""] if (holder.text or "").strip() else []
    for child in holder:
        tail, child.tail = child.tail, None
        items.append(child)
        if (tail or "").strip():
            items.append(tail or "")
    return items
