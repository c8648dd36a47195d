"""``/regions/<code>``: a region's coverage in a year — expected, found, late, missing — with its
sub-regions and the bodies that are late or missing (see :mod:`accountability.coverage`)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from accountability.coverage import (
    STATUSES,
    Body,
    BodyYear,
    CoverageCounts,
    ReportFacts,
    body_statuses,
)
from accountability.identity import Lineage
from parsers.tagging.gazetteer import Division, load_divisions
from portal.resources import services
from portal.search_params import InvalidSearchArguments
from storage.agency_links import link_rows
from storage.models import Report

blueprint = Blueprint("region_pages", __name__)

#: Bodies listed per status on a region page.
LISTED = 200
STATUS_LABELS = {
    "found": "按时或未判断",
    "late": "逾期",
    "missing": "本年缺失",
    "unknown": "从未见到",
}


@cache
def _children() -> dict[str, list[Division]]:
    children: dict[str, list[Division]] = defaultdict(list)
    for division in load_divisions().values():
        if division.parent_code:
            children[division.parent_code].append(division)
    for listed in children.values():
        listed.sort(key=lambda d: d.code)
    return dict(children)


def descendants(division: Division) -> list[Division]:
    """Every division inside ``division``."""
    found, stack = [], list(_children().get(division.code, []))
    while stack:
        child = stack.pop()
        found.append(child)
        stack.extend(_children().get(child.code, []))
    return found


def government_of(division: Division) -> Body:
    """The government a division should have (a 街道's office, else a 人民政府)."""
    kind = "办事处" if division.name.endswith("街道") else "人民政府"
    return Body(f"gov:{division.full_code}", division.name + kind, division.full_code, True)


def lineage(division: Division) -> list[Division]:
    """The division's ancestors, outermost first, then itself."""
    divisions = load_divisions()
    chain = [division]
    while chain[0].parent_code and chain[0].parent_code in divisions:
        chain.insert(0, divisions[chain[0].parent_code])
    return chain


def _facts(prefix: str) -> tuple[list[ReportFacts], Lineage]:
    with services().database.session() as session:
        agency_lineage = Lineage(link_rows(session))
        rows = session.execute(
            select(
                Report.id,
                Report.agency,
                Report.agency_kind,
                Report.division_code,
                Report.year,
                Report.findings,
            ).where(Report.division_code.like(f"{prefix}%"), Report.year.is_not(None))
        ).all()
    facts = [
        ReportFacts(
            report_id=row.id,
            agency=row.agency or f"报告 {row.id}",
            agency_kind=row.agency_kind,
            division_code=row.division_code,
            year=int(row.year),
            late=any(
                f.get("rule") == "timeliness" and f.get("status") == "fail"
                for f in row.findings or []
            ),
        )
        for row in rows
    ]
    return facts, agency_lineage


@blueprint.get("/regions/<code>")
def show(code: str) -> tuple[str, int] | str:
    """A region's coverage in a year (``year``; default the latest year with reports there)."""
    division = load_divisions().get(code)
    if division is None:
        abort(404, description="没有这个行政区划代码。")
    facts, agencies = _facts(code)
    years = sorted({fact.year for fact in facts})
    raw_year = (request.args.get("year") or "").strip()
    if raw_year and not (raw_year.isascii() and raw_year.isdigit()):
        raise InvalidSearchArguments("invalid_year", f"“{raw_year}” 不是有效的年份。")
    year = int(raw_year) if raw_year else (years[-1] if years else None)
    inside = [division, *descendants(division)]
    statuses = (
        body_statuses([government_of(d) for d in inside], facts, year, agencies) if year else []
    )
    total = CoverageCounts()
    for status in statuses:
        total.add(status.status)
    children = _children().get(division.code, [])
    rows = []
    for child in children:
        counts = CoverageCounts()
        for status in statuses:
            if (status.body.division_code or "").startswith(child.code):
                counts.add(status.status)
        rows.append((child, counts))
    return render_template(
        "region.html",
        division=division,
        lineage=lineage(division),
        year=year,
        years=years,
        total=total,
        rows=rows,
        statuses=STATUSES,
        status_labels=STATUS_LABELS,
        late=_listed(statuses, "late"),
        missing=_listed(statuses, "missing"),
    )


def _listed(statuses: list[BodyYear], status: str) -> list[BodyYear]:
    chosen = [s for s in statuses if s.status == status]
    return sorted(chosen, key=lambda s: s.body.name)[:LISTED]
