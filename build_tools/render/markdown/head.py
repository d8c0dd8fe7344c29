"""What a page's ``<head>`` tells reference managers and search engines: one set of facts per view.

Zotero reads the page as served, without running scripts (``../shared/notes/reference-managers.md``):
``z.itemType`` report, ``citation_*`` tags, the description as abstract, ``z.extra`` lines verbatim. The
report type has no field for the edition or a paragraph, so both go into Extra; the institution (printed
as publisher) is the edition, not the issuing body again.
"""

from __future__ import annotations

from typing import Any

from build_tools.editorial.traditional import convert
from build_tools.model import urls
from build_tools.model.edition import Document, SiteConfig, Version
from build_tools.model.labels import CONTAINER
from build_tools.model.languages import in_language
from build_tools.model.records import LANGS
from build_tools.model.vocab import DateCertainty
from build_tools.render.annotated import shown_versions, view_versions

# An abstract taken from the text stops at a sentence end within this many characters, else here with "…".
ABSTRACT_LENGTH = {"zh": 160, "en": 400}
SENTENCE_ENDS = ("。", "；", ". ", "; ")


def page_citation(doc: Document, view: str, config: SiteConfig, version: Version | None = None) -> dict[str, Any]:
    """The head metadata of one view of ``doc`` (``version``: the version the view shows, when not the record's)."""
    record = doc.record
    shown = view_versions(doc, view) if view == urls.TRADITIONAL_PARALLEL else shown_versions(doc)
    version = version or doc.version(view) or doc.version("en") or doc.versions[0]
    parallel = view in (urls.PARALLEL, urls.TRADITIONAL_PARALLEL) and len(shown) > 1
    lang = shown[0].lang if parallel else version.lang
    base_lang = "zh" if lang == "zh-hant" else lang
    author = in_language(record.issuing_body, base_lang)
    title = version.title if lang == "zh-hant" else in_language(record.titles, lang)
    if lang == "zh-hant":
        author = convert(author)
    titles = [v.title if v.key == urls.TRADITIONAL else in_language(record.titles, v.lang) for v in shown] \
        if parallel else [title]
    titles = list(dict.fromkeys(t for t in titles if t))
    language = ", ".join(LANGS[v.lang] for v in shown) if parallel else LANGS[version.lang]
    container = CONTAINER.get(base_lang, CONTAINER["en"])
    if lang == "zh-hant":
        container = convert(container)  # one script on a page: the edition's name converted with the text
    path = urls.view_path(record.id, record.kind, view)
    kind, notes = _what_it_is(doc, view, version)
    doubtful = record.date_certainty == DateCertainty.DOUBTFUL
    if doubtful:
        notes = [*notes, f"Date doubtful: {record.date} as a source gives it; {record.notes['date_certainty']}"]
    return {
        "lang": LANGS[lang],
        # ISBD's parallel title: "人工智能全球治理行动计划 = Global AI Governance Action Plan".
        "title": " = ".join(titles),
        "titles": titles,
        "author": author,
        # Zotero splits an author with spaces into first and last name; a trailing comma keeps it whole.
        "author_field": f"{author}," if " " in author else author,
        # What the edition asserts of the date: a doubted day is no claim it makes, so the tags that reference
        # managers read give only its year (the page and the Extra say why).
        "date": record.date[:4] if doubtful else record.date,
        "language": language,
        "url": urls.absolute(config.site_url, path),
        "pdf_url": urls.absolute(config.site_url, urls.pdf_path(record.id)),
        "type": record.document_type + kind,
        "release": config.release.version,
        "container": container,
        "publisher": container,
        "abstract": abstract(doc, version if not parallel else shown[0]),
        "notes": notes,  # what the view is (an excerpt, a translation, a conversion), as sentences for readers
        # Zotero reads a "field: value" line of Extra as that field: "Edition: …" became the item's edition and
        # was printed twice; "version:" is the CSL variable the styles print, the edition's title is the institution.
        "extra": [f"version: {config.release.version}", f"Edition released: {config.release.date} ({container})",
                  *notes],
        "json_ld": {
            "@context": "https://schema.org",
            "@type": "Report",
            "name": titles[0],
            "alternateName": [t for t in record.titles.values() if t != titles[0]],
            **({"author": {"@type": "Organization", "name": author}} if author else {}),  # none named: none given
            # A date the edition doubts is no claim it makes: the page says "doubtful" and why, the Extra too.
            **({} if doubtful else {"datePublished": record.date}),
            "inLanguage": language.split(", "),
            "url": urls.absolute(config.site_url, path),
            "version": config.release.version,
            "isPartOf": {"@type": "Collection", "name": container, "url": urls.absolute(config.site_url)},
        },
    }


def _what_it_is(doc: Document, view: str, version: Version) -> tuple[str, list[str]]:
    """What the view's text is when not the official text (appended to the report type), and Extra lines saying so."""
    sources = ", ".join(w.file for w in version.witnesses)
    if view == urls.EXCERPT:
        return (" (excerpt, unofficial translation)",
                [f"Excerpt only, in an unofficial English translation as an aggregator published it (source {sources})"])
    if view == urls.COMPARE:
        return " (two English translations compared)", ["Official and unofficial English translations side by side"]
    if version.status == "conversion" or view == urls.TRADITIONAL_PARALLEL:
        return (" (繁體 conversion)", ["Automatic conversion of the Simplified Chinese text (OpenCC s2tw), "
                                       "not an original; cite the Simplified Chinese"])
    if version.status == "unofficial":
        # By whom: the translation's own note, where its witness has one (a metadata line of the record).
        by = version.metadata.get("translator_note", "").strip(" ()")
        return (" (unofficial translation)",
                [f"Unofficial translation, not by the issuing body{': ' + by if by else ''} (source {sources})"])
    return "", []


def abstract(doc: Document, version: Version) -> str:
    """The record's abstract in the version's language, else the opening of the version's first paragraph."""
    lang = "zh" if version.lang == "zh-hant" else version.lang
    written = doc.record.abstract.get(lang) or ""
    if written:
        return convert(written) if version.lang == "zh-hant" else written
    text = next((version.cells[b.id].text for b in doc.blocks if b.kind == "paragraph"
                 and b.id in version.cells and version.cells[b.id].status == "text"), "")
    limit = ABSTRACT_LENGTH.get(lang, ABSTRACT_LENGTH["en"])
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind(mark) + len(mark.strip()) for mark in SENTENCE_ENDS)
    return head[:end].strip() if end > limit // 2 else head.rstrip() + "…"


def block_citation(doc: Document, view: str, block_id: str, label: str, page: dict[str, Any],
                   config: SiteConfig) -> dict[str, Any]:
    """The head metadata of a block's own page: the view's, with the block page's URL and the paragraph in Extra."""
    place = urls.absolute(config.site_url, urls.block_path(doc.id, doc.record.kind, block_id, view))
    return {**page,
            "url": urls.absolute(config.site_url, urls.block_page_path(doc.id, doc.record.kind, block_id, view)),
            "label": label,
            # Not pages: Zotero renders pages "¶14" as "p. ¶14"; the report type has no section field.
            "extra": [*page["extra"], f"Paragraph: {label}", f"Place in the text: {place}"]}
