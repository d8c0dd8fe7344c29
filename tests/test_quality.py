"""Quality budgets measured in the browser and on the built HTML: axe-core and the Nu HTML Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGE_TYPES = ["/", "/action-plan-2025/", "/action-plan-2025/zh/", "/action-plan-2025/en/", "/action-plan-2025/zh-hant/",
              "/action-plan-2025/zh-hant-both/", "/action-plan-2025/en-unofficial/", "/action-plan-2025/compare/", "/china-france-statement-2024/en/",
              "/china-africa-chair-statement-2024/", "/glossary/", "/echoes/", "/how-to-cite/", "/sources/",
              "/changelog/", "/cleaning-rules/", "/editorial-principles/", "/search/"]
# Errors of the theme's own markup, each named, that the Nu checker reports and our pages cannot fix.
THEME_ERRORS = {
    # Material's hidden checkboxes that toggle the drawer and the palette carry autocomplete="off".
    "Attribute “autocomplete” is only allowed when the input type is",
    # Material's drawer <label for> points at those visually hidden checkboxes.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
}


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]


@pytest.fixture(scope="module")
def axe_ready():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page_type(browser, server, axe_ready, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    found = []
    for path in PAGE_TYPES:
        page = context.new_page()
        page.goto(server + path, wait_until="networkidle")
        found += [(path, v["id"], v["nodes"][0]["target"]) for v in _axe(page)]
        page.close()
    context.close()
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/china-france-statement-2024/zh/", "/china-france-statement-2024/"])
def test_axe_finds_no_violation_with_the_cite_dialog_and_the_notes_open(browser, server, axe_ready, path, scheme):
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    markers = page.locator("a.note-ref:visible")
    for index in range(markers.count()):
        markers.nth(index).click()
    assert page.locator(".note-inline").count() == markers.count() > 0
    assert [(v["id"], v["nodes"][0]["target"]) for v in _axe(page)] == []
    page.get_by_role("button", name="Cite ¶9").click()
    page.locator("dialog.cite-dialog").wait_for()
    assert [(v["id"], v["nodes"][0]["target"]) for v in _axe(page)] == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_violation_in_search_with_results_and_filters(browser, server, axe_ready, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "/action-plan-2025/zh/", wait_until="networkidle")
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Search the edition")
    dialog.get_by_role("searchbox").press_sequentially("同球共济")
    dialog.get_by_label("Year").select_option("2025")
    dialog.locator(".edition-search__results mark").first.wait_for()
    assert [(v["id"], v["nodes"][0]["target"]) for v in _axe(page)] == []
    page.goto(server + "/search/?q=Global%20South", wait_until="networkidle")
    page.locator("#edition-search-page .edition-search__results mark").first.wait_for()
    assert [(v["id"], v["nodes"][0]["target"]) for v in _axe(page)] == []
    context.close()


def test_nu_html_checker_finds_no_error_in_our_markup(site_dir):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("the Nu HTML Checker needs `npm ci` and Java")
    pages = [str(site_dir / p.strip("/") / "index.html") if p != "/" else str(site_dir / "index.html")
             for p in PAGE_TYPES]
    run = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
                         capture_output=True, text=True)
    messages = json.loads(run.stderr or "{}").get("messages", [])
    errors = [(Path(m.get("url", "")).parent.name, m["message"]) for m in messages if m.get("type") == "error"
              and not any(known in m["message"] for known in THEME_ERRORS)]
    assert errors == [], errors[:10]
