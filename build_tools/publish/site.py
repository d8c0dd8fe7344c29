"""The engine run: ``mkdocs build --strict`` into a temporary directory, the anchors checked, one swap.

Everything the site publishes, data included, is generated into ``docs/`` before this step, so
any engine (and ``mike``) copies it unchanged. A failed build leaves the previous ``site/`` untouched.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from build_tools.publish.engines import mkdocs
from build_tools.publish.registry import check_output
from build_tools.model.edition import SiteConfig
from build_tools.model.errors import EditionError
from build_tools.render.data import search as search_index
from build_tools.model.edition import Edition
from build_tools.render.print.pdf import write_pdfs


def build_site(root: Path, edition: Edition, site_dir: Path, config: SiteConfig | None = None) -> Path:
    """Build the whole site into ``site_dir``, replacing it only when everything succeeded.

    With ``config``, the print edition is made too: ``pdf/<id>.pdf`` and ``pdf/edition.pdf``.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        engine = mkdocs.start_build(root, staging)
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
        mkdocs.rewrite_search_index(staging, edition, entries)
        if config is not None:
            write_pdfs(edition, config, staging / "pdf")
            mkdocs.write_versions(staging, config)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site_dir


def _swap(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
