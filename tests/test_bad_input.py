"""The bad-input matrix: each bad input is refused with one line, ``file:line: what is wrong — how to
fix``, exit status 1 and no traceback, before anything is written: the previous site and docs/ are left
untouched. Each case is a project copy, a mutation, and the expected line."""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.__main__ import main
from build_tools.editorial import build_edition

from .conftest import ROOT, add_note, edit_yaml, replace_text


def _line_of(line: str) -> int:
    """The number of a line of the project's mkdocs.yml: the navigation's generated lines move as records come."""
    return (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index(line) + 1


NAV_ENGLISH = "          - English: initiative-2023/en.md"
WECHAT, PLAIN = "001_e526fd7024f8d981.txt", "004_aeda2b978c32afff.txt"
ONE_LINE = re.compile(r"\S+?(?::\d+)?: .+ — .+")  # a missing file has no line


def _raw(project, name, data: bytes, *, update_checksum: bool = True) -> None:
    (project / "source_texts" / "raw" / name).write_bytes(data)
    if update_checksum:
        manifest = project / "source_texts" / "raw" / "manifest.yml"
        text = manifest.read_text(encoding="utf-8")
        old = re.search(rf"file: {re.escape(name)}\n    sha256: (\w+)", text).group(1)
        manifest.write_text(text.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")


def _text(project, name) -> str:
    return (project / "source_texts" / "raw" / name).read_text(encoding="utf-8")


def _source(project, name) -> Path:
    return project / "source_texts" / name


def _record(project, doc_id, edit) -> None:
    edit_yaml(_source(project, f"{doc_id}.yml"), edit)


def _in(project, name, old, new) -> None:
    replace_text(_source(project, name), old, new)


def _rename_record(project, doc_id, new_id) -> None:
    path = _source(project, f"{doc_id}.yml")
    path.write_text(path.read_text(encoding="utf-8").replace(f"id: {doc_id}", f"id: {new_id}"), encoding="utf-8")
    path.rename(path.with_name(f"{new_id}.yml"))
    notes = _source(project, f"{doc_id}.annotations.yml")
    if notes.exists():
        notes.unlink()


BILLION_LAUGHS = "".join(f"    l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]\n" for n in range(1, 12))
APPLY = "id: action-plan-2025\n"
RAW = {
    "a raw file the manifest does not list": (lambda p: (p / "source_texts" / "raw" / "005_new.txt").write_text("新的文本\n", encoding="utf-8"),
                                               r"005_new\.txt: raw file is not in the manifest — add its entry"),
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
}
YAML = {
    "malformed YAML": (lambda p: _source(p, "initiative-2023.yml").write_text("id: [unclosed\n", encoding="utf-8"),
                       r"initiative-2023\.yml:\d+: malformed YAML"),
    "a second YAML document": (lambda p: _in(p, "action-plan-2025.yml", "document_type: action plan\n", "document_type: action plan\n---\nid: x\n"),
                               r"action-plan-2025\.yml:15: a second YAML document"),
    "billion laughs in a note": (lambda p: _in(p, "action-plan-2025.annotations.yml", "    author: Editors\n", "    author: Editors\n    lol: &l0 [lol]\n" + BILLION_LAUGHS),
                                 r"action-plan-2025\.annotations\.yml:\d+: YAML anchor &l0 — "),
    "an alias": (lambda p: _in(p, "action-plan-2025.yml", "date: \"2025-07-26\"", "date: &d \"2025-07-26\"\nsaid: *d"), r"action-plan-2025\.yml:8: YAML anchor &d"),
    "a Python tag": (lambda p: _in(p, "action-plan-2025.yml", "document_type: action plan", "document_type: !!python/object/apply:os.system [true]"),
                     r"action-plan-2025\.yml:\d+: YAML tag tag:yaml\.org,2002:python/object/apply:os\.system"),
    "a str tag": (lambda p: _in(p, "glossary/terms.yml", "gloss: putting people first", "gloss: !!str putting people first"), r"terms\.yml:8: YAML tag"),
    "a duplicate key": (lambda p: _in(p, "action-plan-2025.yml", "document_type: action plan\n", "document_type: action plan\ndocument_type: plan\n"),
                        r"action-plan-2025\.yml:15: key 'document_type' is given twice \(first at line 14\)"),
    "deep nesting": (lambda p: _in(p, "glossary/terms.yml", "terms:\n", "x: " + "[" * 3000 + "]" * 3000 + "\nterms:\n"),
                     r"terms\.yml:5: YAML nested too deeply \(more than 32 levels\) — flatten"),
    "a number of thousands of digits": (lambda p: _in(p, "action-plan-2025.yml", "line: 148", "line: " + "9" * 5000),
                                        r"action-plan-2025\.yml:38: number 9{20}… is too long"),
    "a duplicate key in a note": (lambda p: _in(p, "action-plan-2025.annotations.yml", "    type: translation\n", "    type: translation\n    type: context\n"),
                                  r"annotations\.yml:\d+: key 'type' is given twice"),
    "a record saved as Latin-1": (lambda p: _source(p, "action-plan-2025.yml").write_bytes(_source(p, "action-plan-2025.yml").read_text(encoding="utf-8").replace("document_type: action plan", "document_type: plan d'action é").encode("latin-1", "replace")),
                                  r"action-plan-2025\.yml:14: byte 0xe9 is not UTF-8 — save the file as UTF-8"),
    "a NUL byte in a record": (lambda p: _source(p, "action-plan-2025.yml").write_bytes(_source(p, "action-plan-2025.yml").read_bytes().replace(b"action plan", b"action\x00plan", 1)),
                               r"action-plan-2025\.yml:14: character U\+0000 is not allowed in YAML — remove it"),
    "a YAML merge key": (lambda p: _in(p, "action-plan-2025.yml", "document_type: action plan\n", "document_type: action plan\n<<: {kind: excerpt}\n"),
                         r"action-plan-2025\.yml:15: YAML merge key `<<` is not used in the edition's files — write the keys out in full"),
    "a lone surrogate in a note body": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="ZZQ \udc80 body"),
                                        r"initiative-2023\.annotations\.yml:\d+: lone surrogate U\+DC80 in text — write the whole character"),
    "a lone surrogate in a title": (lambda p: _in(p, "icdppc-declaration-2018.yml", "en: Declaration on Ethics and Data Protection in Artificial Intelligence", 'en: "Decl \\ud800"'),
                                    r"icdppc-declaration-2018\.yml:\d+: lone surrogate U\+D800 in text"),
    "a bidi override in a title": (lambda p: _in(p, "action-plan-2025.yml", "zh: 人工智能全球治理行动计划", 'zh: "人工智能\\u202e全球治理行动计划"'),
                                   r"action-plan-2025\.yml:6: bidirectional control U\+202E in text — remove it"),
    "a control character in a note": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="ZZQ \x1b[31m body"),
                                      r"annotations\.yml:\d+: control character U\+001B in text"),
    "a hexadecimal line number": (lambda p: _in(p, "action-plan-2025.yml", "line: 148", "line: 0x94"), r"action-plan-2025\.yml:38: '0x94' is not a whole number"),
    "a line number with an underscore": (lambda p: _in(p, "action-plan-2025.yml", "line: 148", "line: 1_48"), r"action-plan-2025\.yml:38: '1_48' is not a whole number"),
    "a sexagesimal line number": (lambda p: _in(p, "action-plan-2025.yml", "line: 148", "line: 2:28"), r"action-plan-2025\.yml:38: '2:28' is not a whole number"),
}
RECORDS = {
    "unknown key (emendation for emendations)": (lambda p: _in(p, "action-plan-2025.yml", "        emendations:", "        emendation:"),
                                                 r"action-plan-2025\.yml:37: unknown key 'emendation' in witness — did you mean emendations:\?"),
    "unknown top-level key": (lambda p: _in(p, "action-plan-2025.yml", "kind: document\n", "kind: document\nauthor: x\n"),
                              r"action-plan-2025\.yml:5: unknown key 'author' in edition record"),
    "impossible date": (lambda p: _in(p, "action-plan-2025.yml", 'date: "2025-07-26"', "date: 2025-13-40"), r"action-plan-2025\.yml:8: date '2025-13-40' does not exist"),
    "a date in words": (lambda p: _in(p, "action-plan-2025.yml", 'date: "2025-07-26"', "date: July 2025"), r"action-plan-2025\.yml:8: date 'July 2025' is not YYYY-MM-DD"),
    "a missing required key": (lambda p: _in(p, "action-plan-2025.yml", "document_type: action plan\n", ""), r"action-plan-2025\.yml:\d+: edition record has no document_type:"),
    "empty text": (lambda p: _in(p, "action-plan-2025.yml", "document_type: action plan", 'document_type: ""'), r"action-plan-2025\.yml:14: empty text"),
    "a list where a mapping belongs": (lambda p: _record(p, "action-plan-2025", lambda d: d.update(titles=["a", "b"])),
                                       r"action-plan-2025\.yml:\d+: a list where a mapping of languages to titles belongs"),
    "a string where a version belongs": (lambda p: _record(p, "action-plan-2025", lambda d: d["versions"].append("en-extra")),
                                         r"action-plan-2025\.yml:\d+: 'en-extra' where version belongs"),
    "a string where the witnesses belong": (lambda p: _record(p, "action-plan-2025", lambda d: d["versions"][0].update(witnesses="002_92e6455c04bab45f.txt")),
                                            r"action-plan-2025\.yml:\d+: a value where a list of witnesses belongs"),
    "a title in an unknown language": (lambda p: _record(p, "action-plan-2025", lambda d: d["titles"].update(ar="Plan")), r"action-plan-2025\.yml:\d+: 'ar' is not one of the edition's languages \(zh, en, fr, de, es, ru, ja\)"),
    "a version in an unknown language": (lambda p: _in(p, "action-plan-2025.yml", "key: en-unofficial\n    lang: en", "key: en-korean\n    lang: ko"),
                                         r"action-plan-2025\.yml:\d+: 'ko' is not one of the edition's languages .* — use one of zh, en, fr, de, es, ru, ja; a new language .* build_tools/model/languages\.py"),
    "a version key in an unknown language": (lambda p: _in(p, "action-plan-2025.yml", "key: en-unofficial", "key: ko-unofficial"),
                                             r"action-plan-2025\.yml:\d+: version key 'ko-unofficial' is not zh, en, fr, de, es, ru, ja or <lang>-<suffix> — .* build_tools/model/languages\.py"),
    "a document led by placed excerpts": (lambda p: _record(p, "china-france-statement-2024", lambda d: d["versions"].reverse()),
                                          r"china-france-statement-2024\.yml:\d+: a document's first version \(en\) takes its text from excerpts — list first a version with lines:"),
    "a document ID outside [a-z0-9-]": (lambda p: _in(p, "action-plan-2025.yml", "id: action-plan-2025", "id: Action_Plan"),
                                        r"action-plan-2025\.yml:3: document ID 'Action_Plan' is not lower-case"),
    "a document ID unlike its file name": (lambda p: _in(p, "action-plan-2025.yml", "id: action-plan-2025", "id: action-plan"),
                                           r"action-plan-2025\.yml:3: document ID 'action-plan' does not match the file name"),
    "an unknown kind": (lambda p: _in(p, "action-plan-2025.yml", "kind: document", "kind: page"), r"action-plan-2025\.yml:4: 'page' is not one of document, excerpt"),
    "an unknown status": (lambda p: _record(p, "action-plan-2025", lambda d: d["versions"][1].update(status="draft")), r"'draft' is not one of official, unofficial"),
    "a span outside the file": (lambda p: _record(p, "initiative-2023", lambda d: d["versions"][0]["witnesses"][0].update(lines="6-4000")),
                                r"initiative-2023\.yml:\d+: span \(6, 4000\) is outside"),
    "a line range that does not parse": (lambda p: _record(p, "initiative-2023", lambda d: d["versions"][0]["witnesses"][0].update(lines="six to 32")),
                                         r"initiative-2023\.yml:\d+: line range 'six to 32' is not N or N-M"),
    "a line range with an en dash": (lambda p: _in(p, "shanghai-declaration-2024.yml", "216-220:", "216–220:"),
                                     r"shanghai-declaration-2024\.yml:44: line range '216–220' has a dash that is not a hyphen — use a hyphen"),
    "a line range that runs backwards": (lambda p: _in(p, "action-plan-2025.yml", "lines: 139-170", "lines: 170-139"), r"action-plan-2025\.yml:36: line range '170-139' runs backwards"),
    "a huge exclusion": (lambda p: _in(p, "action-plan-2025.yml", "372-374:", "1-900000000:"),
                         r"action-plan-2025\.yml:\d+: excluded line 1 is outside the witness span 368-409"),
    "a huge exclusion inside the span's start": (lambda p: _in(p, "action-plan-2025.yml", "372-374:", "372-900000000:"),
                                                 r"action-plan-2025\.yml:\d+: excluded line 900000000 is outside the witness span 368-409"),
    "huge metadata lines": (lambda p: _in(p, "action-plan-2025.yml", "          20: translator_note", "          24-900000000: translator_note"),
                            r"action-plan-2025\.yml:79: metadata_lines line 24 is outside the witness span 1-23"),
    "huge hard-wrapped lines": (lambda p: _in(p, "shanghai-declaration-2024.yml", "hard_wrapped: 224-274", "hard_wrapped: 224-999999999"),
                                r"shanghai-declaration-2024\.yml:\d+: hard_wrapped line 999999999 is outside the witness span"),
    "a huge span": (lambda p: _in(p, "action-plan-2025.yml", "lines: 139-170", "lines: 1-999999999"), r"action-plan-2025\.yml:36: span \(1, 999999999\) is outside 002_92e6455c04bab45f\.txt \(409 lines\)"),
    "a line number of eleven digits": (lambda p: _in(p, "action-plan-2025.yml", "lines: 139-170", "lines: 1-99999999999"),
                                       r"action-plan-2025\.yml:36: line range '1-99999999999' is not N or N-M — .*from 1 to 999999999"),
    "line 0": (lambda p: _in(p, "action-plan-2025.yml", "lines: 139-170", "lines: 0-170"), r"action-plan-2025\.yml:36: line range '0-170' runs backwards or starts at 0"),
    "a negative line": (lambda p: _in(p, "action-plan-2025.yml", "line: 148", "line: -148"), r"action-plan-2025\.yml:38: '-148' is not a whole number from 1"),
    "two ranges sharing a line": (lambda p: _in(p, "action-plan-2025.yml", "372-374:", "373-373: x\n          372-374:"), r"action-plan-2025\.yml:\d+: line 373 is in two ranges"),
    "a huge block range": (lambda p: _in(p, "china-france-statement-2024.yml", "blocks: p1-p3", "blocks: p1-p999999999"),
                           r"china-france-statement-2024\.yml:43: block range p1-p999999999 runs past the end of china-france-statement-2024 \(at most p121\)"),
    "markup in a version label": (lambda p: _in(p, "action-plan-2025.yml", "label: English (unofficial translation)", "label: <img src=x onerror=alert(1)>"),
                                  r"action-plan-2025\.yml:62: .*holds '<' or '>'"),
    "an exclusion outside the span": (lambda p: _in(p, "action-plan-2025.yml", "372-374:", "472-474:"), r"action-plan-2025\.yml:\d+: excluded line 472 is outside the witness span 368-409"),
    "a block range that does not parse": (lambda p: _in(p, "china-france-statement-2024.yml", "blocks: p1-p3", "blocks: p3-p1"), r"china-france-statement-2024\.yml:\d+: block range 'p3-p1' is not p7 or p1-p3"),
    "a block range that is a number": (lambda p: _in(p, "china-france-statement-2024.yml", "blocks: p7", "blocks: 7"), r"block range '7' is not p7"),
    "an excerpt number that is not a number": (lambda p: _in(p, "china-france-statement-2024.yml", "excerpt: 4", "excerpt: four"), r"'four' is not a whole number"),
    "a flag that is not true or false": (lambda p: _in(p, "china-france-statement-2024.yml", "starts_mid_block: true", "starts_mid_block: maybe"), r"'maybe' is not true or false"),
    "two versions with one key": (lambda p: _in(p, "action-plan-2025.yml", "key: en-unofficial", "key: en"), r"action-plan-2025\.yml:\d+: version key 'en' is given twice"),
    "a version key unlike its language": (lambda p: _in(p, "action-plan-2025.yml", "key: en-unofficial", "key: zh-unofficial"), r"version key 'zh-unofficial' does not match lang: en"),
    "a version key that is a path": (lambda p: _in(p, "action-plan-2025.yml", "key: en-unofficial", "key: ../../README"), r"action-plan-2025\.yml:59: version key '\.\./\.\./README' is not zh, en"),
    "a version key the edition derives": (lambda p: _in(p, "action-plan-2025.yml", "key: en-unofficial\n    lang: en", "key: zh-hant\n    lang: zh"), r"zh-hant is derived from zh"),
    "the key of the 繁體 parallel view": (lambda p: _in(p, "action-plan-2025.yml", "key: en-unofficial\n    lang: en", "key: zh-hant-both\n    lang: zh"), r"zh-hant-both is derived from zh"),
    "a document ID that is the home page": (lambda p: _rename_record(p, "icdppc-declaration-2018", "index"), r"index\.yml:\d+: document ID 'index' is the name of one of the site's own"),
    "a document ID that is a hand-written page": (lambda p: _rename_record(p, "icdppc-declaration-2018", "how-to-cite"), r"document ID 'how-to-cite' is the name"),
    "a document ID that is a generated page": (lambda p: _rename_record(p, "icdppc-declaration-2018", "glossary"), r"document ID 'glossary' is the name"),
    "a document ID that is the site's folder": (lambda p: _rename_record(p, "icdppc-declaration-2018", "assets"), r"document ID 'assets' is the name"),
    "record names a missing witness": (lambda p: _record(p, "initiative-2023", lambda d: d["versions"][0]["witnesses"][0].update(file="999_missing.txt")),
                                       r"initiative-2023\.yml:\d+: witness 999_missing\.txt is not in the manifest"),
    "an emendation outside the span": (lambda p: _in(p, "action-plan-2025.yml", "line: 148", "line: 200"), r"action-plan-2025\.yml:38: emendation line 200 is outside the witness span 139-170"),
    "an emendation whose reading is not on its line": (lambda p: _in(p, "action-plan-2025.yml", "line: 148", "line: 147"), r"action-plan-2025\.yml:38: emendation 干行百业→千行百业: witness reading found 0 times"),
    "duplicate block IDs": (lambda p: _record(p, "china-france-statement-2024", lambda d: d["versions"][1]["witnesses"][0]["excerpts"].append({"excerpt": 1, "blocks": "p7"})),
                            r"china-france-statement-2024\.yml:\d+: block p7 is given two texts"),
    "versions that do not align": (lambda p: _record(p, "shanghai-declaration-2024", lambda d: d["versions"][1]["witnesses"][0].pop("hard_wrapped")),
                                   r"shanghai-declaration-2024\.yml:\d+: (version en does not align with zh|version en has \d+ blocks)"),
    "a huge span, at lines:": (lambda p: _in(p, "action-plan-2025.yml", "lines: 368-409", "lines: 368-999999999"), r"action-plan-2025\.yml:56: span \(368, 999999999\) is outside"),
    "metadata lines outside the span, at the key": (lambda p: _in(p, "action-plan-2025.yml", "          1: circulating_title", "          999: circulating_title"),
                                                    r"action-plan-2025\.yml:76: metadata_lines line 999 is outside the witness span 1-23"),
    "a line both excluded and metadata": (lambda p: _in(p, "action-plan-2025.yml", "21-23:", "19-23:"), r"action-plan-2025\.yml:78: line 19 is both excluded and in metadata_lines — declare the line in one of them"),
    "a kept line outside the span": (lambda p: _in(p, "action-plan-2025.yml", "        lines: 368-409\n", "        lines: 368-409\n        kept_lines:\n          500: the statement's own link\n"),
                                     r"action-plan-2025\.yml:58: kept_lines line 500 is outside the witness span 368-409 of 002_92e6455c04bab45f\.txt — name a line inside the span"),
    "a kept line that is not flagged": (lambda p: _in(p, "action-plan-2025.yml", "        lines: 368-409\n", "        lines: 368-409\n        kept_lines:\n          376: the statement's own link\n"),
                                        r"action-plan-2025\.yml:58: kept_lines: line 376 of 002_92e6455c04bab45f\.txt is not flagged as a line to look at — nothing to keep — remove it from kept_lines"),
    "a kept line with an empty reason": (lambda p: _in(p, "action-plan-2025.yml", "        lines: 368-409\n", "        lines: 368-409\n        kept_lines:\n          376: \"\"\n"),
                                         r"action-plan-2025\.yml:58: empty text — write the text"),
    "a kept line on a collated witness": (lambda p: _in(p, "initiative-2023.yml", "        segmentation: base\n", "        segmentation: base\n        kept_lines:\n          5: a reason\n"),
                                          r"initiative-2023\.yml:\d+: kept_lines on the collated witness 003_620ab5c0c84b05ad\.txt, whose lines are not looked at — nothing to keep"),
    "a title that no longer matches the witness's title line": (lambda p: _in(p, "action-plan-2025.yml", "en: Global AI Governance Action Plan", "en: Global AI Governance Action Plan 2025"),
                                                                r"action-plan-2025\.yml:\d+: version en does not align with zh at p1: .* — titles\.en must match the witness's title line exactly \('Global AI Governance Action Plan'; the record has 'Global AI Governance Action Plan 2025'\)"),
    "a doubtful date without its basis": (lambda p: _record(p, "china-africa-chair-statement-2024", lambda d: d.pop("date_certainty_basis")),
                                          r"china-africa-chair-statement-2024\.yml:\d+: date_certainty: doubtful without date_certainty_basis — give date_certainty_basis:"),
    "a date certainty outside the vocabulary": (lambda p: _in(p, "china-africa-chair-statement-2024.yml", "date_certainty: doubtful", "date_certainty: likely"),
                                                r"china-africa-chair-statement-2024\.yml:10: 'likely' is not one of stated, doubtful"),
    "an official URL that is not http(s)": (lambda p: _in(p, "action-plan-2025.yml", '      url: "https://www.gov.cn/', '      url: "javascript:alert(1)//'),
                                            r"action-plan-2025\.yml:28: URL 'javascript:alert\(1\)//.*' is not an http\(s\) URL — give the page's http\(s\) address"),
    "an official publication without its basis": (lambda p: _record(p, "initiative-2023", lambda d: d["versions"][1]["official"].pop("basis")),
                                                  r"initiative-2023\.yml:\d+: official publication has no basis: — give basis: in the official publication"),
    "an unknown key in an official publication": (lambda p: _in(p, "shanghai-declaration-2024.yml", "      issuer: 2024 World", "      publisher: 2024 World"),
                                                  r"shanghai-declaration-2024\.yml:22: unknown key 'publisher' in official publication — use only title, issuer, date, url, basis"),
    "an impossible official date": (lambda p: _in(p, "icdppc-declaration-2018.yml", 'date: "2018-10-23"\n    ', 'date: "2018-10-32"\n    '),
                                    r"icdppc-declaration-2018\.yml:24: date '2018-10-32' does not exist"),
    "markup in an official title": (lambda p: _in(p, "initiative-2023.yml", "      title: Global AI Governance Initiative", "      title: <img src=x onerror=alert(1)>"),
                                    r"initiative-2023\.yml:\d+: '<img src=x onerror=alert\(1\)>' holds '<' or '>'"),
}
MANIFEST = {
    "a manifest span with an en dash": (lambda p: _in(p, "raw/manifest.yml", "1-2:", "1–2:"), r"manifest\.yml:39: line range '1–2' has a dash .* — use a hyphen"),
    "a huge manifest span": (lambda p: _in(p, "raw/manifest.yml", "1-2:", "1-900000000:"),
                             r"manifest\.yml:\d+: outside_spans line 900000000 is beyond the end of 002_92e6455c04bab45f\.txt \(\d+ lines\)"),
    "a manifest file name that is a path": (lambda p: _in(p, "raw/manifest.yml", "file: 004_aeda2b978c32afff.txt", "file: ../../README.md"), r"manifest\.yml:\d+: file name '\.\./\.\./README\.md'"),
    "a manifest entry listed twice": (lambda p: _in(p, "raw/manifest.yml", "witnesses:\n", "witnesses:\n  - file: 004_aeda2b978c32afff.txt\n    sha256: 5e983ab9c03d595c75da9aa145c47b091386539dc85ccbe086a00689f55ba1df\n    kind: plain\n"),
                                      r"manifest\.yml:\d+: 004_aeda2b978c32afff\.txt is listed twice"),
    "an unknown witness kind": (lambda p: _in(p, "raw/manifest.yml", "kind: plain", "kind: html"), r"manifest\.yml:\d+: 'html' is not one of wechat"),
    "a URL that is not http(s)": (lambda p: _in(p, "raw/manifest.yml", 'translated_from: "https:', 'translated_from: "javascript:'), r"manifest\.yml:59: URL 'javascript:.*' is not an http\(s\) URL"),
    "an impossible publication date": (lambda p: _in(p, "raw/manifest.yml", 'published: "2024-05-08"', 'published: "2024-02-30"'), r"manifest\.yml:24: date '2024-02-30' does not exist"),
    "a URL with a space": (lambda p: _in(p, "raw/manifest.yml", 'translated_from: "https://www.gov.cn/yaowen/liebiao/202507/content_7033929.htm"', "translated_from: 'https:// evil.example'"),
                           r"manifest\.yml:59: URL 'https:// evil\.example' is not an http\(s\) URL"),
    "the manifest missing": (lambda p: _source(p, "raw/manifest.yml").unlink(), r"source_texts/raw/manifest\.yml: file is missing — restore it"),
}
NOTES = {
    "annotation target block missing": (lambda p: add_note(p, "initiative-2023", target={"block": "p77"}),
                                        r"initiative-2023\.annotations\.yml:\d+: annotation probe: target block initiative-2023#p77 does not exist"),
    "annotation quote found zero times": (lambda p: add_note(p, "initiative-2023", target={"block": "p1", "lang": "zh", "quote": "无此语"}), r"annotations\.yml:\d+: .*found 0 times"),
    "annotation quote found twice": (lambda p: add_note(p, "initiative-2023", target={"block": "p1", "lang": "zh", "quote": "人工智能技术"}), r"annotations\.yml:\d+: .*found 2 times"),
    "a quote without lang": (lambda p: add_note(p, "initiative-2023", target={"block": "p1", "quote": "人工智能"}),
                             r"annotations\.yml:\d+: annotation probe: a quote needs lang:, the version it is quoted from — give lang: one of zh, en"),
    "annotation quote in a missing version": (lambda p: add_note(p, "initiative-2023", target={"block": "p1", "lang": "en-unofficial", "quote": "AI"}), r"initiative-2023 has no version 'en-unofficial'"),
    "a string where a target belongs": (lambda p: add_note(p, "initiative-2023", target="p1"), r"annotations\.yml:\d+: 'p1' where target belongs"),
    "a target block that is not a block ID": (lambda p: add_note(p, "initiative-2023", target={"block": "12"}), r"block ID '12' is not in the form p12 or s3"),
    "a note ID outside [a-z0-9-]": (lambda p: add_note(p, "initiative-2023", id="x onclick=alert(1)", target={"block": "p1"}), r"annotations\.yml:\d+: annotation ID 'x onclick=alert\(1\)' is not lower-case"),
    "a note ID used twice": (lambda p: (add_note(p, "initiative-2023", target={"block": "p1"}), add_note(p, "action-plan-2025", target={"block": "p1"})),
                             r"initiative-2023\.annotations\.yml:\d+: annotation ID probe is also used in action-plan-2025\.annotations\.yml"),
    "a note date with markup": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, date="<img src=x onerror=alert(1)>"), r"annotations\.yml:\d+: date '<img src=x onerror=alert\(1\)>' is not YYYY-MM-DD"),
    "an unknown note type": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, type="gossip"), r"'gossip' is not one of textual, context"),
    "a note without a body": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="  "), r"annotations\.yml:\d+: empty text"),
    "an unknown note key": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, bases="x"), r"unknown key 'bases' in annotation — did you mean basis:\?"),
    "a context note without basis": (lambda p: add_note(p, "initiative-2023", type="context", target={"block": "p1"}), r"annotations\.yml:\d+: context note probe names no basis"),
    "cross-reference to a missing document": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="See [x](gone-2030#p1)."),
                                              r"annotations\.yml:\d+: annotation probe, body: cross-reference gone-2030#p1 does not resolve"),
    "cross-reference to a missing block": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="See [there](action-plan-2025#p99)."), r"cross-reference action-plan-2025#p99 does not resolve"),
    "a javascript: link": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="[x](javascript:alert(1))"), r"link 'javascript:alert\(1' is neither an edition anchor nor an http\(s\) URL"),
    "a file: attachment": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body='<a rel="attachment" href="file:///etc/passwd">x</a>'),
                           r"annotations\.yml:\d+: raw HTML '<a rel=\"attachment\" href=\"file:///etc/passwd\">' in Markdown — write Markdown only"),
    "a script in a note": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="Note <script>alert(1)</script>"), r"annotations\.yml:\d+: raw HTML '<script>' in Markdown"),
    "a script in a basis": (lambda p: add_note(p, "initiative-2023", type="context", target={"block": "p1"}, basis="<SCRIPT src=https://x.org/a.js>"), r"annotations\.yml:\d+: raw HTML '<SCRIPT src=https://x\.org/a\.js>' in Markdown"),
    "an event handler in a note": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="x <img src=x onerror=alert(1)> y"), r"raw HTML '<img src=x onerror=alert\(1\)>' in Markdown"),
    "an HTML comment in a note": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="x <!-- hidden --> y"), r"raw HTML '<!-- hidden -->' in Markdown"),
    "markup in a note's author": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, author="<b>Editors</b>"), r"annotations\.yml:\d+: '<b>Editors</b>' holds '<' or '>'"),
    "a basis linking to a missing document": (lambda p: add_note(p, "initiative-2023", type="context", target={"block": "p1"}, basis="See [x](nosuch-doc#p1)."),
                                              r"annotations\.yml:\d+: annotation probe, basis: cross-reference nosuch-doc#p1 does not resolve"),
    "a basis linking to a missing block": (lambda p: add_note(p, "initiative-2023", type="context", target={"block": "p1"}, basis="See [y](initiative-2023#p999)."),
                                           r"annotation probe, basis: cross-reference initiative-2023#p999 does not resolve"),
    "a javascript: link in a basis": (lambda p: add_note(p, "initiative-2023", type="context", target={"block": "p1"}, basis="[z](javascript:alert(1))"),
                                      r"annotation probe, basis: link 'javascript:alert\(1' is neither"),
    "a note anchor of another document": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="See [n](initiative-2023#n-tong-qiu-gong-ji)."),
                                          r"annotation probe, body: cross-reference initiative-2023#n-tong-qiu-gong-ji does not resolve"),
    "a data: image": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="![x](data:image/png;base64,AAAA)"), r"link 'data:image/png;base64,AAAA' is neither"),
    "a relative link": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="[x](../../README.md)"), r"link '\.\./\.\./README\.md' is neither"),
    "a cross-reference to a view the document lacks": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="See [x](action-plan-2025/fr#p1)."),
                                                        r"annotations\.yml:\d+: annotation probe, body: cross-reference action-plan-2025/fr#p1 names no block in a view of action-plan-2025 — link to a block of one of its views: action-plan-2025/zh#p1"),
    "a cross-reference to a view of an excerpt page": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="See [x](icdppc-declaration-2018/en#p1)."),
                                                       r"cross-reference icdppc-declaration-2018/en#p1 names no block in a view of icdppc-declaration-2018 — .*icdppc-declaration-2018#p1 \(it has one page\)"),
    "a note anchor in a view": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="See [x](action-plan-2025/zh#n-tong-qiu-gong-ji)."),
                                r"cross-reference action-plan-2025/zh#n-tong-qiu-gong-ji names no block in a view"),
    "annotations for no edition record": (lambda p: _source(p, "ghost-2030.annotations.yml").write_text("annotations: []\n", encoding="utf-8"),
                                          r"ghost-2030\.annotations\.yml:1: annotations for ghost-2030, which has no edition record"),
}
GLOSSARY = {
    "an empty glossary form": (lambda p: _in(p, "glossary/terms.yml", "    zh: [以人为本]", '    zh: [""]'), r"terms\.yml:7: empty text"),
    "a glossary form as a string": (lambda p: _in(p, "glossary/terms.yml", "    zh: [以人为本]", "    zh: 以人为本"), r"terms\.yml:7: a value where a list of Chinese forms belongs"),
    "a glossary ID with markup": (lambda p: _in(p, "glossary/terms.yml", "id: yi-ren-wei-ben", "id: yi onclick=alert(1)"), r"terms\.yml:6: glossary ID 'yi onclick=alert\(1\)' is not lower-case"),
    "a glossary ID used twice": (lambda p: _in(p, "glossary/terms.yml", "id: zhi-neng-xiang-shan", "id: yi-ren-wei-ben"), r"terms\.yml:10: glossary ID 'yi-ren-wei-ben' is given twice"),
    "a string where a glossary term belongs": (lambda p: _in(p, "glossary/terms.yml", "terms:\n", "terms:\n  - 以人为本\n"), r"terms\.yml:6: '以人为本' where glossary term belongs"),
    "the glossary missing": (lambda p: _source(p, "glossary/terms.yml").unlink(), r"glossary/terms\.yml: file is missing — restore it"),
    "a glossary ID that is the page's own heading": (lambda p: _in(p, "glossary/terms.yml", "id: yi-ren-wei-ben", "id: glossary"), r"terms\.yml:6: glossary ID 'glossary' is an ID the generated pages already use"),
    "a glossary ID that is a section of the pages": (lambda p: _in(p, "glossary/terms.yml", "id: yi-ren-wei-ben", "id: notes"), r"terms\.yml:6: glossary ID 'notes' is an ID"),
    "a glossary ID that is a block ID": (lambda p: _in(p, "glossary/terms.yml", "id: yi-ren-wei-ben", "id: p1"), r"terms\.yml:6: glossary ID 'p1' is an ID"),
    "a Chinese form claimed by two terms": (lambda p: _in(p, "glossary/terms.yml", "    zh: [智能向善]", "    zh: [以人为本]"), r"terms\.yml:10: Chinese form 以人为本 of zhi-neng-xiang-shan is also a form of yi-ren-wei-ben"),
}
REGISTRY = {
    "a string where a successor belongs": (lambda p: _in(p, "registry/successors.yml", "successors: {}", "successors:\n  action-plan-2025:\n    p16: p15"),
                                           r"successors\.yml:11: 'p15' where successor belongs"),
    "a successor change that is unknown": (lambda p: _in(p, "registry/successors.yml", "successors: {}", "successors:\n  action-plan-2025:\n    p16: {to: p15, change: renumber, release: 1.1.0, reason: x}"),
                                           r"successors\.yml:11: 'renumber' is not one of merge, split, move, resegment"),
    "a fingerprint that is not one": (lambda p: _in(p, "registry/anchors.yml", "zh: a140f2220b153ef4", "zh: nope"), r"anchors\.yml:\d+: fingerprint 'nope'"),
    "a registered view that is a path": (lambda p: _in(p, "registry/anchors.yml", "    - action-plan-2025/en-unofficial/\n", "    - action-plan-2025/../../etc/\n"),
                                         r"anchors\.yml:\d+: view path 'action-plan-2025/\.\./\.\./etc/' is not in the form action-plan-2025/ or action-plan-2025/zh/"),
    "a registered view the edition drops": (lambda p: _in(p, "registry/anchors.yml", "    - action-plan-2025/en-unofficial/\n", "    - action-plan-2025/en-unofficial/\n    - action-plan-2025/en-draft/\n"),
                                            r"anchors\.yml:\d+: published view /action-plan-2025/en-draft/ of action-plan-2025 would no longer be built"),
    "a registered comparison the edition drops": (lambda p: _in(p, "registry/anchors.yml", "    - initiative-2023/zh-hant/\n", "    - initiative-2023/zh-hant/\n    - initiative-2023/compare/\n"),
                                                  r"anchors\.yml:\d+: published view /initiative-2023/compare/ of initiative-2023 would no longer be built"),
    "a document since a release not among the releases": (lambda p: _in(p, "registry/anchors.yml", "  action-plan-2025:\n    since: 1.0.0", "  action-plan-2025:\n    since: 9.0.0"),
                                                           r"anchors\.yml:\d+: action-plan-2025 since 9\.0\.0, which is not among the releases \(1\.0\.0\)"),
    "a successor for a block never registered": (lambda p: _in(p, "registry/successors.yml", "successors: {}", "successors:\n  action-plan-2025:\n    p999: {to: [p1], change: merge, release: 1.1.0, reason: x}"),
                                                 r"successors\.yml:11: anchor action-plan-2025#p999 was never published"),
}
MKDOCS = {
    "an impossible release date in mkdocs.yml": (lambda p: replace_text(p / "mkdocs.yml", 'released: "2026-11-23"', "released: 2026-11-31"), r"mkdocs\.yml:\d+: date '2026-11-31' does not exist"),
    "a release that is not X.Y.Z": (lambda p: replace_text(p / "mkdocs.yml", "version: 1.0.0", "version: one"), r"mkdocs\.yml:\d+: release 'one' is not in the form 1\.0\.0"),
    "an editor given both as a person and as a body": (lambda p: replace_text(p / "mkdocs.yml", '    released: "2026-11-23"\n', '    released: "2026-11-23"\n    editors: [{family: Doe, name: A Board}]\n'), r"mkdocs\.yml:\d+: an editor needs either family: \(with given:\) or name:, not both — write \{family: Surname"),
    "an unknown key in an editor": (lambda p: replace_text(p / "mkdocs.yml", '    released: "2026-11-23"\n', '    released: "2026-11-23"\n    editors: [{surname: Doe}]\n'), r"mkdocs\.yml:\d+: unknown key 'surname' in editor"),
    "an unknown key in extra.edition": (lambda p: replace_text(p / "mkdocs.yml", "    version: 1.0.0", "    version: 1.0.0\n    relased: x"), r"mkdocs\.yml:\d+: unknown key 'relased' in extra\.edition — did you mean released:\?"),
    "markup in a site_name the theme prints": (lambda p: replace_text(p / "mkdocs.yml", "site_name: China's", "site_name: <script>alert(1)</script> China's"), r"mkdocs\.yml:1: .*holds '<' or '>', which the site's theme would read as markup"),
    "markup in a title the theme prints": (lambda p: replace_text(p / "source_texts" / "initiative-2023.yml", "en: Global AI Governance Initiative", "en: Global AI <script>alert(1)</script>"), r"initiative-2023\.yml:\d+: .*holds '<' or '>'"),
    "markup in another title": (lambda p: replace_text(p / "source_texts" / "action-plan-2025.yml", "  - Action Plan on Global Governance", "  - <img src=x onerror=alert(1)> Action Plan on Global Governance"), r"action-plan-2025\.yml:\d+: .*holds '<' or '>'"),
    "engine hooks in mkdocs.yml": (lambda p: replace_text(p / "mkdocs.yml", "markdown_extensions:", "hooks:\n  - /tmp/evil.py\nmarkdown_extensions:"), r"mkdocs\.yml:\d+: mkdocs\.yml names hooks — remove hooks"),
    "a docs_dir outside the project": (lambda p: replace_text(p / "mkdocs.yml", "use_directory_urls: true", "use_directory_urls: true\ndocs_dir: ../../etc"), r"mkdocs\.yml:\d+: docs_dir '\.\./\.\./etc' is not docs — remove docs_dir"),
    "a docs_dir the build does not write": (lambda p: replace_text(p / "mkdocs.yml", "use_directory_urls: true", "use_directory_urls: true\ndocs_dir: other"), r"mkdocs\.yml:\d+: docs_dir 'other' is not docs"),
    "an inherited configuration": (lambda p: replace_text(p / "mkdocs.yml", "use_directory_urls: true", "use_directory_urls: true\nINHERIT: base.yml"), r"mkdocs\.yml:\d+: mkdocs\.yml names INHERIT — remove INHERIT"),
    "snippets that read the build machine": (lambda p: replace_text(p / "mkdocs.yml", "  - tables\n", "  - tables\n  - pymdownx.snippets:\n      base_path: [/]\n"), r"mkdocs\.yml:\d+: markdown extension pymdownx\.snippets would include files"),
    "a tag whose name ends at a slash in a note": (lambda p: add_note(p, "initiative-2023", target={"block": "p1"}, body="Probe <img/src=x onerror=alert(1)> text."), r"initiative-2023\.annotations\.yml:\d+: .*<img/"),
    "a theme folder outside the project": (lambda p: replace_text(p / "mkdocs.yml", "custom_dir: overrides", "custom_dir: /etc"), r"mkdocs\.yml:\d+: theme\.custom_dir '/etc' points outside the project"),
    "a site_url that is not http(s)": (lambda p: replace_text(p / "mkdocs.yml", "site_url: https://", 'site_url: javascript://"><script>'), r"mkdocs\.yml:\d+: site_url .* is not an http\(s\) URL"),
    "a quote in site_name": (lambda p: replace_text(p / "mkdocs.yml", "site_name: China's AI Governance Texts · 中国人工智能治理文本", """site_name: 'ZZQ" onmouseover="alert(1)'"""),
                             r"mkdocs\.yml:1: .*holds '\"', which would end the theme's HTML attribute"),
    "markup in a nav label": (lambda p: replace_text(p / "mkdocs.yml", "  - Home: index.md", '  - "<img src=x onerror=alert(1)>ZZQ": index.md'), r"mkdocs\.yml:73: .*holds '<' or '>'"),
    "a quote in a nested nav label": (lambda p: replace_text(p / "mkdocs.yml", NAV_ENGLISH, '          - \'English" x="\': initiative-2023/en.md'), rf"mkdocs\.yml:{_line_of(NAV_ENGLISH)}: .*holds '\"'"),
}
BOILERPLATE_FILE = "cleaning/boilerplate.yml"
READ_ORIGINAL = "{phrase: 阅读原文, reason: \"WeChat's read-the-original link\"}"  # line 11, the first interface phrase
ORIGINAL_SOURCE = "{phrase: 原文来源, key: original_source, reason:"
NO_COLON = "colon: false"


