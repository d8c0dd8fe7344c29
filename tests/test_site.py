"""The built site: pages and anchors for every document, JSON data, search, no foreign requests."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from .test_edition import DOCUMENTS, EXCERPT_PAGES


class _Collector(HTMLParser):
    """Collects element IDs, lang attributes and the URLs a page would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.langs: dict[str, str] = {}
        self.fetches: list[str] = []
        self.block_links: dict[str, str] = {}
        self._link: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
            if "lang" in attrs:
                self.langs[attrs["id"]] = attrs["lang"]
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.fetches.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.fetches.append(attrs["href"])
        if tag == "a" and "pn" in (attrs.get("class") or "").split():
            self._link = attrs["href"]

    def handle_data(self, data):
        if self._link:
            self.block_links[self._link] = data
            self._link = None


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def test_every_document_view_has_every_block_anchor(site_dir, edition):
    for doc in edition.documents:
        ids = [b.id for b in doc.blocks]
        views = [""] + ([f"{key}/" for key in DOCUMENTS[doc.id]] if doc.id in DOCUMENTS else [])
        for view in views:
            page = _parse(site_dir / doc.id / view / "index.html")
            found = [i for i in page.ids if re.fullmatch(r"[ps]\d+", i)]
            assert found == ids, f"{doc.id}/{view}"
            assert all(page.block_links[f"{i}/"] in (f"¶{i[1:]}", f"§{i[1:]}") for i in ids), f"{doc.id}/{view}"


def test_text_carries_lang_attributes(site_dir):
    zh = _parse(site_dir / "action-plan-2025" / "zh" / "index.html")
    en = _parse(site_dir / "action-plan-2025" / "en" / "index.html")
    assert zh.langs["p14"] == "zh-Hans" and en.langs["p14"] == "en"
    parallel = (site_dir / "action-plan-2025" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<div class="row item" id="p14">.*?</div>\s*</div>', parallel, re.S).group()
    assert 'class="cell" lang="zh-Hans"' in row and 'class="cell" lang="en"' in row


def test_excerpt_pages_say_the_full_text_is_not_here(site_dir):
    for doc_id in EXCERPT_PAGES:
        html = (site_dir / doc_id / "index.html").read_text(encoding="utf-8")
        assert "The full text of this document is not in the edition" in html
    chair = (site_dir / "china-africa-chair-statement-2024" / "index.html").read_text(encoding="utf-8")
    assert "March 3, 2024" in chair and "April 2 to 3, 2024" in chair


def test_json_data_holds_every_block_of_every_version(site_dir, edition):
    index = json.loads((site_dir / "data" / "edition.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in index["documents"]) == sorted(d.id for d in edition.documents)
    for doc in edition.documents:
        data = json.loads((site_dir / "data" / f"{doc.id}.json").read_text(encoding="utf-8"))
        assert [b["id"] for b in data["blocks"]] == [b.id for b in doc.blocks]
        for version in data["versions"]:
            assert [b["id"] for b in version["blocks"]] == [b.id for b in doc.blocks]
            assert all(b["text"] for b in version["blocks"] if b["status"] == "text")
    for witness in index["witnesses"]:
        path = witness["strip_report"].split("/data/", 1)[1]
        report = json.loads((site_dir / "data" / path).read_text(encoding="utf-8"))
        assert report["witness"] == witness["file"] and report["entries"]


def test_no_page_fetches_anything_from_another_host(site_dir):
    for page in site_dir.rglob("*.html"):
        for url in _parse(page).fetches:
            assert not re.match(r"(https?:)?//", url), f"{page.relative_to(site_dir)} fetches {url}"
    for sheet in site_dir.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//|url\(\s*['\"]?(https?:)?//", text), sheet


def test_search_is_the_editions_own_on_every_page_and_the_engines_is_off(site_dir):
    """Material's search and its index are gone (issue 15): every page loads the edition's search script, which
    makes the header's button and the dialog; the Search page holds the same search in its content."""
    assert not (site_dir / "search" / "search_index.json").exists()
    pages = [p for p in site_dir.rglob("index.html") if not re.fullmatch(r"[ps]\d+", p.parent.name)]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<script src="[^"]*assets/search\.js', html), page
        assert 'data-md-component="search"' not in html and "/pagefind/" not in html, page
    search_page = (site_dir / "search" / "index.html").read_text(encoding="utf-8")
    assert 'id="edition-search-page"' in search_page and "<noscript>" in search_page

