"""What build_tools reads from ``mkdocs.yml``: the site's base URL and the current edition release."""

from __future__ import annotations

from pathlib import Path

from build_tools.model.errors import EditionError
from build_tools.model.edition import Release, SiteConfig
from build_tools.ingest.yamlio import load_yaml



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
