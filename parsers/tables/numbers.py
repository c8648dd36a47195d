"""Reading the numbers of statistics tables: ``1,234``, ``12.5``, full-width ``１２``, ``—`` …

A cell is one of three things: a number, a blank (empty, a dash, ``无``: the value is unknown and
becomes ``None``, never zero) or text (a label).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from parsers.model import Number

#: Cell contents that mean "no value" (blank is not zero).
BLANK_MARKERS: frozenset[str] = frozenset(
    {"", "-", "--", "—", "——", "－", "–", "/", "／", "\\", "无", "空", "null", "none", "n/a", "×"}
)
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_UNIT_SUFFIX = re.compile(r"(?:件|条|个|项|次|笔|宗|份|万元|元|%)$")
_SPACES = re.compile(r"\s+")
_CHANGE_WORD = re.compile(r"^(增加|增|减少|减)(?=\d)")


@dataclass(frozen=True)
class Cell:
    """A classified table cell: ``kind`` is ``number``, ``blank`` or ``text``."""

    kind: str
    value: Number | None = None
    text: str = ""


def normalize_cell_text(raw: str) -> str:
    """NFKC (full-width digits and punctuation to half-width) with all whitespace removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", raw))


def parse_number(raw: str) -> Number | None:
    """The number written in a cell, or ``None`` for a blank, a dash or text.

    ``"1,234"`` → 1234, ``"１２"`` → 12, ``"12.5"`` → 12.5, ``"0.00"`` → 0.0, ``"—"`` → None.
    """
    cell = classify_cell(raw)
    return cell.value if cell.kind == "number" else None


@lru_cache(maxsize=8192)
def classify_cell(raw: str) -> Cell:
    """Classify a cell's text as a number, a blank or a text label."""
    text = normalize_cell_text(raw)
    if text.lower() in BLANK_MARKERS:
        return Cell("blank", None, text)
    candidate = _UNIT_SUFFIX.sub("", text.replace(",", ""))
    change = _CHANGE_WORD.match(candidate)
    if change and _NUMBER.fullmatch(candidate[change.end() :]):
        # 本年增/减 written in words: ``减12`` is −12, ``增5`` is +5.
        sign = "-" if change.group(1).startswith("减") else ""
        candidate = sign + candidate[change.end() :]
    if _NUMBER.fullmatch(candidate):
        if "." in candidate:
            return Cell("number", float(candidate), text)
        return Cell("number", int(candidate), text)
    return Cell("text", None, text)
