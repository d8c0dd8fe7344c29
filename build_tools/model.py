"""Plain dataclasses passed between stages: the aligned edition and its strip reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cleaning.pipeline import JoinEntry, StripEntry
from .records import EditionRecord


@dataclass(frozen=True)
class Block:
    """A position in a document's structure, shared by all its versions: ``s3`` or ``p12``."""

    id: str
    kind: str  # heading | paragraph | item
    level: int | None = None  # heading level: 2 for the document's top divisions, 3 below


@dataclass(frozen=True)
class Cell:
    """What one version shows at one block: its text, a declared gap, or a pointer to a spanning block."""

    block_id: str
    status: str  # text | gap | covered
    text: str = ""
    lines: tuple[int, int] | None = None
    covers: tuple[str, ...] = ()
    covered_by: str = ""
    starts_mid_block: bool = False
    note: str = ""


@dataclass
class Version:
    """One language version of a document, aligned to the document's blocks."""

    key: str
    lang: str
    status: str
    label: str
    title: str
    witnesses: list[dict]
    metadata: dict[str, str]
    cells: dict[str, Cell]
    collated: dict[str, dict[str, str]] = field(default_factory=dict)


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
class Successor:
    """Where a vanished anchor went."""

    to: tuple[str, ...]
    change: str
    release: str
    reason: str


@dataclass
class Registry:
    """What earlier releases published, and the declared successors of vanished anchors."""

    releases: list[Release] = field(default_factory=list)
    documents: dict[str, dict] = field(default_factory=dict)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)
    successors: dict[str, dict[str, Successor]] = field(default_factory=dict)
    path: Path = Path("anchors.yml")

    def since(self, doc_id: str, block_id: str) -> str | None:
        """The release that first published an anchor, if any has."""
        block = self.documents.get(doc_id, {}).get("blocks", {}).get(block_id)
        return block["since"] if block else None


@dataclass
class Edition:
    """The whole edition, ready for the writers."""

    documents: list[Document]
    reports: dict[str, WitnessReport]
    manifest: list[dict]
    registry: Registry = field(default_factory=Registry)
    editorial: object = None  # the Editorial of build_tools.editorial, set once the texts are aligned
