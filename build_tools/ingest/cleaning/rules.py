"""The registry of cleaning rules: each rule is published under a stable name, the name every strip
report, join log and the cleaning-rules page use. Renaming a function never renames a rule, and a
report's entries can be replayed by looking their rule up here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Rule = TypeVar("Rule", bound=Callable[..., Any])

RULES: dict[str, Callable[..., Any]] = {}
_NAMES: dict[Callable[..., Any], str] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register the decorated function as the cleaning rule ``name`` (names are permanent, like anchors)."""
    def register(function: Rule) -> Rule:
        if name in RULES:
            raise ValueError(f"cleaning rule {name} is registered twice")
        RULES[name] = function
        _NAMES[function] = name
        return function
    return register


def rule_name(function: Callable[..., Any]) -> str:
    """The stable public name of a registered rule."""
    return _NAMES[function]
