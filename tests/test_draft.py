"""The draft command: a new raw file → manifest entry, draft record and preview, refused in one line on bad input.

The corpus tests read the real scraped texts of ``../shared/corpus/`` (never copied into the project: each is
copied into a scratch copy of it) and the kind, language and account its README gives for each."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from weasyprint import CSS

from build_tools.__main__ import main
from build_tools.editorial import build_edition
from build_tools.ingest.boilerplate import load_boilerplate
from build_tools.ingest.config import load_site_config
from build_tools.ingest.records import parse_record
from build_tools.ingest.witness_facts import detect_kind, find_byline, find_title, language_regions, read_front_matter
from build_tools.ingest.witnesses import MANIFEST
from build_tools.ingest.yamlio import load_yaml
from build_tools.render.print.pdf import PRINT_DIR, layout, print_book, project_fetcher

from .conftest import RAW, ROOT, copy_project
from .test_corpus import EDITOR_DATES, give_date

CORPUS = ROOT.parent / "shared" / "corpus"
ONE_LINE = re.compile(r"\S+?(?::\d+)?: .+ — .+")


def _corpus_rows() -> dict[str, dict[str, str]]:
    """The README's table: file → kind, language (its first word) and account (before any parenthesis)."""
    rows: dict[str, dict[str, str]] = {}
    if not (CORPUS / "README.md").exists():
        return rows
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 6 and cells[0].endswith(".txt"):
            rows[cells[0]] = {"kind": cells[3], "lang": cells[4].split()[0], "account": cells[5].split(" (")[0]}
    return rows


ROWS = _corpus_rows()
needs_corpus = pytest.mark.skipif(not ROWS, reason=f"the corpus of scraped texts is absent ({CORPUS})")


def _draft(project: Path, raw: Path, *extra: str) -> int:
    return main(["draft", str(raw), "--root", str(project), *extra])


def _snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in (project / "source_texts").rglob("*") if p.is_file()}


REFUSALS = {
    "outside source_texts/raw/": (lambda p: _put(p.parent, "elsewhere.txt", "人工智能。\n".encode()),
                                  r"elsewhere\.txt: not a file in this project's source_texts/raw/ — copy"),
    "missing": (lambda p: p / "source_texts" / "raw" / "005_missing.txt", r"005_missing\.txt: no such file — "),
    "empty": (lambda p: _put(p, "005_empty.txt", b"\n  \n"), r"005_empty\.txt:1: raw file is empty — "),
    "binary": (lambda p: _put(p, "005_binary.txt", b"%PDF-1.7\n\x00\x01binary"), r"005_binary\.txt:2: raw file is binary"),
    "not UTF-8": (lambda p: _put(p, "005_gbk.txt", "标题\n人工智能治理。\n".encode("gbk")),
                  r"005_gbk\.txt:1: raw file is not valid UTF-8 — convert it"),
    "listed by name": (lambda p: p / "source_texts" / "raw" / "004_aeda2b978c32afff.txt",
                       r"manifest\.yml:\d+: 004_aeda2b978c32afff\.txt is already in the manifest — "),
    "listed by checksum": (lambda p: _put(p, "005_copy.txt", (RAW / "004_aeda2b978c32afff.txt").read_bytes()),
                           r"manifest\.yml:\d+: 005_copy\.txt has the same bytes as 004_aeda2b978c32afff\.txt"),
}


def _put(project: Path, name: str, data: bytes) -> Path:
    path = project / "source_texts" / "raw" / name if (project / "source_texts").is_dir() else project / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(case, project_copy, capsys):
    make, expected = REFUSALS[case]
    raw = make(project_copy)
    before = _snapshot(project_copy)
    assert _draft(project_copy, raw) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and ONE_LINE.fullmatch(err.strip()), err
    assert re.search(expected, err), err
    assert _snapshot(project_copy) == before


