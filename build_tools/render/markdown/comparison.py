"""Translation comparison: two English translations of one document side by side, block by block,
with the words each has and the other lacks marked."""

from __future__ import annotations

import difflib
import html
import re

from build_tools.model.labels import block_label
from build_tools.render.markdown.pages import PageContext, page_fields, escape_markdown, front_matter
from build_tools.model.edition import Document, Version

WORD = re.compile(r"\S+")


def marked_pair(left: str, right: str) -> tuple[str, str]:
    """Both texts as HTML, each word the other lacks wrapped in ``<mark>``."""
    a, b = WORD.findall(left), WORD.findall(right)
    out_a: list[str] = []
    out_b: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, _bare(a), _bare(b), autojunk=False).get_opcodes():
        for words, out, lo, hi in ((a, out_a, i1, i2), (b, out_b, j1, j2)):
            chunk = html.escape(" ".join(words[lo:hi]), quote=False)
            if chunk:
                out.append(chunk if op == "equal" else f'<mark class="diff">{chunk}</mark>')
    return " ".join(out_a), " ".join(out_b)


def _bare(words: list[str]) -> list[str]:
    """Words compared without punctuation or case: "AI," and "ai" are the same word."""
    return [re.sub(r"[^\w]", "", word).lower() for word in words]


def comparison_pairs(doc: Document) -> tuple[Version, Version] | None:
    """The official and the unofficial English of a document, when it has both."""
    official = next((v for v in doc.versions if v.lang == "en" and v.status == "official"), None)
    unofficial = next((v for v in doc.versions if v.lang == "en" and v.status == "unofficial"), None)
    return (official, unofficial) if official and unofficial else None


def render_comparison(doc: Document, context: PageContext) -> str:
    """``docs/<id>/compare.md``: the two English translations aligned by block, differences marked."""
    official, unofficial = comparison_pairs(doc)
    record = doc.record
    fields = page_fields(doc, "compare", f"{record.titles['en']}: the two English translations", context)
    fields["hide"] = ["toc"]
    titles = [f"“{escape_markdown(official.title)}” ({official.label}, official)"] + [
        f"“{escape_markdown(t)}” ({unofficial.label})" for t in record.other_titles]
    parts = [front_matter(fields), f"# {escape_markdown(record.titles['en'])}: the two English translations\n",
             f"The official English (source {official.witnesses[0].file.split('_')[0]}) and an unofficial "
             f"translation (source {unofficial.witnesses[0].file.split('_')[0]}) of the Chinese text, "
             "aligned by block; words one has and the other lacks are highlighted. The document circulates "
             "in English as " + "; ".join(titles) + ".\n",
             '<div class="parallel compare">',
             '<div class="row compare-head" aria-hidden="true"><span></span><div class="cell" lang="en"><p>'
             f'<strong>Official English</strong> (source {official.witnesses[0].file[:3]})</p></div>'
             '<div class="cell" lang="en"><p><strong>Unofficial English</strong> '
             f'(source {unofficial.witnesses[0].file[:3]})</p></div></div>']
    for block in doc.blocks:
        left, right = marked_pair(official.cells[block.id].text, unofficial.cells[block.id].text)
        parts.append(f'<div class="row" id="{block.id}"><span class="block-tools"><a class="pn" '
                     f'href="#{block.id}" data-block="{block.id}">{block_label(block.id)}</a></span>'
                     f'<div class="cell" lang="en"><p>{left}</p></div>'
                     f'<div class="cell" lang="en"><p>{right}</p></div></div>')
    parts.append("</div>\n")
    return "\n".join(parts)
