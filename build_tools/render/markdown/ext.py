"""Python-Markdown extension: a visible, linked block number (¶12, §3) on every block with an ID.

The number sits in a ``span.block-tools`` that the site's script also gives a cite button.

It lives in a Markdown extension rather than a MkDocs plugin so that any engine that runs
Python-Markdown with this module on its path renders the same anchors.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

BLOCK_ID = re.compile(r"([ps])(\d+)")
NAMES = {"p": ("¶", "Paragraph"), "s": ("§", "Section")}


class BlockNumbers(Treeprocessor):
    """Prefix each element whose ID is a block ID with a link to that ID."""

    def run(self, root: etree.Element) -> None:
        for element in [e for e in root.iter() if e.get("id") and BLOCK_ID.fullmatch(e.get("id"))]:
            kind, number = BLOCK_ID.fullmatch(element.get("id")).groups()
            mark, name = NAMES[kind]
            link = etree.Element("a", {"class": "pn", "href": f"#{kind}{number}", "title": f"{name} {number}: link",
                                       "lang": "en", "data-block": f"{kind}{number}"})
            link.text = f"{mark}{number}"
            tools = etree.Element("span", {"class": "block-tools"})
            tools.append(link)
            tools.tail = element.text
            element.text = None
            element.insert(0, tools)


class BlockNumbersExtension(Extension):
    """Register :class:`BlockNumbers` after the table of contents has read the headings."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(BlockNumbers(md), "edition_block_numbers", 4)


def makeExtension(**kwargs) -> BlockNumbersExtension:
    """Entry point for ``markdown_extensions: - build_tools.markdown_ext``."""
    return BlockNumbersExtension(**kwargs)
