"""After the engine: no built page links to a URL scheme that runs or reads something (``javascript:``,
``data:``, ``file:`` …). Editors' notes are sanitised when they are rendered; this guards what no
renderer of ours wrote — the hand-written pages and the theme's own output."""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

from build_tools.model.errors import EditionError

ALLOWED_SCHEMES = ("http", "https", "mailto")
# Attributes whose value is one URL; a list of URLs between spaces; a list of ``URL [width]`` between commas.
URL_ATTRIBUTES = frozenset({"href", "src", "data", "action", "formaction", "poster", "xlink:href", "background",
                            "cite", "longdesc", "codebase", "manifest", "icon", "lowsrc", "dynsrc"})
URL_LIST_ATTRIBUTES = frozenset({"ping", "archive"})
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
# A refresh's content: the delay, then the URL, with or without ``url=`` and quotes, as browsers read it.
REFRESH = re.compile(r"""\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"']*)""", re.IGNORECASE)
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def check_link_schemes(site_dir: Path, docs_dir: Path) -> None:
    """Every link and source on every built page is relative, an anchor, or http(s) or mailto."""
    pages = sorted(site_dir.rglob("*.html"))
    # Parsing every page is most of this check's time (2,500 pages at 500 documents): the pages are read on every
    # core, and the first page in path order that fails is named, whichever core read it.
    with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, 4)) as pool:
        found = pool.map(forbidden_scheme, pages, chunksize=32)
        for page, scheme in zip(pages, found):
            if scheme:
                raise EditionError(_source(page.relative_to(site_dir), docs_dir), None,
                                   f"the page links to a {scheme}: URL",
                                   "link only to pages of the site and to http(s) addresses")


def forbidden_scheme(page: Path) -> str:
    """The first scheme a page links to that is neither http(s) nor mailto, lower-cased; else nothing."""
    for url in page_urls(page.read_text(encoding="utf-8")):
        # Browsers ignore control characters and spaces inside a scheme (java&#9;script:).
        scheme = SCHEME.match(re.sub(r"[\x00-\x20]", "", url))
        if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
            return scheme.group(1).lower()
    return ""


def page_urls(page: str) -> list[str]:
    """Every URL in the attributes of a page's tags, in one pass."""
    parser = _URLCollector()
    parser.feed(page)
    parser.close()
    return parser.urls


class _URLCollector(HTMLParser):
    """Reads tags as a browser does (``<embed/src=…>`` included), its attributes' character references resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the URLs of one tag's attributes."""
        values = {name: value for name, value in reversed(attrs) if value is not None}  # a repeated name: the first
        for name, value in values.items():
            if name in URL_ATTRIBUTES:
                self.urls.append(value)
            elif name in URL_LIST_ATTRIBUTES:
                self.urls += value.split()
            elif name in SRCSET_ATTRIBUTES:
                self.urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh" \
                and (refresh := REFRESH.match(values.get("content", ""))):
            self.urls.append(refresh.group(1))


def _source(page: Path, docs_dir: Path) -> Path | str:
    """The file in ``docs/`` that a built page comes from; a page the theme made, by its place in the site."""
    if (docs_dir / page).is_file():
        return docs_dir / page  # an HTML page of docs/, copied as it is
    folder = page.parent
    for candidate in (docs_dir / folder / "index.md", docs_dir / f"{folder}.md"):
        if page.name == "index.html" and candidate.is_file():
            return candidate
    # The staging folder is gone once the build has failed: the page is named as the site will serve it.
    return f"site page /{page.as_posix()} (from the theme)"
