"""Units of witness text as the cleaning stage produces them, and what it records of each change."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.model.vocab import BlockKind


@dataclass(frozen=True)
class Line:
    """A unit of witness text: one raw line, or several joined; ``first``–``last`` are raw line numbers."""

    first: int
    last: int
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    tail_length: int = 0  # length of the last raw line, which decides whether a hard wrap was full
    form: str = ""  # a heading: the rule that found it (how the witness set it: #, bold, a short plain line …)

@dataclass(frozen=True)
class StripEntry:
    """One change to the witness text: what a rule removed (and what it put in its place)."""

    line: int
    rule: str
    removed: str
    replacement: str = ""
    kept_as: str = ""

@dataclass(frozen=True)
class JoinEntry:
    """A line joined to the one before it (only whitespace is removed by a join)."""

    line: int
    rule: str

@dataclass(frozen=True)
class Emendation:
    """An editorial correction of a witness reading, located on a raw line."""

    line: int
    witness_reading: str
    reading: str
    reason: str
    record_line: int | None = field(default=None, compare=False)  # where the edition record states it


@dataclass(frozen=True)
class Phrase:
    """One phrase of boilerplate: what a cleaning rule matches, why the line goes, and where that is said."""

    phrase: str
    reason: str
    key: str = ""  # provenance only: the metadata key the line is kept under
    colon: bool | None = None  # provenance only: False where the label runs straight into its value (转自FreeBuf.COM)
    match: str | None = None  # prompts and disclaimers: "line" for the whole line; else found inside a line
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Boilerplate:
    """The boilerplate phrases an editor maintains in ``source_texts/cleaning/boilerplate.yml``, by section."""

    interface: tuple[Phrase, ...] = ()
    footers: tuple[Phrase, ...] = ()
    prompts: tuple[Phrase, ...] = ()
    disclaimers: tuple[Phrase, ...] = ()
    end_marks: tuple[Phrase, ...] = ()
    link_lists: tuple[Phrase, ...] = ()
    promotions: tuple[Phrase, ...] = ()
    contacts: tuple[Phrase, ...] = ()
    teasers: tuple[Phrase, ...] = ()
    provenance: tuple[Phrase, ...] = ()

    def find(self, section: str, normalised: str) -> Phrase | None:
        """The phrase of ``section`` that the normalised line is exactly."""
        return next((p for p in getattr(self, section) if p.phrase == normalised), None)

    def within(self, section: str, text: str) -> Phrase | None:
        """The phrase of ``section`` the text holds (a ``match: line`` phrase only when it is the whole text)."""
        return next((p for p in getattr(self, section)
                     if (p.phrase == text if p.match == "line" else p.phrase in text)), None)


# The sections of the boilerplate file, in the order the cleaning-rules page lists them, with the rule each feeds.
BOILERPLATE_SECTIONS = {
    "interface": "is_wechat_interface_string", "footers": "wechat_footer", "prompts": "is_reader_prompt", "disclaimers": "is_account_disclaimer",
    "end_marks": "wechat_end_mark", "link_lists": "wechat_link_list", "promotions": "wechat_promotion",
    "contacts": "contact_block",
    "teasers": "wechat_teaser_table", "provenance": "provenance_line",
}
