"""HTML snippets: a window of the report text around the matches, escaped, matches in ``<mark>``.

The text comes from crawled pages, so everything is escaped; only our own ``<mark>`` tags are
markup. Matches are found with the same semantics as the index (see
:func:`index.analysis.phrase_pattern`) directly in the original text, without normalizing it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from index.analysis import phrase_pattern

SNIPPET_CHARS = 160
#: Characters of context shown before the first match of the window.
LEAD_CHARS = 30
_WHITESPACE = re.compile(r"\s+")


def find_matches(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` spans of every phrase in ``text``."""
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        pattern = phrase_pattern(phrase)
        if pattern is not None:
            spans.extend(match.span() for match in pattern.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _best_window(spans: list[tuple[int, int]], width: int) -> int:
    """Start of the ``width``-character window holding the most matches."""
    best_start, best_count = spans[0][0], 0
    right = 0
    for left, (start, _end) in enumerate(spans):
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] <= start + width:
            right += 1
        if right - left + 1 > best_count:
            best_start, best_count = start, right - left + 1
    return best_start


_MARKDOWN_MARKS = re.compile(r"\*\*|__|^\s{0,3}#{1,6}\s+|^\s{0,3}>\s?", re.MULTILINE)
_NUMBER = re.compile(r"^[-+]?\d[\d,.%]*$|^[-—/]$")


def is_table_line(line: str) -> bool:
    """A line of a statistics table as text: tab-separated cells, a Markdown table row, a lone
    number (one cell per line), or mostly numbers."""
    stripped = line.strip()
    if not stripped:
        return False
    if "\t" in line or stripped.startswith("|") or re.fullmatch(r"[\s|:\-]+", stripped):
        return True
    tokens = stripped.split()
    numbers = sum(bool(_NUMBER.match(token)) for token in tokens)
    return numbers == len(tokens) or (len(tokens) >= 3 and numbers * 2 >= len(tokens))


def prose_of(text: str) -> str:
    """The report's prose: table lines dropped, Markdown marks (``**``, ``#``) removed."""
    kept = [line for line in text.splitlines() if not is_table_line(line)]
    return _MARKDOWN_MARKS.sub("", "\n".join(kept))


def _clean(text: str) -> str:
    return escape(_WHITESPACE.sub(" ", text))


def make_snippet(text: str, phrases: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """An HTML-safe snippet of the prose of ``text`` showing the densest cluster of ``phrases``
    (never table cells or Markdown marks: a phrase found only in a table shows the opening)."""
    text = prose_of(text)
    spans = find_matches(text, phrases)
    if not spans:
        body = _clean(text[:width].strip())
        return body + ("…" if len(text) > width else "")
    first = _best_window(spans, width - LEAD_CHARS)
    start = max(0, first - LEAD_CHARS)
    end = min(len(text), start + width)
    pieces: list[str] = ["…"] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(_clean(text[cursor:span_start]))
        pieces.append(f"<mark>{_clean(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(_clean(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces)
