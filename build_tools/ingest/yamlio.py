"""YAML loading that remembers line numbers, so errors can say ``file:line``."""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.model.errors import EditionError


class LineDict(dict):
    """A mapping that knows the 1-based line where it starts in its YAML file."""

    line: int | None = None


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: an edition record's dates are cited as written.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path) -> LineDict:
    """Parse a YAML mapping, turning syntax errors into an :class:`EditionError`."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise EditionError(path, line, f"malformed YAML ({problem})", "fix the YAML syntax at that line") from None
    except UnicodeDecodeError:
        raise EditionError(path, None, "file is not UTF-8", "save it as UTF-8") from None
    if not isinstance(data, dict):
        raise EditionError(path, 1, "expected a YAML mapping", "start the file with key: value pairs")
    return data
