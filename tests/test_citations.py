"""Citations: every format for sample blocks in both languages, against the expected text; head metadata.

A document whose record names no issuer is cited by its title, with no empty author, in every format.
"""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from build_tools.__main__ import main
from build_tools.model.edition import Editor
from build_tools.render.data.citations import citation_templates, rendered_once

from .conftest import ROOT, copy_project, edit_yaml

ACCESS = {"month-day-year": "November 23, 2026", "mla": "23 Nov. 2026", "iso": "2026-11-23", "ris": "2026/11/23"}
SITE = "https://china-ai-governance-texts.org"
PLAN_EN = "2025 World AI Conference and High-Level Meeting on Global AI Governance"
PLAN_ZH = "2025世界人工智能大会暨人工智能全球治理高级别会议"
CONTAINER = "China's AI Governance Texts: An Annotated Bilingual Edition"


def filled(template: str, block_id: str) -> str:
    """The template as the reader's browser fills it (the same rules as overrides/assets/edition.js)."""
    text = template.replace("{n}", block_id[1:]).replace("{anchor}", block_id)
    return re.sub(r"\{accessed:([a-z-]+)\}", lambda m: ACCESS[m.group(1)], text)


def texts(templates: dict) -> dict:
    """The templates with each formatted rendering as its plain text (the HTML is tested on its own)."""
    return {version: {pin: {style: ({part: r["text"] for part, r in parts.items()} if isinstance(parts, dict)
                                    else parts) for style, parts in styles.items()}
                      for pin, styles in per_pin.items()} for version, per_pin in templates.items()}


def cited(doc, config) -> dict:
    """citation_templates of one document, rendered by one run of the engine."""
    return rendered_once(lambda: citation_templates(doc, config))


@pytest.fixture(scope="module")
def rendered(edition, config):
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    return cited(doc, config)["templates"]


@pytest.fixture(scope="module")
def plan(rendered):
    return texts(rendered)


def styles_of(templates: dict, version: str, pin: str, block_id: str) -> dict:
    """Every formatted style's parts for one version and pinpoint (plain text), filled in for ``block_id``."""
    return {style: {part: filled(text, block_id) for part, text in parts.items()}
            for style, parts in templates[version][pin].items() if isinstance(parts, dict)}


# Golden strings, derived from the manuals for the edition's model: the cited work is the document (its
# issuing body as author, its own date as original date), within the edition (title, version 1.0.0,
# released 2026-11-23: the year of publication), located by paragraph, at this release's address (/1.0.0/).
# - CMOS 18: a part of an edited work, "Author, “Title,” in Book, version (orig. publisher, orig. year; repr.,
#   pub. year), para. n, accessed …, URL." (14.8 notes, 14.9 parts of books, 14.114 reprints: the first
#   publication, then "repr." and the reprint's facts; the bibliography "… 2025. Reprint, 2026."; 14.15 access
#   dates); the comma and period inside the closing quote (6.9); "para." (14.xx abbreviations for locators).
# - APA 7: a chapter in an edited book (10.3 #38), with "(Original work published 2025)" and "2025/2026" in
#   text for a republished work (9.41, 8.15), "[Action plan]" as a description (9.21), "para. 14" (8.13).
# - MLA 9: "Author. “Title.” Original date. Container, Version 1.0.0, Year, URL." (5.x core elements, the
#   original publication date after the title as optional element), in-text "(Author, par. 14)" with no
#   title when one work of the author is cited (6.x).
# - GB/T 7714-2015: 析出文献 "[M/OL]//专著题名. 版本项. 出版年: 引文页码[引用日期]. 获取和访问路径." (4.x, 8.x: a
#   part marked as its host, a monograph, as 附录 A's "[M]//" examples), the paragraph as 第14段; the host's
#   year is the edition's release year, with or without a locator.
# Where the official styles depart from the manuals (the style files are used unchanged; docs/how-to-cite.md):
# - CMOS 18 11.8 / 14.95 and MLA 9 put a translated title in brackets after the closing quote, “原题” [English];
#   neither style has a variable printed there, so the bracket is part of the title, inside the quotes.
# - MLA 9 writes "version 1.0.0" lower-case after a comma; the MLA style capitalises the version's label
#   whenever the item has no edition ("Version 1.0.0"), and an edition would print one more element.
# - CMOS 18 14.114 prints "(2023; repr., 2026)" for a reprint without named original publisher; the Chicago
#   style prints "repr." only with an original publisher or place, so a document without issuer keeps
#   "(2023, 2026)".
# The engine, as the manuals, prints a typographic apostrophe (’) where the data has a straight one.
TYPESET = CONTAINER.replace("'", "’")
EDITION_EN = f"in {TYPESET}, version 1.0.0"
REPRINT = f"({PLAN_EN}, 2025; repr., 2026)"  # CMOS 18 14.114: the issuing body first published the document


