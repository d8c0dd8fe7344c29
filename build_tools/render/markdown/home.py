"""The home page's table of documents: a row per document, with its titles, date and versions, from its record."""

from __future__ import annotations

from build_tools.model import urls
from build_tools.model.edition import Document, Version
from build_tools.model.labels import block_label
from build_tools.model.languages import LANGUAGES
from build_tools.model.vocab import CellStatus
from build_tools.render.elements import around, element
from build_tools.render.markdown.pages import escape_markdown

HEADER = ["| Document | 文件 | Date | Versions in this edition |\n", "|---|---|---|---|\n"]
PAGE_LANG = "en"  # the home page is written in English: other languages' words carry their lang attribute
COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def document_table(documents: list[Document]) -> list[str]:
    """The table's lines: its header, then one row per document in the order given."""
    return HEADER + [_row(doc) for doc in documents]


def _row(doc: Document) -> str:
    record = doc.record
    # A document without an English title is named in the language of its first title.
    lang = PAGE_LANG if PAGE_LANG in record.titles else next(iter(record.titles))
    cells = [f"[{_cell(record.titles[lang], lang)}]({urls.docs_path(doc.id, record.kind)})",
             _cell(record.titles["zh"], "zh") if "zh" in record.titles else "",
             _cell(record.date, PAGE_LANG),
             " · ".join(_version(doc, version, first=version is doc.versions[0]) for version in doc.versions)]
    return "| " + " | ".join(cells) + " |\n"


def _cell(text: str, lang: str) -> str:
    """Record text as Markdown for one table cell: escaped, on one line, in its language."""
    # A title may be written over several YAML lines; a table row is one line, and the page shows it as one.
    markdown = escape_markdown(" ".join(text.split()))
    return markdown if lang == PAGE_LANG else around(element("span", {"lang": LANGUAGES[lang].tag}), markdown)


def _version(doc: Document, version: Version, first: bool) -> str:
    """"English (official; two witnesses)": the language, what standing the version has and what it covers, linked
    to the version's own view."""
    # The first version is the text the document is read in: its standing goes without saying when official.
    standing = "" if first and version.status == "official" else version.status
    shown = _shown_blocks(doc, version)
    said = " ".join(part for part in (standing, f"excerpts of {shown}" if shown else "") if part)
    witnesses = len(version.witnesses)
    if witnesses > 1:
        said = "; ".join(part for part in (said, f"{COUNTS.get(witnesses, str(witnesses))} witnesses") if part)
    name = _cell(LANGUAGES[version.lang].name, version.lang)
    # The whole entry is the link: two translations into one language are told apart by their names.
    shown = f"{name} ({escape_markdown(said)})" if said else name
    return f"[{shown}]({urls.docs_path(doc.id, doc.record.kind, version.key)})"


def _shown_blocks(doc: Document, version: Version) -> str:
    """"¶1–3, ¶7, ¶9": the runs of blocks a version gives text for, when it leaves some out; else ""."""
    runs: list[list[str]] = []
    follows = False  # whether the previous block was shown
    for block in doc.blocks:
        cell = version.cells.get(block.id)
        shown = cell is not None and cell.status is not CellStatus.GAP
        if shown and follows:
            runs[-1].append(block.id)
        elif shown:
            runs.append([block.id])
        follows = shown
    if len(runs) == 1 and len(runs[0]) == len(doc.blocks):
        return ""
    return ", ".join(_run_label(run[0], run[-1]) for run in runs)


def _run_label(first: str, last: str) -> str:
    """¶7 for one block, ¶1–3 for a run of paragraphs, §1–¶3 across kinds."""
    if first == last:
        return block_label(first)
    return f"{block_label(first)}–{last[1:] if first[0] == last[0] else block_label(last)}"
