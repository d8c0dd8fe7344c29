"""Engine portability: the same docs/ builds with Zensical, with the same block anchors and the
edition's additions (reading-view switch, cite controls, head metadata, the search) as with MkDocs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from build_tools.model.errors import EditionError
from build_tools.publish.engines import ZENSICAL, zensical
from build_tools.publish.site import build_site

from .conftest import copy_project, serve

ANCHOR = re.compile(r'id="([ps]\d+)"')
FIRST_NUMBER = re.compile(r'<a class="pn"[^>]* href="([^"]+)"[^>]* data-block="p1"')
# The edition's additions to a document page, as the theme overrides and the Markdown extension write them.
ADDITIONS = {
    "reading-view switch": re.compile(r'class="edition-toolbar"'),
    "block number with its link": re.compile(r'<a class="pn"[^>]* href="[^"]+"[^>]* data-block="p1"'),
    "cite controls (the site's script)": re.compile(r'src="[^"]*assets/edition\.js"'),
    "the search (the site's script)": re.compile(r'src="[^"]*assets/search\.js"'),
    "citation metadata in the head": re.compile(r'<meta name="citation_title" content="[^"]+">'),
}


@pytest.fixture(scope="module")
def zensical_site(edition, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built by Zensical through the build's own engine seam: its log, the anchor check, one swap."""
    if zensical.executable() is None:
        pytest.skip("Zensical is not installed here (make test tries `pip install zensical`); portability not checked")
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    site = build_site(project, edition, project / "site", engine=ZENSICAL)
    assert not (project / zensical.COPY).exists()
    return site


def _pages(site: Path) -> dict[str, str]:
    return {str(page.relative_to(site)): page.read_text(encoding="utf-8") for page in sorted(site.rglob("index.html"))}


def test_zensical_builds_the_same_block_anchors(site_dir: Path, zensical_site: Path, config) -> None:
    # The session's MkDocs site is the full build, with the release's copy under /1.0.0/ (site.write_release);
    # the Zensical one is built without the print edition and that copy, so its current pages are compared.
    release = f"{config.release.version}/"
    ours = {name: ANCHOR.findall(html) for name, html in _pages(site_dir).items()
            if ANCHOR.search(html) and not name.startswith(release)}
    theirs = {name: ANCHOR.findall(html) for name, html in _pages(zensical_site).items() if ANCHOR.search(html)}
    assert len(ours) > 20 and ours == theirs


@pytest.mark.parametrize("page", ["action-plan-2025/index.html", "action-plan-2025/zh/index.html",
                                  "action-plan-2025/compare/index.html",
                                  "china-france-statement-2024/en/index.html"])
def test_zensical_keeps_the_editions_additions(site_dir: Path, zensical_site: Path, page: str) -> None:
    for site in (site_dir, zensical_site):
        html = (site / page).read_text(encoding="utf-8")
        missing = [name for name, pattern in ADDITIONS.items() if not pattern.search(html)]
        assert missing == [], f"{site.name}: {page} lacks {missing}"
        # The number leads to the block's own page in the same view, written after either engine
        # (publish/block_pages.py), which leads back to the block in its place.
        found = FIRST_NUMBER.search(html)
        assert found is not None
        target = (site / page).parent / found.group(1) / "index.html"
        assert target.resolve() == (site / page).parent.joinpath("p1", "index.html").resolve(), found.group(1)
        block_page = target.read_text(encoding="utf-8")
        assert 'href="../#p1"' in block_page
        # Its look is the theme's stylesheet, which each engine copies from overrides/assets.
        stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', block_page)
        assert stylesheet is not None and (target.parent / stylesheet.group(1)).resolve().is_file(), site.name


def test_zensical_fails_the_build_on_a_broken_link(edition, tmp_path: Path) -> None:
    if zensical.executable() is None:
        pytest.skip("Zensical is not installed here")
    project = copy_project(tmp_path / "project")
    with (project / "docs" / "how-to-cite.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the rules](cleaning-rule.md).\n")
    lines = (project / "docs" / "how-to-cite.md").read_text(encoding="utf-8").count("\n")
    with pytest.raises(EditionError) as refused:
        build_site(project, edition, project / "site", engine=ZENSICAL)
    assert str(refused.value) == (f"{project / 'docs' / 'how-to-cite.md'}:{lines}: Zensical: page does not exist — "
                                  "fix what it names, then build again")
    assert not (project / "site").exists() and not (project / zensical.COPY).exists()


@pytest.mark.browser
def test_the_same_search_lands_on_paragraphs_under_zensical(site_dir: Path, zensical_site: Path, browser) -> None:
    """Search is a stage of the build after either engine (publish/search.py): the same index, and the same dialog
    from the header's button, finding a block of the 繁體 view by its Simplified words and landing on it."""
    def index(site: Path) -> dict[str, bytes]:
        return {str(p.relative_to(site)): p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}

    assert index(zensical_site) == index(site_dir)
    assert json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"] == []  # its own is off
    with serve(zensical_site) as base:
        page = browser.new_page()
        page.goto(base + "/action-plan-2025/", wait_until="networkidle")
        page.get_by_role("button", name="Search", exact=True).click()
        dialog = page.get_by_role("dialog", name="Search the edition")
        dialog.get_by_role("searchbox").press_sequentially("同球共济")
        dialog.get_by_label("Language").select_option("繁體中文")
        first = dialog.locator(".edition-search__results a").first
        expect(first).to_have_attribute("href", "/action-plan-2025/zh-hant/#p1")
        assert first.locator("mark").all_inner_texts() == ["同球共濟"]
        first.click()
        page.wait_for_url("**/action-plan-2025/zh-hant/#p1")
        assert page.evaluate("document.querySelector(':target').id") == "p1"
        page.close()
