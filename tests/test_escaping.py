"""One escape for every output: hostile values in notes and records reach the site and the PDF inert.

The values are put into the edition in memory, past the input schema, so that these tests hold the
renderers to account even for a value the schema would one day let through.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from weasyprint import CSS

from build_tools.ingest.config import load_site_config
from build_tools.model import urls
from build_tools.model.edition import Edition
from build_tools.publish.docs_writer import generated_pages, write_pages
from build_tools.publish.site import build_site
from build_tools.render.elements import to_html
from build_tools.render.markdown.markup import short_titles
from build_tools.render.markdown.pages import PageContext, render_parallel_page
from build_tools.render.notes import note_markdown
from build_tools.render.print.pdf import PRINT_DIR, layout, print_book, project_fetcher
from tests.conftest import copy_project

DOCUMENT = "action-plan-2025"
HOSTILE_BODY = ('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) '
                '<a rel="attachment" href="file:///etc/passwd">x</a> [d](data:text/html,<b>alert(1)</b>) '
                '<a href="JaVaScRiPt:alert(1)" onclick="alert(1)">y</a> [web](https://example.org/a?b=1&c=2) '
                '[own](initiative-2023#p3)')
HOSTILE_TEXT = '"><script>alert(1)</script>'
HOSTILE_DATE = "<img src=x onerror=alert(1)>"
BAD_SCHEMES = ("javascript:", "data:", "file:", "vbscript:")


def hostile(edition: Edition) -> Edition:
    """The edition with a hostile note on the Action Plan, a hostile issuing body and hostile version labels."""
    documents = []
    for doc in edition.documents:
        if doc.id == DOCUMENT:
            body = dict(doc.record.issuing_body, en=HOSTILE_TEXT)
            versions = [replace(v, label=HOSTILE_DATE) for v in doc.versions]
            doc = replace(doc, record=replace(doc.record, issuing_body=body), versions=versions)
        documents.append(doc)
    notes = list(edition.editorial.notes(DOCUMENT))
    notes[0] = replace(notes[0], body=HOSTILE_BODY, basis=HOSTILE_BODY, author=HOSTILE_TEXT, date=HOSTILE_DATE)
    editorial = replace(edition.editorial, annotations={**edition.editorial.annotations, DOCUMENT: notes})
    return replace(edition, documents=documents, editorial=editorial)


class ActiveContent(HTMLParser):
    """Collects what a browser would run or follow: executable scripts, handlers, dangerous URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.found += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        self.found += [f"<{tag} {name}={value}>" for name, value in values.items()
                       if name in ("href", "src", "action", "formaction") and
                       (value or "").strip().lower().startswith(BAD_SCHEMES)]
        if tag == "a" and "attachment" in (values.get("rel") or ""):
            self.found.append("<a rel=attachment>")
        if tag == "script":
            self.script = values

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script = None

    def handle_data(self, data: str) -> None:
        # The theme's own scripts are files or known inline code; ours are JSON, which tojson escapes.
        if self.script is not None and "alert(" in data and self.script.get("type") not in (
                "application/ld+json", "application/json"):
            self.found.append(f"<script>{data[:60]}")
        if self.script is not None and self.script.get("type", "").endswith("json") and "<" in data:
            self.found.append(f"unescaped < in JSON script: {data[:60]}")


def active_content(html: str) -> list[str]:
    parser = ActiveContent()
    parser.feed(html)
    return parser.found


def test_the_checker_sees_what_it_looks_for():
    assert active_content('<img src=x onerror=alert(1)><a href="javascript:x">a</a><script>alert(1)</script>')
    assert active_content('<a rel="attachment" href="file:///etc/passwd">x</a>')


def test_a_note_keeps_only_clean_markup_and_safe_links():
    html = to_html(note_markdown(HOSTILE_BODY, lambda doc, anchor, view: f"../{doc}/{view + '/' if view else ''}#{anchor}"))
    assert active_content(html) == []
    assert "<script" not in html and "<img" not in html and "attachment" not in html
    assert '<a href="https://example.org/a?b=1&amp;c=2">web</a>' in html
    assert '<a href="../initiative-2023/#p3">own</a>' in html  # a cross-reference, resolved
    assert "<a>x</a>" in html  # a refused link keeps its words, not its target


@pytest.fixture(scope="module")
def hostile_site(edition, tmp_path_factory) -> Path:
    """The web site (no PDFs) of a project copy whose edition carries the hostile values."""
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    bad = hostile(edition)
    write_pages(root / "docs", generated_pages(bad, load_site_config(root / "mkdocs.yml")))
    return build_site(root, bad, root / "site")