@pytest.mark.parametrize("doc_id, expected", [
    ("action-plan-2025", r"action-plan-2025\.yml: a record with the ID action-plan-2025 exists already — "),
    ("Bad_ID", r"--id: document ID 'Bad_ID' is not lower-case letters and digits joined by '-' — "),
    ("glossary", r"--id: document ID 'glossary' is the name of one of the site's own pages — "),
])
def test_an_id_taken_or_malformed_is_refused(doc_id, expected, project_copy, capsys):
    raw = _put(project_copy, "005_new.txt", "# 人工智能安全治理框架\n\n人工智能是人类发展新领域。\n".encode())
    before = _snapshot(project_copy)
    assert _draft(project_copy, raw, "--id", doc_id) == 1
    err = capsys.readouterr().err.strip()
    assert ONE_LINE.fullmatch(err) and re.search(expected, err), err
    assert _snapshot(project_copy) == before


ARTICLE = "第一条 为了规范人工智能伦理审查，保障公民的合法权益，制定本办法。\n"
# Files that state no date, each with a date elsewhere that is not the document's: the day of the draft, the
# fetch date in a short file's front matter (within the last lines a date is looked for), a converter's note.
NO_DATE_FILES = {
    "no front matter": f"# 人工智能伦理审查办法\n\n{ARTICLE}",
    "a short file's front matter": "---\ntitle: 人工智能伦理审查办法\nurl: https://www.example.gov.cn/a.html\n"
                                   f"fetch_date: 2026-11-20T08:00:00\n---\n# 人工智能伦理审查办法\n\n{ARTICLE}",
    "a converter's notes": f"# 人工智能伦理审查办法\n\n{ARTICLE}\n第 1 页 共 1 页\n\n<metadata>\n"
                           '{"parse_date": "2026-05-02T01:47:03.166931+00:00"}\n</metadata>\n',
}


