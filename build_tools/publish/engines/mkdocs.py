"""The MkDocs + Material engine: everything engine-specific lives here — the build command and reading
its log, ``versions.json`` for Material's version selector. Its search is off (``mkdocs.yml``): the edition's
search is a stage of the build, the same after either engine (``publish/search.py``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from build_tools.model.edition import SiteConfig
from build_tools.model.errors import EditionError

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
    # Material prints an end-of-life banner on every run; it says nothing about this build.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
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


def write_versions(site: Path, config: SiteConfig) -> None:
    """``versions.json`` as mike writes it, for Material's version selector before a deployment too."""
    # ``make release`` keeps mike's own file on the published branch.
    entry = {"version": config.release.version, "title": config.release.version, "aliases": ["latest"]}
    (site / "versions.json").write_text(json.dumps([entry], indent=2) + "\n", encoding="utf-8")
