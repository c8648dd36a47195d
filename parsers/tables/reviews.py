"""Table 四 (行政复议、行政诉讼情况): ``tables.reviews[group][column]``.

The table has no row labels: after the header (行政复议 / 行政诉讼 …) come 15 numbers, five for
each of review, litigation without review, and litigation after review. They are usually one row;
a table cut at a page edge or re-typed by a CMS spreads them over consecutive rows, which are read
in order until 15 values are found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.model import REVIEW_COLUMNS, REVIEW_GROUPS, Number
from parsers.tables.grid import Row, fit_values, split_label_and_values
from parsers.tables.labels import normalize_label
from parsers.tables.numbers import Cell

_CELL_COUNT = len(REVIEW_GROUPS) * len(REVIEW_COLUMNS)
#: The section heading glued to the table header in one flattened cell.
_GLUED_HEADER = "诉讼情况行政复议"
#: How many rows after the 行政复议 header the numbers may come.
_MAX_HEADER_ROWS = 6


@dataclass
class ReviewsTable:
    """The result of reading table 四: the table (or ``None``) and warnings."""

    table: dict[str, dict[str, Number | None]] | None
    warnings: list[str] = field(default_factory=list)
    #: The header row the numbers follow, as printed, and its index in the document's rows.
    source: tuple[str, int] | None = None


def find_reviews_header(rows: Sequence[Row], start: int = 0) -> int | None:
    """Index of the header row naming 行政复议 (and usually 行政诉讼), from ``start`` on."""
    for index in range(start, len(rows)):
        labels = [normalize_label(cell) for cell in rows[index]]
        if any(label == "行政复议" or label.startswith("行政复议") for label in labels if label):
            return index
        if any(_GLUED_HEADER in label for label in labels if label):
            return (
                index  # 四、…行政诉讼情况行政复议行政诉讼结果维持…总计: heading and header in one
            )
        # A flattened copy glues the section heading to the header: …诉讼情况行政复议 | 行政诉讼
        for position, label in enumerate(labels[:-1]):
            if label.endswith("行政复议") and labels[position + 1].startswith("行政诉讼"):
                return index
    return None


def parse_review_table(rows: Sequence[Row], start: int = 0) -> ReviewsTable:
    """Read table 四 from a document's table rows (searching from row ``start``)."""
    header = find_reviews_header(rows, start)
    if header is None:
        return ReviewsTable(None)
    pending: list[Cell] = []
    # In a text stream the header's own row carries the numbers that follow it.
    for row in rows[header : header + 1 + _MAX_HEADER_ROWS]:
        _, tail = split_label_and_values(row)
        if not any(cell.kind == "number" for cell in tail):
            if pending:
                break
            continue
        fitted = fit_values(tail, _CELL_COUNT, _groups_add_up) if not pending else None
        if fitted is None:
            pending.extend(_strip_blanks(tail))
            # Too few cells: more rows may follow, unless glued digits split into the 15.
            glued = _has_digit_runs(pending)
            fitted = fit_values(pending, _CELL_COUNT, _groups_add_up) if glued else None
            if fitted is None and len(pending) < _CELL_COUNT:
                continue
        if fitted is None:
            break
        values = iter(fitted)
        table = {
            group: {column: next(values).value for column in REVIEW_COLUMNS}
            for group in REVIEW_GROUPS
        }
        cells = [cell.strip() for cell in rows[header] if cell.strip()]
        printed = " / ".join(c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1])
        return ReviewsTable(table, source=(printed[:60], header))
    if pending:
        return ReviewsTable(
            None, [f"表四无法读取：数字行应有 {_CELL_COUNT} 格，实有 {len(pending)} 格"]
        )
    return ReviewsTable(None, ["表四无法读取：表头之后没有数字行"])


def _groups_add_up(cells: list[Cell]) -> bool:
    """Whether each group's four results add up to its 总计 (blank cells leave it open)."""
    width = len(REVIEW_COLUMNS)
    for start in range(0, len(cells), width):
        values = [cell.value for cell in cells[start : start + width]]
        if any(value is None for value in values):
            continue
        if sum(values[:-1]) != values[-1]:  # type: ignore[arg-type]
            return False
    return True


def _has_digit_runs(cells: Sequence[Cell]) -> bool:
    """Whether some value cell is several digits (glued values a split may recover)."""
    return any(
        cell.kind == "number" and cell.text.isdigit() and len(cell.text) > 1 for cell in cells
    )


def _strip_blanks(cells: Sequence[Cell]) -> list[Cell]:
    """A row's value cells without the padding blanks before the first and after the last value."""
    numbered = [i for i, cell in enumerate(cells) if cell.kind != "blank"]
    if not numbered:
        return []
    return list(cells[numbered[0] : numbered[-1] + 1])
