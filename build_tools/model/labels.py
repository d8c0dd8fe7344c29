"""The one place that decides how a block is named to readers: ¶12 for a paragraph, §3 for a heading."""

from __future__ import annotations

import re

BLOCK_ID = re.compile(r"([ps])(\d+)")
MARKS = {"p": "¶", "s": "§"}
NAMES = {"p": "Paragraph", "s": "Section"}
ZH_UNITS = {"p": "段", "s": "节"}  # 第12段, 第3节 in a Chinese citation
# The edition's own title, as container of every cited document.
CONTAINER = {"en": "China's AI Governance Texts: An Annotated Bilingual Edition", "zh": "中国人工智能治理文本：双语校注本"}
# How the changelog tells what became of a vanished anchor, per successors.yml change.
SUCCESSOR_CHANGES = {"merge": "merged into", "split": "split into", "move": "moved to", "resegment": "renumbered as"}
# The heading IDs the build gives its own sections (a page's title, notes, apparatus, attribution, metadata):
# a glossary term's ID is an anchor on the glossary page and may take none of them, nor a block ID's form.
SECTION_IDS = frozenset({"glossary", "notes", "apparatus", "attribution", "metadata", "sources", "cleaning-rules",
                         "declared", "changelog", "unreleased", "echoes"})
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


def witness_label(file: str) -> str:
    """A witness's short name, its number: ``002`` for ``002_92e6455c04bab45f.txt``."""
    return file.split("_")[0]


def block_name(block_id: str) -> str:
    """"Paragraph 12" or "Section 3", for a link's title."""
    return f"{NAMES[block_id[0]]} {block_id[1:]}"
