"""Table 四 (行政复议、行政诉讼情况): ``tables.reviews[group][column]``.

The table has no row labels: after the header (行政复议 / 行政诉讼 …) comes one row of 15 numbers,
five for each of review, litigation without review, and litigation after review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.model import REVIEW_COLUMNS, REVIEW_GROUPS, Number
from parsers.tables.grid import Row, fit_values, split_label_and_values
from parsers.tables.labels import normalize_label

_CELL_COUNT = len(REVIEW_GROUPS) * len(REVIEW_COLUMNS)
#: How many rows after the 行政复议 header the numbers may come.
_MAX_HEADER_ROWS = 6


@dataclass
class ReviewsTable:
    """The result of reading table 四: the table (or ``None``) and warnings."""

    table: dict[str, dict[str, Number | None]] | None
    warnings: list[str] = field(default_factory=list)


def find_reviews_header(rows: Sequence[Row], start: int = 0) -> int | None:
    """Index of the header row naming 行政复议 (and usually 行政诉讼), from ``start`` on."""
    for index in range(start, len(rows)):
        labels = [normalize_label(cell) for cell in rows[index]]
        if any(label == "行政复议" or label.startswith("行政复议") for label in labels if label):
            return index
    return None


def parse_review_table(rows: Sequence[Row], start: int = 0) -> ReviewsTable:
    """Read table 四 from a document's table rows (searching from row ``start``)."""
    header = find_reviews_header(rows, start)
    if header is None:
        return ReviewsTable(None)
    for row in rows[header + 1 : header + 1 + _MAX_HEADER_ROWS]:
        _, tail = split_label_and_values(row)
        if not any(cell.kind == "number" for cell in tail):
            continue
        fitted = fit_values(tail, _CELL_COUNT)
        if fitted is None:
            return ReviewsTable(
                None, [f"表四无法读取：数字行应有 {_CELL_COUNT} 格，实有 {len(tail)} 格"]
            )
        values = iter(fitted)
        table = {
            group: {column: next(values).value for column in REVIEW_COLUMNS}
            for group in REVIEW_GROUPS
        }
        return ReviewsTable(table)
    return ReviewsTable(None, ["表四无法读取：表头之后没有数字行"])
