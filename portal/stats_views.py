"""``/stats``: the national picture by year, province and level (page, CSV, JSON API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from figures.catalogue import FIGURES_BY_KEY
from parsers.tagging.gazetteer import load_divisions
from portal import labels
from portal.csv_export import csv_response
from portal.resources import services
from portal.search_params import InvalidSearchArguments
from portal.snapshot import Snapshot
from portal.stats import NationalStats, compute_stats

blueprint = Blueprint("stats", __name__)

CSV_COLUMNS: tuple[str, ...] = (
    "dimension",
    "year",
    "group",
    "reports",
    "on_time",
    "late",
    "timeliness_unknown",
    "on_time_rate",
    "checked",
    "arithmetic_errors",
    "arithmetic_error_rate",
    "continuity_checked",
    "continuity_breaks",
    "continuity_break_rate",
    "disclosure_rate",
    "grant_rate",
    "denial_rate",
    "review_correction_rate",
    "litigation_correction_rate",
    "similarity_compared",
    "median_similarity",
)


#: The national statistics are recomputed in the background once older than this.
STATS_MAX_AGE = dt.timedelta(minutes=1)
SNAPSHOT_KEY = "nianbao.stats_snapshot"


def stats_snapshot() -> Snapshot[NationalStats]:
    """The app's snapshot of the national statistics, saved under the data directory."""
    snapshot = current_app.extensions.get(SNAPSHOT_KEY)
    if snapshot is None:
        database = services().database
        snapshot = Snapshot(
            lambda: compute_stats(database),
            STATS_MAX_AGE,
            path=services().settings.data_dir / "cache" / "national-stats.json",
            dump=NationalStats.to_json,
            load=NationalStats.from_json,
        )
        current_app.extensions[SNAPSHOT_KEY] = snapshot
    return snapshot


def national_stats() -> NationalStats:
    """The statistics of the archive, from the latest snapshot (refreshed in the background)."""
    return stats_snapshot().get()[0]


def _year_arg(stats: NationalStats) -> int | None:
    raw = (request.args.get("year") or "").strip()
    if not raw:
        return stats.years[-1] if stats.years else None
    if not (raw.isascii() and raw.isdigit()):
        raise InvalidSearchArguments("invalid_year", f"“{raw}” 不是有效的年份。")
    return int(raw)


def stats_document(stats: NationalStats, year: int | None) -> dict[str, Any]:
    """The JSON form: every year, and the provinces and levels of ``year``."""
    return {
        "year": year,
        "by_year": [{"year": y, **stats.by_year[y].as_dict()} for y in stats.years],
        "by_province": [
            {"province": province, **group.as_dict()}
            for (group_year, province), group in sorted(stats.by_province.items())
            if group_year == year
        ],
        "by_level": [
            {"level": level, **group.as_dict()}
            for (group_year, level), group in sorted(stats.by_level.items())
            if group_year == year
        ],
    }


@blueprint.get("/stats")
def show() -> str:
    """The national picture."""
    stats, computed_at = stats_snapshot().get()
    year = _year_arg(stats)
    document = stats_document(stats, year)
    chart = {
        "years": stats.years,
        "series": [
            {"label": label, "values": [_percent(row[key]) for row in document["by_year"]]}
            for key, label in (
                ("on_time_rate", "按时发布率"),
                ("arithmetic_error_rate", "统计表存在不一致的比例"),
                ("continuity_break_rate", "前后年度不衔接的比例"),
            )
        ],
    }
    return render_template(
        "stats.html",
        rate_figure=FIGURES_BY_KEY["disclosure_rate"],
        rate_figures=[
            FIGURES_BY_KEY[key]
            for key in (
                "disclosure_rate",
                "grant_rate",
                "denial_rate",
                "review_correction_rate",
                "litigation_correction_rate",
            )
        ],
        document=document,
        years=stats.years,
        year=year,
        chart=chart,
        computed_at=computed_at,
        level_label=lambda value: labels.value_label("level", value),
        province_codes={d.name: d.code for d in load_divisions().values() if d.level == "province"},
    )


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


@blueprint.get("/stats.csv")
def export_csv() -> Response:
    """Every group of every year as CSV."""
    stats = national_stats()
    rows = []
    for year in stats.years:
        rows.append(_csv_row("national", year, "", stats.by_year[year].as_dict()))
    for (year, province), group in sorted(stats.by_province.items()):
        rows.append(_csv_row("province", year, province, group.as_dict()))
    for (year, level), group in sorted(stats.by_level.items()):
        rows.append(_csv_row("level", year, level, group.as_dict()))
    stamp = dt.date.today().isoformat()
    return csv_response(f"nianbao-stats-{stamp}.csv", CSV_COLUMNS, rows)


def _csv_row(dimension: str, year: int, group: str, values: dict[str, Any]) -> list[Any]:
    flat = {**values, **values["rates"], "dimension": dimension, "year": year, "group": group}
    return ["" if flat.get(column) is None else flat[column] for column in CSV_COLUMNS]


def stats_json() -> Response:
    """The national picture as JSON (``year`` picks the year of the province and level rows);
    served by the API as ``/api/v1/stats``."""
    stats = national_stats()
    return jsonify(stats_document(stats, _year_arg(stats)))