def test_a_paragraph_of_the_english_text_in_every_style(plan):
    url = f"{SITE}/1.0.0/action-plan-2025/en/#p14"
    assert styles_of(plan, "en", "p", "p14") == {
        "chicago": {
            "note": f"{PLAN_EN}, “Global AI Governance Action Plan,” {EDITION_EN} {REPRINT}, para. 14, "
                    f"accessed November 23, 2026, {url}.",
            "bibliography": f"{PLAN_EN}. “Global AI Governance Action Plan.” In {TYPESET}, version 1.0.0. "
                            f"{PLAN_EN}, 2025. Reprint, 2026. Accessed November 23, 2026. {url}."},
        "apa": {
            "bibliography": f"{PLAN_EN}. (2026). Global AI Governance Action Plan [Action plan]. In {TYPESET} "
                            f"(Version 1.0.0). {url} (Original work published 2025)",
            "in-text": f"({PLAN_EN}, 2025/2026, para. 14)"},
        "mla": {
            "bibliography": f"{PLAN_EN}. “Global AI Governance Action Plan.” 26 July 2025. {TYPESET}, "
                            f"Version 1.0.0, 2026, {url}.",
            "in-text": f"({PLAN_EN}, par. 14)"},
    }


def test_the_whole_document_has_no_locator_and_links_the_page_of_the_release(plan):
    url = f"{SITE}/1.0.0/action-plan-2025/en/"
    styles = styles_of(plan, "en", "document", "")
    assert styles["chicago"]["note"] == (f"{PLAN_EN}, “Global AI Governance Action Plan,” {EDITION_EN} {REPRINT}, "
                                         f"accessed November 23, 2026, {url}.")
    assert styles["apa"]["in-text"] == f"({PLAN_EN}, 2025/2026)" and styles["mla"]["in-text"] == f"({PLAN_EN})"
    # GB/T 7714 8.x: a part gives its host's year of publication, with a locator or without.
    assert styles_of(plan, "zh", "document", "")["gbt7714"]["bibliography"] == (
        f"{PLAN_ZH}. 人工智能全球治理行动计划[M/OL]//中国人工智能治理文本：双语校注本. 1.0.0版. 2026[2026-11-23]. "
        f"{SITE}/1.0.0/action-plan-2025/zh/.")


def test_gbt_7714_cites_the_chinese_text_in_chinese(plan):
    assert styles_of(plan, "zh", "p", "p14")["gbt7714"]["bibliography"] == (
        f"{PLAN_ZH}. 人工智能全球治理行动计划[M/OL]//中国人工智能治理文本：双语校注本. 1.0.0版. "
        f"2026: 第14段[2026-11-23]. {SITE}/1.0.0/action-plan-2025/zh/#p14.")
    assert "gbt7714" not in plan["en"]["p"]


def test_a_heading_is_cited_as_a_section(edition, config):
    doc = next(d for d in edition.documents if d.id == "shanghai-declaration-2024")
    templates = texts(cited(doc, config)["templates"])
    en = styles_of(templates, "en", "s", "s2")
    assert ", sec. 2, accessed" in en["chicago"]["note"] and en["mla"]["in-text"].endswith(", sec. 2)")
    assert en["apa"]["in-text"].endswith(", 2024/2026, Section 2)")
    assert ". 2026: 第2节[2026-11-23]. " in styles_of(templates, "zh", "s", "s2")["gbt7714"]["bibliography"]


def test_an_unofficial_translation_says_so_where_each_style_describes_a_work(plan):
    url = f"{SITE}/1.0.0/action-plan-2025/en-unofficial/#p3"
    styles = styles_of(plan, "en-unofficial", "p", "p3")
    assert styles["chicago"]["note"] == (f"{PLAN_EN}, “Global AI Governance Action Plan,” {EDITION_EN} {REPRINT}, "
                                         f"para. 3, unofficial English translation, accessed November 23, 2026, {url}.")
    assert styles["apa"]["bibliography"] == (
        f"{PLAN_EN}. (2026). Global AI Governance Action Plan [Action plan, unofficial English translation]. "
        f"In {TYPESET} (Version 1.0.0). {url} (Original work published 2025)")
    assert styles["mla"]["bibliography"].endswith(f", 2026, {url}. Unofficial English translation.")


