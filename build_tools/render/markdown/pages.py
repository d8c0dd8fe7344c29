"""Canonical Markdown in ``docs/``: one page per version and a parallel view per document.

Every block carries its ID as an attribute (``{: #p12 }``), so the pages stay readable as plain
Markdown and build the same anchors in any engine that reads ``attr_list`` and ``md_in_html``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from build_tools.editorial.traditional import original_key
from build_tools.model import urls
from build_tools.model.edition import Block, Document, Registry, SiteConfig, Version
from build_tools.model.editorial import Editorial
from build_tools.model.labels import block_label, view_label, witness_label, witness_words
from build_tools.model.languages import TRADITIONAL_TAG, in_language
from build_tools.model.records import LANGS
from build_tools.model.vocab import DateCertainty
from build_tools.render.annotated import AnnotatedCell, AnnotatedPage, view_versions
from build_tools.render.elements import around, element, marked_scripts, to_html
from build_tools.render.markdown.head import page_citation
from build_tools.render.markdown.markup import PageMarkup, section_heading


def escape_markdown(text: str) -> str:
    """Text from a witness, escaped so that Markdown and HTML never interpret it."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = text.replace("<", "&lt;")  # Python-Markdown has no backslash escape for "<"
    text = re.sub(r"([*_`\[\]>{}|])", r"\\\1", text)
    text = re.sub(r"^(\d+)\.(?=\s)", r"\1\\.", text)
    text = re.sub(r"^([#+-])", r"\\\1", text)
    return re.sub(r"^=", "&#61;", text)  # Python-Markdown has no backslash escape for "=" either


def front_matter(fields: dict[str, Any]) -> str:
    """YAML front matter whose first line inside says the page is generated."""
    body = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{urls.GENERATED_PAGE}\n{body}---\n"


def _attrs(block_id: str | None, lang: str | None = None, classes: tuple[str, ...] = (), own: str = "") -> str:
    # ``own``: the block's concordance label, which the Markdown extension moves into its number's title.
    parts = ([f"#{block_id}"] if block_id else []) + [f".{c}" for c in classes] + ([f"lang={lang}"] if lang else []) \
        + ([f'data-concordance="{own}"'] if own else [])
    return "{: " + " ".join(parts) + " }" if parts else ""


@dataclass(frozen=True)
class PageContext:
    """What every generated page of a document shares: the release and the anchor registry."""

    config: SiteConfig
    registry: Registry
    editorial: Editorial
    pages: dict[str, str]  # document ID → its page under docs/
    titles: dict[str, str]  # document ID → short title
    documents: dict[str, Document]  # document ID → the document

    def markup(self, doc: Document, versions: tuple[Version, ...], view: str, prefix: str = "../") -> PageMarkup:
        """The editorial markup of the page showing ``versions`` of ``doc`` in ``view``."""
        page = AnnotatedPage(doc, self.editorial, versions)
        url = urls.view_path(doc.id, doc.record.kind, view)
        return PageMarkup(page, self.pages, prefix, url, self.titles, escape_markdown, view, self.documents)


def page_fields(doc: Document, view: str, title: str, context: PageContext,
                version: Version | None = None) -> dict[str, Any]:
    """A view's front matter: its title, and the edition's facts of the document that the theme shows and cites
    (``version``: the version the view shows, when the record has none under the view's key, as for 繁體)."""
    record = doc.record
    successors = context.registry.successors.get(record.id, {})
    fields: dict[str, Any] = {
        "title": title,
        "edition": {
            "document": record.id,
            "view": view,
            "release": context.config.release.version,
            "date": record.date,
            "date_certainty": record.date_certainty,
            "document_type": record.document_type,
            "issuing_body": record.issuing_body,
            "versions": [v.key for v in doc.versions],
        },
    }
    if successors:
        fields["edition"]["successors"] = {old: list(s.to) for old, s in successors.items()}
    fields["edition"]["citation"] = page_citation(doc, view, context.config, version)
    if view in (urls.PARALLEL, urls.TRADITIONAL_PARALLEL):
        fields["hide"] = ["toc"]
    return fields


def _heading_marks(block: Block) -> str:
    return "#" * (block.level or 2)


