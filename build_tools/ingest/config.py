"""What build_tools reads from ``mkdocs.yml``: the site's base URL and name, and the current edition release.

Only these keys are checked here; the engine's own keys are read past, never validated, and tags in
them (``!!python/name:…``, ``!ENV``) stay inert text — except the keys that name files the engine reads
or writes, which must stay inside the project, ``hooks``, which would run code from a path, and the
nav's labels, which the theme prints unescaped, as it prints the site's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.ingest.schema import (
    RELEASE,
    WEB_URL,
    Shape,
    attribute_title,
    iso_date,
    key_text,
    list_of,
    matching,
    optional,
    required,
    text,
    title,
)
from build_tools.ingest.yamlio import Mapping, Node, Scalar, Sequence, load_yaml
from build_tools.model.edition import Editor, Release, SiteConfig

@dataclass(frozen=True)
class _EditionEntry:
    """``extra.edition``: the release being built, and the editors and publisher citations name."""

    version: str
    date: str
    editors: tuple[Editor, ...]
    publisher: str


def _editor(node: Node) -> Editor:
    """An editor: ``{family: …, given: …}`` for a person, ``{name: …}`` for a body kept whole."""
    editor = EDITOR(node)
    if bool(editor.name) == bool(editor.family) or (editor.given and not editor.family):
        raise node.fail("an editor needs either family: (with given:) or name:, not both",
                        "write {family: Surname, given: Forename} for a person or {name: …} for a body")
    return editor


EDITOR = Shape("editor", Editor, {"family": optional(title, ""), "given": optional(title, ""),
                                  "name": optional(title, "")})
EDITION = Shape("extra.edition", _EditionEntry, {
    "version": required(matching(RELEASE, "release", "1.0.0")), "released": required(iso_date, to="date"),
    "editors": optional(list_of(_editor), ()), "publisher": optional(title, "")})


def _site_url(node: Node) -> str:
    url = text(node)
    if not WEB_URL.fullmatch(url):
        raise node.fail(f"site_url {url!r} is not an http(s) URL", "give site_url: https://…/")
    return url if url.endswith("/") else url + "/"


def _entry(mapping: Mapping, key: str) -> Node | None:
    return mapping.entries[key][1] if key in mapping.entries else None


# The engine's keys that name a file or folder, as (section, key); None is the top level. docs_dir is
# fixed: build_tools writes the generated pages into docs/, and the engine must read them from there.
ENGINE_PATHS = ((None, "site_dir"), ("theme", "custom_dir"))
# Engine settings that would run code, merge an unchecked configuration, or read files from anywhere.
REFUSED = {"hooks": "the edition's logic lives in build_tools, never in engine hooks",
           "INHERIT": "write the settings out in mkdocs.yml, where the build checks them"}


def _check_engine_settings(data: Mapping, root: Path) -> None:
    """The engine reads and writes only inside the project, runs no hooks and includes no file from elsewhere."""
    for key, why in REFUSED.items():
        if key in data.entries:
            raise data.entries[key][1].fail(f"mkdocs.yml names {key}", f"remove {key}: {why}")
    if (docs := _entry(data, "docs_dir")) is not None and text(docs).strip("/") != "docs":
        raise docs.fail(f"docs_dir {text(docs)!r} is not docs", "remove docs_dir: the build writes the pages in docs/")
    for section, key in ENGINE_PATHS:
        parent = _entry(data, section) if section else data
        node = _entry(parent, key) if isinstance(parent, Mapping) else None
        if node is not None and not (root / text(node)).resolve().is_relative_to(root.resolve()):
            raise node.fail(f"{section + '.' if section else ''}{key} {text(node)!r} points outside the project",
                            "name a folder inside the project, relative to mkdocs.yml")
    extensions = _entry(data, "markdown_extensions")
    for item in extensions.items if isinstance(extensions, Sequence) else ():
        name = next(iter(item.entries)) if isinstance(item, Mapping) and item.entries else \
            text(item) if isinstance(item, Scalar) else ""
        if name == "pymdownx.snippets":
            raise item.fail("markdown extension pymdownx.snippets would include files from the build machine",
                            "remove it: pages hold their own text")


def _check_nav_labels(node: Node) -> None:
    """Every label of the nav, at any depth, is a title the theme can print (``- Label: page.md``)."""
    items = node.items if isinstance(node, Sequence) else ()
    for item in items:
        for key, child in item.entries.values() if isinstance(item, Mapping) else ():
            key_text(attribute_title)(key, node)
            _check_nav_labels(child)


def load_site_config(mkdocs_yml: Path) -> SiteConfig:
    """Read ``site_url``, ``site_name`` and ``extra.edition`` (release, editors, publisher) from ``mkdocs.yml``."""
    data = load_yaml(mkdocs_yml, tolerate_tags=True)
    _check_engine_settings(data, mkdocs_yml.parent)
    if nav := _entry(data, "nav"):
        _check_nav_labels(nav)
    extra = _entry(data, "extra")
    edition = _entry(extra, "edition") if isinstance(extra, Mapping) else None
    url = _entry(data, "site_url")
    if edition is None or url is None:
        raise data.fail("site_url or extra.edition is missing",
                        "set site_url and extra: edition: {version: X.Y.Z, released: YYYY-MM-DD}")
    name = _entry(data, "site_name")
    entry = EDITION(edition)
    return SiteConfig(_site_url(url), Release(entry.version, entry.date), attribute_title(name) if name else "",
                      entry.editors, entry.publisher)
