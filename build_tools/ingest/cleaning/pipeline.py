"""The cleaning pipeline: applies named rules to a witness span and explains what each did."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from build_tools.ingest.cleaning.rules import rule_name
from build_tools.model.errors import EditionError
from build_tools.model.text import Emendation, JoinEntry, Line, StripEntry
from build_tools.model.vocab import BlockKind


@dataclass(frozen=True)
class RuleContext:
    """What rules may know beyond the line itself: facts from the edition record and manifest."""

    title: str = ""
    account_names: tuple[str, ...] = ()
    wrap_width: int = 0
    hard_wrapped: tuple[int, int] | None = None


DropRule = Callable[[str, RuleContext], bool]
MetadataRule = Callable[[str, RuleContext], "tuple[str, str] | None"]
ClassifyRule = Callable[[str], bool]
Fix = Callable[[list[str]], list[str]]
JoinRule = Callable[[Line, Line, RuleContext], "str | None"]


@dataclass(frozen=True)
class Pipeline:
    """The rules for one kind of witness in one language, in the order they run."""

    drop: Sequence[DropRule] = ()
    metadata: Sequence[MetadataRule] = ()
    heading: Sequence[ClassifyRule] = ()
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
    emended = _apply_emendations(witness_name, raw_lines, emendations, result, record_path)
    for number in range(span[0], span[1] + 1):
        text = emended.get(number, raw_lines[number - 1])
        if not text.strip():
            continue
        if number in excluded:
            result.report.append(StripEntry(number, "excluded_by_record", text, kept_as=excluded[number]))
            continue
        if number in metadata_lines:
            key = metadata_lines[number]
            result.metadata[key] = _joined(result.metadata.get(key), text.strip())
            result.report.append(StripEntry(number, "metadata_by_record", text, kept_as=f"metadata:{key}"))
            continue
        if dropped := next((r for r in pipeline.drop if r(text, context)), None):
            result.report.append(StripEntry(number, rule_name(dropped), text))
            continue
        if found := next(((r, m) for r in pipeline.metadata if (m := r(text, context))), None):
            moved, (key, value) = found
            result.metadata.setdefault(key, value)
            result.report.append(StripEntry(number, rule_name(moved), text, kept_as=f"metadata:{key}"))
            continue
        kind = BlockKind.HEADING if any(rule(text) for rule in pipeline.heading) else BlockKind.PARAGRAPH
        result.lines.append(Line(number, number, text, kind))
    result.lines = _apply_fixes(pipeline.fixes, result.lines, result.report)
    result.lines = _apply_joins(pipeline.joins, result.lines, context, result.joins)
    return result


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
                 log: list[JoinEntry]) -> list[Line]:
    merged: list[Line] = []
    for line in lines:
        line = replace(line, tail_length=len(line.text))
        previous = merged[-1] if merged else None
        if previous and previous.kind == line.kind == BlockKind.PARAGRAPH:
            found = next(((rule, sep) for rule in joins if (sep := rule(previous, line, context)) is not None), None)
            if found:
                rule, separator = found
                merged[-1] = Line(previous.first, line.last, previous.text + separator + line.text,
                                  tail_length=line.tail_length)
                log.append(JoinEntry(line.first, rule_name(rule)))
                continue
        merged.append(line)
    return merged
