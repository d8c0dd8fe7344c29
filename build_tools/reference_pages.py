"""Generated reference pages: the sources (the manifest, rendered) and the cleaning rules."""

from __future__ import annotations

import html
from collections import Counter

from .cleaning.pipelines import PIPELINES
from .markdown_out import escape_markdown, facts_list, front_matter
from .model import Edition

RECORD_RULES = {
    "emendation": "An editorial correction declared in the edition record, with the witness reading and the reason.",
    "excluded_by_record": "Lines the edition record declares are not part of the text, each with its reason.",
    "metadata_by_record": "Lines the edition record declares to be metadata (a translator's title or note).",
    "outside_edition_spans": "Lines outside every edition span, declared in the manifest with their reason.",
    "attribution_line": "An aggregator's attribution line, parsed into the excerpt's metadata.",
}


def render_sources(edition: Edition) -> str:
    """``docs/sources.md``: every raw witness, its checksum and what the build removed from it."""
    parts = [front_matter({"title": "Sources"}), "# Sources {: #sources }\n",
             "The edition is built only from these raw files, kept byte for byte in `source_texts/raw/`. "
             "The build verifies each checksum before it reads a file. “unknown” means the file itself "
             "does not say.\n"]
    for entry in edition.manifest:
        report = edition.reports[entry["file"]]
        counts = Counter(e.rule for e in report.entries)
        parts.append(f"## {entry['file']} {{: #{entry['file'].split('_')[0]} }}\n")
        rows = [("Kind", entry["kind"]), ("What it holds", entry.get("description", "")),
                ("Publisher", entry.get("publisher", "unknown")), ("URL", entry.get("url", "unknown")),
                ("Published", entry.get("published", "unknown")), ("Fetched", entry.get("fetched", "unknown")),
                ("SHA-256", f"<code>{entry['sha256']}</code>")]
        parts.append(facts_list([(k, v if k == "SHA-256" else html.escape(str(v), quote=False)) for k, v in rows]))
        summary = ", ".join(f"`{rule}` ×{n}" for rule, n in sorted(counts.items()))
        parts.append(f"Strip report: {len(report.entries)} changes ({summary}); {len(report.joins)} line joins. "
                     f'Every entry is in <a href="../data/strip-reports/{entry["file"]}.json">'
                     f"<code>data/strip-reports/{entry['file']}.json</code></a>.\n")
    return "\n".join(parts)


def render_cleaning_rules(edition: Edition) -> str:
    """``docs/cleaning-rules.md``: each rule's one-line docstring and where it ran, from the code itself."""
    applied: Counter = Counter()
    for report in edition.reports.values():
        applied.update(e.rule for e in report.entries)
        applied.update(j.rule for j in report.joins)
    parts = [front_matter({"title": "Cleaning rules"}), "# Cleaning rules {: #cleaning-rules }\n",
             "Each mechanical repair is one small named rule. This page is generated from the rules' own "
             "documentation; the count is how many changes the rule made in this build.\n"]
    for (kind, lang), pipeline in PIPELINES.items():
        parts.append(f"## {kind} · {lang} {{: #{kind}-{lang} }}\n")
        parts.append("| stage | rule | what it does | changes |\n|---|---|---|---|")
        for stage in ("drop", "metadata", "heading", "fixes", "joins"):
            for rule in getattr(pipeline, stage):
                doc = escape_markdown((rule.__doc__ or "").strip().splitlines()[0])
                parts.append(f"| {stage} | `{rule.__name__}` | {doc} | {applied[rule.__name__]} |")
        parts.append("")
    parts.append("## Declared in the records {: #declared }\n")
    parts.append("| rule | what it does | changes |\n|---|---|---|")
    parts += [f"| `{rule}` | {escape_markdown(doc)} | {applied[rule]} |" for rule, doc in RECORD_RULES.items()]
    return "\n".join(parts) + "\n"
