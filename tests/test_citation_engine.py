"""The citation engine: citeproc-js (the engine inside Zotero and Mendeley) with the official CSL styles and
locales, run once for the whole edition; what it does that citeproc-py did not (measured in issue 13).

The strings each style prints for each kind of text are tested in test_citations.py; here, the engine's own
behaviour on the real Action Plan: punctuation, MLA's titles, apostrophes, italics in the HTML, one run.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from build_tools.model.errors import EditionError
from build_tools.render.data import citations, csl_engine
from build_tools.render.data.citations import citation_templates, rendered_once
from build_tools.render.data.edition_json import data_files

PLAN_EN = "2025 World AI Conference and High-Level Meeting on Global AI Governance"
TITLE = "Global AI Governance Action Plan"
EDITION_TITLE = "China’s AI Governance Texts: An Annotated Bilingual Edition"
FORMATTED = ("chicago", "apa", "mla", "gbt7714")


@pytest.fixture(scope="module")
def plan(edition, config):
    """Every rendering of the Action Plan (each as text and HTML), from one run of the engine."""
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    return rendered_once(lambda: citation_templates(doc, config))["templates"]


def _renderings(plan):
    for per_pin in plan.values():
        for styles in per_pin.values():
            for style in FORMATTED:
                yield from ((style, r) for r in styles.get(style, {}).values())


def test_chicago_and_mla_put_the_comma_and_period_inside_the_closing_quote(plan):
    en = plan["en"]["p"]
    assert f"“{TITLE},” " in en["chicago"]["note"]["text"]  # CMOS 6.9; the en-US locale's punctuation-in-quote
    assert f"“{TITLE}.” " in en["chicago"]["bibliography"]["text"]
    assert f"“{TITLE}.” " in en["mla"]["bibliography"]["text"]
    for style, rendering in _renderings(plan):
        if style in ("chicago", "mla"):
            assert "”," not in rendering["text"] and "”." not in rendering["text"], rendering["text"]


def test_mla_in_text_names_no_title_when_one_work_of_the_author_is_cited(plan):
    # MLA 9 adds a short title only to tell two works of one author apart; citeproc-py always added it.
    assert plan["en"]["p"]["mla"]["in-text"]["text"] == f"({PLAN_EN}, par. {{n}})"


def test_apostrophes_are_typographic(plan):
    for style in ("chicago", "apa", "mla"):
        for rendering in plan["en"]["p"][style].values():
            assert "'" not in rendering["text"] and "'" not in rendering["html"], rendering["text"]
    assert EDITION_TITLE in plan["en"]["p"]["chicago"]["note"]["text"]


def test_the_html_keeps_the_italics_and_says_what_the_text_says(plan):
    for style in ("chicago", "apa", "mla"):
        assert f"<i>{EDITION_TITLE}</i>" in plan["en"]["p"][style]["bibliography"]["html"], style
    for _, rendering in _renderings(plan):
        assert set(re.findall(r"</?([a-zA-Z0-9]+)", rendering["html"])) <= {"i", "b", "span", "sup", "sub"}
        assert unescape(re.sub(r"<[^>]+>", "", rendering["html"])) == rendering["text"]
    gbt = plan["zh"]["p"]["gbt7714"]["bibliography"]
    assert gbt["html"] == gbt["text"] and not gbt["text"].startswith("[1]")  # GB/T 7714 sets no italics


def test_the_engine_runs_once_for_the_whole_edition(edition, config, monkeypatch):
    requests: list[dict] = []
    run = csl_engine.subprocess.run

    def counted(command, **kwargs):
        requests.append(json.loads(kwargs["input"]))
        return run(command, **kwargs)

    monkeypatch.setattr(csl_engine.subprocess, "run", counted)
    monkeypatch.setattr(citations, "_RENDERED", {})  # nothing rendered before this build
    files = data_files(edition, config)
    assert len(requests) == 1 and len(requests[0]["renderings"]) >= 3 * len(edition.documents)
    # The style and locale files are the pinned packages' own, inside the project.
    for path in [s["file"] for s in requests[0]["styles"].values()] + list(requests[0]["locales"].values()):
        assert path.startswith(str(csl_engine.SCRIPT.parents[3])), path
    # No sentinel survives the engine: it curls quotes and sets case, but numbers, anchors and dates stay.
    for doc in edition.documents:
        data = files[f"cite/{doc.id}.json"]
        assert citations.NUMBER not in data and citations.ANCHOR not in data and "1999" not in data, doc.id


def test_without_node_the_build_says_how_to_get_it(monkeypatch, tmp_path):
    rendering = csl_engine.Rendering("apa", "en-US", {"id": "x", "type": "report", "title": "T"}, None)
    monkeypatch.setattr(csl_engine.shutil, "which", lambda name: None)
    with pytest.raises(EditionError) as missing:
        csl_engine.run([rendering])
    assert str(missing.value) == ("node: not found (citations are rendered by citeproc-js) — "
                                  "run make site, which installs it")
    monkeypatch.undo()
    broken = tmp_path / "engine.js"
    broken.write_text('throw new TypeError("no engine here");\n', encoding="utf-8")
    monkeypatch.setattr(csl_engine, "SCRIPT", broken)
    with pytest.raises(EditionError) as failed:
        csl_engine.run([rendering])
    assert str(failed.value) == "node: engine.js failed: TypeError: no engine here — run make site, which installs it"
