"""Small composable validators that turn located YAML nodes into typed values, or refuse them.

Each input file declares its shape once, as a :class:`Shape` of named fields built from these
checks; a check takes a node and returns a typed value, or raises an :class:`EditionError` at the
line of the key or value at fault. Our own layer rather than a schema library: it keeps the line of
every key, which is what makes every refusal one ``file:line`` a contributor can act on.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from build_tools.ingest.yamlio import Key, Mapping, Node, Scalar, Sequence
from build_tools.model.errors import EditionError
from build_tools.model.records import BlockRange, LineRanges

T = TypeVar("T")
K = TypeVar("K")
Check = Callable[[Node], T]

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RELEASE = re.compile(r"\d+\.\d+\.\d+")
FINGERPRINT = re.compile(r"[0-9a-f]{16}")
# Numbers in ranges have at most nine digits: no raw file or document comes near, and Python refuses to read
# integers of thousands of digits.
MAX_NUMBER = 999_999_999
LINE_RANGE = re.compile(r"(\d{1,9})(?:-(\d{1,9}))?")
BLOCK_RANGE = re.compile(r"([ps])(\d{1,9})(?:-\1(\d{1,9}))?")
BLOCK_ID = re.compile(r"[ps][1-9]\d*")
WEB_URL = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)
_DASHES = "–—‒−"
# An HTML start or end tag, comment, declaration or processing instruction; an autolink (<https://…>) is none.
# A tag as a browser reads it: its name may end at a space or a slash (<img/src=x onerror=…>).
HTML_TAG = re.compile(r"</?[a-z][a-z0-9-]*(?:[\s/][^<>]*)?>|<[!?][^>]*>?", re.IGNORECASE)


def _kind(node: Node) -> str:
    return {Mapping: "a mapping", Sequence: "a list"}.get(type(node), "a value")


def scalar(node: Node, what: str) -> Scalar:
    """The node as a scalar, or a refusal naming what was expected instead."""
    if not isinstance(node, Scalar) or node.tag:
        shown = f"tagged value {node.tag}" if isinstance(node, Scalar) else _kind(node)
        raise node.fail(f"{shown} where {what} belongs", f"write {what} as a plain value")
    return node


def text(node: Node) -> str:
    """Non-empty text, as written (a number counts as the digits written)."""
    value = scalar(node, "text")
    if value.value is None or isinstance(value.value, bool) or not value.text.strip():
        raise node.fail("empty text" if value.value is None or not value.text.strip() else
                        f"{value.text} where text belongs", "write the text, or quote it")
    return value.text


def title(node: Node) -> str:
    """Text the site's theme prints as it stands (a title, the site's name), so it may hold no '<' or '>'."""
    value = text(node)
    if "<" in value or ">" in value:
        raise node.fail(f"{value!r} holds '<' or '>', which the site's theme would read as markup",
                        "write it without angle brackets (Chinese titles quote with 《》)")
    return value


def attribute_title(node: Node) -> str:
    """A title the theme also prints inside an HTML attribute (``aria-label="…"``): no '"' either."""
    value = title(node)
    if '"' in value:
        raise node.fail(f"{value!r} holds '\"', which would end the theme's HTML attribute",
                        "write it without straight double quotes (use “ ” instead)")
    return value


def prose(node: Node) -> str:
    """Non-empty text with its line breaks and runs of spaces folded to one space."""
    return " ".join(text(node).split())


def markdown(node: Node) -> str:
    """Prose in Markdown, without raw HTML: a tag, comment or declaration is refused, naming it."""
    value = prose(node)
    if tag := HTML_TAG.search(value):
        raise node.fail(f"raw HTML {tag.group()!r} in Markdown", "write Markdown only: [text](link), **bold**, "
                        "*italic*; an angle bracket meant as text is written &lt; or &gt;")
    return value


def identifier(what: str) -> Check[str]:
    """An ID made of ``a-z``, ``0-9`` and single hyphens: safe in a URL, a file name and an HTML ID."""
    def check(node: Node) -> str:
        value = text(node)
        if not ID.fullmatch(value):
            raise node.fail(f"{what} {value!r} is not lower-case letters and digits joined by '-'",
                            f"write the {what} like global-digital-compact")
        return value
    return check


def matching(pattern: re.Pattern[str], what: str, example: str) -> Check[str]:
    """Text that matches a pattern in full."""
    def check(node: Node) -> str:
        value = text(node)
        if not pattern.fullmatch(value):
            raise node.fail(f"{what} {value!r} is not in the form {example}", f"write {what} as {example}")
        return value
    return check


def iso_date(node: Node) -> str:
    """A calendar date as ``YYYY-MM-DD``, kept as the string written."""
    value = text(node)
    try:
        if DATE.fullmatch(value):
            datetime.date.fromisoformat(value)
            return value
    except ValueError:
        raise node.fail(f"date {value!r} does not exist", "give a real date as YYYY-MM-DD") from None
    raise node.fail(f"date {value!r} is not YYYY-MM-DD", "write dates as ISO 8601, e.g. 2025-07-26")


def dated(node: Node) -> str:
    """A date, optionally followed by a remark in parentheses: ``2025-07-26 (date line: 2025.7.26)``."""
    value = text(node)
    date, _, remark = value.partition(" ")
    if remark and not (remark.startswith("(") and remark.endswith(")")):
        raise node.fail(f"{value!r} is not a date with a remark in parentheses",
                        "write YYYY-MM-DD, optionally followed by (a remark)")
    iso_date(Scalar(node.path, node.line, date, date))
    return value


def web_url(node: Node) -> str:
    """An http(s) address, without spaces or quotes."""
    value = text(node)
    if not WEB_URL.fullmatch(value):
        raise node.fail(f"URL {value!r} is not an http(s) URL",
                        "give the page's http(s) address, without spaces or quotes")
    return value


def timestamp(node: Node) -> str:
    """A date, or a date and time, in ISO 8601."""
    value = text(node)
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        raise node.fail(f"time {value!r} is not ISO 8601", "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS") from None
    return value


def or_unknown(check: Check[str]) -> Check[str]:
    """The literal ``unknown`` (the source does not say), or what ``check`` accepts."""
    return lambda node: "unknown" if isinstance(node, Scalar) and node.value == "unknown" else check(node)


def one_of(*choices: str) -> Check[str]:
    """One of a fixed vocabulary."""
    def check(node: Node) -> str:
        value = text(node)
        if value not in choices:
            raise node.fail(f"{value!r} is not one of {', '.join(choices)}", f"use one of {', '.join(choices)}")
        return value
    return check


def integer(minimum: int = 1) -> Check[int]:
    """A whole number, from ``minimum`` to :data:`MAX_NUMBER`."""
    def check(node: Node) -> int:
        value = scalar(node, "a number").value
        if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= MAX_NUMBER:
            raise node.fail(f"{scalar(node, 'a number').text!r} is not a whole number from {minimum} to {MAX_NUMBER}",
                            f"write a number from {minimum} up")
        return value
    return check


def boolean(node: Node) -> bool:
    """``true`` or ``false``."""
    value = scalar(node, "true or false").value
    if not isinstance(value, bool):
        raise node.fail(f"{scalar(node, 'true or false').text!r} is not true or false", "write true or false")
    return value


def line_range(node: Node) -> tuple[int, int]:
    """``12`` or ``12-34``: 1-based raw lines, smaller first (that they lie in the file is checked with the file)."""
    written = scalar(node, "a line range").text
    if any(dash in written for dash in _DASHES):
        raise node.fail(f"line range {written!r} has a dash that is not a hyphen", "use a hyphen: 1-7")
    match = LINE_RANGE.fullmatch(written.replace(" ", ""))
    if not match:
        raise node.fail(f"line range {written!r} is not N or N-M", "write lines as 12 or 12-34, each a line "
                        f"number from 1 to {MAX_NUMBER}")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if first < 1 or last < first:
        raise node.fail(f"line range {written!r} runs backwards or starts at 0", "write 1-based lines, smaller first")
    return first, last


def block_range(node: Node) -> BlockRange:
    """``p1-p3``, ``p7`` or ``s2-s4``, kept unexpanded: the document's blocks are not known yet."""
    written = text(node)
    match = BLOCK_RANGE.fullmatch(written.strip())
    if not match or int(match.group(2)) < 1 or int(match.group(3) or match.group(2)) < int(match.group(2)):
        raise node.fail(f"block range {written!r} is not p7 or p1-p3", "write blocks as p7, p1-p3 or s2-s4")
    return BlockRange(match.group(1), int(match.group(2)), int(match.group(3) or match.group(2)))


