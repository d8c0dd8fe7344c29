"""Writing the generated pages into ``docs/`` and checking that the committed ones are fresh."""

from __future__ import annotations

from pathlib import Path

from .config import SiteConfig
from .markdown_out import GENERATED, PageContext, document_pages
from .model import Edition
from .reference_pages import render_changelog, render_cleaning_rules, render_sources


def generated_pages(edition: Edition, config: SiteConfig) -> dict[str, str]:
    """All generated pages of the edition, keyed by path under ``docs/``."""
    context = PageContext(config, edition.registry)
    pages: dict[str, str] = {}
    for doc in edition.documents:
        pages.update(document_pages(doc, context))
    pages["sources.md"] = render_sources(edition)
    pages["cleaning-rules.md"] = render_cleaning_rules(edition)
    pages["changelog.md"] = render_changelog(edition)
    return pages


def is_generated(path: Path) -> bool:
    """A page in ``docs/`` that build_tools wrote (its second line says so)."""
    lines = path.read_text(encoding="utf-8").splitlines()[:2]
    return len(lines) == 2 and lines[1] == GENERATED


def stale_pages(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Generated pages that are missing, differ, or are left over from an earlier build."""
    stale = [name for name, text in pages.items()
             if not (docs_dir / name).is_file() or (docs_dir / name).read_text(encoding="utf-8") != text]
    leftovers = [str(p.relative_to(docs_dir)) for p in docs_dir.rglob("*.md")
                 if is_generated(p) and str(p.relative_to(docs_dir)) not in pages]
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
