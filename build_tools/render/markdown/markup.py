"""Markdown of the editorial layer on a page: an annotated cell's text with its note calls and glossary
links, echoes beside each block, and the notes and apparatus listed at the page's end.

Text is escaped for Markdown; every tag is an element (:mod:`build_tools.render.elements`).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from build_tools.model import urls
from build_tools.model.edition import Document, Version
from build_tools.model.editorial import Echo, EchoPlace, Editorial, echoes_anchor
from build_tools.model.labels import NOTE_TYPES, SECTION_IDS, block_label, document_title, witness_place
from build_tools.model.languages import LANGUAGES
from build_tools.model.records import LANGS
from build_tools.render.annotated import AnnotatedCell, AnnotatedPage, Call, Quote, Run, view_versions
from build_tools.render.elements import append, around, element, to_html
from build_tools.render.notes import inline

GLOSSARY = "glossary.md"
ECHOES = "echoes.md"
ECHOES_SHOWN = 2  # echo links under a block; the echoes page lists the rest


def section_heading(title: str, anchor: str, level: int = 2) -> str:
    """A generated page's section heading with its fixed anchor, one of the IDs ``model.labels`` reserves."""
    if anchor not in SECTION_IDS:
        raise ValueError(f"section anchor #{anchor} is not reserved in model/labels.py SECTION_IDS")
    # In English on every page, a Chinese one too: the edition's own words.
    return f"{'#' * level} {title} {{: #{anchor} lang=en }}\n"


