"""The print edition: a bilingual PDF per document and one for the whole edition, made by WeasyPrint
from the project's own template and stylesheet (``build_tools/render/print/``), independent of the site engine.
"""

from __future__ import annotations

import shutil
import string
import subprocess
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup

from build_tools.model import urls
from build_tools.model.edition import Document, Edition, SiteConfig, Version
from build_tools.model.editorial import ApparatusEntry
from build_tools.model.errors import EditionError
from build_tools.model.labels import CONTAINER, NOTE_TYPES, block_label, witness_place
from build_tools.model.languages import in_language
from build_tools.model.records import LANGS
from build_tools.model.vocab import DateCertainty
from build_tools.render.annotated import AnnotatedCell, AnnotatedPage, Call, Quote, shown_versions
from build_tools.render.elements import append, element, to_html
from build_tools.render.notes import inline

PRINT_DIR = Path(__file__).parent
# Noto Serif sets Latin and Cyrillic (en, fr, de, es, ru), the CJK faces Chinese and Japanese.
FONTS = {"Noto Serif CJK SC": "fonts-noto-cjk", "Noto Serif CJK JP": "fonts-noto-cjk", "Noto Serif": "fonts-noto-core"}


@dataclass(frozen=True)
class Layout:
    """What a pass of the layout changes: blocks that start a page, footnotes whose call ends its block."""

    page_starts: frozenset[str] = frozenset()  # block anchors
    calls_at_block_end: frozenset[str] = frozenset()  # footnote keys


@dataclass(frozen=True)
class PrintContext:
    """What every page of one PDF shares: which documents it holds, and the edition around them."""

    edition: Edition
    config: SiteConfig
    included: frozenset[str]

    def link(self, doc_id: str, anchor: str, view: str = "") -> str:
        """An internal link when the target is in this PDF, its web address otherwise (always for a view's block:
        the print shows the document's main versions only)."""
        if doc_id in self.included and not view:
            return f"#{doc_id}-{anchor}" if not anchor.startswith("n-") else f"#{doc_id}"
        return urls.absolute(self.config.site_url, urls.block_path(doc_id, self.edition.kind_of(doc_id), anchor,
                                                                   view or urls.PARALLEL))


def check_fonts() -> None:
    """The print faces must be installed: a PDF set in fallback fonts would look dumped, not typeset."""
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout if shutil.which(
        "fc-list") else ""
    missing = [package for family, package in FONTS.items() if family not in listed]
    if missing:
        raise EditionError("build_tools/render/print/edition.css", None,
                           f"fonts for the PDFs are missing ({', '.join(missing)})",
                           f"run: sudo apt-get install {' '.join(missing)}")


