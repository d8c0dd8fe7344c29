"""Citations of a document or of one block, in the styles scholars use.

Formatted styles are rendered at build time by citeproc-js (the engine inside Zotero and Mendeley), in
one run for the whole edition (:func:`rendered_once`), from CSL-JSON with the official CSL style and
locale files (see ``csl_engine``), each as HTML (italics kept) and as plain text; BibTeX, RIS and
CSL-JSON are serialised from the same CSL-JSON item. Each rendering is a template: the block number, its anchor and the reader's access
date are left as ``{n}``, ``{anchor}`` and ``{accessed:<format>}`` for the browser to fill in, so
one rendering per document and style serves every block.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any, TypeVar
from xml.etree import ElementTree

from build_tools.model import urls
from build_tools.model.edition import Document, Editor, SiteConfig, Version
from build_tools.model.labels import CONTAINER, NAMES, ZH_UNITS, block_mark
from build_tools.model.languages import LANGUAGES, in_language
from build_tools.model.vocab import DateCertainty
from build_tools.render.data import csl_engine

T = TypeVar("T")

# Sentinels that cannot occur in the texts; replaced by placeholders after rendering.
NUMBER = "98765"
ANCHOR = "zzanchorzz"
ACCESSED = (1999, 9, 9)
ACCESSED_FORMS = {  # how each style writes the sentinel access date → the placeholder the browser fills
    "September 9, 1999": "{accessed:month-day-year}",
    "9 Sept. 1999": "{accessed:mla}",
    "1999-09-09": "{accessed:iso}",
    "1999/09/09": "{accessed:ris}",
}


@dataclass(frozen=True)
class Style:
    """One formatted citation style: its official CSL file, locale, and the language it cites."""

    key: str
    label: str
    csl: str
    locale: str
    lang: str
    parts: tuple[tuple[str, str], ...]  # (rendering, its name in the style): note, bibliography, in-text


STYLES = (
    Style("chicago", "Chicago (18th ed., notes and bibliography)", "chicago-notes-bibliography-access-dates",
          "en-US", "en", (("note", "note"), ("bibliography", "bibliography"))),
    Style("apa", "APA (7th ed.)", "apa", "en-US", "en", (("bibliography", "reference"), ("in-text", "in-text"))),
    Style("mla", "MLA (9th ed.)", "modern-language-association", "en-US", "en",
          (("bibliography", "works cited"), ("in-text", "in-text"))),
    Style("gbt7714", "GB/T 7714—2015（中文）", "china-national-standard-gb-t-7714-2015-numeric", "zh-CN", "zh",
          (("bibliography", "参考文献"),)),
)


# Each English style has its own place for what kind of text is cited (an excerpt, an unofficial translation):
# APA 7 (9.21) a description in square brackets after the title, which the APA style prints from ``genre``;
# CMOS 18 and MLA 9 (its optional element at the entry's end) a description, which their styles print from
# ``medium`` (a genre in Chicago's chapter form would read "Action plan to <edition>").
DESCRIPTION = {"apa": "genre", "chicago": "medium", "mla": "medium"}


def csl_item(doc: Document, version: Version, config: SiteConfig, pinpoint: str | None,
             style: Style | None = None) -> dict[str, Any]:
    """The CSL-JSON item citing a version of a document (``pinpoint`` ``p``/``s`` for a block) in ``style``;
    without a style, the item the data formats (BibTeX, RIS, CSL-JSON) are written from."""
    record = doc.record
    cited_in = style.lang if style else version.lang
    # The cited work is the document, its issuing body the author; the container is the edition, issued on its
    # release date, with the document's own date as original date (APA 9.41 "Original work published", MLA 9's
    # original publication date after the title); GB/T 7714 gives the container's year (析出文献, 出版年).
    path = urls.view_path(record.id, record.kind, version.key)
    issuer = in_language(record.issuing_body, cited_in)
    english = record.titles.get("en", "")
    title = version.title
    # A text the edition has only in Chinese (or another language) cited in an English style: its own title with
    # the English one in brackets after it (CMOS 18 11.8, APA 7 9.38, MLA 9 on titles in other languages), given
    # as the title's English translation (citeproc-js's multilingual field, csl_engine.js), which the engine
    # prints after the title's closing quotation mark: “原题” [English title].
    translated = english if style and style.lang == "en" and version.lang != "en" and english else ""
    item: dict[str, Any] = {
        # Unique per view and block: ¶5 and ¶14 of one translation are two items for a reference manager.
        "id": f"{record.id}-{version.key}" + (f"-{ANCHOR}" if pinpoint else ""),
        # Every style and the data cite it as a part of the edition (CSL chapter: "in <edition>", Zotero's book
        # section with a book title); GB/T 7714 then marks it [M/OL]// with the edition's year of publication
        # (8.x 析出文献, marked as its host, 专著), also where no paragraph is cited.
        "type": "chapter",
        "title": title,
        **({"multi": {"_keys": {"title": {"en": translated}}}} if translated else {}),
        # A record naming no issuer (a draft's issuing_body: {}) gives no author, never an empty one: the
        # styles then cite by title, as the manuals do for a work without author.
        **({"author": [{"literal": issuer}]} if issuer else {}),
        "container-title": CONTAINER.get(cited_in, CONTAINER["en"]),
        **({"editor": [_csl_name(editor) for editor in config.editors]} if config.editors else {}),
        **({"publisher": config.publisher} if config.publisher else {}),
        "issued": {"date-parts": [_date_parts(config.release.date)]},
        "accessed": {"date-parts": [list(ACCESSED)]},
        # The address of this release's page (/1.0.0/…), so the citation leads to the text it names.
        "URL": urls.absolute(config.site_url, urls.versioned(path, config.release.version))
        + (f"#{ANCHOR}" if pinpoint else ""),
        "language": "zh-CN" if version.lang == "zh" else LANGUAGES[version.lang].tag,
    }
    if not (style and style.lang == "zh"):
        # A date the edition doubts is cited as uncertain, as its page gives it: CSL's circa, which the styles
        # print as CMOS's "[2024?]", APA's "ca. 2024" and MLA's "[3 Mar. 2024?]".
        item["original-date"] = {"date-parts": [_date_parts(record.date)],
                                 **({"circa": True} if record.date_certainty == DateCertainty.DOUBTFUL else {})}
    if style and style.key == "chicago" and issuer:
        # CMOS 18 14.114 gives a republished text's first publication before "repr.": the Chicago style prints
        # "(<issuer>, 2025; repr., 2026)" only when it knows the original publisher, which is the issuing body.
        item["original-publisher"] = issuer
    if style and style.lang == "zh":
        item["edition"] = f"{config.release.version}版"
        if pinpoint:
            item["page"] = f"第{NUMBER}{ZH_UNITS[pinpoint]}"
    else:
        item["version"] = config.release.version
    kinds = (["excerpt"] if record.kind == "excerpt" else []) + (
        [f"unofficial {LANGUAGES[version.lang].english} translation"] if version.status == "unofficial" else [])
    if style and style.key in DESCRIPTION:
        described = [record.document_type.capitalize()] + kinds if style.key == "apa" else kinds
        if described and style.key == "apa" and not issuer:
            # APA 7 9.12: without author the title, with its description in brackets, takes the author's place;
            # the APA style would leave a genre after the date. In text the title alone (title-short, 8.14).
            # The bracketed translation then comes first, written into the title with the description.
            shown = f"{title} [{translated}]" if translated else title
            item["title"], item["title-short"] = f"{shown} [{', '.join(described)}]", shown
            item.pop("multi", None)
        elif described:
            item[DESCRIPTION[style.key]] = ", ".join(described)
    if style is None:
        item["genre"] = ", ".join([record.document_type] + kinds)
        if version.lang != "zh" and record.titles.get("zh"):
            item["original-title"] = record.titles["zh"]
        item["note"] = "\n".join(_data_notes(doc, version, config, pinpoint, english))
    return item


def _data_notes(doc: Document, version: Version, config: SiteConfig, pinpoint: str | None,
                english: str) -> list[str]:
    """What a reference manager drops from the data formats' fields, as lines of its note (Zotero's Extra)."""
    # Zotero reads "variable: value" lines of Extra as CSL variables when it cites (container-title, version,
    # original-date); its report and book-section types have no field for the edition's version, and a
    # pages field would print "p. ¶14". The paragraph is also in the URL's fragment.
    record = doc.record
    current = urls.absolute(config.site_url, urls.view_path(record.id, record.kind, version.key))
    lines = [f"container-title: {CONTAINER.get(version.lang, CONTAINER['en'])}",
             f"version: {config.release.version}",
             # A doubted day: the year alone, which Zotero cites; the "Date doubtful" line below gives the rest.
             f"original-date: {record.date[:4] if record.date_certainty == DateCertainty.DOUBTFUL else record.date}"]
    if version.lang != "zh" and record.titles.get("zh"):
        # First, among the "variable: value" lines: Zotero's engine reads them only up to the first line of prose.
        lines.append(f"original-title: {record.titles['zh']}")
    if record.date_certainty == DateCertainty.DOUBTFUL:
        lines.append(f"Date doubtful: {record.date} as a source gives it; {record.notes['date_certainty']}")
    if version.lang != "en" and english:
        lines.append(TRANSLATED + english)
    lines.append(f"Edition {config.release.version}, released {config.release.date}"
                 + (f"; {block_mark(pinpoint)}{NUMBER}" if pinpoint else ""))
    lines.append(f"Current version: {current}" + (f"#{ANCHOR}" if pinpoint else ""))
    return lines


# The note's "variable: value" lines that a book section has no field for, which RIS also gives as M2 (Extra).
EXTRA_VARIABLES = ("version", "original-date", "original-title")
TRANSLATED = "Translated title: "  # the note's line giving the English title of a text in another language


def _csl_name(editor: Editor) -> dict[str, str]:
    """A configured editor as a CSL name: a person's family and given names, or a body's name kept whole."""
    if editor.name:
        return {"literal": editor.name}
    return {"family": editor.family, **({"given": editor.given} if editor.given else {})}


def _date_parts(date: str) -> list[int]:
    return [int(part) for part in date.split("-")]


def rendered_once(build: Callable[[], T]) -> T:
    """What ``build`` returns, with every citation it formats rendered by one run of citeproc-js."""
    # The engine is a Node process, started once for the whole edition: a first pass of ``build`` gathers
    # every citation it formats, one run renders them all, and the second pass reads the renderings.
    global _pending
    _pending = {}
    try:
        build()
        pending = _pending
    finally:
        _pending = None
    _RENDERED.update(zip(pending, csl_engine.run(list(pending.values())), strict=True))
    return build()


def render(style: Style, item: dict[str, Any], pinpoint: str | None) -> dict[str, dict[str, str]]:
    """The parts of one style for one item, each as ``{"text": …, "html": …}`` with placeholders for sentinels."""
    item = {key: value for key, value in item.items()
            if key not in (("version",) if style.lang == "zh" else ("edition", "page"))}
    answer = _engine(style, item, NAMES[pinpoint].lower() if pinpoint else "")
    if answer is None:  # gathered for rendered_once's single run
        return {part: {"text": "", "html": ""} for part, _ in style.parts}
    rendered: dict[str, dict[str, str]] = {}
    for part, _ in style.parts:
        # A note or in-text citation is the engine's citation (with the locator); the rest its bibliography.
        source = answer["citation" if part in ("note", "in-text") else "bibliography"]
        rendered[part] = {"text": _placeholders(re.sub(r"^\s*\[1\]\s*", "", source["text"])),
                          "html": _placeholders(_entry_html(source["html"]))}
    return rendered


# citeproc-js's answers, by style, item and locator label: each citation is rendered once per build.
_RENDERED: dict[tuple[str, str, str], dict[str, dict[str, str]]] = {}
_pending: dict[tuple[str, str, str], csl_engine.Rendering] | None = None


def _engine(style: Style, item: dict[str, Any], label: str) -> dict[str, dict[str, str]] | None:
    """The engine's citation and bibliography entry of the item; None while rendered_once gathers."""
    key = (style.key, json.dumps(item, sort_keys=True, ensure_ascii=False), label)
    rendering = csl_engine.Rendering(style.csl, style.locale, item, (label, NUMBER) if label else None)
    if key not in _RENDERED:
        if _pending is not None:
            _pending[key] = rendering
            return None
        _RENDERED[key] = csl_engine.run([rendering])[0]
    return _RENDERED[key]


