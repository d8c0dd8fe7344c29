"""Concordance: where a document numbers its own items (一、 / 1. / （一）), the edition's ¶ or § number
is given beside the document's own, in the data, in the block number's tooltip and in the cite dialog."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from build_tools.render.annotated import concordance


def _doc(edition, doc_id):
    return next(d for d in edition.documents if d.id == doc_id)


def test_the_documents_own_numbers_are_read_from_their_texts(edition):
    plan = concordance(_doc(edition, "action-plan-2025"))
    # The Action Plan numbers its thirteen points 一、 to 十三、, from ¶3: ¶14 is point 12.
    assert sorted(plan, key=lambda b: int(b[1:])) == [f"p{n}" for n in range(3, 16)]
    assert (plan["p14"].value, plan["p14"].mark, plan["p14"].version) == (12, "十二、", "zh")
    assert plan["p14"].label("p14") == "¶14 = item 12 (十二、)"
    assert plan["p14"].label("p14", "zh") == "第14段 = 十二、"
    capacity = concordance(_doc(edition, "capacity-building-plan-2024"))
    assert capacity["s1"].label("s1") == "§1 = section 1 (一、)"
    assert capacity["s7"].label("s7", "zh") == "第7节 = 二、"
    assert capacity["p7"].label("p7") == "¶7 = item 1 （一）"  # a mark in brackets is not bracketed again
    assert concordance(_doc(edition, "china-france-statement-2024"))["p13"].label("p13") == "¶13 = item 10 (10.)"
    # A text without numbered items has none; an unnumbered paragraph of a numbered one neither.
    assert concordance(_doc(edition, "initiative-2023")) == {} and "p1" not in plan
    for doc in edition.documents:
        for block_id, own in concordance(doc).items():
            assert doc.version(own.version).cells[block_id].text.startswith(own.mark)


def test_the_document_json_gives_each_numbered_block_its_own_number(site_dir, edition):
    data = json.loads((site_dir / "data" / "action-plan-2025.json").read_text(encoding="utf-8"))
    blocks = {b["id"]: b for b in data["blocks"]}
    assert blocks["p14"]["own_number"] == {"value": 12, "mark": "十二、", "version": "zh",
                                           "label": {"en": "¶14 = item 12 (十二、)", "zh": "第14段 = 十二、"}}
    assert "own_number" not in blocks["p1"]
    for doc in edition.documents:
        data = json.loads((site_dir / "data" / f"{doc.id}.json").read_text(encoding="utf-8"))
        assert {b["id"] for b in data["blocks"] if "own_number" in b} == set(concordance(doc))


@pytest.mark.parametrize("view", ["", "zh/", "en/", "zh-hant/", "compare/"])
def test_the_block_numbers_tooltip_gives_the_documents_own_number(site_dir, view):
    html = (site_dir / "action-plan-2025" / view / "index.html").read_text(encoding="utf-8")
    numbers = {m.group(1): m.group(0) for m in re.finditer(r'<a class="pn"[^>]*data-block="(\w+)"[^>]*>', html)}
    assert 'title="¶14 = item 12 (十二、)' in numbers["p14"] and 'data-concordance="¶14 = item 12 (十二、)"' in numbers["p14"]
    assert "data-concordance" not in numbers["p1"] and "item" not in numbers["p1"]
    # The attribute that carries the label to the number stays off the block itself.
    assert not re.search(r'<(?!a )[^>]*data-concordance', html)


@pytest.mark.browser
def test_the_cite_dialog_gives_the_documents_own_number(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/action-plan-2025/zh/", wait_until="networkidle")
    page.get_by_role("button", name="Cite ¶14").click()
    dialog = page.get_by_role("dialog", name=re.compile("^Cite"))
    expect(dialog.locator(".cite-concordance")).to_have_text("¶14 = item 12 (十二、)")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Cite ¶1", exact=True).click()
    page.get_by_role("dialog", name=re.compile("^Cite")).wait_for()
    expect(page.locator("dialog .cite-concordance")).to_have_count(0)
    context.close()
