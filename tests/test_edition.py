"""The ingest on the real texts: documents, alignment, gaps, emendations and the strip report."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from build_tools.editorial import build_edition
from build_tools.ingest.boilerplate import load_boilerplate
from build_tools.model import urls
from build_tools.model.errors import EditionError
from build_tools.publish.docs_writer import generated_pages

from .conftest import RAW, ROOT, edit_yaml, replace_text

DOCUMENTS = {
    "initiative-2023": ["zh", "en"],
    "china-france-statement-2024": ["zh", "en"],
    "shanghai-declaration-2024": ["zh", "en"],
    "capacity-building-plan-2024": ["zh", "en"],
    "action-plan-2025": ["zh", "en", "en-unofficial"],
}
EXCERPT_PAGES = ["china-africa-chair-statement-2024", "icdppc-declaration-2018", "shanghai-initiative-2019"]
HAN = r"[\u4e00-\u9fff]"


def _doc(edition, doc_id):
    return next(d for d in edition.documents if d.id == doc_id)


def test_the_edition_holds_every_document_with_its_versions(edition):
    found = {d.id: [v.key for v in d.versions] for d in edition.documents}
    assert {k: found[k] for k in DOCUMENTS} == DOCUMENTS
    assert all(found[k] == ["en"] for k in EXCERPT_PAGES)


def test_block_ids_run_in_reading_order_and_headings_are_numbered_apart(edition):
    for doc in edition.documents:
        paragraphs = [int(b.id[1:]) for b in doc.blocks if b.id.startswith("p")]
        sections = [int(b.id[1:]) for b in doc.blocks if b.id.startswith("s")]
        assert paragraphs == list(range(1, len(paragraphs) + 1)), doc.id
        assert sections == list(range(1, len(sections) + 1)), doc.id
        assert all((b.kind == "heading") == b.id.startswith("s") for b in doc.blocks)


def test_every_zh_block_has_its_english_or_a_declared_gap(edition):
    for doc_id in DOCUMENTS:
        doc = _doc(edition, doc_id)
        for version in doc.versions:
            assert list(version.cells) == [b.id for b in doc.blocks]
            for cell in version.cells.values():
                assert cell.status in ("text", "gap", "covered")
                assert cell.text if cell.status == "text" else cell.note


def test_heading_levels_follow_the_documents_own_numbering(edition):
    plan = _doc(edition, "capacity-building-plan-2024")
    zh = plan.version("zh")
    levels = {zh.cells[b.id].text[:3]: b.level for b in plan.blocks if b.kind == "heading"}
    assert levels["一、愿"] == 2 and levels["二、中"] == 2 and levels["（一）"] == 3


def test_numbered_blocks_carry_the_same_number_in_zh_and_en(edition):
    plan = _doc(edition, "action-plan-2025")
    zh, en = plan.version("zh"), plan.version("en")
    assert zh.cells["p14"].text.startswith("十二、加强人工智能能力建设国际合作")
    assert en.cells["p14"].text.startswith("12. Strengthening international cooperation")


def test_china_france_english_excerpts_are_placed_honestly(edition):
    en = _doc(edition, "china-france-statement-2024").version("en")
    first = en.cells["p1"]
    assert first.status == "text" and first.covers == ("p1", "p2", "p3") and first.starts_mid_block
    assert first.text.startswith("On the occasion of the 60th anniversary")
    assert [en.cells[b].covered_by for b in ("p2", "p3")] == ["p1", "p1"]
    assert en.cells["p7"].text.startswith("China and France are fully committed")
    assert en.cells["p9"].text.startswith("China and France welcome")
    gaps = [b for b, c in en.cells.items() if c.status == "gap"]
    assert gaps == ["p4", "p5", "p6", "p8", "p10", "p11", "p12", "p13"]


def test_wechat_provenance_is_metadata_not_text(edition):
    zh = _doc(edition, "china-france-statement-2024").version("zh")
    assert zh.metadata["original_source"] == "外交部"
    assert not any("原文来源" in c.text for c in zh.cells.values())


def test_emendations_are_applied_and_recorded_with_the_witness_reading(edition):
    readings = []
    for doc in edition.documents:
        for version in doc.versions:
            for witness in version.witnesses:
                readings += [(doc.id, e.witness_reading, e.reading) for e in witness.emendations]
    assert sorted(readings) == sorted([
        ("action-plan-2025", "干行百业", "千行百业"),
        ("capacity-building-plan-2024", "干行百业", "千行百业"),
        ("initiative-2023", "一些持", "——坚持"),
    ])
    assert _doc(edition, "action-plan-2025").version("zh").cells["p5"].text.startswith("三、推动人工智能赋能千行百业")


def test_tong_qiu_gong_ji_stays_as_the_official_wording(edition):
    assert "唯有同球共济" in _doc(edition, "action-plan-2025").version("zh").cells["p1"].text


def test_unofficial_translation_ends_before_the_unrelated_news_item(edition):
    version = _doc(edition, "action-plan-2025").version("en-unofficial")
    text = " ".join(c.text for c in version.cells.values())
    assert "industrial transformation" in text and "indus trial" not in text
    assert "Wired" not in text and "Behind closed doors" not in text
    assert version.metadata["translation_date"] == "2025.7.26"


def test_collated_witness_003_is_cut_into_the_same_blocks(edition):
    en = _doc(edition, "initiative-2023").version("en")
    collated = en.collated["003_620ab5c0c84b05ad.txt"]
    assert list(collated) == list(en.cells)
    for block_id, text in collated.items():
        words = lambda s: re.findall(r"[a-z]+", s.lower())  # noqa: E731
        assert words(text)[:6] == words(en.cells[block_id].text)[:6], block_id
    assert "frameworks, norms and standards" in collated["p3"]


def _nonspace(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def test_strip_report_accounts_for_every_character_of_every_witness(edition):
    """Kept characters + reported removals − reported replacements = the raw file, for each witness."""
    kept = {name: Counter() for name in edition.reports}
    for doc in edition.documents:
        for version in doc.versions:
            base = version.witnesses[0].file
            for cell in version.cells.values():
                kept[base] += _nonspace(cell.text) if cell.status == "text" else Counter()
            for name, texts in version.collated.items():
                for text in texts.values():
                    kept[name] += _nonspace(text)
    for name, report in edition.reports.items():
        total = Counter(kept[name])
        for entry in report.entries:
            total.update(_nonspace(entry.removed))
            total.subtract(_nonspace(entry.replacement))
        assert +total == _nonspace((RAW / name).read_text(encoding="utf-8")), name


def INTERFACE_STRINGS() -> set[str]:
    """The strings of WeChat's page, as the editors' boilerplate file lists them."""
    boilerplate = load_boilerplate(ROOT / "source_texts")
    return {p.phrase for p in boilerplate.interface + boilerplate.footers}


def test_strip_report_names_the_rule_for_every_wechat_string(edition):
    report = edition.reports["001_e526fd7024f8d981.txt"]
    removed = {(e.line, e.removed.strip()): (e.rule, e.kept_as) for e in report.entries}
    assert removed[(15, "NERCIS")] == ("wechat_account_line", "")
    assert removed[(17, "信息安全国家工程研究中心")] == ("wechat_account_line", "")
    assert removed[(49, "*原文来源：外交部*")] == ("provenance_line", "metadata:original_source")
    footer = [rule for (line, text), (rule, _) in removed.items() if line >= 53]
    assert footer and set(footer) == {"wechat_footer"}  # 预览时标签不可点 and all that follows it
    assert any(rule == "is_image_line" for rule, _ in removed.values())


def test_generated_docs_hold_no_debris_and_no_unrepaired_chinese(edition, config):
    reference = {"sources.md", "cleaning-rules.md", "changelog.md", "glossary.md", "echoes.md"}  # they quote the debris they describe
    pages = {name: page for name, page in generated_pages(edition, config).items()
             if name.endswith(".md") and name not in reference}
    texts = "\n".join(pages.values())
    for string in INTERFACE_STRINGS() - {"赞", "分享", "视频", "取消", "允许", "分析", "×", "在看", "收藏", "留言"}:
        assert string not in texts, string
    for name, page in pages.items():
        # The text of the page; its notes and apparatus quote witness readings such as 干行百业 on purpose.
        body = re.split(r"\n## (?:Notes|Apparatus) \{", page.split("\n---\n", 1)[-1])[0]
        lines = [line for line in body.splitlines() if line.strip() and not line.startswith("<")]
        for line in lines:
            assert line.strip() not in INTERFACE_STRINGS(), (name, line)
        assert not re.search(r"!\[[^\]]*\]\(", body), name
        assert "干行百业" not in body, name
        assert not re.search(f"{HAN} +{HAN}", body), name
        assert not re.search(f"{HAN},|,{HAN}", body), name


def test_committed_docs_are_what_build_tools_generates(edition, config):
    """`docs/` is generated and committed: a change to the texts must come with its regenerated pages."""
    for name, text in generated_pages(edition, config).items():
        path = ROOT / "docs" / name
        assert path.is_file() and path.read_text(encoding="utf-8") == text, f"docs/{name} is stale: run `make docs`"


# Refusals: a broken input stops the build with one located line.

def _edit_record(project: Path, doc_id: str, edit) -> Path:
    path = project / "source_texts" / f"{doc_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_versions_that_do_not_align_fail_with_the_block_named(project_copy):
    def drop_last_paragraph(data):
        data["versions"][1]["witnesses"][0]["lines"] = "172-208"
    _edit_record(project_copy, "initiative-2023", drop_last_paragraph)
    with pytest.raises(EditionError, match=r"initiative-2023\.yml:\d+: version en has 14 blocks, zh has 15"):
        build_edition(project_copy / "source_texts")


def test_a_missing_block_without_a_declared_gap_fails(project_copy):
    _edit_record(project_copy, "china-france-statement-2024", lambda d: d["versions"][1].pop("gaps"))
    with pytest.raises(EditionError, match="version en has no text for p4"):
        build_edition(project_copy / "source_texts")


def test_a_changed_raw_file_fails_its_checksum(project_copy):
    raw = project_copy / "source_texts" / "raw" / "002_92e6455c04bab45f.txt"
    raw.write_bytes(raw.read_bytes().replace("干行百业".encode(), "千行百业".encode(), 1))
    with pytest.raises(EditionError, match=r"manifest\.yml:\d+: 002_92e6455c04bab45f\.txt has checksum \w+…, the manifest records"):
        build_edition(project_copy / "source_texts")


def test_unclaimed_witness_text_fails(project_copy):
    def stop_before_the_news_item(data):
        witness = data["versions"][2]["witnesses"][0]
        witness["lines"] = "1-20"
        witness.pop("excluded")
    _edit_record(project_copy, "action-plan-2025", stop_before_the_news_item)
    with pytest.raises(EditionError, match="004_aeda2b978c32afff.txt:21: text not claimed"):
        build_edition(project_copy / "source_texts")


def test_home_page_lists_every_document_with_its_date(edition):
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for doc in edition.documents:
        page = urls.docs_path(doc.id, doc.record.kind)
        assert f"]({page})" in home, doc.id
        if doc.record.kind == "document":
            row = next(line for line in home.splitlines() if f"]({doc.id}/index.md)" in line)
            assert f"| {doc.record.date} |" in row and doc.record.titles["zh"] in row, doc.id


def test_a_document_with_only_its_chinese_text_builds(project_copy, tmp_path):
    """A new text may arrive without any translation: its main page shows the Chinese alone, not as a parallel."""
    from build_tools.__main__ import main

    (project_copy / "source_texts" / "registry" / "anchors.yml").unlink()  # as if nothing were published yet
    record = yaml.safe_load((project_copy / "source_texts" / "initiative-2023.yml").read_text(encoding="utf-8"))
    dropped = [w for v in record["versions"][1:] for w in v["witnesses"]]
    _edit_record(project_copy, "initiative-2023", lambda d: d.update(versions=d["versions"][:1]))

    def declare_dropped_lines(manifest):  # the English lines no record claims any more are declared outside
        for entry in manifest["witnesses"]:
            for witness in (w for w in dropped if w["file"] == entry["file"]):
                entry.setdefault("outside_spans", {})[witness["lines"]] = "an English text this probe leaves out"
    edit_yaml(project_copy / "source_texts" / "raw" / "manifest.yml", declare_dropped_lines)
    replace_text(project_copy / "mkdocs.yml", "          - English: initiative-2023/en.md\n", "")
    site = tmp_path / "site"
    assert main(["site", "--no-pdf", "--root", str(project_copy), "--site-dir", str(site)]) == 0
    main_page = (site / "initiative-2023" / "index.html").read_text(encoding="utf-8")
    assert '<div class="cell"' not in main_page
    assert re.findall(r'<p id="(p\d+)" lang="zh-Hans"', main_page)[:2] == ["p1", "p2"]
    assert (site / "initiative-2023" / "zh" / "index.html").is_file()
    assert not (site / "initiative-2023" / "en").exists()


# Sources in words and the official publications (issue 14, §4): facts recorded with their basis, never invented.

@pytest.fixture(scope="module")
def generated(edition, config):
    return generated_pages(edition, config)


def _facts(page: str) -> str:
    return re.search(r'<dl class="doc-facts".*?</dl>', page).group()


GOV_CN = "https://www.gov.cn/yaowen/liebiao/202507/content_7033929.htm"


def test_every_version_records_its_official_publication_with_a_basis_from_the_witnesses(edition):
    raw = "\n".join(path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt")))
    manifest = (RAW / "manifest.yml").read_text(encoding="utf-8")
    for doc in edition.documents:
        for version in doc.record.versions:
            official = version.official
            assert official is not None and official.title and official.basis, (doc.id, version.key)
            # No address is invented: an official URL is one a witness states, and the manifest records.
            assert not official.url or (official.url in raw and official.url in manifest), (doc.id, version.key)
            # Every phrase the basis quotes stands in a witness as quoted.
            for quoted in re.findall(r'"([^"]+)"', official.basis):
                assert quoted in raw, (doc.id, version.key, quoted)
    plan = _doc(edition, "action-plan-2025").record
    # The one official page a witness names: the gov.cn Chinese text, which 004 says it translated (line 20).
    assert (RAW / "004_aeda2b978c32afff.txt").read_text(encoding="utf-8").split("\n")[19].endswith(f"{GOV_CN} )")
    assert [v.official.url for v in plan.versions] == [GOV_CN, "", GOV_CN]
    france = _doc(edition, "china-france-statement-2024").record.versions[0].official
    assert france.issuer.startswith("外交部") and "line 49" in france.basis
    assert (RAW / "001_e526fd7024f8d981.txt").read_text(encoding="utf-8").split("\n")[48] == "*原文来源：外交部*"


def test_document_pages_say_what_each_witness_is_and_lead_to_the_official_publication(edition, generated):
    sources = generated["sources.md"]
    for doc in edition.documents:
        facts = _facts(generated[urls.docs_path(doc.id, doc.record.kind)])
        # One entry per version, each naming its witnesses in words and linking their files to the Sources page.
        assert facts.count('<li class="doc-source">') == len(doc.versions), doc.id
        for version in doc.versions:
            for witness in version.witnesses:
                number = witness.file.split("_")[0]
                assert f'href="../sources/#{number}"><code>{witness.file}</code></a>' in facts, (doc.id, witness.file)
                assert f"## {witness.file} {{: #{number} }}" in sources
    france = _facts(generated["china-france-statement-2024/index.md"])
    # Where the repost was found, as its file states: a reader can compare it with the edition's text.
    assert ('WeChat repost by <span lang="zh-Hans">信息安全国家工程研究中心</span> (NERCIS), dated 2024-05-08; found at '
            '<a href="https://mp.weixin.qq.com/s?__biz=MzU5OTQ0NzY3Ng==&amp;mid=2247496598') in france
    assert '; file <a href="../sources/#001"><code>001_e526fd7024f8d981.txt</code></a>' in france
    # Without an address, the official text is named, so a reader knows what to look for.
    assert ('<dt>Official text</dt><dd><span lang="zh-Hans">中华人民共和国和法兰西共和国关于人工智能和全球治理的联合声明</span>, '
            '<span lang="zh-Hans">外交部</span> (Ministry of Foreign Affairs), 2024-05-07; no official address is recorded'
            ) in france
    assert 'issued by <span lang="zh-Hans">外交部</span> (Ministry of Foreign Affairs), 2024-05-07; no official URL ' \
           "is recorded" in france
    assert "Translation of <span" in france and "Aggregator page, publisher not stated, undated" in france
    plan = _facts(generated["action-plan-2025/index.md"])
    # The gov.cn page, for the Chinese and for the translation made from it; the English has none recorded. The
    # "Official text" row names it once, outside the shut disclosure of the sources.
    assert plan.count(f'<a href="{GOV_CN}" rel="external noopener">www.gov.cn/<wbr>yaowen/') == 3
    official = plan[plan.index("<dt>Official text</dt>"):plan.index("<dt>Sources</dt>")]
    assert official.count(GOV_CN) == 1 and '(<span lang="zh-Hans">人工智能全球治理行动计划</span>)' in official
    assert "no official address is recorded" in _facts(generated["initiative-2023/index.md"])
    assert "Official publication: Global AI Governance Action Plan, issued by 2025 World AI Conference" in plan
    assert "Text extracted from a PDF headed “Intersessional Panel of the United Nations Commission on Science and " \
           "Technology for Development (CSTD)”" in plan
    initiative = _facts(generated["initiative-2023/index.md"])
    assert "; second witness, collated: Text extracted from a PDF, publisher not stated, undated" in initiative


def test_the_sources_page_says_what_each_witness_is_and_which_texts_it_gives(generated):
    sources = generated["sources.md"]
    entry = sources[sources.index("{: #003 }"):sources.index("{: #004 }")]
    assert "<dt>What it is</dt><dd>Text extracted from a PDF, publisher not stated, undated</dd>" in entry
    assert '<a href="../initiative-2023/en/">Global AI Governance Initiative (2023), English (collated)</a>' in entry
    entry = sources[sources.index("{: #004 }"):]
    assert f'<dt>Translated from</dt><dd><a href="{GOV_CN}" rel="external noopener">' in entry


def test_the_doubtful_date_of_the_chair_statement_is_carried_as_doubtful(edition, generated):
    chair = "china-africa-chair-statement-2024"
    assert {d.id for d in edition.documents if d.record.date_certainty == "doubtful"} == {chair}
    # The doubt rests on the excerpt itself: the forum it reports came a month after the attributed date.
    raw = (RAW / "000_def4b03b73f1d2a1.txt").read_text(encoding="utf-8").split("\n")
    assert "from April 2 to 3, 2024" in raw[8] and raw[10].endswith("March 3, 2024")
    page = generated[f"{chair}.md"]
    fields = yaml.safe_load(page.split("---\n")[1])["edition"]
    assert (fields["date"], fields["date_certainty"]) == ("2024-03-03", "doubtful")
    # No JSON-LD claim the edition does not make; every other document keeps its datePublished.
    assert "datePublished" not in fields["citation"]["json_ld"]
    assert any("Date doubtful: 2024-03-03" in line for line in fields["citation"]["extra"])
    other = yaml.safe_load(generated["icdppc-declaration-2018.md"].split("---\n")[1])["edition"]
    assert other["date_certainty"] == "stated" and other["citation"]["json_ld"]["datePublished"] == "2018-10-23"
    assert "<dt>Date</dt><dd>2024-03-03 (doubtful: the statement reports the forum of April 2 to 3, 2024" in page
    data = json.loads(generated[f"data/{chair}.json"])
    assert (data["date"], data["date_certainty"]) == ("2024-03-03", "doubtful")
    assert "line 9" in data["notes"]["date_certainty"]
    index = json.loads(generated["data/edition.json"])
    assert next(d for d in index["documents"] if d["id"] == chair)["date_certainty"] == "doubtful"
    # The citations give the date as uncertain, in each style's form, as the page does.
    cite = json.loads(generated[f"data/cite/{chair}.json"])["templates"]["en"]["p"]
    assert "Cooperation Forum, [2024?]; repr., 2026)" in cite["chicago"]["note"]["text"]
    assert "(Original work published ca. 2024)" in cite["apa"]["bibliography"]["text"]
    assert "[3 Mar. 2024?]" in cite["mla"]["bibliography"]["text"]
    assert "Date doubtful: 2024-03-03" in generated[f"data/cite/{chair}.ris"]
    # What reference managers read asserts the year alone: the head's date tags, the Extra's original-date (which
    # Zotero cites) and BibTeX's origdate; the JSON's official date is a date, its remark apart.
    assert fields["citation"]["date"] == "2024"
    assert "M2  - original-date: 2024\n" in generated[f"data/cite/{chair}.ris"]
    assert "origdate = {2024}," in cite["bibtex"]
    assert data["versions"][0]["official"]["date"] == "2024-03-03"
    assert data["versions"][0]["official"]["date_remark"] == "as attributed; doubtful"
