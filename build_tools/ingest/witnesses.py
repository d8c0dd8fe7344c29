"""Raw witnesses: the scraped files kept verbatim in ``source_texts/raw/`` and their manifest."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.ingest.schema import (
    Shape,
    dated,
    line_map,
    list_of,
    matching,
    one_of,
    optional,
    or_unknown,
    required,
    text,
    timestamp,
    web_url,
)
from build_tools.ingest.yamlio import Node, load_yaml
from build_tools.model.edition import ManifestEntry
from build_tools.model.errors import EditionError
from build_tools.model.records import LineRanges

KINDS = ("wechat", "pdf-extract", "aggregator", "plain")
# UTF-8 read as Latin-1 or cp1252 (äººå·¥, â€œ), GBK read as UTF-8 (锟斤拷), or lost bytes (U+FFFD).
MOJIBAKE = re.compile(r"[\u00c2-\u00ef][\u0080-\u00bf\u2018-\u201e\u20ac\u2122\u0153\u0161]|锟斤拷|\ufffd")
# Active content has no place in a scraped text; other markup is escaped when the text is published.
ACTIVE_HTML = re.compile(r"<\s*/?\s*(?:script|iframe|object|embed|style)\b|javascript:|<[a-z][^>]*\son[a-z]+\s*=",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Witness:
    """One raw file, decoded, with what the manifest says of it."""

    file: str
    kind: str
    sha256: str
    lines: tuple[str, ...]
    entry: ManifestEntry

    def line(self, number: int) -> str:
        """The text of a 1-based line."""
        return self.lines[number - 1]


FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
ENTRY = Shape("manifest entry", ManifestEntry, {
    "file": required(matching(FILE_NAME, "file name", "001_e526fd7024f8d981.txt")),
    "sha256": required(matching(re.compile(r"[0-9a-f]{64}"), "sha256", "64 lower-case hex digits")),
    "kind": required(one_of(*KINDS)), "description": optional(text, ""), "publisher": optional(text, "unknown"),
    "url": optional(or_unknown(web_url), "unknown"), "translated_from": optional(web_url, ""),
    "published": optional(or_unknown(dated), "unknown"), "fetched": optional(or_unknown(timestamp), "unknown"),
    "account_names": optional(list_of(text, what="a list of names"), ()),
    "outside_spans": optional(line_map(text), LineRanges())}, line_to="line")
MANIFEST = Shape("manifest", lambda witnesses: witnesses, {
    "witnesses": required(list_of(ENTRY, min_items=1, what="a list of manifest entries"))})


def load_witnesses(raw_dir: Path) -> dict[str, Witness]:
    """Read the manifest and every file it lists, verifying checksums and encoding."""
    manifest_path = raw_dir / "manifest.yml"
    entries: tuple[ManifestEntry, ...] = MANIFEST(load_yaml(manifest_path))
    witnesses: dict[str, Witness] = {}
    for entry in entries:
        if entry.file in witnesses:
            raise EditionError(manifest_path, entry.line, f"{entry.file} is listed twice",
                               "keep one entry per raw file")
        witnesses[entry.file] = _read_witness(raw_dir, manifest_path, entry.line, entry)
    # Nothing is lost silently: a raw text the manifest does not list would never be read.
    for path in sorted(raw_dir.iterdir()):
        if path.name not in witnesses and path != manifest_path and not path.name.startswith("."):
            raise EditionError(path, None, "raw file is not in the manifest",
                               "add its entry to source_texts/raw/manifest.yml (file, sha256, kind …), or remove it")
    return witnesses


def _read_witness(raw_dir: Path, manifest_path: Path, where: int | None, entry: ManifestEntry) -> Witness:
    path = raw_dir / entry.file
    if not path.is_file():
        raise EditionError(manifest_path, where, f"raw file {entry.file} is missing",
                           "restore it byte for byte from ../shared/seeds/")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.sha256:
        raise EditionError(manifest_path, where, f"{entry.file} has checksum {digest[:12]}…, the manifest records "
                           f"{entry.sha256[:12]}…", "restore the raw file byte for byte; raw texts are never edited")
    text = decode_raw(path, data)
    lines = tuple(text.split("\n"))
    for index, (_, last, _) in enumerate(entry.outside_spans.ranges):
        if last > len(lines):
            raise EditionError(manifest_path, entry.outside_spans.line_of(index) or where, f"outside_spans line {last} "
                               f"is beyond the end of {entry.file} ({len(lines)} lines)", "name lines of the raw file")
    return Witness(entry.file, entry.kind, entry.sha256, lines, entry)


def decode_raw(path: Path, data: bytes) -> str:
    """A raw file's text, refused when it is empty, not UTF-8, binary, mojibake or carries active markup."""
    if not data.strip():
        raise EditionError(path, 1, "raw file is empty", "restore the scraped text")
    # NUL bytes first: a binary file is named as such, not as a text in a wrong encoding.
    if b"\x00" in data:
        raise EditionError(path, data[: data.index(b"\x00")].count(b"\n") + 1, "raw file is binary",
                           "replace it with the scraped text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise EditionError(path, line, "raw file is not valid UTF-8",
                           "convert it to UTF-8 (iconv -f GBK or -f BIG5 -t UTF-8) and update the checksum") from None
    if text.startswith("\ufeff") or "\r" in text:
        raise EditionError(path, 1, "raw file has a byte-order mark or CR line ends",
                           "save it as UTF-8 without BOM with LF line ends and update the checksum")
    for pattern, problem, fix in (
        (MOJIBAKE, "mojibake (text decoded with the wrong encoding)", "re-fetch or re-decode the source, then update the checksum"),
        (ACTIVE_HTML, "HTML or script in a raw text", "save the text without its page's markup, then update the checksum"),
    ):
        if match := pattern.search(text):
            raise EditionError(path, text[: match.start()].count("\n") + 1, f"{problem}: {match.group()!r}", fix)
    return text
