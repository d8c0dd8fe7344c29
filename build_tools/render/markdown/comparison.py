"""Translation comparison: the Chinese and its two English translations side by side, block by block, with
the words each translation has and the other lacks marked, except function words (:data:`FUNCTION_WORDS`)."""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as etree

from build_tools.model import urls
from build_tools.model.edition import Document, Version
from build_tools.model.labels import block_label, witness_label
from build_tools.model.records import LANGS
from build_tools.render.annotated import concordance
from build_tools.render.elements import append, element, to_html
from build_tools.render.markdown.pages import PageContext, _document_facts, escape_markdown, front_matter, page_fields

WORD = re.compile(r"\S+")
# English function words, which a difference of these alone does not mark (the page lists them): articles,
# pronouns and possessives, prepositions, conjunctions, auxiliary and modal verbs, and the negation.
FUNCTION_WORDS = {
    "articles": "a an the",
    "pronouns and possessives": "i me my we us our you your it its they them their this that these those "
                                "who whom whose which what",
    "prepositions": "of in on at to for by with from as into onto upon about through under over between among "
                    "across within without via per than",
    "conjunctions": "and or but nor so yet both either neither whether if while",
    "auxiliary and modal verbs": "be is are was were been being am have has had having do does did will would "
                                 "shall should can could may might must",
    "negation": "not",
}
_FUNCTION = frozenset(" ".join(FUNCTION_WORDS.values()).split())


def marked_pair(left: str, right: str) -> tuple[etree.Element, etree.Element]:
    """Both texts as paragraphs, the words each lacks in the other wrapped in ``<mark>``: a difference of
    function words alone is not marked, and function words at either end of a difference stay outside it."""
    a, b = WORD.findall(left), WORD.findall(right)
    out_a, out_b = element("p"), element("p")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, _bare(a), _bare(b), autojunk=False).get_opcodes():
        for words, out, lo, hi in ((a, out_a, i1, i2), (b, out_b, j1, j2)):
            if lo == hi:
                continue
            if len(out) or out.text:
                append(out, " ")
            content = [i for i in range(lo, hi) if _bare_word(words[i]) not in _FUNCTION]
            if op == "equal" or not content:
                append(out, " ".join(words[lo:hi]))
                continue
            first, last = content[0], content[-1] + 1
            before, after = " ".join(words[lo:first]), " ".join(words[last:hi])
            append(out, before + " " * bool(before), element("mark", {"class": "diff"}, " ".join(words[first:last])),
                   " " * bool(after) + after)
    return out_a, out_b


def _bare(words: list[str]) -> list[str]:
    """Words compared without punctuation or case: "AI," and "ai" are the same word."""
    return [_bare_word(word) for word in words]


def _bare_word(word: str) -> str:
    return re.sub(r"[^\w]", "", word).lower()


def render_comparison(doc: Document, context: PageContext) -> str:
    """``docs/<id>/compare.md``: the Chinese and the two English translations aligned by block, differences marked."""
    pair = doc.english_pair()
    assert pair is not None, f"{doc.id} has no two English translations to compare"
    official, unofficial = pair
    chinese = doc.version("zh")  # the first column, where the document has a Chinese text
    record = doc.record
    fields = page_fields(doc, "compare", f"{official.title}: the two English translations", context)
    fields["hide"] = ["toc"]
    titles = [f"“{escape_markdown(official.title)}” (the official English)"] + [
        f"“{escape_markdown(t)}” (the unofficial translation)" for t in record.other_titles]
    function_words = "; ".join(f"{kind}: *{words}*" for kind, words in FUNCTION_WORDS.items())
    parts = [front_matter(fields), f"# {escape_markdown(official.title)}: the two English translations\n",
             _document_facts(doc, urls.COMPARE),
             (f"The Chinese text (source {witness_label(chinese.witnesses[0].file)}), its " if chinese else "The ")
             + f"official English (source {witness_label(official.witnesses[0].file)}) and an unofficial translation "
             f"(source {witness_label(unofficial.witnesses[0].file)}), aligned by block. In the two English texts "
             "the words one has and the other lacks are highlighted, except function words: a difference of "
             "function words alone is not highlighted, and function words at either end of a difference are left "
             "out of its highlight. The document circulates in English as " + " and ".join(titles) + ".\n",
             f"Function words, compared without case or punctuation: {function_words}.\n{{: .compare-function-words }}\n",
             _comparison_table(doc, chinese, official, unofficial) + "\n"]
    return "\n".join(parts)


def _comparison_table(doc: Document, chinese: Version | None, official: Version, unofficial: Version) -> str:
    """The Chinese and the two translations aligned row by row, each row with its block number."""
    head = element("div", {"class": "row compare-head", "aria-hidden": "true"}, element("span"))
    for version in ([chinese] if chinese else []) + [official, unofficial]:
        head.append(element("div", {"class": "cell", "lang": "en"}, element(
            "p", None, *_name(version), f" · source {witness_label(version.witnesses[0].file)}")))
    rows = [head]
    own = concordance(doc)
    for block in doc.blocks:
        left, right = marked_pair(official.cells[block.id].text, unofficial.cells[block.id].text)
        titled = {"title": own[block.id].label(block.id), "data-concordance": own[block.id].label(block.id)} \
            if block.id in own else {}
        number = element("a", {"class": "pn", "href": f"#{block.id}", "data-block": block.id, **titled},
                         block_label(block.id))
        row = element("div", {"class": "row", "id": block.id}, element("span", {"class": "block-tools"}, number))
        if chinese:
            row.append(_cell(chinese, element("p", None, chinese.cells[block.id].text)))
        rows.append(append(row, _cell(official, left), _cell(unofficial, right)))
    table = element("div", {"class": "parallel compare"}, "\n")
    for row in rows:
        append(table, row, "\n")
    return to_html(table)


def _name(version: Version) -> list[str | etree.Element]:
    """A column's name: the version's label (in its language), and "official" where it is."""
    label = element("strong", {"lang": LANGS[version.lang]} if version.lang != "en" else None, version.label)
    return [label, " · official"] if version.status == "official" else [label]  # an unofficial label says so


def _cell(version: Version, text: etree.Element) -> etree.Element:
    """A version's cell of a row, named for the stacked layout of a narrow screen (and for a screen reader, to
    which the heads above the rows are hidden)."""
    name = element("p", {"class": "compare-label", "lang": "en"}, *_name(version))
    return element("div", {"class": "cell", "lang": LANGS[version.lang]}, name, text)
