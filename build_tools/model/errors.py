"""The one error type the build reports to people: ``file:line: what is wrong — how to fix``."""

from __future__ import annotations

from pathlib import Path


class EditionError(Exception):
    """Bad input, located in a file, with the way to fix it."""

    def __init__(self, path: str | Path, line: int | None, problem: str, fix: str) -> None:
        self.path = _relative(Path(path))
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem} — {self.fix}"


def _relative(path: Path) -> str:
    """The path as the reader typed it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
