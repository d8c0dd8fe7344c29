"""The navigation's documents and the home page's table of documents come from the edition records: a new
record's pages reach mkdocs.yml, docs/index.md, both engines' sites and a reader's browser; a stale or unmarked
navigation or table fails with one line."""

from __future__ import annotations

import difflib
import re
import sys
import xml.etree.ElementTree as etree
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
import yaml

from build_tools.__main__ import main
from build_tools.editorial import build_edition
from build_tools.ingest.config import load_site_config
from build_tools.model import urls
from build_tools.publish import home, navigation
from build_tools.publish.engines import ZENSICAL, zensical
from build_tools.publish.site import build_site

from .conftest import ROOT, copy_project, serve

NEW_ID = "test-statement-2026"
# A colon, curly and straight quotes, a dash and a hash: YAML must quote it, the theme must print it as written.
NEW_TITLE = "Test Statement: a “new” record – it's #1"
NEW_NAV_TITLE = f"{NEW_TITLE} (2026)"


def add_record(project: Path, doc_id: str = NEW_ID, short_title: str = NEW_TITLE, date: str = "2026-01-02") -> None:
    """A new edition record made of the Shanghai Declaration's witness spans, under its own ID, name and date."""
    record = yaml.safe_load((project / "source_texts" / "shanghai-declaration-2024.yml").read_text(encoding="utf-8"))
    record.update(id=doc_id, short_title=short_title, date=date)
    (project / "source_texts" / f"{doc_id}.yml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
                                                            encoding="utf-8")


def region(text: str) -> list[str]:
    """The generated lines of a mkdocs.yml text, between its markers."""
    lines = text.splitlines()
    begin = next(i for i, line in enumerate(lines) if line.strip() == navigation.BEGIN)
    return lines[begin + 1:lines.index(f"  {navigation.END}")]


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The command's whole error output, which must be one line."""
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err.strip()


@pytest.fixture(scope="module")
def new_record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with one new record, after `docs`: the editor's two steps before building."""
    project = copy_project(tmp_path_factory.mktemp("navigation") / "project")
    add_record(project)
    assert main(["docs", "--root", str(project)]) == 0
    return project


@pytest.fixture(scope="module")
def new_record_site(new_record: Path) -> Path:
    """The new record's project built by MkDocs, without PDFs."""
    return build_site(new_record, build_edition(new_record / "source_texts"), new_record / "site")


def test_the_seed_navigation_is_what_the_records_make(edition):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    navigation.check_navigation(ROOT / "mkdocs.yml", edition)
    assert navigation.updated_config(ROOT / "mkdocs.yml", edition) == text
    sections = yaml.safe_load("\n".join(line[2:] for line in region(text)))
    listed = navigation.nav_pages(sections)
    made = [urls.docs_path(d.id, d.record.kind, view) for d in edition.documents for view in urls.document_views(d)]
    assert sorted(listed) == sorted(made) and len(listed) == len(set(listed))
    documents = [next(iter(entry)) for entry in sections[0]["Documents"]]
    assert documents == ["Global AI Governance Initiative (2023)", "China–France Joint Statement (2024)",
                         "Shanghai Declaration (2024)", "AI Capacity-Building Action Plan (2024)",
                         "Global AI Governance Action Plan (2025)"]  # by date
    assert sections[0]["Documents"][-1]["Global AI Governance Action Plan (2025)"][1:] == [
        {"中文": "action-plan-2025/zh.md"}, {"繁體（轉換）": "action-plan-2025/zh-hant.md"},
        {"繁體對照（轉換）": "action-plan-2025/zh-hant-both.md"},
        {"English": "action-plan-2025/en.md"}, {"English (unofficial translation)": "action-plan-2025/en-unofficial.md"},
        {"The two English translations": "action-plan-2025/compare.md"}]
    assert [next(iter(entry)) for entry in sections[1]["Excerpts"]] == [
        "ICDPPC Declaration (2018)", "Shanghai Initiative (2019)", "China–Africa Forum Chair's Statement (2024)"]


