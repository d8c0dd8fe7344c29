"""The editorial layer in every view, on the real built pages: each view's notes, apparatus, echoes and
document facts, and the 繁體 + English parallel view (docs/editorial-principles.md, "every view")."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from build_tools.editorial.traditional import convert
from build_tools.model import urls
from build_tools.model.labels import BLOCK_ID
from build_tools.render.annotated import AnnotatedPage, shown_versions
from build_tools.render.print.pdf import print_book

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Blocks(HTMLParser):
    """Per block (and per cell of a parallel row, by its lang): the note calls inside it and its text, without them."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: dict[tuple[str, str], list[str]] = {}  # (block ID, cell lang or "") → call IDs
        self.text: dict[tuple[str, str], str] = {}
        self.cells: dict[str, list[str]] = {}  # row ID → its cells' langs, in order
        self.notes: list[str] = []  # the note IDs listed at the page's end
        self.facts = 0
        self._open: list[tuple[str, str, str, bool]] = []  # (tag, block ID, cell lang, a call?) of each open element

    def _where(self) -> tuple[str, str] | None:
        block = next((b for _, b, _, _ in reversed(self._open) if b), "")
        lang = next((c for _, _, c, _ in reversed(self._open) if c), "")
        return (block, lang) if block else None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        block = attrs.get("id", "") if BLOCK_ID.fullmatch(attrs.get("id") or "") else ""
        lang = attrs.get("lang", "") if "cell" in classes else ""
        if lang and (row := next((b for _, b, _, _ in reversed(self._open) if b), "")):
            self.cells.setdefault(row, []).append(lang)
        if tag == "a" and "note-ref" in classes and (where := self._where()):
            self.calls.setdefault(where, []).append(attrs["id"])
        if tag == "div" and "note" in classes and attrs.get("id", "").startswith("n-"):
            self.notes.append(attrs["id"])
        self.facts += tag == "dl" and "doc-facts" in classes
        if tag not in VOID:
            self._open.append((tag, block, lang, "note-ref" in classes))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if (where := self._where()) and not any(call for *_, call in self._open):
            self.text[where] = self.text.get(where, "") + data


def _page(site_dir: Path, path: str) -> tuple[str, _Blocks]:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    parsed = _Blocks()
    parsed.feed(html)
    return html, parsed


def _doc(edition, doc_id):
    return next(d for d in edition.documents if d.id == doc_id)


def test_the_english_view_carries_the_translation_note_on_the_words_it_discusses(site_dir, edition):
    html, page = _page(site_dir, "action-plan-2025/en")
    # The note is on the Chinese 同球共济; the English holds no such words, so its call ends the block.
    assert page.calls[("p1", "")] == ["nr-tong-qiu-gong-ji", "nr-pact-for-the-future"]
    english = _doc(edition, "action-plan-2025").version("en").cells["p1"].text
    assert page.text[("p1", "")].endswith(english)
    note = html[html.index('id="n-tong-qiu-gong-ji"'):]
    note = note[:note.index("</div>")]
    assert '"only through global solidarity"' in note and 'href="#nr-tong-qiu-gong-ji"' in note
    assert '“<span lang="zh-Hans">同球共济</span>”' in note  # the quoted words in their own language
    # A context note concerns every version; a textual note on the Chinese wording does not show here.
    assert "n-pact-for-the-future" in page.notes and "n-global-digital-compact" in page.notes
    assert "n-emendation-qianhang-baiye-action-plan" not in page.notes
    # The unofficial translation's own note stays on its page, beside the note on 同球共济, which it also renders.
    _, unofficial = _page(site_dir, "action-plan-2025/en-unofficial")
    assert {"n-unofficial-translation-date", "n-tong-qiu-gong-ji"} <= set(unofficial.notes)
    _, zh = _page(site_dir, "action-plan-2025/zh")
    assert "n-unofficial-translation-date" not in zh.notes


def test_the_traditional_view_shows_the_notes_apparatus_and_echoes_of_the_chinese(site_dir, edition):
    doc = _doc(edition, "action-plan-2025")
    html, page = _page(site_dir, "action-plan-2025/zh-hant")
    _, simplified = _page(site_dir, "action-plan-2025/zh")
    assert page.notes == simplified.notes and len(page.notes) >= 4
    # Each call sits on the converted words it is on: 同球共濟 for the note on 同球共济.
    for note in (n for n in edition.editorial.notes(doc.id) if n.version == "zh" and n.quote):
        words = re.escape(convert(note.quote))
        assert re.search(rf'<span class="annotated">(?:<a [^>]*>)?{words}(?:</a>)?</span><a class="note-ref[^"]*" '
                         rf'href="#{note.anchor}"', html), note.id
    apparatus = html[html.index('id="apparatus"'):]
    assert '千行百业</span> ] <span lang="zh-Hans">干行百业</span>' in apparatus  # the Simplified lemma, as said
    echoes = (site_dir / "action-plan-2025" / "zh" / "index.html").read_text(encoding="utf-8").count('class="editorial echoes')
    assert html.count('class="editorial echoes') == echoes > 0  # beside the same blocks as in the Simplified view
    assert "The notes, the apparatus and the echoes quote the Simplified text." in html