def _boilerplate_line(written: str) -> int:
    """The line of the seeds' boilerplate.yml that holds ``written`` (the file grows as editors add phrases)."""
    text = (ROOT / "source_texts" / BOILERPLATE_FILE).read_text(encoding="utf-8")
    return text[:text.index(written)].count("\n") + 1


BOILERPLATE = {
    "an unknown boilerplate section": (lambda p: _in(p, BOILERPLATE_FILE, "\ninterface:\n", "\ninterfaces:\n"),
                                       r"boilerplate\.yml:10: unknown key 'interfaces' in boilerplate file — did you mean interface:\?"),
    "a boilerplate phrase without reason": (lambda p: _in(p, BOILERPLATE_FILE, READ_ORIGINAL, "{phrase: 阅读原文}"),
                                            r"boilerplate\.yml:11: boilerplate phrase has no reason: — give reason:"),
    "an empty boilerplate phrase": (lambda p: _in(p, BOILERPLATE_FILE, READ_ORIGINAL, '{phrase: "", reason: x}'),
                                    r"boilerplate\.yml:11: empty text — write the text"),
    "a provenance phrase without key": (lambda p: _in(p, BOILERPLATE_FILE, ORIGINAL_SOURCE, "{phrase: 原文来源, reason:"),
                                        rf"boilerplate\.yml:{_boilerplate_line(ORIGINAL_SOURCE)}: provenance phrase '原文来源' has no key — give key:"),
    "a key on an interface phrase": (lambda p: _in(p, BOILERPLATE_FILE, READ_ORIGINAL, "{phrase: 阅读原文, key: original_source, reason: x}"),
                                     r"boilerplate\.yml:11: interface phrase '阅读原文' has a key — remove key:"),
    "a boilerplate phrase twice in its section": (lambda p: _in(p, BOILERPLATE_FILE, READ_ORIGINAL, READ_ORIGINAL + "\n  - {phrase: 阅读原文, reason: x}"),
                                                  r"boilerplate\.yml:12: interface phrase '阅读原文' is given twice — list each phrase once"),
    "colon: that is not a boolean": (lambda p: _in(p, BOILERPLATE_FILE, NO_COLON, 'colon: "false"'),
                                     rf"boilerplate\.yml:{_boilerplate_line(NO_COLON)}: 'false' is not true or false — write true or false"),
    "the boilerplate file missing": (lambda p: _source(p, BOILERPLATE_FILE).unlink(), r"cleaning/boilerplate\.yml: file is missing — restore it"),
    "colon: on a phrase that is no provenance label": (
        lambda p: _in(p, BOILERPLATE_FILE, READ_ORIGINAL, "{phrase: 阅读原文, colon: false, reason: x}"),
        r"boilerplate\.yml:11: interface phrase '阅读原文' has colon: — remove it: only provenance labels take colon:"),
    "match: on a phrase that is never found inside a line": (
        lambda p: _in(p, BOILERPLATE_FILE, READ_ORIGINAL, "{phrase: 阅读原文, match: line, reason: x}"),
        r"boilerplate\.yml:11: interface phrase '阅读原文' has match: — remove it"),
    "a prompt phrase too short to be found inside lines": (
        lambda p: _in(p, BOILERPLATE_FILE, "{phrase: 关注我们,", "{phrase: 关注,"),
        rf"boilerplate\.yml:{_boilerplate_line('{phrase: 关注我们,')}: prompts phrase '关注' is shorter than 4 characters "
        r".* — lengthen it"),
}
CASES = {**RAW, **YAML, **RECORDS, **MANIFEST, **NOTES, **GLOSSARY, **REGISTRY, **MKDOCS, **BOILERPLATE}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_with_one_line_and_nothing_written(project_copy, tmp_path, capsys, case):
    spoil, expected = CASES[case]
    spoil(project_copy)
    docs = _tree(project_copy / "docs")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    status = main(["site", "--no-pdf", "--root", str(project_copy), "--site-dir", str(site)])
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert status == 1 and len(lines) == 1, captured.err
    assert ONE_LINE.fullmatch(lines[0]) and re.search(expected, lines[0]), lines[0]
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"
    assert _tree(project_copy / "docs") == docs