def apparatus_mark(index: int) -> str:
    """The call of the n-th apparatus footnote of a document (0-based): a, b, … z, aa, ab …; notes have numbers."""
    letters = string.ascii_lowercase
    return (apparatus_mark(index // 26 - 1) if index >= 26 else "") + letters[index % 26]


@dataclass(frozen=True)
class Footnote:
    """A footnote of the print: its key (unique in the PDF), its call, the block holding it, and its body."""

    key: str
    call: str
    block: str  # the anchor of the block that holds its call
    body: etree.Element


def _note_footnote(call: Call, block: str, context: PrintContext) -> Footnote:
    note = call.note
    body = element("span")
    if note.quote:
        append(body, element("span", {"class": "fn-lemma"}, note.quote), "] ")
    append(body, element("span", {"class": "fn-type"}, f"{NOTE_TYPES[note.type].lower()}."), " ")
    inline(body, note.body, context.link)
    if note.basis:
        inline(append(body, " ", element("em", None, "Basis:"), " "), note.basis, context.link)
    return Footnote(note.anchor, str(call.number), block, body)


def _apparatus_footnote(entry: ApparatusEntry, key: str, call: str, block: str) -> Footnote:
    where = witness_place(entry)
    count = f" ×{entry.count}" if entry.count > 1 else ""
    body = element("span", None, element("span", {"class": "fn-type"}, "apparatus."),
                   f" {entry.lemma} ] {entry.reading} ({where}; {entry.kind}{count})")
    return Footnote(key, call, block, body)


@dataclass
class PrintDocument:
    """One document of a PDF as data: its blocks' annotated cells and their footnotes, in reading order."""

    doc: Document
    page: AnnotatedPage
    footnotes: dict[tuple[str, str], list[Footnote]]  # (block ID, version key) → the cell's footnotes

    @classmethod
    def of(cls, doc: Document, context: PrintContext) -> PrintDocument:
        page = AnnotatedPage(doc, context.edition.editorial, shown_versions(doc))
        footnotes: dict[tuple[str, str], list[Footnote]] = {}
        lettered = 0
        for (block_id, version_key), cell in page.cells.items():
            anchor = f"{doc.id}-{block_id}"
            # A note the page calls in both columns is printed once, at its first call: both columns face the reader.
            notes = [_note_footnote(call, anchor, context) for call in cell.calls if call.index == 1]
            apparatus = []
            for entry in cell.apparatus:
                key = f"{doc.id}-apparatus-{lettered + 1}"
                apparatus.append(_apparatus_footnote(entry, key, apparatus_mark(lettered), anchor))
                lettered += 1
            footnotes[(block_id, version_key)] = notes + apparatus
        return cls(doc, page, footnotes)

    def owners(self) -> dict[str, str]:
        """Footnote key → the anchor of the block holding its call."""
        return {f.key: f.block for notes in self.footnotes.values() for f in notes}

    def data(self, context: PrintContext, layout: Layout) -> dict[str, Any]:
        """What the template needs of the document, with this pass's layout applied."""
        doc, record = self.doc, self.doc.record
        shown = self.page.versions
        blocks = []
        for block in doc.blocks:
            anchor = f"{doc.id}-{block.id}"
            moved = [f for v in shown for f in self.footnotes[(block.id, v.key)] if f.key in layout.calls_at_block_end]
            cells = [self._cell(self.page.cell(block, v), [f for f in self.footnotes[(block.id, v.key)]
                                                          if f.key not in layout.calls_at_block_end])
                     for v in shown]
            # A call moved to the end of its block: its footnote's lemma still names the words it is on.
            append(cells[-1], *[_footnote_element(f) for f in moved])
            blocks.append({"kind": block.kind, "anchor": anchor, "label": block_label(block.id),
                           "page_start": anchor in layout.page_starts,
                           "url": urls.absolute(context.config.site_url, urls.block_path(doc.id, record.kind, block.id)),
                           "cells": [Markup(to_html(cell)) for cell in cells]})
        headings = [{"anchor": f"{doc.id}-{b.id}", "label": block_label(b.id),
                     "text": shown[0].cells[b.id].text, "lang": LANGS[shown[0].lang]}
                    for b in doc.blocks if b.kind == "heading"]
        issuers = " · ".join(line["text"] for line in print_lines(record.issuing_body, shown))
        versions = ", ".join(f"{v.label} ({v.status})" for v in shown)
        excerpt = "; excerpt only: the full text is not in the edition" if record.kind == "excerpt" else ""
        titles = print_lines(record.titles, shown)
        # A date the edition doubts is printed as the page gives it, with why.
        date = record.date + (f" (doubtful: {record.notes['date_certainty']})"
                              if record.date_certainty == DateCertainty.DOUBTFUL else "")
        return {"anchor": doc.id, "titles": titles, "running": " · ".join(t["text"] for t in titles),
                # A fact the record lacks (a draft's issuing_body: {}) is left out, not an empty "· ·".
                "meta": " · ".join(fact for fact in (date, issuers, record.document_type, versions) if fact)
                + excerpt,
                "url": urls.absolute(context.config.site_url, urls.view_path(doc.id, record.kind)),
                "blocks": blocks, "headings": headings}

    def _cell(self, annotated: AnnotatedCell, footnotes: list[Footnote]) -> etree.Element:
        """A block's text in one version, with its notes and apparatus entries as footnotes."""
        block, version, cell = annotated.block, annotated.version, annotated.cell
        level = min(block.level or 2, 3)
        tag = f"h{level}" if block.kind == "heading" else "p"
        classes = version.lang + (" editorial" if cell.status != "text" and tag == "p" else "")
        out = element(tag, {"class": classes, "lang": LANGS[version.lang]})
        if cell.status == "gap":
            return append(out, f"[{cell.note}]")
        if cell.status == "covered":
            return append(out, element("a", {"href": f"#{self.doc.id}-{cell.covered_by}"},
                                       f"[Translated within the excerpt at {block_label(cell.covered_by)}.]"))
        if cell.starts_mid_block:
            append(out, element("span", {"class": "ellipsis"}, "[…]"), " ")
        by_key = {f.key: f for f in footnotes}
        placed: set[str] = set()
        for part in annotated.parts:
            calls = part.calls if isinstance(part, Quote) else (part,) if isinstance(part, Call) else ()
            if not isinstance(part, Call):
                runs = part.runs if isinstance(part, Quote) else (part,)
                append(out, "".join(run.text for run in runs))
            for call in calls:
                if call.note.anchor in by_key:
                    append(out, _footnote_element(by_key[call.note.anchor]))
                    placed.add(call.note.anchor)
        append(out, *[_footnote_element(f) for f in footnotes if f.key not in placed])
        return out


def _footnote_element(footnote: Footnote) -> etree.Element:
    """The footnote as WeasyPrint floats it: its call and marker are its ``data-call``."""
    body = element("span", {"class": "fn", "data-fn": footnote.key, "data-call": footnote.call})
    return append(body, footnote.body.text or "", *list(footnote.body))


@dataclass
class PrintBook:
    """A PDF's content as data, computed once; each pass of the layout renders it with its own flags."""

    edition: Edition
    config: SiteConfig
    documents: list[Document]
    context: PrintContext
    contents: list[PrintDocument]

    def owners(self) -> dict[str, str]:
        """Footnote key → the anchor of the block holding its call, for the whole PDF."""
        return {key: block for document in self.contents for key, block in document.owners().items()}

    def witnessed(self) -> set[str]:
        """The raw files the PDF's documents are read from: its Sources list names these, not the whole manifest."""
        return {w.file for d in self.documents for v in d.versions for w in v.witnesses}

    def html(self, layout: Layout = Layout()) -> str:
        """The print HTML, from the project's template (autoescaped)."""
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(PRINT_DIR), autoescape=True)
        documents, config = self.documents, self.config
        whole = len(documents) > 1
        first = documents[0].record
        shown = shown_versions(documents[0])
        witnessed = self.witnessed()
        cover = ([{"text": CONTAINER["en"].split(":")[0], "lang": "en"}, {"text": CONTAINER["zh"], "lang": LANGS["zh"]}]
                 if whole else print_lines(first.titles, shown))
        return environment.get_template("edition.html").render(
            lang="en" if whole else LANGS[shown[0].lang],
            title=CONTAINER["en"] if whole else f"{in_language(first.titles, 'en')} — {CONTAINER['en']}",
            author=f"{CONTAINER['en'].split(':')[0]} (editors)" if whole else in_language(first.issuing_body, "en"),
            description="Bilingual print edition with paragraph numbers equal to the web edition's block IDs.",
            keywords="AI governance; China; 人工智能治理; " + "; ".join(d.record.document_type for d in documents[:1]),
            release=config.release, container=CONTAINER, cover_lines=cover,
            cover_url=urls.absolute(config.site_url, "" if whole else urls.view_path(first.id, first.kind)),
            site_url=config.site_url, witnesses=[w for w in self.edition.manifest if w.file in witnessed],
            documents=[document.data(self.context, layout) for document in self.contents],
        )


def print_lines(values: dict[str, str], shown: tuple[Version, ...]) -> list[dict[str, str]]:
    """A document's titles (or issuing bodies) as the print lists them, each with its lang: the Chinese,
    the English, then those in the other languages shown."""
    langs = dict.fromkeys(["zh", "en", *(v.lang for v in shown)])
    return [{"text": values[lang], "lang": LANGS[lang]} for lang in langs if lang in values]


def print_book(edition: Edition, config: SiteConfig, documents: list[Document]) -> PrintBook:
    """The content of a PDF holding ``documents``."""
    context = PrintContext(edition, config, frozenset(d.id for d in documents))
    return PrintBook(edition, config, documents, context, [PrintDocument.of(d, context) for d in documents])


def ordered(documents: list[Document]) -> list[Document]:
    """Full documents by date, then the excerpt pages."""
    return sorted(documents, key=lambda d: (d.record.kind != "document", d.record.date, d.id))


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def misplaced_footnotes(document: Any) -> list[str]:
    """Keys of the footnotes whose call and body are on different pages of a laid-out document."""
    misplaced: set[str] = set()
    for page in document.pages:
        calls, bodies = set(), set()
        for box in _boxes(page._page_box):
            tag = getattr(box, "element_tag", None) or ""
            key = box.element.get("data-fn") if getattr(box, "element", None) is not None else None
            if type(box).__name__ == "TextBox" and key and tag.endswith("::footnote-call"):
                calls.add(key)
            elif type(box).__name__ == "TextBox" and key and tag.endswith("::footnote-marker"):
                bodies.add(key)
        misplaced |= calls ^ bodies
    return sorted(misplaced)


def layout(book: PrintBook, stylesheet: Any) -> Any:
    """Lay out the print so that every footnote sits on its call's page.

    WeasyPrint sometimes floats a footnote to the page after its call. Like TeX reruns, the layout
    is repeated: first the block holding such a call starts a new page; if that is not enough, the
    call moves to the end of its block, where the footnote's lemma still names the words it is on.
    """
    from weasyprint import HTML

    owners = book.owners()
    fetcher = project_fetcher()
    passes = Layout()
    document = None
    for _ in range(8):
        document = HTML(string=book.html(passes), base_url=str(PRINT_DIR),
                        url_fetcher=fetcher).render(stylesheets=[stylesheet])
        misplaced = misplaced_footnotes(document)
        if not misplaced:
            break
        holding = {owners[key] for key in misplaced}
        stubborn = holding & passes.page_starts
        passes = Layout((passes.page_starts | holding) - stubborn,
                        passes.calls_at_block_end | {key for key in misplaced if owners[key] in stubborn})
    return document


def is_project_file(url: str) -> bool:
    """Whether WeasyPrint may read ``url``: a file of the print's own folder, nothing else."""
    parts = urlsplit(url)
    return parts.scheme == "file" and not parts.netloc and \
        Path(unquote(parts.path)).resolve().is_relative_to(PRINT_DIR.resolve())


def project_fetcher() -> Any:
    """WeasyPrint's fetcher, refusing every URL but the print's own files: no network, no file elsewhere."""
    # So nothing in a note can make a PDF fetch or attach a file of the machine that builds it.
    from weasyprint.urls import URLFetcher

    class ProjectFiles(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not is_project_file(url):
                raise ValueError(f"the print reads only its own files, not {url}")
            return super().fetch(url, headers)

    return ProjectFiles(allowed_protocols={"file"}, allow_redirects=False)


def write_pdfs(edition: Edition, config: SiteConfig, out_dir: Path) -> list[Path]:
    """``<id>.pdf`` for every document and ``edition.pdf`` for all of them, in ``out_dir``."""
    from weasyprint import CSS

    check_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    stylesheet = CSS(filename=str(PRINT_DIR / "edition.css"), url_fetcher=project_fetcher())
    jobs = [(d.id, [d]) for d in edition.documents] + [("edition", ordered(edition.documents))]
    written = []
    for name, documents in jobs:
        target = out_dir / f"{name}.pdf"
        layout(print_book(edition, config, documents), stylesheet).write_pdf(target)
        written.append(target)
    return written
