"""League tables: the agencies of a region in one year, ranked by any figure or rate."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from figures.catalogue import NAMED_FIGURES, RATE_FIGURES
from figures.values import figure_values, report_tables
from index.backend import SearchRequest
from index.vocabulary import exact_value
from portal import archive_overview, queries
from portal.comparison import LEAGUE_SORTS, LeagueRow, figure_label, league_rows
from portal.csv_export import csv_response
from portal.figures import FIGURES_BY_KEY, SHOWN_FIGURES
from portal.labels import LEVEL_LABELS
from portal.peers import MIN_PEERS, MIN_REQUESTS, percentiles_among_peers
from portal.resources import services
from portal.search_params import InvalidSearchArguments
from portal.serializers import FIGURE_COLUMNS

blueprint = Blueprint("league", __name__)

#: Rows shown on the page; the CSV and JSON downloads hold every row.
LEAGUE_PAGE_ROWS = 200

#: Column order of the league table: the headline figure and the rates first.
LEAGUE_COLUMNS: tuple[str, ...] = (
    "applications",
    "disclosure_rate",
    "review_correction_rate",
    *(
        figure.key
        for figure in SHOWN_FIGURES
        if figure.key not in ("applications", "disclosure_rate", "review_correction_rate")
    ),
)


@dataclass(frozen=True)
class LeagueParams:
    """Region, year and ranking of a league table."""

    year: int | None
    province: str
    city: str
    county: str
    sort: str
    descending: bool
    #: Only agencies of this level (``county``) and kind (``公安局``); empty: all.
    level: str = ""
    agency_kind: str = ""

    def url_args(self, **changes: Any) -> dict[str, Any]:
        """Query arguments reproducing this table, with ``changes`` applied."""
        args: dict[str, Any] = {
            "year": self.year,
            "province": self.province or None,
            "city": self.city or None,
            "county": self.county or None,
            "level": self.level or None,
            "agency_kind": self.agency_kind or None,
            "sort": self.sort,
            "order": "desc" if self.descending else "asc",
        }
        args.update(changes)
        return {key: value for key, value in args.items() if value not in (None, "")}


def parse_league_args() -> LeagueParams:
    """Read and validate the league table's arguments."""
    raw_year = (request.args.get("year") or "").strip()
    if raw_year and (
        not (raw_year.isascii() and raw_year.isdigit()) or not 1900 <= int(raw_year) <= 2100
    ):
        raise InvalidSearchArguments("invalid_year", f"“{raw_year}” 不是有效的年份。")
    sort = request.args.get("sort") or "applications"
    if sort not in LEAGUE_SORTS:
        raise InvalidSearchArguments("invalid_sort", f"不能按 “{sort}” 排序。")
    order = request.args.get("order") or ("asc" if sort == "agency" else "desc")
    if order not in ("asc", "desc"):
        raise InvalidSearchArguments("invalid_order", "order 只能是 asc 或 desc。")
    raw_level = (request.args.get("level") or "").strip()
    level = exact_value("level", raw_level) if raw_level else ""
    if level is None:
        raise InvalidSearchArguments("invalid_level", f"层级 “{raw_level}” 无效。")
    return LeagueParams(
        level=level,
        agency_kind=(request.args.get("agency_kind") or "").strip(),
        year=int(raw_year) if raw_year else None,
        province=(request.args.get("province") or "").strip(),
        city=(request.args.get("city") or "").strip(),
        county=(request.args.get("county") or "").strip(),
        sort=sort,
        descending=order == "desc",
    )


def _consistent_region(params: LeagueParams) -> LeagueParams:
    """Drop a city or county that does not lie in the chosen province or city.

    This happens when a reader picks another province in the form while a city is still chosen.
    """
    regions = archive_overview.region_tree()
    cities = archive_overview.children_of(regions, params.province) if params.province else []
    if params.city and params.province and params.city not in {node.name for node in cities}:
        return replace(params, city="", county="")
    counties = archive_overview.children_of(cities, params.city) if params.city else []
    if params.county and params.city and params.county not in {node.name for node in counties}:
        return replace(params, county="")
    return params


def _rows(params: LeagueParams) -> tuple[LeagueParams, list[LeagueRow]]:
    """The ranked rows; without a year, the archive's latest year is used."""
    params = _consistent_region(params)
    years = archive_overview.archive_stats().years
    if params.year is None and years:
        params = replace(params, year=years[-1])
    if params.year is None:
        return params, []
    with services().database.session() as session:
        reports = queries.reports_in_region(
            session,
            year=params.year,
            province=params.province,
            city=params.city,
            county=params.county,
        )
    reports = [
        report
        for report in reports
        if (not params.level or report.level == params.level)
        and (not params.agency_kind or report.agency_kind == params.agency_kind)
    ]
    return params, league_rows(reports, params.sort, params.descending)


