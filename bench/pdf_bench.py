"""Benchmark: time and peak memory to build the whole-edition PDF (``make bench``).

Each measurement runs in a fresh process so that its peak resident memory is its own.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
CHILD = """
import sys, time, resource
from pathlib import Path
sys.path.insert(0, {root!r})
from build_tools.ingest.config import load_site_config
from build_tools.editorial import build_edition
from build_tools.render.print.pdf import PRINT_DIR, layout, ordered, print_book
from weasyprint import CSS
root = Path({root!r})
edition = build_edition(root / "source_texts")
config = load_site_config(root / "mkdocs.yml")
start = time.perf_counter()
document = layout(print_book(edition, config, ordered(edition.documents)), CSS(filename=str(PRINT_DIR / "edition.css")))
document.write_pdf({target!r})
print(time.perf_counter() - start, len(document.pages))
"""


def measure(target: Path) -> tuple[float, int, int]:
    """Seconds and pages of one whole-edition PDF build, and the child's peak memory in KiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), target=str(target))],
                         capture_output=True, text=True, check=True).stdout.split()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return float(out[0]), int(out[1]), max(peak, before)


def main() -> None:
    target = ROOT / "build" / "bench" / "edition.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    runs = [measure(target) for _ in range(RUNS)]
    report = {
        "whole_edition_pdf": {
            "runs": RUNS,
            "seconds_median": round(statistics.median(r[0] for r in runs), 2),
            "seconds_min": round(min(r[0] for r in runs), 2),
            "pages": runs[0][1],
            "peak_memory_mib": round(max(r[2] for r in runs) / 1024, 1),
            "bytes": target.stat().st_size,
        }
    }
    (target.parent / "report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
