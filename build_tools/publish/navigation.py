"""The navigation's Documents and Excerpts sections, generated from the edition records into ``mkdocs.yml``.

Both engines read the navigation from ``mkdocs.yml``, so ``make docs`` rewrites only the lines between
two marker comments of its ``nav:`` (a generated region, ``regions.py``) and leaves every other byte as
the editors wrote it; ``check`` fails when those lines are not what the records make, so a new record
never goes missing from the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from build_tools.model import urls
from build_tools.model.edition import Document, Edition
from build_tools.model.errors import EditionError
from build_tools.model.labels import document_title, view_label
from build_tools.publish.regions import Markers, Region, find_region, indent_of

BEGIN = "# BEGIN generated: documents and excerpts — from source_texts/*.yml by `make docs`; do not edit"
END = "# END generated"
# Up to this many entries a section lists its documents directly; above it, a reader scans a long flat
# list poorly, so the section holds one subsection per year.
GROUP_BY_YEAR_ABOVE = 20
SECTIONS = {"document": "Documents", "excerpt": "Excerpts"}
RUN = "run `make docs` (it writes the navigation from the records) and commit mkdocs.yml"
MARKERS = Markers(BEGIN, END, "generated-navigation",
                  f'put the two lines "{BEGIN}" and "{END}" inside nav:, indented like its entries, where the '
                  "documents go, then run `make docs`")


NavEntry = dict[str, Any]  # one entry of the engines' nav: {label: page} or {label: [entries]}


def document_entry(doc: Document) -> NavEntry:
    """A document's entry: its parallel page, then each view by its label; an excerpt's single page."""
    kind = doc.record.kind
    if kind != "document":
        return {document_title(doc.record): urls.docs_path(doc.id, kind)}
    views = urls.document_views(doc)
    # The 繁體 views are read as other forms of the Chinese: listed right after it.
    if traditional := [v for v in views if v in (urls.TRADITIONAL, urls.TRADITIONAL_PARALLEL)]:
        views = [v for v in views if v not in traditional]
        views[views.index("zh") + 1:views.index("zh") + 1] = traditional
    pages: list[str | NavEntry] = []
    for view in views:
        page = urls.docs_path(doc.id, kind, view)
        pages.append(page if view == urls.PARALLEL else {view_label(doc, view): page})
    return {document_title(doc.record): pages}


def by_date(doc: Document) -> tuple[str, str]:
    """The navigation's order: by date, documents of one day by ID."""
    return doc.record.date, doc.id


def document_sections(edition: Edition) -> list[NavEntry]:
    """The Documents and Excerpts sections, each in date order, by year once it lists many."""
    sections = []
    for kind, name in SECTIONS.items():
        documents = sorted((d for d in edition.documents if d.record.kind == kind), key=by_date)
        if not documents:
            continue
        if len(documents) <= GROUP_BY_YEAR_ABOVE:
            sections.append({name: [document_entry(d) for d in documents]})
            continue
        years: dict[str, list[NavEntry]] = {}
        for doc in documents:
            years.setdefault(doc.record.date[:4], []).append(document_entry(doc))
        sections.append({name: [{year: entries} for year, entries in years.items()]})
    return sections


class _NavDumper(yaml.SafeDumper):
    """The nav written as editors write it: each list indented under its label."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def nav_lines(sections: list[NavEntry], indent: str) -> list[str]:
    """The sections as YAML lines at ``indent``, every label quoted wherever YAML needs it."""
    text = yaml.dump(sections, Dumper=_NavDumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1 << 30, indent=2) if sections else ""
    return [f"{indent}{line}\n" for line in text.splitlines()]


def nav_region(path: Path) -> Region:
    """The generated region of the file's ``nav:``, its two markers checked."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    nav = next((i for i, line in enumerate(lines) if line.startswith("nav:")), None)
    region = find_region(path, lines, MARKERS, nav + 1 if nav is not None else 1,
                         "the navigation has no generated region for the documents")
    begin, end = region.begin, region.end
    # The region must sit in nav:, the last top-level key above the marker.
    owner = next((i for i in range(begin - 1, -1, -1) if lines[i][:1] not in (" ", "\t", "#", "\n", "-", "")), None)
    if owner is None or owner != nav:
        raise EditionError(path, begin + 1, "the generated-navigation marker is not inside nav:", MARKERS.fix)
    if indent_of(lines[end]) != region.indent:
        raise EditionError(path, end + 1, f"the END marker is not indented like its BEGIN marker (line {begin + 1})",
                           "indent both like the nav entries around them, then run `make docs`")
    return region


def updated_config(path: Path, edition: Edition) -> str:
    """The text of ``mkdocs.yml`` with the generated navigation made from ``edition``."""
    region = nav_region(path)
    return region.with_lines(nav_lines(document_sections(edition), region.indent))


def check_navigation(path: Path, edition: Edition) -> None:
    """The generated navigation is what the records make; else what it lacks, at its line."""
    region = nav_region(path)
    line = region.stale_line(nav_lines(document_sections(edition), region.indent))
    if line is None:
        return
    try:
        listed = set(nav_pages(yaml.safe_load("".join(text.removeprefix(region.indent) for text in region.current))))
    except yaml.YAMLError:
        raise EditionError(path, line, "the generated navigation is not valid YAML", RUN) from None
    made: set[str] = set()
    for doc in sorted(edition.documents, key=by_date):
        pages = nav_pages([document_entry(doc)])
        made.update(pages)
        missing = [page for page in pages if page not in listed]
        if missing:
            what = document_title(doc.record) if len(missing) == len(pages) else \
                f"its page{'s' * (len(missing) > 1)} {', '.join(missing)}"
            raise EditionError(path, line, f"the navigation lacks {doc.id} ({what})", RUN)
    if extra := sorted(listed - made):
        raise EditionError(path, line, f"the navigation lists {extra[0]}, which no edition record makes", RUN)
    raise EditionError(path, line, "the generated navigation is out of date (a title, label, order or grouping)", RUN)


def nav_pages(node: object) -> list[str]:
    """Every page a nav fragment lists, at any depth."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in nav_pages(value)]
    return []
