"""The bad-input matrix: each bad input is refused with one line, ``file:line: what is wrong — how to
fix``, a non-zero exit and no traceback, and the previous site is left untouched."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest
import yaml

from .conftest import ROOT

WECHAT, PLAIN = "001_e526fd7024f8d981.txt", "004_aeda2b978c32afff.txt"
ONE_LINE = re.compile(r"\S+?:\d+: .+ — .+")


def _raw(project, name, data: bytes, *, update_checksum: bool = True) -> None:
    (project / "source_texts" / "raw" / name).write_bytes(data)
    if update_checksum:
        manifest = project / "source_texts" / "raw" / "manifest.yml"
        text = manifest.read_text(encoding="utf-8")
        old = re.search(rf"file: {re.escape(name)}\n    sha256: (\w+)", text).group(1)
        manifest.write_text(text.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")


def _text(project, name) -> str:
    return (project / "source_texts" / "raw" / name).read_text(encoding="utf-8")


def _record(project, doc_id, edit) -> None:
    path = project / "source_texts" / f"{doc_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _append_note(project, doc_id, note) -> None:
    path = project / "source_texts" / f"{doc_id}.annotations.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["annotations"].append({"type": "translation", "body": "Probe.", "author": "Editors", "date": "2026-11-23",
                                **note})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


CASES = {
    "empty raw file": (lambda p: _raw(p, PLAIN, b""), r"004_aeda2b978c32afff\.txt:1: raw file is empty"),
    "binary file": (lambda p: _raw(p, PLAIN, b"%PDF-1.7\n\x00\x01\x02binary"), r"004_\w+\.txt:2: raw file is binary"),
    "GBK-encoded text": (lambda p: _raw(p, WECHAT, _text(p, WECHAT).encode("gbk")), r"001_\w+\.txt:\d+: raw file is not valid UTF-8"),
    "Big5-encoded text": (lambda p: _raw(p, PLAIN, "人工智慧全球治理行動計劃\n".encode("big5")), r"004_\w+\.txt:1: raw file is not valid UTF-8"),
    "UTF-8 byte-order mark": (lambda p: _raw(p, PLAIN, b"\xef\xbb\xbf" + _text(p, PLAIN).encode()), r"004_\w+\.txt:1: raw file has a byte-order mark"),
    "CRLF line ends": (lambda p: _raw(p, PLAIN, _text(p, PLAIN).replace("\n", "\r\n").encode()), r"004_\w+\.txt:1: .*CR line ends"),
    "mojibake": (lambda p: _raw(p, PLAIN, _text(p, PLAIN).replace("人工智能全球治理行动计划", "人工智能全球治理行动计划".encode().decode("latin-1")).encode()),
                 r"004_\w+\.txt:2: mojibake"),
    "HTML or script": (lambda p: _raw(p, PLAIN, _text(p, PLAIN).replace("2025.7.26", "<script>alert(1)</script>2025.7.26").encode()),
                       r"004_\w+\.txt:19: HTML or script in a raw text"),
    "checksum no longer matches": (lambda p: _raw(p, PLAIN, _text(p, PLAIN).replace("indus", "indu").encode(), update_checksum=False),
                                   r"manifest\.yml:\d+: 004_\w+\.txt has checksum \w+…, the manifest records \w+…"),
    "malformed YAML": (lambda p: (p / "source_texts" / "initiative-2023.yml").write_text("id: [unclosed\n", encoding="utf-8"),
                       r"initiative-2023\.yml:\d+: malformed YAML"),
    "record names a missing witness": (lambda p: _record(p, "initiative-2023", lambda d: d["versions"][0]["witnesses"][0].update(file="999_missing.txt")),
                                       r"initiative-2023\.yml:\d+: witness 999_missing\.txt is not in the manifest"),
    "record names a missing span": (lambda p: _record(p, "initiative-2023", lambda d: d["versions"][0]["witnesses"][0].update(lines="6-4000")),
                                    r"initiative-2023\.yml:\d+: span \(6, 4000\) is outside"),
    "duplicate block IDs": (lambda p: _record(p, "china-france-statement-2024", lambda d: d["versions"][1]["witnesses"][0]["excerpts"].append({"excerpt": 1, "blocks": "p7"})),
                            r"china-france-statement-2024\.yml:\d+: block p7 is given two texts"),
    "annotation target block missing": (lambda p: _append_note(p, "initiative-2023", {"id": "probe", "target": {"block": "p77"}}),
                                        r"initiative-2023\.annotations\.yml:\d+: .*target block initiative-2023#p77 does not exist"),
    "annotation quote found zero times": (lambda p: _append_note(p, "initiative-2023", {"id": "probe", "target": {"block": "p1", "lang": "zh", "quote": "无此语"}}),
                                          r"annotations\.yml:\d+: .*found 0 times"),
    "annotation quote found twice": (lambda p: _append_note(p, "initiative-2023", {"id": "probe", "target": {"block": "p1", "lang": "zh", "quote": "人工智能技术"}}),
                                     r"annotations\.yml:\d+: .*found 2 times"),
    "cross-reference to a missing document": (lambda p: _append_note(p, "initiative-2023", {"id": "probe", "target": {"block": "p1"}, "body": "See [x](gone-2030#p1)."}),
                                              r"annotations\.yml:\d+: annotation probe: cross-reference gone-2030#p1 does not resolve"),
    "versions that do not align": (lambda p: _record(p, "shanghai-declaration-2024", lambda d: d["versions"][1]["witnesses"][0].pop("hard_wrapped")),
                                   r"shanghai-declaration-2024\.yml:\d+: (version en does not align with zh|version en has \d+ blocks)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_with_one_line_and_nothing_lost(project_copy, tmp_path, case):
    spoil, expected = CASES[case]
    spoil(project_copy)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "build_tools", "site", "--no-pdf", "--root", str(project_copy),
                          "--site-dir", str(site)], capture_output=True, text=True, cwd=ROOT)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and len(lines) == 1, run.stderr
    assert ONE_LINE.fullmatch(lines[0]) and re.search(expected, lines[0]), lines[0]
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"


def test_markup_in_a_raw_text_shows_as_written(project_copy, tmp_path):
    """Text from a witness is never read as Markdown or HTML: it reaches the reader character for character."""
    from build_tools.__main__ import main

    literal = "**bold** <b>tag</b> [link](https://example.org) &amp; _under_ `code` {: #x } \\*"
    _raw(project_copy, PLAIN, _text(project_copy, PLAIN).replace(
        "To this end, we put forward", f"To this end, {literal} we put forward").encode())
    site = tmp_path / "site"
    assert main(["site", "--no-pdf", "--root", str(project_copy), "--site-dir", str(site)]) == 0
    page = (site / "action-plan-2025" / "en-unofficial" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<p id="p2"[^>]*>.*?</p>', page, re.S).group()
    assert "<strong>" not in block and "<b>" not in block and "<em>" not in block and "<code>" not in block
    shown = re.sub(r"<[^>]+>", "", block)
    import html

    assert literal in html.unescape(shown)
