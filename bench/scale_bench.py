"""``make bench``: the edition pipeline on synthetic corpora of 20, 100 and 500 bilingual documents
shaped like the real ones, against a plain Material build of the same texts.

Each corpus is generated from the real documents: the same block counts, lengths and headings, two
versions, annotations; each document replaces every character and word of its template by another, drawn at
random (seeded) and kept throughout the document, so that the texts differ as real documents do while repeating
their characters and words as real texts do (the search index's work grows with the distinct words of a page).
Every size runs in its own process, so its peak memory is its own.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import yaml
from audit import FLAGS, CompressedHandler

ROOT = Path(__file__).resolve().parent.parent
SIZES = (20, 100, 500)
# The PDF stage runs up to this many documents (BENCH_PDF_MAX): at 500 it alone takes about an hour here.
PDF_MAX = int(os.environ.get("BENCH_PDF_MAX", "100"))
REPEATS = 3  # timings of the site and plain builds, up to 100 documents
TEMPLATES = ("initiative-2023", "shanghai-declaration-2024", "capacity-building-plan-2024", "action-plan-2025")
NUMERALS = set("一二三四五六七八九十")
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000) if chr(c) not in NUMERALS]


class Cipher:
    """A document's own characters and words: each of its template's replaced by another, the same throughout the
    document, so that the synthetic text repeats them as the real one does. Drawing each character afresh, as this
    bench did before, gave a page three times the distinct characters of a real one (three in four against one in
    four), and the search index three times the words to list."""

    def __init__(self, rng: random.Random, vocabulary: list[str]) -> None:
        # By script: the order in which the document takes new characters (words), and what each of its template's
        # became.
        self.drawn: dict[str, tuple[list[str], dict[str, str]]] = {
            "zh": (rng.sample(HAN, len(HAN)), {}), "en": (rng.sample(vocabulary, len(vocabulary)), {})}

    def _swap(self, token: str, script: str) -> str:
        pool, taken = self.drawn[script]
        if token not in taken:
            taken[token] = pool[len(taken) % len(pool)]
        return taken[token]

    def zh(self, text: str) -> str:
        """The text in the document's characters: punctuation and the documents' numbering kept."""
        return "".join(self._swap(ch, "zh") if "\u4e00" <= ch <= "\u9fff" and ch not in NUMERALS else ch
                       for ch in text)

    def en(self, text: str) -> str:
        """The text in the document's words: the numbering kept, the first word capitalised, a full stop at the end."""
        words = text.split(" ")
        lead = words[0] if words[0][:1].isdigit() or words[0].startswith("—") else ""
        body = [self._swap(w.strip(".,;:()").lower() or w, "en") for w in words[1 if lead else 0:]] or ["text"]
        body[0] = body[0].capitalize()  # a new paragraph, as the cleaning rules expect it to start
        return " ".join(([lead] if lead else []) + body).rstrip(".") + "."


def repetition(edition) -> dict[str, float]:
    """How much a version repeats its words, by language: its distinct words (a Chinese character being one) over its
    words, over all versions (a 繁體 view repeats as its 中文 does). The search index lists each distinct word of a page, so its work follows this."""
    counts: dict[str, list[int]] = {}
    for document in edition.documents:
        for version in document.versions:
            text = " ".join(cell.text for cell in version.cells.values())
            chinese = version.lang.startswith("zh")
            words = re.findall(r"[\u4e00-\u9fff]", text) if chinese else re.findall(r"[a-z]+", text.lower())
            total = counts.setdefault(version.lang, [0, 0])
            total[0] += len(set(words))
            total[1] += len(words)
    return {lang: round(distinct / words, 2) for lang, (distinct, words) in sorted(counts.items()) if words}


