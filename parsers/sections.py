"""The six numbered sections of a report: ``{"number", "heading", "text"}``.

Headings of the 2019/2021 templates are recognised by their words (with or without ``三、``,
markdown ``#``/``**``, full- or half-width punctuation); older reports whose headings differ get
their top-level numbered headings (``一、`` … ) in order. Lines before section 一 are not a section.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.model import Section

NUMERALS = "一二三四五六七八九十"
#: Words of each standard heading (any one identifies it), by section number.
STANDARD_HEADINGS: dict[int, tuple[str, ...]] = {
    1: ("总体情况", "概述"),
    2: ("主动公开政府信息情况", "主动公开政府信息的情况"),
    3: ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况"),
    4: ("政府信息公开行政复议、行政诉讼情况", "行政复议、行政诉讼情况", "行政复议和行政诉讼"),
    5: ("存在的主要问题及改进情况", "存在的主要问题和改进情况", "主要问题及改进情况"),
    6: ("其他需要报告的事项",),
}
_MAX_HEADING_CHARS = 40
_MARKUP = re.compile(r"^[#*\s]+|[*\s]+$")
_NUMBERED = re.compile(rf"^([{NUMERALS}]{{1,3}})\s*[、.．]\s*(\S.*)$")
_SENTENCE_PUNCTUATION = re.compile(r"[。；;，,：:]")


@dataclass(frozen=True)
class _Candidate:
    line_index: int
    heading: str
    numeral: int | None
    body: str


def split_sections(text: str) -> list[Section]:
    """The report's numbered sections in order, each with its heading and text."""
    lines = text.splitlines()
    candidates = [c for i, line in enumerate(lines) if (c := _candidate(i, line)) is not None]
    chosen = _standard_headings(candidates)
    if len(chosen) < 3:
        chosen = _numbered_headings(candidates)
    sections = []
    for position, (number, candidate) in enumerate(chosen):
        end = chosen[position + 1][1].line_index if position + 1 < len(chosen) else len(lines)
        body = "\n".join(lines[candidate.line_index + 1 : end]).strip()
        sections.append(Section(number=number, heading=candidate.heading, text=_clean(body)))
    return sections


def _candidate(index: int, line: str) -> _Candidate | None:
    """A line that could be a top-level heading: short, no tab, no sentence punctuation."""
    if "\t" in line:
        return None
    heading = _MARKUP.sub("", line)
    if not heading or len(heading) > _MAX_HEADING_CHARS or _SENTENCE_PUNCTUATION.search(heading):
        return None
    normalized = unicodedata.normalize("NFKC", heading).replace(" ", "")
    match = _NUMBERED.match(normalized)
    if match:
        return _Candidate(index, heading, numeral_value(match.group(1)), match.group(2))
    return _Candidate(index, heading, None, normalized)


def numeral_value(numeral: str) -> int | None:
    """``一`` → 1 … ``十二`` → 12; ``None`` for anything else."""
    if numeral in NUMERALS:
        return NUMERALS.index(numeral) + 1
    if numeral.startswith("十") and len(numeral) == 2 and numeral[1] in NUMERALS[:9]:
        return 10 + NUMERALS.index(numeral[1]) + 1
    return None


def _standard_number(candidate: _Candidate) -> int | None:
    """The section number of a standard heading (an unnumbered one must match exactly)."""
    body = candidate.body
    for number, words in STANDARD_HEADINGS.items():
        if candidate.numeral is None:
            if body in words:
                return number
        elif any(body.startswith(word) or body.endswith(word) for word in words):
            return number
    return None


def _standard_headings(candidates: Sequence[_Candidate]) -> list[tuple[int, _Candidate]]:
    """Standard headings in increasing order; a numeral, when present, must agree."""
    chosen: list[tuple[int, _Candidate]] = []
    for candidate in candidates:
        number = _standard_number(candidate)
        if number is None or (candidate.numeral is not None and candidate.numeral != number):
            continue
        if chosen and number <= chosen[-1][0]:
            continue
        chosen.append((number, candidate))
    return chosen


def _numbered_headings(candidates: Sequence[_Candidate]) -> list[tuple[int, _Candidate]]:
    """Top-level numbered headings ``一、`` ``二、`` … in sequence (older free-form reports)."""
    chosen: list[tuple[int, _Candidate]] = []
    for candidate in candidates:
        if candidate.numeral == len(chosen) + 1:
            chosen.append((candidate.numeral, candidate))
    return chosen


def _clean(body: str) -> str:
    """Section text without markdown bold markers or runs of blank lines."""
    body = body.replace("**", "")
    return re.sub(r"\n{3,}", "\n\n", body)