def test_an_excerpt_says_so(edition, config):
    doc = next(d for d in edition.documents if d.id == "icdppc-declaration-2018")
    body = "40th International Conference of Data Protection and Privacy Commissioners (ICDPPC)"
    url = f"{SITE}/1.0.0/icdppc-declaration-2018/#p2"
    styles = styles_of(texts(cited(doc, config)["templates"]), "en", "p", "p2")
    assert styles["mla"]["bibliography"] == (
        f"{body}. “Declaration on Ethics and Data Protection in Artificial Intelligence.” 23 Oct. 2018. {TYPESET}, "
        f"Version 1.0.0, 2026, {url}. Excerpt, unofficial English translation.")
    assert "[Declaration, excerpt, unofficial English translation]" in styles["apa"]["bibliography"]
    assert "para. 2, excerpt, unofficial English translation, accessed" in styles["chicago"]["note"]


def test_a_paragraph_without_english_is_cited_in_english_by_its_chinese_title_and_its_translation(edition, config):
    doc = next(d for d in edition.documents if d.id == "china-france-statement-2024")
    data = cited(doc, config)
    assert data["text"]["p4"] == ["zh"] and data["text"]["p7"] == ["zh", "en"]
    zh, en = "中华人民共和国和法兰西共和国关于人工智能和全球治理的联合声明", "China–France Joint Statement on AI and Global Governance"
    body, url = "People’s Republic of China and the French Republic", f"{SITE}/1.0.0/china-france-statement-2024/zh/#p4"
    styles = styles_of(texts(data["templates"]), "zh", "p", "p4")
    # CMOS 18 11.8 and MLA 9: the translation in brackets after the quoted title, the punctuation after it.
    assert styles["chicago"]["note"] == (f"{body}, “{zh}” [{en}], {EDITION_EN} ({body}, 2024; repr., 2026), "
                                         f"para. 4, accessed November 23, 2026, {url}.")
    assert styles["apa"]["bibliography"] == (f"{body}. (2026). {zh} [{en}] [Joint statement]. In {TYPESET} "
                                             f"(Version 1.0.0). {url} (Original work published 2024)")
    assert styles["mla"]["bibliography"] == f"{body}. “{zh}” [{en}]. 7 May 2024. {TYPESET}, Version 1.0.0, 2026, {url}."
    # The HTML keeps the bracket outside the quotation marks too, and the container in italics.
    html = filled(data["templates"]["zh"]["p"]["chicago"]["note"]["html"], "p4")
    assert f"“{zh}” [{en}], in <i>{TYPESET}</i>, version 1.0.0" in html
    # GB/T 7714 cites it in Chinese, with no bracketed English.
    assert styles["gbt7714"]["bibliography"] == (
        f"中华人民共和国和法兰西共和国. 中华人民共和国和法兰西共和国关于人工智能和全球治理的联合声明[M/OL]//"
        f"中国人工智能治理文本：双语校注本. 1.0.0版. 2026: 第4段[2026-11-23]. {url}.")


def test_configured_editors_and_publisher_are_named(edition, config):
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    edited = dataclasses.replace(config, editors=(Editor(family="Doe", given="Jane"),), publisher="Example Press")
    data = texts(cited(doc, edited)["templates"])
    styles = styles_of(data, "en", "p", "p14")
    assert f"{EDITION_EN}, ed. Jane Doe ({PLAN_EN}, 2025; repr., Example Press, 2026), para. 14" in styles["chicago"]["note"]
    assert f"In J. Doe (Ed.), {TYPESET} (Version 1.0.0). Example Press. " in styles["apa"]["bibliography"]
    assert f"{TYPESET}, edited by Jane Doe, Version 1.0.0, Example Press, 2026, " in styles["mla"]["bibliography"]
    # GB/T 7714 8.1.2: a Western name as surname (capitals) and initials, without points.
    assert "//DOE J. 中国人工智能治理文本：双语校注本. 1.0.0版. Example Press, 2026: 第14段" in \
        styles_of(data, "zh", "p", "p14")["gbt7714"]["bibliography"]
    assert "  editor = {Doe, Jane},\n  publisher = {Example Press}," in data["en"]["p"]["bibtex"]
    assert {"A2  - Doe, Jane", "PB  - Example Press"} <= set(data["en"]["p"]["ris"].splitlines())


