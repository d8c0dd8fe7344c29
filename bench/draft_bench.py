"""Benchmark: the time to add a text (``make bench``): ``draft`` on a raw file, then ``docs``, per corpus text.

Each text of ``../shared/corpus/`` is drafted into a fresh scratch copy of the project and the edition's
pages are regenerated there, both as the editor runs them (a new process each, so start-up counts). The
median over the texts is the figure the README quotes; the report is ``build/bench/draft.json``.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _project_copy(target: Path) -> Path:
    """What a build reads (texts, docs/, overrides, mkdocs.yml), as the tests copy it."""
    for folder in ("source_texts", "docs", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def _timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(raw: Path) -> tuple[float, float]:
    """Seconds of ``draft`` and of ``docs`` for one raw text, in its own scratch project."""
    with tempfile.TemporaryDirectory(prefix="draft-bench-") as scratch:
        project = _project_copy(Path(scratch) / "project")
        target = project / "source_texts" / "raw" / raw.name
        shutil.copy(raw, target)
        records = set((project / "source_texts").glob("*.yml"))
        draft = _timed("draft", str(target), "--root", str(project))
        for record in set((project / "source_texts").glob("*.yml")) - records:
            _give_date(record)
        return draft, _timed("docs", "--root", str(project))


def _give_date(record: Path) -> None:
    """The editor's part where the file states no date (the draft leaves ``# date: TODO``): a date of the bench's."""
    text = record.read_text(encoding="utf-8")
    if "\n# date: TODO" in text:
        record.write_text(text.replace("\n# date: TODO", '\ndate: "2000-01-01"\ndate_basis: "a benchmark stand-in"\n#', 1),
                          encoding="utf-8")


def main() -> None:
    texts = sorted(CORPUS.glob("*.txt"))
    if not texts:
        print(f"draft bench skipped: the corpus of scraped texts is absent ({CORPUS})")
        return
    runs = {raw.name: measure(raw) for raw in texts}
    totals = [draft + docs for draft, docs in runs.values()]
    report = {"draft_and_docs_per_text": {
        "texts": len(runs),
        "seconds_median": round(statistics.median(totals), 2),
        "seconds_max": round(max(totals), 2),
        "draft_seconds_median": round(statistics.median(d for d, _ in runs.values()), 2),
        "docs_seconds_median": round(statistics.median(d for _, d in runs.values()), 2),
        "by_text": {name: {"draft": round(draft, 2), "docs": round(docs, 2)} for name, (draft, docs) in runs.items()},
    }}
    out = ROOT / "build" / "bench" / "draft.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report["draft_and_docs_per_text"].items() if k != "by_text"}, indent=1))


if __name__ == "__main__":
    main()
