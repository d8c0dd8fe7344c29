"""The edition's closed vocabularies. Each is a StrEnum, so a value is also the plain string that the
records, the JSON and the pages have always used."""

from __future__ import annotations

from enum import StrEnum


class BlockKind(StrEnum):
    """What a block of a document is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"


class CellStatus(StrEnum):
    """What one version shows at one block: its own text, a declared gap, or a pointer to a spanning block."""

    TEXT = "text"
    GAP = "gap"
    COVERED = "covered"


class VersionStatus(StrEnum):
    """The standing of a language version."""

    OFFICIAL = "official"
    UNOFFICIAL = "unofficial"
    CONVERSION = "conversion"  # the 繁體 reading view, converted by OpenCC from the Simplified text


class DateCertainty(StrEnum):
    """How far the edition vouches for a document's date."""

    STATED = "stated"  # as a witness or the public record states it
    DOUBTFUL = "doubtful"  # as a source gives it, but the edition doubts it (the record says why)


class WitnessKind(StrEnum):
    """The shape of a raw witness, which chooses its cleaning pipeline."""

    WECHAT = "wechat"
    PDF_EXTRACT = "pdf-extract"
    AGGREGATOR = "aggregator"
    PLAIN = "plain"


class NoteType(StrEnum):
    """The kind of an editorial note."""

    TEXTUAL = "textual"
    CONTEXT = "context"
    TRANSLATION = "translation"
    CROSS_REFERENCE = "cross-reference"