def test_docs_adds_the_new_records_entry_and_changes_no_other_byte(new_record, capsys):
    before = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    after = (new_record / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    assert changes == [f"+       - 'Test Statement: a “new” record – it''s #1 (2026)':",
                       f"+           - {NEW_ID}/index.md", f"+           - 中文: {NEW_ID}/zh.md",
                       f"+           - 繁體（轉換）: {NEW_ID}/zh-hant.md", f"+           - 繁體對照（轉換）: {NEW_ID}/zh-hant-both.md",
                       f"+           - English: {NEW_ID}/en.md"]
    assert after.index(f"          - English: {NEW_ID}/en.md") + 1 == after.index("  - Excerpts:")  # 2026: last
    assert main(["check", "--root", str(new_record)]) == 0
    assert load_site_config(new_record / "mkdocs.yml").site_url  # the labels pass the build's own nav check


def test_the_built_site_lists_the_new_document_in_its_navigation(new_record_site):
    home = (new_record_site / "index.html").read_text(encoding="utf-8")
    # The theme prunes the home page's navigation to its sections; each opens at its first entry, by date.
    assert re.search(r'<a href="initiative-2023/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Documents', home)
    assert re.search(r'<a href="icdppc-declaration-2018/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Excerpts',
                     home)
    for page in ("initiative-2023/index.html", f"{NEW_ID}/index.html"):
        html = (new_record_site / page).read_text(encoding="utf-8")
        assert re.search(rf'<a href="(?:\.\./{NEW_ID}/|\./)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">'
                         rf"\s*{re.escape(NEW_NAV_TITLE)}\s*</span>", html), page
    own = (new_record_site / NEW_ID / "index.html").read_text(encoding="utf-8")
    for view, label in (("zh", "中文"), ("zh-hant", "繁體（轉換）"), ("en", "English")):
        assert re.search(rf'<a href="{view}/" class="md-nav__link">\s*<span class="md-ellipsis">\s*{label}\s', own), view


def test_zensical_lists_the_new_document_too(new_record, tmp_path_factory):
    if zensical.executable() is None:
        pytest.skip("Zensical is not installed here (make test tries `pip install zensical`); its navigation not checked")
    project = copy_project(tmp_path_factory.mktemp("zensical-nav") / "project")
    add_record(project)
    assert main(["docs", "--root", str(project)]) == 0
    site = build_site(project, build_edition(project / "source_texts"), project / "site", engine=ZENSICAL)
    html = (site / "initiative-2023" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{NEW_ID}/"' in html and NEW_NAV_TITLE in html
    assert f'<td><a href="{NEW_ID}/">' in (site / "index.html").read_text(encoding="utf-8")  # the home page's table


def test_a_record_missing_from_the_navigation_fails_check_with_one_line(project_copy, capsys):
    add_record(project_copy)
    assert main(["check", "--root", str(project_copy)]) == 1
    message = one_line(capsys)
    found = re.fullmatch(rf".*mkdocs\.yml:(\d+): the navigation lacks {NEW_ID} \({re.escape(NEW_NAV_TITLE)}\) — run "
                         r"`make docs` \(it writes the navigation from the records\) and commit mkdocs\.yml", message)
    assert found, message
    lines = (project_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert lines[int(found.group(1)) - 1] == "  - Excerpts:"  # where its entry belongs


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("          - 繁體（轉換）: action-plan-2025/zh-hant.md\n", "",
     r"mkdocs\.yml:103: the navigation lacks action-plan-2025 \(its page action-plan-2025/zh-hant\.md\)"),
    ("  - Excerpts:\n", "      - Withdrawn Text (2001): withdrawn-2001.md\n  - Excerpts:\n",
     r"mkdocs\.yml:108: the navigation lists withdrawn-2001\.md, which no edition record makes"),
    ("      - Shanghai Declaration (2024):", "      - Shanghai Declaration, edited by hand (2024):",
     r"mkdocs\.yml:88: the generated navigation is out of date \(a title, label, order or grouping\)"),
])
def test_a_stale_region_fails_check_at_its_line(project_copy, capsys, old, new, expected):
    path = project_copy / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert main(["check", "--root", str(project_copy)]) == 1
    assert re.fullmatch(rf".*{expected} — run `make docs`.*", one_line(capsys))
    assert main(["docs", "--root", str(project_copy)]) == 0  # and `make docs` mends it
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda text: text.replace(f"  {navigation.BEGIN}\n", "").replace(f"  {navigation.END}\n", ""),
     r"mkdocs\.yml:72: the navigation has no generated region for the documents — put the two lines"),
    (lambda text: text.replace(f"  {navigation.END}\n", ""),
     r"mkdocs\.yml:74: this marker has no END marker after it — put the two lines"),
    (lambda text: text.replace(f"  {navigation.BEGIN}\n", ""),
     r"mkdocs\.yml:\d+: this marker has no BEGIN marker before it — put the two lines"),
    (lambda text: text.replace(f"  {navigation.END}\n", f"  {navigation.END}\n  {navigation.END}\n"),
     r"mkdocs\.yml:\d+: a second generated-navigation marker — keep one BEGIN and one END"),
    (lambda text: text.replace(f"  {navigation.END}\n", f"    {navigation.END}\n"),
     r"mkdocs\.yml:\d+: the END marker is not indented like its BEGIN marker \(line 74\)"),
    (lambda text: text.replace(f"  {navigation.BEGIN}\n", "").replace("extra_css:", f"{navigation.BEGIN}\nextra_css:"),
     r"mkdocs\.yml:\d+: the generated-navigation marker is not inside nav:"),
])
def test_missing_or_broken_markers_fail_with_the_fix_and_write_nothing(project_copy, capsys, edit, expected):
    path = project_copy / "mkdocs.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    broken = path.read_bytes()
    add_record(project_copy)  # docs/ would change, were anything written
    for command in ("check", "docs"):
        assert main([command, "--root", str(project_copy)]) == 1
        assert re.fullmatch(rf".*{expected}.*", one_line(capsys)), command
    assert path.read_bytes() == broken and not (project_copy / "docs" / NEW_ID).exists()


