"""Two clean builds of the same commit are byte-identical: pages, JSON, sitemap, search index, PDFs."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from .conftest import ROOT, copy_project


def _digest(tree):
    return {str(p.relative_to(tree)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tree.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch or "1790000000"}
    trees = []
    for name in ("first", "second-clone"):  # two checkouts at different paths: no path may leak into the output
        project = copy_project(tmp_path / name)
        subprocess.run([sys.executable, "-m", "build_tools", "site", "--root", str(project)], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        trees.append(_digest(project / "site"))
    first, second = trees
    assert {"sitemap.xml", "pagefind/pagefind-entry.json", "data/edition.json", "pdf/edition.pdf"} <= set(first)
    differing = sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))
    assert differing == []
