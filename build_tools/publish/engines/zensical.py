"""The Zensical engine, Material's successor: the same ``docs/`` and ``mkdocs.yml`` built by it.

Zensical reads the Python-Markdown extensions and the theme overrides, ignores MkDocs plugins, and wants
``docs/`` and its output folder inside the configuration's folder, so the configuration it reads is a
copy of ``mkdocs.yml`` beside it with ``site_dir`` set. Its search index is ``search.json``; it has no
place for the edition's block entries yet (search moves out of the engine in a later release).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from build_tools.model.edition import Edition
from build_tools.model.errors import EditionError

CONFIG = "mkdocs.yml"
COPY = ".zensical.yml"  # the configuration Zensical reads: mkdocs.yml with the build's site_dir
SEARCH_INDEX = "search.json"
SITE_DIR = re.compile(r"^site_dir:.*\n?", re.MULTILINE)
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def executable() -> str | None:
    """The ``zensical`` command installed beside this Python, if any."""
    return shutil.which("zensical", path=str(Path(sys.executable).parent))


def start_build(root: Path, out_dir: Path) -> subprocess.Popen[str]:
    """Start Zensical on the project at ``root``, building into ``out_dir`` (a folder inside ``root``)."""
    command = executable()
    if command is None:
        raise EditionError(root / CONFIG, None, "Zensical is not installed beside this Python",
                           "run `pip install zensical`, or build with MkDocs")
    # Only site_dir is rewritten, as text: the engine's own tags (!!python/name: …) reach Zensical as written.
    config = SITE_DIR.sub("", (root / CONFIG).read_text(encoding="utf-8"))
    (root / COPY).write_text(config.rstrip("\n") + f"\nsite_dir: {json.dumps(str(out_dir.resolve().relative_to(root.resolve())))}\n", encoding="utf-8")
    return subprocess.Popen([command, "build", "-f", COPY], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def check_build(engine: subprocess.Popen[str], root: Path) -> None:
    """Wait for Zensical, then remove its configuration copy; its failure as one line naming its last message."""
    try:
        output, _ = engine.communicate()
    finally:
        (root / COPY).unlink(missing_ok=True)
    if engine.returncode:
        lines = [line.strip() for line in ANSI.sub("", output).splitlines() if line.strip()]
        raise EditionError(root / CONFIG, None, f"Zensical failed: {lines[-1] if lines else engine.returncode}",
                           "fix what it names, then build again")


def rewrite_search_index(site_dir: Path, edition: Edition, entries: list[dict[str, Any]]) -> None:
    """Nothing yet: Zensical's index has no place for the block entries (the known gap, until search leaves the engine)."""
