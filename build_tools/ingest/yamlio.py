"""YAML read as a tree of located nodes, so every error can say ``file:line`` of the key or value at fault.

The tree is built from the parser's events, never by PyYAML's constructor: an alias or anchor is
refused at the event that declares it, before anything is expanded ("billion laughs" fail at once),
a tag is refused instead of constructed, and a key written twice is refused instead of overwritten.
Plain scalars are resolved as YAML 1.1 resolves them, with three exceptions: dates stay strings (a
record's dates are cited as written), a number is read only from decimal digits (``0x94``, ``1_48``
and ``2:28`` stay text, which a number field then refuses), and the merge key ``<<`` is refused.
Text may hold no control character, lone surrogate or bidirectional override, whatever escape wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_tools.model.errors import EditionError

_RESOLVER = yaml.resolver.Resolver()
_RESOLVER.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"
# The numbers YAML 1.1 reads that a person writes: decimal digits, and decimals with a point or exponent.
_DECIMAL = {_INT: re.compile(r"[-+]?(?:0|[1-9][0-9]*)"),
            _FLOAT: re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")}
# C0 and C1 controls but tab and line feed, lone surrogates (from escapes such as "\ud800"), and the
# bidirectional embeddings, overrides and isolates, which reorder the text around them on screen.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
# The edition's files nest five levels at most; far deeper nesting is a mistake or an attack on the stack.
MAX_DEPTH = 32

Value = str | int | float | bool | None


@dataclass(frozen=True)
class Node:
    """A YAML value with the file and 1-based line where it is written."""

    path: Path
    line: int

    def fail(self, problem: str, fix: str) -> EditionError:
        """The error that locates a problem at this node."""
        return EditionError(self.path, self.line, problem, fix)


@dataclass(frozen=True)
class Scalar(Node):
    """A plain or quoted scalar, resolved (``12`` is an int unless quoted); ``text`` as written."""

    value: Value
    text: str
    tag: str = ""  # an explicit tag, kept inert where a file tolerates them (the engine's keys of mkdocs.yml)


@dataclass(frozen=True)
class Key:
    """A mapping key: its text as written and its own line."""

    text: str
    line: int


@dataclass(frozen=True)
class Mapping(Node):
    """A mapping in file order; each value keeps its key, so errors can point at the key's line."""

    entries: dict[str, tuple[Key, Node]] = field(default_factory=dict)


@dataclass(frozen=True)
class Sequence(Node):
    """A list of nodes."""

    items: tuple[Node, ...] = ()


