"""Comparisons: one agency over several years, several agencies in one year, and league tables.

Pure functions of stored reports; views fetch the reports through :mod:`portal.queries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from accountability.copying import COPY_THRESHOLD, shared_passages, similarity
from portal import labels
from portal.figures import FIGURES_BY_KEY, SHOWN_FIGURES, Figure, Number, report_figures
from portal.table_views import CellView, build_tables, failing_cells
from portal.textdiff import TextDiff, diff_texts, paragraphs
from storage.models import Report

#: Figures drawn in the year-comparison chart.
CHART_FIGURES: tuple[str, ...] = (
    "applications",
    "granted",
    "partial",
    "reviews",
    "litigation",
    "litigation_after_review",
)


#: A paragraph as runs of text, each marked True when the other year says it too.
MarkedParagraph = list[tuple[str, bool]]


@dataclass
class SectionPair:
    """One section of two consecutive years, aligned paragraph by paragraph, with how much of
    its wording (numbers ignored) the two years share and the shared passages marked."""

    before_year: int | None
    after_year: int | None
    diff: TextDiff
    #: :func:`accountability.copying.similarity` (None when a side is too short to judge).
    similarity: float | None = None
    before_marked: list[MarkedParagraph] = field(default_factory=list)
    after_marked: list[MarkedParagraph] = field(default_factory=list)

    @property
    def copied(self) -> bool:
        """Whether the two years' wording is the same by the copying rule's threshold."""
        return self.similarity is not None and self.similarity >= COPY_THRESHOLD


@dataclass
class SectionComparison:
    """A numbered section across the compared years."""

    number: int
    heading: str
    pairs: list[SectionPair]


@dataclass
class CompareRow:
    """One table cell across years: the label and the cell of each year with its Δ."""

    path: str
    label: str
    cells: list[CellView]

    @property
    def changed(self) -> bool:
        """True when any year's value differs from the year before."""
        return any(cell.delta not in (None, 0) for cell in self.cells)


@dataclass
class CompareTable:
    """A statistics table with one column per year."""

    key: str
    caption: str
    rows: list[CompareRow] = field(default_factory=list)


@dataclass
class FigureSeries:
    """One figure over an agency's years, formatted and raw."""

    figure: Figure
    values: list[Number | None]


@dataclass
class YearComparison:
    """One agency, several years side by side."""

    agency: str
    reports: list[Report]
    sections: list[SectionComparison]
    tables: list[CompareTable]
    all_years: list[int]
    series: list[FigureSeries]

    @property
    def years(self) -> list[int | None]:
        """The compared years, oldest first."""
        return [report.year for report in self.reports]

    def chart_data(self) -> dict[str, Any]:
        """The data of the figures chart (all years of the agency), as JSON-ready values."""
        return {
            "years": self.all_years,
            "series": [
                {"key": s.figure.key, "label": s.figure.label, "values": s.values}
                for s in self.series
                if s.figure.key in CHART_FIGURES
            ],
        }


def compare_years(
    agency: str, chosen: Sequence[Report], all_reports: Sequence[Report]
) -> YearComparison:
    """Compare the chosen reports (one agency, oldest year first) against each other.

    Sections are diffed year against previous year; table cells carry their change from the
    previous compared year; the series cover every year of the agency.
    """
    reports = sorted(chosen, key=lambda report: report.year or 0)
    dated = [report for report in all_reports if report.year is not None]
    dated.sort(key=lambda report: report.year or 0)
    series = [
        FigureSeries(figure, [report_figures(report)[figure.key] for report in dated])
        for figure in SHOWN_FIGURES
    ]
    return YearComparison(
        agency=agency,
        reports=reports,
        sections=_compare_sections(reports),
        tables=_compare_tables(reports),
        all_years=[report.year for report in dated if report.year is not None],
        series=series,
    )


def _section_map(report: Report) -> dict[int, dict[str, Any]]:
    sections: dict[int, dict[str, Any]] = {}
    for section in report.sections or []:
        number = section.get("number")
        if isinstance(number, int):
            sections[number] = section
    return sections


