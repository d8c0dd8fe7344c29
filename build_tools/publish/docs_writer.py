"""Writing the generated pages into ``docs/`` and checking that the committed ones are fresh."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.editorial.traditional import traditional_version
from build_tools.model import urls
from build_tools.model.edition import Document, Edition, SiteConfig
from build_tools.model.errors import EditionError
from build_tools.render.data.edition_json import data_files
from build_tools.render.markdown.comparison import render_comparison
from build_tools.render.markdown.echoes import render_echoes
from build_tools.render.markdown.markup import short_titles
from build_tools.render.markdown.pages import (
    PageContext,
    render_excerpt_page,
    render_parallel_page,
    render_version_page,
)
from build_tools.render.markdown.reference import (
    render_changelog,
    render_cleaning_rules,
    render_glossary,
    render_sources,
)


def generated_pages(edition: Edition, config: SiteConfig) -> dict[str, str]:
    """All generated pages of the edition, keyed by path under ``docs/``."""
    pages_of = {d.id: urls.docs_path(d.id, d.record.kind) for d in edition.documents}
    context = PageContext(config, edition.registry, edition.editorial, pages_of, short_titles(edition.documents),
                          {d.id: d for d in edition.documents})
    pages: dict[str, str] = {}
    for doc in edition.documents:
        pages.update(document_pages(doc, context))
    pages["sources.md"] = render_sources(edition)
    pages["cleaning-rules.md"] = render_cleaning_rules(edition)
    pages["changelog.md"] = render_changelog(edition, pages_of)
    pages["glossary.md"] = render_glossary(edition, context.titles, pages_of)
    pages["echoes.md"] = render_echoes(edition, context.titles, pages_of)
    pages.update({urls.data_path(name): text for name, text in data_files(edition, config).items()})
    return pages


def document_pages(doc: Document, context: PageContext) -> dict[str, str]:
    """Every generated page of one document, keyed by path under ``docs/``."""
    return {urls.docs_path(doc.id, doc.record.kind, view): _view_page(doc, view, context) for view in urls.document_views(doc)}


def _view_page(doc: Document, view: str, context: PageContext) -> str:
    """The Markdown of one view of a document."""
    if view == urls.EXCERPT:
        return render_excerpt_page(doc, context)
    if view in (urls.PARALLEL, urls.TRADITIONAL_PARALLEL):
        return render_parallel_page(doc, context, view)
    if view == urls.COMPARE:
        return render_comparison(doc, context)
    zh = doc.version("zh")
    if view == urls.TRADITIONAL and zh:
        return render_version_page(doc, traditional_version(zh), context)
    version = doc.version(view)
    assert version is not None, f"{doc.id} has no version {view}"
    return render_version_page(doc, version, context)


# A generated path is made of IDs only: lower-case segments that cannot be empty, ``.`` or ``..``.
SEGMENT = re.compile(r"[a-z0-9][a-z0-9._-]*")


def is_generated(docs_dir: Path, path: Path) -> bool:
    """A file that build_tools wrote, known by its marker (RIS and JSON-LD, which have none, by their exact name)."""
    if not path.is_file() or path.is_symlink():
        return False
    if path.suffix == ".md":
        return urls.is_generated_page(path.read_text(encoding="utf-8", errors="replace"))
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_bytes())
        except ValueError:
            return False
        return isinstance(data, dict) and data.get("generated_by") == urls.GENERATED_BY
    return urls.UNMARKED_DATA.fullmatch(path.relative_to(docs_dir).as_posix()) is not None


@dataclass(frozen=True)
class Changes:
    """What a docs/ update writes and removes, every path checked before anything is touched."""

    write: dict[Path, str]
    remove: list[Path]

    def names(self, docs_dir: Path) -> list[str]:
        """The changed paths under ``docs/``, sorted."""
        return sorted(str(p.relative_to(docs_dir)) for p in [*self.write, *self.remove])


def plan_changes(docs_dir: Path, pages: dict[str, str]) -> Changes:
    """The pages that are missing or differ, and the generated leftovers, refusing any unsafe target."""
    docs_dir = docs_dir.resolve()
    write = {}
    for name, text in pages.items():
        path = _target(docs_dir, name)
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            write[path] = text
    targets = {docs_dir / name for name in pages}
    remove = [path for path in _files(docs_dir) if path not in targets and is_generated(docs_dir, path)]
    return Changes(write, remove)


def _target(docs_dir: Path, name: str) -> Path:
    """The file a generated page goes to: inside ``docs/``, reached through no symlink, not hand-written."""
    parts = name.split("/")
    if not all(SEGMENT.fullmatch(part) for part in parts):
        raise EditionError(docs_dir, None, f"a generated page would be written at {name!r}, which is not a path of IDs",
                           "give documents and versions IDs of a-z, 0-9 and hyphens")
    path = docs_dir.joinpath(*parts)
    for parent in reversed(path.relative_to(docs_dir).parents[:-1]):
        if (docs_dir / parent).is_symlink() or (docs_dir / parent).exists() and not (docs_dir / parent).is_dir():
            raise EditionError(docs_dir / parent, None, "a generated page would be written through this file or "
                               "symlink", "make it a plain folder, or rename the document whose ID makes this path")
    if path.is_symlink() or path.exists() and not is_generated(docs_dir, path):
        raise EditionError(path, None, "a generated page would overwrite this page, which lacks the generated marker",
                           "if it is hand-written, rename the document or version whose ID makes this path; "
                           "if it is a generated page edited by hand, delete it and run `make docs`")
    return path


def _files(docs_dir: Path) -> list[Path]:
    """Every file in ``docs/``, symlinked folders not followed."""
    return [Path(folder, name) for folder, _, names in os.walk(docs_dir) for name in names]


def stale_pages(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Generated pages that are missing, differ, or are left over from an earlier build."""
    return plan_changes(docs_dir, pages).names(docs_dir.resolve())


def write_pages(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Write changed pages and remove generated leftovers, once every target is checked; return what changed."""
    changes = plan_changes(docs_dir, pages)
    for path, text in changes.write.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for path in changes.remove:
        path.unlink()
        _remove_empty_folders(docs_dir.resolve(), path.parent)
    return changes.names(docs_dir.resolve())


def _remove_empty_folders(docs_dir: Path, folder: Path) -> None:
    """Remove the folders a removed leftover leaves empty, up to ``docs/``."""
    while folder != docs_dir and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
