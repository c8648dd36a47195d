"""Side-by-side comparison: one agency over several years, several agencies in one year."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for

from accountability.copying import COPY_THRESHOLD
from index.vocabulary import exact_value
from portal import queries
from portal.compare_params import parse_ids, parse_years
from portal.comparison import compare_years as build_year_comparison
from portal.comparison import figure_rows
from portal.csv_export import csv_response
from portal.resources import services
from portal.search_params import InvalidSearchArguments
from portal.serializers import FIGURE_COLUMNS, TAG_COLUMNS, tag_and_figure_row

blueprint = Blueprint("compare", __name__, url_prefix="/compare")

#: Years compared when none are chosen.
DEFAULT_COMPARED_YEARS = 2


@blueprint.get("/years")
def compare_years() -> tuple[str, int] | str:
    """Show the chosen years of one agency side by side, with a chart over all its years."""
    agency = (request.args.get("agency") or "").strip()
    try:
        years = parse_years(request.args)
    except InvalidSearchArguments as error:
        return render_template(
            "compare_years.html", agency=agency, comparison=None, available=[], error=error.message
        ), 400
    if not agency:
        return render_template(
            "compare_years.html",
            agency="",
            comparison=None,
            available=[],
            error="请指定要比较的机关（agency 参数），例如从报告页面的“比较各年度”进入。",
        ), 400
    with services().database.session() as session:
        reports = queries.reports_of_agency(session, agency)
    if not reports:
        abort(404, description=f"档案中没有“{agency}”的报告。")
    available = [report.year for report in reports if report.year is not None]
    if not years:
        years = available[-DEFAULT_COMPARED_YEARS:]
    chosen = [report for report in reports if report.year in years]
    missing = [year for year in years if year not in available]
    if len(chosen) < 2:
        message = "请至少选择两个年度进行比较。"
        if missing:
            message = f"“{agency}”没有以下年度的报告：{'、'.join(map(str, missing))}。" + message
        return render_template(
            "compare_years.html",
            agency=agency,
            comparison=None,
            available=available,
            chosen_years=years,
            error=message,
        ), 404 if missing else 400
    comparison = build_year_comparison(agency, chosen, reports)
    return render_template(
        "compare_years.html",
        agency=agency,
        comparison=comparison,
        copy_threshold=COPY_THRESHOLD,
        available=available,
        chosen_years=years,
        missing=missing,
        changes_only=request.args.get("changes") == "only",
        error=None,
    )


@blueprint.get("/agencies")
def compare_agencies() -> tuple[str, int] | str:
    """Show the key figures of several reports (agencies, usually of one year) side by side."""
    try:
        ids = parse_ids(request.args)
    except InvalidSearchArguments as error:
        return render_template(
            "compare_agencies.html", reports=[], rows=[], headings=[], error=error.message
        ), 400
    if len(ids) < 2:
        return render_template(
            "compare_agencies.html",
            reports=[],
            rows=[],
            headings=[],
            error="请至少选择两份报告：在检索结果中勾选报告后点击“比较所选机关”。",
        ), 400
    with services().database.session() as session:
        chosen = queries.reports_by_ids(session, ids)
    found = {report.id for report in chosen}
    missing = [report_id for report_id in ids if report_id not in found]
    if missing:
        abort(404, description=f"没有编号为 {'、'.join(map(str, missing))} 的报告。")
    # Narrowed to one level and agency kind when asked (a journalist's selection of peers).
    level = exact_value("level", request.args.get("level") or "") or ""
    kind = (request.args.get("agency_kind") or "").strip()
    reports = [
        report
        for report in chosen
        if (not level or report.level == level) and (not kind or report.agency_kind == kind)
    ]
    years = sorted({report.year for report in reports if report.year is not None})
    return render_template(
        "compare_agencies.html",
        all_ids=ids,
        levels=sorted({r.level for r in chosen if r.level}),
        kinds=sorted({r.agency_kind for r in chosen if r.agency_kind}),
        chosen_level=level,
        chosen_kind=kind,
        reports=reports,
        rows=figure_rows(reports),
        headings=[
            f"{report.agency or report.title} {report.year or ''}".strip() for report in reports
        ],
        mixed_years=len(years) > 1,
        years=years,
        api_url=url_for("api.compare_agencies", ids=",".join(map(str, ids))),
        csv_url=url_for("compare.compare_agencies_csv", ids=ids),
        error=None,
    )


@blueprint.get("/years.csv")
def compare_years_csv() -> Response:
    """Every table cell of the compared years as CSV: one row per cell, value and Δ per year."""
    agency = (request.args.get("agency") or "").strip()
    years = parse_years(request.args)
    if not agency:
        abort(400, description="请指定要比较的机关（agency 参数）。")
    with services().database.session() as session:
        reports = queries.reports_of_agency(session, agency)
    available = [report.year for report in reports if report.year is not None]
    years = years or available[-DEFAULT_COMPARED_YEARS:]
    chosen = [report for report in reports if report.year in years]
    if not chosen:
        abort(404, description=f"档案中没有“{agency}”所选年度的报告。")
    comparison = build_year_comparison(agency, chosen, reports)
    header = [
        "table",
        "cell",
        "label",
        *(f"{kind}_{year}" for year in comparison.years for kind in ("value", "change")),
    ]
    rows = (
        [
            table.key,
            row.path,
            row.label,
            *(value for cell in row.cells for value in (cell.value, cell.delta)),
        ]
        for table in comparison.tables
        for row in table.rows
    )
    return csv_response(f"nianbao-compare-{agency}.csv", header, rows)


@blueprint.get("/agencies.csv")
def compare_agencies_csv() -> Response:
    """The compared reports as CSV: tag columns, then the key figures."""
    ids = parse_ids(request.args)
    if not ids:
        abort(400, description="请指定要比较的报告编号（ids 参数）。")
    with services().database.session() as session:
        reports = queries.reports_by_ids(session, ids)
    missing = sorted(set(ids) - {report.id for report in reports})
    if missing:
        abort(404, description=f"没有编号为 {'、'.join(map(str, missing))} 的报告。")
    return csv_response(
        "nianbao-compare-agencies.csv",
        (*TAG_COLUMNS, *FIGURE_COLUMNS),
        (tag_and_figure_row(report) for report in reports),
    )