def test_no_hostile_value_is_active_in_the_site(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    found = {str(p.relative_to(hostile_site)): bad for p in pages if (bad := active_content(p.read_text("utf-8")))}
    assert found == {}
    parallel = (hostile_site / DOCUMENT / "index.html").read_text(encoding="utf-8")
    # The values are shown as text, escaped, where they belong: in the head, the facts list and the note.
    # The English issuing body is the author of the English view's head and of its block pages (the parallel
    # page's is the Chinese one).
    for page in (DOCUMENT + "/en/index.html", DOCUMENT + "/en/p14/index.html"):
        head = (hostile_site / page).read_text(encoding="utf-8")
        assert 'name="citation_author" content="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in head, page
    assert "&lt;img src=x onerror=alert(1)&gt;" in parallel
    assert "\\u003cscript\\u003e" in (hostile_site / DOCUMENT / "en" / "index.html").read_text("utf-8")  # JSON-LD

    # The version labels, written by the comparison page: a column's head and each cell's name.
    compare = (hostile_site / DOCUMENT / "compare" / "index.html").read_text(encoding="utf-8")
    head = re.search(r'<div class="row compare-head".*?</div></div>', compare, re.S).group()
    assert head.count("<strong>&lt;img src=x onerror=alert(1)&gt;</strong>") == 2  # the English; zh has lang
    assert compare.count('<p class="compare-label" lang="en"><strong>&lt;img src=x onerror=alert(1)&gt;</strong>') \
        == 2 * 15  # each English cell's name


def test_hostile_titles_are_inert_in_the_generated_pages(edition, config):
    """Titles are refused at input with '<' or '>' (the theme prints them as they stand); the pages escape them anyway."""
    doc = next(d for d in hostile(edition).documents if d.id == DOCUMENT)
    titles = {lang: HOSTILE_TEXT for lang in doc.record.titles}
    doc = replace(doc, record=replace(doc.record, titles=titles, other_titles=(HOSTILE_DATE,)),
                  versions=[replace(v, title=HOSTILE_DATE) for v in doc.versions])
    bad = replace(edition, documents=[doc if d.id == DOCUMENT else d for d in edition.documents])
    pages = {name: text for name, text in generated_pages(bad, config).items() if name.startswith(f"{DOCUMENT}/")}
    assert len(pages) == len(urls.document_views(doc))
    for name, text in pages.items():
        body = text.split("\n---\n", 1)[1]  # the front matter is the theme's, and titles are refused before it
        html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "admonition",
                                                   "build_tools.render.markdown.ext"])
        assert active_content(html) == [], name
        assert "<script" not in html and "<img" not in html, name
    assert active_content(print_book(bad, config, [doc]).html()) == []


def test_the_pdf_attaches_nothing_and_fetches_nothing_outside(edition, config, tmp_path):
    bad = hostile(edition)
    doc = next(d for d in bad.documents if d.id == DOCUMENT)
    target = tmp_path / "hostile.pdf"
    book = print_book(bad, config, [doc])
    assert active_content(book.html()) == []
    layout(book, CSS(filename=str(PRINT_DIR / "edition.css"))).write_pdf(target)
    listed = subprocess.run(["pdfdetach", "-list", str(target)], capture_output=True, text=True, check=True).stdout
    assert listed.startswith("0 embedded files"), listed
    fetcher = project_fetcher()
    for url in ("file:///etc/passwd", "https://example.org/x.css", "data:text/plain,x",
                f"file://{PRINT_DIR}/../../../../etc/passwd", "file://evil.example/etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    fetcher.fetch((PRINT_DIR / "edition.css").as_uri()).close()


def test_a_record_with_only_a_chinese_version_renders(edition, config):
    doc = next(d for d in edition.documents if d.id == "shanghai-declaration-2024")
    chinese = replace(doc, versions=[v for v in doc.versions if v.lang == "zh"])
    pages = {d.id: urls.docs_path(d.id, d.record.kind) for d in edition.documents}
    context = PageContext(config, edition.registry, edition.editorial, pages, short_titles(edition.documents),
                          {d.id: d for d in edition.documents})
    page = render_parallel_page(chinese, context)  # one version: its text alone, not a parallel of one column
    assert '<div class="cell"' not in page
    # A heading numbered in the text (一、) carries its concordance label too (issue 13 §7).
    blocks = re.findall(r'\{: #([ps]\d+)(?: \.item)? lang=zh-Hans(?: data-concordance="[^"]+")? \}', page)
    assert blocks == [b.id for b in doc.blocks]
    assert 'data-concordance="§1 = section 1 (一、)"' in page
    html = print_book(edition, config, [chinese]).html()
    assert 'class="zh" lang="zh-Hans"' in html and 'class="en"' not in html
