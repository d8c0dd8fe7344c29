"""A small page per block and view (``/<id>/p14/``, ``/<id>/zh/p14/``), the address a reference manager saves
for one paragraph: written into the staging site after the engine, as plain files, so any engine serves them.

A reference manager reads a page as served and drops the ``#p14`` of an address (Zotero keeps only the
canonical URL), so a paragraph needs an address of its own whose ``<head>`` names the document, the edition,
its version and the paragraph; the page shows the paragraph and leads to its place in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from build_tools.model import urls
from build_tools.model.edition import Document, Edition, SiteConfig, Version
from build_tools.model.labels import block_label, view_label
from build_tools.model.records import LANGS
from build_tools.render.annotated import OwnNumber, concordance, shown_versions, view_versions
from build_tools.render.elements import HAN_RUN
from build_tools.render.markdown.head import block_citation, page_citation

# The template (templates/block-page.html) includes the theme's own partial of citation tags
# (overrides/partials/citation-meta.html), shared with every document page, so that a block page and its view tell a
# reference manager the same things; its stylesheet is the theme's assets/block-page.css.
TEMPLATES = Path(__file__).parent / "templates"
THEME = Path("overrides")
STYLESHEET = "assets/block-page.css"


def render_block_pages(root: Path, edition: Edition, config: SiteConfig) -> dict[str, str]:
    """Every block page of every document's views, by its site path: rendered while the engine runs."""
    loader = jinja2.FileSystemLoader([TEMPLATES, root / THEME])
    template = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True,
                                  lstrip_blocks=True).get_template("block-page.html")
    pages: dict[str, str] = {}
    for doc in edition.documents:
        views = urls.document_views(doc)
        own_numbers = concordance(doc)
        for view in views:
            versions = view_versions(doc, view)
            cite = page_citation(doc, view, config, versions[0] if view == urls.TRADITIONAL else None)
            for block in doc.blocks:
                path = urls.block_page_path(doc.id, doc.record.kind, block.id, view)
                own = own_numbers.get(block.id)
                pages[path] = block_page(template, BlockPage(doc, view, block.id, versions, views),
                                         _own_number(doc, block.id, own) if own else None, cite, config)
    return pages


def write_block_pages(site_dir: Path, pages: dict[str, str]) -> list[str]:
    """Write the rendered block pages into ``site_dir``; their site paths."""
    for path, html in pages.items():
        target = site_dir / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return list(pages)


def move_block_pages(source: Path, site_dir: Path, paths: list[str]) -> None:
    """Move block pages written beside the site into it, once the engine has built it (a rename each)."""
    for path in paths:
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        (source / path).rename(target)


@dataclass(frozen=True)
class BlockPage:
    """Which page: one block of a document in one of its views (``views``: all the document's views)."""

    doc: Document
    view: str
    block_id: str
    versions: tuple[Version, ...]
    views: list[str]


def _own_number(doc: Document, block_id: str, own: OwnNumber) -> tuple[str, str, str, str]:
    """"¶14 = item 12 (十二、)" in three parts around the document's own mark, and the mark's language."""
    before, mark, after = own.label(block_id).rpartition(own.mark)
    version = doc.version(own.version)
    return before, mark, after, LANGS[version.lang] if version else "en"


def block_page(template: jinja2.Template, page: BlockPage, own_number: tuple[str, str, str, str] | None,
               view_cite: dict[str, Any], config: SiteConfig) -> str:
    """The HTML of one block's page in one view; ``own_number``: "¶14 = item 12 (十二、)" in parts, or None."""
    doc, view, block_id = page.doc, page.view, page.block_id
    kind = doc.record.kind
    label = block_label(block_id)
    cite = block_citation(doc, view, block_id, label, view_cite, config)
    here = urls.block_page_path(doc.id, kind, block_id, view)

    def link(path: str) -> str:
        return urls.relative(here, path)

    texts = [{"lang": LANGS[v.lang], "label": v.label, "text": _cell_text(v, block_id)}
             for v in page.versions if block_id in v.cells]
    others = [{"href": link(urls.block_page_path(doc.id, kind, block_id, other)), "label": _view_name(doc, other),
               "lang": _view_lang(doc, other)} for other in page.views if other != view]
    # The parallel page's title is both titles, "人工智能全球治理行动计划 = Global AI Governance Action Plan": each in
    # its own language.
    titles = [{"lang": cite["lang"] if HAN_RUN.search(title) else "en", "text": title} for title in cite["titles"]]
    return template.render(cite=cite, release=config.release, texts=texts, concordance=own_number, titles=titles,
                           description=next((t["text"] for t in texts if t["text"]), ""),
                           notes=view_cite["notes"], others=others,
                           place=link(urls.block_path(doc.id, kind, block_id, view)),
                           view={"href": link(urls.view_path(doc.id, kind, view)), "label": _view_name(doc, view)},
                           document=link(urls.view_path(doc.id, kind)), home=link("") + "/",
                           stylesheet=link(STYLESHEET), how_to_cite=link(urls.page_path("how-to-cite.md")))


def _view_name(doc: Document, view: str) -> str:
    """A view's name for readers: the parallel page by the versions it shows, "中文 · English"."""
    if view in (urls.PARALLEL, urls.EXCERPT):
        return " · ".join(v.label for v in shown_versions(doc))
    return view_label(doc, view)


def _view_lang(doc: Document, view: str) -> str:
    """The language a view's name is written in, for its link's ``lang``."""
    version = doc.version(view)
    if view in (urls.TRADITIONAL, urls.TRADITIONAL_PARALLEL):
        return LANGS["zh-hant"]
    return LANGS[version.lang] if version and view not in (urls.PARALLEL, urls.EXCERPT) else "en"


def _cell_text(version: Version, block_id: str) -> str:
    """A block's text in one version, or the editors' statement standing in its place."""
    cell = version.cells[block_id]
    if cell.status == "text":
        return cell.text
    if cell.status == "covered":
        return f"[Translated within the excerpt at {block_label(cell.covered_by)}.]"
    return f"[{cell.note}]"
