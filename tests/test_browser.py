"""A reader's view in Debian's Chromium: rows line up, ¶ links target their block, views persist."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

ROW_GEOMETRY = """() => [...document.querySelectorAll('.parallel .row')].map(row => {
  const zh = row.querySelector('.cell[lang="zh-Hans"]').getBoundingClientRect();
  const en = row.querySelector('.cell[lang="en"]').getBoundingClientRect();
  return {id: row.id, zh: [zh.top, zh.bottom, zh.left], en: [en.top, en.bottom, en.left]};
})"""


@pytest.fixture()
def page_at(browser, server):
    """Open a page of the site at a viewport width, recording every request it makes."""
    contexts, requests = [], []

    def open_page(path: str, width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server + path, wait_until="networkidle")
        return page

    yield open_page
    hosts = {urlparse(url).netloc for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts <= {urlparse(server).netloc}, f"requests left the site: {hosts}"
    for context in contexts:
        context.close()


def test_parallel_rows_line_up_by_block_id_at_1280(page_at, artefacts):
    page = page_at("/shanghai-declaration-2024/", 1280)
    rows = page.evaluate(ROW_GEOMETRY)
    assert [r["id"] for r in rows][:4] == ["p1", "p2", "s1", "p3"]
    for row in rows:
        assert abs(row["zh"][0] - row["en"][0]) < 2, row  # same row top
        assert row["zh"][2] < row["en"][2], row  # Chinese left, English right
    page.screenshot(path=artefacts / "parallel-1280.png", full_page=False)


def test_parallel_rows_stack_at_375_without_horizontal_scroll(page_at, artefacts):
    page = page_at("/shanghai-declaration-2024/", 375)
    for row in page.evaluate(ROW_GEOMETRY):
        assert row["en"][0] >= row["zh"][1] - 1, row  # English under its Chinese
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    page.screenshot(path=artefacts / "parallel-375.png", full_page=False)


@pytest.mark.parametrize("width", [1280, 375])
def test_following_a_paragraph_link_targets_and_highlights_the_block(page_at, artefacts, width):
    page = page_at("/action-plan-2025/", width)
    page.click("#p14 > a.pn")
    assert page.evaluate("location.hash") == "#p14"
    assert page.evaluate("document.querySelector(':target').id") == "p14"
    background = page.evaluate("getComputedStyle(document.getElementById('p14')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    top = page.evaluate("document.getElementById('p14').getBoundingClientRect().top")
    assert 0 <= top < 200, "the targeted block is scrolled to the top of the window"
    page.screenshot(path=artefacts / f"target-p14-{width}.png")


def test_a_cited_url_lands_on_the_block_in_a_single_language_view(page_at, artefacts):
    page = page_at("/action-plan-2025/zh/#p14", 1280)
    assert page.evaluate("document.querySelector(':target').textContent").startswith("¶14十二、")
    assert page.evaluate("document.getElementById('p14').getAttribute('lang')") == "zh-Hans"
    page.screenshot(path=artefacts / "zh-p14-1280.png")


def test_the_view_choice_persists_across_documents(page_at):
    page = page_at("/initiative-2023/", 1280)
    page.get_by_role("button", name="中文").click()
    assert page.is_hidden('#p3 .cell[lang="en"]')
    page.goto(page.url.replace("initiative-2023", "shanghai-declaration-2024"), wait_until="networkidle")
    assert page.is_hidden('#p3 .cell[lang="en"]') and page.is_visible('#p3 .cell[lang="zh-Hans"]')
    assert page.get_by_role("button", name="中文").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="对照 Both").click()
    assert page.is_visible('#p3 .cell[lang="en"]')


def test_switching_from_a_single_language_page_keeps_the_paragraph(page_at):
    page = page_at("/initiative-2023/zh/#p6", 1280)
    page.get_by_role("group", name="Reading view · 阅读视图").get_by_role("link", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/initiative-2023/en/#p6")
    assert page.evaluate("document.querySelector(':target').id") == "p6"


@pytest.mark.parametrize("query, expected", [("千行百业", "赋能​千行​百业"), ("capacity building", "capacity building")])
def test_search_finds_chinese_and_english_words(page_at, artefacts, query, expected):
    page = page_at("/", 1280)
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill(query)
    page.keyboard.press("End")  # Material's search reacts to key events, not to fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    texts = results.all_inner_texts()
    assert any(expected.lower() in text.lower() for text in texts), texts[:3]
    page.screenshot(path=artefacts / f"search-{'en' if query.isascii() else 'zh'}.png")
