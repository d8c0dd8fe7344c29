"""The print edition: a bilingual PDF per document and one for the whole edition, made by WeasyPrint
from the project's own template and stylesheet (``build_tools/render/print/``), independent of the site engine.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from build_tools.editorial.annotations import CROSS_REFERENCE, Annotation
from build_tools.model.edition import SiteConfig
from build_tools.model.editorial import Editorial
from build_tools.model.labels import CONTAINER, NOTE_TYPES, block_label
from build_tools.model.errors import EditionError
from build_tools.model.edition import Block, Document, Edition, Version
from build_tools.model.records import LANGS

PRINT_DIR = Path(__file__).parent
FONTS = {"Noto Serif CJK SC": "fonts-noto-cjk", "Noto Serif": "fonts-noto-core"}
FN_END = "<!--/fn-->"  # closes a footnote span, so that a pass of the layout can find and move it
FOOTNOTE = re.compile(r'<span class="fn">.*?</span>' + re.escape(FN_END), re.S)


@dataclass(frozen=True)
class PrintContext:
    """What every page of one PDF shares: which documents it holds, and the edition around them."""

    edition: Edition
    config: SiteConfig
    included: frozenset[str]

    @property
    def editorial(self) -> Editorial:
        return self.edition.editorial

    def link(self, doc_id: str, anchor: str) -> str:
        """An internal link when the target is in this PDF, its web address otherwise."""
        if doc_id in self.included:
            return f"#{doc_id}-{anchor}" if not anchor.startswith("n-") else f"#{doc_id}"
        return f"{self.config.site_url}{doc_id}/#{anchor}"


def check_fonts() -> None:
    """The print faces must be installed: a PDF set in fallback fonts would look dumped, not typeset."""
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout if shutil.which(
        "fc-list") else ""
    missing = [package for family, package in FONTS.items() if family not in listed]
    if missing:
        raise EditionError("build_tools/render/print/edition.css", None, f"fonts for the PDFs are missing ({', '.join(missing)})",
                           f"run: sudo apt-get install {' '.join(missing)}")


def _note_html(note: Annotation, context: PrintContext) -> str:
    body = CROSS_REFERENCE.sub(lambda m: f"]({context.link(m.group(1), m.group(2))})", note.body)
    rendered = markdown.markdown(body)[3:-4]  # one paragraph: drop its <p>…</p>
    basis = f" <em>Basis:</em> {html.escape(note.basis)}" if note.basis else ""
    lemma = f'<span class="fn-lemma">{html.escape(note.quote)}</span>] ' if note.quote else ""
    return (f'<span class="fn">{lemma}<span class="fn-type">{NOTE_TYPES[note.type].lower()}.</span> '
            f"{rendered}{basis}</span>{FN_END}")


def _cell_html(doc: Document, block: Block, version: Version, context: PrintContext) -> str:
    """A block's text in one version, escaped, with its notes and apparatus entries as footnotes."""
    cell = version.cells[block.id]
    if cell.status == "gap":
        return html.escape(f"[{cell.note}]")
    if cell.status == "covered":
        return f'<a href="#{doc.id}-{cell.covered_by}">[Translated within the excerpt at {block_label(cell.covered_by)}.]</a>'
    text = cell.text
    notes = [n for n in context.editorial.notes(doc.id) if n.block == block.id and n.version == version.key]
    out, position = [], 0
    for note in sorted((n for n in notes if n.start is not None), key=lambda n: n.start):
        end = note.start + len(note.quote)
        out.append(html.escape(text[position:end]) + _note_html(note, context))
        position = end
    out.append(html.escape(text[position:]))
    out += [_note_html(n, context) for n in notes if n.start is None]
    for entry in context.editorial.apparatus.get(doc.id, []):
        if entry.block == block.id and entry.version == version.key:
            where = entry.witness[:3] + (f", line {entry.line}" if entry.line else "")
            count = f" ×{entry.count}" if entry.count > 1 else ""
            out.append(f'<span class="fn"><span class="fn-type">apparatus.</span> {html.escape(entry.lemma)} ] '
                       f"{html.escape(entry.reading)} ({where}; {entry.kind}{count})</span>{FN_END}")
    prefix = '<span class="ellipsis">[…]</span> ' if cell.starts_mid_block else ""
    return prefix + "".join(out)


def _document(doc: Document, context: PrintContext) -> dict:
    record = doc.record
    shown = [v for v in (doc.version("zh"), next((v for v in doc.versions if v.lang == "en" and v.status == "official"),
                                                 None) or next((v for v in doc.versions if v.lang == "en"), None)) if v]
    blocks = []
    for block in doc.blocks:
        cells = [{"version": v.lang, "lang": LANGS[v.lang], "editorial": v.cells[block.id].status != "text",
                  "html": Markup(_cell_html(doc, block, v, context))} for v in shown]
        blocks.append({"kind": block.kind, "level": min((block.level or 2) + 0, 3), "anchor": f"{doc.id}-{block.id}",
                       "label": block_label(block.id), "url": f"{context.config.site_url}{doc.id}/#{block.id}",
                       "cells": cells})
    headings = [{"anchor": f"{doc.id}-{b.id}", "label": block_label(b.id),
                 "text": shown[0].cells[b.id].text, "lang": LANGS[shown[0].lang]} for b in doc.blocks if b.kind == "heading"]
    issuers = " · ".join(record.issuing_body[k] for k in ("zh", "en") if k in record.issuing_body)
    versions = ", ".join(f"{v.label} ({v.status})" for v in shown)
    excerpt = "; excerpt only: the full text is not in the edition" if record.kind == "excerpt" else ""
    running = " · ".join(t for t in (record.titles.get("zh"), record.titles["en"]) if t)
    return {"anchor": doc.id, "titles": {"zh": record.titles.get("zh", ""), "en": record.titles["en"]},
            "running": running,
            "meta": f"{record.date} · {issuers} · {record.document_type} · {versions}{excerpt}",
            "url": f"{context.config.site_url}{doc.id}/", "blocks": blocks, "headings": headings}


