"""Command line: ``python -m build_tools docs|check|site|register|draft [--site-dir DIR] [--engine NAME]``.

``docs`` regenerates the Markdown in ``docs/``, the navigation's documents in ``mkdocs.yml`` and the home
page's table of documents; ``check`` fails when any is stale; ``site`` does both the ingest and the engine
run, writing the finished site in one swap; ``register`` records the current release and its new anchors in
``source_texts/registry/anchors.yml``; ``draft source_texts/raw/<file> [--id ID]`` writes a new raw file's
manifest entry and edition record and previews its text. Bad input, a failed write and an interrupt end with one line,
``file:line: what is wrong — how to fix``, and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools.editorial import build_edition
from build_tools.ingest.config import load_site_config
from build_tools.ingest.draft import draft
from build_tools.ingest.lookout import edition_warnings
from build_tools.model.errors import EditionError
from build_tools.publish.docs_writer import generated_pages, stale_pages, write_pages
from build_tools.publish.engines import DEFAULT, ENGINES
from build_tools.publish.home import HOME, check_home, updated_home
from build_tools.publish.navigation import check_navigation, updated_config
from build_tools.publish.regions import write_region
from build_tools.publish.registry import register
from build_tools.publish.site import build_site, check_build_date

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("docs", "check", "site", "register", "draft"))
    parser.add_argument("raw", nargs="?", type=Path, help="draft: the new raw file, in source_texts/raw/")
    parser.add_argument("--id", dest="doc_id", default=None, help="draft: the document ID (default: from the title)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project directory (default: this checkout)")
    parser.add_argument("--site-dir", type=Path, default=None, help="output directory (default: <root>/site)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the print edition (for quick previews)")
    parser.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT, help=f"site engine (default: {DEFAULT})")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    engine = ENGINES[args.engine]
    if (args.command == "draft") != (args.raw is not None):
        parser.error("draft takes the raw file (draft source_texts/raw/<file>); the other commands take none")
    try:
        if args.command == "draft":
            print(draft(root, args.raw, args.doc_id))
            return 0
        config = load_site_config(root / engine.config_file)
        edition = build_edition(root / "source_texts")
        if args.command == "register":
            text = register(edition.registry, edition, config.release)
            edition.registry.path.write_text(text, encoding="utf-8")
            print(f"{edition.registry.path.name}: release {config.release.version} registered")
            edition = build_edition(root / "source_texts")
        for warning in edition_warnings(edition):  # lines to look at warn: CI's test of the edition fails on them
            print(warning, file=sys.stderr)
        pages = generated_pages(edition, config)
        if args.command == "check":
            check_navigation(root / engine.config_file, edition)
            check_home(root / HOME, edition)
            stale = stale_pages(root / "docs", pages)
            if stale:
                print(f"docs/{stale[0]}: generated page is stale ({len(stale)} in all) — run `make docs` and commit",
                      file=sys.stderr)
                return 1
            return 0
        if args.command == "site":
            check_build_date()  # before docs/ is written: a refused build writes nothing
        navigation = updated_config(root / engine.config_file, edition)  # its markers checked before any write
        home = updated_home(root / HOME, edition)  # and the home page's
        changed = write_pages(root / "docs", pages)
        print(f"docs/: {len(pages)} generated pages, {len(changed)} changed")
        if write_region(root / engine.config_file, navigation):
            print(f"{engine.config_file}: navigation updated from the records")
        if write_region(root / HOME, home):
            print(f"{HOME}: table of documents updated from the records")
        if args.command == "site":
            # --no-pdf skips only the PDFs: the release folder every citation's address names is still written.
            site_dir = build_site(root, edition, args.site_dir or root / "site", config, engine, pdfs=not args.no_pdf)
            print(f"{site_dir}: built")
    except EditionError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:  # a full disk or a read-only folder: the write that failed, in one line
        print(EditionError(err.filename or root, None, err.strerror or str(err),
                           "free disk space or fix the folder's permissions, then run the command again"),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
