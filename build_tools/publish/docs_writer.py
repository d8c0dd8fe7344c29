"""Writing the generated pages into ``docs/`` and checking that the committed ones are fresh."""

from __future__ import annotations

from pathlib import Path

from build_tools.render.markdown.comparison import comparison_pairs, render_comparison
from build_tools.model.edition import SiteConfig
from build_tools.render.markdown.markup import short_titles
from build_tools.render.data.edition_json import data_files
from build_tools.render.markdown.pages import (GENERATED, PageContext, render_excerpt_page, render_parallel_page,
                           render_version_page)
from build_tools.model.edition import Document, Edition
from build_tools.render.markdown.reference import render_changelog, render_cleaning_rules, render_echoes, render_glossary, render_sources
from build_tools.editorial.traditional import KEY as TRADITIONAL
from build_tools.editorial.traditional import traditional_version


def generated_pages(edition: Edition, config: SiteConfig) -> dict[str, str]:
    """All generated pages of the edition, keyed by path under ``docs/``."""
    pages_of = {d.id: f"{d.id}/index.md" if d.record.kind == "document" else f"{d.id}.md" for d in edition.documents}
    context = PageContext(config, edition.registry, edition.editorial, pages_of, short_titles(edition.documents))
    pages: dict[str, str] = {}
    for doc in edition.documents:
        pages.update(document_pages(doc, context))
    pages["sources.md"] = render_sources(edition)
    pages["cleaning-rules.md"] = render_cleaning_rules(edition)
    pages["changelog.md"] = render_changelog(edition, pages_of)
    pages["glossary.md"] = render_glossary(edition, context.titles, pages_of)
    pages["echoes.md"] = render_echoes(edition, context.titles, pages_of)
    pages.update({f"{DATA}/{name}": text for name, text in data_files(edition, config).items()})
    return pages


DATA = "data"


def document_pages(doc: Document, context: PageContext) -> dict[str, str]:
    """Every generated page of one document, keyed by path under ``docs/``."""
    if doc.record.kind == "excerpt":
        return {f"{doc.id}.md": render_excerpt_page(doc, context)}
    pages = {f"{doc.id}/index.md": render_parallel_page(doc, context)}
    pages.update({f"{doc.id}/{v.key}.md": render_version_page(doc, v, context) for v in doc.versions})
    if zh := doc.version("zh"):
        pages[f"{doc.id}/{TRADITIONAL}.md"] = render_version_page(doc, traditional_version(zh), context)
    if comparison_pairs(doc):
        pages[f"{doc.id}/compare.md"] = render_comparison(doc, context)
    return pages


def is_generated(docs_dir: Path, path: Path) -> bool:
    """A file in ``docs/`` that build_tools wrote: all of ``docs/data/``, and pages whose second line says so."""
    if path.relative_to(docs_dir).parts[0] == DATA:
        return True
    lines = path.read_text(encoding="utf-8").splitlines()[:2] if path.suffix == ".md" else []
    return len(lines) == 2 and lines[1] == GENERATED


def stale_pages(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Generated pages that are missing, differ, or are left over from an earlier build."""
    stale = [name for name, text in pages.items()
             if not (docs_dir / name).is_file() or (docs_dir / name).read_text(encoding="utf-8") != text]
    leftovers = [str(p.relative_to(docs_dir)) for p in docs_dir.rglob("*")
                 if p.is_file() and is_generated(docs_dir, p) and str(p.relative_to(docs_dir)) not in pages]
    return sorted(stale + leftovers)


def write_pages(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Write changed pages and remove generated leftovers; return what changed."""
    changed = stale_pages(docs_dir, pages)
    for name in changed:
        path = docs_dir / name
        if name in pages:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(pages[name], encoding="utf-8")
        else:
            path.unlink()
    return changed
