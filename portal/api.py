"""The JSON API, version 1: search, reports, comparisons and facets in Nianbao's own terms.

Field names are those of REPORT_SCHEMA.md; queries use Nianbao's query language (never a search
engine's syntax). Every error is ``{"error": {"code", "message"}}`` with a 4xx status.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from figures.catalogue import ALL_FIGURES
from index.backend import FACET_FIELDS, QuerySyntaxError
from portal import queries
from portal.compare_params import parse_ids, parse_years
from portal.comparison import YearComparison
from portal.comparison import compare_years as build_year_comparison
from portal.errors import ERROR_CODES
from portal.figures import report_figures
from portal.openapi import openapi_document
from portal.originals import version_summaries
from portal.peers import report_peer_standings
from portal.report_sources import report_sources
from portal.resources import services
from portal.search_params import InvalidSearchArguments, SearchParams, parse_search_args
from portal.search_views import search_result_document
from portal.searching import run_search
from portal.serializers import report_document, report_tags
from portal.stats_views import stats_json
from portal.totals import totals_document
from portal.totals_views import compute_totals

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def api_error(status: int, code: str, message: str) -> tuple[Response, int]:
    """A JSON error response."""
    return jsonify({"error": {"code": code, "message": message}}), status


@blueprint.errorhandler(InvalidSearchArguments)
def _invalid_arguments(error: InvalidSearchArguments) -> tuple[Response, int]:
    return api_error(400, error.code, error.message)


@blueprint.errorhandler(QuerySyntaxError)
def _malformed_query(error: QuerySyntaxError) -> tuple[Response, int]:
    return api_error(400, "malformed_query", f"检索式无法理解：{error}")


@blueprint.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> tuple[Response, int]:
    status = error.code or 500
    return api_error(status, ERROR_CODES.get(status, "error"), error.description or "")


def _not_found(message: str) -> tuple[Response, int]:
    return api_error(404, "not_found", message)


@blueprint.get("/search")
def search() -> Response:
    """Search reports: ``q``, filters by field name, ``facets``, ``sort``, ``page``, ``page_size``."""
    params = parse_search_args(
        request.args,
        strict=True,
        default_page_size=current_app.config["NIANBAO_SETTINGS"].page_size,
    )
    result = run_search(services().search, params)
    document = search_result_document(params, result)
    for hit in document["hits"]:
        hit["links"] = _report_links(hit["id"])
    return jsonify(document)


@blueprint.get("/totals")
def totals() -> Response:
    """Totals of a search's figures (``q``, ``cond``, filters) as a whole and grouped by ``by``,
    with the rates computed from them."""
    params = parse_search_args(request.args, strict=True, extra_allowed=("by",))
    by = request.args.get("by") or None
    return jsonify(totals_document(compute_totals(params, by), by))


@blueprint.get("/stats")
def stats() -> Response:
    """The national picture: per year, and per province and level of ``year`` (default: the
    latest): reports, on-time rate, arithmetic errors, continuity breaks, outcome rates."""
    return stats_json()


@blueprint.get("/figures")
def figures() -> Response:
    """Every figure a condition, sort or total can name: key, Chinese label, kind, formula."""
    return jsonify(
        {
            "figures": [
                {
                    "key": figure.key,
                    "label": figure.label,
                    "aliases": list(figure.aliases),
                    "kind": "rate" if figure.is_rate else "cell" if figure.is_cell else "figure",
                    "cells": list(figure.cells),
                    "formula": figure.formula or None,
                }
                for figure in ALL_FIGURES
            ]
        }
    )


def _report_links(report_id: int) -> dict[str, str]:
    return {
        "self": url_for("api.report", report_id=report_id),
        "html": url_for("reports.show", report_id=report_id),
    }


@blueprint.get("/reports/<id:report_id>")
def report(report_id: int) -> Response | tuple[Response, int]:
    """One report as REPORT_SCHEMA.md JSON with its versions."""
    with services().database.session() as session:
        found = queries.report_by_id(session, report_id)
        sources = report_sources(session, found) if found is not None else []
    if found is None:
        return _not_found(f"没有编号为 {report_id} 的报告。")
    document = report_document(found)
    document["versions"] = version_summaries(found)
    document["sources"] = sources
    document["peers"] = [s.as_json() for s in report_peer_standings(services().search, found)]
    document["links"] = _report_links(found.id)
    return jsonify(document)


@blueprint.get("/compare/years")
def compare_years() -> Response | tuple[Response, int]:
    """One agency over several years: figures per year and every table cell with its change."""
    agency = (request.args.get("agency") or "").strip()
    if not agency:
        return api_error(400, "missing_agency", "缺少 agency 参数（机关全称）。")
    years = parse_years(request.args)
    with services().database.session() as session:
        reports = queries.reports_of_agency(session, agency)
    if not reports:
        return _not_found(f"档案中没有“{agency}”的报告。")
    available = [r.year for r in reports if r.year is not None]
    years = years or available[-2:]
    missing = [year for year in years if year not in available]
    if missing:
        return _not_found(f"“{agency}”没有以下年度的报告：{'、'.join(map(str, missing))}。")
    comparison = build_year_comparison(agency, [r for r in reports if r.year in years], reports)
    return jsonify(
        {
            "agency": agency,
            "years": comparison.years,
            "available_years": available,
            "reports": [
                {**report_tags(r), "figures": series_values(comparison, r.year)}
                for r in comparison.reports
            ],
            "cells": [
                {
                    "table": table.key,
                    "cell": row.path,
                    "label": row.label,
                    "values": [cell.value for cell in row.cells],
                    "changes": [cell.delta for cell in row.cells],
                }
                for table in comparison.tables
                for row in table.rows
            ],
            "series": {
                "years": comparison.all_years,
                "figures": {s.figure.key: s.values for s in comparison.series},
            },
        }
    )


def series_values(comparison: YearComparison, year: int | None) -> dict[str, Any]:
    """The figures of one year taken from a comparison's series."""
    if year not in comparison.all_years:
        return {}
    index = comparison.all_years.index(year)
    return {s.figure.key: s.values[index] for s in comparison.series}


