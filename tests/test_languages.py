"""Documents in any set of languages: Chinese only, English only, Chinese with two translations.

Three documents are added to a copy of the project, made from the real raw witnesses: the Chinese of the
Global AI Governance Initiative alone (002, lines 6–32), its official English alone (002, lines 172–210), and
its first two paragraphs in Chinese, English and French. No French witness exists among the sources, so the
French is a rendering written for this test, added to the copy's manifest as such and never to the project.
The copy is built as ``python -m build_tools docs`` builds it, then by the engine with its PDFs.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from build_tools.__main__ import main
from build_tools.editorial import build_edition
from build_tools.ingest.config import load_site_config
from build_tools.model import urls
from build_tools.publish.docs_writer import generated_pages
from build_tools.publish.site import build_site

from .conftest import ROOT, add_note, copy_project, edit_yaml

PDF_EXTRACT = "002_92e6455c04bab45f.txt"
FRENCH_FILE = "900_test-french-rendering.txt"
# The editors' own French of ¶1–¶2 of the Initiative (002, lines 8 and 10), made for this test only.
FRENCH = (
    "L'intelligence artificielle est un nouveau domaine du développement humain. Aujourd'hui, le développement "
    "rapide des technologies de l'intelligence artificielle dans le monde exerce une influence profonde sur le "
    "développement économique et social et sur le progrès de la civilisation humaine, et offre au monde "
    "d'immenses opportunités. Dans le même temps, ces technologies entraînent aussi des risques imprévisibles et "
    "des défis complexes. La gouvernance de l'intelligence artificielle touche au destin de l'humanité tout "
    "entière ; elle est une question commune à tous les pays du monde.\n"
    "\n"
    "Alors que la paix et le développement dans le monde font face à des défis multiples, tous les pays "
    "devraient adhérer à une vision de la sécurité commune, globale, coopérative et durable, et accorder une "
    "égale importance au développement et à la sécurité. Ils devraient forger un consensus par le dialogue et la "
    "coopération, et bâtir des mécanismes de gouvernance ouverts, justes et efficaces, afin de mettre les "
    "technologies de l'intelligence artificielle au service de l'humanité et de contribuer à bâtir une "
    "communauté d'avenir partagé pour l'humanité.\n"
)
COMMON = {"kind": "document", "date": "2023-10-20", "document_type": "initiative"}
RECORDS = {
    "test-zh-only": {**COMMON, "titles": {"zh": "全球人工智能治理倡议"}, "issuing_body": {"zh": "中华人民共和国"},
                     "versions": [{"key": "zh", "lang": "zh", "status": "official", "witnesses": [
                         {"file": PDF_EXTRACT, "lines": "6-32", "emendations": [
                             {"line": 28, "witness_reading": "一些持", "reading": "——坚持",
                              "reason": "The extraction read the list dash and 坚 as 一些, as in initiative-2023."}]}]}]},
    "test-en-only": {**COMMON, "titles": {"en": "Global AI Governance Initiative"},
                     "issuing_body": {"en": "People's Republic of China"},
                     "versions": [{"key": "en", "lang": "en", "status": "official",
                                   "witnesses": [{"file": PDF_EXTRACT, "lines": "172-210"}]}]},
    "test-trilingual": {**COMMON, "titles": {"zh": "全球人工智能治理倡议（节选）", "en": "Global AI Governance Initiative "
                                             "(opening)", "fr": "Initiative mondiale pour la gouvernance de l'IA (début)"},
                        "issuing_body": {"zh": "中华人民共和国", "en": "People's Republic of China",
                                         "fr": "République populaire de Chine"},
                        "versions": [
                            {"key": "zh", "lang": "zh", "status": "official",
                             "witnesses": [{"file": PDF_EXTRACT, "lines": "8-10"}]},
                            {"key": "en", "lang": "en", "status": "official",
                             "witnesses": [{"file": PDF_EXTRACT, "lines": "176-178"}]},
                            {"key": "fr", "lang": "fr", "status": "unofficial",
                             "witnesses": [{"file": FRENCH_FILE, "lines": "1-3"}]}]},
}
ZH_P1 = "人工智能是人类发展新领域"
EN_P1 = "Artificial intelligence (AI) is a new area of human development"
FR_P1 = "L'intelligence artificielle est un nouveau domaine du développement humain"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The copy with the three documents: docs/ and the navigation written by the `docs` command, then the site."""
    project = copy_project(tmp_path_factory.mktemp("languages") / "project")
    raw = project / "source_texts" / "raw"
    (raw / FRENCH_FILE).write_text(FRENCH, encoding="utf-8")
    edit_yaml(raw / "manifest.yml", lambda data: data["witnesses"].append({
        "file": FRENCH_FILE, "sha256": hashlib.sha256(FRENCH.encode()).hexdigest(), "kind": "plain",
        "description": "Test fixture, not a source: the editors' French rendering of ¶1–¶2 of the Global AI "
                       "Governance Initiative, written for tests/test_languages.py."}))
    for doc_id, record in RECORDS.items():
        edit_path = project / "source_texts" / f"{doc_id}.yml"
        edit_path.write_text("{}\n", encoding="utf-8")
        edit_yaml(edit_path, lambda data, record=record, doc_id=doc_id: data.update(id=doc_id, **record))
    add_note(project, "test-trilingual", id="fr-note", target={"block": "p1", "lang": "fr", "quote": "nouveau domaine"})
    add_note(project, "test-en-only", id="en-note", target={"block": "p1", "lang": "en", "quote": "common task"})
    assert main(["docs", "--root", str(project)]) == 0
    edition = build_edition(project / "source_texts")
    build_site(project, edition, project / "site", load_site_config(project / "mkdocs.yml"))
    return project


