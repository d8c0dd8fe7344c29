"""What a reference manager saves from the served pages, read as Zotero's Embedded Metadata translator reads
them (no script run; facts in ../shared/notes/reference-managers.md): a block's own page keeps the document,
the edition, its version and the paragraph; every view's head metadata is in the view's language."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from build_tools.editorial.traditional import convert
from build_tools.ingest.records import parse_record
from build_tools.model import urls
from build_tools.model.labels import CONTAINER
from build_tools.render.annotated import concordance, shown_versions

from .conftest import copy_project


class _Head(HTMLParser):
    """The meta tags, canonical link, <html lang> and links of a page, as a translator sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.lang = ""
        self.canonical = ""
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "meta" and attrs.get("name"):
            self.meta.setdefault(attrs["name"], []).append(attrs.get("content", ""))
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])

    def handle_data(self, data):
        self.text.append(data)

    def one(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, f"{name}: {values}"
        return values[0]


def _served(base: str, path: str) -> _Head:
    with urllib.request.urlopen(f"{base}/{path}") as response:
        head = _Head()
        head.feed(response.read().decode("utf-8"))
        return head


def _saved_item(head: _Head) -> dict[str, str]:
    """The fields Zotero fills from these tags (report type forced by z.itemType; z.* copied verbatim)."""
    item = {"itemType": head.one("z.itemType"), "title": head.one("citation_title"),
            "creator": head.one("citation_author"), "date": head.one("citation_publication_date"),
            "url": head.meta.get("citation_public_url", [head.canonical])[0],
            "institution": head.one("citation_technical_report_institution"),
            "abstractNote": head.one("description"), "language": head.one("citation_language")}
    item.update({name[2:]: values[0] for name, values in head.meta.items() if name.startswith("z.")})
    return item


def test_a_block_page_saves_the_document_the_edition_its_version_and_the_paragraph(server, edition, config):
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    en = doc.version("en")
    page = _served(server, "action-plan-2025/en/p14/")
    item = _saved_item(page)
    assert item["itemType"] == "report"
    assert item["title"] == doc.record.titles["en"] == "Global AI Governance Action Plan"
    # An institution kept whole: the trailing comma stops Zotero splitting it into first and last name.
    assert item["creator"] == doc.record.issuing_body["en"] + ","
    assert item["date"] == "2025/07/26"
    extra = item["extra"].split("\n")
    # "version:" is the CSL variable Zotero cites; an "Edition:" line would become the item's edition field.
    assert extra[:2] == [f"version: {config.release.version}", f"Edition released: {config.release.date} ({CONTAINER['en']})"]
    # The paragraph goes in Extra, not pages: Zotero prints pages "¶14" as "p. ¶14", and a report has no section.
    assert "Paragraph: ¶14" in extra and "pages" not in item and "section" not in item
    assert item["url"] == page.canonical == f"{config.site_url}action-plan-2025/en/p14/"
    assert f"Place in the text: {config.site_url}action-plan-2025/en/#p14" in extra
    # The publisher is the edition, not the issuing body a second time.
    assert item["institution"] == CONTAINER["en"] != doc.record.issuing_body["en"]
    assert page.lang == "en" and item["language"] == "en"
    # The page shows the paragraph and leads to its place, which holds it.
    assert en.cells["p14"].text in "".join(page.text) and en.cells["p14"].text.startswith("12. Strengthening international cooperation on AI")
    place = urljoin(f"{server}/action-plan-2025/en/p14/", next(link for link in page.links if link.endswith("#p14")))
    assert place == f"{server}/action-plan-2025/en/#p14"
    assert "p14" in _served(server, "action-plan-2025/en/").ids


def test_every_block_number_leads_to_a_block_page_naming_that_block(site_dir, server, edition):
    for doc in edition.documents:
        view = "zh" if doc.version("zh") else ""
        path = f"{doc.id}/{view + '/' if view else ''}"
        page = _served(server, path)
        numbers = [link for link in page.links if link.rstrip("/") in {b.id for b in doc.blocks}]
        assert numbers == [f"{b.id}/" for b in doc.blocks], path
        last = doc.blocks[-1]
        block = _served(server, path + f"{last.id}/")
        label = ("¶" if last.id.startswith("p") else "§") + last.id[1:]
        assert f"Paragraph: {label}" in _saved_item(block)["extra"].split("\n"), path
        assert block.lang == page.lang and block.one("citation_title") == page.one("citation_title")


@pytest.mark.parametrize("view, lang", [("zh", "zh-Hans"), ("zh-hant", "zh-Hant"), ("en", "en"),
                                        ("en-unofficial", "en")])
def test_each_view_is_saved_in_its_own_language(server, edition, view, lang):
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    record = doc.record
    page = _served(server, f"action-plan-2025/{view}/")
    item = _saved_item(page)
    assert page.lang == lang and item["language"] == lang
    title = {"zh": record.titles["zh"], "zh-hant": convert(record.titles["zh"])}.get(view, record.titles["en"])
    author = {"zh": record.issuing_body["zh"], "zh-hant": convert(record.issuing_body["zh"])}.get(
        view, record.issuing_body["en"] + ",")
    assert item["title"] == title and item["creator"] == author
    if view == "zh-hant":
        assert item["title"] != record.titles["zh"], "the 繁體 view's title is converted"
        assert "not an original" in item["extra"]
    # The abstract is the document's (its opening here), never the site's blurb.
    shown = doc.version("zh" if view == "zh-hant" else view)
    opening = item["abstractNote"].rstrip("…")
    assert len(opening) > 40 and shown.cells["p1"].text.startswith(opening if view != "zh-hant" else "人工智能")
    assert "annotated, citable bilingual edition" not in item["abstractNote"]


def test_the_unofficial_translation_says_so_and_by_whom(server, edition):
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    note = doc.version("en-unofficial").metadata["translator_note"]  # the witness's own line
    item = _saved_item(_served(server, "action-plan-2025/en-unofficial/"))
    assert item["reportType"] == "action plan (unofficial translation)"
    assert "Google translated with human assistance" in note and note.strip(" ()") in item["extra"]
    assert "004_aeda2b978c32afff.txt" in item["extra"]
    assert "unofficial" not in _saved_item(_served(server, "action-plan-2025/en/"))["reportType"]


def test_excerpt_pages_say_excerpt_and_unofficial_translation(server, edition):
    for doc in (d for d in edition.documents if d.record.kind == "excerpt"):
        item = _saved_item(_served(server, f"{doc.id}/"))
        assert "excerpt" in item["reportType"] and "unofficial translation" in item["reportType"], doc.id
        assert "Excerpt only" in item["extra"] and doc.versions[0].witnesses[0].file in item["extra"]


def test_the_parallel_page_carries_both_titles(server, edition):
    for doc in (d for d in edition.documents if len(shown_versions(d)) > 1):
        page = _served(server, f"{doc.id}/")
        titles = [doc.record.titles[v.lang] for v in shown_versions(doc) if v.lang in doc.record.titles]
        assert page.one("citation_title") == " = ".join(titles), doc.id
        assert page.meta["DC.title"] == titles and page.lang == "zh-Hans"


def test_a_record_abstract_is_checked_and_becomes_the_description(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "source_texts" / "initiative-2023.yml"
    path.write_text(path.read_text(encoding="utf-8") + "abstract:\n  en: A  short\n    summary.\n  xx: bad\n",
                    encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "build_tools", "docs", "--root", str(project)],
                         capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "initiative-2023.yml:" in run.stderr
    assert "'xx' is not one of the edition's languages" in run.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("  xx: bad\n", ""), encoding="utf-8")
    assert parse_record(path).abstract == {"en": "A short summary."}
    run = subprocess.run([sys.executable, "-m", "build_tools", "docs", "--root", str(project)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    en = (project / "docs" / "initiative-2023" / "en.md").read_text(encoding="utf-8")
    assert "abstract: A short summary." in en


def test_block_pages_are_written_by_the_build_for_every_view(site_dir, edition):
    for doc in edition.documents:
        for view in urls.document_views(doc):
            for block in doc.blocks:
                assert (site_dir / urls.block_page_path(doc.id, doc.record.kind, block.id, view) / "index.html"
                        ).is_file(), (doc.id, view, block.id)


def test_a_block_page_has_the_sites_look_its_own_number_and_links_that_resolve(site_dir, edition):
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    own = concordance(doc)["p14"]
    for view in urls.document_views(doc):
        path = urls.block_page_path(doc.id, doc.record.kind, "p14", view)
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        head = _Head()
        head.feed(html)
        # The document's own number beside the edition's: a journalist's "point 12" is the scholar's ¶14.
        # The mark in the language of the text it is read from.
        assert '<h1 lang="en">¶14 = item 12 (<span lang="zh-Hans">十二、</span>)</h1>' in html, view
        assert own.label("p14") == "¶14 = item 12 (十二、)"
        stylesheet = next(href for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html))
        assert (site_dir / path / stylesheet).resolve().is_file(), stylesheet
        # Every link leads to a built page: the edition, the document, the view, the block in its place and
        # the same block's page in each other view.
        others = [urls.block_page_path(doc.id, doc.record.kind, "p14", v) for v in urls.document_views(doc) if v != view]
        targets = {urljoin(f"/{path}", link).partition("#")[0] for link in head.links}
        assert {f"/{other}" for other in others} <= targets, view
        for target in targets:
            assert (site_dir / target.lstrip("/") / "index.html").is_file(), (view, target)
