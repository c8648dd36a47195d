"""A report: its page, its JSON, its tables as CSV and the differences between stored versions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for

from accountability.rules import RULES
from portal import queries
from portal.converters import is_record_id
from portal.corrections_views import correction_form, field_labels
from portal.csv_export import csv_response
from portal.figures import SHOWN_FIGURES, prose_figure_keys, report_figures
from portal.originals import original_links, version_summaries
from portal.peers import peer_group_label, report_peer_standings
from portal.report_sources import report_sources
from portal.resources import services
from portal.serializers import report_document
from portal.table_views import build_tables, failing_cells, row_sources
from portal.textdiff import diff_texts
from storage.models import Report

blueprint = Blueprint("reports", __name__)

TABLE_CSV_COLUMNS = (
    "table",
    "row",
    "column",
    "cell",
    "value",
    "table_label",
    "row_label",
    "column_label",
    "printed_label",
    "read_method",
    "page",
    "source_location",
)


def _load(report_id: int) -> Report:
    with services().database.session() as session:
        report = queries.report_by_id(session, report_id)
    if report is None:
        abort(404, description=f"没有编号为 {report_id} 的报告。")
    return report


@blueprint.get("/reports/<id:report_id>")
def show(report_id: int) -> str:
    """Show a report: tags, versions, sections, tables with failing cells, checks, other years."""
    report = _load(report_id)
    with services().database.session() as session:
        siblings = queries.years_of_agency(session, report.agency) if report.agency else []
        names = queries.agency_names(session, report.agency) if report.agency else set()
        corrections = queries.decided_corrections(session, report.id)
        sources = report_sources(session, report)
    other_years = [other for other in siblings if other.id != report.id]
    compare_years = sorted({link.year for link in siblings if link.year is not None})
    failing = failing_cells(report.checks)
    values = report_figures(report)
    return render_template(
        "report.html",
        report=report,
        versions=list(reversed(report.versions)),
        archive_links={v.id: original_links(report, v) for v in report.versions},
        version_numbers={v.id: number for number, v in enumerate(report.versions, start=1)},
        corrections=corrections,
        sources=sources,
        table_sources=row_sources(report.provenance),
        pdf_original_url=_newest_pdf_original(report),
        correction_labels=field_labels(report),
        correction_form=correction_form(report),
        correction_received=request.args.get("correction") == "received",
        tables=build_tables(report.tables, failing=failing),
        checks=report.checks or [],
        failing_count=sum(1 for check in report.checks or [] if check.get("status") == "fail"),
        figures=[(figure, values[figure.key]) for figure in SHOWN_FIGURES],
        peers=report_peer_standings(services().search, report),
        rule_names={rule.id: rule.name for rule in RULES},
        peer_group=peer_group_label(report),
        prose_keys=prose_figure_keys(report),
        other_years=other_years,
        other_names=sorted(names - {report.agency}),
        compare_url=url_for(
            "compare.compare_years",
            agency=report.agency,
            years=years_around(compare_years, report.year),
        )
        if report.agency and len(compare_years) > 1
        else None,
    )


def years_around(years: list[int], year: int | None, count: int = 3) -> list[int]:
    """Up to ``count`` of ``years`` (sorted) that include ``year``: the report's own year and its
    nearest neighbours, the later ones first (an older report is compared with what followed)."""
    if year is None or year not in years:
        return years[-count:]
    position = years.index(year)
    start = max(0, min(position - 1, len(years) - count))
    return years[start : start + count]


def _location(source: dict) -> str:
    """``grid 2 row 5`` or ``line 40``: where in the document a row sits."""
    if source.get("grid") and source.get("row"):
        return f"grid {source['grid']} row {source['row']}"
    if source.get("line"):
        return f"line {source['line']}"
    return ""


def _newest_pdf_original(report: Report) -> str | None:
    """The archived original of the newest version, when it is a PDF (cells link to its pages)."""
    if not report.versions:
        return None
    newest = report.versions[-1]
    is_pdf = (newest.content_type or "").startswith("application/pdf") or (
        newest.filename or ""
    ).lower().endswith(".pdf")
    return original_links(report, newest)["original_url"] if is_pdf else None


@blueprint.get("/reports/<id:report_id>.json")
def show_json(report_id: int) -> Response:
    """The report as REPORT_SCHEMA.md JSON, with its versions."""
    report = _load(report_id)
    with services().database.session() as session:
        sources = report_sources(session, report)
    document = report_document(report)
    document["sources"] = sources
    document["versions"] = version_summaries(report)
    return jsonify(document)


@blueprint.get("/reports/<id:report_id>/tables.csv")
def tables_csv(report_id: int) -> Response:
    """Every table cell of the report as one CSV row (long format), then the key figures."""
    report = _load(report_id)
    rows: list[list[object]] = []
    provenance = report.provenance or {}
    for table in build_tables(report.tables):
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                _table, row_key, column = cell.path.split(".", 2)
                source = provenance.get(cell.path) or provenance.get(f"{table.key}.{row_key}") or {}
                rows.append(
                    [
                        table.key,
                        row_key,
                        column,
                        cell.path,
                        cell.value,
                        table.caption,
                        row.label,
                        table.columns[index] if len(table.columns) > 1 else "",
                        source.get("label") or "",
                        source.get("method") or "",
                        source.get("page") or "",
                        _location(source),
                    ]
                )
    values = report_figures(report)
    for figure in SHOWN_FIGURES:
        rows.append(
            [
                "figures",
                figure.key,
                "",
                figure.cell or "",
                values[figure.key],
                "主要指标",
                figure.label,
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return csv_response(f"nianbao-report-{report.id}-tables.csv", TABLE_CSV_COLUMNS, rows)


@blueprint.get("/reports/<id:report_id>/diff")
def compare_versions(report_id: int) -> tuple[str, int] | str:
    """Differences between the text of two stored versions (default: the last two)."""
    report = _load(report_id)
    versions = report.versions
    if len(versions) < 2:
        return render_template(
            "version_diff.html", report=report, before=None, after=None, diff=None
        )
    before_id = request.args.get("from", type=int) or versions[-2].id
    after_id = request.args.get("to", type=int) or versions[-1].id
    if not (is_record_id(before_id) and is_record_id(after_id)):
        abort(404, description="这份报告没有所请求的版本。")
    with services().database.session() as session:
        before = queries.version_of_report(session, report.id, before_id)
        after = queries.version_of_report(session, report.id, after_id)
    if before is None or after is None:
        abort(404, description="这份报告没有所请求的版本。")
    diff = diff_texts(
        (before.parsed or {}).get("text") or "", (after.parsed or {}).get("text") or ""
    )
    full = request.args.get("full") == "1"
    toggle_args: dict[str, Any] = {"from": before.id, "to": after.id}
    if not full:
        toggle_args["full"] = "1"
    return render_template(
        "version_diff.html",
        report=report,
        before=before,
        after=after,
        diff=diff,
        full=full,
        toggle_url=url_for("reports.compare_versions", report_id=report.id, **toggle_args),
    )