def make_corpus(size: int, target: Path) -> None:
    """A project with ``size`` synthetic documents under ``target``."""
    sys.path.insert(0, str(ROOT))
    from build_tools.editorial import build_edition
    from build_tools.publish import home

    real = {d.id: d for d in build_edition(ROOT / "source_texts").documents}
    rng = random.Random(size)
    vocabulary = sorted({w.strip(".,;:").lower() for d in real.values() for v in d.versions if v.lang == "en"
                         for c in v.cells.values() for w in c.text.split() if w.isalpha()})
    raw = target / "source_texts" / "raw"
    raw.mkdir(parents=True)
    (target / "docs").mkdir()
    manifest = []
    for k in range(size):
        template = real[TEMPLATES[k % len(TEMPLATES)]]
        doc_id = f"document-{k:04d}"
        zh, en = template.version("zh"), template.version("en")
        cipher = Cipher(rng, vocabulary)
        lines = [f"# 合成文件{k:04d}号"]
        for block in template.blocks:
            text = cipher.zh(zh.cells[block.id].text)
            lines += ["", (f"### {text}" if block.kind == "heading" else text)]
        en_start = len(lines) + 2
        lines += ["", f"### Synthetic document {k:04d}"]
        for block in template.blocks:
            text = cipher.en(en.cells[block.id].text)
            if block.kind == "heading":
                text = f"### {en.cells[block.id].text.split(' ')[0]} {' '.join(rng.sample(vocabulary, 3)).capitalize()}"
            lines += ["", text]
        data = ("\n".join(lines) + "\n").encode()
        name = f"{k:04d}_synthetic.txt"
        (raw / name).write_bytes(data)
        manifest.append({"file": name, "sha256": hashlib.sha256(data).hexdigest(), "kind": "pdf-extract",
                         "description": "synthetic", "publisher": "unknown", "url": "unknown"})
        record = {"id": doc_id, "kind": "document", "titles": {"zh": f"合成文件{k:04d}号", "en": f"Synthetic document {k:04d}"},
                  "date": f"20{23 + k % 3}-0{1 + k % 9}-1{k % 10}", "issuing_body": {"zh": "合成机构", "en": "Synthetic body"},
                  "document_type": template.record.document_type,
                  "versions": [{"key": "zh", "lang": "zh", "status": "official",
                                "witnesses": [{"file": name, "lines": f"1-{en_start - 2}"}]},
                               {"key": "en", "lang": "en", "status": "official",
                                "witnesses": [{"file": name, "lines": f"{en_start}-{len(lines)}"}]}]}
        (target / "source_texts" / f"{doc_id}.yml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
        notes = []
        for i, block in enumerate(b for b in template.blocks if b.kind != "heading"):
            if i % 4:
                continue
            notes.append({"id": f"n{k}-{block.id}", "target": {"block": block.id}, "type": "context",
                          "body": "A synthetic context note.", "basis": "none", "author": "Bench", "date": "2026-11-23"})
        (target / "source_texts" / f"{doc_id}.annotations.yml").write_text(yaml.safe_dump({"annotations": notes}),
                                                                            encoding="utf-8")
    (raw / "manifest.yml").write_text(yaml.safe_dump({"witnesses": manifest}), encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    shutil.copytree(ROOT / "overrides", target / "overrides", dirs_exist_ok=True)  # the engine reads only inside a project
    (target / "source_texts" / "glossary").mkdir(exist_ok=True)  # synthetic texts hold none of the real terms
    (target / "source_texts" / "glossary" / "terms.yml").write_text("terms: []\n", encoding="utf-8")
    shutil.copytree(ROOT / "source_texts" / "cleaning", target / "source_texts" / "cleaning")  # the boilerplate phrases
    config.pop("nav")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True) + synthetic_nav(), encoding="utf-8")
    (target / "docs" / "index.md").write_text(f"# Synthetic edition\n\n{home.BEGIN}\n{home.END}\n", encoding="utf-8")


