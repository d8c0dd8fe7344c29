"""Python-Markdown extension: a visible block number (¶12, §3), linked to the block's own page, on every block with an ID.

The number sits in a ``span.block-tools`` that the site's script also gives a cite button.

It lives in a Markdown extension rather than a MkDocs plugin so that any engine that runs
Python-Markdown with this module on its path renders the same anchors.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from build_tools.model import urls
from build_tools.model.labels import BLOCK_ID, block_label, block_name


class BlockNumbers(Treeprocessor):  # type: ignore[misc]  # Python-Markdown is untyped
    """Prefix each element whose ID is a block ID with a link to that ID."""

    def run(self, root: etree.Element) -> None:
        for element in [e for e in root.iter() if BLOCK_ID.fullmatch(e.get("id") or "")]:
            block_id = element.get("id") or ""
            # The block's number beside the document's own (pages.py): into the number's title, and kept on the
            # number for the cite dialog.
            own = element.attrib.pop("data-concordance", "")
            # The number leads to the block's own page (publish/block_pages.py), the address a reference manager
            # saves with the paragraph. That page is written after the engine, which would call the link broken:
            # the link goes into the page as stashed HTML, which no engine validates; tests/test_links.py does.
            link = etree.Element("a", {"class": "pn", "href": block_page_link(self.md, block_id),
                                       "title": f"{own or block_name(block_id)}: its own page, to cite or save",
                                       "lang": "en", "data-block": block_id,
                                       **({"data-concordance": own} if own else {})})
            link.text = block_label(block_id)
            tools = etree.Element("span", {"class": "block-tools"})
            tools.text = self.md.htmlStash.store(etree.tostring(link, encoding="unicode", method="html"))
            tools.tail = element.text
            element.text = None
            element.insert(0, tools)


def block_page_link(md: Markdown, block_id: str) -> str:
    """The link to a block's own page, as the engine rendering this page needs it written."""
    # MkDocs keeps stashed HTML as written, so the link is from the page's address; Zensical rewrites every
    # relative link, stashed ones too, as if written from the page's source file (``a/zh.md`` for ``a/zh/``)
    # and gives the page being rendered to extensions (its rendering context): from that file, then.
    context = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
    page = getattr(context, "page", None)
    if page is None:
        return f"{block_id}/"
    return urls.relative(str(page.path), f"{page.url}{block_id}/")


class BlockPageLinks(Postprocessor):  # type: ignore[misc]
    """Point the block numbers a generated page wrote as raw HTML (the comparison's rows) at the blocks' pages."""

    NUMBER = re.compile(r'(<a class="pn" href=")#([ps][1-9]\d*)(")')

    def run(self, text: str) -> str:
        return self.NUMBER.sub(lambda m: m.group(1) + block_page_link(self.md, m.group(2)) + m.group(3), text)


class BlockNumbersExtension(Extension):  # type: ignore[misc]
    """Register :class:`BlockNumbers` after the table of contents has read the headings."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(BlockNumbers(md), "edition_block_numbers", 4)
        md.postprocessors.register(BlockPageLinks(md), "edition_block_page_links", 0)


def makeExtension(**kwargs: Any) -> BlockNumbersExtension:
    """Entry point for ``markdown_extensions: - build_tools.render.markdown.ext``."""
    return BlockNumbersExtension(**kwargs)
