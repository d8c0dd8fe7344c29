"""Shared fixtures: the real edition, a site built from it, and a browser driving Debian's Chromium."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.editorial import build_edition
from build_tools.ingest.config import load_site_config
from build_tools.publish.site import build_site

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "source_texts" / "raw"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTEFACTS = ROOT / "build" / "test-artefacts"


def raw_line(file: str, number: int) -> str:
    """One line of a raw witness, as scraped: the real snippet a rule is tested on."""
    return (RAW / file).read_text(encoding="utf-8").split("\n")[number - 1]


@pytest.fixture(scope="session")
def edition():
    return build_edition(ROOT / "source_texts")


@pytest.fixture(scope="session")
def config():
    return load_site_config(ROOT / "mkdocs.yml")


@pytest.fixture(scope="session")
def site_dir(edition, config, tmp_path_factory) -> Path:
    """The whole site, PDFs included, built once per test session exactly as `make site` builds it."""
    return build_site(ROOT, edition, tmp_path_factory.mktemp("site") / "site", config)


def copy_project(target: Path) -> Path:
    """A copy of what a build reads (texts, docs/, overrides, mkdocs.yml) at ``target``."""
    for folder in ("source_texts", "docs", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def edit_yaml(path: Path, edit) -> None:
    """Load a YAML input, let ``edit`` change the data, write it back (comments are lost; values are not)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def replace_text(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in an input file as a contributor would type it; the text must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


PROBE_NOTE = {"id": "probe", "type": "translation", "body": "A probe.", "author": "Editors", "date": "2026-11-23"}


def add_note(project: Path, doc_id: str, **note) -> None:
    """Append a note (a probe, with ``note`` overriding its keys) to a document's annotations."""
    path = project / "source_texts" / f"{doc_id}.annotations.yml"
    if not path.exists():
        path.write_text("annotations: []\n", encoding="utf-8")
    edit_yaml(path, lambda data: data["annotations"].append({**PROBE_NOTE, **note}))


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    """A scratch copy of the project's inputs, for tests that break them."""
    return copy_project(tmp_path / "project")


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """A built site served on a free localhost port, ready when this yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "-d", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:  # not listening yet
                time.sleep(0.1)
        else:
            pytest.fail(f"the site server on port {port} did not start")
        yield base
    finally:
        process.terminate()
        process.wait()


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """The built site served on localhost."""
    with serve(site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: run `make system-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
