"""The edition's search, a stage of its own beside the engine: a Pagefind index of the search records (one per
view, holding its blocks, ``render/data/search_records.py``) in ``pagefind/``, with the search script (``search.js``,
written there as ``edition-search.js``) and its settings. It needs only the edition, so it is written while the
engine builds the pages, and it is the same whichever engine builds them.

One index for every language (Pagefind would otherwise make one per language and search only the page's own):
a search from any page finds every view, Chinese and English. Its language is English, for the English stemmer
(a search for "unleashing" finds "unleash"); Chinese needs no segmenter, its characters being indexed a word each.
The index is split in chunks: a query fetches the chunks of its words and the fragments of the results shown.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from itertools import chain
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

from build_tools.model.edition import Edition
from build_tools.model.errors import EditionError
from build_tools.model.labels import MARKS
from build_tools.render.data.search_records import (ITEM_QUERY, READER_FILTERS, SPACED, SearchRecord, record_html,
                                                    script_pairs, view_records)

FOLDER = "pagefind"  # Pagefind's own name for it, under the site's root
SCRIPT = Path(__file__).with_name("search.js")
LANGUAGE = "en"
# Pagefind's files: gzip-compressed CBOR after this signature (the filter index, the index's metadata).
SIGNATURE = b"pagefind_dcd"
FILTERS = 3  # the place of the filters' list in the metadata: version, pages, index chunks, filters, sorts, meta keys
# Not shipped: Pagefind's own search interfaces, the site searching with its own (overrides/assets/search.js), and
# its worker, the search script running Pagefind in the page's thread.
NOT_SHIPPED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.",
               "pagefind-worker.")
FIX = "reinstall the dependencies (`make site` does: pagefind[extended] in constraints.txt) and build again"


def write_search_index(site_dir: Path, edition: Edition, records: Iterable[SearchRecord] | None = None) -> list[str]:
    """Write the index, the search script and its settings into ``site_dir/pagefind``; the folder's site path.
    ``records``: what is indexed, every view of the edition unless given (the bench gives the edition's own texts
    copied to hundreds of documents)."""
    folder = site_dir / FOLDER
    # The filters' values are written with the settings rather than read from Pagefind's filter files, which list
    # every view of each value: the search's first fetch stays small.
    values: dict[str, set[str]] = {}

    def noted(records: Iterable[SearchRecord]) -> Iterator[SearchRecord]:
        for record in records:
            for name, taken in record.filters.items():
                if name in READER_FILTERS:
                    values.setdefault(name, set()).update(taken)
            yield record

    # The script's pairs are worked out while the indexer works.
    with ThreadPoolExecutor(1) as beside:
        pairs = beside.submit(script_pairs, edition)
        _index(noted(view_records(edition) if records is None else records), folder)
        settings = {"spaced": SPACED, "traditional": pairs.result(), "marks": MARKS, "item": ITEM_QUERY,
                    "filters": {name: sorted(taken) for name, taken in values.items()}}
    shutil.copyfile(SCRIPT, folder / "edition-search.js")
    (folder / "edition-search.json").write_text(json.dumps(settings, ensure_ascii=False, separators=(",", ":")),
                                                encoding="utf-8")
    return [FOLDER]


def _index(records: Iterator[SearchRecord], folder: Path) -> None:
    """Index ``records`` with Pagefind's indexer run as a service (``--service``, as its Python and Node packages run
    it), into ``folder``. Spoken to here rather than through the package's client, which waits a tenth of a second
    before reading each answer: ten records a second.

    The records are made and sent from a thread of their own while the indexer reads the ones before, and its
    answers are read here: with nobody reading its answers the indexer would stop reading once the pipe between
    them was full. The service does one request after another, so the files, asked for last, hold every record;
    they are asked for and written here rather than by the service's WriteFiles, which answers before its files
    are written, and the service, ended with its input, left some of them empty."""
    executable = get_executable()
    if executable is None:
        raise EditionError(folder, None, "Pagefind's indexer is not installed", FIX)
    try:
        indexer = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
    except OSError as error:  # not found, not executable: PAGEFIND_BINARY_PATH names another file
        raise EditionError(folder, None, f"Pagefind's indexer {executable} could not be started: {error.strerror}",
                           FIX) from None
    with indexer:
        assert indexer.stdin and indexer.stdout
        stdin = indexer.stdin
        failed: list[BaseException] = []

        def send_records(index_id: int) -> None:
            added: Iterator[dict[str, Any]] = ({"type": "AddFile", "index_id": index_id, "file_path": None,
                                                "url": record.url, "file_contents": record_html(record)}
                                               for record in records)
            requests = chain(added, [{"type": "GetFiles", "index_id": index_id}])
            try:
                _send(stdin, requests, first_id=2)
            except BaseException as error:  # a record that could not be made: the indexer, its input ended, stops
                failed.append(error)
                _close(stdin)

        try:
            answers = _answers(indexer.stdout)
            _send(stdin, [{"type": "NewIndex", "config": {"force_language": LANGUAGE}}])
            index_id = _answer(next(answers, None), folder)["index_id"]
            # A daemon: after an error here it ends at its next write, the indexer stopped, and is not waited for.
            writer = threading.Thread(target=send_records, args=(index_id,), daemon=True)
            writer.start()
            files = None
            while files is None:
                answer = next(answers, None)
                if answer is None and failed:
                    raise failed[0]
                files = _answer(answer, folder).get("files")
            writer.join()  # done: the files are the answer to its last request
            stdin.close()
        except BaseException:  # an error, an interrupt: the indexer is stopped, not waited for
            indexer.kill()
            _close(stdin)
            raise
    for file in files:
        if file["path"].startswith(NOT_SHIPPED):
            continue
        path = folder / file["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(file["content"]))
    _settle_filters(folder)


def _close(pipe: IO[bytes]) -> None:
    """Close the indexer's input, whose unsent requests are lost with the indexer stopped."""
    with suppress(OSError, ValueError):  # a broken pipe; closed already by the other thread
        pipe.close()


