"""The figures the portal shows for a report (applications, results, reviews, litigation, rates).

Every figure is defined once in :mod:`figures.catalogue`; this module picks the ones a report
page, a comparison, the league and the exports show, and formats them. A missing table or cell
gives ``None``, never zero; a rate with a zero or missing denominator is ``None`` and shown
as "—".
"""

from __future__ import annotations

from typing import Any

from figures.catalogue import FIGURES_BY_KEY, Figure
from figures.values import Number, cell_value, figure_value, figure_values, report_tables

__all__ = [
    "FIGURES_BY_KEY",
    "SHOWN_FIGURES",
    "Figure",
    "Number",
    "cell_value",
    "figure_value",
    "format_figure",
    "prose_figure_keys",
    "report_figures",
]

#: Keys of the figures shown on report pages, comparisons and exports, in display order.
SHOWN_KEYS: tuple[str, ...] = (
    "applications",
    "carried_over",
    "granted",
    "partial",
    "denied",
    "results_total",
    "reviews",
    "reviews_corrected",
    "litigation",
    "litigation_after_review",
    "disclosure_rate",
    "grant_rate",
    "review_correction_rate",
)
SHOWN_FIGURES: tuple[Figure, ...] = tuple(FIGURES_BY_KEY[key] for key in SHOWN_KEYS)


def report_figures(report: Any) -> dict[str, Number | None]:
    """Every shown figure of a report (anything with ``tables`` and maybe ``prose_figures``),
    figures stated only in its prose included."""
    return figure_values(report_tables(report), SHOWN_FIGURES)


def _figure_cells(figure: Figure) -> set[str]:
    if not figure.is_rate:
        return {*figure.cells, *figure.fallback_cells}
    cells: set[str] = set()
    for key in (*figure.numerator, *figure.denominator):
        cells |= _figure_cells(FIGURES_BY_KEY[key])
    return cells


def prose_figure_keys(report: Any) -> set[str]:
    """Keys of the shown figures of a report that come from its prose, not from a table."""
    prose = getattr(report, "prose_figures", None) or {}
    tables = report.tables or {}
    if not prose:
        return set()
    return {
        figure.key
        for figure in SHOWN_FIGURES
        if any(cell in prose and cell.split(".")[0] not in tables for cell in _figure_cells(figure))
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