def synthetic_nav() -> str:
    """The real site's navigation without the pages a synthetic corpus lacks; ``docs`` fills in its documents
    between the markers, by year above navigation.GROUP_BY_YEAR_ABOVE documents, as on the real site."""
    from build_tools.publish import navigation

    rest = [{"Across the documents": [{"Glossary": "glossary.md"}, {"Echoes between the documents": "echoes.md"}]},
            {"About the edition": [{"Cleaning rules": "cleaning-rules.md"}, {"Sources": "sources.md"},
                                   {"Changelog": "changelog.md"}]}]
    return "".join(["nav:\n  - Home: index.md\n", f"  {navigation.BEGIN}\n", f"  {navigation.END}\n",
                    *navigation.nav_lines(rest, "  ")])


def plain_project(work: Path, target: Path) -> None:
    """The same ``docs/`` and ``mkdocs.yml`` for a plain Material build, without the edition's additions:
    its Markdown extension, theme overrides, stylesheet and script (and the checks, block pages and search index
    that ``build_site`` adds beside the engine). Theme features and navigation stay; the engine's search is off."""
    shutil.copytree(work / "docs", target / "docs")
    config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"].pop("custom_dir")
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if "build_tools" not in str(e)]
    for addition in ("extra_css", "extra_javascript"):
        config.pop(addition)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


class ChildPeak(threading.Thread):
    """The peak resident memory of the engine (this process's mkdocs child), sampled from /proc while active.

    ``ru_maxrss`` of the children cannot tell it: on Linux a child keeps its parent's peak across exec.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kib = 0
        self.active = threading.Event()
        self.start()

    def __enter__(self) -> "ChildPeak":
        self.active.set()
        return self

    def __exit__(self, *exc) -> None:
        self.active.clear()

    def run(self) -> None:
        while True:
            self.active.wait()
            # The main thread starts the engine, so its children are the ones to watch.
            for child in Path(f"/proc/self/task/{os.getpid()}/children").read_text().split():
                try:  # before its exec a child still shows this process's memory: only the engine counts
                    if b"mkdocs" not in Path(f"/proc/{child}/cmdline").read_bytes():
                        continue
                    status = Path(f"/proc/{child}/status").read_text()
                except OSError:
                    continue
                hwm = next((int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:")), 0)
                self.peak_kib = max(self.peak_kib, hwm)
            time.sleep(0.05)


def search_in_browser(site: Path, queries: tuple[str, str], first_queries: dict[str, str]) -> dict:
    """In Chromium, on a document page served compressed, searching as a reader does (the header's button, then
    typing): how many requests of the search index loading the page makes, the seconds from typing the first query
    to its first results with a cold cache (the index's entry, script and WebAssembly fetched as search opens), the
    seconds a second query takes, and the bytes of the index fetched up to the first results (a page of ten); then
    the same first figures for each of ``first_queries`` (kind: query), each with a cold cache of its own."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(CompressedHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}/document-0003/"

    def open_search(browser):
        context = browser.new_context()
        page = context.new_page()
        fetched: list = []
        page.on("requestfinished", lambda request: fetched.append(request) if "/pagefind/" in request.url else None)
        page.goto(address, wait_until="networkidle")
        on_load = len(fetched)
        page.get_by_role("button", name="Search", exact=True).click()
        return context, page, fetched, on_load, page.get_by_role("dialog", name="Search the edition").get_by_role(
            "searchbox")

    def fetched_bytes(fetched) -> int:
        return sum(request.sizes()["responseBodySize"] for request in fetched)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS.split())
        context, page, fetched, on_load, box = open_search(browser)
        timings, first_bytes = [], 0
        for query in queries:
            box.fill("")
            start = time.perf_counter()
            box.fill(query)
            # Shown when a result marks the query's word or the same word with another ending (governance:
            # governments): the previous query's results may hold the word unmarked.
            page.wait_for_function("q => [...document.querySelectorAll('dialog .edition-search__results mark')].some("
                                   "mark => mark.textContent.toLowerCase().startsWith(q.slice(0, 5)))", arg=query,
                                   timeout=60_000)
            timings.append(round(time.perf_counter() - start, 3))
            if not first_bytes:
                first_bytes = fetched_bytes(fetched)
        context.close()
        first = {}
        for kind, query in first_queries.items():
            context, page, fetched, _, box = open_search(browser)
            start = time.perf_counter()
            box.fill(query)
            # A title match marks nothing: its results are counted once the status says how many were found.
            page.wait_for_function("() => /\\d+ results?|Nothing/.test(document.querySelector("
                                   "'dialog .edition-search__status')?.textContent ?? '')", timeout=60_000)
            first[kind] = {"query": query, "seconds": round(time.perf_counter() - start, 3),
                           "bytes": fetched_bytes(fetched),
                           "status": page.locator("dialog .edition-search__status").inner_text()}
            context.close()
        browser.close()
    server.shutdown()
    return {"index_requests_on_page_load": on_load, "first_result_seconds": timings[0],
            "next_query_seconds": timings[1], "first_query_bytes": first_bytes, "first_queries": first}


