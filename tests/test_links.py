"""Every internal link and anchor of the built site resolves, in the pages and in the JSON data."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from build_tools.editorial.traditional import convert
from build_tools.publish.docs_writer import is_generated

from .conftest import ROOT

DOCS = ROOT / "docs"

SKIP = ("mailto:", "javascript:", "data:")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.content_links: set[str] = set()  # those in the page's own text, not the theme's navigation
        self._articles = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._articles += tag == "article"
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append(attrs[name])
                if self._articles:
                    self.content_links.add(attrs[name])

    def handle_endtag(self, tag):
        self._articles -= tag == "article"


def _target(site: Path, page: Path, link: str, site_url: str) -> tuple[Path, str] | None:
    """The file and fragment a link of ``page`` points to, or None when it leaves the site."""
    if link.startswith(SKIP):
        return None
    if link.startswith(site_url):
        link = "/" + link[len(site_url):]
    if urlparse(link).scheme or link.startswith("//"):
        return None
    url, fragment = urldefrag(link)
    base = "/" + str(page.relative_to(site).as_posix())
    path = unquote(urlparse(urljoin(base, url)).path) if url else base
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(fragment)


def test_every_internal_link_and_anchor_resolves(site_dir, config):
    pages: dict[Path, _Page] = {}
    for path in site_dir.rglob("*.html"):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    broken = []
    checked = 0
    in_text: Counter[Path] = Counter()
    for page, parser in pages.items():
        if page.name == "404.html":
            continue
        for link in parser.links:
            found = _target(site_dir, page, link, config.site_url)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            in_text[page] += link in parser.content_links
            if not target.exists():
                broken.append(f"{page.relative_to(site_dir)} → {link} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site_dir)} → {link} (no anchor)")
    assert checked > 2000 and not broken, broken[:10]
    # The hand-written pages' own links (raw HTML ones too, which the engine does not check) are among them.
    hand_written = [_built(site_dir, page) for page in DOCS.rglob("*.md") if not is_generated(DOCS, page)]
    assert len(hand_written) >= 3 and all(in_text[page] for page in hand_written), in_text


def _built(site: Path, source: Path) -> Path:
    """The HTML page the engine builds from a Markdown page of docs/ (directory URLs)."""
    name = source.relative_to(DOCS).with_suffix("")
    return site / (name.parent if name.name == "index" else name) / "index.html"


def test_every_url_in_the_json_data_resolves(site_dir, config):
    urls: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.startswith(config.site_url) and "{" not in value:
            urls.append(value)

    for path in (site_dir / "data").rglob("*.json*"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    broken = []
    for url in urls:
        target, fragment = _target(site_dir, site_dir / "index.html", url, config.site_url)
        if not target.exists():
            broken.append(url)
        elif fragment and target.suffix == ".html":
            parser = _Page()
            parser.feed(target.read_text(encoding="utf-8"))
            if fragment not in parser.ids:
                broken.append(url)
    assert len(urls) > 50 and not broken, broken[:10]


def test_traditional_view_is_a_labelled_conversion_sharing_block_ids(site_dir, edition):
    for doc in (d for d in edition.documents if d.version("zh")):
        html = (site_dir / doc.id / "zh-hant" / "index.html").read_text(encoding="utf-8")
        assert "automatic conversion of the Simplified Chinese text with OpenCC (profile s2tw" in html
        for block in doc.blocks:
            assert f'id="{block.id}"' in html
        assert 'lang="zh-Hant"' in html
    # Characters only: 人工智能 stays (s2twp would turn it into the Taiwanese word 人工智慧); 为 becomes 為.
    assert convert("推动人工智能赋能千行百业，为此") == "推動人工智能賦能千行百業，為此"


def _strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def _resolves(site: Path, url: str, site_url: str) -> bool:
    target, fragment = _target(site, site / "index.html", url, site_url)
    if not target.is_file():
        return False
    parser = _Page()
    parser.feed(target.read_text(encoding="utf-8"))
    return not fragment or fragment in parser.ids


def test_every_address_a_citation_prints_resolves_and_in_the_release_too(site_dir, edition, config):
    """The citation templates, filled in for every block, print addresses the built site has; each in its
    version-pinned form (/1.0.0/<id>/#p14) as well, as `make release` publishes it."""
    url = re.compile(re.escape(config.site_url) + r"[^\s\"'<>{}\\]*")
    printed: set[str] = set()
    for doc in edition.documents:
        data = json.loads((site_dir / "data" / "cite" / f"{doc.id}.json").read_text(encoding="utf-8"))
        for text in _strings(data["templates"]):
            for block in doc.blocks if "{anchor}" in text else doc.blocks[:1]:
                filled = text.replace("{anchor}", block.id).replace("{n}", block.id[1:])
                printed.update(found.rstrip(".,;)") for found in url.findall(filled))
    release = f"{config.site_url}{config.release.version}/"
    pinned = {u if u.startswith(release) else release + u.removeprefix(config.site_url) for u in printed}
    assert len(printed) > 100 and f"{release}action-plan-2025/zh/#p14" in pinned
    broken = sorted(u for u in printed | pinned | {f"{release}action-plan-2025/#p14"}
                    if not _resolves(site_dir, u, config.site_url))
    assert not broken, broken[:10]
    # An address of the release that the build lacks does not resolve: the check can fail.
    assert not _resolves(site_dir, f"{release}action-plan-2025/#p99", config.site_url)


def test_the_release_copy_is_not_indexed_twice(site_dir, config):
    release = site_dir / config.release.version
    pages = sorted(release.rglob("*.html"))
    assert len(pages) == len([p for p in site_dir.rglob("*.html") if release not in p.parents])
    for page in pages:
        html = page.read_text(encoding="utf-8")
        current = page.relative_to(release)
        assert '<meta name="robots" content="noindex">' in html, current
        assert (site_dir / current).read_text(encoding="utf-8") == html.replace(
            '<meta name="robots" content="noindex">', "", 1), current
    assert "noindex" not in (site_dir / "action-plan-2025" / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"',
                          (release / "action-plan-2025" / "zh" / "index.html").read_text(encoding="utf-8"))
    assert canonical and canonical.group(1) == f"{config.site_url}action-plan-2025/zh/"
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{config.release.version}/" not in sitemap and not (release / "sitemap.xml").exists()
    # One search index, linked: its addresses are from the site's root, and Pagefind prefixes the folder it is
    # served from, so a search in the release lands in the release.
    assert (release / "pagefind" / "pagefind-entry.json").samefile(site_dir / "pagefind" / "pagefind-entry.json")
    # The release has the same data and PDFs, linked rather than copied where the file system allows.
    assert (release / "data" / "cite" / "action-plan-2025.json").samefile(site_dir / "data" / "cite" / "action-plan-2025.json")
    assert (release / "pdf" / "action-plan-2025.pdf").is_file() and not (release / "versions.json").exists()


def test_every_block_number_leads_to_its_block_page_on_every_view(site_dir, config):
    """The ¶/§ number of every view, the comparison's rows included, is the block page's address (issue 13 §3)."""
    release = site_dir / config.release.version
    numbers = 0
    for page in site_dir.rglob("index.html"):
        if release in page.parents or re.fullmatch(r"[ps]\d+", page.parent.name):
            continue
        for href, block in re.findall(r'<a class="pn" href="([^"]*)"[^>]*data-block="([ps]\d+)"',
                                      page.read_text(encoding="utf-8")):
            numbers += 1
            target = (page.parent / href).resolve()
            assert target.name == block and (target / "index.html").is_file(), (page, href)
    assert numbers > 300  # 405 in the seeds: every view of every document
