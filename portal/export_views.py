"""Bulk downloads: the whole archive one year at a time, streamed as JSON Lines or CSV."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, abort, render_template, stream_with_context

from portal import archive_overview, queries
from portal.csv_export import attachment_header, csv_response
from portal.resources import services
from portal.serializers import FIGURE_COLUMNS, TAG_COLUMNS, report_document, tag_and_figure_row

blueprint = Blueprint("exports", __name__, url_prefix="/export")


def _require_year(year: int) -> None:
    if not 1900 <= year <= 2100:
        abort(404, description=f"档案中没有 {year} 年度的报告。")
    with services().database.session() as session:
        if not queries.year_has_reports(session, year):
            abort(404, description=f"档案中没有 {year} 年度的报告。")


@blueprint.get("/")
def index() -> str:
    """List the yearly downloads."""
    return render_template(
        "exports.html", years=list(reversed(archive_overview.archive_stats().years))
    )


def _reports_of_year(year: int) -> Iterator[Any]:
    database = services().database
    with database.session() as session:
        yield from queries.iter_reports_of_year(session, year)


@blueprint.get("/<int:year>.jsonl")
def year_jsonl(year: int) -> Response:
    """Every report of ``year``, one REPORT_SCHEMA.md JSON object per line, streamed."""
    _require_year(year)

    def lines() -> Iterator[str]:
        for report in _reports_of_year(year):
            yield json.dumps(report_document(report, include_text=True), ensure_ascii=False) + "\n"

    response = Response(stream_with_context(lines()), mimetype="application/x-ndjson")
    response.headers["Content-Disposition"] = attachment_header(f"nianbao-{year}.jsonl")
    return response


@blueprint.get("/<int:year>.csv")
def year_csv(year: int) -> Response:
    """Every report of ``year`` as CSV: tag columns, then the key figures, streamed."""
    _require_year(year)
    rows = (tag_and_figure_row(report) for report in _reports_of_year(year))
    return csv_response(f"nianbao-{year}.csv", (*TAG_COLUMNS, *FIGURE_COLUMNS), rows, stream=True)