# First queries on the edition's own texts, as a researcher types them.
REAL_QUERIES = {"common Chinese word": "人工智能", "two characters": "开源", "item number": "第十二",
                "glossary term": "同球共济", "title": "上海宣言", "English phrase": "open source"}


def real_text_search(site: Path, real, size: int) -> dict:
    """Search on the edition's own texts (``real``) copied to ``size`` documents (their blocks shuffled), indexed into ``site``
    in place of the synthetic index: a field's texts share their characters and words (人工智能 is in every one),
    which the synthetic documents, each in characters of its own, do not; a Chinese query's fetch grows with the
    pages its characters are on. The index's seconds, then the first queries as ``search_in_browser`` times them."""
    import dataclasses

    from build_tools.publish.search import write_search_index
    from build_tools.render.data.search_records import view_records

    rng = random.Random(size)
    copies = []
    for k in range(size // len(real.documents)):
        for record in view_records(real):
            blocks = list(record.blocks)
            rng.shuffle(blocks)
            copies.append(dataclasses.replace(record, url=f"/copy-{k:03d}{record.url}", blocks=tuple(blocks)))
    shutil.rmtree(site / "pagefind")
    start = time.perf_counter()
    write_search_index(site, real, copies)
    seconds = time.perf_counter() - start
    return {"documents": size // len(real.documents) * len(real.documents), "views": len(copies),
            "index_seconds": round(seconds, 2),
            **search_in_browser(site, ("governance", "development"), REAL_QUERIES)}


def run_size(size: int) -> dict:
    """All stages for one corpus size (called in a child process)."""
    sys.path.insert(0, str(ROOT))
    from build_tools.editorial import build_edition
    from build_tools.ingest.config import load_site_config
    from build_tools.publish.docs_writer import generated_pages, write_pages
    from build_tools.publish.home import HOME, updated_home
    from build_tools.publish.navigation import updated_config
    from build_tools.publish.regions import write_region
    from build_tools.publish.block_pages import render_block_pages, write_block_pages
    from build_tools.publish.search import write_search_index
    from build_tools.publish.site import build_site
    from build_tools.render.print.pdf import write_pdfs

    work = ROOT / "build" / "bench" / f"corpus-{size}"
    shutil.rmtree(work, ignore_errors=True)
    make_corpus(size, work)
    times: dict[str, float] = {}
    start = time.perf_counter()
    edition = build_edition(work / "source_texts")
    times["ingest"] = time.perf_counter() - start
    config = load_site_config(work / "mkdocs.yml")
    start = time.perf_counter()
    write_pages(work / "docs", generated_pages(edition, config))
    write_region(work / "mkdocs.yml", updated_config(work / "mkdocs.yml", edition))
    write_region(work / HOME, updated_home(work / HOME, edition))
    times["markdown"] = time.perf_counter() - start
    plain = work / "plain"
    plain_project(work, plain)
    # Ours and plain Material alternate, each timed REPEATS times (the median is kept), so that a passing
    # load on the machine or a cold file cache favours neither.
    # So does the search index, timed alone (build_site writes it while the engine runs), against the budget of a
    # fifth of the engine's time: a load that slows the machine for a while slows both.
    site_runs, plain_runs, index_runs = [], [], []
    engine = ChildPeak()
    for _ in range(REPEATS if size <= 100 else 1):
        start = time.perf_counter()
        with engine:
            build_site(work, edition, work / "site")
        site_runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")], check=True,
                       capture_output=True)
        plain_runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        write_search_index(work / "search-index", edition)
        index_runs.append(time.perf_counter() - start)
    times["site"], times["plain_material"] = statistics.median(site_runs), statistics.median(plain_runs)
    times["search_index"] = statistics.median(index_runs)
    # The block pages are part of "site" (build_site renders them while the engine runs and writes them after
    # it); timed alone here, into a scratch folder, to give what they cost in all.
    start = time.perf_counter()
    block_pages = len(write_block_pages(work / "block-pages", render_block_pages(work, edition, config)))
    times["block_pages"] = time.perf_counter() - start
    if size <= PDF_MAX:
        start = time.perf_counter()
        write_pdfs(edition, config, work / "pdf")
        times["pdf"] = time.perf_counter() - start
    page = work / "site" / "document-0003" / "index.html"
    assets = sorted((work / "site" / "assets").rglob("*"))
    gz = lambda p: len(gzip.compress(p.read_bytes(), mtime=0))  # noqa: E731
    weight = {"html": gz(page),
              "css": sum(gz(p) for p in assets if p.suffix == ".css"),
              "js": sum(gz(p) for p in assets if p.suffix == ".js" and "workers" not in str(p) and "lunr" not in str(p))}
    index = [path for path in (work / "site" / "pagefind").rglob("*") if path.is_file()]
    index_bytes = {"raw": sum(path.stat().st_size for path in index), "files": len(index)}
    # The pipeline's peak, before the searches below (the one on the edition's texts indexes more views).
    peak = {"pipeline": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "engine": round(engine.peak_kib / 1024, 1)}
    real = build_edition(ROOT / "source_texts")
    # First queries of other kinds: a word of every Chinese title, an item number, two characters of a paragraph.
    opening = next(d for d in edition.documents if d.id == "document-0003").version("zh").cells["p1"].text
    phrase = next(run for run in re.findall("[\u4e00-\u9fff]+", opening) if len(run) >= 6)[4:6]
    browser = search_in_browser(work / "site", ("governance", "development"),
                                {"title word": "合成", "item number": "第十二", "two characters": phrase,
                                 "English word on every page": "the"})
    return {"documents": size, "block_pages": block_pages, "seconds": {k: round(v, 2) for k, v in times.items()},
            "seconds_per_document": {k: round(v / size, 4) for k, v in times.items()},
            "site_vs_plain_material": round(times["site"] / times["plain_material"], 2),
            "search_index_vs_engine": round(times["search_index"] / times["plain_material"], 2),
            "document_page_gzip_bytes": weight,
            "search_index_bytes": index_bytes,
            "distinct_words_per_word": {"synthetic": repetition(edition),
                                        "real": repetition(real)},
            "search_in_chromium": browser,
            "search_on_real_text": real_text_search(work / "site", real, size),
            "peak_memory_mib": peak}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--size":
        print(json.dumps(run_size(int(sys.argv[2]))))
        return
    sizes = [int(s) for s in sys.argv[1:]] or list(SIZES)
    results = []
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--size", str(size)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    report = ROOT / "build" / "bench" / "scale.json"
    report.write_text(json.dumps({"machine": _machine(), "results": results}, indent=1) + "\n", encoding="utf-8")


def _machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), "unknown CPU")
    return f"{cpu}, {len([l for l in Path('/proc/cpuinfo').read_text().splitlines() if l.startswith('processor')])} cores"


if __name__ == "__main__":
    main()
