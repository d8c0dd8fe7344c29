"""Generated reference pages: the sources (the manifest, rendered) and the cleaning rules."""

from __future__ import annotations

from collections import Counter

from build_tools.ingest.cleaning.pipelines import PIPELINES
from build_tools.ingest.cleaning.rules import rule_name
from build_tools.ingest.registry import block_fingerprints
from build_tools.model import urls
from build_tools.model.edition import Edition, ManifestEntry, Registry
from build_tools.model.labels import SUCCESSOR_CHANGES, block_label, document_title, witness_label, witness_words
from build_tools.model.text import BOILERPLATE_SECTIONS
from build_tools.render.elements import around, element, marked_scripts, to_html
from build_tools.render.markdown.markup import section_heading
from build_tools.render.markdown.pages import Fact, escape_markdown, facts_list, front_matter, web_link

RECORD_RULES = {
    "emendation": "An editorial correction declared in the edition record, with the witness reading and the reason.",
    "excluded_by_record": "Lines the edition record declares are not part of the text, each with its reason.",
    "metadata_by_record": "Lines the edition record declares to be metadata (a translator's title or note).",
    "outside_edition_spans": "Lines outside every edition span, declared in the manifest with their reason.",
    "attribution_line": "An aggregator's attribution line, parsed into the excerpt's metadata.",
}


def render_sources(edition: Edition) -> str:
    """``docs/sources.md``: every raw witness, its checksum and what the build removed from it."""
    parts = [front_matter({"title": "Sources"}), section_heading("Sources", "sources", 1),
             "The edition is built only from these raw files, kept byte for byte in `source_texts/raw/`. "
             "The build verifies each checksum before it reads a file. “unknown” means the file itself "
             "does not say.\n"]
    for entry in edition.manifest:
        report = edition.reports[entry.file]
        counts = Counter(e.rule for e in report.entries)
        parts.append(f"## {entry.file} {{: #{witness_label(entry.file)} }}\n")
        rows: list[tuple[str, list[Fact]]] = [
            ("What it is", marked_scripts(witness_words(entry))), ("What it holds", marked_scripts(entry.description)),
            ("Texts taken from it", _uses(edition, entry.file)), ("Kind", [entry.kind]),
            ("Publisher", marked_scripts(entry.publisher)),
            ("URL", [web_link(entry.url) if entry.url != "unknown" else entry.url]),
            *([("Translated from", translated)] if (translated := _translated_from(entry)) else []),
            ("Published", [entry.published]), ("Fetched", [entry.fetched]),
            ("SHA-256", [element("code", None, entry.sha256)])]
        parts.append(facts_list(rows))
        summary = ", ".join(f"`{rule}` ×{n}" for rule, n in sorted(counts.items()))
        report_path = urls.data_path(f"strip-reports/{entry.file}.json")
        report_link = element("a", {"href": urls.relative(urls.page_path("sources.md"), report_path)},
                              element("code", None, report_path))
        parts.append(f"Strip report: {len(report.entries)} changes ({summary}); {len(report.joins)} line joins. "
                     f"Every entry is in {to_html(report_link)}.\n")
    return "\n".join(parts)


def _translated_from(entry: ManifestEntry) -> list[Fact]:
    """The page a translation says it was made from, linked; none when the manifest names none."""
    return [web_link(entry.translated_from)] if entry.translated_from else []


def _uses(edition: Edition, file: str) -> list[Fact]:
    """The versions whose text a witness gives (or is collated with), each linked to its view."""
    links: list[Fact] = []
    for doc in edition.documents:
        for version in doc.versions:
            for use in version.witnesses:
                if use.file != file:
                    continue
                view = urls.view_path(doc.id, doc.record.kind, version.key)
                where = urls.relative(urls.page_path("sources.md"), view)
                label = f"{document_title(doc.record)}, {version.label}" + (" (collated)" * (use.role == "collated"))
                links += [" · "] * bool(links) + [element("a", {"href": where}, *marked_scripts(label))]
    return links or ["none"]