def _page(project: Path, path: str) -> str:
    return (project / "site" / path / "index.html").read_text(encoding="utf-8")


def _blocks(html: str) -> list[tuple[str, str]]:
    """(block ID, lang) of every element carrying a block ID on a single-language page, in order."""
    return re.findall(r'<(?:p|h[1-6])\b[^>]*?\bid="([ps]\d+)"[^>]*?\blang="([^"]+)"', html)


def _pdf_text(project: Path, doc_id: str) -> str:
    pdf = project / "site" / "pdf" / f"{doc_id}.pdf"
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())


def _seed_blocks() -> list[str]:
    seed = (ROOT / "docs" / "data" / "initiative-2023.json").read_text(encoding="utf-8")
    return [b["id"] for b in json.loads(seed)["blocks"]]


def test_a_chinese_only_document_numbers_its_blocks_and_has_the_chinese_views(built):
    data = json.loads((built / "docs" / "data" / "test-zh-only.json").read_text(encoding="utf-8"))
    assert [v["key"] for v in data["versions"]] == ["zh"]
    assert [b["id"] for b in data["blocks"]] == _seed_blocks()  # the same Chinese text, the same block IDs
    for view in ("test-zh-only", "test-zh-only/zh", "test-zh-only/zh-hant"):
        page = _page(built, view)
        expected = "zh-Hant" if view.endswith("hant") else "zh-Hans"
        assert _blocks(page) == [(b, expected) for b in _seed_blocks()], view
    assert not (built / "site" / "test-zh-only" / "en").exists()
    assert not (built / "site" / "test-zh-only" / "zh-hant-both").exists()  # no translation to set beside the 繁體
    main_page = _page(built, "test-zh-only")
    assert 'class="parallel' not in main_page and ZH_P1 in main_page  # one version: its text alone
    assert re.search(r'<h1\b[^>]*\blang="zh-Hans"[^>]*>全球人工智能治理倡议', main_page)
    assert 'class="edition-view" data-view="both"' not in main_page  # no "both" view for one version
    assert 'class="edition-view" data-view="zh-hant" href="zh-hant/"' in main_page
    cite = json.loads((built / "docs" / "data" / "cite" / "test-zh-only.json").read_text(encoding="utf-8"))
    assert set(cite["templates"]["zh"]["p"]) >= {"gbt7714", "chicago", "bibtex"}
    assert "全球人工智能治理倡议" in cite["templates"]["zh"]["p"]["gbt7714"]["bibliography"]["text"]
    assert ZH_P1 in _pdf_text(built, "test-zh-only")


def test_an_english_only_document_has_no_chinese_views(built):
    data = json.loads((built / "docs" / "data" / "test-en-only.json").read_text(encoding="utf-8"))
    assert [(v["key"], v["lang"]) for v in data["versions"]] == [("en", "en")]
    # The English aligns one to one with the Chinese in the seed, so its own blocks number alike.
    assert [b["id"] for b in data["blocks"]] == _seed_blocks()
    for view in ("test-en-only", "test-en-only/en"):
        assert _blocks(_page(built, view)) == [(b, "en") for b in _seed_blocks()], view
    for missing in ("zh", "zh-hant", "compare"):
        assert not (built / "site" / "test-en-only" / missing).exists()
    main_page = _page(built, "test-en-only")
    assert re.search(r'<h1\b[^>]*\blang="en"[^>]*>Global AI Governance Initiative', main_page)
    assert 'zh-hant/' not in main_page and '繁體' not in main_page
    assert '<meta name="citation_language" content="en">' in main_page
    cite = json.loads((built / "docs" / "data" / "cite" / "test-en-only.json").read_text(encoding="utf-8"))
    assert "gbt7714" not in cite["templates"]["en"]["p"] and "People’s Republic of China" in \
        cite["templates"]["en"]["document"]["chicago"]["bibliography"]["text"]
    notes = json.loads((built / "docs" / "data" / "annotations" / "test-en-only.jsonld").read_text(encoding="utf-8"))
    assert notes["first"]["items"][0]["target"]["source"].endswith("/test-en-only/en/#p1")
    assert EN_P1 in _pdf_text(built, "test-en-only")