@blueprint.get("/compare/agencies")
def compare_agencies() -> Response | tuple[Response, int]:
    """Several reports' key figures side by side (``ids=1,2`` or ``ids=1&ids=2``)."""
    ids = parse_ids(request.args)
    if not ids:
        return api_error(400, "missing_ids", "缺少 ids 参数（报告编号）。")
    with services().database.session() as session:
        reports = queries.reports_by_ids(session, ids)
    missing = sorted(set(ids) - {r.id for r in reports})
    if missing:
        return _not_found(f"没有编号为 {'、'.join(map(str, missing))} 的报告。")
    return jsonify(
        {
            "reports": [
                {
                    **report_tags(r),
                    "figures": report_figures(r),
                    "links": _report_links(r.id),
                }
                for r in reports
            ]
        }
    )


@blueprint.get("/facets/<field>")
def facet(field: str) -> Response | tuple[Response, int]:
    """Every value of one facet field with its count, for an optional query and filters."""
    if field not in FACET_FIELDS:
        return api_error(
            404, "unknown_facet", f"未知的分面字段 “{field}”。可用字段：{'、'.join(FACET_FIELDS)}。"
        )
    params = parse_search_args(request.args, strict=True)
    params = SearchParams(
        query=params.query, filters=params.filters, page=1, page_size=1, facets=(field,)
    )
    result = run_search(services().search, params)
    return jsonify(
        {
            "field": field,
            "total": result.total,
            "values": [{"value": v.value, "count": v.count} for v in result.facets.get(field, [])],
        }
    )


@blueprint.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3 description of this API."""
    return jsonify(openapi_document(server_url=request.host_url.rstrip("/") + "/api/v1"))