def render_cleaning_rules(edition: Edition) -> str:
    """``docs/cleaning-rules.md``: each rule's one-line docstring and where it ran, from the code itself."""
    applied: Counter[str] = Counter()
    for report in edition.reports.values():
        applied.update(e.rule for e in report.entries)
        applied.update(j.rule for j in report.joins)
    parts = [front_matter({"title": "Cleaning rules"}), section_heading("Cleaning rules", "cleaning-rules", 1),
             "Each mechanical repair is one small named rule. This page is generated from the rules' own "
             "documentation; the count is how many changes the rule made in this build.\n"]
    for (kind, lang), pipeline in PIPELINES.items():
        parts.append(f"## {kind} · {lang} {{: #{kind}-{lang} }}\n")
        parts.append("| stage | rule | what it does | changes |\n|---|---|---|---|")
        for stage in ("regions", "drop", "metadata", "merges", "heading", "item", "unmarked_heading", "unmarked_item",
                      "fixes", "joins"):
            for rule in getattr(pipeline, stage):
                doc = escape_markdown((rule.__doc__ or "").strip().splitlines()[0])
                parts.append(f"| {stage} | `{rule_name(rule)}` | {doc} | {applied[rule_name(rule)]} |")
        parts.append("")
    parts += _boilerplate_phrases(edition)
    parts.append(section_heading("Declared in the records", "declared"))
    parts.append("| rule | what it does | changes |\n|---|---|---|")
    parts += [f"| `{rule}` | {escape_markdown(doc)} | {applied[rule]} |" for rule, doc in RECORD_RULES.items()]
    return "\n".join(parts) + "\n"


def _boilerplate_phrases(edition: Edition) -> list[str]:
    """The editors' boilerplate phrases (``source_texts/cleaning/boilerplate.yml``), by the rule that uses them."""
    parts = [section_heading("Boilerplate phrases", "boilerplate"),
             "The WeChat rules find boilerplate by these phrases, which editors keep in "
             "`source_texts/cleaning/boilerplate.yml` and extend without code, each with its reason.\n",
             "| rule | phrase | why it goes |\n|---|---|---|"]
    for section, rule in BOILERPLATE_SECTIONS.items():
        parts += [f"| `{rule}` | {escape_markdown(p.phrase)} | {escape_markdown(p.reason)} |"
                  for p in getattr(edition.boilerplate, section)]
    return parts + [""]


def render_changelog(edition: Edition, pages: dict[str, str]) -> str:
    """``docs/changelog.md``: per release, the blocks it published or whose text it changed, from the registry."""
    registry = edition.registry
    current = {doc.id: block_fingerprints(doc) for doc in edition.documents}
    parts = [front_matter({"title": "Changelog"}), section_heading("Changelog", "changelog", 1),
             "Computed from the anchor registry (`source_texts/registry/anchors.yml`), which records for every "
             "block the release that first published it and a fingerprint of its text in every release "
             "that changed it. Nothing here is written by hand.\n"]
    unreleased = _unreleased(registry, current, pages)
    if unreleased:
        parts.append(section_heading("Unreleased", "unreleased"))
        parts += [f"- {line}" for line in unreleased] + [""]
    for release in reversed(registry.releases):
        parts.append(f"## {release.version} — {release.date} {{: #v{release.version.replace('.', '-')} }}\n")
        parts += [f"- {line}" for line in _release_lines(registry, release.version, pages)] + [""]
    return "\n".join(parts) + "\n"


def _link(pages: dict[str, str], doc_id: str, block_id: str) -> str:
    return f"[{doc_id} {block_label(block_id)}]({pages[doc_id]}#{block_id})"


