"""Citations: every format for sample blocks in both languages, against the expected text; head metadata.

A document whose record names no issuer is cited by its title, with no empty author, in every format.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from build_tools.__main__ import main
from build_tools.render.data.citations import citation_templates

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


@pytest.fixture(scope="module")
def plan(edition, config):
    doc = next(d for d in edition.documents if d.id == "action-plan-2025")
    return citation_templates(doc, config)["templates"]


def test_chicago_note_and_bibliography_of_an_english_paragraph(plan):
    chicago = plan["en"]["p"]["chicago"]
    assert filled(chicago["note"], "p14") == (
        f"{PLAN_EN}, “Global AI Governance Action Plan”, in {CONTAINER}, Action plan, version 1.0.0 (2025), "
        f"para. 14, accessed November 23, 2026, {SITE}/action-plan-2025/en/#p14.")
    assert filled(chicago["bibliography"], "p14") == (
        f"{PLAN_EN}. “Global AI Governance Action Plan”. In {CONTAINER}, Action plan, version 1.0.0. 2025. "
        f"Accessed November 23, 2026. {SITE}/action-plan-2025/en/#p14.")


def test_apa_reference_and_in_text_citation(plan):
    apa = plan["en"]["p"]["apa"]
    assert filled(apa["bibliography"], "p14") == (
        f"{PLAN_EN}. (2025). Global AI Governance Action Plan. In {CONTAINER} (Version 1.0.0) [Action plan]. "
        f"{SITE}/action-plan-2025/en/#p14")
    assert filled(apa["in-text"], "p14") == f"({PLAN_EN}, 2025, para. 14)"


def test_mla_works_cited_and_in_text_citation(plan):
    mla = plan["en"]["p"]["mla"]
    assert filled(mla["bibliography"], "p14") == (
        f"{PLAN_EN}. “Global AI Governance Action Plan”. Action plan. {CONTAINER}, Version 1.0.0, 26 July 2025, "
        f"{SITE}/action-plan-2025/en/#p14.")
    assert filled(mla["in-text"], "p14") == f"({PLAN_EN}, “Global AI Governance Action Plan”, par. 14)"


def test_gbt_7714_cites_the_chinese_text_in_chinese(plan):
    assert filled(plan["zh"]["p"]["gbt7714"]["bibliography"], "p14") == (
        f"{PLAN_ZH}. 人工智能全球治理行动计划[R/OL]//中国人工智能治理文本：双语校注本. 1.0.0版. "
        f"2025: 第14段[2026-11-23]. {SITE}/action-plan-2025/zh/#p14.")
    assert "gbt7714" not in plan["en"]["p"]


def test_a_heading_is_cited_as_a_section(edition, config):
    doc = next(d for d in edition.documents if d.id == "shanghai-declaration-2024")
    templates = citation_templates(doc, config)["templates"]
    assert "sec. 2," in filled(templates["en"]["s"]["chicago"]["note"], "s2")
    assert ": 第2节[" in filled(templates["zh"]["s"]["gbt7714"]["bibliography"], "s2")


def test_machine_formats_carry_pinpoint_version_url_and_access_date(plan):
    bibtex = filled(plan["en"]["p"]["bibtex"], "p14")
    assert bibtex.startswith("@techreport{action-plan-2025-en-p14,\n  title = {Global AI Governance Action Plan},")
    assert f"  url = {{{SITE}/action-plan-2025/en/#p14}}," in bibtex
    assert "  urldate = {2026-11-23}," in bibtex and "  note = {Edition 1.0.0, ¶14}," in bibtex
    ris = filled(plan["zh"]["p"]["ris"], "p14").splitlines()
    assert ris[:3] == ["TY  - RPRT", "TI  - 人工智能全球治理行动计划", f"AU  - {PLAN_ZH}"]
    assert {"Y2  - 2026/11/23", "SP  - ¶14", "ET  - 1.0.0", f"UR  - {SITE}/action-plan-2025/zh/#p14"} <= set(ris)
    assert ris[-1] == "ER  - "
    csl = json.loads(filled(plan["en"]["p"]["csl-json"], "p14"))
    assert csl["type"] == "report" and csl["version"] == "1.0.0" and csl["note"] == "¶14"
    assert csl["URL"] == f"{SITE}/action-plan-2025/en/#p14" and csl["accessed"] == {"raw": "2026-11-23"}


def test_document_citation_has_no_pinpoint(plan):
    note = filled(plan["en"]["document"]["chicago"]["note"], "")
    assert "para." not in note and note.endswith(f"{SITE}/action-plan-2025/en/.")


def test_unofficial_translation_is_cited_as_such(plan):
    assert "Action plan, unofficial English translation" in plan["en-unofficial"]["p"]["chicago"]["note"]


def test_a_block_without_english_is_marked_so_the_english_styles_cite_the_chinese(edition, config):
    doc = next(d for d in edition.documents if d.id == "china-france-statement-2024")
    data = citation_templates(doc, config)
    assert data["text"]["p4"] == ["zh"] and data["text"]["p7"] == ["zh", "en"]
    assert "“中华人民共和国和法兰西共和国关于人工智能和全球治理的联合声明”" in data["templates"]["zh"]["p"]["chicago"]["note"]


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
        "citation_technical_report_institution": [PLAN_EN],
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
        assert ris.count("TY  - RPRT") == len(doc.versions) and "Y2  -" not in ris


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
    return json.loads((docs / "data" / "cite" / f"{NO_ISSUER}.json").read_text(encoding="utf-8"))["templates"]


def test_without_issuer_the_styles_cite_by_title_once(no_issuer):
    templates = _no_issuer_templates(no_issuer)
    en, zh = NO_ISSUER_TITLES["en"], NO_ISSUER_TITLES["zh"]
    url = f"{SITE}/{NO_ISSUER}/en/#p2"
    en_p = {style: {part: filled(text, "p2") for part, text in parts.items()}
            for style, parts in templates["en"]["p"].items() if isinstance(parts, dict)}
    assert en_p == {
        "chicago": {
            "note": f"“{en}”, in {CONTAINER}, Initiative, version 1.0.0 (2023), para. 2, "
                    f"accessed November 23, 2026, {url}.",
            "bibliography": f"“{en}”. In {CONTAINER}, Initiative, version 1.0.0. 2023. "
                            f"Accessed November 23, 2026. {url}."},
        "apa": {"bibliography": f"{en}. (2023). In {CONTAINER} (Version 1.0.0) [Initiative]. {url}",
                "in-text": f"({en}, 2023, para. 2)"},
        "mla": {"bibliography": f"“{en}”. Initiative. {CONTAINER}, Version 1.0.0, 20 Oct. 2023, {url}.",
                "in-text": f"(“{en}”, par. 2)"},
    }
    # GB/T 7714 leaves out an author it lacks (no 佚名 for a document without issuing organisation).
    assert filled(templates["zh"]["p"]["gbt7714"]["bibliography"], "p2") == (
        f"{zh}[R/OL]//中国人工智能治理文本：双语校注本. 1.0.0版. 2023: 第2段[2026-11-23]. {SITE}/{NO_ISSUER}/zh/#p2.")
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
            assert bibtex.startswith(f"@techreport{{{NO_ISSUER}-{version}")
            assert "author =" not in bibtex and "institution =" not in bibtex and "{}" not in bibtex.replace("{{", "")
            assert f"  title = {{{NO_ISSUER_TITLES[version]}}}," in bibtex
            ris = styles["ris"].splitlines()
            assert not [line for line in ris if line.startswith("AU")] and f"TI  - {NO_ISSUER_TITLES[version]}" in ris
            assert all(line.split("  - ", 1)[1] for line in ris[:-1])  # no empty field
            csl = json.loads(styles["csl-json"])
            assert "author" not in csl and csl["title"] == NO_ISSUER_TITLES[version]
    ris_file = (no_issuer / "data" / "cite" / f"{NO_ISSUER}.ris").read_text(encoding="utf-8")
    assert ris_file.count("TY  - RPRT") == 2 and "AU  -" not in ris_file


def test_without_issuer_the_page_metadata_names_no_author(no_issuer):
    front = (no_issuer / NO_ISSUER / "en.md").read_text(encoding="utf-8").split("---")[1]
    citation = yaml.safe_load(front)["edition"]["citation"]
    assert citation["title"] == NO_ISSUER_TITLES["en"] and not citation["author"]
    assert "author" not in citation["json_ld"] and citation["json_ld"]["name"] == NO_ISSUER_TITLES["en"]


def test_the_seeds_citations_are_unchanged_by_the_new_document(no_issuer):
    seeds = sorted((ROOT / "docs" / "data" / "cite").iterdir())
    assert seeds and all((no_issuer / "data" / "cite" / seed.name).read_bytes() == seed.read_bytes() for seed in seeds)