def _send(pipe: IO[bytes], payloads: Iterable[dict[str, Any]], first_id: int = 1) -> None:
    """Each request as the service reads it: a message of base64-encoded JSON, ended by a comma."""
    try:
        for message_id, payload in enumerate(payloads, first_id):
            pipe.write(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b",")
        pipe.flush()
    except BrokenPipeError:  # the indexer stopped: the end of its answers tells it
        pass


def _answers(pipe: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The service's answers as they come, each the payload of its message."""
    pending: list[bytes] = []  # the parts of a message not yet ended, joined once it ends (its files are megabytes)
    while chunk := os.read(pipe.fileno(), 1 << 20):  # what the pipe holds, without waiting for more
        *ended, rest = chunk.split(b",")
        for message in ended:
            yield json.loads(base64.b64decode(b"".join([*pending, message])))["payload"]
            pending = []
        pending.append(rest)


def _answer(payload: dict[str, Any] | None, folder: Path) -> dict[str, Any]:
    """An answer that is not an error, or the indexer's error as one line."""
    if payload is None or payload.get("type") == "Error":
        said = payload.get("message", "") if payload else "it stopped"
        raise EditionError(folder, None, f"Pagefind could not write the search index: {said}", FIX)
    return payload


def _settle_filters(folder: Path) -> None:
    """Pagefind 1.5 writes each filter's values, and its list of filters, in the order of a hash map, which changes
    from run to run: each filter file rewritten with its values in order and named by its content, and the index's
    metadata with its filters in order, naming them, so that two builds of a commit are byte-identical."""
    entry_path = folder / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = folder / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, file_hash in meta[FILTERS]:
            path = folder / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read(path)
            path.unlink()
            filters.append([name, _write(folder / "filter", [filter_name, sorted(values)], file_hash, 7, ".pf_filter")])
        meta[FILTERS] = sorted(filters)
        meta_path.unlink()
        language["hash"] = _write(folder, meta, language["hash"], 10, ".pf_meta", "pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    value, end = _decode(data, len(SIGNATURE))
    return value


def _write(folder: Path, value: Any, old_hash: str, digits: int, suffix: str, prefix: str = "") -> str:
    """Write ``value`` as Pagefind writes its files, named as Pagefind names them (language, hash of the content)."""
    data = SIGNATURE + _encode(value)
    name = f"{old_hash.split('_')[0]}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name


# CBOR (RFC 8949), the little of it Pagefind's files use: whole numbers, text, byte strings, lists and maps.
def _decode(data: bytes, at: int) -> tuple[Any, int]:
    kind, size = data[at] >> 5, data[at] & 31
    at += 1
    if size >= 24:
        width = 1 << (size - 24)
        size, at = int.from_bytes(data[at:at + width], "big"), at + width
    if kind == 0:
        return size, at
    if kind in (2, 3):
        chunk = data[at:at + size]
        return (chunk.decode() if kind == 3 else chunk), at + size
    items = []
    for _ in range(size * (2 if kind == 5 else 1)):
        item, at = _decode(data, at)
        items.append(item)
    if kind == 4:
        return items, at
    if kind == 5:
        return dict(zip(items[::2], items[1::2])), at
    raise ValueError(f"CBOR major type {kind} in a Pagefind file")


def _encode(value: Any) -> bytes:
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        return _head(3, len(value.encode())) + value.encode()
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    return _head(4, len(value)) + b"".join(_encode(item) for item in value)


def _head(kind: int, size: int) -> bytes:
    """A CBOR item's first bytes: its major type and its size (or value), in the fewest bytes."""
    if size < 24:
        return bytes([kind << 5 | size])
    width = next(w for w in (1, 2, 4, 8) if size < 1 << (8 * w))
    return bytes([kind << 5 | (24 + width.bit_length() - 1)]) + size.to_bytes(width, "big")