def test_the_command_line_prints_the_one_line_without_a_traceback(project_copy):
    """The matrix runs in-process; through ``python -m build_tools`` the refusal is the same one line on stderr."""
    YAML["deep nesting"][0](project_copy)
    run = subprocess.run([sys.executable, "-m", "build_tools", "site", "--no-pdf", "--root", str(project_copy),
                          "--site-dir", str(project_copy / "site")], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert run.returncode == 1 and run.stdout == "", run.stderr
    assert re.fullmatch(r"\S+terms\.yml:5: YAML nested too deeply \(more than 32 levels\) — .+\n", run.stderr), run.stderr
    assert not (project_copy / "site").exists()


def test_engine_tags_in_mkdocs_yml_are_read_past(project_copy):
    """mkdocs.yml is the engine's file too: its own keys may carry tags; only the edition's keys are checked."""
    from build_tools.ingest.config import load_site_config

    replace_text(project_copy / "mkdocs.yml", "  - build_tools.render.markdown.ext\n",
                 "  - build_tools.render.markdown.ext\n  - pymdownx.emoji:\n"
                 "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    assert load_site_config(project_copy / "mkdocs.yml").release.version == "1.0.0"


def test_web_links_and_edition_anchors_in_notes_are_accepted(project_copy):
    add_note(project_copy, "initiative-2023", target={"block": "p1"},
             body="See [the plan](action-plan-2025#p1), [a note](action-plan-2025#n-tong-qiu-gong-ji), "
                  "[its unofficial translation](action-plan-2025/en-unofficial#p3), "
                  "[the UN](https://www.un.org/) and <https://www.un.org/en/>, 1 < 2 and 3 > 2.")
    notes = build_edition(project_copy / "source_texts").editorial.notes("initiative-2023")
    assert "[the UN](https://www.un.org/)" in next(n.body for n in notes if n.id == "probe")


def test_markup_in_a_raw_text_is_removed_by_rule_and_never_rendered(project_copy, tmp_path):
    """Markdown and tags in a witness never reach the text as markup: the cleaning rules take the marks off (each
    in the strip report) and what is left is never read as Markdown or HTML: an entity shows as written."""
    literal = "**bold** <b>tag</b> [link](https://example.org) &amp; _under_ `code` {: #x } \\*"
    _raw(project_copy, PLAIN, _text(project_copy, PLAIN).replace(
        "To this end, we put forward", f"To this end, {literal} we put forward").encode())
    site = tmp_path / "site"
    assert main(["site", "--no-pdf", "--root", str(project_copy), "--site-dir", str(site)]) == 0
    page = (site / "action-plan-2025" / "en-unofficial" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<p id="p2"[^>]*>.*?</p>', page, re.S).group()
    assert "<strong>" not in block and "<b>" not in block and "<em>" not in block and "<code>" not in block
    shown = re.sub(r"<[^>]+>", "", block)
    assert "To this end, bold tag link &amp; _under_ code {: #x } * we put forward" in html.unescape(shown)
    report = json.loads((site / "data" / "strip-reports" / f"{PLAIN}.json").read_text(encoding="utf-8"))
    rules = {entry["rule"] for entry in report["entries"]}
    assert {"strip_bold_markup", "strip_html_tag", "strip_link_target", "strip_code_span", "unescape_markdown"} <= rules