def _cell_markdown(annotated: AnnotatedCell, with_id: bool, markup: PageMarkup) -> str:
    """One version's rendering of one block, with its ID when the page is single-language."""
    block, version, cell = annotated.block, annotated.version, annotated.cell
    lang = LANGS[version.lang] if with_id else None
    block_id = block.id if with_id else None
    if cell.status == "gap":
        return _editorial_block(block_id, f"[{cell.note}]", "gap")
    if cell.status == "covered":
        return _editorial_block(block_id, f"[Translated within the excerpt at {block_label(cell.covered_by)}.]",
                                "covered", href=f"#{cell.covered_by}")
    text = markup.text(annotated)
    if cell.starts_mid_block:
        text = r"\[…\] " + text
    own = _own_label(markup, block) if with_id else ""
    if block.kind == "heading":
        return f"{_heading_marks(block)} {text} {_attrs(block_id, lang, own=own)}"
    classes = ("item",) if block.kind == "item" else ()
    out = f"{text}\n{_attrs(block_id, lang, classes, own)}"
    if cell.covers or cell.note:
        span = f"{block_label(cell.covers[0])}–{block_label(cell.covers[-1])}" if cell.covers else ""
        note = cell.note or f"This excerpt translates {span}."
        out += "\n\n" + _editorial_block(None, f"[{note}]", "span-note")
    # Echoes are found between the Chinese texts: beside zh, and beside its 繁體 conversion.
    if original_key(version) == "zh" and (echoes := markup.echoes(block.id)):
        out += "\n\n" + echoes
    return out


def _own_label(markup: PageMarkup, block: Block) -> str:
    """"¶14 = item 12 (十二、)" where the document numbers the block itself, else nothing."""
    own = markup.page.own_numbers.get(block.id)
    return own.label(block.id) if own else ""


def _editorial_block(block_id: str | None, text: str, kind: str, href: str = "") -> str:
    """An editorial statement (a gap, a pointer, a note): a Markdown paragraph, so it gets a block number."""
    body = escape_markdown(text)
    if href:
        body = f"[{body}]({href})"
    return f"{body}\n{_attrs(block_id, 'en', ('editorial', kind))}"


def render_version_page(doc: Document, version: Version, context: PageContext, view: str = "") -> str:
    """``docs/<id>/<version>.md``: one language version, every block with its ID, under the document's facts;
    also the main page (``view`` PARALLEL) of a document with one version."""
    lang = LANGS[version.lang]
    view = view or version.key
    fields = page_fields(doc, view, version.title, context, version)
    fields["edition"].update({"lang": lang, "status": version.status, "label": version.label})
    markup = context.markup(doc, (version,), view)
    parts = [front_matter(fields), f"# {escape_markdown(version.title)} {_attrs(None, lang)}\n",
             _document_facts(doc, view), _version_note(doc, version)]
    parts += [_cell_markdown(markup.page.cell(b, version), True, markup) + "\n" for b in doc.blocks]
    parts += [markup.notes_section(), markup.apparatus_section()]
    return "\n".join(p for p in parts if p)


def _version_note(doc: Document, version: Version) -> str:
    if version.status == "official":
        return ""
    if version.status == "conversion":
        return _editorial_block(None, "繁體 reading view: an automatic conversion of the Simplified Chinese text "
                                "with OpenCC (profile s2tw: Taiwan-standard characters, no vocabulary changes). It is not an "
                                "original text; cite and quote the Simplified Chinese, the official wording. The notes, the "
                                "apparatus and the echoes quote the Simplified text.",
                                "version-note") + "\n"
    witnesses = ", ".join(w.file for w in version.witnesses)
    return _editorial_block(None, f"{version.label}; source: {witnesses}. "
                            "The Chinese text is the authoritative version.", "version-note") + "\n"


def render_parallel_page(doc: Document, context: PageContext, view: str = urls.PARALLEL) -> str:
    """``docs/<id>/index.md``: zh and the official (or only) English side by side, row by row (the versions
    :func:`shown_versions` picks); a document with one version shows its text alone. With ``view``
    TRADITIONAL_PARALLEL, ``docs/<id>/zh-hant-both.md``: the same rows with the Chinese in 繁體."""
    titles = doc.record.titles
    shown = view_versions(doc, view)
    if len(shown) == 1:
        return render_version_page(doc, shown[0], context, urls.PARALLEL)
    # Titled in the versions shown (the 繁體 by its converted title); a record without a title in their
    # languages has one in English.
    named = list(dict.fromkeys((v.lang, v.title if v.key == urls.TRADITIONAL else titles[v.lang]) for v in shown
                               if v.key == urls.TRADITIONAL or v.lang in titles)) or [("en", titles["en"])]
    title = " · ".join(name for _, name in named)
    heading = escape_markdown(named[0][1])
    if len(named) > 1:
        heading += " " + around(element("span", {"lang": LANGS[named[1][0]]}), escape_markdown(named[1][1]))
    markup = context.markup(doc, shown, view)
    rows = []
    for block in doc.blocks:
        # Blank lines around each container's Markdown, so that the engine reads it as blocks (md_in_html).
        cells = [around(element("div", {"class": "cell", "lang": LANGS[version.lang], "markdown": "1"}),
                        "\n\n" + _cell_markdown(markup.page.cell(block, version), False, markup) + "\n\n")
                 for version in shown]
        row = element("div", {"class": f"row {block.kind}", "id": block.id, "markdown": "1",
                              **({"data-concordance": own} if (own := _own_label(markup, block)) else {})})
        rows.append(around(row, "\n\n" + "".join(cell + "\n\n" for cell in cells)))
    # The 繁體 parallel is a page of its own, not the parallel page whose columns the reading-view switch hides.
    classes = "parallel traditional" if view == urls.TRADITIONAL_PARALLEL else "parallel"
    parallel = around(element("div", {"class": classes, "markdown": "1"}),
                      "\n\n" + "".join(row + "\n\n" for row in rows))
    notes = [_version_note(doc, v) for v in shown if v.key == urls.TRADITIONAL]
    parts = [front_matter(page_fields(doc, view, title, context)),
             f"# {heading} {_attrs(None, LANGS[named[0][0]])}\n",
             _document_facts(doc, view), *notes, parallel + "\n", markup.notes_section(), markup.apparatus_section()]
    return "\n".join(p for p in parts if p)


