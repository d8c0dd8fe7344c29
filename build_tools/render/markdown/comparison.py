"""Translation comparison: two English translations of one document side by side, block by block,
with the words each has and the other lacks marked."""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as etree

from build_tools.model import urls
from build_tools.model.edition import Document, Version
from build_tools.model.labels import block_label, witness_label
from build_tools.render.annotated import concordance
from build_tools.render.elements import append, element, to_html
from build_tools.render.markdown.pages import PageContext, _document_facts, escape_markdown, front_matter, page_fields

WORD = re.compile(r"\S+")


def marked_pair(left: str, right: str) -> tuple[etree.Element, etree.Element]:
    """Both texts as paragraphs, each word the other lacks wrapped in ``<mark>``."""
    a, b = WORD.findall(left), WORD.findall(right)
    out_a, out_b = element("p"), element("p")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, _bare(a), _bare(b), autojunk=False).get_opcodes():
        for words, out, lo, hi in ((a, out_a, i1, i2), (b, out_b, j1, j2)):
            chunk = " ".join(words[lo:hi])
            if not chunk:
                continue
            if len(out) or out.text:
                append(out, " ")
            append(out, chunk if op == "equal" else element("mark", {"class": "diff"}, chunk))
    return out_a, out_b


def _bare(words: list[str]) -> list[str]:
    """Words compared without punctuation or case: "AI," and "ai" are the same word."""
    return [re.sub(r"[^\w]", "", word).lower() for word in words]


def render_comparison(doc: Document, context: PageContext) -> str:
    """``docs/<id>/compare.md``: the two English translations aligned by block, differences marked."""
    pair = doc.english_pair()
    assert pair is not None, f"{doc.id} has no two English translations to compare"
    official, unofficial = pair
    record = doc.record
    fields = page_fields(doc, "compare", f"{official.title}: the two English translations", context)
    fields["hide"] = ["toc"]
    titles = [f"“{escape_markdown(official.title)}” ({escape_markdown(official.label)}, official)"] + [
        f"“{escape_markdown(t)}” ({escape_markdown(unofficial.label)})" for t in record.other_titles]
    parts = [front_matter(fields), f"# {escape_markdown(official.title)}: the two English translations\n",
             _document_facts(doc, urls.COMPARE),
             f"The official English (source {witness_label(official.witnesses[0].file)}) and an unofficial "
             f"translation (source {witness_label(unofficial.witnesses[0].file)}) of the Chinese text, "
             "aligned by block; words one has and the other lacks are highlighted. The document circulates "
             "in English as " + "; ".join(titles) + ".\n",
             _comparison_table(doc, official, unofficial) + "\n"]
    return "\n".join(parts)


def _comparison_table(doc: Document, official: Version, unofficial: Version) -> str:
    """The two translations aligned row by row, each row with its block number."""
    head = element("div", {"class": "row compare-head", "aria-hidden": "true"}, element("span"))
    for label, version in (("Official English", official), ("Unofficial English", unofficial)):
        head.append(element("div", {"class": "cell", "lang": "en"}, element(
            "p", None, element("strong", None, label), f" (source {witness_label(version.witnesses[0].file)})")))
    rows = [head]
    own = concordance(doc)
    for block in doc.blocks:
        left, right = marked_pair(official.cells[block.id].text, unofficial.cells[block.id].text)
        titled = {"title": own[block.id].label(block.id), "data-concordance": own[block.id].label(block.id)} \
            if block.id in own else {}
        number = element("a", {"class": "pn", "href": f"#{block.id}", "data-block": block.id, **titled},
                         block_label(block.id))
        rows.append(element("div", {"class": "row", "id": block.id}, element("span", {"class": "block-tools"}, number),
                            element("div", {"class": "cell", "lang": "en"}, left),
                            element("div", {"class": "cell", "lang": "en"}, right)))
    table = element("div", {"class": "parallel compare"}, "\n")
    for row in rows:
        append(table, row, "\n")
    return to_html(table)
