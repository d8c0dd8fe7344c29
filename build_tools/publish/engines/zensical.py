"""The Zensical engine, Material's successor: the same ``docs/`` and ``mkdocs.yml`` built by it.

Zensical reads the Python-Markdown extensions and the theme overrides, ignores MkDocs plugins, and wants
``docs/`` and its output folder inside the configuration's folder, so the configuration it reads is a
copy of ``mkdocs.yml`` beside it with ``site_dir`` set. Its own search is off, as MkDocs' is (``mkdocs.yml``):
the edition's search is a stage of the build, the same after either engine (``publish/search.py``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from build_tools.model.errors import EditionError
from build_tools.publish.engines.mkdocs import ANSI, CONFIG

COPY = ".zensical.yml"  # the configuration Zensical reads: mkdocs.yml with the build's site_dir
SITE_DIR = re.compile(r"^site_dir:.*\n?", re.MULTILINE)
# Zensical fails on its warnings only when strict; the build fails on every one, as with MkDocs.
PROBLEM = re.compile(r"^(?:Warning|Error):\s*(.*)")
# Under a problem, Zensical draws where it is: ``╭─[ how-to-cite.md:76:5 ]``, a page of docs/.
PLACE = re.compile(r"\[\s*([^\s\]]+):(\d+):\d+\s*\]")
FIX = "fix what it names, then build again"


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
    site_dir = json.dumps(str(out_dir.resolve().relative_to(root.resolve())))
    (root / COPY).write_text(config.rstrip("\n") + f"\nsite_dir: {site_dir}\n", encoding="utf-8")
    return subprocess.Popen([command, "build", "-f", COPY], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def check_build(engine: subprocess.Popen[str], root: Path) -> None:
    """Wait for Zensical and remove its configuration copy; its first warning or error, or its failure, as one line."""
    try:
        output, _ = engine.communicate()
    finally:
        (root / COPY).unlink(missing_ok=True)
    log = ANSI.sub("", output)
    problems = log_problems(root, log)
    if problems:
        more = f" ({len(problems)} warnings and errors in all)" if len(problems) > 1 else ""
        path, line, message = problems[0]
        raise EditionError(path, line, f"Zensical: {message}{more}", FIX)
    if engine.returncode:
        lines = [line.strip() for line in log.splitlines() if line.strip()]
        last = lines[-1] if lines else f"exit status {engine.returncode}, no output"
        raise EditionError(root / CONFIG, None, f"Zensical failed: {last}", FIX)


def log_problems(root: Path, log: str) -> list[tuple[Path, int | None, str]]:
    """The warnings and errors of a Zensical log, each at the page and line it names (else at mkdocs.yml)."""
    problems: list[tuple[Path, int | None, str]] = []
    for line in log.splitlines():
        if found := PROBLEM.match(line):
            problems.append((root / CONFIG, None, found.group(1).strip()))
        elif problems and problems[-1][1] is None and (place := PLACE.search(line)):
            problems[-1] = (root / "docs" / place.group(1), int(place.group(2)), problems[-1][2])
    return problems

