"""Totals of a search's figures, as a whole and by group, with the rates computed from them.

A total sums a figure over the reports where it is known and says over how many; a rate of a
group is computed from the group's totals (``实质公开率 = （予以公开＋部分公开）÷ 办理结果总计``
of the sums), never averaged over reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from figures.catalogue import FIGURES_BY_KEY, NAMED_FIGURES, RATE_FIGURES, Figure
from figures.values import rate_from_sums
from index.backend import GroupTotals
from portal import labels

#: Figures shown in the totals table, in order.
TOTALS_FIGURES: tuple[Figure, ...] = tuple(
    FIGURES_BY_KEY[key]
    for key in (
        "applications",
        "carried_over",
        "granted",
        "partial",
        "denied",
        "unavailable",
        "rejected",
        "results_total",
        "carried_forward",
        "reviews",
        "reviews_corrected",
        "litigation",
        "litigation_corrected",
        "litigation_after_review",
    )
)
#: Labels of the grouping fields.
GROUP_LABELS: dict[str, str] = {
    "province": "按省份",
    "city": "按市（州、盟）",
    "county": "按县（区、市）",
    "year": "按年度",
    "agency_kind": "按机关类别",
    "level": "按层级",
}


@dataclass
class TotalsRow:
    """One line of the totals table."""

    group: str | None
    label: str
    reports: int
    sums: dict[str, float]
    known: dict[str, int]
    rates: dict[str, float | None]


def totals_rows(totals: list[GroupTotals], by: str | None) -> list[TotalsRow]:
    """Display rows: the whole result set first (合计), then one per group."""
    rows = []
    for index, group in enumerate(totals):
        label = "合计" if index == 0 else labels.value_label(by or "", group.group)
        sums = {k: v for k, v in group.sums.items() if group.known.get(k)}
        rows.append(
            TotalsRow(
                group=group.group,
                label=label,
                reports=group.reports,
                sums=sums,
                known=dict(group.known),
                rates={rate.key: rate_from_sums(rate, sums) for rate in RATE_FIGURES},
            )
        )
    return rows


def totals_document(rows: list[TotalsRow], by: str | None) -> dict[str, Any]:
    """The JSON form of a totals table (the API's and the page's ``.json``)."""
    return {
        "by": by,
        "figures": [
            {"key": f.key, "label": f.label, "formula": f.formula or None}
            for f in (*NAMED_FIGURES, *RATE_FIGURES)
        ],
        "groups": [
            {
                "group": row.group if index else None,
                "reports": row.reports,
                "totals": row.sums,
                "known": row.known,
                "rates": row.rates,
            }
            for index, row in enumerate(rows)
        ],
    }


def totals_csv_header() -> list[str]:
    """Columns of the totals CSV: group, reports, each figure's total and count, the rates."""
    header = ["group", "reports"]
    for figure in NAMED_FIGURES:
        header += [figure.key, f"{figure.key}_reports"]
    header += [rate.key for rate in RATE_FIGURES]
    return header


def totals_csv_row(row: TotalsRow, whole: bool) -> list[Any]:
    """One CSV line of :func:`totals_csv_header`; the whole set's group is ``合计``."""
    line: list[Any] = ["合计" if whole else (row.group or ""), row.reports]
    for figure in NAMED_FIGURES:
        known = row.known.get(figure.key, 0)
        line += [_plain(row.sums.get(figure.key)) if known else "", known]
    line += [
        row.rates[rate.key] if row.rates[rate.key] is not None else "" for rate in RATE_FIGURES
    ]
    return line


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)
