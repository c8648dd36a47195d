"""The three statistics tables of a report as rows and cells ready for the ``stats_table`` macro.

Each cell knows its path (``applications.new.total``), whether a failed consistency check names
it, and optionally its change (Δ) against the same cell of another report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from parsers.model import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS_2019,
    APPLICATION_ROWS_2021,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)
from portal import labels
from portal.figures import Number, cell_value, format_figure


@dataclass
class CellView:
    """One number of a table."""

    path: str
    value: Number | None
    failing: bool = False
    #: Change against the compared report; None when either side is missing.
    delta: Number | None = None
    compared: bool = False

    @property
    def display(self) -> str:
        """The value as shown ("—" for a blank cell)."""
        return format_figure(self.value)

    @property
    def delta_display(self) -> str:
        """The change as shown: ``+3``, ``-2``, ``0`` or "—"."""
        if self.delta is None:
            return "—"
        if self.delta > 0:
            return f"+{format_figure(self.delta)}"
        if self.delta < 0:
            return f"-{format_figure(-self.delta)}"
        return "0"

    @property
    def delta_kind(self) -> str:
        """``up``, ``down``, ``same`` or ``unknown``, for styling."""
        if self.delta is None:
            return "unknown"
        return "up" if self.delta > 0 else "down" if self.delta < 0 else "same"


@dataclass
class RowView:
    """One row: its label and its cells, in column order."""

    key: str
    label: str
    cells: list[CellView]


@dataclass
class TableView:
    """A rendered table: caption, column headings and rows."""

    key: str
    caption: str
    row_heading: str
    columns: list[str]
    rows: list[RowView] = field(default_factory=list)


def failing_cells(checks: Iterable[Mapping[str, Any]] | None) -> set[str]:
    """Cell paths named by failed consistency checks."""
    cells: set[str] = set()
    for check in checks or ():
        if check.get("status") == "fail":
            cells.update(str(cell) for cell in check.get("cells") or ())
    return cells


def build_tables(
    tables: Mapping[str, Any] | None,
    *,
    failing: set[str] | None = None,
    previous: Mapping[str, Any] | None = None,
) -> list[TableView]:
    """The report's tables in template order; absent tables are left out.

    With ``previous`` (another report's tables) each cell carries its change.
    """
    tables = tables or {}
    failing = failing or set()
    views: list[TableView] = []
    active = tables.get("active")
    if isinstance(active, Mapping) and active:
        views.append(_active_table(active, failing, previous))
    applications = tables.get("applications")
    if isinstance(applications, Mapping) and applications:
        views.append(_applications_table(applications, failing, previous))
    reviews = tables.get("reviews")
    if isinstance(reviews, Mapping) and reviews:
        views.append(_reviews_table(reviews, failing, previous))
    return views


def _cell(
    path: str, tables_value: Any, failing: set[str], previous: Mapping[str, Any] | None
) -> CellView:
    value = (
        tables_value
        if isinstance(tables_value, int | float) and not isinstance(tables_value, bool)
        else None
    )
    cell = CellView(path=path, value=value, failing=path in failing)
    if previous is not None:
        cell.compared = True
        before = cell_value(previous, path)
        if value is not None and before is not None:
            cell.delta = value - before
    return cell


def _applications_table(
    table: Mapping[str, Any], failing: set[str], previous: Mapping[str, Any] | None
) -> TableView:
    row_order = APPLICATION_ROWS_2019 if "other" in table else APPLICATION_ROWS_2021
    known = [row for row in row_order if row in table]
    extra = [row for row in table if row not in row_order]
    view = TableView(
        key="applications",
        caption=labels.TABLE_LABELS["applications"],
        row_heading="项目",
        columns=[labels.APPLICANT_COLUMN_LABELS[column] for column in APPLICANT_COLUMNS],
    )
    for row in known + extra:
        values = table.get(row) or {}
        cells = [
            _cell(f"applications.{row}.{column}", values.get(column), failing, previous)
            for column in APPLICANT_COLUMNS
        ]
        view.rows.append(RowView(row, labels.APPLICATION_ROW_LABELS.get(row, row), cells))
    return view


def _reviews_table(
    table: Mapping[str, Any], failing: set[str], previous: Mapping[str, Any] | None
) -> TableView:
    view = TableView(
        key="reviews",
        caption=labels.TABLE_LABELS["reviews"],
        row_heading="类别",
        columns=[labels.REVIEW_COLUMN_LABELS[column] for column in REVIEW_COLUMNS],
    )
    for group in REVIEW_GROUPS:
        if group not in table:
            continue
        values = table.get(group) or {}
        cells = [
            _cell(f"reviews.{group}.{column}", values.get(column), failing, previous)
            for column in REVIEW_COLUMNS
        ]
        view.rows.append(RowView(group, labels.REVIEW_GROUP_LABELS[group], cells))
    return view


def _active_table(
    table: Mapping[str, Any], failing: set[str], previous: Mapping[str, Any] | None
) -> TableView:
    """主动公开: items have different fields, so the table is one row per item and field."""
    view = TableView(
        key="active",
        caption=labels.TABLE_LABELS["active"],
        row_heading="信息内容",
        columns=["数值"],
    )
    for item, values in table.items():
        if not isinstance(values, Mapping):
            continue
        for name, value in values.items():
            label = (
                f"{labels.ACTIVE_ITEM_LABELS.get(item, item)} · "
                f"{labels.ACTIVE_FIELD_LABELS.get(name, name)}"
            )
            cell = _cell(f"active.{item}.{name}", value, failing, previous)
            view.rows.append(RowView(f"{item}.{name}", label, [cell]))
    return view


#: How a table row was read, in Chinese.
READ_METHODS = {
    "grid": "从表格读取",
    "text": "从文本行读取",
    "ocr": "从扫描件文字识别（OCR）读取",
    "manual": "人工更正",
}


def provenance_text(entry: Mapping[str, Any] | None) -> str | None:
    """One line saying where a row (or a cell set by hand) was read, or None if unknown."""
    if not entry:
        return None
    parts = []
    if entry.get("label"):
        parts.append(f"原文行标题“{entry['label']}”")
    parts.append(READ_METHODS.get(str(entry.get("method")), "读取方式不详"))
    if entry.get("page"):
        parts.append(f"第 {entry['page']} 页")
    if entry.get("grid") and entry.get("row"):
        parts.append(f"第 {entry['grid']} 个表格第 {entry['row']} 行")
    elif entry.get("line"):
        parts.append(f"正文第 {entry['line']} 行")
    if entry.get("confidence") is not None:
        parts.append(f"识别置信度 {float(entry['confidence']) * 100:.0f}%")
    return "，".join(parts)


def row_sources(provenance: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """``<table>.<row>`` (and hand-set cell paths) → ``{"text", "page"}``: where it was read."""
    found: dict[str, dict[str, Any]] = {}
    for key, entry in (provenance or {}).items():
        text = provenance_text(entry)
        if text:
            found[key] = {"text": text, "page": entry.get("page")}
    return found
