"""The draft command: a new raw file → manifest entry, draft record and preview, refused in one line on bad input.

The corpus tests read the real scraped texts of ``../shared/corpus/`` (never copied into the project: each is
copied into a scratch copy of it) and the kind, language and account its README gives for each."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from build_tools.__main__ import main
from build_tools.ingest.records import parse_record
from build_tools.ingest.witness_facts import detect_kind, find_byline, find_title, language_regions, read_front_matter
from build_tools.ingest.witnesses import MANIFEST
from build_tools.ingest.yamlio import load_yaml

from .conftest import RAW, ROOT, copy_project

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


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.txt")))
def test_the_kind_of_every_seed_is_detected(name):
    """The detector finds the kind the manifest gives each seed file (a real check: the seeds were not drafted)."""
    kinds = {e.file: e.kind for e in MANIFEST(load_yaml(RAW / "manifest.yml"))}
    lines = (RAW / name).read_text(encoding="utf-8").split("\n")
    front = read_front_matter(lines)
    title, _ = find_title(lines, front)
    assert detect_kind(name, lines, front, find_byline(lines, title, front)).kind == kinds[name]


def test_a_bilingual_file_has_a_region_per_language_and_titles_inside_a_text_stay_in_it():
    """002 holds Chinese texts then their English; the regions split where the English begins."""
    lines = (RAW / "002_92e6455c04bab45f.txt").read_text(encoding="utf-8").split("\n")
    regions = language_regions(lines)
    assert [(r.lang, r.first) for r in regions] == [("zh", 2), ("en", 172)]


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """Every corpus file drafted, one after another, into one scratch copy of the project: results by file."""
    project = copy_project(tmp_path_factory.mktemp("drafts") / "project")
    results = {}
    for name in sorted(ROWS):
        before = (project / "source_texts" / "raw" / "manifest.yml").read_bytes()
        raw = project / "source_texts" / "raw" / name
        shutil.copy(CORPUS / name, raw)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["draft", str(raw), "--root", str(project)])
        results[name] = (status, out.getvalue(), err.getvalue(), before)
    return project, results


@needs_corpus
@pytest.mark.parametrize("name", sorted(ROWS))
def test_draft_on_a_corpus_text(name, drafted):
    project, results = drafted
    status, out, err, before = results[name]
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
    assert len(doc_id) <= 45 and doc_id.endswith(record.date[:4])
    for part in ("body: lines ", "dropped or changed, by rule:", "lines to look at:", "next:", f"/{doc_id}/"):
        assert part in out, part


@needs_corpus
def test_the_drafted_corpus_builds_with_no_hand_edit(drafted, capsys):
    project, _ = drafted
    assert main(["docs", "--root", str(project)]) == 0, capsys.readouterr().err
    assert main(["check", "--root", str(project)]) == 0, capsys.readouterr().err