def test_the_data_formats_keep_titles_edition_version_and_paragraph(plan):
    bibtex = filled(plan["en"]["p"]["bibtex"], "p14")
    assert bibtex.startswith("@incollection{action-plan-2025-en-p14,\n  title = {Global AI Governance Action Plan},\n"
                             "  origtitle = {人工智能全球治理行动计划},")
    assert f"  url = {{{SITE}/1.0.0/action-plan-2025/en/\\#p14}}," not in bibtex  # the url field is verbatim
    assert f"  url = {{{SITE}/1.0.0/action-plan-2025/en/#p14}}," in bibtex and "  urldate = {2026-11-23}," in bibtex
    assert f"  booktitle = {{{CONTAINER}}}," in bibtex and "  origdate = {2025-07-26}," in bibtex
    # Zotero's BibTeX import (BibTeX.js, run on this entry) drops version, origdate, origtitle and langid: it keeps
    # language and edition, and the note (a child note) repeats all it would lose.
    assert "  language = {en},\n  edition = {version 1.0.0}\n}" in bibtex
    assert ("version: 1.0.0; original-date: 2025-07-26; original-title: 人工智能全球治理行动计划; "
            "Edition 1.0.0, released 2026-11-23; ¶14; ") in bibtex
    ris = filled(plan["zh"]["p"]["ris"], "p14").splitlines()
    assert ris[:4] == ["TY  - CHAP", "TI  - 人工智能全球治理行动计划", "TT  - Global AI Governance Action Plan",
                       f"AU  - {PLAN_ZH}"]
    assert {"Y2  - 2026/11/23", "PY  - 2026", "T2  - 中国人工智能治理文本：双语校注本",
            f"UR  - {SITE}/1.0.0/action-plan-2025/zh/#p14"} <= set(ris)
    # No SP (Zotero would print "p. ¶14") and no ET (Zotero drops it): the note carries both.
    assert not [line for line in ris if line[:2] in ("SP", "ET")] and ris[-1] == "ER  - "
    # M2 lines go to Zotero's Extra, whose "variable: value" lines its styles cite (RIS.js, run on this record).
    assert [line for line in ris if line.startswith("M2")] == ["M2  - version: 1.0.0", "M2  - original-date: 2025-07-26"]
    english = filled(plan["en"]["p"]["ris"], "p14").splitlines()
    assert "M2  - original-title: 人工智能全球治理行动计划" in english
    note = next(line for line in ris if line.startswith("N1  - "))
    assert "version: 1.0.0" in note and "¶14" in note and f"Current version: {SITE}/action-plan-2025/zh/#p14" in note
    csl = json.loads(filled(plan["en"]["p"]["csl-json"], "p14"))
    assert csl["id"] == "action-plan-2025-en-p14" and csl["type"] == "chapter" and csl["version"] == "1.0.0"
    assert csl["container-title"] == CONTAINER and csl["original-title"] == "人工智能全球治理行动计划"
    assert csl["issued"] == {"date-parts": [[2026, 11, 23]]} and csl["original-date"] == {"date-parts": [[2025, 7, 26]]}
    assert csl["URL"] == f"{SITE}/1.0.0/action-plan-2025/en/#p14" and csl["accessed"] == {"raw": "2026-11-23"}
    # Zotero's engine reads Extra's "variable: value" lines up to the first line of prose: these come first.
    assert csl["note"].splitlines()[:4] == [f"container-title: {CONTAINER}", "version: 1.0.0",
                                            "original-date: 2025-07-26", "original-title: 人工智能全球治理行动计划"]