def _synthetic(edition, count: int):
    """The edition with ``count`` documents made from the real ones, dated across three years."""
    real = [d for d in edition.documents if d.record.kind == "document"]
    documents = [replace(doc, record=replace(doc.record, id=f"synthetic-{k:02d}", short_title=f"Synthetic {k:02d}",
                                             date=f"{2021 + k % 3}-{1 + k % 12:02d}-{1 + k:02d}"))
                 for k, doc in enumerate(real[k % len(real)] for k in range(count))]
    excerpts = [d for d in edition.documents if d.record.kind == "excerpt"]
    return replace(edition, documents=documents + excerpts)


def test_more_than_twenty_documents_are_grouped_by_year(edition):
    flat = navigation.document_sections(_synthetic(edition, navigation.GROUP_BY_YEAR_ABOVE))
    assert len(flat[0]["Documents"]) == 20 and all(next(iter(e)).startswith("Synthetic") for e in flat[0]["Documents"])
    synthetic = _synthetic(edition, 21)
    sections = navigation.document_sections(synthetic)
    years = sections[0]["Documents"]
    assert [next(iter(group)) for group in years] == ["2021", "2022", "2023"]
    date_of = {f"{d.record.short_title} ({d.record.date[:4]})": d.record.date for d in synthetic.documents}
    for group in years:
        (year, entries), = group.items()
        dates = [date_of[next(iter(entry))] for entry in entries]
        assert dates == sorted(dates) and {date[:4] for date in dates} == {year}
    assert sum(len(next(iter(group.values()))) for group in years) == 21
    assert len(sections[1]["Excerpts"]) == 3  # three excerpts: listed directly
    lines = navigation.nav_lines(sections, "  ")
    assert "      - '2021':\n" in lines  # a year is a label, quoted so that YAML reads it as text
    assert yaml.safe_load("".join(line[2:] for line in lines)) == sections


