"""The editorial layer on the real texts: notes, apparatus, comparison, glossary, annotation data (echoes:
test_echoes.py)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from build_tools.editorial import build_edition
from build_tools.ingest.cleaning.chinese import HAN
from build_tools.model import urls
from build_tools.publish.docs_writer import generated_pages
from build_tools.render.elements import to_html
from build_tools.render.markdown.comparison import FUNCTION_WORDS
from build_tools.render.notes import note_markdown

from .conftest import RAW, add_note


def _doc(edition, doc_id):
    return next(d for d in edition.documents if d.id == doc_id)


def _page(site_dir, path):
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


# Bad notes (targets, quotes, cross-references, links, basis) are cases of the matrix in test_bad_input.py.

# Content: every emendation has its note; the named instruments and bodies have context notes.

def test_every_emendation_has_a_textual_note_at_its_reading(edition):
    for doc in edition.documents:
        for version in doc.versions:
            for witness in version.witnesses:
                for emendation in witness.emendations:
                    notes = [n for n in edition.editorial.notes(doc.id) if n.type == "textual"
                             and n.quote == emendation.reading and emendation.witness_reading in n.body]
                    assert len(notes) == 1, (doc.id, emendation)


def test_context_notes_cover_the_instruments_and_bodies_the_texts_name(edition):
    quotes = {n.quote for notes in edition.editorial.annotations.values() for n in notes if n.type == "context"}
    assert {"《布莱切利宣言》", "A/RES/78/311", "《未来契约》", "共同落实《全球数字契约》", "《人工智能伦理问题建议书》",
            "联合国秘书长人工智能问题高级别咨询机构", "世界人工智能大会暨人工智能全球治理高级别会议"} <= quotes
    dates = [n for notes in edition.editorial.annotations.values() for n in notes if "date" in n.id]
    assert {n.document for n in dates} >= {"china-france-statement-2024", "china-africa-chair-statement-2024"}


def test_two_notes_on_one_quote_are_both_kept(project_copy):
    add_note(project_copy, "action-plan-2025", id="second-on-tong-qiu-gong-ji",
             target={"block": "p1", "lang": "zh", "quote": "同球共济"})
    notes = build_edition(project_copy / "source_texts").editorial.notes("action-plan-2025")
    same = [n for n in notes if n.quote == "同球共济"]
    assert [n.id for n in same] == ["tong-qiu-gong-ji", "second-on-tong-qiu-gong-ji"]
    assert sorted(same)[0].id == "second-on-tong-qiu-gong-ji"  # ordered by ID where the spans are equal


# On the page: markers, note anchors, types, the list at the end.

def test_note_markers_sit_at_the_annotated_span_and_notes_are_listed_with_anchors(site_dir):
    page = _page(site_dir, "china-france-statement-2024/zh")
    assert re.search(r'<span class="annotated">《布莱切利宣言》</span><a class="note-ref note-context" '
                     r'href="#n-bletchley-declaration" id="nr-bletchley-declaration" role="doc-noteref"', page)
    notes = re.findall(r'<div class="note note-([a-z-]+)" id="n-([a-z0-9-]+)"[^>]*>', page)
    assert ("context", "bletchley-declaration") in notes and len(notes) == 5
    markers = re.findall(r'role="doc-noteref" aria-label="Note (\d+),', page)
    assert markers == [str(i) for i in range(1, len(markers) + 1)]
    assert page.index('id="notes"') > page.index('id="p13"')


def test_cross_references_in_notes_link_to_the_other_document(site_dir):
    page = _page(site_dir, "china-france-statement-2024")
    assert 'href="../shanghai-declaration-2024/#p1"' in page and 'href="../action-plan-2025/#p1"' in page


# Apparatus

def test_every_emendation_appears_in_the_apparatus_with_the_witness_reading(site_dir, edition):
    page = _page(site_dir, "initiative-2023/zh")
    apparatus = page[page.index('id="apparatus"'):]
    assert re.search(r'——坚持</span> \] <span lang="zh-Hans">一些持</span> <em>002, line 28</em> \(emendation\)',
                     apparatus)
    assert re.search(r'——</span> \] <span lang="zh-Hans">一一</span> <em>002, line 32</em> \(repair: '
                     r'<code>repair_list_dash_misread</code>\)', apparatus)
    data = json.loads((site_dir / "data" / "capacity-building-plan-2024.json").read_text(encoding="utf-8"))
    assert {"block": "s3", "lemma": "千行百业", "reading": "干行百业", "kind": "emendation"}.items() <= \
        next(e for e in data["apparatus"] if e["kind"] == "emendation").items()


def test_the_two_witnesses_of_the_english_initiative_are_collated(edition):
    entries = [e for e in edition.editorial.apparatus["initiative-2023"] if e.witness.startswith("003")]
    assert entries, "002 and 003 differ in their apostrophes"
    assert all(e.kind in ("variant", "punctuation") for e in entries)
    grouped = next(e for e in entries if e.block == "p6")
    assert (grouped.kind, grouped.lemma, grouped.reading, grouped.count) == ("punctuation", "countries'", "countries’", 2)


# Translation comparison

def test_action_plan_translations_side_by_side_with_differences_marked(site_dir):
    page = _page(site_dir, "action-plan-2025/compare")
    rows = re.findall(r'<div class="row" id="(p\d+)">', page)
    assert rows == [f"p{i}" for i in range(1, 16)]
    row = re.search(r'<div class="row" id="p1">.*?</div></div>', page, re.S).group()
    # The Chinese first, then the official English and the unofficial translation, each named (a narrow screen
    # stacks them, far from the heads).
    names = re.findall(r'<div class="cell" lang="([^"]+)"><p class="compare-label" lang="en">(.*?)</p>', row)
    assert [(lang, re.sub(r"<[^>]+>", "", name)) for lang, name in names] == [
        ("zh-Hans", "中文 · official"), ("en", "English · official"), ("en", "English (unofficial translation)")]
    assert "人工智能是人类发展的新领域" in row
    # "only through global solidarity" against "only by working together": the preposition stays unmarked.
    assert 'only through <mark class="diff">global solidarity</mark>' in row
    assert 'only by <mark class="diff">working together</mark>' in row
    function = {w for words in FUNCTION_WORDS.values() for w in words.split()}
    marks = re.findall(r'<mark class="diff">([^<]*)</mark>', page)
    bare = [[re.sub(r"[^\w]", "", w).lower() for w in mark.split()] for mark in marks]
    assert len(marks) > 200 and all(words[0] not in function and words[-1] not in function for words in bare)
    assert "(English (" not in page
    data = json.loads((site_dir / "data" / "action-plan-2025.json").read_text(encoding="utf-8"))
    assert data["other_titles"] == ["Action Plan on Global Governance of Artificial Intelligence"]


# Glossary

def test_glossary_renderings_are_computed_from_the_official_translations(edition):
    terms = {t.id: t for t in edition.editorial.glossary}
    assert set(terms) >= {"yi-ren-wei-ben", "zhi-neng-xiang-shan", "ren-lei-ming-yun-gong-tong-ti", "quan-qiu-nan-fang",
                          "tong-qiu-gong-ji", "qian-hang-bai-ye", "ren-gong-zhi-neng-jia", "xin-zhi-sheng-chan-li",
                          "shu-zi-zhi-neng-hong-gou", "neng-li-jian-she", "an-quan-ke-kong", "kai-yuan"}
    assert terms["yi-ren-wei-ben"].renderings == {"people-centred": 2, "people-centered": 1}
    assert terms["tong-qiu-gong-ji"].renderings == {"global solidarity": 1}
    assert terms["quan-qiu-nan-fang"].renderings == {"Global South": 5}
    assert terms["xin-zhi-sheng-chan-li"].occurrences[0].block == "p8"


def test_glossary_links_every_occurrence_and_the_text_links_back(site_dir):
    glossary = _page(site_dir, "glossary")
    entry = glossary[glossary.index('id="quan-qiu-nan-fang"'):glossary.index('id="tong-qiu-gong-ji"')]
    assert entry.count('href="../action-plan-2025/#p6"') == 1 and "Occurrences (5)" in entry
    text = _page(site_dir, "action-plan-2025/zh")
    assert re.search(r'<a class="term" href="../../glossary/#quan-qiu-nan-fang" title="Glossary: the Global South">'
                     r'全球南方</a>', text)


# Data: W3C Web Annotations

def test_annotations_are_exported_as_web_annotations(site_dir, edition):
    for doc_id, notes in edition.editorial.annotations.items():
        data = json.loads((site_dir / "data" / "annotations" / f"{doc_id}.jsonld").read_text(encoding="utf-8"))
        assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
        items = data["first"]["items"]
        assert len(items) == len(notes) == data["total"]
        doc = _doc(edition, doc_id)
        for item, note in zip(items, notes):
            assert item["type"] == "Annotation" and item["id"].endswith(f"#n-{note.id}")
            assert item["target"]["source"].endswith(f"#{note.block}")
            if note.quote:
                selector = item["target"]["selector"]
                text = doc.version(note.version).cells[note.block].text
                assert selector["type"] == "TextQuoteSelector"
                assert text.count(selector["prefix"] + selector["exact"] + selector["suffix"]) == 1


# Editorial corrections found by reading the text against the witnesses (issue 14, §8)

@pytest.fixture(scope="module")
def generated(edition, config):
    return generated_pages(edition, config)


def test_the_missing_and_of_the_official_english_is_printed_and_marked_sic(edition, generated):
    plan = _doc(edition, "action-plan-2025")
    raw = (RAW / "002_92e6455c04bab45f.txt").read_text(encoding="utf-8").split("\n")
    # The witness line itself lacks the word: the text keeps it so, unemended, and the Chinese has 明确和落实.
    assert "clarify implement the technical safety guidelines" in raw[386]
    assert "clarify implement the technical safety guidelines" in plan.version("en").cells["p7"].text
    assert "明确和落实" in plan.version("zh").cells["p7"].text
    assert "clarify and implement" in plan.version("en-unofficial").cells["p7"].text
    assert not [e for e in edition.editorial.apparatus[plan.id] if e.block == "p7" and e.version == "en"]
    note = next(n for n in edition.editorial.notes(plan.id) if n.quote == "clarify implement")
    assert (note.type, note.block, note.version) == ("textual", "p7", "en") and note.body.startswith("*Sic*")
    page = generated["action-plan-2025/en.md"]
    assert re.search(r'<span class="annotated">clarify implement</span><a class="note-ref note-textual" '
                     r'href="#n-sic-clarify-implement"', page)
    assert re.search(r'<em>Sic</em>: the official English reads "clarify implement"', page)


def test_the_note_on_the_unofficial_translation_leads_to_it(generated):
    # The note on 同球共济 names the unofficial rendering: its link opens the view that shows it, on every page.
    links = {"action-plan-2025/index.md": "en-unofficial/#p1", "action-plan-2025/en-unofficial.md": "./#p1"}
    shown = set()
    for name, page in generated.items():
        if name.startswith("action-plan-2025/") and (note := re.search(
                r'<div class="note note-translation" id="n-tong-qiu-gong-ji"[^>]*>.*?</div>', page, re.S)):
            assert f'<a href="{links.get(name, "../en-unofficial/#p1")}">unofficial translation</a>' in note.group()
            shown.add(name)
    assert {"action-plan-2025/index.md", "action-plan-2025/zh.md"} <= shown
    unofficial = generated["action-plan-2025/en-unofficial.md"]
    assert "only by working together" in unofficial and '{: #p1 lang=en }' in unofficial
    jsonld = json.loads(generated["data/annotations/action-plan-2025.jsonld"])
    body = next(i["body"]["value"] for i in jsonld["first"]["items"] if i["id"].endswith("#n-tong-qiu-gong-ji"))
    assert "](https://china-ai-governance-texts.org/action-plan-2025/en-unofficial/#p1)" in body


def test_the_collation_entries_name_the_lines_of_the_second_witness(edition, generated):
    entries = [e for e in edition.editorial.apparatus["initiative-2023"] if e.witness.startswith("003")]
    raw = (RAW / "003_620ab5c0c84b05ad.txt").read_text(encoding="utf-8").split("\n")
    assert [(e.block, e.line, e.lines) for e in entries] == [("p6", 78, (78, 86)), ("p7", 96, (96,))]
    for entry in entries:
        assert len(entry.lines) == entry.count
        for line in entry.lines:
            assert entry.reading[-1] in raw[line - 1], (entry, raw[line - 1])  # the witness reading stands there
    data = json.loads(generated["data/initiative-2023.json"])
    collated = [e for e in data["apparatus"] if e["witness"].startswith("003")]
    assert [(e["line"], e["lines"]) for e in collated] == [(78, [78, 86]), (96, [96])]
    page = generated["initiative-2023/en.md"]
    assert "*003, lines 78, 86* (punctuation only, ×2)" in page and "*003, line 96* (punctuation only)" in page


def test_a_collation_entry_shows_the_word_that_holds_the_apostrophe(edition, generated):
    # 002 prints countries' (¶6, twice) and humanity's (¶7) with straight apostrophes, 003 with curly ones: each
    # entry names the word, whether the apostrophe ends it or stands inside it.
    entries = [e for e in edition.editorial.apparatus["initiative-2023"] if e.witness.startswith("003")]
    assert [(e.block, e.lemma, e.reading) for e in entries] == [("p6", "countries'", "countries’"),
                                                               ("p7", "humanity's", "humanity’s")]
    raw = (RAW / "003_620ab5c0c84b05ad.txt").read_text(encoding="utf-8").split("\n")
    assert all(entry.reading in raw[line - 1] for entry in entries for line in entry.lines)
    page = generated["initiative-2023/en.md"]
    assert "<span>countries'</span> ] <span>countries’</span> *003, lines 78, 86*" in page
    assert "<span>humanity's</span> ] <span>humanity’s</span> *003, line 96*" in page


def test_the_glossary_finds_ai_for_good_in_the_unofficial_english_of_the_china_france_statement(edition, generated):
    term = next(t for t in edition.editorial.glossary if t.id == "zhi-neng-xiang-shan")
    occurrence = next(o for o in term.occurrences if o.document == "china-france-statement-2024")
    assert occurrence.block == "p7" and not occurrence.official_english and not occurrence.renderings
    assert (occurrence.unofficial_renderings, occurrence.unofficial_version) == (("AI for good",), "en")
    # The aggregator's excerpt 4, the English of ¶7, reads so (source 000, line 19).
    assert 'adhering to the principle of "AI for good"' in (RAW / "000_def4b03b73f1d2a1.txt").read_text(
        encoding="utf-8").split("\n")[18]
    assert term.renderings == {"AI for good": 2} and term.unofficial_renderings == {"AI for good": 1}
    glossary = generated["glossary.md"]
    entry = glossary[glossary.index("{: #zhi-neng-xiang-shan }"):glossary.index("{: #ren-lei-ming-yun-gong-tong-ti }")]
    assert ("**In the unofficial translations:** “AI for good” (1×: [China–France Joint Statement (2024) ¶7]"
            "(china-france-statement-2024/en.md#p7)).") in entry


# Languages and links inside the notes and facts (issue 14, fresh-eyes review)

class _Untagged(HTMLParser):
    """The runs of Chinese characters whose nearest ``lang`` is not Chinese."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.langs = [lang]  # the language of each open element, innermost last
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "wbr", "img", "hr"):
            self.langs.append(dict(attrs).get("lang") or self.langs[-1])

    def handle_endtag(self, tag):
        if tag not in ("br", "wbr", "img", "hr"):
            self.langs.pop()

    def handle_data(self, data):
        if not self.langs[-1].startswith("zh"):
            self.found += re.findall(f"[{HAN}]+", data)


