"""Engine portability: the same docs/ builds with Zensical, with the same block anchors as with MkDocs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

ANCHOR = re.compile(r'id="([ps]\d+)"')


def _zensical() -> str:
    found = shutil.which("zensical", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("Zensical is not installed here (make test tries `pip install zensical`); portability not checked")
    return found


def _anchors(site: Path) -> dict[str, list[str]]:
    return {str(page.relative_to(site)): ANCHOR.findall(page.read_text(encoding="utf-8"))
            for page in sorted(site.rglob("index.html")) if ANCHOR.search(page.read_text(encoding="utf-8"))}


def test_zensical_builds_the_same_block_anchors(site_dir, tmp_path):
    zensical = _zensical()
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    output = ROOT / "build" / "zensical-site"
    shutil.rmtree(output, ignore_errors=True)
    config["site_dir"] = str(output)
    # Zensical wants docs/ and the output inside the configuration's folder: the copy sits beside mkdocs.yml.
    copy = ROOT / f".zensical-{tmp_path.name}.yml"
    copy.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    try:
        run = subprocess.run([zensical, "build", "-f", str(copy)], capture_output=True, text=True, cwd=ROOT)
    finally:
        copy.unlink()
    assert run.returncode == 0, run.stdout + run.stderr
    ours, theirs = _anchors(site_dir), _anchors(output)
    assert len(ours) > 20 and ours == theirs