def load_yaml(path: Path, *, tolerate_tags: bool = False) -> Mapping:
    """Parse a YAML file whose top level is a mapping into located nodes; refuse what the edition never uses."""
    if not path.is_file():
        raise EditionError(path, None, "file is missing", "restore it: the build reads it")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise EditionError(path, data[: err.start].count(b"\n") + 1, f"byte {data[err.start]:#04x} is not UTF-8",
                           "save the file as UTF-8") from None
    try:
        root = _Builder(path, tolerate_tags).document(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.reader.ReaderError as err:  # a character YAML does not allow anywhere, such as NUL
        raise EditionError(path, text[: err.position].count("\n") + 1,
                           f"character U+{ord(text[err.position]):04X} is not allowed in YAML",
                           "remove it (a control character left by an editor or a copy)") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise EditionError(path, mark.line + 1 if mark else None, f"malformed YAML ({err.problem or err.context})",
                           "fix the YAML syntax at that line") from None
    except yaml.YAMLError as err:
        raise EditionError(path, None, f"malformed YAML ({err})", "fix the YAML syntax") from None
    if not isinstance(root, Mapping):
        raise EditionError(path, root.line if root else 1, "expected a YAML mapping",
                           "start the file with key: value pairs")
    return root


class _Builder:
    """Turns the parser's event stream into nodes, refusing aliases, anchors, tags and repeated keys."""

    def __init__(self, path: Path, tolerate_tags: bool) -> None:
        self.path = path
        self.tolerate_tags = tolerate_tags

    def document(self, events: Iterator[yaml.Event]) -> Node | None:
        """The document's root node; a second document is refused."""
        stream = iter(events)
        root: Node | None = None
        for event in stream:
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None:
                    raise EditionError(self.path, _line(event), "a second YAML document in one file",
                                       "remove the '---' and everything after it, or merge the documents")
                root = self.node(next(stream), stream, 1)
        return root

    def node(self, event: yaml.Event, stream: Iterator[yaml.Event], depth: int) -> Node:
        """The node that starts with ``event``, ``depth`` levels down, its children read from ``stream``."""
        line = _line(event)
        if depth > MAX_DEPTH:
            raise EditionError(self.path, line, f"YAML nested too deeply (more than {MAX_DEPTH} levels)",
                               "flatten the lists and mappings: the edition's files nest a few levels at most")
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            raise EditionError(self.path, line, f"YAML alias *{anchor}", "write the value out in full: "
                               "the edition's files use no anchors or aliases")
        if anchor:
            raise EditionError(self.path, line, f"YAML anchor &{anchor}", "remove the anchor and write "
                               "every value out in full: the edition's files use no anchors or aliases")
        tag = str(getattr(event, "tag", None) or "")
        explicit = tag not in ("", "!")
        if explicit and not self.tolerate_tags:
            raise EditionError(self.path, line, f"YAML tag {tag}", "remove the tag: write plain values")
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, line, tag if explicit else "")
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(item := next(stream), yaml.SequenceEndEvent):
                items.append(self.node(item, stream, depth + 1))
            return Sequence(self.path, line, tuple(items))
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(line, stream, depth)
        raise EditionError(self.path, line, f"unexpected YAML {type(event).__name__}", "fix the YAML syntax")

    def mapping(self, line: int, stream: Iterator[yaml.Event], depth: int) -> Mapping:
        """A mapping's entries up to its end; a key given twice is refused."""
        entries: dict[str, tuple[Key, Node]] = {}
        while not isinstance(event := next(stream), yaml.MappingEndEvent):
            key_node = self.node(event, stream, depth + 1)
            if not isinstance(key_node, Scalar):
                raise EditionError(self.path, key_node.line, "a list or mapping used as a key",
                                   "keys are plain words or numbers")
            key = Key(key_node.text, key_node.line)
            if key.text in entries:
                raise EditionError(self.path, key.line, f"key {key.text!r} is given twice (first at line "
                                   f"{entries[key.text][0].line})", "keep one of them: YAML keeps only the last")
            entries[key.text] = (key, self.node(next(stream), stream, depth + 1))
        return Mapping(self.path, line, entries)

    def scalar(self, event: yaml.ScalarEvent, line: int, tag: str) -> Scalar:
        """A scalar resolved as YAML 1.1 resolves plain scalars, dates kept as strings, numbers decimal only."""
        if bad := _FORBIDDEN.search(event.value):
            kind, fix = _forbidden(bad.group())
            raise EditionError(self.path, line, f"{kind} U+{ord(bad.group()):04X} in text", fix)
        if tag or not event.implicit[0]:
            return Scalar(self.path, line, event.value, event.value, tag)
        resolved = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        if resolved == _MERGE:
            raise EditionError(self.path, line, "YAML merge key `<<` is not used in the edition's files",
                               "write the keys out in full")
        if resolved == _STR or (resolved in _DECIMAL and not _DECIMAL[resolved].fullmatch(event.value)):
            return Scalar(self.path, line, event.value, event.value)
        try:
            value = _CONSTRUCTOR.construct_object(yaml.ScalarNode(resolved, event.value))
        except ValueError:  # an integer of thousands of digits: Python refuses to read it
            raise EditionError(self.path, line, f"number {event.value[:20]}… is too long",
                               "write a number of a few digits, or quote it as text") from None
        return Scalar(self.path, line, value if isinstance(value, (int, float, bool)) or value is None
                      else event.value, event.value)


def _forbidden(character: str) -> tuple[str, str]:
    """What a forbidden character is, in words, and how to be rid of it."""
    if "\ud800" <= character <= "\udfff":
        return "lone surrogate", "write the whole character: an escape such as \\ud800 is half of one"
    if "\u202a" <= character <= "\u202e" or "\u2066" <= character <= "\u2069":
        return "bidirectional control", "remove it: it reorders the text around it on screen"
    return "control character", "remove it: text holds no control characters but tab and line break"


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 1
