"""The URL scheme of the edition: the one place that decides where a document, view, block or data
file lives. Published URLs are permanent, so this module changes only by adding.

``docs_path`` is a page's source under ``docs/``; ``path`` is its URL path relative to the site root
(directory URLs, as the site is built); ``absolute`` joins a path to the site's base URL.
"""

from __future__ import annotations

import posixpath

from build_tools.model.records import EditionRecord

PARALLEL = "both"
EXCERPT = "excerpt"
DATA = "data"
PDF = "pdf"


def is_document(record: EditionRecord) -> bool:
    """Full documents have a folder of views; excerpts have a single page."""
    return record.kind == "document"


def docs_path(doc_id: str, kind: str, view: str = PARALLEL) -> str:
    """The Markdown source of a document's view under ``docs/``."""
    if kind != "document":
        return f"{doc_id}.md"
    return f"{doc_id}/index.md" if view == PARALLEL else f"{doc_id}/{view}.md"


def view_path(doc_id: str, kind: str, view: str = PARALLEL) -> str:
    """The URL path of a document's view: ``<id>/`` (parallel, excerpt) or ``<id>/<view>/``."""
    if kind != "document" or view in (PARALLEL, EXCERPT):
        return f"{doc_id}/"
    return f"{doc_id}/{view}/"


def block_path(doc_id: str, kind: str, block_id: str, view: str = PARALLEL) -> str:
    """A block's permanent address in one view."""
    return f"{view_path(doc_id, kind, view)}#{block_id}"


def pdf_path(name: str) -> str:
    """A print PDF: ``pdf/<id>.pdf`` or ``pdf/edition.pdf``."""
    return f"{PDF}/{name}.pdf"


def data_path(name: str) -> str:
    """A data file under ``data/``: ``data/<id>.json``, ``data/cite/<id>.ris`` …"""
    return f"{DATA}/{name}"


def page_path(docs_page: str) -> str:
    """The URL path of a page from its source under ``docs/``: ``a/index.md`` → ``a/``, ``a/b.md`` → ``a/b/``."""
    stem = docs_page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path`` (URL paths, ``to_path`` perhaps with ``#anchor``),
    written as the engine writes the links it resolves: ``./#p1``, ``../zh/#p3``."""
    target, _, anchor = to_path.partition("#")
    link = posixpath.relpath("/" + target, posixpath.dirname("/" + from_path))
    link += "/" if target.endswith("/") else ""
    return link + (f"#{anchor}" if anchor else "")


def absolute(site_url: str, path: str = "") -> str:
    """A site path as an absolute URL on the published site."""
    return site_url + path
