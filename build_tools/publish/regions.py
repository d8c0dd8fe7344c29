"""Generated regions of hand-written files: the lines between two marker lines, made from the records.

``make docs`` rewrites only those lines and leaves every other byte as the editors wrote it; ``check``
fails when they are not what the records make. ``mkdocs.yml``'s navigation and the home page's table of
documents are such regions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.model.errors import EditionError

# Every BEGIN marker says this after its comment sign, so that an edited marker is still found as one.
BEGIN_WORDS = "BEGIN generated"


@dataclass(frozen=True)
class Markers:
    """The two marker lines around a file's generated region, and how a refusal names and mends them."""

    begin: str
    end: str
    name: str  # in "a second generated-navigation marker"
    fix: str  # how to put the markers back

    def is_begin(self, line: str) -> bool:
        """A BEGIN marker, its description edited or not."""
        return line.strip().startswith(self.begin[:self.begin.index(BEGIN_WORDS) + len(BEGIN_WORDS)])


@dataclass(frozen=True)
class Region:
    """A file's lines, and where its generated region lies between the markers."""

    lines: list[str]
    begin: int  # index of the BEGIN marker's line
    end: int  # index of the END marker's line

    @property
    def indent(self) -> str:
        """The BEGIN marker's indentation."""
        return indent_of(self.lines[self.begin])

    @property
    def current(self) -> list[str]:
        """The lines between the markers as the file has them."""
        return self.lines[self.begin + 1:self.end]

    def with_lines(self, generated: list[str]) -> str:
        """The whole file with ``generated`` between the markers."""
        return "".join(self.lines[:self.begin + 1] + generated + self.lines[self.end:])

    def stale_line(self, expected: list[str]) -> int | None:
        """The file's line where the region first departs from ``expected``; None when it is what they make."""
        current = self.current
        if current == expected:
            return None
        differs = next((i for i, (a, b) in enumerate(zip(current, expected)) if a != b),
                       min(len(current), len(expected)))
        return self.begin + 2 + min(differs, max(len(current) - 1, 0))


def indent_of(line: str) -> str:
    """The spaces and tabs a line starts with."""
    return line[:len(line) - len(line.lstrip())]


def find_region(path: Path, lines: list[str], markers: Markers, absent_line: int, absent: str) -> Region:
    """The region between the file's one BEGIN and one END marker; else what is wrong with them, at its line."""
    begins = [i for i, line in enumerate(lines) if markers.is_begin(line)]
    ends = [i for i, line in enumerate(lines) if line.strip() == markers.end]
    if not begins and not ends:
        raise EditionError(path, absent_line, absent, markers.fix)
    if len(begins) > 1 or len(ends) > 1:
        extra = (begins if len(begins) > 1 else ends)[1]
        raise EditionError(path, extra + 1, f"a second {markers.name} marker",
                           "keep one BEGIN and one END marker around the generated lines, then run `make docs`")
    if not begins or not ends or ends[0] < begins[0]:
        at = ends[0] if ends else begins[0]
        raise EditionError(path, at + 1, f"this marker has no {'BEGIN' if ends else 'END'} marker "
                           f"{'before' if ends else 'after'} it", markers.fix)
    return Region(lines, begins[0], ends[0])


def write_region(path: Path, text: str) -> bool:
    """Write the file with its region made from the records, when it differs; True when it did."""
    if path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
