"""The Zensical engine, Material's successor: the same ``docs/`` and ``mkdocs.yml`` built by it.

Zensical reads the Python-Markdown extensions and the theme overrides, ignores MkDocs plugins, and wants
``docs/`` and its output folder inside the configuration's folder, so the configuration it reads is a
copy of ``mkdocs.yml`` beside it with ``site_dir`` set. Its search index is ``search.json``; it has no
place for the edition's block entries yet (search moves out of the engine in a later release).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

SEARCH_INDEX = "search.json"


def executable() -> str | None:
    """The ``zensical`` command installed beside this Python, if any."""
    return shutil.which("zensical", path=str(Path(sys.executable).parent))


def build(root: Path, out_dir: Path) -> subprocess.CompletedProcess[str]:
    """Build the project at ``root`` into ``out_dir`` (a folder inside ``root``) with Zensical."""
    command = executable()
    if command is None:
        raise FileNotFoundError("zensical is not installed beside this Python")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_dir"] = str(out_dir.relative_to(root))
    copy = root / ".zensical.yml"
    copy.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    try:
        return subprocess.run([command, "build", "-f", str(copy)], capture_output=True, text=True, cwd=root)
    finally:
        copy.unlink()