def _release_lines(registry: Registry, version: str, pages: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for doc_id, doc in registry.documents.items():
        blocks = doc.blocks
        new = [b for b, entry in blocks.items() if entry.since == version]
        changed = [b for b, entry in blocks.items() if entry.since != version and version in entry.text]
        if doc.since == version:
            count = f"{len(new)} block{'s' if len(new) != 1 else ''}"
            lines.append(f"New document [{doc_id}]({pages[doc_id]}): {count} published.")
        elif new:
            lines.append(f"{doc_id}: new blocks " + ", ".join(_link(pages, doc_id, b) for b in new) + ".")
        if changed:
            lines.append(f"{doc_id}: text changed in " + ", ".join(_link(pages, doc_id, b) for b in changed) + ".")
        for old, successor in registry.successors.get(doc_id, {}).items():
            if successor.release == version:
                lines.append(f"{doc_id}: {block_label(old)} {SUCCESSOR_CHANGES[successor.change]} "
                             + ", ".join(_link(pages, doc_id, t) for t in successor.to) + f". {escape_markdown(successor.reason)}")
    return lines or ["No block changed."]


def _unreleased(registry: Registry, current: dict[str, dict[str, dict[str, str]]], pages: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for doc_id, blocks in current.items():
        published = registry.documents.get(doc_id)
        known = published.blocks if published else {}
        new = [b for b in blocks if b not in known]
        changed = [b for b, prints in blocks.items() if b in known and known[b].text and prints != known[b].latest()]
        if new:
            lines.append(f"{doc_id}: not yet registered: " + ", ".join(_link(pages, doc_id, b) for b in new) + ".")
        if changed:
            lines.append(f"{doc_id}: text changed since the last release in "
                         + ", ".join(_link(pages, doc_id, b) for b in changed) + ".")
    return lines


def render_glossary(edition: Edition, titles: dict[str, str], pages: dict[str, str]) -> str:
    """``docs/glossary.md``: each key term, the renderings the official (and apart the unofficial) translations use,
    every occurrence."""
    editorial = edition.editorial
    parts = [front_matter({"title": "Glossary"}), section_heading("Glossary", "glossary", 1),
             "Key terms of the texts. The renderings are computed: for every occurrence of a term in a "
             "Chinese paragraph, the build looks in the aligned official English paragraph for each "
             "rendering listed in `source_texts/glossary/terms.yml`, and counts those it finds; it looks in "
             "the unofficial English translations the same way and counts those apart. Terms in "
             "the Chinese texts link here; each occurrence below links back to its paragraph.\n"]
    for term in editorial.glossary:
        forms = " / ".join(term.forms)
        parts.append(f'## {around(element("span", {"lang": "zh-Hans"}), escape_markdown(forms))} {{: #{term.id} }}\n')
        parts.append(f"*{escape_markdown(term.gloss)}*\n")
        renderings = "; ".join(f"“{escape_markdown(r)}” ({n}×)" for r, n in term.renderings.items())
        unidentified = sum(1 for o in term.occurrences if o.official_english and not o.renderings)
        no_official = sum(1 for o in term.occurrences if not o.official_english)
        notes = [f"{unidentified} not identified in the aligned English"] if unidentified else []
        notes += [f"{no_official} in a text with no official English"] if no_official else []
        parts.append(f"**Official renderings:** {renderings or 'none found'}"
                     + (f" ({'; '.join(notes)})" if notes else "") + ".\n")
        if unofficial := term.unofficial_renderings:
            # Each with where it stands (the unofficial English is the only English of some texts), linked to the
            # translation's own view, which shows the English the count rests on.
            where = {r: ", ".join(dict.fromkeys(
                f"[{escape_markdown(titles[o.document])} {block_label(o.block)}]"
                f"({urls.docs_path(o.document, edition.kind_of(o.document), o.unofficial_version)}#{o.block})"
                for o in term.occurrences if r in o.unofficial_renderings)) for r in unofficial}
            parts.append("**In the unofficial translations:** " + "; ".join(
                f"“{escape_markdown(r)}” ({n}×: {where[r]})" for r, n in unofficial.items()) + ".\n")
        dates = {d.id: d.record.date for d in edition.documents}
        places: dict[tuple[str, str], int] = {}
        for o in sorted(term.occurrences, key=lambda o: (dates[o.document], o.block[0], int(o.block[1:]))):
            places[(o.document, o.block)] = places.get((o.document, o.block), 0) + 1
        links = [f"[{escape_markdown(titles[d])} {block_label(b)}]({pages[d]}#{b})" + (f" (×{n})" if n > 1 else "")
                 for (d, b), n in places.items()]
        parts.append(f"**Occurrences ({len(term.occurrences)}):** " + " · ".join(links) + "\n")
    return "\n".join(parts)
