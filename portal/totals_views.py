"""``/totals``: the totals of any search's figures, as a table, CSV and JSON.

The search is given as on ``/search`` (query, ``cond`` conditions, filters); ``by`` groups the
totals by province, city, county, year, agency kind or level.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, jsonify, render_template, request

from figures.catalogue import RATE_FIGURES
from index.backend import TOTALS_GROUPS, QuerySyntaxError
from portal.csv_export import csv_response
from portal.resources import services
from portal.search_params import InvalidSearchArguments, SearchParams, parse_search_args
from portal.totals import (
    GROUP_LABELS,
    TOTALS_FIGURES,
    TotalsRow,
    totals_csv_header,
    totals_csv_row,
    totals_document,
    totals_rows,
)

blueprint = Blueprint("totals", __name__)


def read_totals_args() -> tuple[SearchParams, str | None]:
    """The search and the grouping field of a totals URL."""
    params = parse_search_args(request.args, extra_allowed=("by",))
    by = request.args.get("by") or None
    if by is not None and by not in TOTALS_GROUPS:
        raise InvalidSearchArguments(
            "invalid_grouping", f"分组只能是：{'、'.join(TOTALS_GROUPS)}。"
        )
    return params, by


def compute_totals(params: SearchParams, by: str | None) -> list[TotalsRow]:
    """The totals rows of a search."""
    return totals_rows(services().search.totals(params.to_request(), by=by), by)


@blueprint.get("/totals")
def show() -> tuple[str, int] | str:
    """The totals table of a search."""
    try:
        params, by = read_totals_args()
        rows = compute_totals(params, by)
    except (InvalidSearchArguments, QuerySyntaxError) as error:
        message = error.message if isinstance(error, InvalidSearchArguments) else str(error)
        return render_template("totals.html", error=message, params=None, rows=[], by=None), 400
    return render_template(
        "totals.html",
        error=None,
        params=params,
        by=by,
        rows=rows,
        figures=TOTALS_FIGURES,
        rates=RATE_FIGURES,
        group_labels=GROUP_LABELS,
        search_args=params.url_args(),
    )


@blueprint.get("/totals.csv")
def export_csv() -> Response:
    """The totals of a search as CSV: one line for the whole set (合计), one per group."""
    params, by = read_totals_args()
    rows = compute_totals(params, by)
    stamp = dt.date.today().isoformat()
    lines = (totals_csv_row(row, whole=index == 0) for index, row in enumerate(rows))
    return csv_response(f"nianbao-totals-{stamp}.csv", totals_csv_header(), lines)


@blueprint.get("/totals.json")
def export_json() -> Response:
    """The totals of a search as JSON."""
    params, by = read_totals_args()
    return jsonify(totals_document(compute_totals(params, by), by))