def _untagged_chinese(html: str) -> list[str]:
    parser = _Untagged("en")
    parser.feed(html)
    return parser.found


def _notes(page: str) -> dict[str, str]:
    """Note ID → its HTML, of one generated page."""
    return {note: html for html, note in re.findall(r'(<div class="note note-[a-z-]+" id="n-([a-z0-9-]+)".*?</div>)',
                                                     page, re.S)}


def test_chinese_words_in_the_notes_and_the_facts_carry_their_language(generated):
    notes = _notes(generated["action-plan-2025/index.md"])
    assert '<span lang="zh-Hans">同球共济</span> ("sharing one planet, helping one another") is the official wording, ' \
           'a play on the idiom <span lang="zh-Hans">同舟共济</span> ("in the same boat")' in notes["tong-qiu-gong-ji"]
    assert 'the Chinese has <span lang="zh-Hans">明确和落实</span>,' in notes["sic-clarify-implement"]
    assert ('Emended from the witness reading <span lang="zh-Hans">干行百业</span> (source 002, line 148), an OCR error: '
            '<span lang="zh-Hans">千行百业</span>, "all') in notes["emendation-qianhang-baiye-action-plan"]
    facts = generated["action-plan-2025/en.md"]
    facts = facts[facts.index('<dl class="doc-facts"'):facts.index("</dl>")]
    assert '<a href="../zh/"><span lang="zh-Hans">中文</span></a>' in facts
    assert '<a href="../zh-hant/"><span lang="zh-Hant">繁體（轉換）</span></a>' in facts
    assert '<a href="../zh-hant-both/"><span lang="zh-Hant">繁體對照（轉換）</span></a>' in facts
    # Everywhere: no Chinese in a note or in a page's facts is left in the English around it.
    checked = 0
    for name, page in generated.items():
        if not name.endswith(".md"):
            continue
        for note in _notes(page).values():
            assert _untagged_chinese(note) == [], (name, note)
            checked += 1
        for facts in re.findall(r'<dl class="doc-facts".*?</dl>', page, re.S):
            assert _untagged_chinese(facts) == [], (name, facts)
    assert checked > 40


