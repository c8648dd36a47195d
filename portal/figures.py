"""Key figures of a report (applications, results, reviews, litigation) and the rates built on them.

A figure is addressed by its cell path in ``tables`` (``applications.new.total``), the same
names the consistency checks use. A missing table or cell gives ``None``, never zero; a rate
with a zero or missing denominator is ``None`` and shown as "—".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Number = int | float


@dataclass(frozen=True)
class Figure:
    """A figure readers compare across years and agencies."""

    key: str
    label: str
    #: Cell path for a plain figure; empty for a rate.
    cell: str = ""
    #: For rates: cell paths summed into the numerator, and the denominator cell.
    numerator: tuple[str, ...] = ()
    denominator: str = ""

    @property
    def is_rate(self) -> bool:
        """True for a ratio shown as a percentage."""
        return bool(self.denominator)


KEY_FIGURES: tuple[Figure, ...] = (
    Figure("applications", "新收申请", cell="applications.new.total"),
    Figure("carried_over", "上年结转", cell="applications.carried_over.total"),
    Figure("granted", "予以公开", cell="applications.granted.total"),
    Figure("partial", "部分公开", cell="applications.partial.total"),
    Figure("results_total", "办理结果总计", cell="applications.results_total.total"),
    Figure("reviews", "行政复议", cell="reviews.review.total"),
    Figure("reviews_corrected", "复议纠正", cell="reviews.review.corrected"),
    Figure("litigation", "行政诉讼（直接起诉）", cell="reviews.litigation.total"),
    Figure(
        "litigation_after_review",
        "行政诉讼（复议后起诉）",
        cell="reviews.litigation_after_review.total",
    ),
)

RATE_FIGURES: tuple[Figure, ...] = (
    Figure(
        "disclosure_rate",
        "公开率",
        numerator=("applications.granted.total", "applications.partial.total"),
        denominator="applications.results_total.total",
    ),
    Figure(
        "review_correction_rate",
        "复议纠错率",
        numerator=("reviews.review.corrected",),
        denominator="reviews.review.total",
    ),
)

ALL_FIGURES: tuple[Figure, ...] = KEY_FIGURES + RATE_FIGURES
FIGURES_BY_KEY: dict[str, Figure] = {figure.key: figure for figure in ALL_FIGURES}


def cell_value(tables: Mapping[str, Any] | None, path: str) -> Number | None:
    """The number at ``table.row.column`` in ``tables``, or None when absent or blank."""
    node: Any = tables or {}
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    if isinstance(node, bool) or not isinstance(node, int | float):
        return None
    return node


def figure_value(tables: Mapping[str, Any] | None, figure: Figure) -> Number | None:
    """The value of one figure for a report's tables (a rate as a fraction between 0 and 1)."""
    if not figure.is_rate:
        return cell_value(tables, figure.cell)
    denominator = cell_value(tables, figure.denominator)
    parts = [cell_value(tables, cell) for cell in figure.numerator]
    if not denominator or any(part is None for part in parts):
        return None
    return sum(part for part in parts if part is not None) / denominator


def figure_values(tables: Mapping[str, Any] | None) -> dict[str, Number | None]:
    """Every key figure and rate of a report, keyed by :attr:`Figure.key`."""
    return {figure.key: figure_value(tables, figure) for figure in ALL_FIGURES}


def with_prose_figures(
    tables: Mapping[str, Any] | None, prose_figures: Mapping[str, Any] | None
) -> Mapping[str, Any]:
    """``tables`` with the figures read from the prose filled in where no table was read."""
    if not prose_figures:
        return tables or {}
    merged: dict[str, Any] = {name: rows for name, rows in (tables or {}).items()}
    for path, figure in prose_figures.items():
        table, row, column = path.split(".")
        if table in (tables or {}) or not isinstance(figure, Mapping):
            continue
        rows = merged.setdefault(table, {})
        rows.setdefault(row, {})[column] = figure.get("value")
    return merged


def report_figures(report: Any) -> dict[str, Number | None]:
    """Every key figure of a report (anything with ``tables`` and maybe ``prose_figures``),
    figures stated only in its prose included."""
    return figure_values(with_prose_figures(report.tables, getattr(report, "prose_figures", None)))


def prose_figure_keys(report: Any) -> set[str]:
    """Keys of the figures of a report that come from its prose, not from a table."""
    prose = getattr(report, "prose_figures", None) or {}
    tables = report.tables or {}
    if not prose:
        return set()
    return {
        figure.key
        for figure in ALL_FIGURES
        if any(
            cell in prose and cell.split(".")[0] not in tables
            for cell in (figure.cell, *figure.numerator, figure.denominator)
            if cell
        )
    }


def format_figure(value: Number | None, figure: Figure | None = None) -> str:
    """A figure for display: rates as percentages, missing values as "—"."""
    if value is None:
        return "—"
    if figure is not None and figure.is_rate:
        return f"{value * 100:.1f}%"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"
