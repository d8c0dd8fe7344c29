"""The home page's table of documents, generated from the edition records into the hand-written ``docs/index.md``.

The home page is the editors' prose; only the lines between two marker lines (a generated region,
``regions.py``) are the records' table, so ``make docs`` rewrites them and ``check`` fails when they are stale:
a new record is never missing from the home page.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.model import urls
from build_tools.model.edition import Edition
from build_tools.model.errors import EditionError
from build_tools.model.labels import document_title
from build_tools.publish.navigation import by_date
from build_tools.publish.regions import Markers, Region, find_region
from build_tools.render.markdown.home import document_table

HOME = Path("docs") / "index.md"
# Markdown comments: link definitions that nothing refers to, so that neither Markdown nor the built page
# shows them (an HTML comment would reach the page). A blank line keeps them out of the table.
BEGIN = "[//]: # (BEGIN generated: documents — from source_texts/*.yml by `make docs`; do not edit)"
END = "[//]: # (END generated)"
RUN = "run `make docs` (it writes the home page's table of documents from the records) and commit docs/index.md"
MARKERS = Markers(BEGIN, END, "generated-table",
                  f'put the two lines "{BEGIN}" and "{END}" in docs/index.md where the table of documents goes, '
                  "each between blank lines, then run `make docs`")


def table_lines(edition: Edition) -> list[str]:
    """The region's lines: the table of the edition's documents in date order, between blank lines."""
    documents = sorted((d for d in edition.documents if d.record.kind == "document"), key=by_date)
    return ["\n", *document_table(documents), "\n"]


def home_region(path: Path) -> Region:
    """The generated region of the home page, its two markers checked."""
    if not path.is_file():
        raise EditionError(path, None, "the site has no home page", "restore the hand-written docs/index.md")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return find_region(path, lines, MARKERS, 1, "the home page has no generated region for the table of documents")


def updated_home(path: Path, edition: Edition) -> str:
    """The text of the home page with the table of documents made from ``edition``."""
    return home_region(path).with_lines(table_lines(edition))


def check_home(path: Path, edition: Edition) -> None:
    """The home page's table is what the records make; else the document it lacks, at its line."""
    region = home_region(path)
    line = region.stale_line(table_lines(edition))
    if line is None:
        return
    current = "".join(region.current)
    for doc in sorted(edition.documents, key=by_date):
        if doc.record.kind == "document" and f"]({urls.docs_path(doc.id, doc.record.kind)})" not in current:
            raise EditionError(path, line, f"the home page's table of documents lacks {doc.id} "
                               f"({document_title(doc.record)})", RUN)
    raise EditionError(path, line, "the home page's table of documents is out of date (a title, date or version)", RUN)