Fact = str | etree.Element


def facts_list(rows: list[tuple[str, list[Fact]]]) -> str:
    """A compact term/value list for a page's metadata: the values are text and elements."""
    items = [item for term, value in rows for item in (element("dt", None, term), element("dd", None, *value))]
    return to_html(element("dl", {"class": "doc-facts", "lang": "en"}, *items)) + "\n"


def _document_facts(doc: Document, view: str = urls.PARALLEL) -> str:
    """The document's facts: date, issuer, type, views, and for each version its witnesses in words and the
    official publication it reproduces (``view``: the page they are shown on, which their links start from)."""
    record = doc.record
    here = urls.view_path(doc.id, record.kind, view)

    def link(path: str, *content: str | etree.Element, **attrs: str) -> etree.Element:
        return element("a", {"href": urls.relative(here, path), **attrs}, *content)

    views: list[Fact] = []
    for other in urls.document_views(doc)[1:]:  # every view but the parallel page, the document's own
        # 中文 in Simplified, the 繁體 views' names in Traditional characters.
        script = TRADITIONAL_TAG if other in (urls.TRADITIONAL, urls.TRADITIONAL_PARALLEL) else "zh-Hans"
        label = marked_scripts(view_label(doc, other), script)
        views += [" · "] * bool(views) + [link(urls.view_path(doc.id, record.kind, other), *label,
                                               **({"aria-current": "page"} if other == view else {}))]
    issuers = " · ".join(dict.fromkeys([in_language(record.issuing_body, "en"), *record.issuing_body.values()]))
    date = record.date
    if record.date_certainty == DateCertainty.DOUBTFUL:
        date += f" (doubtful: {record.notes['date_certainty']})"
    rows: list[tuple[str, list[Fact]]] = [
        ("Date", [date]), ("Issued by", marked_scripts(issuers)), ("Type", [record.document_type]), ("Versions", views)]
    sources = [_version_sources(doc, version, link) for version in doc.versions]
    cite: list[tuple[str, list[Fact]]] = [
        ("Cite", [link(urls.data_path(f"cite/{record.id}.ris"), "RIS file", download=""), " · ",
                  link(urls.page_path("how-to-cite.md"), "how to cite")]),
        ("Print", [link(urls.pdf_path(record.id), "PDF, bilingual" if len(doc.versions) > 1 else "PDF"), " · ",
                   link(urls.pdf_path("edition"), "the whole edition (PDF)")])]
    # A fact the record lacks (a draft's issuing_body: {}; an excerpt's other views) has no row, not an empty one.
    items = [item for term, value in rows if value not in ([""], [])
             for item in (element("dt", None, term), element("dd", None, *value))]
    items += [element("dt", None, "Official text"), element("dd", None, *_official_links(doc))]
    # One entry per version, in a list: a term with several dd would break the two columns of the facts' grid. Shut
    # by default, so that the text stays near the top of every view; the official links are the row above.
    items += [element("dt", None, "Sources"), element("dd", None, element(
        "details", {"class": "doc-sources-details"},
        element("summary", None, f"What each of the {len(sources)} versions is taken from" if len(sources) > 1
                else "What the text is taken from"),
        element("ul", {"class": "doc-sources"}, *(element("li", {"class": "doc-source"}, *entry) for entry in sources))))]
    items += [item for term, value in cite for item in (element("dt", None, term), element("dd", None, *value))]
    return to_html(element("dl", {"class": "doc-facts", "lang": "en"}, *items)) + "\n"