def test_chinese_with_two_translations_has_a_view_for_each(built):
    data = json.loads((built / "docs" / "data" / "test-trilingual.json").read_text(encoding="utf-8"))
    assert [(v["key"], v["lang"]) for v in data["versions"]] == [("zh", "zh-Hans"), ("en", "en"), ("fr", "fr")]
    assert [b["id"] for b in data["blocks"]] == ["p1", "p2"]
    assert data["versions"][2]["blocks"][0]["text"].startswith(FR_P1)
    parallel = _page(built, "test-trilingual")
    assert re.findall(r'<div class="cell" lang="([^"]+)"', parallel) == ["zh-Hans", "en"] * 2
    traditional = _page(built, "test-trilingual/zh-hant-both")  # the parallel page's rows, its Chinese in 繁體
    assert re.findall(r'<div class="cell" lang="([^"]+)"', traditional) == ["zh-Hant", "en"] * 2
    french = _page(built, "test-trilingual/fr")
    assert _blocks(french) == [("p1", "fr"), ("p2", "fr")] and "L'intelligence artificielle est un " in french
    assert re.search(r'<h1\b[^>]*\blang="fr"[^>]*>Initiative mondiale', french)
    assert '<meta name="citation_language" content="fr">' in french
    for view in ("zh", "zh-hant", "en"):
        assert _blocks(_page(built, f"test-trilingual/{view}"))[0][0] == "p1"
    cite = json.loads((built / "docs" / "data" / "cite" / "test-trilingual.json").read_text(encoding="utf-8"))
    french_cite = cite["templates"]["fr"]["p"]
    # Said where Chicago describes a work: after the locator in the note, as a sentence in the bibliography.
    assert "para. {n}, unofficial French translation, accessed" in french_cite["chicago"]["note"]["text"]
    assert "China, 2023. Reprint, 2026. Unofficial French translation. Accessed" in french_cite["chicago"]["bibliography"]["text"]
    assert "langid = {french}" in french_cite["bibtex"] and "LA  - fr" in french_cite["ris"]
    assert "gbt7714" not in french_cite
    notes = json.loads((built / "docs" / "data" / "annotations" / "test-trilingual.jsonld").read_text(encoding="utf-8"))
    target = notes["first"]["items"][0]["target"]
    assert target["source"].endswith("/test-trilingual/fr/#p1") and target["selector"]["exact"] == "nouveau domaine"
    text = _pdf_text(built, "test-trilingual")
    assert ZH_P1 in text and EN_P1 in text  # the print pairs the Chinese with the English
    navigation = (built / "mkdocs.yml").read_text(encoding="utf-8")
    assert "Français: test-trilingual/fr.md" in navigation


def test_the_new_documents_reach_the_shared_pages(built):
    echoes = (built / "docs" / "echoes.md").read_text(encoding="utf-8")
    assert "test-zh-only" in echoes  # its Chinese is the seed's: the echoes page finds the shared phrasing
    edition = json.loads((built / "docs" / "data" / "edition.json").read_text(encoding="utf-8"))
    versions = {d["id"]: d["versions"] for d in edition["documents"]}
    assert versions["test-zh-only"] == ["zh"] and versions["test-en-only"] == ["en"]
    sources = (built / "docs" / "sources.md").read_text(encoding="utf-8")
    assert "Test fixture, not a source" in sources and f"strip-reports/{FRENCH_FILE}.json" in sources


def test_the_seeds_pages_are_unchanged_but_for_their_echoes(built, edition, config):
    """The seeds' pages do not change when documents in other sets of languages join them, but for the echoes
    their Chinese now has in the new documents (beside the Chinese: in the zh, 繁體 and parallel views; the
    committed docs/ is held to the writer in test_publish)."""
    seeds = generated_pages(edition, config)
    chinese = ("zh", urls.TRADITIONAL, urls.PARALLEL, urls.TRADITIONAL_PARALLEL)
    names = [urls.docs_path(d.id, d.record.kind, view) for d in edition.documents for view in urls.document_views(d)
             if view not in chinese] + \
        [urls.data_path(f"cite/{d.id}.{suffix}") for d in edition.documents for suffix in ("json", "ris")]
    assert len(names) > 20
    for name in names:
        assert (built / "docs" / name).read_text(encoding="utf-8") == seeds[name], name
