"""The edition's search, a stage of its own beside the engine: a Pagefind index of the search records (one per
block and view, ``render/data/search_records.py``) in ``pagefind/``, with the search script (``search.js``,
written there as ``edition-search.js``) and its settings. It needs only the edition, so it is written while the
engine builds the pages, and it is the same whichever engine builds them.

One index for every language (Pagefind would otherwise make one per language and search only the page's own):
a search from any page finds every view, Chinese and English. Its language is English, for the English stemmer
(a search for "unleashing" finds "unleash"); Chinese needs no segmenter, its characters being indexed a word each.
The index is split in chunks: a query fetches the chunks of its words and the fragments of the results shown.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

from build_tools.model.edition import Edition
from build_tools.model.errors import EditionError
from build_tools.render.data.search_records import SPACED, SearchRecord, block_records, script_pairs

FOLDER = "pagefind"  # Pagefind's own name for it, under the site's root
SCRIPT = Path(__file__).with_name("search.js")
LANGUAGE = "en"
FIX = "reinstall the dependencies (`make site` does: pagefind[extended] in constraints.txt) and build again"


def write_search_index(site_dir: Path, edition: Edition) -> list[str]:
    """Write the index, the search script and its settings into ``site_dir/pagefind``; the folder's site path."""
    folder = site_dir / FOLDER
    _index(block_records(edition), folder)
    shutil.copyfile(SCRIPT, folder / "edition-search.js")
    settings = {"spaced": SPACED, "traditional": script_pairs(edition)}
    (folder / "edition-search.json").write_text(json.dumps(settings, ensure_ascii=False, separators=(",", ":")),
                                                encoding="utf-8")
    return [FOLDER]


def _index(records: list[SearchRecord], folder: Path) -> None:
    """Index ``records`` with Pagefind's indexer run as a service (``--service``, as its Python and Node packages run
    it), into ``folder``. Spoken to here rather than through the package's client, which waits a tenth of a second
    before reading each answer: ten records a second, an hour for the 40,000 blocks of 500 documents."""
    executable = get_executable()
    if executable is None:
        raise EditionError(folder, None, "Pagefind's indexer is not installed", FIX)
    with subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL) as indexer:
        assert indexer.stdin and indexer.stdout
        answers = _answers(indexer.stdout)
        _send(indexer.stdin, [{"type": "NewIndex", "config": {"force_language": LANGUAGE}}])
        index_id = _answer(next(answers, None), folder)["index_id"]
        requests = [{"type": "AddRecord", "index_id": index_id, "url": record.url, "content": record.content,
                     "language": record.lang, "meta": record.meta, "filters": record.filters, "sort": None}
                    for record in records]
        requests.append({"type": "WriteFiles", "index_id": index_id, "output_path": str(folder)})
        # Written from a thread of its own while its answers are read here: the indexer answers as it reads, and
        # with nobody reading its answers it would stop reading once the pipe between them was full.
        writer = threading.Thread(target=_send, args=(indexer.stdin, requests), kwargs={"first_id": 2})
        writer.start()
        for _ in requests:
            _answer(next(answers, None), folder)
        writer.join()
        # The service ends when its input does; closed only now, as it leaves work unfinished at the end of it.
        indexer.stdin.close()


def _send(pipe: IO[bytes], payloads: Iterable[dict[str, Any]], first_id: int = 1) -> None:
    """Each request as the service reads it: a message of base64-encoded JSON, ended by a comma."""
    for message_id, payload in enumerate(payloads, first_id):
        pipe.write(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b",")
    pipe.flush()


def _answers(pipe: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The service's answers, in the order of the requests, each the payload of its message."""
    pending = b""
    while chunk := os.read(pipe.fileno(), 1 << 16):  # what the pipe holds, without waiting for more
        *messages, pending = (pending + chunk).split(b",")
        for message in messages:
            yield json.loads(base64.b64decode(message))["payload"]


def _answer(payload: dict[str, Any] | None, folder: Path) -> dict[str, Any]:
    """An answer that is not an error, or the indexer's error as one line."""
    if payload is None or payload.get("type") == "Error":
        said = payload.get("message", "") if payload else "it stopped"
        raise EditionError(folder, None, f"Pagefind could not write the search index: {said}", FIX)
    return payload
