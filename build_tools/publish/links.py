"""After the engine: no built page links to a URL scheme that runs or reads something (``javascript:``,
``data:``, ``file:`` …). Editors' notes are sanitised when they are rendered; this guards what no
renderer of ours wrote — the hand-written pages and the theme's own output."""

from __future__ import annotations

import html
import re
from pathlib import Path

from build_tools.model.errors import EditionError

ALLOWED_SCHEMES = ("http", "https", "mailto")
# A scan, not a parse: it reads every URL-valued attribute, however it is quoted.
URL_ATTRIBUTE = re.compile(r"""\s(?:href|src|action|formaction|poster|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
                           re.IGNORECASE)
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def check_link_schemes(site_dir: Path, docs_dir: Path) -> None:
    """Every link and source on every built page is relative, an anchor, or http(s) or mailto."""
    for page in sorted(site_dir.rglob("*.html")):
        for match in URL_ATTRIBUTE.finditer(page.read_text(encoding="utf-8")):
            # Browsers ignore control characters and spaces inside a scheme (java&#9;script:).
            url = re.sub(r"[\x00-\x20]", "", html.unescape(next(g for g in match.groups() if g is not None)))
            scheme = SCHEME.match(url)
            if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
                raise EditionError(_source(page.relative_to(site_dir), docs_dir), None,
                                   f"the page links to a {scheme.group(1).lower()}: URL",
                                   "link only to pages of the site and to http(s) addresses")


def _source(page: Path, docs_dir: Path) -> Path:
    """The Markdown page in ``docs/`` that a built page comes from (the built page itself when none does)."""
    folder = page.parent
    for candidate in (docs_dir / folder / "index.md", docs_dir / f"{folder}.md"):
        if page.name == "index.html" and candidate.is_file():
            return candidate
    return page