def test_the_copied_csl_json_is_one_array_with_an_id_per_block_and_view(edition, config):
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    data = cited(doc, config)
    join = next(style["join"] for style in data["styles"] if style["key"] == "csl-json")
    # As the dialog joins the Chinese and English entries (overrides/assets/edition.js).
    copied = [join["open"] + join["separator"].join(filled(data["templates"][v]["p"]["csl-json"], block)
                                                     for v in ("zh", "en")) + join["close"]
              for block in ("p5", "p14")]
    items = [item for text in copied for item in json.loads(text)]
    assert [item["id"] for item in items] == ["action-plan-2025-zh-p5", "action-plan-2025-en-p5",
                                             "action-plan-2025-zh-p14", "action-plan-2025-en-p14"]


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.json_ld: list[dict] = []
        self._ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "name" in attrs:
            self.meta.setdefault(attrs["name"], []).append(attrs.get("content", ""))
        if tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href", "")
        self._ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._ld:
            self.json_ld.append(json.loads(data))
            self._ld = False


def _head(site_dir, path: str) -> _Head:
    parser = _Head()
    parser.feed((site_dir / path / "index.html").read_text(encoding="utf-8"))
    return parser


def test_document_pages_carry_what_zotero_reads(site_dir):
    head = _head(site_dir, "action-plan-2025/en")
    expected = {
        "citation_title": ["Global AI Governance Action Plan"],
        "citation_author": [f"{PLAN_EN},"],
        "citation_publication_date": ["2025/07/26"],
        "citation_language": ["en"],
        "citation_public_url": [f"{SITE}/action-plan-2025/en/"],
        # The publisher (institution) is the edition, not the issuing body a second time.
        "citation_technical_report_institution": [CONTAINER],
        "z.itemType": ["report"],
        "DC.title": ["Global AI Governance Action Plan"],
        "DC.creator": [PLAN_EN],
        "DC.date": ["2025-07-26"],
    }
    assert {k: head.meta.get(k) for k in expected} == expected
    assert head.links["canonical"] == f"{SITE}/action-plan-2025/en/"
    zh = _head(site_dir, "action-plan-2025/zh")
    assert zh.meta["citation_title"] == ["人工智能全球治理行动计划"] and zh.meta["citation_author"] == [PLAN_ZH]


def test_json_ld_and_sitemap(site_dir, edition):
    ld = _head(site_dir, "initiative-2023").json_ld[0]
    assert ld["@type"] == "Report" and ld["datePublished"] == "2023-10-20" and ld["version"] == "1.0.0"
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for doc in edition.documents:
        assert f"<loc>{SITE}/{doc.id}/</loc>" in sitemap


def test_every_document_offers_a_ris_download(site_dir, edition):
    for doc in edition.documents:
        ris = (site_dir / "data" / "cite" / f"{doc.id}.ris").read_text(encoding="utf-8")
        assert ris.count("TY  - CHAP") == len(doc.versions) and "Y2  -" not in ris


def test_release_is_in_every_footer_and_the_json(site_dir, config):
    for page in site_dir.rglob("index.html"):
        assert f"Edition {config.release.version} · released {config.release.date}" in page.read_text(encoding="utf-8"), page
    data = json.loads((site_dir / "data" / "edition.json").read_text(encoding="utf-8"))
    assert data["edition_version"] == config.release.version


# A document whose record names no issuer, as `draft` writes it for a text that does not name one
# (issuing_body: {}), made from the real witnesses of the Global AI Governance Initiative (002, ¶1–¶2).
NO_ISSUER = "test-no-issuer"
NO_ISSUER_TITLES = {"zh": "全球人工智能治理倡议（节选）", "en": "Global AI Governance Initiative (opening)"}


@pytest.fixture(scope="module")
def no_issuer(tmp_path_factory):
    """A project copy with that document, its docs/ written by the `docs` command."""
    project = copy_project(tmp_path_factory.mktemp("no-issuer") / "project")
    record = project / "source_texts" / f"{NO_ISSUER}.yml"
    record.write_text("{}\n", encoding="utf-8")
    edit_yaml(record, lambda data: data.update(
        id=NO_ISSUER, kind="document", titles=NO_ISSUER_TITLES, date="2023-10-20", issuing_body={},
        document_type="initiative", versions=[
            {"key": "zh", "lang": "zh", "status": "official",
             "witnesses": [{"file": "002_92e6455c04bab45f.txt", "lines": "8-10"}]},
            {"key": "en", "lang": "en", "status": "official",
             "witnesses": [{"file": "002_92e6455c04bab45f.txt", "lines": "176-178"}]}]))
    assert main(["docs", "--root", str(project)]) == 0
    return project / "docs"


def _no_issuer_templates(docs) -> dict:
    return texts(json.loads((docs / "data" / "cite" / f"{NO_ISSUER}.json").read_text(encoding="utf-8"))["templates"])