def _entry_html(html: str) -> str:
    """The inside of citeproc-js's HTML entry: its ``<div>`` wrappers and a numbered style's [1] left out."""
    # Parsed and serialised again, so that what the page shows is escaped by construction.
    root = ElementTree.fromstring(f"<div>{html}</div>")
    inline = root.find(".//div[@class='csl-right-inline']")
    entry = inline if inline is not None else root.find(".//div[@class='csl-entry']")
    entry = root if entry is None else entry
    return escape(entry.text or "", quote=False) + "".join(
        ElementTree.tostring(child, encoding="unicode", method="html") for child in entry)


def _placeholders(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    text = text.replace(NUMBER, "{n}").replace(ANCHOR, "{anchor}")
    for form, placeholder in ACCESSED_FORMS.items():
        text = text.replace(form, placeholder)
    return text


def _data(text: str) -> str:
    """A data format's text with the browser's placeholders in place of the sentinels."""
    return text.replace(NUMBER, "{n}").replace(ANCHOR, "{anchor}")


def bibtex(item: dict[str, Any], pinpoint: str | None) -> str:
    """A BibTeX ``@incollection`` entry for the item: the document in the edition."""
    # Zotero's BibTeX import keeps an @incollection's booktitle (as a book section's book title) but drops
    # version, origdate, origtitle and langid: language and edition carry two of them, the note (a child note in
    # Zotero) repeats them all, the url keeps the paragraph.
    issuer = _bibtex_escape(_issuer(item))
    editors = " and ".join("{" + _bibtex_escape(e["literal"]) + "}" if "literal" in e
                           else _bibtex_escape(", ".join(filter(None, (e["family"], e.get("given")))))
                           for e in item.get("editor", []))
    fields = [
        ("title", _bibtex_escape(item["title"])),
        *([("origtitle", _bibtex_escape(item["original-title"]))] if "original-title" in item else []),
        *([("author", "{" + issuer + "}")] if issuer else []),
        ("booktitle", _bibtex_escape(item["container-title"])),
        *([("editor", editors)] if editors else []),
        *([("publisher", _bibtex_escape(item["publisher"]))] if "publisher" in item else []),
        ("year", str(item["issued"]["date-parts"][0][0])), ("date", _iso(item["issued"])),
        ("origdate", str(item["original-date"]["date-parts"][0][0]) if item["original-date"].get("circa")
         else _iso(item["original-date"])), ("version", item["version"]),
        ("type", _bibtex_escape(item["genre"])), ("url", item["URL"]), ("urldate", "{accessed:iso}"),
        ("note", _bibtex_escape("; ".join(item["note"].splitlines()))), ("langid", _langid(item["language"])),
        # What Zotero's BibTeX import keeps of the language and the version (it drops langid and version).
        ("language", item["language"]), ("edition", f"version {item['version']}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return _data(f"@incollection{{{item['id']},\n{body}\n}}")


def _iso(date: dict[str, Any]) -> str:
    year, month, day = date["date-parts"][0]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _issuer(item: dict[str, Any]) -> str:
    """The issuing body the item names as its author; empty when the record names none."""
    return str(item["author"][0]["literal"]) if "author" in item else ""


def _langid(language: str) -> str:
    """biblatex's name of the item's language: chinese, english, french …"""
    return next(lang.english.lower() for code, lang in LANGUAGES.items() if language.startswith(code))


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def ris(item: dict[str, Any], pinpoint: str | None) -> str:
    """A RIS record for the item (type CHAP: the document in the edition)."""
    # No SP: Zotero reads it as pages and prints "p. ¶14"; no ET: a chapter's edition, which Chicago would print
    # beside the version. The paragraph is in the URL's fragment and, with the version and dates, in the note.
    year = item["issued"]["date-parts"][0][0]
    editors = [e.get("literal") or ", ".join(filter(None, (e["family"], e.get("given"))))
               for e in item.get("editor", [])]
    lines = [
        ("TY", "CHAP"), ("TI", item["title"]),
        # RIS's translated title: the English title of a text cited in another language.
        *[("TT", line.removeprefix(TRANSLATED)) for line in item["note"].splitlines() if line.startswith(TRANSLATED)],
        ("AU", _issuer(item)), ("T2", item["container-title"]), *[("A2", name) for name in editors],
        ("PB", item.get("publisher", "")), ("PY", str(year)), ("DA", _iso(item["issued"]).replace("-", "/")),
        ("M3", item["genre"]), ("LA", item["language"]), ("UR", item["URL"]), ("Y2", "{accessed:ris}"),
        # Zotero keeps M2 in Extra, whose "variable: value" lines it cites (a book section has no version field);
        # N1 becomes a child note, which no style prints.
        *[("M2", line) for line in item["note"].splitlines() if line.split(":")[0] in EXTRA_VARIABLES],
        ("N1", "; ".join(item["note"].splitlines())),
    ]
    return _data("\n".join(f"{tag}  - {value}" for tag, value in lines if value) + "\nER  - ")


def csl_json(item: dict[str, Any], pinpoint: str | None) -> str:
    """The CSL-JSON item, with the access date and the pinpoint left for the browser."""
    # Zotero's CSL-JSON import keeps a chapter's container-title (book title) and puts the note in Extra,
    # whose "variable: value" lines it cites from: version and original-date, which it has no field for.
    data = {key: value for key, value in item.items() if key != "accessed"}
    data["accessed"] = {"raw": "{accessed:iso}"}
    return _data(json.dumps(data, ensure_ascii=False, indent=2))


MACHINE = (("bibtex", "BibTeX", bibtex), ("ris", "RIS", ris), ("csl-json", "CSL-JSON", csl_json))
# How the dialog joins the entries of two versions (Chinese and English) into one download: CSL-JSON is one
# JSON array; BibTeX and RIS entries simply follow one another.
JOINS = {"csl-json": {"open": "[\n", "separator": ",\n", "close": "\n]"}}
JOIN = {"open": "", "separator": "\n\n", "close": ""}


def citation_templates(doc: Document, config: SiteConfig) -> dict[str, Any]:
    """Everything the cite control of one document needs: per version and pinpoint kind, every format."""
    templates: dict[str, dict[str, dict[str, Any]]] = {}
    for version in doc.versions:
        per_pin: dict[str, dict[str, Any]] = {}
        for pin in ("p", "s", "document"):
            pinpoint = None if pin == "document" else pin
            # Every version is cited in the English styles too; GB/T 7714 cites the Chinese.
            styles: dict[str, Any] = {style.key: render(style, csl_item(doc, version, config, pinpoint, style),
                                                        pinpoint)
                                      for style in STYLES if style.lang in (version.lang, "en")}
            item = csl_item(doc, version, config, pinpoint)
            styles.update({key: serialise(item, pinpoint) for key, _, serialise in MACHINE})
            per_pin[pin] = styles
        templates[version.key] = per_pin
    return {
        "document": doc.id,
        "edition_version": config.release.version,
        "styles": [{"key": s.key, "label": s.label, "lang": s.lang,
                    "parts": [{"key": key, "label": label} for key, label in s.parts]} for s in STYLES]
        + [{"key": key, "label": label, "lang": "", "parts": [], "join": JOINS.get(key, JOIN)}
           for key, label, _ in MACHINE],
        "versions": {v.key: {"lang": v.lang, "status": v.status, "label": v.label} for v in doc.versions},
        "text": {b.id: [v.key for v in doc.versions if v.cells[b.id].status == "text"] for b in doc.blocks},
        "templates": templates,
    }


def document_ris(doc: Document, config: SiteConfig) -> str:
    """A RIS file citing every version of the document (no access date: that is the reader's)."""
    records = [ris(csl_item(doc, v, config, None), None) for v in doc.versions]
    return "\n".join(re.sub(r"^Y2  - .*\n", "", r, flags=re.M) for r in records) + "\n"
