"""A small page per block and view (``/<id>/p14/``, ``/<id>/zh/p14/``), the address a reference manager saves
for one paragraph: written into the staging site after the engine, as plain files, so any engine serves them.

A reference manager reads a page as served and drops the ``#p14`` of an address (Zotero keeps only the
canonical URL), so a paragraph needs an address of its own whose ``<head>`` names the document, the edition,
its version and the paragraph; the page shows the paragraph and leads to its place in the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from build_tools.editorial.traditional import traditional_version
from build_tools.model import urls
from build_tools.model.edition import Document, Edition, SiteConfig, Version
from build_tools.model.labels import block_label
from build_tools.model.records import LANGS
from build_tools.render.annotated import shown_versions
from build_tools.render.markdown.head import block_citation, page_citation

# The head's citation tags are the theme's own partial (overrides/partials/citation-meta.html), shared with every
# document page, so that a block page and its view tell a reference manager the same things.
THEME = Path("overrides")
TEMPLATE = """\
<!doctype html>
<html lang="{{ cite.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ cite.label }} · {{ cite.title }} · {{ cite.container }} {{ cite.release }}</title>
<link rel="canonical" href="{{ cite.url }}">
<meta name="description" content="{{ description }}">
{% include "partials/citation-meta.html" %}
<meta name="DC.isPartOf" content="{{ cite.container }}">
<style>body{font:1rem/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #3f51b5}</style>
</head>
<body>
<main>
<p lang="en">{{ cite.label }} of <a href="{{ place }}"><cite lang="{{ cite.lang }}">{{ cite.title }}</cite></a>
{% if cite.author %}({{ cite.author }}, {{ cite.date }}){% else %}({{ cite.date }}){% endif %}</p>
{% for lang, text in texts %}
<blockquote lang="{{ lang }}"><p>{{ text }}</p></blockquote>
{% endfor %}
<p lang="en">{{ cite.container }} · Edition {{ release.version }} · released {{ release.date }}. {% for line in notes %}{{ line }}. {% endfor %}
<a href="{{ place }}">Read {{ cite.label }} in its place</a> · <a href="{{ home }}">the edition</a></p>
</main>
</body>
</html>
"""


def render_block_pages(root: Path, edition: Edition, config: SiteConfig) -> dict[str, str]:
    """Every block page of every document's views, by its site path: rendered while the engine runs."""
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(root / THEME), autoescape=True, trim_blocks=True,
                                  lstrip_blocks=True).from_string(TEMPLATE)
    pages: dict[str, str] = {}
    for doc in edition.documents:
        for view in urls.document_views(doc):
            versions = view_versions(doc, view)
            cite = page_citation(doc, view, config, versions[0] if view == urls.TRADITIONAL else None)
            for block in doc.blocks:
                path = urls.block_page_path(doc.id, doc.record.kind, block.id, view)
                pages[path] = block_page(template, doc, view, block.id, versions, cite, config)
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


def view_versions(doc: Document, view: str) -> tuple[Version, ...]:
    """The versions a view shows, in its order."""
    zh = doc.version("zh")
    if view == urls.TRADITIONAL and zh:
        return (traditional_version(zh),)
    if view == urls.COMPARE and (pair := doc.english_pair()):
        return pair
    version = doc.version(view)
    return (version,) if version else shown_versions(doc)


def block_page(template: jinja2.Template, doc: Document, view: str, block_id: str, versions: tuple[Version, ...],
               page: dict[str, Any], config: SiteConfig) -> str:
    """The HTML of one block's page in one view."""
    label = block_label(block_id)
    cite = block_citation(doc, view, block_id, label, page, config)
    here = urls.block_page_path(doc.id, doc.record.kind, block_id, view)
    texts = [(LANGS[v.lang], _cell_text(v, block_id)) for v in versions if block_id in v.cells]
    return template.render(cite=cite, release=config.release, texts=texts,
                           description=next((t for _, t in texts if t), ""), notes=page["extra"][1:],
                           place=urls.relative(here, urls.block_path(doc.id, doc.record.kind, block_id, view)),
                           home=urls.relative(here, "") + "/")


def _cell_text(version: Version, block_id: str) -> str:
    """A block's text in one version, or the editors' statement standing in its place."""
    cell = version.cells[block_id]
    if cell.status == "text":
        return cell.text
    if cell.status == "covered":
        return f"[Translated within the excerpt at {block_label(cell.covered_by)}.]"
    return f"[{cell.note}]"
