"""The site engines behind one small interface: what the build asks of whichever engine turns ``docs/`` into HTML."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_tools.model.edition import SiteConfig
from build_tools.publish.engines import mkdocs, zensical


@dataclass(frozen=True)
class Engine:
    """An engine's configuration file and the steps of a build that differ from engine to engine."""

    config_file: str  # the configuration the engine and build_tools read, relative to the project
    start_build: Callable[[Path, Path], subprocess.Popen[str]]  # (project, output folder) → the running engine
    check_build: Callable[[subprocess.Popen[str], Path], None]  # waits; its first problem as an EditionError
    write_versions: Callable[[Path, SiteConfig], None]  # the version selector's versions.json


MKDOCS = Engine(mkdocs.CONFIG, mkdocs.start_build, mkdocs.check_build, mkdocs.write_versions)
# Zensical reads mkdocs.yml and keeps Material's version selector, so versions.json is written as for MkDocs.
ZENSICAL = Engine(mkdocs.CONFIG, zensical.start_build, zensical.check_build, mkdocs.write_versions)
ENGINES = {"mkdocs": MKDOCS, "zensical": ZENSICAL}
DEFAULT = "mkdocs"
