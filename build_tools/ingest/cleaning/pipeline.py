"""The cleaning pipeline: applies named rules to a witness span and explains what each did."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from build_tools.ingest.cleaning.rules import rule_name
from build_tools.model.errors import EditionError
from build_tools.model.text import Boilerplate, Emendation, JoinEntry, Line, StripEntry
from build_tools.model.vocab import BlockKind


@dataclass(frozen=True)
class RuleContext:
    """What rules may know beyond the line itself: facts from the edition record and manifest."""

    title: str = ""
    account_names: tuple[str, ...] = ()
    wrap_width: int = 0
    hard_wrapped: tuple[int, int] | None = None
    boilerplate: Boilerplate = Boilerplate()
    hyphenated: frozenset[str] = frozenset()  # compounds the span writes with a hyphen inside a line (risk-based)


# What a region rule claims: raw line number → None (dropped) or (metadata key, value) (kept as metadata).
Claims = dict[int, "tuple[str, str] | None"]
RegionRule = Callable[[Sequence[Line], RuleContext], Claims]
DropRule = Callable[[str, RuleContext], bool]
MetadataRule = Callable[[str, RuleContext], "tuple[str, str] | None"]
ClassifyRule = Callable[[str, "str | None", "str | None"], bool]  # the line's raw text, the next and the one before
Fix = Callable[[list[str]], list[str]]
JoinRule = Callable[[Line, Line, RuleContext], "str | None"]
# A join separator may start with this character, once per character of the line before that the join removes
# (the hyphen of a word broken across lines); each removed character is reported under the join's rule.
REMOVE_PREVIOUS = "\b"


@dataclass(frozen=True)
class Pipeline:
    """The rules for one kind of witness in one language, in the order they run."""

    regions: Sequence[RegionRule] = ()
    drop: Sequence[DropRule] = ()
    metadata: Sequence[MetadataRule] = ()
    merges: Sequence[JoinRule] = ()
    heading: Sequence[ClassifyRule] = ()
    item: Sequence[ClassifyRule] = ()
    # Rules that read structure from layout alone, for an extraction that marks none: where a text marks its
    # headings with ``#``, its unmarked lines are its paragraphs, however short or numbered.
    unmarked_heading: Sequence[ClassifyRule] = ()
    unmarked_item: Sequence[ClassifyRule] = ()
    fixes: Sequence[Fix] = ()
    joins: Sequence[JoinRule] = ()


@dataclass
class CleanedSpan:
    """The outcome of cleaning one witness span."""

    lines: list[Line]
    metadata: dict[str, str] = field(default_factory=dict)
    report: list[StripEntry] = field(default_factory=list)
    joins: list[JoinEntry] = field(default_factory=list)




def clean_span(
    witness_name: str,
    raw_lines: Sequence[str],
    span: tuple[int, int],
    pipeline: Pipeline,
    context: RuleContext,
    *,
    excluded: Mapping[int, str] | None = None,
    metadata_lines: Mapping[int, str] | None = None,
    emendations: Sequence[Emendation] = (),
    record_path: str = "",
) -> CleanedSpan:
    """Clean raw lines ``span`` (1-based, inclusive) of a witness with ``pipeline``."""
    excluded = excluded or {}
    metadata_lines = metadata_lines or {}
    result = CleanedSpan(lines=[])
    context = replace(context, hyphenated=frozenset(
        word.lower() for number in range(span[0], span[1] + 1)
        for word in re.findall(r"[A-Za-z]+-[A-Za-z]+", raw_lines[number - 1])))
    emended = _apply_emendations(witness_name, raw_lines, emendations, result, record_path)
    candidates: list[Line] = []
    for number in range(span[0], span[1] + 1):
        text = emended.get(number, raw_lines[number - 1])
        if not text.strip():
            continue
        if number in excluded:
            result.report.append(StripEntry(number, "excluded_by_record", text, kept_as=excluded[number]))
        elif number in metadata_lines:
            key = metadata_lines[number]
            result.metadata[key] = _joined(result.metadata.get(key), text.strip())
            result.report.append(StripEntry(number, "metadata_by_record", text, kept_as=f"metadata:{key}"))
        else:
            candidates.append(Line(number, number, text))
    claimed: dict[int, tuple[str, tuple[str, str] | None]] = {}
    for region in pipeline.regions:
        open_lines = [line for line in candidates if line.first not in claimed]
        claimed.update({n: (rule_name(region), kept) for n, kept in region(open_lines, context).items()})
    for line in candidates:
        number, text = line.first, line.text
        if number in claimed:
            name, kept = claimed[number]
            if kept and kept[1] not in result.metadata.get(kept[0], ""):
                result.metadata[kept[0]] = _joined(result.metadata.get(kept[0]), kept[1])
            result.report.append(StripEntry(number, name, text, kept_as=f"metadata:{kept[0]}" if kept else ""))
            continue
        if dropped := next((r for r in pipeline.drop if r(text, context)), None):
            result.report.append(StripEntry(number, rule_name(dropped), text))
            continue
        if found := next(((r, m) for r in pipeline.metadata if (m := r(text, context))), None):
            moved, (key, value) = found
            if value not in result.metadata.get(key, ""):
                result.metadata[key] = _joined(result.metadata.get(key), value)
            result.report.append(StripEntry(number, rule_name(moved), text, kept_as=f"metadata:{key}"))
            continue
        result.lines.append(line)
    result.lines = _merge(pipeline.merges, result.lines, context, result)
    result.lines = _classify(pipeline, result.lines)
    result.lines = _apply_fixes(pipeline.fixes, result.lines, result.report)
    result.lines = _apply_joins(pipeline.joins, result.lines, _with_wrap_width(context, result.lines, span), result)
    return result


def display_width(text: str) -> int:
    """How wide a line is set: a Chinese character or full-width mark counts as two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# A text is hard-wrapped when a good share of its lines run to the same column, that column is a page's, and the