Link = Callable[..., etree.Element]


def _official_links(doc: Document) -> list[Fact]:
    """The official publications the versions reproduce, each once, linked where the record knows the address."""
    publications = [p for v in doc.versions if (r := doc.record.version(v.key)) and (p := r.official)]
    shown: list[Fact] = []
    for url in dict.fromkeys(p.url for p in publications if p.url):
        title = next(p.title for p in publications if p.url == url)
        shown += ["; "] * bool(shown) + [web_link(url), " (", *marked_scripts(title), ")"]
    if shown:
        return shown
    # No address: what is known of the official publication, so a reader knows what to look for.
    known = [[*marked_scripts(p.title), *([", ", *marked_scripts(p.issuer)] if p.issuer else []),
              f", {p.date.partition(' ')[0]}" if p.date else ""] for p in publications]
    first = known[0] if known else []
    return [*first, "; " if first else "", "no official address is recorded (the witnesses give none; Sources says "
            "what they say of their source)."]


def _version_sources(doc: Document, version: Version, link: Link) -> list[Fact]:
    """One version's witnesses in words, each linked by its file name to its entry on the Sources page, and
    the official publication the version reproduces (a translation: translates), with its basis."""
    out: list[Fact] = [element("strong", None, *marked_scripts(version.label)), ": "]
    for index, witness in enumerate(version.witnesses):
        out += ["; second witness, collated: " if witness.role == "collated" else "; " if index else ""]
        out += marked_scripts(witness_words(witness.entry)) if witness.entry else []
        # Where the witness was found, when its file says: a reader can compare the repost with the edition.
        out += (["; found at ", web_link(witness.entry.url)] if witness.entry and witness.entry.url.startswith("http")
                else [])
        out += ["; file "] if witness.entry else []
        out += [link(f"{urls.page_path('sources.md')}#{witness_label(witness.file)}",
                     element("code", None, witness.file))]
    record = doc.record.version(version.key)
    publication = record.official if record else None
    if publication is None:
        return out + [". Its official publication is not recorded."]
    out += [". Translation of " if version.status == "unofficial" else ". Official publication: "]
    out += marked_scripts(publication.title)
    out += [", issued by ", *marked_scripts(publication.issuer)] if publication.issuer else []
    out += [f", {publication.date}"] if publication.date else []
    out += [", at ", web_link(publication.url)] if publication.url else ["; no official URL is recorded"]
    return out + [". ", element("span", {"class": "doc-basis"}, "Basis: ", *marked_scripts(publication.basis))]


def web_link(url: str) -> etree.Element:
    """A link that leaves the edition, showing its address, which may break after each slash on a narrow screen."""
    parts = url.split("://", 1)[-1].split("/")
    shown: list[Fact] = [parts[0]]
    for part in parts[1:]:
        shown += ["/", element("wbr"), part]
    return element("a", {"href": url, "rel": "external noopener"}, *shown)


def render_excerpt_page(doc: Document, context: PageContext) -> str:
    """An excerpt page: the excerpt, its attribution, and a plain statement that the text is not here."""
    record = doc.record
    version = doc.versions[0]
    witness = version.witnesses[0]
    source = witness.excerpts[0]
    rows = [("Title as attributed", source.title), ("Author as attributed", source.author),
            ("Date as attributed", source.date), ("Source", f"{witness.file}, line {source.line}")]
    notes = "\n".join(f"- **{escape_markdown(key.replace('_', ' ').capitalize())}:** {escape_markdown(note)}"
                      for key, note in record.notes.items())
    markup = context.markup(doc, (version,), urls.EXCERPT, prefix="")
    parts = [front_matter(page_fields(doc, "excerpt", record.titles["en"], context)),
             f"# {escape_markdown(record.titles['en'])} {_attrs(None, 'en')}\n",
             f"{escape_markdown(record.titles.get('zh', ''))}\n{_attrs(None, 'zh-Hans', ('subtitle',))}\n",
             _document_facts(doc, urls.EXCERPT),
             '!!! note "Excerpt only"\n    The full text of this document is not in the edition. This page shows one '
             "unofficial English excerpt as an aggregator published it.\n",
             _cell_markdown(markup.page.cell(doc.blocks[0], version), True, markup) + "\n",
             section_heading("Attribution", "attribution"),
             facts_list([(term, marked_scripts(value)) for term, value in rows]),
             section_heading("About the metadata", "metadata"), notes + "\n", markup.notes_section()]
    return "\n".join(p for p in parts if p)