def test_without_issuer_the_styles_cite_by_title_once(no_issuer):
    templates = _no_issuer_templates(no_issuer)
    en, zh = NO_ISSUER_TITLES["en"], NO_ISSUER_TITLES["zh"]
    url = f"{SITE}/1.0.0/{NO_ISSUER}/en/#p2"
    en_p = {style: {part: filled(text, "p2") for part, text in parts.items()}
            for style, parts in templates["en"]["p"].items() if isinstance(parts, dict)}
    # Without author each manual moves the title to the author's place (CMOS 18 14.63, APA 7 9.12, MLA 9
    # 5.xx), the description in brackets with it (APA 9.12), and APA cites a part's title in quotation marks
    # and title case in text (8.14). Without original publisher Chicago keeps "(2023, 2026)" (see above).
    typeset, title = CONTAINER.replace("'", "’"), "Global AI Governance Initiative (Opening)"
    assert en_p == {
        "chicago": {
            "note": f"“{title},” in {typeset}, version 1.0.0 (2023, 2026), para. 2, accessed November 23, 2026, {url}.",
            "bibliography": f"“{title}.” In {typeset}, version 1.0.0. 2023, 2026. Accessed November 23, 2026. {url}."},
        "apa": {"bibliography": f"{en} [Initiative]. (2026). In {typeset} (Version 1.0.0). {url} "
                                f"(Original work published 2023)",
                "in-text": f"(“{title},” 2023/2026, para. 2)"},
        "mla": {"bibliography": f"“{title}.” 20 Oct. 2023. {typeset}, Version 1.0.0, 2026, {url}.",
                "in-text": f"(“{title},” par. 2)"},
    }
    # GB/T 7714 leaves out an author it lacks (no 佚名 for a document without issuing organisation).
    assert filled(templates["zh"]["p"]["gbt7714"]["bibliography"], "p2") == (
        f"{zh}[M/OL]//中国人工智能治理文本：双语校注本. 1.0.0版. 2026: 第2段[2026-11-23]. {SITE}/1.0.0/{NO_ISSUER}/zh/#p2.")
    for version, per_pin in templates.items():
        for pin, styles in per_pin.items():
            for style in ("chicago", "apa", "mla", "gbt7714"):
                for text in styles.get(style, {}).values():
                    assert text.lower().count(NO_ISSUER_TITLES[version].lower()) == 1, (version, pin, style, text)


def test_without_issuer_the_machine_formats_have_no_author(no_issuer):
    templates = _no_issuer_templates(no_issuer)
    for version, per_pin in templates.items():
        for pin, styles in per_pin.items():
            bibtex = styles["bibtex"]
            assert bibtex.startswith(f"@incollection{{{NO_ISSUER}-{version}")
            assert "author =" not in bibtex and "institution =" not in bibtex and "{}" not in bibtex.replace("{{", "")
            assert f"  title = {{{NO_ISSUER_TITLES[version]}}}," in bibtex
            ris = styles["ris"].splitlines()
            assert not [line for line in ris if line.startswith("AU")] and f"TI  - {NO_ISSUER_TITLES[version]}" in ris
            assert all(line.split("  - ", 1)[1] for line in ris[:-1])  # no empty field
            csl = json.loads(styles["csl-json"])
            assert "author" not in csl and csl["title"] == NO_ISSUER_TITLES[version]
    ris_file = (no_issuer / "data" / "cite" / f"{NO_ISSUER}.ris").read_text(encoding="utf-8")
    assert ris_file.count("TY  - CHAP") == 2 and "AU  -" not in ris_file


def test_without_issuer_the_page_metadata_names_no_author(no_issuer):
    front = (no_issuer / NO_ISSUER / "en.md").read_text(encoding="utf-8").split("---")[1]
    citation = yaml.safe_load(front)["edition"]["citation"]
    assert citation["title"] == NO_ISSUER_TITLES["en"] and not citation["author"]
    assert "author" not in citation["json_ld"] and citation["json_ld"]["name"] == NO_ISSUER_TITLES["en"]


def test_the_seeds_citations_are_unchanged_by_the_new_document(no_issuer):
    seeds = sorted((ROOT / "docs" / "data" / "cite").iterdir())
    assert seeds and all((no_issuer / "data" / "cite" / seed.name).read_bytes() == seed.read_bytes() for seed in seeds)
