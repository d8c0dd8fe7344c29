"""Markdown of the editorial layer on a page: note markers and glossary links in the text, echoes
beside each block, and the notes and apparatus listed at the page's end."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from build_tools.editorial.annotations import CROSS_REFERENCE, Annotation
from build_tools.model.editorial import Editorial
from build_tools.model.edition import Document

NOTE_TYPES = {"textual": "Textual note", "context": "Context", "translation": "Translation note",
              "cross-reference": "Cross-reference"}


def block_label(block_id: str) -> str:
    """¶12 for a paragraph, §3 for a heading."""
    return ("¶" if block_id.startswith("p") else "§") + block_id[1:]


@dataclass
class PageMarkup:
    """One page's editorial markup; numbers notes in the order their markers appear."""

    doc: Document
    editorial: Editorial
    pages: dict[str, str]  # document ID → its page, relative to docs/
    prefix: str  # from this page's folder to docs/
    versions: tuple[str, ...]  # the version keys shown on the page
    titles: dict[str, str]  # document ID → short title for links
    escape: Callable[[str], str]  # the Markdown escaper of markdown_out
    numbers: dict[str, int] = field(default_factory=dict)

    def link(self, doc_id: str, anchor: str = "") -> str:
        """A Markdown link target to another document's page (and anchor), from this page."""
        return f"{self.prefix}{self.pages[doc_id]}" + (f"#{anchor}" if anchor else "")

    def text(self, block_id: str, version_key: str, text: str) -> str:
        """A block's text, escaped, with its notes marked and (in Chinese) its glossary terms linked."""
        notes = [n for n in self.editorial.notes(self.doc.id) if n.block == block_id and n.version == version_key]
        quoted = sorted((n.start, n.start + len(n.quote), n) for n in notes if n.start is not None)
        terms = [(start, start + len(form), term)
                 for term, start, form in self.editorial.terms_in(self.doc.id, block_id)] if version_key == "zh" else []
        # A term may sit inside a quoted span or outside it, never across its edge.
        terms = [t for t in terms if all(t[1] <= q[0] or t[0] >= q[1] or (q[0] <= t[0] and t[1] <= q[1])
                                          for q in quoted)]
        out, position = [], 0
        for start, end, note in quoted:
            out.append(self._with_terms(text, position, start, terms))
            out.append(f'<span class="annotated">{self._with_terms(text, start, end, terms)}</span>{self._marker(note)}')
            position = end
        out.append(self._with_terms(text, position, len(text), terms))
        out += [self._marker(n) for n in notes if n.start is None]
        return "".join(out)

    def _with_terms(self, text: str, start: int, end: int, terms: list) -> str:
        """``text[start:end]`` escaped, its glossary terms linked to their entries."""
        out, position = [], start
        for first, last, term in sorted((t for t in terms if start <= t[0] and t[1] <= end), key=lambda t: t[0]):
            if first < position:
                continue
            out.append(self.escape(text[position:first]))
            out.append(f'[{self.escape(text[first:last])}]({self.prefix}glossary.md#{term.id} '
                       f'"Glossary: {html.escape(term.gloss)}"){{: .term }}')
            position = last
        out.append(self.escape(text[position:end]))
        return "".join(out)

    def _marker(self, note: Annotation) -> str:
        number = self.numbers.setdefault(note.id, len(self.numbers) + 1)
        return (f'<a class="note-ref note-{note.type}" href="#{note.anchor}" id="nr-{note.id}" role="doc-noteref" '
                f'aria-label="Note {number}, {NOTE_TYPES[note.type].lower()}">{number}</a>')

    def echoes(self, block_id: str) -> str:
        """The echoes of a block in other documents, one entry per document and phrase (empty when none)."""
        found = self.editorial.echoes_of(self.doc.id, block_id)
        if not found:
            return ""
        grouped: dict[tuple[str, str], list[str]] = {}
        for echo in found:
            grouped.setdefault((echo.other_document, echo.phrase), []).append(echo.other_block)
        entries = []
        for (doc_id, phrase), blocks in grouped.items():
            links = ", ".join(f"[{block_label(b)}]({self.link(doc_id, b)})" for b in dict.fromkeys(blocks))
            entries.append(f"{self.escape(self.titles[doc_id])} {links} "
                           f'<span lang="zh-Hans">“{self.escape(phrase)}”</span>')
        return "Echoes: " + " · ".join(entries) + "\n{: .editorial .echoes lang=en }"

    def notes_section(self) -> str:
        """The notes of this page, in marker order, each with its own anchor."""
        if not self.numbers:
            return ""
        notes = {n.id: n for n in self.editorial.notes(self.doc.id)}
        parts = ["## Notes {: #notes }\n"]
        for note_id, number in self.numbers.items():
            note = notes[note_id]
            body = CROSS_REFERENCE.sub(lambda m: f"]({self.link(m.group(1), m.group(2))})", note.body)
            basis = f" *Basis:* {note.basis}" if note.basis else ""
            where = f"on {block_label(note.block)}" + (f", “{self.escape(note.quote)}”" if note.quote else "")
            parts.append(
                f'<div class="note note-{note.type}" id="{note.anchor}" markdown>\n\n'
                f"**{number}** <span class=\"note-type\">{NOTE_TYPES[note.type]}</span> "
                f"[{where}](#{note.block}) — {body}{basis} "
                f"<span class=\"note-credit\">{self.escape(note.author)}, {note.date}</span> "
                f'<a class="note-back" href="#nr-{note.id}" aria-label="Back to the text of note {number}">↩</a>\n\n'
                "</div>\n")
        return "\n".join(parts)

    def apparatus_section(self) -> str:
        """The apparatus entries of the versions on this page."""
        entries = [e for e in self.editorial.apparatus.get(self.doc.id, []) if e.version in self.versions]
        if not entries:
            return ""
        lines = ["## Apparatus {: #apparatus }\n",
                 "Each entry gives the edition's reading, then after the bracket the witness reading and its "
                 "source. Emendations and word-changing repairs come from the strip report; variants and "
                 "punctuation come from the collation of a second witness.\n"]
        for e in entries:
            lang = ' lang="zh-Hans"' if e.version == "zh" else ""
            where = f"{e.witness.split('_')[0]}" + (f", line {e.line}" if e.line else "")
            kind = {"emendation": "emendation", "repair": f"repair: `{e.rule}`", "variant": "variant",
                    "punctuation": "punctuation only" + (f", ×{e.count}" if e.count > 1 else "")}[e.kind]
            lines.append(f"- [{block_label(e.block)}](#{e.block}) <span{lang}>{self.escape(e.lemma)}</span> ] "
                         f"<span{lang}>{self.escape(e.reading)}</span> *{where}* ({kind})")
        return "\n".join(lines) + "\n"


def short_titles(documents: list[Document]) -> dict[str, str]:
    """Document ID → "Title (year)", for links between documents."""
    return {d.id: f"{re.sub(r' on .*| for Good.*', '', d.record.titles['en'])} ({d.record.date[:4]})"
            for d in documents}