@dataclass
class PageMarkup:
    """One page's editorial markup, written from the page's annotated cells."""

    page: AnnotatedPage
    pages: dict[str, str]  # document ID → its page, relative to docs/
    prefix: str  # from this page's folder to docs/
    url: str  # this page's URL path, for the links inside notes
    titles: dict[str, str]  # document ID → short title for links
    escape: Callable[[str], str]  # the Markdown escaper of the pages
    view: str  # the view this page is, which the links inside notes keep
    documents: dict[str, Document]  # document ID → the document, for the views a note's link may lead to

    @property
    def doc(self) -> Document:
        return self.page.doc

    @property
    def editorial(self) -> Editorial:
        return self.page.editorial

    def link(self, doc_id: str, anchor: str = "") -> str:
        """A Markdown link target to another document's page (and anchor), from this page."""
        return f"{self.prefix}{self.pages[doc_id]}" + (f"#{anchor}" if anchor else "")

    def resolve(self, doc_id: str, anchor: str, view: str = "") -> str:
        """A cross-reference in a note as the URL the engine would have written, relative to this page: to the view
        it names, else to the view the reader is in (:func:`urls.counterpart_view`) where that view shows the
        anchor, else to the document's own page."""
        target = self.documents[doc_id]
        if not view:
            view = urls.counterpart_view(target, self.view, self.doc)
            # Every view holds every block; a note only the views whose text it concerns.
            if anchor.startswith("n-") and anchor not in {c.note.anchor for c in AnnotatedPage(
                    target, self.editorial, view_versions(target, view)).calls}:
                view = urls.document_views(target)[0]
        return urls.relative(self.url, f"{urls.view_path(doc_id, target.record.kind, view)}#{anchor}")

    def text(self, cell: AnnotatedCell) -> str:
        """A cell's text, escaped, with its notes called and its glossary terms linked."""
        out = []
        for part in cell.parts:
            if isinstance(part, Run):
                out.append(self._run(part))
            elif isinstance(part, Quote):
                words = "".join(self._run(run) for run in part.runs)
                out.append(around(element("span", {"class": "annotated"}), words))
                out += [self._call(call) for call in part.calls]
            else:
                out.append(self._call(part))
        return "".join(out)

    def _run(self, run: Run) -> str:
        if run.term is None:
            return self.escape(run.text)
        # The link stays Markdown, so the engine resolves and checks it like any other; its title is
        # escaped as HTML because the engine copies it into the attribute as it stands.
        return (f'[{self.escape(run.text)}]({self.prefix}{GLOSSARY}#{run.term.id} '
                f'"Glossary: {html.escape(run.term.gloss)}"){{: .term }}')

    @staticmethod
    def _call(call: Call) -> str:
        note = call.note
        return to_html(element("a", {"class": f"note-ref note-{note.type}", "href": f"#{note.anchor}",
                                     "id": _call_id(call), "role": "doc-noteref",
                                     "aria-label": f"Note {call.number}, {NOTE_TYPES[note.type].lower()}"},
                               str(call.number)))

    def echoes(self, block_id: str) -> str:
        """The paragraphs of other documents that share passages with a block (empty when none): at most
        :data:`ECHOES_SHOWN`, those that share the most content characters with it first, each quoted in its own
        words by the passage it shares most of; a second paragraph of the same document only where it shares a
        passage the first does not. Then "more" to the block's entry on the echoes page when that lists more than
        is shown here."""
        rows = self.editorial.echoes_of(self.doc.id, block_id)
        held: dict[tuple[str, str], list[tuple[int, EchoPlace, Echo]]] = {}
        for echo in rows:
            own = echo.place(self.doc.id, block_id)
            for place in echo.places:
                if own and place.document != self.doc.id:
                    # What two places of one passage share: about the shorter of the two.
                    held.setdefault((place.document, place.block), []).append((min(own.content, place.content), place,
                                                                                echo))
        if not held:
            return ""
        order = {(d.id, b.id): (d.record.date, d.id, n)
                 for d in self.documents.values() for n, b in enumerate(d.blocks)}
        ranked = sorted(held, key=lambda where: (-max(size for size, _, _ in held[where]), order[where]))
        shown: list[tuple[str, str]] = []
        for where in ranked:
            passages = {echo.id for _, _, echo in held[where]}
            if len(shown) < ECHOES_SHOWN and not any(
                    other[0] == where[0] and passages <= {echo.id for _, _, echo in held[other]} for other in shown):
                shown.append(where)
        entries = []
        for where in shown:
            _, place, _ = max(held[where], key=lambda h: h[0])
            count = f" ({len(held[where])} shared passages)" if len(held[where]) > 1 else ""
            entries.append(f"{self.escape(self.titles[place.document])} "
                           f"[{block_label(place.block)}]({self.echo_link(place.document, place.block)}) "
                           + around(element("span", {"lang": "zh-Hans"}), self.escape(place.phrase)) + count)
        hidden = len(held) - len(shown)
        if hidden > 0 or any(len(held[where]) > 1 for where in shown):  # a passage not quoted here
            entries.append(f"[{f'{hidden} more' if hidden > 0 else 'more'}]"
                           f"({self.prefix}{ECHOES}#{echoes_anchor(self.doc.id, block_id)})")
        return "Echoes: " + " · ".join(entries) + "\n{: .editorial .echoes lang=en }"

    def echo_link(self, doc_id: str, block_id: str) -> str:
        """A Markdown link target to a block of another document in the view the reader is in where that document
        has it (中文 to 中文, 繁體 to 繁體), on its own page otherwise (:func:`urls.counterpart_view`)."""
        target = self.documents[doc_id]
        view = urls.counterpart_view(target, self.view, self.doc)
        return f"{self.prefix}{urls.docs_path(doc_id, target.record.kind, view)}#{block_id}"

    def notes_section(self) -> str:
        """The notes of this page, in number order, each once with its own anchor."""
        calls: dict[str, list[Call]] = {}
        for call in self.page.calls:
            calls.setdefault(call.note.id, []).append(call)
        if not calls:
            return ""
        # One HTML block: the engine passes it through as written.
        return section_heading("Notes", "notes") + "\n" + "\n".join(to_html(self._note(c)) for c in calls.values()) + "\n"

    def _note(self, calls: list[Call]) -> etree.Element:
        note, number = calls[0].note, calls[0].number
        where = element("a", {"href": f"#{note.block}"}, f"on {block_label(note.block)}")
        if note.quote and (quoted := self.doc.version(note.version)):
            # The words as the note's version has them, in its language: on an English page, Chinese words.
            append(where, ", “", element("span", {"lang": LANGS[quoted.lang]}, note.quote), "”")
        paragraph = element("p", None, element("strong", None, str(number)), " ",
                            element("span", {"class": "note-type"}, NOTE_TYPES[note.type]), " ", where, " — ")
        inline(paragraph, note.body, self.resolve)
        if note.basis:
            inline(append(paragraph, " ", element("em", None, "Basis:"), " "), note.basis, self.resolve)
        append(paragraph, " ", element("span", {"class": "note-credit"}, f"{note.author}, {note.date}"))
        # A note called in two cells (zh and en of the parallel page) leads back to each, named by its version.
        versions = {v.key: v for v in self.page.versions}
        for call in calls:
            version = versions[call.version]
            back = element("a", {"class": "note-back", "href": f"#{_call_id(call)}",
                                 "aria-label": f"Back to the text of note {number}"}, "↩")
            if len(calls) > 1:
                # Named by what it shows, "↩ 中文", so speech input can say it (WCAG 2.5.3); the title says more.
                del back.attrib["aria-label"]
                back.set("title", f"Back to the text of note {number} in the {_language_name(version)}")
                append(back, " ", element("span", {"lang": LANGS[version.lang]}, version.label))
            append(paragraph, " ", back)
        # The editors write in English, also on a Chinese page; the words quoted carry their own language.
        return element("div", {"class": f"note note-{note.type}", "id": note.anchor, "lang": "en"}, "\n", paragraph,
                       "\n")

    def apparatus_section(self) -> str:
        """The apparatus entries of the versions on this page."""
        entries = self.page.apparatus
        if not entries:
            return ""
        lines = [section_heading("Apparatus", "apparatus"),
                 "Each entry gives the edition's reading, then after the bracket the witness reading and its "
                 "source. Emendations and word-changing repairs come from the strip report; variants and "
                 "punctuation come from the collation of a second witness.\n{: lang=en }\n"]
        for e in entries:
            lang = {"lang": "zh-Hans"} if e.version == "zh" else {}
            where = witness_place(e)
            kind = {"emendation": "emendation", "repair": f"repair: `{e.rule}`", "variant": "variant",
                    "punctuation": "punctuation only" + (f", ×{e.count}" if e.count > 1 else "")}[e.kind]
            lemma = around(element("span", lang), self.escape(e.lemma))
            reading = around(element("span", lang), self.escape(e.reading))
            lines.append(f"- [{block_label(e.block)}](#{e.block}) {lemma} ] {reading} *{where}* ({kind})")
        return "\n".join(lines) + "\n"


def _language_name(version: Version) -> str:
    """A version's language in English words, for a screen reader: "Chinese", "Traditional Chinese", "English"."""
    return "Traditional Chinese" if version.lang == "zh-hant" else LANGUAGES[version.lang].english


def _call_id(call: Call) -> str:
    """A call's anchor, what the note's back link leads to: ``nr-<note>``, then ``nr-<note>-2`` for its second call."""
    return f"nr-{call.note.id}" + (f"-{call.index}" if call.index > 1 else "")


def short_titles(documents: list[Document]) -> dict[str, str]:
    """Document ID → "Title (year)", for links between documents."""
    return {d.id: document_title(d.record) for d in documents}
