"""The MkDocs + Material engine: everything engine-specific lives here — the build command and reading
its log, the search index format, ``versions.json`` for Material's version selector.

Material indexes a page by its headings, so a search in a document without headings would only find
the whole page: after the engine, the document pages' entries of its index are replaced by the
edition's block entries (``render.data.search``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from build_tools.model import urls
from build_tools.model.edition import Edition, SiteConfig
from build_tools.model.errors import EditionError
from build_tools.render.data.search import dictionary_cache

CONFIG = "mkdocs.yml"

# ``--quiet`` raises MkDocs' logger to ERROR, so its strict mode never counts a warning (a known MkDocs issue):
# the engine logs at its default level instead, and every WARNING or ERROR line of its log fails the build here.
PROBLEM = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Where a message names its file: a page of docs/, or else mkdocs.yml (nav, configuration, theme).
DOC_FILE = re.compile(r"(?:Doc file|Error building page|Error reading page|File not found:) '?([^' ]+)'?")
FIX = "fix what it names, then run `make site` again"


def start_build(root: Path, out_dir: Path) -> subprocess.Popen[str]:
    """Start ``mkdocs build --strict`` of the project at ``root`` into ``out_dir``, its log on one pipe."""
    # Material prints an end-of-life banner on every run; it says nothing about this build. Its search
    # plugin segments Chinese with jieba, which caches its dictionary in TMPDIR: kept inside the project.
    scratch = dictionary_cache(root)
    scratch.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "TMPDIR": str(scratch)}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / CONFIG),
                             "-d", str(out_dir)],
                            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def check_build(engine: subprocess.Popen[str], root: Path) -> None:
    """Wait for the engine; its first warning or error, or its failure, as one located line."""
    output, _ = engine.communicate()
    log = ANSI.sub("", output)
    problems = log_problems(log)
    if problems:
        more = f" ({len(problems)} warnings and errors in all)" if len(problems) > 1 else ""
        path, message = _located(root, problems[0])
        raise EditionError(path, None, f"MkDocs: {message}{more}", FIX)
    if engine.returncode:
        lines = [line.strip() for line in log.splitlines() if line.strip()]
        path, message = _located(root, lines[-1] if lines else f"exit status {engine.returncode}, no output")
        raise EditionError(path, None, f"MkDocs failed: {message}", FIX)


def log_problems(log: str) -> list[str]:
    """The WARNING and ERROR messages of an MkDocs log, each with its indented continuation lines."""
    problems: list[str] = []
    within = False
    for line in log.splitlines():
        if found := PROBLEM.match(line):
            problems.append(found.group(2).strip())
            within = True
        elif within and line.startswith((" ", "\t")) and line.strip():
            problems[-1] += " " + line.strip()
        else:
            within = False
    return problems


def _located(root: Path, message: str) -> tuple[Path, str]:
    """The file an engine message names (a page of docs/, else mkdocs.yml) and the message."""
    if found := DOC_FILE.search(message):
        return root / "docs" / found.group(1), message
    return root / CONFIG, message


def rewrite_search_index(site_dir: Path, edition: Edition, entries: list[dict[str, Any]]) -> None:
    """Replace the document pages' entries of ``search/search_index.json`` by the block ``entries``."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    # Each document's parallel (or excerpt) page stays findable by its title; its text is in its blocks.
    pages = {urls.view_path(doc.id, doc.record.kind) for doc in edition.documents}
    kept = [entry for entry in index["docs"] if entry["location"] in pages
            or not entry["location"].startswith(tuple(pages))]
    for entry in kept:
        if entry["location"] in pages:
            entry["text"] = ""
    index["docs"] = kept + entries
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_versions(site: Path, config: SiteConfig) -> None:
    """``versions.json`` as mike writes it, for Material's version selector before a deployment too."""
    # ``make release`` keeps mike's own file on the published branch.
    entry = {"version": config.release.version, "title": config.release.version, "aliases": ["latest"]}
    (site / "versions.json").write_text(json.dumps([entry], indent=2) + "\n", encoding="utf-8")