def print_html(edition: Edition, config: SiteConfig, documents: list[Document]) -> str:
    """The print HTML of a PDF holding ``documents``."""
    context = PrintContext(edition, config, frozenset(d.id for d in documents))
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(PRINT_DIR), autoescape=True)
    whole = len(documents) > 1
    cover = ([{"text": CONTAINER["en"].split(":")[0], "zh": False}, {"text": CONTAINER["zh"], "zh": True}] if whole
             else [{"text": documents[0].record.titles.get("zh", ""), "zh": True},
                   {"text": documents[0].record.titles["en"], "zh": False}])
    return environment.get_template("edition.html").render(
        lang="zh-Hans" if not whole and documents[0].version("zh") else "en",
        title=CONTAINER["en"] if whole else f"{documents[0].record.titles['en']} — {CONTAINER['en']}",
        author=f"{CONTAINER['en'].split(':')[0]} (editors)" if whole else documents[0].record.issuing_body["en"],
        description="Bilingual print edition with paragraph numbers equal to the web edition's block IDs.",
        keywords="AI governance; China; 人工智能治理; " + "; ".join(d.record.document_type for d in documents[:1]),
        release=config.release, container=CONTAINER, cover_lines=[line for line in cover if line["text"]],
        cover_url=config.site_url + ("" if whole else f"{documents[0].id}/"), site_url=config.site_url,
        witnesses=edition.manifest, documents=[_document(d, context) for d in documents],
    )


def ordered(documents: list[Document]) -> list[Document]:
    """Full documents by date, then the excerpt pages."""
    return sorted(documents, key=lambda d: (d.record.kind != "document", d.record.date, d.id))


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def misplaced_footnotes(document) -> list[int]:
    """Footnote numbers whose call and body are on different pages of a laid-out document."""
    misplaced: list[int] = []
    for page in document.pages:
        boxes = [b for b in _boxes(page._page_box) if type(b).__name__ == "TextBox"]
        calls = {b.text for b in boxes if (b.element_tag or "").endswith("::footnote-call")}
        bodies = {b.text.rstrip(". ") for b in boxes if (b.element_tag or "").endswith("::footnote-marker")}
        misplaced += [int(n) for n in calls ^ bodies if n.isdigit()]
    return sorted(set(misplaced))


def _footnote_blocks(source: str) -> list[str]:
    """For footnote n (1-based, in document order), the ID of the block that holds its call."""
    blocks, current = [], ""
    for match in re.finditer(r'<div class="block [a-z]+" id="([^"]+)"|<span class="fn">', source):
        if match.group(1):
            current = match.group(1)
        else:
            blocks.append(current)
    return blocks


def _start_pages(source: str, blocks: set[str]) -> str:
    """The print HTML with these blocks starting a new page."""
    pattern = r'(<div class="block [a-z]+)(?=" id="(?:%s)")' % "|".join(map(re.escape, sorted(blocks)))
    return re.sub(pattern, r"\1 page-start", source)


def _calls_to_block_end(source: str, numbers: list[int]) -> str:
    """The print HTML with these footnotes' calls moved to the end of their block (their lemma says where)."""
    for number in sorted(numbers, reverse=True):
        note = list(FOOTNOTE.finditer(source))[number - 1]
        block_end = source.index("</div>", note.end())
        close = max(source.rfind(tag, note.end(), block_end) for tag in ("</p>", "</h2>", "</h3>"))
        if close < 0:
            continue
        source = source[:note.start()] + source[note.end():close] + note.group() + source[close:]
    return source


def layout(source: str, stylesheet):
    """Lay out the print HTML so that every footnote sits on its call's page.

    WeasyPrint sometimes floats a footnote to the page after its call. Like TeX reruns, the layout
    is repeated: first the block holding such a call starts a new page; if that is not enough, the
    call moves to the end of its block, where the footnote's lemma still names the words it is on.
    """
    from weasyprint import HTML

    forced: set[str] = set()
    document = None
    for _ in range(8):
        text = _start_pages(source, forced) if forced else source
        document = HTML(string=text, base_url=str(PRINT_DIR)).render(stylesheets=[stylesheet])
        misplaced = misplaced_footnotes(document)
        if not misplaced:
            break
        owners = _footnote_blocks(source)
        stubborn = {owners[n - 1] for n in misplaced} & forced
        forced |= {owners[n - 1] for n in misplaced}
        if stubborn:
            forced -= stubborn
            source = _calls_to_block_end(source, [n for n in misplaced if owners[n - 1] in stubborn])
    return document


def write_pdfs(edition: Edition, config: SiteConfig, out_dir: Path) -> list[Path]:
    """``<id>.pdf`` for every document and ``edition.pdf`` for all of them, in ``out_dir``."""
    from weasyprint import CSS

    check_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    stylesheet = CSS(filename=str(PRINT_DIR / "edition.css"))
    jobs = [(d.id, [d]) for d in edition.documents] + [("edition", ordered(edition.documents))]
    written = []
    for name, documents in jobs:
        target = out_dir / f"{name}.pdf"
        layout(print_html(edition, config, documents), stylesheet).write_pdf(target)
        written.append(target)
    return written