def test_the_scale_bench_corpus_gets_its_navigation_from_the_generator(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from scale_bench import make_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    make_corpus(21, tmp_path / "corpus")
    assert main(["docs", "--root", str(tmp_path / "corpus")]) == 0
    assert main(["check", "--root", str(tmp_path / "corpus")]) == 0
    config = yaml.safe_load((tmp_path / "corpus" / "mkdocs.yml").read_text(encoding="utf-8"))
    documents = config["nav"][1]["Documents"]
    assert [next(iter(group)) for group in documents] == ["2023", "2024", "2025"]
    assert sum(len(next(iter(group.values()))) for group in documents) == 21
    assert config["nav"][2] == {"Across the documents": [{"Glossary": "glossary.md"},
                                                         {"Echoes between the documents": "echoes.md"}]}


@pytest.mark.parametrize("title", ["A: B", "'quoted' and “curly”", "- a dash", "#hash", "2024", "yes", "null", "[x]",
                                   "{y}", "a & b", "*star", "!tag", "%pct", "@at", "`tick`", "a #b", "tab\tin"])
def test_any_title_is_written_as_yaml_that_reads_back_the_same(edition, title):
    doc = next(d for d in edition.documents if d.id == "initiative-2023")
    odd = replace(edition, documents=[replace(doc, record=replace(doc.record, short_title=title))])
    sections = navigation.document_sections(odd)
    assert next(iter(sections[0]["Documents"][0])) == f"{title} (2023)"
    assert yaml.safe_load("".join(line[2:] for line in navigation.nav_lines(sections, "  "))) == sections


def _home_rows(text: str) -> list[str]:
    """The rows of the home page's table of documents (docs/index.md)."""
    return [line for line in text.splitlines() if line.startswith("| [")]


def test_the_seed_home_table_is_what_the_records_make(edition):
    text = (ROOT / home.HOME).read_text(encoding="utf-8")
    home.check_home(ROOT / home.HOME, edition)
    assert home.updated_home(ROOT / home.HOME, edition) == text
    rows = {row.split("](")[1].split(")")[0]: row.split(" | ")[-1] for row in _home_rows(text)}
    assert list(rows) == ["initiative-2023/index.md", "china-france-statement-2024/index.md",  # by date; no excerpts
                          "shanghai-declaration-2024/index.md", "capacity-building-plan-2024/index.md",
                          "action-plan-2025/index.md"]
    # The English of the joint statement is the aggregator's excerpts, placed at ¶1–3, ¶7 and ¶9; the
    # Initiative's official English is collated from two witnesses; the Action Plan has two translations.
    # Each version links to its own view; 中文 in its language.
    zh = '[<span lang="zh-Hans">中文</span>]({}/zh.md)'.format
    assert rows["china-france-statement-2024/index.md"] == (
        f"{zh('china-france-statement-2024')} · [English (unofficial excerpts of ¶1–3, ¶7, ¶9)]"
        "(china-france-statement-2024/en.md) |")
    assert rows["initiative-2023/index.md"] == \
        f"{zh('initiative-2023')} · [English (official; two witnesses)](initiative-2023/en.md) |"
    assert rows["action-plan-2025/index.md"] == (f"{zh('action-plan-2025')} · [English (official)](action-plan-2025/en.md)"
                                                 " · [English (unofficial)](action-plan-2025/en-unofficial.md) |")


def test_docs_adds_the_new_records_row_to_the_home_page_and_changes_no_other_byte(new_record):
    before = (ROOT / home.HOME).read_text(encoding="utf-8").splitlines()
    after = (new_record / home.HOME).read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    assert changes == [f"+ | [Shanghai Declaration on Global AI Governance]({NEW_ID}/index.md) | "
                       f'<span lang="zh-Hans">人工智能全球治理上海宣言</span> | 2026-01-02 | [<span lang="zh-Hans">中文</span>]'
                       f'({NEW_ID}/zh.md) · [English (official)]({NEW_ID}/en.md) |']
    assert after.index(changes[0][2:]) + 2 == after.index(home.END)  # 2026: the last row, then a blank line


def test_the_built_home_page_lists_the_new_document(new_record_site):
    page = (new_record_site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td><a href=\"([^\"]+)\">(.*?)</a></td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>",
                      page)
    assert [href for href, *_ in rows] == ["initiative-2023/", "china-france-statement-2024/",
                                           "shanghai-declaration-2024/", "capacity-building-plan-2024/",
                                           "action-plan-2025/", f"{NEW_ID}/"]
    assert rows[-1][1:] == ("Shanghai Declaration on Global AI Governance",
                            '<span lang="zh-Hans">人工智能全球治理上海宣言</span>', "2026-01-02",
                            f'<a href="{NEW_ID}/zh/"><span lang="zh-Hans">中文</span></a> · '
                            f'<a href="{NEW_ID}/en/">English (official)</a>')
    assert "BEGIN generated" not in page and "END generated" not in page  # the markers reach no reader


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("| [Shanghai Declaration on Global AI Governance](shanghai-declaration-2024/index.md) |", "| [x](x.md) |",
     r"index\.md:27: the home page's table of documents lacks shanghai-declaration-2024 \(Shanghai Declaration \(2024\)\)"),
    ("| 2024-09-27 |", "| 2024-09-28 |", r"index\.md:28: the home page's table of documents is out of date \(a title, date or version\)"),
    ("|---|---|---|---|\n", "", r"index\.md:24: the home page's table of documents is out of date \(a title, date or version\)"),
])
def test_a_stale_home_table_fails_check_at_its_line(project_copy, capsys, old, new, expected):
    path = project_copy / home.HOME
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert main(["check", "--root", str(project_copy)]) == 1
    assert re.fullmatch(rf".*{expected} — run `make docs` \(it writes the home page's table of documents from the "
                        r"records\) and commit docs/index\.md", one_line(capsys))
    assert main(["docs", "--root", str(project_copy)]) == 0  # and `make docs` mends it
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda text: text.replace(f"{home.BEGIN}\n", "").replace(f"{home.END}\n", ""),
     r"index\.md:1: the home page has no generated region for the table of documents — put the two lines"),
    (lambda text: text.replace(f"{home.END}\n", ""), r"index\.md:21: this marker has no END marker after it — put"),
    (lambda text: text.replace(f"{home.BEGIN}\n", "").replace("## Reading", f"{home.BEGIN}\n## Reading"),
     r"index\.md:\d+: this marker has no BEGIN marker before it — put"),
    (lambda text: text.replace(f"{home.END}\n", f"{home.END}\n{home.BEGIN}\n"),
     r"index\.md:\d+: a second generated-table marker — keep one BEGIN and one END"),
])
def test_missing_or_broken_home_markers_fail_with_the_fix_and_write_nothing(project_copy, capsys, edit, expected):
    path = project_copy / home.HOME
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    broken = path.read_bytes()
    add_record(project_copy)
    navigation_text = navigation.updated_config(project_copy / "mkdocs.yml", build_edition(project_copy / "source_texts"))
    (project_copy / "mkdocs.yml").write_text(navigation_text, encoding="utf-8")  # the navigation is not at fault
    for command in ("check", "docs"):
        assert main([command, "--root", str(project_copy)]) == 1
        assert re.fullmatch(rf".*{expected}.*", one_line(capsys)), command
    assert path.read_bytes() == broken and not (project_copy / "docs" / NEW_ID).exists()


