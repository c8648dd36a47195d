"""Side-by-side text differences (difflib) between two versions or two years of a report.

Paragraphs are aligned first; paragraphs that were changed are compared character by character
so the changed words are highlighted, which suits Chinese text without spaces.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

SegmentKind = Literal["same", "removed", "added"]
#: Paragraph pairs longer than this are not compared character by character (cost is quadratic).
MAX_CHAR_DIFF_LENGTH = 4000


@dataclass
class Segment:
    """A run of text that is the same on both sides, or only on one."""

    kind: SegmentKind
    text: str


@dataclass
class DiffRow:
    """One aligned pair of paragraphs; either side may be empty."""

    left: list[Segment] = field(default_factory=list)
    right: list[Segment] = field(default_factory=list)
    changed: bool = False


@dataclass
class TextDiff:
    """The aligned paragraphs of two texts and a count of changed ones."""

    rows: list[DiffRow]

    @property
    def changed_rows(self) -> int:
        """Number of paragraph pairs that differ."""
        return sum(1 for row in self.rows if row.changed)

    @property
    def identical(self) -> bool:
        """True when both texts have the same paragraphs."""
        return self.changed_rows == 0


def paragraphs(text: str) -> list[str]:
    """Non-blank lines of ``text``, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def diff_texts(before: str, after: str) -> TextDiff:
    """Align the paragraphs of ``before`` and ``after`` and mark what changed."""
    left, right = paragraphs(before), paragraphs(after)
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                DiffRow([Segment("same", text)], [Segment("same", text)]) for text in left[i1:i2]
            )
            continue
        old, new = left[i1:i2], right[j1:j2]
        for index in range(max(len(old), len(new))):
            a = old[index] if index < len(old) else None
            b = new[index] if index < len(new) else None
            rows.append(_changed_row(a, b))
    return TextDiff(rows)


def _changed_row(before: str | None, after: str | None) -> DiffRow:
    if before is None:
        return DiffRow([], [Segment("added", after or "")], changed=True)
    if after is None:
        return DiffRow([Segment("removed", before)], [], changed=True)
    if len(before) + len(after) > MAX_CHAR_DIFF_LENGTH:
        return DiffRow([Segment("removed", before)], [Segment("added", after)], changed=True)
    left, right = diff_characters(before, after)
    return DiffRow(left, right, changed=True)


def diff_characters(before: str, after: str) -> tuple[list[Segment], list[Segment]]:
    """Character-level segments of both sides of a changed paragraph."""
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(Segment("same", before[i1:i2]))
            right.append(Segment("same", after[j1:j2]))
            continue
        if i2 > i1:
            left.append(Segment("removed", before[i1:i2]))
        if j2 > j1:
            right.append(Segment("added", after[j1:j2]))
    return left, right