def test_a_notes_own_language_marks_stay_and_are_not_marked_again(edition):
    # The sanitiser keeps ``lang``; a run the editor marked (繁體 here) is left as written.
    body = next(n for n in edition.editorial.notes("action-plan-2025")
                if n.id == "tong-qiu-gong-ji").body.replace("同舟共济", '<span lang="zh-Hant">同舟共濟</span>')
    html = to_html(note_markdown(body, lambda doc, anchor, view: f"{doc}#{anchor}"))
    assert '<span lang="zh-Hant">同舟共濟</span>' in html and '<span lang="zh-Hans">同球共济</span>' in html
    assert html.count("<span") == 2


def test_a_notes_link_to_a_block_stays_in_the_readers_view(generated):
    # The Action Plan's note on the Pact for the Future returns to ¶13 of the same view; the emendation note's
    # link to the Capacity-Building Plan opens that document in the view the reader is in.
    for view in ("index", "zh", "en", "en-unofficial", "zh-hant", "zh-hant-both"):
        notes = _notes(generated[f"action-plan-2025/{view}.md"])
        assert '<a href="./#p13">¶13</a>' in notes["pact-for-the-future"], view
    emendation = {"index": "../capacity-building-plan-2024/#s3", "zh": "../../capacity-building-plan-2024/zh/#s3",
                  "zh-hant": "../../capacity-building-plan-2024/zh-hant/#s3",
                  "zh-hant-both": "../../capacity-building-plan-2024/zh-hant-both/#s3"}
    for view, href in emendation.items():
        assert f'<a href="{href}">Capacity-Building Action Plan</a>' in \
            _notes(generated[f"action-plan-2025/{view}.md"])["emendation-qianhang-baiye-action-plan"], view
    # The joint statement's English is its unofficial one: the Action Plan it names opens in English.
    notes = [n for n in _notes(generated["china-france-statement-2024/en.md"]).values() if "action-plan-2025" in n]
    assert notes and all('href="../../action-plan-2025/en/#p1"' in n for n in notes)


def test_a_view_leads_to_the_same_view_of_another_document_or_else_its_parallel_page(edition):
    plan, france, capacity = (_doc(edition, d) for d in ("action-plan-2025", "china-france-statement-2024",
                                                         "capacity-building-plan-2024"))
    # From each view of the Action Plan: the same view; from its unofficial translation the statement's
    # unofficial English; from the comparison, which the statement lacks, its parallel page.
    assert urls.document_views(plan) == ["both", "zh", "en", "en-unofficial", "zh-hant", "zh-hant-both", "compare"]
    assert [urls.counterpart_view(france, view, plan) for view in urls.document_views(plan)] == \
        ["both", "zh", "en", "en", "zh-hant", "zh-hant-both", "both"]
    assert urls.counterpart_view(capacity, "en-unofficial", plan) == "both"  # it has no unofficial translation
    excerpt = _doc(edition, "icdppc-declaration-2018")  # an excerpt has one page, whatever the view
    assert [urls.counterpart_view(excerpt, view, plan) for view in ("en", "en-unofficial")] == ["excerpt"] * 2