@blueprint.get("/league")
def show() -> tuple[str, int] | str:
    """Show the league table for a region and year."""
    try:
        params = parse_league_args()
    except InvalidSearchArguments as error:
        return render_template(
            "league.html",
            params=None,
            rows=[],
            error=error.message,
            years=[],
            provinces=[],
            columns=[],
        ), 400
    params, rows = _rows(params)
    regions = archive_overview.region_tree()
    cities = archive_overview.children_of(regions, params.province) if params.province else []
    counties = archive_overview.children_of(cities, params.city) if params.city else []
    columns = []
    for key in ("agency", *LEAGUE_COLUMNS):
        active = key == params.sort
        next_order = (
            ("asc" if params.descending else "desc")
            if active
            else ("asc" if key == "agency" else "desc")
        )
        columns.append(
            {
                "key": key,
                "label": figure_label(key),
                "active": active,
                "descending": params.descending,
                "url": url_for("league.show", **params.url_args(sort=key, order=next_order)),
            }
        )
    shown = rows[:LEAGUE_PAGE_ROWS]
    percentiles = _percentiles(shown)
    return render_template(
        "league.html",
        params=params,
        percentiles=percentiles,
        min_peers=MIN_PEERS,
        min_requests=MIN_REQUESTS,
        rows=shown,
        total_rows=len(rows),
        error=None,
        years=archive_overview.archive_stats().years,
        provinces=[node.name for node in regions],
        cities=[node.name for node in cities],
        counties=[node.name for node in counties],
        levels=LEVEL_LABELS,
        kinds=_known_kinds(),
        columns=columns,
        figures=[FIGURES_BY_KEY[key] for key in LEAGUE_COLUMNS],
        csv_url=url_for("league.export_csv", **params.url_args()),
        json_url=url_for("league.export_json", **params.url_args()),
    )


def _percentiles(rows: list[LeagueRow]) -> dict[int, float | None]:
    """Each row's 实质公开率 percentile among its peers (same year, level and kind)."""
    values = {
        row.report.id: figure_values(report_tables(row.report), NAMED_FIGURES + RATE_FIGURES)
        for row in rows
    }
    return percentiles_among_peers(
        services().search, [row.report for row in rows], values, "disclosure_rate"
    )


def _known_kinds() -> list[str]:
    """Every agency kind in the archive, most frequent first."""
    return [
        value.value
        for value in services()
        .search.search(SearchRequest(facets=("agency_kind",), page_size=1))
        .facets.get("agency_kind", [])
    ]


@blueprint.get("/league.csv")
def export_csv() -> Response:
    """The league table as CSV."""
    params, rows = _rows(parse_league_args())
    header = ("rank", "id", "agency", "province", "city", "county", "year", "url", *FIGURE_COLUMNS)
    body = (
        [
            row.rank or None,
            row.report.id,
            row.report.agency,
            row.report.province,
            row.report.city,
            row.report.county,
            row.report.year,
            row.report.url,
            *(row.values[k] for k in FIGURE_COLUMNS),
        ]
        for row in rows
    )
    region = params.county or params.city or params.province or "全部地区"
    return csv_response(f"nianbao-league-{region}-{params.year}.csv", header, body)


@blueprint.get("/league.json")
def export_json() -> Response:
    """The league table as JSON: region, year, ranking and every row's figures, with each
    row's 实质公开率 percentile among its peers."""
    params, rows = _rows(parse_league_args())
    percentiles = _percentiles(rows)
    return jsonify(
        {
            "year": params.year,
            "province": params.province or None,
            "city": params.city or None,
            "county": params.county or None,
            "level": params.level or None,
            "agency_kind": params.agency_kind or None,
            "sort": params.sort,
            "order": "desc" if params.descending else "asc",
            "rows": [
                {
                    "rank": row.rank or None,
                    "id": row.report.id,
                    "agency": row.report.agency,
                    "province": row.report.province,
                    "city": row.report.city,
                    "county": row.report.county,
                    "year": row.report.year,
                    "url": row.report.url,
                    "figures": row.values,
                    "disclosure_rate_percentile": percentiles.get(row.report.id),
                }
                for row in rows
            ],
        }
    )
