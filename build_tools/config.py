"""What build_tools reads from ``mkdocs.yml``: the site's base URL and the current edition release."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError
from .model import Release
from .yamlio import load_yaml


@dataclass(frozen=True)
class SiteConfig:
    """The public base URL and the release being built."""

    site_url: str
    release: Release
    site_name: str


def load_site_config(mkdocs_yml: Path) -> SiteConfig:
    """Read ``site_url``, ``site_name`` and ``extra.edition`` from ``mkdocs.yml``."""
    data = load_yaml(mkdocs_yml)
    edition = (data.get("extra") or {}).get("edition") or {}
    if not edition.get("version") or not edition.get("released") or not data.get("site_url"):
        raise EditionError(mkdocs_yml, getattr(data, "line", None), "site_url or extra.edition.version/released missing",
                           "set site_url and extra: edition: {version: X.Y.Z, released: YYYY-MM-DD}")
    url = str(data["site_url"])
    return SiteConfig(url if url.endswith("/") else url + "/", Release(str(edition["version"]), str(edition["released"])),
                      str(data.get("site_name", "")))
