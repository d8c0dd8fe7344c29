"""The engine run: ``mkdocs build --strict`` into a temporary directory, the anchors checked, one swap.

Everything the site publishes, data included, is generated into ``docs/`` before this step, so
any engine (and ``mike``) copies it unchanged. A failed build leaves the previous ``site/`` untouched.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .anchors import check_output
from .config import SiteConfig
from .errors import EditionError
from . import search_index
from .model import Edition
from .pdf import write_pdfs


def build_site(root: Path, edition: Edition, site_dir: Path, config: SiteConfig | None = None) -> Path:
    """Build the whole site into ``site_dir``, replacing it only when everything succeeded.

    With ``config``, the print edition is made too: ``pdf/<id>.pdf`` and ``pdf/edition.pdf``.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        engine = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                                   str(root / "mkdocs.yml"), "-d", str(staging)],
                                  cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # The block entries need only the edition: segmenting them on the other core while the engine runs
        # keeps the edition's search out of the build's critical path.
        try:
            entries = search_index.block_entries(edition)
        finally:
            _, stderr = engine.communicate()
        if engine.returncode:
            detail = next((line for line in stderr.splitlines() if "WARNING" in line or "Error" in line),
                          stderr.strip().splitlines()[-1] if stderr.strip() else "no output")
            raise EditionError(root / "mkdocs.yml", None, f"mkdocs build --strict failed: {detail.strip()}",
                               "fix the page or configuration it names, then run `make site` again")
        check_output(edition.registry, edition, staging)
        search_index.rewrite(staging, edition, entries)
        if config is not None:
            write_pdfs(edition, config, staging / "pdf")
            _versions(staging, config)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site_dir


def _versions(site: Path, config: SiteConfig) -> None:
    """``versions.json`` as mike writes it, so Material's version selector works before a deployment
    too (``make release`` keeps mike's own file on the published branch)."""
    entry = {"version": config.release.version, "title": config.release.version, "aliases": ["latest"]}
    (site / "versions.json").write_text(json.dumps([entry], indent=2) + "\n", encoding="utf-8")


def _swap(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