# lines that fill it often end mid-sentence (one-line paragraphs of even length end theirs).
WRAP_MIN_LINES, WRAP_SHARE, WRAP_MAX_WIDTH, WRAP_MID_SENTENCE = 8, 0.35, 120, 0.3


def _with_wrap_width(context: RuleContext, lines: Sequence[Line], span: tuple[int, int]) -> RuleContext:
    """The context with the column a hard-wrapped text was set to, found from its lines unless the record says."""
    column = wrap_column([line.text for line in lines if line.kind == BlockKind.PARAGRAPH])
    if context.wrap_width or not column:
        return context
    return replace(context, wrap_width=column, hard_wrapped=context.hard_wrapped or span)


def wrap_column(texts: Sequence[str]) -> int:
    """The display width a hard-wrapped text was set to, or 0 when its lines do not show one."""
    widths = sorted(display_width(text) for text in texts)
    if len(widths) < WRAP_MIN_LINES:
        return 0
    column = widths[int(0.9 * (len(widths) - 1))]
    full = [text for text in texts if display_width(text) >= 0.85 * column]
    open_ended = [text for text in full if not re.search(r"[。！？；：.!?;:…][”’\"')）]*\s*$", text)]
    if column > WRAP_MAX_WIDTH or len(full) < WRAP_SHARE * len(widths) or len(open_ended) < WRAP_MID_SENTENCE * len(full):
        return 0
    return column


def _merge(merges: Sequence[JoinRule], lines: list[Line], context: RuleContext, result: CleanedSpan) -> list[Line]:
    """Lines that belong together whatever their kind (a lone number and its heading), before they are classified."""
    merged: list[Line] = []
    for line in lines:
        previous = merged[-1] if merged else None
        found = next(((rule, sep) for rule in merges if previous and (sep := rule(previous, line, context)) is not None),
                     None)
        if previous and found:
            merged[-1] = _joined_lines(found[0], previous, line, found[1], result)
        else:
            merged.append(line)
    return merged


