"""The Traditional Chinese reading view: a conversion of the Simplified text, never an original.

OpenCC profile ``s2tw`` (Simplified Chinese to Traditional Chinese, Taiwan standard characters): it converts
characters, using OpenCC's phrase tables only to choose between variants, and changes no vocabulary
(unlike ``s2twp``, which also replaces words with Taiwanese usage).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from build_tools.model import urls
from build_tools.model.edition import Version

PROFILE = "s2tw"
LABEL = "繁體（自動轉換）"


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC(PROFILE)


def convert(text: str) -> str:
    """Simplified → Traditional characters with OpenCC's ``s2tw`` profile."""
    return str(_converter().convert(text))


def original_key(version: Version) -> str:
    """The key of the version whose text ``version`` shows: zh for the 繁體 conversion, else its own key."""
    return "zh" if version.key == urls.TRADITIONAL else version.key


def traditional_version(zh: Version) -> Version:
    """The zh version converted to Traditional characters, under its own key, sharing every block ID."""
    cells = {block_id: replace(cell, text=convert(cell.text)) if cell.status == "text" else cell
             for block_id, cell in zh.cells.items()}
    return replace(zh, key=urls.TRADITIONAL, lang="zh-hant", status="conversion", label=LABEL, title=convert(zh.title),
                   witnesses=[], metadata={}, cells=cells, collated={})


