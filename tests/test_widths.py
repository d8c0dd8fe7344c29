"""Every view at every width a reader brings, from a small phone to a wide screen: each ¶ number and Cite button
inside the window and the content column, on top of nothing and under nothing, no sideways scrolling, and lines
of a readable length, measured in rendered characters. Screenshots of each view and width are kept."""

from __future__ import annotations

import pytest

from build_tools.model import urls

pytestmark = pytest.mark.browser

WIDTHS = [320, 375, 768, 960, 1024, 1219, 1280, 1440, 1920]
# Characters per full line of the documents' text (the last line of a paragraph is not full). Below 768 px the
# lower bounds are what a phone's width allows at the body's 16 px: about 18 characters of Chinese, 40 of English.
MEASURE = {"zh": (20, 40), "en": (45, 80)}
PHONE_MEASURE = {"zh": (16, 40), "en": (35, 80)}
PHONE = 768

# Each ¶ number and Cite button of the page, scrolled into view in turn: where it is, and what a tap on its
# centre reaches. Whatever else a reader can press, and the block's own text, must not share its box.
CONTROLS = """() => {
  const W = innerWidth;
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const box = r => [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)];
  const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const column = document.querySelector(".md-content").getBoundingClientRect();
  const controls = [...document.querySelectorAll(".block-tools a.pn, .block-tools .cite-button")].filter(shown);
  const pressable = [...document.querySelectorAll("a[href], button, input, label, summary, [tabindex]")]
    .filter(el => shown(el) && !el.closest(".block-tools"));
  const problems = [...document.querySelectorAll(".block-tools")].filter(shown)
    .filter(tools => !tools.querySelector("a.pn") || !tools.querySelector(".cite-button"))
    .map(tools => [tools.closest("[id]").id, "lacks its ¶ number or its Cite button"]);
  for (const el of controls) {
    el.scrollIntoView({block: "center"});
    const r = el.getBoundingClientRect();
    const block = el.closest("[id]");
    const name = `${block.id} ${el.matches("a.pn") ? "¶ number" : "Cite"}`;
    if (r.left < 0 || r.right > W) problems.push([name, "outside the window", box(r)]);
    if (r.left < column.left - 1 || r.right > column.right + 1) problems.push([name, "outside the content column", box(r)]);
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    if (!hit || !(hit === el || el.contains(hit))) problems.push([name, "covered by", hit && hit.outerHTML.slice(0, 90)]);
    // Each line's piece of a link that wraps, not the box around all of them.
    const other = pressable.find(p => [...p.getClientRects()].some(piece => piece.height && meets(r, piece)));
    if (other) problems.push([name, "overlaps", other.outerHTML.slice(0, 90)]);
    const text = document.createRange();
    text.setStartAfter(el.closest(".block-tools"));
    text.setEndAfter(block.lastChild);
    if ([...text.getClientRects()].some(line => line.width && meets(r, line))) problems.push([name, "covers the text", box(r)]);
  }
  scrollTo(0, 0);
  return {controls: controls.length, problems};
}"""

# Characters per rendered line of the longest paragraphs of each language: the characters of a paragraph's text
# (notes' calls, numbers and editorial lines aside) grouped by the line box they sit on, spaces counted.
LINES = """() => {
  const SKIP = ".block-tools, .note-ref, .note-panels, .editorial";
  // The documents' text: numbered paragraphs and the cells of a parallel row; elsewhere (home) the page's prose.
  const TEXT = document.querySelector(".block-tools") ? ".md-content__inner :is(.cell > p, .md-typeset > p[id])"
    : ".md-content__inner > p";
  function lengths(el) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {acceptNode: n =>
      n.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    const lines = [];
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (let i = 0; i < text.length; i++) {
        if (/\\s/.test(text[i])) continue;
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (!r || !r.width) continue;
        const middle = (r.top + r.bottom) / 2;
        let line = lines.find(l => Math.abs(l.middle - middle) < r.height / 2);
        if (!line) { line = {middle, count: 0}; lines.push(line); }
        line.count += 1 + (text[i + 1] === " ");
      }
    }
    return lines.sort((a, b) => a.middle - b.middle).map(l => l.count);
  }
  const found = {};
  for (const el of document.querySelectorAll(TEXT)) {
    if (!el.getBoundingClientRect().width) continue;
    const lang = (el.closest("[lang]").getAttribute("lang") || "").startsWith("zh") ? "zh" : "en";
    (found[lang] = found[lang] || []).push(el);
  }
  const out = {};
  for (const [lang, els] of Object.entries(found)) {
    const longest = els.sort((a, b) => b.textContent.length - a.textContent.length).slice(0, 4);
    const full = longest.flatMap(el => lengths(el).slice(0, -1)).sort((a, b) => a - b);
    if (full.length) out[lang] = {median: full[Math.floor(full.length / 2)], max: full[full.length - 1]};
  }
  return out;
}"""


@pytest.fixture(scope="module")
def views(edition) -> dict[str, str]:
    """One page of each kind a reader can open: every view of the document with the most views, an excerpt,
    a document with a single version where there is one, and the home page; name → path."""
    documents = [d for d in edition.documents if d.record.kind == "document"]
    richest = max(documents, key=lambda d: len(urls.document_views(d)))
    pages = {view: "/" + urls.view_path(richest.id, "document", view) for view in urls.document_views(richest)}
    excerpt = next(d for d in edition.documents if d.record.kind != "document")
    pages["excerpt"] = "/" + urls.view_path(excerpt.id, excerpt.record.kind)
    if single := next((d for d in documents if len(d.versions) == 1), None):
        pages["single version"] = "/" + urls.view_path(single.id, "document")
    pages["home"] = "/"
    return pages


@pytest.mark.parametrize("width", WIDTHS)
def test_every_view_is_usable_at_this_width(browser, server, artefacts, views, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems, measured = [], {}
    for name, path in views.items():
        response = page.goto(server + path, wait_until="networkidle")
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        shot = f"width-{name.replace(' ', '-')}-{width}"
        page.screenshot(path=artefacts / f"{shot}.png")
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll > width:
            problems.append((name, f"scrolls sideways: {scroll} px wide"))
        controls = page.evaluate(CONTROLS)
        problems += [(name, *problem) for problem in controls["problems"]]
        if name != "home" and not controls["controls"]:
            problems.append((name, "no ¶ number or Cite button shown"))
        measured[name] = page.evaluate(LINES)
        # The text as a reader scrolls to it: the first numbered block at the top of the window.
        if page.evaluate("""() => { const tools = document.querySelector('.block-tools');
                              if (tools) tools.closest('[id]').scrollIntoView(); return Boolean(tools); }"""):
            page.screenshot(path=artefacts / f"{shot}-text.png")
        for lang, (low, high) in (MEASURE if width >= PHONE else PHONE_MEASURE).items():
            lines = measured[name].get(lang)
            if lines and not (low <= lines["median"] and lines["max"] <= high):
                problems.append((name, f"{lang} lines of {lines['median']} characters (at most {lines['max']}), "
                                       f"not {low}–{high}"))
    context.close()
    assert problems == [], (problems[:12], measured)
    # The measure is taken: each document view has text of its languages to measure.
    assert measured["zh"].get("zh") and measured["en"].get("en"), measured
