"""Recognising table rows by their labels, robust to spacing, punctuation width and numbering."""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.tables.numbers import normalize_cell_text

#: Leading enumerators: ``一、``, ``（三）``, ``(3)``, ``1.``, ``3、``.
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])+"
)
_QUOTES = re.compile(r"[\"'“”‘’「」『』]")


@lru_cache(maxsize=8192)
def normalize_label(raw: str) -> str:
    """A label reduced for matching: half-width, no spaces, no quotes, no leading enumerator."""
    text = _QUOTES.sub("", normalize_cell_text(raw))
    return _ENUMERATOR.sub("", text)


def label_contains(label: str, *keywords: str) -> bool:
    """Whether a normalised label contains any of the keywords."""
    return any(keyword in label for keyword in keywords)