def block_id(node: Node) -> str:
    """A block ID: ``p12`` or ``s3``."""
    return matching(BLOCK_ID, "block ID", "p12 or s3")(node)


def list_of(check: Check[T], *, min_items: int = 0, what: str = "a list") -> Check[tuple[T, ...]]:
    """A YAML list of items, each checked."""
    def checked(node: Node) -> tuple[T, ...]:
        if not isinstance(node, Sequence):
            raise node.fail(f"{_kind(node)} where {what} belongs", f"write {what} as [a, b] or as '- ' lines")
        if len(node.items) < min_items:
            raise node.fail(f"{what} is empty", f"give at least {min_items}")
        return tuple(check(item) for item in node.items)
    return checked


def mapping_of(key: Callable[[Key, Node], K], value: Check[T], *, what: str = "a mapping") -> Check[dict[K, T]]:
    """A YAML mapping whose keys and values are each checked; keys are checked at their own line."""
    def checked(node: Node) -> dict[K, T]:
        entries = _mapping(node, what)
        return {key(k, node): value(v) for k, v in entries.entries.values()}
    return checked


def key_text(check: Check[T]) -> Callable[[Key, Node], T]:
    """Check a mapping's key as if it were a value at the key's line."""
    return lambda key, parent: check(Scalar(parent.path, key.line, key.text, key.text))