def _classify(pipeline: Pipeline, lines: list[Line]) -> list[Line]:
    """Each line's kind while the witness markup still shows: heading, list item or paragraph."""
    marked = any(re.match(r"\s*#{1,6}\s", line.text) for line in lines)
    heading = [*pipeline.heading, *(() if marked else pipeline.unmarked_heading)]
    item = [*pipeline.item, *(() if marked else pipeline.unmarked_item)]
    classified: list[Line] = []
    for index, line in enumerate(lines):
        following = lines[index + 1].text if index + 1 < len(lines) else None
        preceding = lines[index - 1].text if index else None
        found = next((rule for rule in heading if rule(line.text, following, preceding)), None)
        kind = BlockKind.HEADING if found else \
            BlockKind.ITEM if any(rule(line.text, following, preceding) for rule in item) else BlockKind.PARAGRAPH
        classified.append(replace(line, kind=kind, form=rule_name(found) if found else ""))
    return classified


def _joined(before: str | None, text: str) -> str:
    return f"{before} {text}" if before else text


def _apply_emendations(witness_name: str, raw_lines: Sequence[str], emendations: Sequence[Emendation],
                       result: CleanedSpan, record_path: str) -> dict[int, str]:
    emended: dict[int, str] = {}
    for em in emendations:
        text = emended.get(em.line, raw_lines[em.line - 1] if 0 < em.line <= len(raw_lines) else "")
        count = text.count(em.witness_reading)
        if count != 1:
            raise EditionError(record_path, em.record_line,
                               f"emendation {em.witness_reading}→{em.reading}: witness reading found {count} times "
                               f"on {witness_name} line {em.line}",
                               "quote the witness reading exactly as it stands on that raw line")
        emended[em.line] = text.replace(em.witness_reading, em.reading)
        result.report.append(StripEntry(em.line, "emendation", em.witness_reading, em.reading,
                                        kept_as=f"emendation: {em.reason}"))
    return emended


def _apply_fixes(fixes: Sequence[Fix], lines: list[Line], report: list[StripEntry]) -> list[Line]:
    for fix in fixes:
        before = [line.text for line in lines]
        after = fix(before)
        for line, old, new in zip(lines, before, after):
            if old != new:
                report.extend(_diff_entries(line.first, rule_name(fix), old, new))
        lines = [replace(line, text=new) for line, new in zip(lines, after)]
    return lines


def _diff_entries(number: int, rule: str, old: str, new: str) -> list[StripEntry]:
    """Character-level differences between two readings, as report entries."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        StripEntry(number, rule, old[i1:i2], new[j1:j2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


def _apply_joins(joins: Sequence[JoinRule], lines: list[Line], context: RuleContext,
                 result: CleanedSpan) -> list[Line]:
    merged: list[Line] = []
    for line in lines:
        line = replace(line, tail_length=len(line.text))
        previous = merged[-1] if merged else None
        # A wrapped list item continues on the lines after it, as a paragraph does.
        if previous and previous.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM) and line.kind == BlockKind.PARAGRAPH:
            found = next(((rule, sep) for rule in joins if (sep := rule(previous, line, context)) is not None), None)
            if found:
                merged[-1] = _joined_lines(found[0], previous, line, found[1], result)
                continue
        merged.append(line)
    return merged


def _joined_lines(rule: JoinRule, previous: Line, line: Line, separator: str, result: CleanedSpan) -> Line:
    """Two lines as one, logged under the rule; characters the separator removes from the first are reported."""
    cut = len(separator) - len(separator.lstrip(REMOVE_PREVIOUS))
    head = previous.text[: len(previous.text) - cut]
    if cut:
        result.report.append(StripEntry(previous.last, rule_name(rule), previous.text[len(head):]))
    result.joins.append(JoinEntry(line.first, rule_name(rule)))
    # The spaces around a line break are layout (a Markdown hard break): a join removes them with the break.
    head = head if cut else head.rstrip(" \t\u3000")
    return Line(previous.first, line.last, head + separator[cut:] + line.text.lstrip(" \t\u3000"), previous.kind,
                tail_length=line.tail_length)