@pytest.mark.parametrize("case", sorted(NO_DATE_FILES))
def test_a_file_that_states_no_date_gets_no_date_and_the_build_asks_for_one(case, project_copy, capsys):
    """No invented date: the record's date key stays commented out with its TODO, so the build refuses it."""
    raw = _put(project_copy, "005_no-date.txt", NO_DATE_FILES[case].encode())
    assert _draft(project_copy, raw, "--id", "ai-ethics-review") == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert re.search(r"^date: none — not stated in the raw file; TODO the raw file states no date", out, re.MULTILINE)
    record = project_copy / "source_texts" / "ai-ethics-review.yml"
    text = record.read_text(encoding="utf-8")
    assert not re.search(r"^date", text, re.MULTILINE), text
    todo = re.search(r"^# date: TODO the raw file states no date(.*)$", text, re.MULTILINE)
    assert todo and ("fetched 2026-11-20T08:00:00: the document is no later" in todo[1]) \
        == (case == "a short file's front matter"), todo
    assert main(["check", "--root", str(project_copy)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"{record}:3: edition record has no date: — give date: in the edition record", err
    give_date(record, "2026-05-01", "the issuing body's notice")
    assert parse_record(record).date == "2026-05-01"


def test_a_month_without_its_day_stands_as_the_first_with_a_todo(project_copy, capsys):
    """二〇二六年三月 under a guide: the 1st of the month, and a TODO saying the day is not stated."""
    raw = _put(project_copy, "005_month.txt",
               f"# 人工智能伦理审查指南\n\n{ARTICLE}\n上海证券交易所\n\n二〇二六年三月\n".encode())
    assert _draft(project_copy, raw, "--id", "ai-ethics-guide") == 0, capsys.readouterr().err
    record = project_copy / "source_texts" / "ai-ethics-guide.yml"
    assert parse_record(record).date == "2026-03-01"
    assert "# TODO date: raw file line 7 states the month (二〇二六年三月), not the day: the 1st stands in" \
        in record.read_text(encoding="utf-8")


def test_a_title_with_straight_quotes_is_curled_and_its_line_still_taken_for_the_title(project_copy, capsys):
    """The record's schema refuses straight double quotes in a title, so the draft curls them; the build must still
    know the file's title line for the title, not print it again as the text's first block."""
    title = 'China\'s "Action Plan" on the Governance of Artificial Intelligence'
    raw = _put(project_copy, "005_quotes.txt", f"# {title}\n\nIssued on 20 October 2023.\n\n"
               "The plan sets out how the governance of artificial intelligence should proceed.\n".encode())
    assert _draft(project_copy, raw, "--id", "ai-action-plan-2023") == 0, capsys.readouterr().err
    record = parse_record(project_copy / "source_texts" / "ai-action-plan-2023.yml")
    assert record.titles == {"en": title.replace('"Action Plan"', "“Action Plan”")}
    document = next(d for d in build_edition(project_copy / "source_texts").documents if d.id == "ai-action-plan-2023")
    texts = [cell.text for cell in document.versions[0].cells.values()]
    assert texts[0].startswith("Issued on") and not any("Action Plan" in text for text in texts), texts
    assert main(["docs", "--root", str(project_copy)]) == 0, capsys.readouterr().err
    assert main(["check", "--root", str(project_copy)]) == 0, capsys.readouterr().err


def test_the_kind_is_told_by_the_phrases_the_cleaning_removes(project_copy, capsys):
    """A string an editor adds to boilerplate.yml's WeChat interface section tells a WeChat page for the draft too."""
    raw = _put(project_copy, "005_page.txt", f"# 人工智能伦理审查办法\n\n{ARTICLE}\n写留言\n".encode())
    boilerplate = project_copy / "source_texts" / "cleaning" / "boilerplate.yml"
    text = boilerplate.read_text(encoding="utf-8")
    boilerplate.write_text(text.replace("interface:\n", "interface:\n  - {phrase: 写留言, reason: \"WeChat's comment "
                                        "button\"}\n", 1), encoding="utf-8")
    assert _draft(project_copy, raw, "--id", "ai-ethics-review") == 0, capsys.readouterr().err
    assert "kind: wechat — WeChat interface strings: 写留言" in capsys.readouterr().out


def test_a_line_the_build_does_not_take_for_a_byline_is_none_for_the_draft(project_copy, capsys):
    """A citation under the title (《…》 and a date) is not a post's byline: no account, no WeChat post, no post date."""
    raw = _put(project_copy, "005_cited.txt", f"# 人工智能伦理审查办法\n\n《人工智能安全治理框架》 2024-09-09\n\n"
               f"{ARTICLE}".encode())
    assert _draft(project_copy, raw, "--id", "ai-ethics-review") == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "kind: plain" in out and "byline" not in out, out
    assert not _entry(project_copy, "005_cited.txt").account_names


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.txt")))
def test_the_kind_of_every_seed_is_detected(name):
    """The detector finds the kind the manifest gives each seed file (a real check: the seeds were not drafted)."""
    kinds = {e.file: e.kind for e in MANIFEST(load_yaml(RAW / "manifest.yml"))}
    lines = (RAW / name).read_text(encoding="utf-8").split("\n")
    front = read_front_matter(lines)
    title, _ = find_title(lines, front)
    boilerplate = load_boilerplate(RAW.parent)
    assert detect_kind(name, lines, front, find_byline(lines, title, front), boilerplate).kind == kinds[name]


def test_a_bilingual_file_has_a_region_per_language_and_titles_inside_a_text_stay_in_it():
    """002 holds Chinese texts then their English; the regions split where the English begins."""
    lines = (RAW / "002_92e6455c04bab45f.txt").read_text(encoding="utf-8").split("\n")
    regions = language_regions(lines)
    assert [(r.lang, r.first) for r in regions] == [("zh", 2), ("en", 172)]


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """Every corpus file dropped into one scratch copy of the project, then drafted one after another, as an
    editor with several new texts works (each draft sees the files still waiting, and the drafts still waiting
    for a date); then the editor gives the dates the files do not state. Results by file, with each record as
    drafted."""
    project = copy_project(tmp_path_factory.mktemp("drafts") / "project")
    results = {}
    for name in sorted(ROWS):
        shutil.copy(CORPUS / name, project / "source_texts" / "raw" / name)
    for name in sorted(ROWS):
        before = (project / "source_texts" / "raw" / "manifest.yml").read_bytes()
        raw = project / "source_texts" / "raw" / name
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["draft", str(raw), "--root", str(project)])
        results[name] = (status, out.getvalue(), err.getvalue(), before)
    for name, (status, out, *_) in list(results.items()):
        if status == 0:
            record = project / "source_texts" / f"{re.search(r'^id: ([a-z0-9-]+)', out, re.MULTILINE).group(1)}.yml"
            results[name] += (record.read_text(encoding="utf-8"),)
            if name in EDITOR_DATES:
                give_date(record, *EDITOR_DATES[name])
    return project, results


@needs_corpus
@pytest.mark.parametrize("name", sorted(ROWS))
def test_draft_on_a_corpus_text(name, drafted):
    project, results = drafted
    status, out, err, before, *as_drafted = results[name]
    assert status == 0, err
    row = ROWS[name]
    manifest = (project / "source_texts" / "raw" / "manifest.yml").read_bytes()
    assert manifest.startswith(before)  # appended: every existing byte kept
    entry = next(e for e in MANIFEST(load_yaml(project / "source_texts" / "raw" / "manifest.yml")) if e.file == name)
    assert entry.kind == row["kind"]
    if row["kind"] == "wechat":
        assert row["account"] in entry.account_names, entry.account_names
    doc_id = re.search(r"^id: ([a-z0-9-]+)", out, re.MULTILINE).group(1)
    record = parse_record(project / "source_texts" / f"{doc_id}.yml")
    assert [v.lang for v in record.versions] == [row["lang"]]
    assert record.versions[0].base.file == name
    assert len(doc_id) <= 45
    if name in EDITOR_DATES:  # the file states no date: the draft gives none, nor a year in the ID
        assert not re.search(r"^date:", as_drafted[0], re.MULTILINE) and "date: none — not stated" in out
        assert not doc_id.endswith(EDITOR_DATES[name][0][:4])
    else:
        assert doc_id.endswith(record.date[:4])
    for part in ("body: lines ", "dropped or changed, by rule:", "lines to look at:", "next:", f"/{doc_id}/"):
        assert part in out, part


@needs_corpus
def test_the_drafted_corpus_builds_with_no_hand_edit_but_the_dates_the_files_do_not_state(drafted, capsys):
    project, _ = drafted
    assert main(["docs", "--root", str(project)]) == 0, capsys.readouterr().err
    assert main(["check", "--root", str(project)]) == 0, capsys.readouterr().err


def _drafted_record(project: Path, out: str):
    doc_id = re.search(r"^id: ([a-z0-9-]+)", out, re.MULTILINE).group(1)
    return parse_record(project / "source_texts" / f"{doc_id}.yml")


def _entry(project: Path, name: str):
    return next(e for e in MANIFEST(load_yaml(project / "source_texts" / "raw" / "manifest.yml")) if e.file == name)


@needs_corpus
def test_a_text_is_drafted_while_other_new_files_wait_and_the_build_still_refuses_them(project_copy, capsys):
    """Two files dropped in together: the first drafts; the build names the second until it is drafted too."""
    first, waiting = "10_pdf-extract_gbt-37032-iot-identification.txt", "11_pdf-extract_sse-iopv-technical-guide.txt"
    raw = project_copy / "source_texts" / "raw"
    for name in (first, waiting):
        shutil.copy(CORPUS / name, raw / name)
    assert _draft(project_copy, raw / first) == 0, capsys.readouterr().err
    listed = {e.file for e in MANIFEST(load_yaml(raw / "manifest.yml"))}
    assert first in listed and waiting not in listed
    capsys.readouterr()
    assert main(["check", "--root", str(project_copy)]) == 1
    assert capsys.readouterr().err.strip().endswith(f"{waiting}: raw file is not in the manifest — add its entry to "
                                                    "source_texts/raw/manifest.yml (file, sha256, kind …), or remove it")
    assert _draft(project_copy, raw / waiting) == 0, capsys.readouterr().err


@needs_corpus
def test_a_standard_names_its_issuers_and_its_publication_date(drafted):
    """GB/T 37032: ¶2 says which committees 提出并归口 the standard; the cover says "2018-12-28 发布"."""
    project, results = drafted
    name = "10_pdf-extract_gbt-37032-iot-identification.txt"
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    assert lines[38].startswith("本标准由全国物品编码标准化技术委员会（SAC/TC 287）") and lines[10] == "2018-12-28 发布"
    record = _drafted_record(project, results[name][1])
    assert record.issuing_body == {"zh": "全国物品编码标准化技术委员会和全国信息技术标准化技术委员会"}
    assert record.notes["issuing_body"].startswith("raw file line 39: '本标准由全国物品编码标准化技术委员会（SAC/TC 287）")
    assert _entry(project, name).published == "2018-12-28 (raw file line 11: 2018-12-28 发布)"
    # What the files do not state stays unknown: the NIST page names no issuer and no date of publication.
    nist = "09_pdf-extract_nist-ai-rmf-page.txt"
    assert _drafted_record(project, results[nist][1]).issuing_body == {}
    assert _entry(project, nist).published == "unknown"
    # The exchange's guide still gets its issuer from the line of its own on the cover.
    sse = "11_pdf-extract_sse-iopv-technical-guide.txt"
    assert _drafted_record(project, results[sse][1]).issuing_body == {"zh": "上海证券交易所"}


@needs_corpus
@pytest.mark.parametrize("name", sorted(ROWS))
def test_the_drafted_description_is_plain_words_from_the_facts(name, drafted):
    """Readers see the description on the Sources page and in every PDF: no Markdown, no note to the editor."""
    project, results = drafted
    entry, row = _entry(project, name), ROWS[name]
    description = entry.description
    assert not re.search(r"[`*_\[\]#]|make draft|check it", description), description
    opening = f"WeChat repost by the account {row['account']}" if row["kind"] == "wechat" else "PDF extraction"
    assert description.startswith(opening), description
    title = _drafted_record(project, results[name][1]).titles
    assert next(iter(title.values())) in description, description
    if entry.published != "unknown":
        assert f"({entry.published[:10]})." in description, description
    assert description.endswith({"zh": " Chinese text.", "en": " English text."}[row["lang"]]), description


@needs_corpus
def test_a_record_without_an_issuer_shows_no_empty_fact(drafted, capsys, tmp_path):
    """The NIST page names no issuer: its page has no "Issued by" row and its PDF's title line no empty "· ·"."""
    project, results = drafted
    record = _drafted_record(project, results["09_pdf-extract_nist-ai-rmf-page.txt"][1])
    assert record.issuing_body == {}
    assert main(["docs", "--root", str(project)]) == 0, capsys.readouterr().err
    page = (project / "docs" / record.id / "index.md").read_text(encoding="utf-8")
    facts = re.search(r'<dl class="doc-facts".*?</dl>', page).group()
    assert re.findall(r"<dt>([^<]+)</dt>", facts) == ["Date", "Type", "Versions", "Official text", "Sources", "Cite", "Print"]
    edition = build_edition(project / "source_texts")
    doc = next(d for d in edition.documents if d.id == record.id)
    stylesheet = CSS(filename=str(PRINT_DIR / "edition.css"), url_fetcher=project_fetcher())
    pdf = tmp_path / f"{record.id}.pdf"
    layout(print_book(edition, load_site_config(project / "mkdocs.yml"), [doc]), stylesheet).write_pdf(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert f"{record.date} · {record.document_type} · English (official)" in text
    assert "· ·" not in text