def test_a_missing_home_page_fails_check_and_docs_with_one_line(project_copy, capsys):
    (project_copy / home.HOME).unlink()
    for command in ("check", "docs"):
        assert main([command, "--root", str(project_copy)]) == 1
        assert one_line(capsys).endswith("docs/index.md: the site has no home page — restore the hand-written "
                                         "docs/index.md"), command


HOSTILE = {"en": "=1. A | B **bold** [x](javascript:alert(1)) {: #evil } &amp; `code` _u_ \\* <script>x</script>\n#2",
           "zh": "中|文 <b>粗</b> *斜* [链](https://evil.example)"}


def test_hostile_titles_reach_the_home_page_as_written(edition):
    doc = next(d for d in edition.documents if d.id == "initiative-2023")
    odd = replace(edition, documents=[replace(doc, record=replace(doc.record, titles=HOSTILE))])
    lines = home.table_lines(odd)
    assert len(lines) == 5 and all(line.count("\n") == 1 for line in lines)  # blank, header, rule, one row, blank
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    converted = markdown.markdown("".join(lines), extensions=[e for e in config["markdown_extensions"] if isinstance(e, str)])
    table = etree.fromstring(converted)
    cells = table.findall("./tbody/tr/td")
    # A link, a span, a text, and the versions' links (中文 in its span): the titles add no element.
    assert len(cells) == 4 and [len(list(td.iter())) for td in cells] == [2, 2, 1, 4]
    assert [a.attrib for a in cells[3].iter("a")] == [{"href": "initiative-2023/zh.md"}, {"href": "initiative-2023/en.md"}]
    link, span = cells[0][0], cells[1][0]
    assert link.tag == "a" and link.attrib == {"href": "initiative-2023/index.md"}
    assert link.text == " ".join(HOSTILE["en"].split())  # one line: the row's
    assert span.tag == "span" and span.attrib == {"lang": "zh-Hans"} and span.text == HOSTILE["zh"]


@pytest.mark.browser
def test_a_reader_finds_the_new_document_from_the_home_page(new_record_site, browser, artefacts):
    with serve(new_record_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + "/", wait_until="networkidle")
        sidebar = page.locator(".md-sidebar--primary")
        sidebar.get_by_role("link", name="Documents", exact=True).click()
        page.wait_for_url(base + "/initiative-2023/")
        entry = sidebar.get_by_role("link", name=NEW_NAV_TITLE)
        entry.scroll_into_view_if_needed()
        assert entry.is_visible()
        page.screenshot(path=artefacts / "navigation-new-record.png", full_page=False)
        entry.click()
        page.wait_for_url(base + f"/{NEW_ID}/")
        for label in ("中文", "繁體（轉換）", "English"):
            assert sidebar.get_by_role("link", name=label, exact=True).is_visible(), label
        context.close()