def test_every_view_of_every_document_opens_with_its_facts(site_dir, edition):
    for doc in edition.documents:
        for view in urls.document_views(doc):
            html, page = _page(site_dir, urls.view_path(doc.id, doc.record.kind, view).rstrip("/"))
            assert page.facts >= 1, (doc.id, view)  # an excerpt's attribution is a facts list too
            facts = html[html.index('class="doc-facts"'):html.index("</dl>", html.index('class="doc-facts"'))]
            if doc.record.kind == "document":
                # Every other view is linked from the Versions row, the 繁體 parallel among them.
                for other in urls.document_views(doc)[1:]:
                    assert f'href="{urls.relative(urls.view_path(doc.id, "document", view), urls.view_path(doc.id, "document", other))}"' \
                        in facts, (doc.id, view, other)


def test_the_traditional_parallel_has_both_columns_per_block_with_the_same_ids(site_dir, edition):
    for doc in edition.documents:
        if urls.TRADITIONAL_PARALLEL not in urls.document_views(doc):
            continue
        html, page = _page(site_dir, f"{doc.id}/zh-hant-both")
        _, parallel = _page(site_dir, doc.id)
        langs = {v.key: ("zh-Hant" if v.key == "zh" else "en" if v.lang == "en" else v.lang) for v in shown_versions(doc)}
        assert list(page.cells) == [b.id for b in doc.blocks] == list(parallel.cells), doc.id
        assert all(cells == list(langs.values()) for cells in page.cells.values()), doc.id
        assert re.search(r'<html lang="zh-Hant"', html) and 'data-view="zh-hant-both"' in html
        zh = doc.version("zh")
        for block in doc.blocks:
            if zh.cells[block.id].status == "text":
                converted, shown = convert(zh.cells[block.id].text), page.text[(block.id, "zh-Hant")]
                assert converted[:10] in shown and converted[-10:] in shown, (doc.id, block.id)
    # Its notes are numbered for the page: the same notes as the parallel page, called in both columns.
    _, page = _page(site_dir, "action-plan-2025/zh-hant-both")
    assert page.calls[("p1", "zh-Hant")] == ["nr-tong-qiu-gong-ji", "nr-pact-for-the-future"]
    assert page.calls[("p1", "en")] == ["nr-tong-qiu-gong-ji-2", "nr-pact-for-the-future-2"]


def test_the_english_column_of_the_parallel_page_calls_the_notes_on_its_text(site_dir):
    html, page = _page(site_dir, "action-plan-2025")
    assert page.calls[("p1", "en")] == ["nr-tong-qiu-gong-ji-2", "nr-pact-for-the-future-2"]
    assert ("p5", "en") not in page.calls  # the textual note on 千行百业 concerns the Chinese alone
    assert len(page.notes) == len(set(page.notes))  # listed once, leading back to each call
    note = html[html.index('id="n-tong-qiu-gong-ji"'):]
    assert note.index('href="#nr-tong-qiu-gong-ji"') < note.index('href="#nr-tong-qiu-gong-ji-2"') < \
        note.index("</div>")


def test_the_print_numbers_the_notes_as_the_parallel_page_and_prints_each_once(site_dir, edition, config):
    for doc in edition.documents:
        _, web = _page(site_dir, urls.view_path(doc.id, doc.record.kind).rstrip("/"))
        book = print_book(edition, config, [doc])
        footnotes = [f for notes in book.contents[0].footnotes.values() for f in notes if not f.key.startswith(
            f"{doc.id}-apparatus")]
        assert [f.key for f in footnotes] == web.notes, doc.id  # each note once, in the web's order
        assert [f.call for f in footnotes] == [str(n) for n in range(1, len(footnotes) + 1)], doc.id
        page = AnnotatedPage(doc, edition.editorial, shown_versions(doc))
        assert {call.note.anchor: str(call.number) for call in page.calls} == {f.key: f.call for f in footnotes}
