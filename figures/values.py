"""The value of each figure for a report's tables: a missing cell is unknown (None), never zero."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from figures.catalogue import ALL_FIGURES, FIGURES_BY_KEY, RATE_DECIMALS, Figure

Number = int | float


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


def _sum_of_cells(tables: Mapping[str, Any] | None, paths: tuple[str, ...]) -> Number | None:
    """The sum of the cells, or None when any of them is unknown."""
    values = [cell_value(tables, path) for path in paths]
    if any(value is None for value in values):
        return None
    return sum(value for value in values if value is not None)


def figure_value(tables: Mapping[str, Any] | None, figure: Figure) -> Number | None:
    """The value of one figure (a rate as a fraction between 0 and 1, rounded to
    :data:`~figures.catalogue.RATE_DECIMALS` decimals); None when it cannot be known."""
    if figure.is_rate:
        return _rate(tables, figure)
    value = _sum_of_cells(tables, figure.cells)
    unread = all(cell_value(tables, path) is None for path in figure.cells)
    if value is None and figure.fallback_cells and unread:
        value = _sum_of_cells(tables, figure.fallback_cells)
    return value


def _rate(tables: Mapping[str, Any] | None, figure: Figure) -> float | None:
    parts = [figure_value(tables, FIGURES_BY_KEY[key]) for key in figure.numerator]
    first, *subtracted = (figure_value(tables, FIGURES_BY_KEY[k]) for k in figure.denominator)
    if first is None or any(part is None for part in (*parts, *subtracted)):
        return None
    denominator = first - sum(value for value in subtracted if value is not None)
    if denominator <= 0:
        return None
    return round(sum(part for part in parts if part is not None) / denominator, RATE_DECIMALS)


def figure_values(
    tables: Mapping[str, Any] | None, figures: tuple[Figure, ...] = ALL_FIGURES
) -> dict[str, Number | None]:
    """Every figure of ``figures`` for a report's tables, keyed by :attr:`Figure.key`."""
    return {figure.key: figure_value(tables, figure) for figure in figures}


def known_figure_values(tables: Mapping[str, Any] | None) -> dict[str, Number]:
    """The figures of a report that are known (what the search index stores)."""
    return {key: value for key, value in figure_values(tables).items() if value is not None}


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


def report_tables(report: Any) -> Mapping[str, Any]:
    """A report's tables with the figures stated only in its prose filled in."""
    return with_prose_figures(report.tables, getattr(report, "prose_figures", None))


def rate_from_sums(figure: Figure, sums: Mapping[str, float]) -> float | None:
    """A rate computed from summed named figures (a region's 实质公开率 from its totals)."""
    parts = [sums.get(key) for key in figure.numerator]
    first, *subtracted = (sums.get(key) for key in figure.denominator)
    if first is None or any(part is None for part in (*parts, *subtracted)):
        return None
    denominator = first - sum(value for value in subtracted if value is not None)
    if denominator <= 0:
        return None
    return round(sum(part for part in parts if part is not None) / denominator, RATE_DECIMALS)
