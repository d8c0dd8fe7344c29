"""The print edition: fonts embedded, every block's text extractable in order, ¶ numbers equal to the
web's, footnotes on their call's page, a cover and an inner page saved as PNGs for review."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from pathlib import Path

from weasyprint import CSS

from build_tools.render.print.pdf import PRINT_DIR, layout, misplaced_footnotes, ordered, print_book

BODY_HEIGHT = 13.5  # word boxes of 10.5 pt text and larger; footnotes, running heads, calls are smaller
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def _pdfs(site_dir: Path, edition) -> list[Path]:
    return [site_dir / "pdf" / f"{d.id}.pdf" for d in edition.documents] + [site_dir / "pdf" / "edition.pdf"]


def _pages(pdf: Path) -> list[list[tuple[float, str]]]:
    """Each page's words in reading order (line by line, left to right) with their box heights."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        words = [(float(y2), float(x1), float(y2) - float(y1), html.unescape(text), float(x2))
                 for x1, y1, x2, y2, text in WORD.findall(page)]
        pages.append([(height, text) for _, _, height, text, _ in sorted(words, key=lambda w: (round(w[0] / 3), w[1]))])
    return pages


def _margin_numbers(pdf: Path) -> list[str]:
    """The block numbers printed in the margin, left of each page's text block."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    numbers = []
    for page in out.split("<page ")[1:]:
        words = [(float(y2), float(x1), float(x2), html.unescape(text)) for x1, y1, x2, y2, text in WORD.findall(page)]
        left = min((x1 for _, x1, _, text in words if not re.fullmatch(r"[¶§]\d+", text)), default=0)
        numbers += [text for _, _, x2, text in sorted(words) if re.fullmatch(r"[¶§]\d+", text) and x2 < left]
    return numbers


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_every_font_is_embedded(site_dir, edition):
    for pdf in _pdfs(site_dir, edition):
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert rows, pdf
        assert all(row.split()[-5] == "yes" for row in rows), (pdf.name, rows)
        names = [row.split()[0].split("+")[-1] for row in rows]  # subset fonts are named ABCDEF+Noto-Serif…
        assert any(name.startswith("Noto-Serif-CJK-SC") for name in names), (pdf.name, names)
        assert any(name.startswith("Noto-Serif") and "CJK" not in name for name in names), (pdf.name, names)


def test_every_block_text_extracts_in_order_with_its_web_number(site_dir, edition):
    for doc in edition.documents:
        pages = _pages(site_dir / "pdf" / f"{doc.id}.pdf")
        body = _norm("".join(text for page in pages for height, text in page if height >= BODY_HEIGHT))
        position = 0
        for block in doc.blocks:
            for version in (v for v in doc.versions if v.key in ("zh", "en")):
                cell = version.cells[block.id]
                if cell.status != "text" or (version.key == "en" and version.status != "official"
                                             and any(v.lang == "en" and v.status == "official" for v in doc.versions)):
                    continue
                found = body.find(_norm(cell.text), position)
                assert found >= 0, f"{doc.id} {block.id} {version.key} not found in order: {cell.text[:40]}"
                position = found + len(_norm(cell.text))
        numbers = _margin_numbers(site_dir / "pdf" / f"{doc.id}.pdf")
        expected = [("¶" if b.id[0] == "p" else "§") + b.id[1:] for b in doc.blocks]
        assert numbers == expected, doc.id


def test_every_footnote_is_on_the_page_of_its_call(edition, config):
    stylesheet = CSS(filename=str(PRINT_DIR / "edition.css"))
    for documents in [[d] for d in edition.documents] + [ordered(edition.documents)]:
        assert misplaced_footnotes(layout(print_book(edition, config, documents), stylesheet)) == []


def test_a_note_and_its_quote_share_a_page_in_the_pdf(site_dir, edition):
    pages = _pages(site_dir / "pdf" / "edition.pdf")
    body = [_norm("".join(t for h, t in page if h >= BODY_HEIGHT)) for page in pages]
    notes = [_norm("".join(t for h, t in page if h < BODY_HEIGHT)) for page in pages]
    checked = 0
    for doc_notes in edition.editorial.annotations.values():
        for note in doc_notes:
            if not note.quote or note.version not in ("zh", "en"):
                continue
            lemma = _norm(note.quote) + "]"
            holding = [i for i, text in enumerate(notes) if lemma in text]
            assert holding, note.id
            # On the quote's page; or, where WeasyPrint floated the footnote away even with the block starting a
            # page, on the next, the call moved to the end of its block (layout()'s last resort), the lemma naming
            # the words on the page before.
            assert any(_norm(note.quote) in body[i] or (i > 0 and _norm(note.quote) in body[i - 1]) for i in holding), \
                f"{note.id}: footnote neither on its quote's page nor on the next"
            checked += 1
    assert checked == sum(1 for notes in edition.editorial.annotations.values() for n in notes
                          if n.quote and n.version in ("zh", "en")) > 10


def test_metadata_and_page_furniture(site_dir, config):
    info = subprocess.run(["pdfinfo", str(site_dir / "pdf" / "action-plan-2025.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"^Title:\s+Global AI Governance Action Plan — China's AI Governance Texts", info, re.M)
    assert re.search(r"^Author:\s+2025 World AI Conference", info, re.M) and re.search(r"^Keywords:\s+AI governance", info, re.M)
    assert re.search(r"^Page size:\s+595.\d+ x 841.\d+ pts \(A4\)", info, re.M)
    text = subprocess.run(["pdftotext", str(site_dir / "pdf" / "action-plan-2025.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert pages[0].count(f"Edition {config.release.version}") == 1
    assert all(f"page {i} of {len(pages)}" in page for i, page in enumerate(pages, 1) if i > 1 and page.strip())
    assert "人工智能全球治理行动计划 · Global AI Governance Action Plan" in pages[-1]


def test_each_pdf_lists_the_witnesses_of_its_own_documents(site_dir, edition):
    """Under Sources, a document's PDF names the raw files its versions are read from; the edition's, all of them."""
    jobs = [(d.id, [d]) for d in edition.documents] + [("edition", edition.documents)]
    for name, documents in jobs:
        text = subprocess.run(["pdftotext", str(site_dir / "pdf" / f"{name}.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        sources = text.split("The texts come only from these raw witnesses", 1)[1].split("Layout is repaired", 1)[0]
        listed = re.findall(r"^•\s*(\S+) \(", sources, re.M)
        own = [e.file for e in edition.manifest
               if any(w.file == e.file for d in documents for v in d.versions for w in v.witnesses)]
        assert listed == own, name
    assert len(own) == len(edition.manifest)  # the whole edition reads every raw file


def test_bookmarks_follow_documents_and_sections(edition, config):
    document = layout(print_book(edition, config, ordered(edition.documents)), CSS(filename=str(PRINT_DIR / "edition.css")))
    tree = document.make_bookmark_tree()  # (label, target, children, state) per bookmark
    labels = [node[0] for node in tree]
    assert labels[:2] == ["About this edition", "Contents"]
    assert [label for label in labels[2:] if label.startswith("全球人工智能治理倡议")], labels
    assert len(labels) == 2 + len(edition.documents)
    shanghai = next(node for node in tree if node[0].startswith("人工智能全球治理上海宣言"))
    assert [child[0] for child in shanghai[2]][:2] == ["一、促进人工智能发展", "二、维护人工智能安全"]


def test_cover_and_inner_page_png_for_review(site_dir, artefacts):
    for name, page in (("cover", 1), ("inner", 7)):
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
                        str(site_dir / "pdf" / "edition.pdf"), str(artefacts / f"pdf-{name}")], check=True)
        assert (artefacts / f"pdf-{name}.png").stat().st_size > 10_000


def test_web_note_numbers_are_the_pdf_footnote_numbers(site_dir, edition):
    """The n-th note call on the parallel page and the footnote numbered n in the PDF are the same note."""
    page = (site_dir / "action-plan-2025" / "index.html").read_text(encoding="utf-8")
    # A note called in both columns bears one number: each note once, at its first call.
    web = list(dict.fromkeys(re.findall(r'<a class="note-ref[^"]*" href="#n-([a-z0-9-]+)"[^>]*>(\d+)</a>', page)))
    assert [int(n) for _, n in web] == list(range(1, len(web) + 1)) and len(web) >= 4
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    quotes = {n.id: n.quote for n in edition.editorial.notes(doc.id)}
    text = subprocess.run(["pdftotext", str(site_dir / "pdf" / "action-plan-2025.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    for note_id, number in web:
        # Each footnote opens with its number and its lemma: "4. 共同落实《全球数字契约》] context."
        assert re.search(rf"^{number}\. {re.escape(quotes[note_id])}\]", text, re.M), (number, note_id)
    assert re.search(r"^a\. apparatus\.", text, re.M)  # the apparatus takes letters, not note numbers
