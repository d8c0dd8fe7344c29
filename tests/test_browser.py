"""A reader's view in Debian's Chromium: rows line up, ¶ links target their block, views persist."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from .conftest import serve

pytestmark = pytest.mark.browser

ROW_GEOMETRY = """() => [...document.querySelectorAll('.parallel .row')].map(row => {
  const zh = row.querySelector('.cell[lang="zh-Hans"]').getBoundingClientRect();
  const en = row.querySelector('.cell[lang="en"]').getBoundingClientRect();
  return {id: row.id, zh: [zh.top, zh.bottom, zh.left], en: [en.top, en.bottom, en.left]};
})"""


@pytest.fixture()
def requested() -> list[str]:
    """Every URL requested by the pages a test opened with ``page_at``."""
    return []


@pytest.fixture()
def page_at(browser, server, requested):
    """Open a page of the site at a viewport width, recording every request it makes."""
    contexts = []

    def open_page(path: str, width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(server + path, wait_until="networkidle")
        return page

    yield open_page
    hosts = {urlparse(url).netloc for url in requested if not url.startswith(("data:", "blob:"))}
    assert hosts <= {urlparse(server).netloc}, f"requests left the site: {hosts}"
    for context in contexts:
        context.close()


def search(page, query: str):
    """Open the search dialog from the header's button and type a query as a reader would; its results."""
    page.get_by_role("button", name="Search", exact=True).click()
    box = page.get_by_role("dialog", name="Search the edition").get_by_role("searchbox")
    box.press_sequentially(query)
    results = page.locator("dialog .edition-search__results a")
    results.first.wait_for()
    return results


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
    page.click("#p14 a.pn")  # the number leads to the block's own page, which leads back to its place
    assert page.evaluate("location.pathname") == "/action-plan-2025/p14/"
    page.click("text=Read ¶14 in its place")
    page.wait_for_function("document.querySelector(':target') !== null")
    assert page.evaluate("location.pathname + location.hash") == "/action-plan-2025/#p14"
    assert page.evaluate("document.querySelector(':target').id") == "p14"
    background = page.evaluate("getComputedStyle(document.getElementById('p14')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    top = page.evaluate("document.getElementById('p14').getBoundingClientRect().top")
    assert 0 <= top < 200, "the targeted block is scrolled to the top of the window"
    page.screenshot(path=artefacts / f"target-p14-{width}.png")


def test_a_cited_url_lands_on_the_block_in_a_single_language_view(page_at, artefacts):
    page = page_at("/action-plan-2025/zh/#p14", 1280)
    target = page.evaluate("document.querySelector(':target').textContent")
    assert target.startswith("¶14") and "十二、加强人工智能能力建设国际合作" in target
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


@pytest.mark.parametrize("query, expected", [("千行百业", "赋能千行百业"), ("capacity building", "capacity building")])
def test_search_finds_chinese_and_english_words(page_at, artefacts, query, expected):
    page = page_at("/", 1280)
    results = search(page, query)
    texts = results.all_inner_texts()
    assert any(expected.lower() in text.lower() for text in texts), texts[:3]
    page.screenshot(path=artefacts / f"search-{'en' if query.isascii() else 'zh'}.png")


def test_cite_a_paragraph_and_copy_the_chicago_citation(browser, server, artefacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/action-plan-2025/#p12", wait_until="networkidle")
    page.get_by_role("button", name="Cite ¶12").click()
    dialog = page.get_by_role("dialog", name=re.compile("^Cite"))
    # The bilingual page cites with both titles (ISBD's parallel title), as its head metadata does.
    assert dialog.get_by_role("heading", level=2).inner_text() == \
        "Cite ¶12 of 人工智能全球治理行动计划 = Global AI Governance Action Plan (edition 1.0.0)"
    chicago = dialog.locator("section", has_text="Chicago (18th ed., notes and bibliography) — note")
    shown = chicago.locator("pre").inner_text()
    chicago.get_by_role("button", name="Copy").click()
    expect(chicago.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == shown
    assert "para. 12" in shown and "version 1.0.0" in shown and "/action-plan-2025/en/#p12" in shown
    assert re.search(r"accessed [A-Z][a-z]+ \d{1,2}, 20\d\d", shown)
    gbt = dialog.locator("section", has_text="GB/T 7714").locator("pre").inner_text()
    assert "第12段" in gbt and "/action-plan-2025/zh/#p12" in gbt
    page.screenshot(path=artefacts / "cite-dialog-1280.png")
    context.close()


def test_copying_a_citation_puts_html_with_italics_and_plain_text_on_the_clipboard(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/action-plan-2025/en/#p14", wait_until="networkidle")
    page.get_by_role("button", name="Cite ¶14").click()
    dialog = page.get_by_role("dialog", name=re.compile("^Cite"))
    for style in ("Chicago (18th ed., notes and bibliography) — bibliography", "APA (7th ed.) — reference",
                  "MLA (9th ed.) — works cited"):
        section = dialog.locator("section", has_text=style)
        # The dialog shows the edition's title in italics, as the style sets it.
        expect(section.locator("pre i")).to_have_text("China’s AI Governance Texts: An Annotated Bilingual Edition")
        section.get_by_role("button", name="Copy").click()
        expect(section.get_by_role("status")).to_have_text("Copied")
        copied = page.evaluate("""async () => {
          const [item] = await navigator.clipboard.read();
          const read = async (type) => (await item.getType(type)).text();
          return {types: item.types, html: await read("text/html"), text: await read("text/plain")};
        }""")
        assert {"text/html", "text/plain"} <= set(copied["types"])
        assert copied["text"] == section.locator("pre").inner_text() and "<" not in copied["text"]
        assert "<i>China’s AI Governance Texts: An Annotated Bilingual Edition</i>" in copied["html"]
        assert re.sub(r"<[^>]+>", "", copied["html"]).strip() == copied["text"]
    context.close()


def test_the_cite_control_works_from_the_keyboard(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/initiative-2023/zh/", wait_until="networkidle")
    page.get_by_role("button", name="Cite ¶3").focus()
    page.keyboard.press("Enter")
    page.get_by_role("dialog", name=re.compile("^Cite")).wait_for()
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Copy"
    page.keyboard.press("Enter")
    expect(page.locator("dialog .cite-note[role=status]").first).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("dialog pre").first.inner_text()
    page.keyboard.press("Escape")
    expect(page.locator("dialog.cite-dialog")).to_have_count(0)
    page.wait_for_function("document.activeElement.getAttribute('aria-label') === 'Cite ¶3'")
    context.close()


def test_an_old_mapped_anchor_lands_on_its_successor(browser, project_copy, tmp_path, artefacts):
    import yaml

    from build_tools.__main__ import main

    registry = project_copy / "source_texts" / "registry"
    anchors = yaml.safe_load((registry / "anchors.yml").read_text(encoding="utf-8"))
    anchors["documents"]["action-plan-2025"]["blocks"]["p16"] = {"since": "1.0.0", "text": {}}
    (registry / "anchors.yml").write_text(yaml.safe_dump(anchors), encoding="utf-8")
    (registry / "successors.yml").write_text(yaml.safe_dump({"successors": {"action-plan-2025": {"p16": {
        "to": ["p14", "p15"], "change": "split", "release": "1.1.0", "reason": "simulated"}}}}), encoding="utf-8")
    site = tmp_path / "site"
    assert main(["site", "--no-pdf", "--root", str(project_copy), "--site-dir", str(site)]) == 0
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/action-plan-2025/#p16", wait_until="networkidle")
        page.locator(".edition-target").first.wait_for()
        assert page.evaluate("[...document.querySelectorAll('.edition-target')].map(e => e.id)") == ["p14", "p15"]
        top = page.evaluate("document.getElementById('p14').getBoundingClientRect().top")
        assert 0 <= top < 200
        assert page.get_by_role("status").first.inner_text() == "¶16 of an earlier release is now ¶14, ¶15."
        page.screenshot(path=artefacts / "mapped-anchor.png")
        page.close()


# The lines of a block as rendered: its characters grouped by the line they sit on (numbers and opened notes aside).
RENDERED_LINES = """(block) => {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {acceptNode: n =>
    n.parentElement.closest(".block-tools, .note-panels") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const lines = [];
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.textContent.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      if (!r || !r.width || !node.textContent[i].trim()) continue;
      const middle = (r.top + r.bottom) / 2;
      let line = lines.find(l => Math.abs(l.middle - middle) < r.height / 2);
      if (!line) { line = {middle, text: ""}; lines.push(line); }
      line.text += node.textContent[i];
    }
  }
  return lines.sort((a, b) => a.middle - b.middle).map(l => l.text);
}"""
# Punctuation that Chinese typesetting never lets start a line.
LINE_INITIAL_FORBIDDEN = "。，、；：？！）》」』”’"


def test_a_note_opens_below_its_block_from_the_keyboard(page_at, artefacts):
    page = page_at("/china-france-statement-2024/zh/", 1280)
    marker = page.locator("#nr-bletchley-declaration")
    marker.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#open-nr-bletchley-declaration")
    expect(panel).to_be_visible()
    assert "Bletchley Park" in panel.inner_text() and marker.get_attribute("aria-expanded") == "true"
    block = page.locator("#p9").bounding_box()
    box = panel.bounding_box()
    assert block["y"] + block["height"] <= box["y"] < block["y"] + block["height"] + 40, "the note opens under its block"
    page.screenshot(path=artefacts / "note-open-1280.png")
    page.keyboard.press("Enter")
    expect(panel).to_have_count(0)


@pytest.mark.parametrize("path", ["/china-france-statement-2024/zh/", "/china-france-statement-2024/"])
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_opening_every_note_breaks_no_line(page_at, artefacts, path, width):
    page = page_at(path, width)
    markers = page.locator("a.note-ref:visible")
    # The paragraphs that call a note, each measured on its own (the two cells of a row share their lines' heights).
    count = page.evaluate("""() => { const paragraphs = [...new Set([...document.querySelectorAll('a.note-ref')]
      .filter(m => m.getBoundingClientRect().width).map(m => m.closest('p')))];
      paragraphs.forEach((p, i) => { p.dataset.probe = i; }); return paragraphs.length; }""")
    assert count >= 3, count

    def lines() -> list[list[str]]:
        return [page.locator(f'[data-probe="{i}"]').evaluate(RENDERED_LINES) for i in range(count)]

    before = lines()
    for index in range(markers.count()):
        markers.nth(index).click()
    assert page.locator(".note-inline").count() == markers.count()
    after = lines()
    assert after == before, "opening a note moved the text's line breaks"
    starts = [line[0] for paragraph in after for line in paragraph]
    assert not set(starts) & set(LINE_INITIAL_FORBIDDEN), after
    # Each panel lies under the paragraph that calls it, in the order of the calls.
    placed = page.evaluate("""() => { const markers = [...document.querySelectorAll('a.note-ref')];
      return [...document.querySelectorAll('.note-inline')].map(panel => {
        const marker = document.querySelector(`[aria-controls="${panel.id}"]`);
        const previous = panel.previousElementSibling && panel.previousElementSibling.matches('.note-inline')
          && document.querySelector(`[aria-controls="${panel.previousElementSibling.id}"]`);
        return [panel.id, marker.closest('p').getBoundingClientRect().bottom <= panel.getBoundingClientRect().top + 1,
                !previous || markers.indexOf(previous) < markers.indexOf(marker)];
      }); }""")
    assert all(below and ordered for _, below, ordered in placed), placed
    page.screenshot(path=artefacts / f"notes-open-{width}-{'zh' if 'zh' in path else 'both'}.png", full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_note_calls_are_24_px_touch_targets(page_at, width):
    page = page_at("/china-france-statement-2024/", width)
    reach = page.evaluate("""() => [...document.querySelectorAll('a.note-ref')].filter(m => m.getBoundingClientRect().width)
      .map(marker => {
        marker.scrollIntoView({block: 'center'});
        const r = marker.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
        const hits = points => points.filter(([px, py]) => {
          const hit = document.elementFromPoint(px, py); return hit && (hit === marker || marker.contains(hit)); }).length;
        const across = [], down = [];
        for (let d = -30; d <= 30; d++) { across.push([x + d, y]); down.push([x, y + d]); }
        return [marker.id, Math.round(r.width), Math.round(r.height), hits(across), hits(down)];
      })""")
    assert len(reach) >= 5, reach
    assert all(across >= 24 and down >= 24 for _, _, _, across, down in reach), reach


def test_following_a_cross_document_link_from_a_note(page_at):
    page = page_at("/china-france-statement-2024/", 1280)
    page.locator("#n-waic").get_by_role("link", name="Shanghai Declaration").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/shanghai-declaration-2024/#p1")
    assert page.evaluate("document.querySelector(':target').id") == "p1"


def test_nothing_of_the_index_is_fetched_before_the_reader_opens_search(page_at, requested):
    page = page_at("/action-plan-2025/", 1280)
    page.wait_for_timeout(500)
    fetched = lambda: [url for url in requested if "/pagefind/" in url]  # noqa: E731
    assert fetched() == [], "a page fetched the search index before the reader opened search"
    with page.expect_response(lambda response: "/pagefind/pagefind-entry.json" in response.url):
        page.keyboard.press("/")  # opening search is what fetches it
    expect(page.get_by_role("dialog", name="Search the edition")).to_be_visible()
    assert all("/pagefind/" in url for url in fetched())


@pytest.mark.parametrize("query, words, block", [("智能向善", ("智能向善",), None), ("capacity building", ("capacity building",), None),
                                                 ("同球共济", ("同球共济",), "#p1")])
def test_search_results_show_the_paragraph_and_lead_to_it(page_at, artefacts, query, words, block):
    page = page_at("/", 1280)
    hit = search(page, query).first
    # Title, view and ¶N above the snippet, the query marked as one phrase (not its characters one by one).
    assert hit.locator(".edition-search__title").inner_text()
    assert re.fullmatch(r".+ · ¶\d+", hit.locator(".edition-search__where").inner_text())
    marks = [mark.lower() for mark in hit.locator("mark").all_inner_texts()]
    assert marks and all(mark in words for mark in marks), marks
    href = hit.get_attribute("href")
    anchor = href.rsplit("#", 1)[1]
    if block:
        assert href.endswith(block)
    page.screenshot(path=artefacts / f"search-{'en' if query.isascii() else 'zh'}-results.png")
    hit.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.evaluate("document.querySelector(':target').id") == anchor
    background = page.evaluate(f"getComputedStyle(document.getElementById('{anchor}')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the block landed on is highlighted"


def test_search_is_driven_by_the_keyboard_and_keeps_focus(page_at):
    page = page_at("/action-plan-2025/zh/", 1280)
    opener = page.get_by_role("button", name="Search", exact=True)
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Search the edition")
    box = dialog.get_by_role("searchbox")
    expect(box).to_be_focused()
    box.press_sequentially("加強")
    dialog.locator(".edition-search__results a").first.wait_for()
    page.keyboard.press("ArrowDown")
    first = dialog.locator(".edition-search__results a").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(dialog.locator(".edition-search__results a").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    for _ in range(40):  # Tab cycles inside the dialog, never onto the page behind it
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()  # focus returns where it was
    page.keyboard.press("/")
    expect(box).to_be_focused()
    expect(box).to_have_value("加強")
    page.keyboard.press("Enter")  # Enter in the box opens the first result
    page.wait_for_url(re.compile(r"/zh-hant/#[ps]\d+$"))
    assert "加強" in page.evaluate("document.querySelector(':target').textContent")


def test_filters_narrow_the_results_by_document_language_and_year(page_at):
    page = page_at("/", 1280)
    search(page, "开放")
    dialog = page.get_by_role("dialog", name="Search the edition")
    dialog.get_by_label("Language").select_option("繁體中文")
    dialog.get_by_label("Year").select_option("2025")
    dialog.get_by_label("Document").select_option(label="Global AI Governance Action Plan")
    page.wait_for_load_state("networkidle")
    expect(dialog.locator(".edition-search__results a").first).to_have_attribute(
        "href", re.compile(r"^/action-plan-2025/zh-hant/#p\d+$"))
    hrefs = dialog.locator(".edition-search__results a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert hrefs and all(href.startswith("/action-plan-2025/zh-hant/#") for href in hrefs), hrefs


def test_a_search_whose_index_cannot_be_read_says_so_and_is_tried_again(page_at):
    page = page_at("/", 1280)
    # The index's entry file unreachable, as when the site is half published or the network drops.
    page.route("**/pagefind/pagefind-entry.json*", lambda route: route.fulfill(status=404, body="missing"))
    page.get_by_role("button", name="Search", exact=True).click()
    dialog = page.get_by_role("dialog", name="Search the edition")
    box = dialog.get_by_role("searchbox")
    box.press_sequentially("加強")
    expect(dialog.get_by_role("status")).to_have_text(re.compile(r"^Search is not available"))
    page.unroute("**/pagefind/pagefind-entry.json*")
    box.press_sequentially("監管")  # the next search starts it again
    expect(dialog.locator(".edition-search__results a").first).to_have_attribute("href", re.compile(r"/zh-hant/#"))
    expect(dialog.get_by_role("status")).to_have_text(re.compile(r"^\d+ results?( so far)?$"))


def test_more_results_come_ten_at_a_time_until_none_is_left(page_at):
    page = page_at("/search/?q=" + "人工智能", 1280)
    area = page.locator("#edition-search-page")
    results, more, status = area.locator(".edition-search__results a"), area.get_by_role("button", name="More results"), \
        area.get_by_role("status")
    expect(results).to_have_count(10)
    expect(status).to_have_text("10 results so far")
    seen = results.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    while more.is_visible():
        before = results.count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#edition-search-page .edition-search__results a')"
                               ".length > n || document.querySelector('#edition-search-page .edition-search__more')"
                               ".hidden", arg=before)
        # Focus moves to the first new result, or stays on the last when none came: never lost to the page.
        assert page.evaluate("document.activeElement.closest('#edition-search-page') !== null")
    shown = results.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert shown[:10] == seen and len(shown) == len(set(shown)) > 10  # each block once
    expect(status).to_have_text(f"{len(shown)} results")


def test_the_search_page_works_without_the_dialog(page_at, artefacts):
    page = page_at("/search/?q=Global%20South", 1280)
    results = page.locator("#edition-search-page .edition-search__results a")
    results.first.wait_for()
    assert page.locator("dialog[open]").count() == 0
    assert "global south" in results.first.locator("mark").first.inner_text().lower()
    box = page.locator("#edition-search-page").get_by_role("searchbox")
    box.fill("")
    box.press_sequentially("unleash")
    page.wait_for_function("location.search === '?q=unleash'")
    page.screenshot(path=artefacts / "search-page.png")


def test_the_traditional_view_persists_and_keeps_the_paragraph(page_at):
    page = page_at("/initiative-2023/#p6", 1280)
    page.get_by_role("group", name="Reading view · 阅读视图").get_by_role("link", name="繁體", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/initiative-2023/zh-hant/#p6")
    assert "面向他國" in page.evaluate("document.querySelector(':target').textContent")
    page.goto(page.url.split("/initiative-2023/")[0] + "/shanghai-declaration-2024/#p3", wait_until="networkidle")
    page.wait_for_url("**/shanghai-declaration-2024/zh-hant/#p3")
    assert page.evaluate("document.querySelector(':target').id") == "p3"


def test_print_preview_hides_navigation_and_shows_paragraph_numbers(page_at, artefacts):
    page = page_at("/action-plan-2025/zh/", 1280)
    page.emulate_media(media="print")
    assert page.is_hidden(".md-sidebar--primary") and page.is_hidden(".md-header")
    assert page.is_visible("#p14 a.pn") and page.is_hidden("#p14 .cite-button")
    page.pdf(path=str(artefacts / "print-preview.pdf"))


def test_dark_mode_keeps_contrast(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(server + "/action-plan-2025/#p5", wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    ratio = page.evaluate("""() => {
      const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
        v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const cell = document.querySelector('#p5 .cell[lang="zh-Hans"] p');
      let bg = getComputedStyle(document.getElementById('p5')).backgroundColor;
      const fg = getComputedStyle(cell).color;
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    }""")
    assert ratio >= 7, ratio
    context.close()


def test_controls_are_reachable_by_thumb_at_375(page_at):
    page = page_at("/action-plan-2025/", 375)
    for selector in (".edition-toolbar .edition-view", "#p3 .cite-button"):
        for box in [el.bounding_box() for el in page.locator(selector).all()]:
            assert box["height"] >= 24 and box["width"] >= 24, (selector, box)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375


@pytest.mark.parametrize("view", ["", "zh/", "en/", "zh-hant/", "en-unofficial/", "compare/"])
def test_a_cited_url_is_scrolled_into_view_and_highlighted_in_every_view(page_at, view):
    page = page_at(f"/action-plan-2025/{view}#p14", 375)
    assert page.evaluate("document.querySelector(':target').id") == "p14"
    top = page.evaluate("document.getElementById('p14').getBoundingClientRect().top")
    assert 0 <= top < 300
    background = page.evaluate("getComputedStyle(document.getElementById('p14')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


# Each text the reader's tools show, in its own language: what a screen reader speaks it in, what fonts it takes.
MISTAGGED = """roots => {
  const found = [];
  for (const root of roots.flatMap(selector => [...document.querySelectorAll(selector)])) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (node.parentElement.closest('pre.machine')) continue;  // BibTeX, RIS, CSL-JSON: code in both languages
      const lang = (node.parentElement.closest('[lang]') || document.documentElement).lang;
      const han = /[\\u4e00-\\u9fff]/.test(node.data), latin = /[A-Za-z]{2}/.test(node.data);
      if ((han && !lang.startsWith('zh')) || (latin && !han && lang.startsWith('zh'))) found.push([lang, node.data.trim()]);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("path", ["/action-plan-2025/en/", "/action-plan-2025/zh/", "/action-plan-2025/zh-hant/",
                                  "/action-plan-2025/"])
def test_the_toolbar_the_cite_dialog_and_an_open_note_speak_their_own_language(page_at, path):
    page = page_at(path, 1280)
    assert page.locator(".edition-toolbar .edition-view").count() >= 5
    page.locator("a.note-ref[href='#n-tong-qiu-gong-ji']").first.click()
    page.locator(".cite-document").click()
    page.get_by_role("dialog", name=re.compile("^Cite")).wait_for()
    page.locator("dialog pre").first.wait_for()
    assert page.evaluate(MISTAGGED, [".edition-toolbar", ".cite-button", "dialog.cite-dialog", ".note-inline"]) == []
    # The Chinese citation's own words are Chinese; its title in the heading too.
    gbt = page.locator("dialog section", has_text="GB/T 7714").locator("pre")
    assert gbt.evaluate("pre => pre.closest('[lang]').lang") == "zh-Hans"
