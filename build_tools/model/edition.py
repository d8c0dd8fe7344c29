"""The aligned edition as typed values: blocks, cells, versions, documents, releases and the registry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.model.editorial import Editorial
from build_tools.model.records import EditionRecord, LineRanges
from build_tools.model.text import Boilerplate, Emendation, JoinEntry, Line, StripEntry
from build_tools.model.vocab import BlockKind, CellStatus


@dataclass(frozen=True)
class Block:
    """A position in a document's structure, shared by all its versions: ``s3`` or ``p12``."""

    id: str
    kind: BlockKind
    level: int | None = None  # heading level: 2 for the document's top divisions, 3 below


@dataclass(frozen=True)
class Cell:
    """What one version shows at one block: its text, a declared gap, or a pointer to a spanning block."""

    block_id: str
    status: CellStatus
    text: str = ""
    lines: tuple[int, int] | None = None
    covers: tuple[str, ...] = ()
    covered_by: str = ""
    starts_mid_block: bool = False
    note: str = ""


@dataclass(frozen=True)
class ManifestEntry:
    """A raw witness as the manifest describes it. Unknown facts are "unknown": the file does not say."""

    file: str
    sha256: str
    kind: str
    description: str = ""
    publisher: str = "unknown"
    url: str = "unknown"
    translated_from: str = ""
    published: str = "unknown"
    fetched: str = "unknown"
    account_names: tuple[str, ...] = ()
    outside_spans: LineRanges = LineRanges()  # raw lines → why it is not in the edition
    line: int | None = None  # where the entry starts in manifest.yml


@dataclass(frozen=True)
class ExcerptSource:
    """Where an excerpt placed in a version comes from, with the aggregator's attribution."""

    excerpt: int
    line: int
    blocks: tuple[str, ...]
    title: str
    date: str
    author: str


@dataclass(frozen=True)
class WitnessSummary:
    """What a version says of one of its witnesses: the file, its role, the span and the decisions on it."""

    file: str
    role: str
    lines: tuple[int, int] | None = None
    emendations: tuple[Emendation, ...] = ()
    excerpts: tuple[ExcerptSource, ...] = ()
    entry: ManifestEntry | None = None  # what the manifest says of the raw file: kind, publisher, date


@dataclass
class Version:
    """One language version of a document, aligned to the document's blocks."""

    key: str
    lang: str
    status: str
    label: str
    title: str
    witnesses: list[WitnessSummary]
    metadata: dict[str, str]
    cells: dict[str, Cell]
    collated: dict[str, dict[str, str]] = field(default_factory=dict)
    # Each collated witness's block texts as the lines they were joined from, with their raw line numbers.
    collated_lines: dict[str, dict[str, tuple[Line, ...]]] = field(default_factory=dict)


@dataclass
class Document:
    """A document of the edition: its record, block structure and aligned versions."""

    record: EditionRecord
    blocks: list[Block]
    versions: list[Version]

    @property
    def id(self) -> str:
        return self.record.id

    def version(self, key: str) -> Version | None:
        """The version with this key, if any."""
        return next((v for v in self.versions if v.key == key), None)

    def english_pair(self) -> tuple[Version, Version] | None:
        """The official and the unofficial English of the document, when it has both."""
        official = next((v for v in self.versions if v.lang == "en" and v.status == "official"), None)
        unofficial = next((v for v in self.versions if v.lang == "en" and v.status == "unofficial"), None)
        return (official, unofficial) if official and unofficial else None


@dataclass
class WitnessReport:
    """Everything the build removed from or changed in one raw witness, and the lines it joined."""

    file: str
    kind: str
    entries: list[StripEntry] = field(default_factory=list)
    joins: list[JoinEntry] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Release:
    """An edition release: the version number and date every page and citation carries."""

    version: str
    date: str


@dataclass(frozen=True)
class Editor:
    """An editor of the edition: a person (family and given name) or a body named whole (``name``)."""

    family: str = ""
    given: str = ""
    name: str = ""


@dataclass(frozen=True)
class Successor:
    """Where a vanished anchor went."""

    to: tuple[str, ...]
    change: str  # merge | split | move | resegment
    release: str
    reason: str
    line: int | None = field(default=None, compare=False)  # where the entry starts in successors.yml


@dataclass(frozen=True)
class RegisteredBlock:
    """A published block: the release that first published it, and the fingerprints of its text per
    version in every release that changed it (release → version key → fingerprint)."""

    since: str
    text: dict[str, dict[str, str]]
    line: int | None = None  # where the block's entry starts in anchors.yml

    def latest(self) -> dict[str, str] | None:
        """The fingerprints recorded by the newest release that changed the block."""
        return self.text[max(self.text, key=version_order)] if self.text else None


@dataclass(frozen=True)
class RegisteredDocument:
    """A published document and its published blocks."""

    since: str
    blocks: dict[str, RegisteredBlock]
    line: int | None = None
    views: tuple[str, ...] = ()  # the URL paths of its published views: <id>/, <id>/zh/, <id>/compare/ …


@dataclass
class Registry:
    """What earlier releases published, and the declared successors of vanished anchors."""

    releases: list[Release] = field(default_factory=list)
    documents: dict[str, RegisteredDocument] = field(default_factory=dict)
    successors: dict[str, dict[str, Successor]] = field(default_factory=dict)
    path: Path = Path("anchors.yml")

    def since(self, doc_id: str, block_id: str) -> str | None:
        """The release that first published an anchor, if any has."""
        document = self.documents.get(doc_id)
        block = document.blocks.get(block_id) if document else None
        return block.since if block else None


def version_order(version: str) -> tuple[int, ...]:
    """A release number as a sortable tuple: 1.10.0 after 1.9.0."""
    return tuple(int(part) for part in version.split(".") if part.isdigit())


@dataclass(frozen=True)
class SiteConfig:
    """The public base URL, the site's name and the release being built (from ``mkdocs.yml``)."""

    site_url: str
    release: Release
    site_name: str
    # The edition's editors and publisher as citations name them (extra.edition); none unless configured.
    editors: tuple[Editor, ...] = ()
    publisher: str = ""


@dataclass
class Texts:
    """What the ingest yields: the aligned documents, the strip reports, the manifest and the registry."""

    documents: list[Document]
    reports: dict[str, WitnessReport]
    manifest: list[ManifestEntry]
    registry: Registry = field(default_factory=Registry)
    boilerplate: Boilerplate = field(default_factory=Boilerplate)  # the phrases the cleaning rules removed

    def kind_of(self, doc_id: str) -> str:
        """A document's kind, which its URLs depend on (an excerpt has a page, not a folder of views)."""
        return next(doc.record.kind for doc in self.documents if doc.id == doc_id)


@dataclass
class Edition(Texts):
    """The whole edition, texts and editorial layer, ready for the writers."""

    editorial: Editorial = field(default_factory=Editorial)