def key_line_range(key: Key, parent: Node) -> tuple[int, int]:
    """A line range written as a key: ``372-374: why``."""
    return line_range(Scalar(parent.path, key.line, key.text, key.text))


def line_map(value: Check[str]) -> Check[LineRanges]:
    """``372-374: why`` entries, kept as ranges; two ranges may not share a line."""
    def check(node: Node) -> LineRanges:
        mapping = _mapping(node, "a mapping of line ranges")
        ranges = sorted((key_line_range(key, node), key.line, value(v)) for key, v in mapping.entries.values())
        for ((_, last), _, _), ((first, _), line, _) in zip(ranges, ranges[1:]):
            if first <= last:
                raise EditionError(node.path, line, f"line {first} is in two ranges", "give every line one range")
        return LineRanges(tuple((first, last, said) for (first, last), _, said in ranges),
                          tuple(line for _, line, _ in ranges))
    return check


def _mapping(node: Node, what: str) -> Mapping:
    if not isinstance(node, Mapping):
        shown = f"{scalar(node, what).text!r}" if isinstance(node, Scalar) else _kind(node)
        raise node.fail(f"{shown} where {what} belongs", f"write {what} as indented key: value lines")
    return node


@dataclass(frozen=True)
class Field(Generic[T]):
    """One key of a shape: how its value is checked, whether it must be there, and its default."""

    check: Check[T]
    required: bool = True
    default: Any = None
    to: str = ""  # the attribute it fills, when it differs from the key


def required(check: Check[T], *, to: str = "") -> Field[T]:
    """A key the mapping must have."""
    return Field(check, True, None, to)


def optional(check: Check[T], default: Any = None, *, to: str = "") -> Field[T]:
    """A key the mapping may leave out, then taking ``default``."""
    return Field(check, False, default, to)


@dataclass(frozen=True)
class Shape(Generic[T]):
    """A mapping with declared keys, built into a typed value; unknown keys are refused with a suggestion.

    ``suffix`` admits a family of keys (``date_basis``, ``titles_basis``): each is checked with its
    field and collected, keyed by what comes before the suffix, into the attribute named by ``to``.
    """

    what: str
    build: Callable[..., T]
    fields: dict[str, Field[Any]]
    suffix: tuple[str, Field[Any]] | None = None
    line_to: str = ""  # the attribute that receives the mapping's line, if any
    key_lines_to: str = ""  # the attribute that receives each key's line, by key, if any

    def __call__(self, node: Node) -> T:
        mapping = _mapping(node, self.what)
        values: dict[str, Any] = {}
        family: dict[str, Any] = {}
        for name, (key, value) in mapping.entries.items():
            spec = self.fields.get(name)
            if spec is not None:
                values[spec.to or name] = spec.check(value)
            elif self.suffix and name.endswith(self.suffix[0]) and name[: -len(self.suffix[0])] in self.fields:
                family[name[: -len(self.suffix[0])]] = self.suffix[1].check(value)
            else:
                raise self.unknown(mapping, key)
        for name, spec in self.fields.items():
            if (spec.to or name) not in values:
                if spec.required:
                    raise mapping.fail(f"{self.what} has no {name}:", f"give {name}: in the {self.what}")
                values[spec.to or name] = spec.default
        if self.suffix:
            values[self.suffix[1].to] = family
        if self.line_to:
            values[self.line_to] = mapping.line
        if self.key_lines_to:
            values[self.key_lines_to] = {name: key.line for name, (key, _) in mapping.entries.items()}
        return self.build(**values)

    def unknown(self, mapping: Mapping, key: Key) -> EditionError:
        """The refusal of a key the shape does not declare, with the nearest declared one."""
        close = difflib.get_close_matches(key.text, list(self.fields), n=1, cutoff=0.6)
        fix = f"did you mean {close[0]}:?" if close else f"use only {', '.join(self.fields)}"
        return EditionError(mapping.path, key.line, f"unknown key {key.text!r} in {self.what}", fix)


def unique(path: Path, items: Iterable[T], name: Callable[[T], str], line: Callable[[T], int | None],
           what: str, fix: str) -> None:
    """Refuse a second item with the same name, at the second one's line."""
    seen: set[str] = set()
    for item in items:
        if name(item) in seen:
            raise EditionError(path, line(item), f"{what} {name(item)!r} is given twice", fix)
        seen.add(name(item))