def _compare_sections(reports: Sequence[Report]) -> list[SectionComparison]:
    maps = [_section_map(report) for report in reports]
    numbers = sorted({number for sections in maps for number in sections})
    comparisons: list[SectionComparison] = []
    for number in numbers:
        heading = next(
            (sections[number].get("heading") or "" for sections in maps if number in sections), ""
        )
        pairs = []
        for index in range(1, len(reports)):
            before = maps[index - 1].get(number, {}).get("text") or ""
            after = maps[index].get(number, {}).get("text") or ""
            pairs.append(
                SectionPair(
                    reports[index - 1].year,
                    reports[index].year,
                    diff_texts(before, after),
                    similarity(before, after),
                    _marked(before, after),
                    _marked(after, before),
                )
            )
        comparisons.append(SectionComparison(number, heading, pairs))
    return comparisons


def _marked(text: str, other: str) -> list[MarkedParagraph]:
    """``text``'s paragraphs with the passages ``other`` shares marked."""
    return [shared_passages(paragraph, other) for paragraph in paragraphs(text)]


def _compare_tables(reports: Sequence[Report]) -> list[CompareTable]:
    per_year = []
    for index, report in enumerate(reports):
        previous = reports[index - 1].tables if index > 0 else None
        per_year.append(
            build_tables(report.tables, failing=failing_cells(report.checks), previous=previous)
        )
    tables: dict[str, CompareTable] = {}
    rows: dict[tuple[str, str], CompareRow] = {}
    columns_of: dict[str, list[str]] = {}
    for year_index, views in enumerate(per_year):
        for view in views:
            table = tables.setdefault(view.key, CompareTable(view.key, view.caption))
            columns_of[view.key] = view.columns
            for row in view.rows:
                for column_index, cell in enumerate(row.cells):
                    label = row.label
                    if len(view.columns) > 1:
                        label = f"{row.label} · {view.columns[column_index]}"
                    key = (view.key, cell.path)
                    compare_row = rows.get(key)
                    if compare_row is None:
                        compare_row = CompareRow(
                            cell.path,
                            label,
                            [CellView(cell.path, None) for _ in per_year],
                        )
                        rows[key] = compare_row
                        table.rows.append(compare_row)
                    compare_row.cells[year_index] = cell
    return [tables[key] for key in ("active", "applications", "reviews") if key in tables]


@dataclass
class FigureRow:
    """One figure across several reports."""

    figure: Figure
    values: list[Number | None]


def figure_rows(reports: Sequence[Report]) -> list[FigureRow]:
    """Every key figure and rate for each report, figures as rows and reports as columns."""
    values = [report_figures(report) for report in reports]
    return [FigureRow(figure, [v[figure.key] for v in values]) for figure in SHOWN_FIGURES]


#: League-table sort keys: every figure plus the agency name.
LEAGUE_SORTS: tuple[str, ...] = ("agency", *(figure.key for figure in SHOWN_FIGURES))


@dataclass
class LeagueRow:
    """One report in a league table with its figures."""

    report: Report
    values: dict[str, Number | None]
    rank: int = 0


def league_rows(reports: Sequence[Report], sort: str, descending: bool = True) -> list[LeagueRow]:
    """Reports ranked by ``sort``; reports without the figure come last, unranked."""
    rows = [LeagueRow(report, report_figures(report)) for report in reports]
    if sort == "agency":
        rows.sort(key=lambda row: row.report.agency or "", reverse=not descending)
        for index, row in enumerate(rows, start=1):
            row.rank = index
        return rows
    present = [row for row in rows if row.values.get(sort) is not None]
    missing = [row for row in rows if row.values.get(sort) is None]
    present.sort(key=lambda row: row.values[sort] or 0, reverse=descending)
    for index, row in enumerate(present, start=1):
        row.rank = index
    return present + sorted(missing, key=lambda row: row.report.agency or "")


def figure_label(key: str) -> str:
    """The Chinese label of a figure key or ``agency``."""
    if key == "agency":
        return labels.FIELD_LABELS["agency"]
    return FIGURES_BY_KEY[key].label
