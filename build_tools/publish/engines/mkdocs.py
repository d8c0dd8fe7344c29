"""The MkDocs + Material engine: everything engine-specific lives here — the build command, the
search index format, ``versions.json`` for Material's version selector.

Material indexes a page by its headings, so a search in a document without headings would only find
the whole page: after the engine, the document pages' entries of its index are replaced by the
edition's block entries (``render.data.search``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from build_tools.model.edition import Edition, SiteConfig


def start_build(root: Path, out_dir: Path) -> subprocess.Popen[str]:
    """Start ``mkdocs build`` of the project at ``root`` into ``out_dir``."""
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                             str(root / "mkdocs.yml"), "-d", str(out_dir)],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def rewrite_search_index(site_dir: Path, edition: Edition, entries: list[dict]) -> None:
    """Replace the document pages' entries of ``search/search_index.json`` by the block ``entries``."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    documents = tuple(f"{doc.id}/" for doc in edition.documents)
    kept = [entry for entry in index["docs"] if not entry["location"].startswith(documents)
            or "#" not in entry["location"] and entry["location"].count("/") == 1]
    for entry in kept:
        if entry["location"].startswith(documents):
            entry["text"] = ""  # the page itself stays findable by its title; its text is in its blocks
    index["docs"] = kept + entries
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_versions(site: Path, config: SiteConfig) -> None:
    """``versions.json`` as mike writes it, so Material's version selector works before a deployment
    too (``make release`` keeps mike's own file on the published branch)."""
    entry = {"version": config.release.version, "title": config.release.version, "aliases": ["latest"]}
    (site / "versions.json").write_text(json.dumps([entry], indent=2) + "\n", encoding="utf-8")
