"""The engine run: the engine builds into a staging directory, its log and the anchors are checked, one swap.

Everything the site publishes, data included, is generated into ``docs/`` before this step, so
any engine (and ``mike``) copies it unchanged. A failed or interrupted build leaves the previous
``site/`` untouched and no staging directory behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from build_tools.ingest.config import load_site_config
from build_tools.model.edition import Edition, SiteConfig
from build_tools.model.errors import EditionError
from build_tools.publish.block_pages import move_block_pages, render_block_pages, write_block_pages
from build_tools.publish.engines import DEFAULT, ENGINES, Engine
from build_tools.publish.links import check_link_schemes
from build_tools.publish.registry import check_output
from build_tools.publish.search import write_search_index
from build_tools.render.print.pdf import write_pdfs

STAGING = ".site-"
INTERRUPTS = (signal.SIGTERM, signal.SIGINT)
# Files that belong to the root alone: the version selector's list of releases, and the sitemap, which names
# each current page once so that search engines do not index a release's copy as well.
ROOT_ONLY = frozenset({"versions.json", "sitemap.xml", "sitemap.xml.gz"})
NOINDEX = b'<meta name="robots" content="noindex">'


def build_site(root: Path, edition: Edition, site_dir: Path, config: SiteConfig | None = None,
               engine: Engine = ENGINES[DEFAULT], *, pdfs: bool = True) -> Path:
    """Build the site into ``site_dir`` with ``engine``; given ``config``, the release folder and version list too,
    and the PDFs unless ``pdfs`` is false; replaced only on success."""
    check_build_date()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with staging_dir(site_dir) as staging, staging_dir(site_dir) as blocks:
        run = engine.start_build(root, staging)
        try:
            # The block pages and the search index need only the edition: made on the other core while the engine
            # runs, into a staging folder of their own, they stay out of the critical path.
            beside = write_block_pages(blocks, render_block_pages(
                root, edition, config or load_site_config(root / engine.config_file)))
            beside += write_search_index(blocks, edition)
            engine.check_build(run, root)
        finally:
            _stop(run)
        if not (staging / "index.html").is_file():
            raise EditionError(root / "docs" / "index.md", None, "the site has no home page",
                               "restore the hand-written docs/index.md")
        check_link_schemes(staging, root / "docs")
        check_output(edition.registry, edition, staging)
        # Plain files beside the engine's pages, escaped by construction: after the scan above, which guards
        # what no renderer of ours wrote (and would read tens of thousands of block pages at 500 documents).
        move_block_pages(blocks, staging, beside)
        if config is not None:
            if pdfs:
                write_pdfs(edition, config, staging / "pdf")
            engine.write_versions(staging, config)
            write_release(staging, config.release.version)
        _swap(staging, site_dir)
    return site_dir


def write_release(site: Path, version: str) -> None:
    """The release under ``<version>/`` as ``make release`` publishes it, so that every version-pinned address a
    citation prints resolves: every built file hard-linked, each page marked noindex (its canonical link, to the
    current page, kept), the version list and sitemap left to the root."""
    files = [path for path in sorted(site.rglob("*")) if path.is_file() and path.relative_to(site).parts[0]
             not in ROOT_ONLY]
    release = site / version
    for path in files:
        target = release / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".html":
            page = path.read_bytes()
            target.write_bytes(page.replace(b"<head>", b"<head>" + NOINDEX, 1))
        else:
            _link(path, target)


def _link(source: Path, target: Path) -> None:
    """A hard link, or a copy on a file system that has none: the release costs no disk space where it can."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def check_build_date() -> None:
    """``SOURCE_DATE_EPOCH``, the date every engine and the PDFs stamp, is a Unix time when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    # The last second of 9999: past it, a date has no four-digit year and the engine's clock overflows.
    if epoch is not None and not (epoch.isascii() and epoch.isdigit() and int(epoch) <= 253402300799):
        raise EditionError("SOURCE_DATE_EPOCH", None, f"{epoch!r} is not a Unix time",
                           "set it to whole seconds since 1970 (`git log -1 --format=%ct`) or unset it")


@contextmanager
def staging_dir(site_dir: Path) -> Iterator[Path]:
    """A staging directory beside ``site_dir``, removed however the build ends, SIGTERM and SIGINT included."""
    def interrupted(signum: int, frame: FrameType | None) -> None:
        # SystemExit, not an Exception that a library's ``except Exception`` (jieba's) would swallow:
        # it prints its one line and exits 1 once the clean-up below has run.
        raise SystemExit(str(EditionError(site_dir, None, f"build interrupted by {signal.Signals(signum).name}",
                                          "run `make site` again")))

    previous = {sig: signal.signal(sig, interrupted) for sig in INTERRUPTS}
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=site_dir.parent))
        yield staging
    finally:
        # A second signal must not cut the clean-up short.
        for sig in INTERRUPTS:
            signal.signal(sig, signal.SIG_IGN)
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop(run: subprocess.Popen[str]) -> None:
    """End the engine if it still runs, so that it writes nothing more into the staging directory."""
    if run.poll() is None:
        run.kill()
        run.wait()


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging``, interrupts held off so that none can leave no site at all."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    # A signal is recorded and acted on once the swap is whole. Recording rather than blocking: a mask
    # holds only this thread, and a signal sent to the process may be taken by another one.
    received: list[int] = []
    handlers = {sig: signal.signal(sig, lambda signum, frame: received.append(signum)) for sig in INTERRUPTS}
    try:
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    if received:
        signal.raise_signal(received[0])