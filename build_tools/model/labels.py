"""The one place that decides how a block is named to readers: ¶12 for a paragraph, §3 for a heading."""

from __future__ import annotations

import re

from build_tools.model import urls
from build_tools.model.edition import Document, ManifestEntry
from build_tools.model.editorial import ApparatusEntry
from build_tools.model.records import EditionRecord

BLOCK_ID = re.compile(r"([ps])(\d+)")
MARKS = {"p": "¶", "s": "§"}
NAMES = {"p": "Paragraph", "s": "Section"}
ZH_UNITS = {"p": "段", "s": "节"}  # 第12段, 第3节 in a Chinese citation
OWN_NUMBER_NAMES = {"p": "item", "s": "section"}  # what a document's own numbers count: ¶14 = item 12 (十二、)
# The edition's own title, as container of every cited document.
CONTAINER = {"en": "China's AI Governance Texts: An Annotated Bilingual Edition", "zh": "中国人工智能治理文本：双语校注本"}
# How the changelog tells what became of a vanished anchor, per successors.yml change.
SUCCESSOR_CHANGES = {"merge": "merged into", "split": "split into", "move": "moved to", "resegment": "renumbered as"}
# The heading IDs the build gives its own sections (a page's title, notes, apparatus, attribution, metadata):
# a glossary term's ID is an anchor on the glossary page and may take none of them, nor a block ID's form.
SECTION_IDS = frozenset({"glossary", "notes", "apparatus", "attribution", "metadata", "sources", "cleaning-rules",
                         "declared", "boilerplate", "changelog", "unreleased", "echoes"})
# The navigation's names for the views the edition derives (a version's view is named by its record's label).
DERIVED_VIEWS = {urls.TRADITIONAL: "繁體（轉換）", urls.TRADITIONAL_PARALLEL: "繁體對照（轉換）",
                 urls.COMPARE: "The two English translations"}
# What a raw witness is, in words, by its manifest kind.
WITNESS_KINDS = {"wechat": "WeChat repost", "pdf-extract": "Text extracted from a PDF", "aggregator": "Aggregator page",
                 "plain": "Plain text"}
# How the manifest records a publisher it does not know but a PDF's heading names: "unknown (headed: …)".
HEADED = re.compile(r"unknown \(headed: (.+)\)")
NOTE_TYPES = {"textual": "Textual note", "context": "Context", "translation": "Translation note",
              "cross-reference": "Cross-reference"}


def is_reserved_anchor(anchor: str) -> bool:
    """True for an ID the generated pages already use: a section heading's, or a block's (p12, s3)."""
    return anchor in SECTION_IDS or BLOCK_ID.fullmatch(anchor) is not None


def block_mark(block_id: str) -> str:
    """The sign of a block's kind: ¶ for a paragraph ID (p…), § for a heading ID (s…)."""
    return MARKS[block_id[0]]


def block_label(block_id: str) -> str:
    """¶12 for a paragraph, §3 for a heading."""
    return block_mark(block_id) + block_id[1:]


def concordance_label(block_id: str, value: int, mark: str, lang: str = "en") -> str:
    """A block's number beside the document's own: "¶14 = item 12 (十二、)", in Chinese "第14段 = 十二、"."""
    if lang == "zh":
        return f"第{block_id[1:]}{ZH_UNITS[block_id[0]]} = {mark}"
    # A mark in brackets of its own, （一）, is not bracketed again.
    shown = mark if mark[0] in "（(" else f"({mark})"
    return f"{block_label(block_id)} = {OWN_NUMBER_NAMES[block_id[0]]} {value} {shown}"


def witness_label(file: str) -> str:
    """A witness's short name, its number: ``002`` for ``002_92e6455c04bab45f.txt``."""
    return file.split("_")[0]


def witness_place(entry: ApparatusEntry) -> str:
    """Where an apparatus entry's witness reading stands: "003, line 96", "003, lines 78, 86"."""
    lines = entry.lines or ((entry.line,) if entry.line else ())
    where = f", line{'s' * (len(lines) > 1)} " + ", ".join(map(str, lines)) if lines else ""
    return witness_label(entry.witness) + where


def witness_words(entry: ManifestEntry) -> str:
    """What a raw witness is, in words, from its manifest entry: "WeChat repost by NERCIS, dated 2024-05-08"."""
    # The draft writes a WeChat account as "<name>, WeChat public account"; "repost" already says WeChat.
    publisher = entry.publisher.removesuffix(", WeChat public account")
    words = WITNESS_KINDS[entry.kind]
    if heading := HEADED.fullmatch(publisher):
        words += f" headed “{heading[1]}”"
    words += ", publisher not stated" if publisher.startswith("unknown") else f" by {publisher}"
    return words + (", undated" if entry.published == "unknown" else f", dated {entry.published}")


def block_name(block_id: str) -> str:
    """"Paragraph 12" or "Section 3", for a link's title."""
    return f"{NAMES[block_id[0]]} {block_id[1:]}"


def document_title(record: EditionRecord) -> str:
    """"Title (year)", a document's name in the navigation and in links between documents."""
    # A document without an English version may have no English title: then the title it has.
    title = record.short_title or record.titles.get("en") or next(iter(record.titles.values()))
    return f"{title} ({record.date[:4]})"


def view_label(doc: Document, view: str) -> str:
    """A view's name in the navigation: its version's label, or the derived view's name."""
    version = doc.version(view)
    return version.label if version else DERIVED_VIEWS[view]
